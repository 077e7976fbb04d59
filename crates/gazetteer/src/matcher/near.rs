//! Misspelt names: the surface forms within one or two edits of a word, found by walking
//! a Levenshtein automaton over the matcher's FST. [`Within`] and [`edits`] walk any
//! tantivy FST alike (the engine's "did you mean" walks the index's vocabulary).

use std::sync::LazyLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};
use tantivy_fst::{Automaton, IntoStreamer, Streamer};

use super::{Candidate, Matcher};
use crate::fold::fold_key;

/// A Levenshtein DFA walked over an FST.
pub struct Within<'a>(pub &'a DFA);

impl Automaton for Within<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// Builders for one and two edits (a transposition counts as one); costly to make, so
/// made once.
static EDITS: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

/// The automaton builder for `max_edits` (1 or 2) edits, a transposition counting as one.
pub fn edits(max_edits: u8) -> &'static LevenshteinAutomatonBuilder {
    &EDITS[usize::from(max_edits.clamp(1, 2) - 1)]
}

impl Matcher {
    /// Places whose name (any spelling) is within `max_edits` (1 or 2) of `word` and starts
    /// with its letter, with the edits each takes: what a misspelt name ("Mariupl",
    /// "Kramatorks") meant. People seldom miss a name's first letter, and keeping it lets
    /// the walk skip all forms but those starting with it.
    pub fn near_misses(&self, word: &str, max_edits: u8) -> Vec<(u8, Candidate)> {
        let key = fold_key(word.trim());
        let Some(first) = key.chars().next() else {
            return Vec::new();
        };
        let mut after = first.to_string().into_bytes();
        if let Some(last) = after.last_mut() {
            *last = last.saturating_add(1);
        }
        let dfa = edits(max_edits).build_dfa(&key);
        let mut stream = self
            .forms
            .search(Within(&dfa))
            .ge(first.to_string())
            .lt(after)
            .into_stream();
        let mut out: Vec<(u8, Candidate)> = Vec::new();
        while let Some((form, idx)) = stream.next() {
            let Distance::Exact(edits) = dfa.eval(form) else {
                continue;
            };
            let Some(targets) = usize::try_from(idx).ok().and_then(|i| self.targets.get(i)) else {
                continue;
            };
            for t in targets.iter().filter(|t| t.endings.allowed().contains(&"")) {
                let c = Candidate {
                    place: t.place,
                    form: t.form,
                };
                if !out.iter().any(|(_, o)| *o == c) {
                    out.push((edits, c));
                }
            }
        }
        out
    }
}
