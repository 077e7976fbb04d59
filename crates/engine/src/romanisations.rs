//! A name in Latin letters is one name however it was romanised: Zelensky, Zelenskyy and
//! Zelenskiy; Podolyak and Podoliak; Shoigu and Shoygu; Zaluzhny and Zaluzhnyi. The
//! romanisations of one Ukrainian or Russian name mostly differ in how they write the
//! letters й, и, і, ї and ы (y, i, j, iy, yy, yi), so two words that read alike once those
//! are folded ([`folded`]) are one name. Any Latin word of a few letters is read so, names
//! being what such words mostly are ("dryer" and "drier" meet too, harmlessly). A query's
//! word is also sought as every term of the articles' texts that folds as its own does,
//! found by walking an automaton of the fold over the index's vocabulary.

use tantivy_fst::Automaton;

use crate::error::Error;
use crate::index::Loaded;
use crate::query::single_term;

/// Shortest term sought in its other romanisations: short words differ in one vowel too
/// often ("bite", "byte").
const MIN_LETTERS: usize = 5;

/// `word` (lowercase Latin letters) with y, and j at either end, read as i and a run of i
/// as one: the letters romanisations of one name disagree on. A j within a word is most
/// often a j ("Beijing"), at its ends й ("Jermak", "Andrij").
fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let last = word.len().saturating_sub(1);
    for (at, c) in word.bytes().enumerate() {
        let c = if c == b'y' || c == b'j' && (at == 0 || at == last) {
            b'i'
        } else {
            c
        };
        if !(c == b'i' && out.ends_with('i')) {
            out.push(char::from(c));
        }
    }
    out
}

/// The other romanisations of `word` the articles' texts have, as the index holds them
/// (analysed terms), in the vocabulary's order. None for a word of other letters or of
/// fewer than [`MIN_LETTERS`].
pub(crate) fn other_romanisations(loaded: &Loaded, word: &str) -> Result<Vec<String>, Error> {
    let field = loaded.fields.body;
    let Some(key) = single_term(loaded, field, word)? else {
        return Ok(Vec::new());
    };
    if key.len() < MIN_LETTERS || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(Vec::new());
    }
    let target = folded(&key);
    let automaton = FoldsTo(target.as_bytes());
    let mut found: Vec<String> = Vec::new();
    for segment in loaded.searcher().segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            if let Ok(text) = std::str::from_utf8(stream.key())
                && text != key
                && !found.iter().any(|f| f == text)
            {
                found.push(text.to_string());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Accepts exactly the words of lowercase Latin letters that fold ([`folded`]) to the
/// target, so every romanisation of a name finds the same others, however far apart.
struct FoldsTo<'a>(&'a [u8]);

/// How far a word read so far folds along the target.
#[derive(Clone, Copy)]
enum Fold {
    Dead,
    Along {
        /// Bytes of the target matched.
        matched: usize,
        /// Whether any byte was read: a j first is an i.
        started: bool,
        /// A j read last and not yet placed: an i if the word ends there, else a j.
        pending_j: bool,
    },
}

impl FoldsTo<'_> {
    /// The state after the folded letter `c` is pushed onto a fold that has matched
    /// `matched` bytes of the target.
    fn push(&self, matched: usize, c: u8) -> Option<usize> {
        if c == b'i' && matched > 0 && self.0[matched - 1] == b'i' {
            return Some(matched);
        }
        (self.0.get(matched) == Some(&c)).then_some(matched + 1)
    }
}

impl Automaton for FoldsTo<'_> {
    type State = Fold;

    fn start(&self) -> Fold {
        Fold::Along {
            matched: 0,
            started: false,
            pending_j: false,
        }
    }

    fn is_match(&self, state: &Fold) -> bool {
        match *state {
            Fold::Dead => false,
            Fold::Along {
                matched, pending_j, ..
            } => {
                let end = if pending_j {
                    self.push(matched, b'i')
                } else {
                    Some(matched)
                };
                end == Some(self.0.len())
            }
        }
    }

    fn can_match(&self, state: &Fold) -> bool {
        matches!(state, Fold::Along { .. })
    }

    fn accept(&self, state: &Fold, byte: u8) -> Fold {
        let Fold::Along {
            mut matched,
            started,
            pending_j,
        } = *state
        else {
            return Fold::Dead;
        };
        if !byte.is_ascii_lowercase() {
            return Fold::Dead;
        }
        // A j followed by another letter was within the word.
        if pending_j {
            match self.push(matched, b'j') {
                Some(m) => matched = m,
                None => return Fold::Dead,
            }
        }
        let (folded, pending_j) = match byte {
            b'y' => (Some(b'i'), false),
            b'j' if !started => (Some(b'i'), false),
            b'j' => (None, true),
            b => (Some(b), false),
        };
        if let Some(c) = folded {
            match self.push(matched, c) {
                Some(m) => matched = m,
                None => return Fold::Dead,
            }
        }
        Fold::Along {
            matched,
            started: true,
            pending_j,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FoldsTo, folded};
    use tantivy_fst::Automaton;

    fn accepts(target: &str, word: &str) -> bool {
        let target = folded(target);
        let automaton = FoldsTo(target.as_bytes());
        let state = word
            .bytes()
            .fold(automaton.start(), |s, b| automaton.accept(&s, b));
        automaton.is_match(&state)
    }

    #[test]
    fn romanisations_of_one_name_fold_alike() {
        for names in [
            &[
                "zelensky",
                "zelenskyy",
                "zelenskiy",
                "zelenskyi",
                "zelenskij",
            ][..],
            &["podolyak", "podoliak"],
            &["zaluzhny", "zaluzhnyi", "zaluzhniy", "zaluzhnii"],
            &["syrskyi", "syrsky", "sirskiy", "sirski"],
            &["andrij", "andriy", "andrii"],
            &["jermak", "yermak", "iermak"],
        ] {
            for n in &names[1..] {
                assert_eq!(folded(n), folded(names[0]), "{n}");
            }
        }
        assert_ne!(folded("lukashenko"), folded("lukashenka"));
        assert_ne!(folded("zelensky"), folded("zelenska"));
        assert_ne!(folded("beijing"), folded("being"));
    }

    #[test]
    fn the_automaton_accepts_exactly_what_folds_alike() {
        let words = [
            "zelensky",
            "zelenskyy",
            "zelenskiy",
            "zelenskij",
            "zelenska",
            "zelenskyj",
            "sirskiy",
            "syrskyi",
            "syrsky",
            "beijing",
            "being",
            "beiing",
            "jermak",
            "yermak",
            "ermak",
            "andrij",
            "andrji",
            "majak",
            "maiak",
            "mayak",
        ];
        for target in words {
            for word in words {
                assert_eq!(
                    accepts(target, word),
                    folded(word) == folded(target),
                    "{target} {word}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_automaton_agrees_with_the_fold(a in "[ijya-e]{1,8}", b in "[ijya-e]{1,8}") {
            proptest::prop_assert_eq!(accepts(&a, &b), folded(&a) == folded(&b));
        }
    }
}
