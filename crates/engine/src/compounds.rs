//! A compound is one word however it is written: solid ("ceasefire"), hyphenated
//! ("cease-fire") or, as the analyser reads a hyphenated word, as its parts side by side.
//! A query's word is also sought in the other writing, when some article uses it.

use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::{DocSet, TERMINATED, Term};

use crate::error::Error;
use crate::index::Loaded;
use crate::place_terms::Form;
use crate::query::{every_term_occurs, tokens};

/// Shortest part a solid word is split into, and so shortest word split at all: shorter
/// parts ("de", "re") would read too many plain words as compounds.
const MIN_PART_CHARS: usize = 3;

/// Another writing of a word: as a reader would write it, and its analysed terms.
pub(crate) struct Writing {
    pub text: String,
    pub terms: Vec<String>,
}

/// The other writings of `word` some article's text has: a hyphenated word ("post-war")
/// written solid, as one term; a solid word of Latin letters ("postwar") split into two
/// words some article has side by side.
pub(crate) fn other_writings(loaded: &Loaded, word: &str) -> Result<Vec<Writing>, Error> {
    let body = loaded.fields.body;
    let mut out = Vec::new();
    if word.contains('-') {
        let solid: String = word.chars().filter(|&c| c != '-').collect();
        let form = tokens(loaded, body, &solid)?;
        if form.len() == 1 && every_term_occurs(loaded, &form)? {
            out.push(Writing {
                terms: texts(&form),
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
        let form: Form = form
            .into_iter()
            .enumerate()
            .map(|(pos, (_, t))| (pos, t))
            .collect();
        if form.len() == 2 && every_term_occurs(loaded, &form)? && phrase_occurs(loaded, &form)? {
            out.push(Writing {
                text: format!("{} {}", &word[..at], &word[at..]),
                terms: texts(&form),
            });
        }
    }
    Ok(out)
}

/// Whether some article has `form`'s terms side by side: two words that each occur need
/// not stand together ("high way" for "highway"). Stops at the first article that has them.
fn phrase_occurs(loaded: &Loaded, form: &Form) -> Result<bool, Error> {
    let searcher = loaded.searcher();
    let phrase = PhraseQuery::new_with_offset(form.clone());
    let weight = phrase.weight(EnableScoring::disabled_from_searcher(&searcher))?;
    for segment in searcher.segment_readers() {
        if weight.scorer(segment, 1.0)?.doc() != TERMINATED {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A writing's terms in `field`, in order.
pub(crate) fn in_field(field: Field, writing: &[String]) -> Form {
    writing
        .iter()
        .enumerate()
        .map(|(pos, t)| (pos, Term::from_field_text(field, t)))
        .collect()
}

fn texts(form: &Form) -> Vec<String> {
    form.iter()
        .filter_map(|(_, t)| t.value().as_str().map(str::to_string))
        .collect()
}
