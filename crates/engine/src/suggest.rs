//! Spelling corrections, found by walking a Levenshtein automaton over the index's
//! vocabulary of words as written (as Lucene's direct spell checker does): a word no
//! article has is replaced by the nearest word within one edit (two, from eight letters)
//! beginning with the same letter, the one the most articles have among equally near ones,
//! and in two articles at least. A plain query word in lowercase is read as its correction
//! ([`correction`]); a capitalised one (likely a name the articles do not have yet) and a
//! word of a phrase or of a `title:` or `body:` term, asked for as written, are only
//! offered corrected ("did you mean", [`suggestion`]).

use std::collections::HashMap;

use frontline_gazetteer::matcher::near::{Within, edits};
use frontline_schema::analysis::WordTokenizer;
use levenshtein_automata::Distance;
use tantivy::tokenizer::{TokenStream, Tokenizer};

use crate::case::{capitalised, is_capitalised};
use crate::error::Error;
use crate::index::Loaded;
use crate::query::{in_any_article, tokens};
use crate::response::UnderstoodTerm;

/// Words shorter than this are left alone: too many short words are one edit apart.
const MIN_LETTERS: usize = 4;
/// Fewest articles a correction must be in: a word of a single article is as likely a
/// misspelling itself.
const MIN_CORRECTION_DOCS: u64 = 2;
/// From this many letters a word may be two edits away.
const TWO_EDITS_FROM: usize = 8;

/// For a query that found nothing or left a word out, the query with each word no article
/// has, and nothing read as another, corrected: when a word was left out, that word and
/// those asked for as written (of a phrase or a `title:` or `body:` term); else any. None
/// when nothing could be.
pub(crate) fn suggestion(
    loaded: &Loaded,
    q: &str,
    groups: &[Vec<UnderstoodTerm>],
) -> Result<Option<String>, Error> {
    let mut words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
    let asked = asked_tokens(&words);
    let mut changed = false;
    // When some plain word was left out, of the plain words only those.
    let any_missing = groups.iter().flatten().any(|t| t.missing);
    for term in groups.iter().flatten() {
        let as_written = term.field.is_some() || term.text.starts_with('"');
        let eligible = (term.missing || !any_missing || as_written)
            && !term.negated
            && term.field.as_deref() != Some("source")
            && term.places.is_empty()
            && term.read_as.is_none()
            && !term.text.ends_with('*');
        if !eligible {
            continue;
        }
        for (_, word) in words_of(&term.text) {
            if let Some(better) = correction(loaded, word)? {
                // A capitalised word stays capitalised.
                let better = match is_capitalised(word) {
                    true => capitalised(&better),
                    false => better,
                };
                for (token, _) in words.iter_mut().zip(&asked).filter(|(_, a)| **a) {
                    changed |= replace_word(token, word, &better);
                }
            }
        }
    }
    Ok(changed.then(|| words.join(" ")))
}

/// Whether each of the query's whitespace-separated `tokens` asks for words, not for an
/// excluded word or an outlet's name (`-"two words"`, `source:"Kyiv Independent"`, in any
/// case), which a correction leaves alone.
fn asked_tokens(tokens: &[String]) -> Vec<bool> {
    let mut out = Vec::with_capacity(tokens.len());
    // Within a phrase, whether the phrase is left alone; a `-` there is no exclusion.
    let mut phrase: Option<bool> = None;
    for token in tokens {
        let toggles = token.matches('"').count() % 2 == 1;
        let skipped = phrase.unwrap_or_else(|| {
            token.starts_with('-') || token.to_lowercase().starts_with("source:")
        });
        out.push(!skipped);
        if toggles {
            phrase = match phrase {
                Some(_) => None,
                None => Some(skipped),
            };
        }
    }
    out
}

/// The words of `text` as the index splits them (an apostrophe within a word is part of
/// it), with where each starts.
fn words_of(text: &str) -> Vec<(usize, &str)> {
    let mut tokenizer = WordTokenizer;
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from, &text[t.offset_from..t.offset_to]));
    }
    out
}

/// Replaces each whole word `word` of `token` (between its syntax: `title:`, quotes,
/// `+`) by `better`; whether any was.
fn replace_word(token: &mut String, word: &str, better: &str) -> bool {
    let mut out = String::with_capacity(token.len());
    let mut from = 0;
    for (at, w) in words_of(token) {
        if w == word {
            out.push_str(&token[from..at]);
            out.push_str(better);
            from = at + w.len();
        }
    }
    if from == 0 {
        return false;
    }
    out.push_str(&token[from..]);
    *token = out;
    true
}

/// The correction of `word` when no article has it.
pub(crate) fn correction(loaded: &Loaded, word: &str) -> Result<Option<String>, Error> {
    let field = loaded.fields.words;
    let [(_, term)] = &tokens(loaded, field, word)?[..] else {
        return Ok(None);
    };
    let Some(key) = term.value().as_str().map(str::to_string) else {
        return Ok(None);
    };
    let letters = key.chars().count();
    let searcher = loaded.searcher();
    // The vocabulary holds only the titles and the texts' openings: a word deeper in a
    // text is no misspelling either.
    if letters < MIN_LETTERS || searcher.doc_freq(term)? > 0 || in_any_article(loaded, word)? {
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
        .filter(|(_, (_, docs))| *docs >= MIN_CORRECTION_DOCS)
        .min_by(|a, b| {
            (a.1.0, std::cmp::Reverse(a.1.1), &a.0).cmp(&(b.1.0, std::cmp::Reverse(b.1.1), &b.0))
        })
        .map(|(text, _)| text))
}

#[cfg(test)]
mod tests {
    use super::{asked_tokens, replace_word};

    #[test]
    fn only_whole_words_are_replaced_within_the_syntax() {
        let replaced = |token: &str, word: &str, better: &str| {
            let mut t = token.to_string();
            let changed = replace_word(&mut t, word, better);
            (t, changed)
        };
        assert_eq!(
            replaced("title:evacuaton", "evacuaton", "evacuation"),
            ("title:evacuation".to_string(), true)
        );
        assert_eq!(
            replaced("\"evacuaton", "evacuaton", "evacuation"),
            ("\"evacuation".to_string(), true)
        );
        assert_eq!(
            replaced("evacuatons", "evacuaton", "evacuation"),
            ("evacuatons".to_string(), false)
        );
        let tokens: Vec<String> = [
            "-\"evacuaton",
            "corridor\"",
            "Source:\"Kyiv",
            "Independent\"",
            "evacuaton",
            "\"air",
            "-defence\"",
            "Evacuaton",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        assert_eq!(
            asked_tokens(&tokens),
            [false, false, false, false, true, true, true, true]
        );
        // An apostrophe within a word leaves it one word.
        assert_eq!(
            replaced("\"обов'язок", "обов", "обох"),
            ("\"обов'язок".to_string(), false)
        );
    }
}
