//! The query's plain words in the other language: a Ukrainian query also finds English
//! reporting and an English one Ukrainian reporting, through the bilingual term table.
//! Two adjacent words the table knows as one unit ("воєнний стан") translate as a phrase
//! ("martial law"); a word it does not know (a name, a number) is sought as written.

use frontline_lexicon::{Lexicon, Translation};
use tantivy::Score;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query};

use crate::error::Error;
use crate::index::Loaded;
use crate::query::{TITLE_BOOST, minimum_should_match, tokens, weighted_form};

/// Weight of matches through a translation beside matches of the words as written: a
/// translation is a guess, so a text in the query's own words ranks first, all else alike.
const TRANSLATION_BOOST: Score = 0.5;

/// One optional group of the query: its query as written, and its word when it is a
/// single plain word.
pub(crate) struct Group<'a> {
    pub query: &'a dyn Query,
    pub word: Option<&'a str>,
}

/// The query's optional groups in the other language, and for each group the
/// translations it was sought as.
pub(crate) struct Translated {
    pub query: Box<dyn Query>,
    pub sought_as: Vec<Vec<String>>,
}

/// The query's optional groups in the other language; none when no word translates.
pub(crate) fn translated(
    loaded: &Loaded,
    groups: &[Group<'_>],
) -> Result<Option<Translated>, Error> {
    let lexicon = Lexicon::bundled();
    let body = loaded.fields.body;
    // The one analysed term of each plain word.
    let mut terms = Vec::with_capacity(groups.len());
    for g in groups {
        let term = match g.word {
            Some(w) => match tokens(loaded, body, w)?.as_slice() {
                [(_, t)] => t.value().as_str().map(str::to_string),
                _ => None,
            },
            None => None,
        };
        terms.push(term);
    }
    let mut units: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut sought_as = vec![Vec::new(); groups.len()];
    let mut i = 0;
    while i < groups.len() {
        let pair = match (terms.get(i), terms.get(i + 1)) {
            (Some(Some(a)), Some(Some(b))) => Some(format!("{a} {b}")),
            _ => None,
        };
        let (width, found) = match pair.map(|p| lexicon.translations(&p)) {
            Some(found) if !found.is_empty() => (2, found),
            _ => (
                1,
                terms[i]
                    .as_deref()
                    .map(|t| lexicon.translations(t))
                    .unwrap_or_default(),
            ),
        };
        if found.is_empty() {
            units.push((Occur::Should, groups[i].query.box_clone()));
        } else {
            units.push((Occur::Should, alternatives(loaded, found)?));
            for s in &mut sought_as[i..i + width] {
                s.extend(found.iter().map(|t| t.term.clone()));
            }
        }
        i += width;
    }
    if sought_as.iter().all(Vec::is_empty) {
        return Ok(None);
    }
    let n = units.len();
    let query: Box<dyn Query> = if n == 1 {
        units.remove(0).1
    } else {
        Box::new(BooleanQuery::with_minimum_required_clauses(
            units,
            minimum_should_match(n),
        ))
    };
    Ok(Some(Translated {
        query: Box::new(BoostQuery::new(query, TRANSLATION_BOOST)),
        sought_as,
    }))
}

/// A text scores by its best translation, each weighted by how sure the table is of it
/// beside the likeliest one.
fn alternatives(loaded: &Loaded, found: &[Translation]) -> Result<Box<dyn Query>, Error> {
    let f = &loaded.fields;
    let best = found.iter().map(|t| t.weight).fold(0.0, f32::max);
    let mut subs: Vec<Box<dyn Query>> = Vec::new();
    for t in found {
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(f.title, TITLE_BOOST), (f.body, 1.0)] {
            let form = t
                .term
                .split(' ')
                .enumerate()
                .map(|(pos, w)| (pos, Term::from_field_text(field, w)))
                .collect();
            fields.push((
                Occur::Should,
                Box::new(BoostQuery::new(weighted_form(loaded, form)?, boost)),
            ));
        }
        subs.push(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(fields)),
            t.weight / best,
        )));
    }
    Ok(Box::new(DisjunctionMaxQuery::new(subs)))
}
