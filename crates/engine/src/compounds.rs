//! A compound is one word however it is written: solid ("ceasefire"), hyphenated
//! ("cease-fire") or, as the analyser reads a hyphenated word, as its parts side by side.
//! A query's word is also sought in the other writing, when some article uses it.

use tantivy::Score;
use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::{DocSet, TERMINATED, Term};

use frontline_schema::analysis::MAX_WORD_BYTES;

use crate::derivations;
use crate::error::Error;
use crate::function_words;
use crate::index::Loaded;
use crate::place_terms::{Form, joined_form};
use crate::query::{every_term_occurs, single_term, tokens};

/// Shortest part a solid word is split into: shorter parts ("de", "re") would read too
/// many plain words as compounds.
const MIN_PART_CHARS: usize = 3;

/// Most articles with a solid word per article with its two parts side by side, for the
/// parts to be another writing of it rather than words that meet by chance ("for get"
/// beside "forget", "specific allies" beside "specifically").
const SOLID_PER_SPLIT: u64 = 20;
/// Fewest articles with the parts side by side: words meet once by chance ("war saw").
const MIN_SPLIT_DOCS: u64 = 2;

/// Another writing of a word: as a reader would write it (for a name's romanisation, as
/// the index holds it), its analysed terms joined by a space, and whether it is another
/// word of the word's family rather than the word itself.
pub(crate) struct Writing {
    pub text: String,
    pub terms: String,
    pub family: bool,
}

impl Writing {
    /// The same word written otherwise: it weighs as the word does.
    pub(crate) fn same(text: String, terms: String) -> Writing {
        Writing {
            text,
            terms,
            family: false,
        }
    }

    /// How a match in it weighs beside one of the word as typed.
    pub(crate) fn weight(&self) -> Score {
        if self.family {
            derivations::FAMILY_WEIGHT
        } else {
            1.0
        }
    }
}

/// The other writings of `word` the articles have: a hyphenated word ("post-war") written
/// solid, as one term; a solid word of Latin letters ("postwar") split into two words side
/// by side. Either way only when the two are one word ([`are_parts`],
/// [`split_is_enough`]), so each writing finds what the other does.
pub(crate) fn other_writings(loaded: &Loaded, word: &str) -> Result<Vec<Writing>, Error> {
    let body = loaded.fields.body;
    let mut out = Vec::new();
    if word.contains('-') {
        let solid: String = word.chars().filter(|&c| c != '-').collect();
        // Only a word the analyser splits at its hyphens: "war-" is "war" already.
        let (parts, form) = (tokens(loaded, body, word)?, tokens(loaded, body, &solid)?);
        let written: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
        // Two parts of Latin letters, as a solid word is split: each writing finds the
        // other.
        let splittable = written.len() == 2
            && written
                .iter()
                .all(|p| p.len() >= MIN_PART_CHARS && p.bytes().all(|b| b.is_ascii_alphabetic()));
        if splittable && parts.len() == 2 && form.len() == 1 && are_parts(loaded, &written)? {
            let solid_terms = terms(&form);
            let solid_docs = term_docs(loaded, &solid_terms)?;
            // Parts no article has side by side find nothing the solid word would not.
            if solid_docs > 0 && split_is_enough(loaded, solid_docs, &terms(&parts), true)? {
                out.push(Writing::same(solid, solid_terms));
            }
        }
        return Ok(out);
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    // A word no two indexed words make up is not tried at every letter.
    if chars.len() < 2 * MIN_PART_CHARS
        || word.len() >= 2 * MAX_WORD_BYTES
        || !chars.iter().all(|(_, c)| c.is_ascii_alphabetic())
    {
        return Ok(out);
    }
    let solid_docs = match single_term(loaded, body, word)? {
        Some(term) => term_docs(loaded, &term)?,
        None => 0,
    };
    for &(at, _) in &chars[MIN_PART_CHARS..=chars.len() - MIN_PART_CHARS] {
        let mut parts = tokens(loaded, body, &word[..at])?;
        parts.extend(tokens(loaded, body, &word[at..])?);
        if parts.len() != 2 || !are_parts(loaded, &[&word[..at], &word[at..]])? {
            continue;
        }
        let terms = terms(&parts);
        if split_is_enough(loaded, solid_docs, &terms, false)? {
            out.push(Writing::same(
                format!("{} {}", &word[..at], &word[at..]),
                terms,
            ));
        }
    }
    Ok(out)
}

/// Whether the parts `terms` (analysed, joined by a space) stand side by side in the
/// articles' texts often enough beside the `solid_docs` articles of the solid word for the
/// two to be one word; with `or_never`, also when no article has them side by side.
fn split_is_enough(
    loaded: &Loaded,
    solid_docs: u64,
    terms: &str,
    or_never: bool,
) -> Result<bool, Error> {
    let enough = solid_docs.div_ceil(SOLID_PER_SPLIT).max(MIN_SPLIT_DOCS);
    let split = phrase_docs(loaded, joined_form(loaded.fields.body, terms), enough)?;
    Ok(split >= enough || or_never && split == 0)
}

/// Whether `parts` (as written) can be a compound's: each a word of the vocabulary of
/// titles and texts' openings ("ors" of "may-ors" is none), none an English stop word
/// (Lucene's list; "not able" is no writing of "notable").
fn are_parts(loaded: &Loaded, parts: &[&str]) -> Result<bool, Error> {
    let (searcher, words) = (loaded.searcher(), loaded.fields.words);
    for part in parts {
        let Some(word) = single_term(loaded, words, part)? else {
            return Ok(false);
        };
        if function_words::is_english(&word)
            || searcher.doc_freq(&Term::from_field_text(words, &word))? == 0
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How many articles have the term `term` in their title or text, at least (the larger
/// count of the two fields).
fn term_docs(loaded: &Loaded, term: &str) -> Result<u64, Error> {
    let f = &loaded.fields;
    let searcher = loaded.searcher();
    let mut docs = 0;
    for field in [f.body, f.title] {
        docs = docs.max(searcher.doc_freq(&Term::from_field_text(field, term))?);
    }
    Ok(docs)
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
