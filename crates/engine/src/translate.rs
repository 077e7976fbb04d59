//! The query's plain words in the other language: a Ukrainian query also finds English
//! reporting and an English one Ukrainian reporting, through the bilingual term table.
//! Two adjacent words the table knows as one unit ("воєнний стан") translate as a phrase
//! ("martial law") as well as word by word; a Ukrainian word it does not know that no
//! article has is sought through a stem of it the table knows, unless it is a name the
//! other script writes ("Данілов" is Danilov, not "дані"); a word with other writings
//! (a name's romanisations) through theirs too; a name as the other script writes it
//! ("Шойгу" as "Shoigu" and back: a Latin one the table does not know, a Cyrillic one
//! typed capitalised whatever the table says); a word it knows nothing of as the loanword
//! the other script spells alike ("ескалація" as "escalation", [`crate::loanwords`]); any
//! other word it does not know (a number) is sought as written only.

use frontline_lexicon::{Lexicon, Translation};
use tantivy::Score;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query};
use tantivy::schema::Field;

use crate::case::is_capitalised;
use crate::compounds::Writing;
use crate::error::Error;
use crate::index::Loaded;
use crate::loanwords;
use crate::place_terms::{Form, joined_form, renumbered};
use crate::query::{is_cyrillic, single_term, tokens, weighted_form};
use crate::romanisations::in_other_script;

/// Weight of matches through a translation beside matches of the words as written: a
/// translation is a guess, so a text in the query's own words ranks first, all else alike.
pub(crate) const TRANSLATION_BOOST: Score = 0.4;

/// A word's query in the other language and the translations it was sought as.
pub(crate) struct Translated {
    pub query: Box<dyn Query>,
    pub sought_as: Vec<String>,
}

/// Each of `words` (the query's optional groups that are one plain word, in order, with
/// its other writings; `None` for the other groups) in the other language, when the table
/// knows it, a stem of it or another writing of it as one term (a name's other
/// romanisation), so every writing of a word is translated alike; and a name as the other
/// script writes it ([`in_other_script`]), first. A pair of adjacent words the table knows
/// as one unit translates as that unit, the translation serving both, beside each word's
/// own.
pub(crate) fn translated(
    loaded: &Loaded,
    words: &[Option<(&str, &[Writing])>],
) -> Result<Vec<Option<Translated>>, Error> {
    let lexicon = Lexicon::bundled();
    // The one analysed term of each plain word.
    let mut terms = Vec::with_capacity(words.len());
    for word in words {
        let term = match word {
            Some((w, _)) => single_term(loaded, loaded.fields.body, w)?,
            None => None,
        };
        terms.push(term);
    }
    // Each word's translations, with those of its one-term writings.
    let mut known: Vec<Vec<Translation>> = Vec::with_capacity(terms.len());
    for (term, word) in terms.iter().zip(words) {
        let others: Vec<&str> = word
            .iter()
            .flat_map(|(_, others)| others.iter())
            .filter(|w| !w.family)
            .map(|w| w.terms.as_str())
            .filter(|t| !t.contains(' '))
            .collect();
        let sources: Vec<&[Translation]> = term
            .as_deref()
            .into_iter()
            .chain(others.iter().copied())
            .map(|t| lexicon.translations(t))
            .collect();
        let mut translations = merged(&sources);
        // A name is also sought as the other script writes it: a Cyrillic word typed as a
        // name whatever the table says (it may know the word in another sense, "Лавров" as
        // a monastery), a Latin one the table does not know (it knows most other words).
        let mut names: Vec<Translation> = Vec::new();
        if let Some((w, _)) = word
            && (translations.is_empty() || is_cyrillic(w) && is_capitalised(w))
        {
            names = in_other_script(loaded, w)?
                .into_iter()
                .filter(|term| !translations.iter().any(|t| t.term == *term))
                .map(|term| Translation { term, weight: 1.0 })
                .collect();
        }
        // A word is read through a stem only when neither it nor another writing of it
        // is in the table, so every writing the table knows is translated alike; and not
        // a name the other script writes: "Данілов" is Danilov, not "дані" (Denmark).
        if translations.is_empty()
            && names.is_empty()
            && let Some(t) = term
        {
            translations = merged(&[own_translations(loaded, lexicon, t)?]);
        }
        // Last, a loanword is its own spelling in the other script; a capitalised word
        // ("Мобілізація" opening a query) too, when it is no name the other script writes.
        if translations.is_empty()
            && names.is_empty()
            && let Some((w, _)) = word
            && let Some(term) = loanwords::borrowed(loaded, w)?
        {
            translations.push(Translation { term, weight: 1.0 });
        }
        // Sure of the name, first: the nearness of the words is sought through it.
        names.append(&mut translations);
        known.push(names);
    }
    let mut out: Vec<Option<Translated>> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let unit = match (terms.get(i), terms.get(i + 1)) {
            (Some(Some(a)), Some(Some(b))) => lexicon.translations(&format!("{a} {b}")),
            _ => &[],
        };
        if unit.is_empty() {
            out.push(sought(loaded, &[&known[i]])?);
            i += 1;
        } else {
            // Each word of a unit is sought as the unit and as itself: the table may know
            // the pair by a narrower sense than its words ("масові вбивства" is
            // "massacre", "вбивства" alone "murder").
            out.push(sought(loaded, &[unit, &known[i]])?);
            out.push(sought(loaded, &[unit, &known[i + 1]])?);
            i += 2;
        }
    }
    Ok(out)
}

/// Whether `word` (a plain word) has a translation: the table knows it or a stem of it, it
/// is a name the other script's articles write, or a loanword they spell alike.
pub(crate) fn knows(loaded: &Loaded, word: &str) -> Result<bool, Error> {
    Ok(match single_term(loaded, loaded.fields.body, word)? {
        Some(term) => {
            !own_translations(loaded, Lexicon::bundled(), &term)?.is_empty()
                || !in_other_script(loaded, word)?.is_empty()
                || loanwords::borrowed(loaded, word)?.is_some()
        }
        None => false,
    })
}

/// The translations of several writings of one word as one list: each term once, at its
/// surest, surest first (then in the term's order), whichever writing was typed.
fn merged(sources: &[&[Translation]]) -> Vec<Translation> {
    let mut all: Vec<Translation> = Vec::new();
    for t in sources.iter().flat_map(|s| s.iter()) {
        match all.iter_mut().find(|a| a.term == t.term) {
            Some(a) => a.weight = a.weight.max(t.weight),
            None => all.push(t.clone()),
        }
    }
    all.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.term.cmp(&b.term))
    });
    all
}

/// Most letters a word may lose to reach a stem the table knows: enough for a derived
/// word's suffix ("зернов-ий" from "зерн-о"), too few to reach most unrelated roots.
const MAX_STEM_CUT: usize = 3;
/// Fewest letters such a stem keeps.
const MIN_STEM_CHARS: usize = 4;

/// The translations of an analysed `term`; for a Cyrillic term the table does not know
/// and no article has, those of the longest stem of it, at most a few letters shorter, that
/// the table knows: a Ukrainian word derived from a known one ("зерновий", of grain, from
/// "зерно") is read through its root rather than left out. Only then: a stem is a guess,
/// right for most words but not all, and a word some article has is better sought as
/// written. Not for English, whose stemmer already joins a word's derivations: an English
/// word no article has is a misspelling, better read as its correction.
fn own_translations<'l>(
    loaded: &Loaded,
    lexicon: &'l Lexicon,
    term: &str,
) -> Result<&'l [Translation], Error> {
    let direct = lexicon.translations(term);
    if !direct.is_empty() || !is_cyrillic(term) {
        return Ok(direct);
    }
    let searcher = loaded.searcher();
    let f = &loaded.fields;
    for field in [f.body, f.title] {
        if searcher.doc_freq(&Term::from_field_text(field, term))? > 0 {
            return Ok(direct);
        }
    }
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    for cut in 1..=MAX_STEM_CUT {
        let Some(keep) = chars
            .len()
            .checked_sub(cut)
            .filter(|&k| k >= MIN_STEM_CHARS)
        else {
            break;
        };
        let found = lexicon.translations(&term[..chars[keep].0]);
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(direct)
}

/// A word's query through the translations of one or more sources (a unit, the word
/// itself), each weighted beside the likeliest of its own source; none without any.
fn sought(loaded: &Loaded, sources: &[&[Translation]]) -> Result<Option<Translated>, Error> {
    let mut weighted: Vec<(&str, Score)> = Vec::new();
    for source in sources {
        let best = source.iter().map(|t| t.weight).fold(0.0, f32::max);
        for t in *source {
            if !weighted.iter().any(|(term, _)| *term == t.term) {
                weighted.push((&t.term, t.weight / best));
            }
        }
    }
    if weighted.is_empty() {
        return Ok(None);
    }
    let query = Box::new(BoostQuery::new(
        alternatives(loaded, &weighted)?,
        TRANSLATION_BOOST,
    ));
    let sought_as = weighted.iter().map(|(t, _)| t.to_string()).collect();
    Ok(Some(Translated { query, sought_as }))
}

/// The terms of `words` (each plain word with its likeliest translation, if any) in
/// `field` in the other language, in order: a unit's translation once, a word without one
/// as written (a name, a number). None when no word has a translation.
pub(crate) fn in_other_language(
    loaded: &Loaded,
    field: Field,
    words: &[(&str, Option<&str>)],
) -> Result<Option<Form>, Error> {
    if words.iter().all(|(_, t)| t.is_none()) {
        return Ok(None);
    }
    let mut terms: Form = Vec::new();
    let mut previous = None;
    for &(word, translation) in words {
        match translation {
            // The two words of a unit share its translation.
            Some(t) if previous == Some(t) => {}
            Some(t) => terms.extend(joined_form(field, t)),
            None => terms.extend(tokens(loaded, field, word)?),
        }
        previous = translation;
    }
    Ok(Some(renumbered(terms)))
}

/// A text scores by its best translation, each weighted as `weighted` says.
fn alternatives(loaded: &Loaded, weighted: &[(&str, Score)]) -> Result<Box<dyn Query>, Error> {
    let f = &loaded.fields;
    let mut subs: Vec<Box<dyn Query>> = Vec::new();
    for &(term, weight) in weighted {
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for field in [f.title, f.body] {
            fields.push((
                Occur::Should,
                weighted_form(loaded, joined_form(field, term))?,
            ));
        }
        subs.push(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(fields)),
            weight,
        )));
    }
    Ok(Box::new(DisjunctionMaxQuery::new(subs)))
}
