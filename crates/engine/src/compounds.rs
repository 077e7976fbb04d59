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

/// Another writing of a word: as a reader would write it, and its analysed terms joined by
/// a space.
pub(crate) struct Writing {
    pub text: String,
    pub terms: String,
}

/// The other writings of `word` some article's title or text has: a hyphenated word
/// ("post-war") written solid, as one term; a solid word of Latin letters ("postwar") split
/// into two words some article has side by side.
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
    for &(at, _) in &chars[MIN_PART_CHARS..=chars.len() - MIN_PART_CHARS] {
        let mut form = tokens(loaded, body, &word[..at])?;
        form.extend(tokens(loaded, body, &word[at..])?);
        if form.len() == 2 && occurs(loaded, &terms(&form))? {
            out.push(Writing {
                text: format!("{} {}", &word[..at], &word[at..]),
                terms: terms(&form),
            });
        }
    }
    Ok(out)
}

/// Whether some article's title or text has `terms` (analysed, joined by a space) side by
/// side: two words that each occur need not stand together ("high way" for "highway").
fn occurs(loaded: &Loaded, terms: &str) -> Result<bool, Error> {
    let f = &loaded.fields;
    for field in [f.body, f.title] {
        let form = joined_form(field, terms);
        if every_term_occurs(loaded, &form)? && (form.len() == 1 || phrase_occurs(loaded, form)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether some article has the phrase `form`, stopping at the first that has it.
fn phrase_occurs(loaded: &Loaded, form: Form) -> Result<bool, Error> {
    let searcher = loaded.searcher();
    let phrase = PhraseQuery::new_with_offset(form);
    let weight = phrase.weight(EnableScoring::disabled_from_searcher(&searcher))?;
    for segment in searcher.segment_readers() {
        if weight.scorer(segment, 1.0)?.doc() != TERMINATED {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A form's terms, joined by a space.
fn terms(form: &Form) -> String {
    let texts: Vec<String> = form
        .iter()
        .filter_map(|(_, t)| t.value().as_str().map(str::to_string))
        .collect();
    texts.join(" ")
}
