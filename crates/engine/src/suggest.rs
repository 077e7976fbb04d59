//! "Did you mean": for a query with no hits or a word left out, its plain words that no article has, each
//! replaced by the word within one edit (two, from eight letters) that the most articles
//! have, beginning with the same letter, found by walking a Levenshtein automaton over the index's vocabulary of words as
//! written (Lucene's direct spell checker does the same).

use std::collections::HashMap;

use frontline_gazetteer::matcher::near::{Within, edits};
use levenshtein_automata::Distance;

use crate::error::Error;
use crate::index::Loaded;
use crate::query::tokens;
use crate::response::UnderstoodTerm;

/// Words shorter than this are left alone: too many short words are one edit apart.
const MIN_LETTERS: usize = 4;
/// From this many letters a word may be two edits away.
const TWO_EDITS_FROM: usize = 8;

/// The query with each unknown plain word corrected; none when nothing could be.
pub(crate) fn suggestion(
    loaded: &Loaded,
    q: &str,
    groups: &[Vec<UnderstoodTerm>],
) -> Result<Option<String>, Error> {
    // Whole words are replaced, never a piece of another word.
    let mut words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
    let mut changed = false;
    // When some word was left out, only those: another may be deep in a text, beyond
    // the words the correction knows.
    let any_missing = groups.iter().flatten().any(|t| t.missing);
    for term in groups.iter().flatten() {
        let plain = (term.missing || !any_missing)
            && !term.negated
            && term.field.is_none()
            && term.places.is_empty()
            && term.text.chars().all(char::is_alphanumeric);
        if !plain {
            continue;
        }
        if let Some(better) = correction(loaded, &term.text)?
            && let Some(word) = words.iter_mut().find(|w| **w == term.text)
        {
            *word = better;
            changed = true;
        }
    }
    Ok(changed.then(|| words.join(" ")))
}

/// The correction of `word` when no article has it.
fn correction(loaded: &Loaded, word: &str) -> Result<Option<String>, Error> {
    let field = loaded.fields.words;
    let [(_, term)] = &tokens(loaded, field, word)?[..] else {
        return Ok(None);
    };
    let Some(key) = term.value().as_str().map(str::to_string) else {
        return Ok(None);
    };
    let letters = key.chars().count();
    let searcher = loaded.searcher();
    if letters < MIN_LETTERS || searcher.doc_freq(term)? > 0 {
        return Ok(None);
    }
    let max_edits = if letters >= TWO_EDITS_FROM { 2 } else { 1 };
    // People seldom miss a word's first letter, and keeping it lets the walk skip every
    // word that starts otherwise (Lucene's spell checker keeps it too).
    let Some(initial) = key.chars().next() else {
        return Ok(None);
    };
    let first = initial.to_string().into_bytes();
    let mut after = first.clone();
    if let Some(last) = after.last_mut() {
        *last = last.saturating_add(1);
    }
    let dfa = edits(max_edits).build_dfa(&key);
    // Articles per candidate, over every segment.
    let mut found: HashMap<String, (u8, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .search(Within(&dfa))
            .ge(&first)
            .lt(&after)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(text) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let Distance::Exact(distance) = dfa.eval(text) else {
                continue;
            };
            let entry = found.entry(text.to_string()).or_insert((distance, 0));
            entry.1 += u64::from(stream.value().doc_freq);
        }
    }
    // The nearest, then the most common, then the first in order, so answers are stable.
    Ok(found
        .into_iter()
        .min_by(|a, b| {
            (a.1.0, std::cmp::Reverse(a.1.1), &a.0).cmp(&(b.1.0, std::cmp::Reverse(b.1.1), &b.0))
        })
        .map(|(text, _)| text))
}
