//! An English word is also sought as the other words of its family: "recognition" as
//! "recognize", "invaded" as "invasion", "destruction" as "destroy". The stemmer joins a
//! word's inflections and regular derivations ("evacuation", "evacuated") but not a noun
//! whose stem the verb's does not begin ("invasion", "invad-ed"), so an article saying
//! the one never met a query for the other. The families are WordNet's links between a
//! noun naming an act, event or state (in its commonest sense too) and its verb
//! (`data/en-derivations.tsv`, written by `make en-derivations`), both read by the index's
//! analyser. A word of the family is another word, not another writing: it weighs below
//! the word as typed, neither makes the word common nor is translated.

use std::collections::HashMap;
use std::sync::LazyLock;

use frontline_schema::analysis::terms;
use tantivy::{Score, Term};

use crate::compounds::Writing;
use crate::error::Error;
use crate::index::Loaded;
use crate::query::single_term;

/// Weight of a match through a word of the family beside one of the word as typed: well
/// below it, so the family widens what a query finds ("recognized" for "recognition")
/// while the articles in the query's own words keep the first ranks.
pub(crate) const FAMILY_WEIGHT: Score = 0.3;

static TABLE: &str = include_str!("../data/en-derivations.tsv");

/// Analysed term → the other words of its family: each as written and as analysed.
static FAMILIES: LazyLock<HashMap<String, Vec<(&'static str, String)>>> =
    LazyLock::new(|| families(TABLE));

/// The table's lines (`noun<TAB>verb`, `#` comments) as analysed term → the other words,
/// each pair both ways; a pair the analyser already reads as one term is left out.
fn families(table: &'static str) -> HashMap<String, Vec<(&'static str, String)>> {
    let mut out: HashMap<String, Vec<(&'static str, String)>> = HashMap::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let Some((noun, verb)) = line.split_once('\t') else {
            continue;
        };
        let (Ok([noun_term]), Ok([verb_term])) = (
            <[String; 1]>::try_from(terms(noun)),
            <[String; 1]>::try_from(terms(verb)),
        ) else {
            continue;
        };
        if noun_term == verb_term {
            continue;
        }
        for (term, word, word_term) in [
            (noun_term.clone(), verb, verb_term.clone()),
            (verb_term, noun, noun_term),
        ] {
            let words = out.entry(term).or_default();
            if !words.iter().any(|(_, t)| *t == word_term) {
                words.push((word, word_term));
            }
        }
    }
    out
}

/// The other words of `word`'s family some article has, as writings weighted below it;
/// none for a word of other letters than Latin ones.
pub(crate) fn family(loaded: &Loaded, word: &str) -> Result<Vec<Writing>, Error> {
    if !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Vec::new());
    }
    let body = loaded.fields.body;
    let Some(term) = single_term(loaded, body, word)? else {
        return Ok(Vec::new());
    };
    let Some(words) = FAMILIES.get(&term) else {
        return Ok(Vec::new());
    };
    let searcher = loaded.searcher();
    let mut out = Vec::new();
    for (text, analysed) in words {
        if searcher.doc_freq(&Term::from_field_text(body, analysed))? > 0 {
            out.push(Writing {
                text: text.to_string(),
                terms: analysed.clone(),
                family: true,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{FAMILIES, families};

    fn family_of(word: &str) -> Vec<&'static str> {
        let term = &frontline_schema::analysis::terms(word)[0];
        FAMILIES
            .get(term)
            .map(|words| words.iter().map(|(w, _)| *w).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_noun_and_its_verb_are_one_family_both_ways() {
        assert_eq!(family_of("recognition"), ["recognize"]);
        assert_eq!(family_of("recognised"), ["recognition"]);
        assert_eq!(family_of("invaded"), ["invasion"]);
        assert!(family_of("destruction").contains(&"destroy"));
    }

    #[test]
    fn words_the_stemmer_joins_or_that_merely_resemble_are_no_family() {
        // One stem already: nothing to add.
        assert!(family_of("evacuation").is_empty());
        // Alike by chance or through a rare sense.
        assert!(!family_of("action").contains(&"act"));
        assert!(!family_of("trial").contains(&"try"));
        assert!(!family_of("attacker").contains(&"attack"));
        // A noun mostly naming a thing or a group, not the verb's act.
        assert!(!family_of("pressure").contains(&"press"));
        assert!(!family_of("settlement").contains(&"settle"));
    }

    #[test]
    fn comments_and_pairs_of_one_term_are_skipped() {
        let table = families("# note\nrecognition\trecognize\nevacuation\tevacuate\nbad line\n");
        assert_eq!(table.len(), 2, "{table:?}");
    }
}
