//! A compound is one word however it is written: solid ("ceasefire"), hyphenated
//! ("cease-fire") or, as the analyser reads a hyphenated word, as its parts side by side.
//! A query's word is also sought in the other writing, when some article uses it.

use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::{DocSet, TERMINATED};

use crate::error::Error;
use crate::index::Loaded;
use crate::place_terms::{Form, joined_form};
use crate::query::{every_term_occurs, tokens};

/// Shortest part a solid word is split into: shorter parts ("de", "re") would read too
/// many plain words as compounds.
const MIN_PART_CHARS: usize = 3;

/// Least share of the articles with a solid word that must have its two parts side by
/// side for the parts to be another writing of it, not words that meet by chance ("for
/// get" beside "forget", "specific allies" beside "specifically").
const MIN_SPLIT_SHARE: u64 = 20;

/// Another writing of a word: as a reader would write it, and its analysed terms joined by
/// a space.
pub(crate) struct Writing {
    pub text: String,
    pub terms: String,
}

/// The other writings of `word` some article's title or text has: a hyphenated word
/// ("post-war") written solid, as one term; a solid word of Latin letters ("postwar") split
/// into two words articles' texts have side by side often enough beside the solid word.
pub(crate) fn other_writings(loaded: &Loaded, word: &str) -> Result<Vec<Writing>, Error> {
    let body = loaded.fields.body;
    let mut out = Vec::new();
    if word.contains('-') {
        let solid: String = word.chars().filter(|&c| c != '-').collect();
        // Only a word the analyser splits at its hyphens: "war-" is "war" already.
        let (parts, form) = (tokens(loaded, body, word)?, tokens(loaded, body, &solid)?);
        if parts.len() > 1 && form.len() == 1 && occurs(loaded, &terms(&form))? {
            out.push(Writing {
                terms: terms(&form),
                text: solid,
            });
        }
        return Ok(out);
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if chars.len() < 2 * MIN_PART_CHARS || !chars.iter().all(|(_, c)| c.is_ascii_alphabetic()) {
        return Ok(out);
    }
    let solid_docs = match tokens(loaded, body, word)?.as_slice() {
        [(_, term)] => loaded.searcher().doc_freq(term)?,
        _ => 0,
    };
    let enough = (solid_docs / MIN_SPLIT_SHARE).max(1);
    for &(at, _) in &chars[MIN_PART_CHARS..=chars.len() - MIN_PART_CHARS] {
        let mut parts = tokens(loaded, body, &word[..at])?;
        parts.extend(tokens(loaded, body, &word[at..])?);
        if parts.len() != 2 {
            continue;
        }
        let terms = terms(&parts);
        if phrase_docs(loaded, joined_form(body, &terms), enough)? >= enough {
            out.push(Writing {
                text: format!("{} {}", &word[..at], &word[at..]),
                terms,
            });
        }
    }
    Ok(out)
}

/// Whether some article's title or text has the term `term`.
fn occurs(loaded: &Loaded, term: &str) -> Result<bool, Error> {
    let f = &loaded.fields;
    for field in [f.body, f.title] {
        if every_term_occurs(loaded, &joined_form(field, term))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// How many articles have the phrase `form` in the field of its terms, counting no further
/// than `enough`: two words that each occur need not stand together ("high way" for
/// "highway").
fn phrase_docs(loaded: &Loaded, form: Form, enough: u64) -> Result<u64, Error> {
    if !every_term_occurs(loaded, &form)? {
        return Ok(0);
    }
    let searcher = loaded.searcher();
    let phrase = PhraseQuery::new_with_offset(form);
    let weight = phrase.weight(EnableScoring::disabled_from_searcher(&searcher))?;
    let mut found = 0;
    for segment in searcher.segment_readers() {
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            found += 1;
            if found >= enough {
                return Ok(found);
            }
            doc = scorer.advance();
        }
    }
    Ok(found)
}

/// A form's terms, joined by a space.
fn terms(form: &Form) -> String {
    let texts: Vec<String> = form
        .iter()
        .filter_map(|(_, t)| t.value().as_str().map(str::to_string))
        .collect();
    texts.join(" ")
}
