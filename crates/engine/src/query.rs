//! The text part of a query: clauses through each field's analyser, at least most of the
//! words, phrases and `source:` required, words near each other ranking higher.

use frontline_gazetteer::fold::{self, is_apostrophe};
use frontline_gazetteer::{Gazetteer, Place};
use tantivy::Score;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::case::is_capitalised;
use crate::compounds;
use crate::error::Error;
use crate::index::Loaded;
use crate::parse::{self, Atom, Clause, QueryField};
use crate::place_query::{
    join_place_words, misspelt_place, place_in_field, place_query, query_place, stands_for,
};
use crate::place_terms::{Form, joined_form, renumbered};
use crate::response::UnderstoodTerm;
use crate::{cognates, derivations, function_words, romanisations, suggest, translate};

/// Weight of a word in the title beside the same word in the body, both by how rare the word
/// is among bodies: a title match adds to the body's, saturating on its own.
const TITLE_WEIGHT: Score = 0.7;
/// Weight of the query's words found near each other, over their separate scores.
const PROXIMITY_BOOST: Score = 0.2;
/// How far apart (in positions) the query's words may stand to count as near.
const PROXIMITY_SLOP: u32 = 6;
/// A word in more than one article in this many (of its script) is common.
const COMMON_SHARE: u64 = 10;

/// The terms `field`'s analyser makes of `text`, with their positions.
pub(crate) fn tokens(
    loaded: &Loaded,
    field: Field,
    text: &str,
) -> Result<Vec<(usize, Term)>, Error> {
    let mut analyzer = loaded.index.tokenizer_for_field(field)?;
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(tok) = stream.next() {
        terms.push((tok.position, Term::from_field_text(field, &tok.text)));
    }
    Ok(terms)
}

/// The one term `field`'s analyser makes of `text`; none when it makes none or several.
pub(crate) fn single_term(
    loaded: &Loaded,
    field: Field,
    text: &str,
) -> Result<Option<String>, Error> {
    Ok(match tokens(loaded, field, text)?.as_slice() {
        [(_, term)] => term.value().as_str().map(str::to_string),
        _ => None,
    })
}

/// Query for a clause's text in one field: as written, or in another writing of it (`others`,
/// from [`note_writings`]), whichever scores better. The single terms among them are
/// weighted by the rarity of the most common of the word's own writings (as Lucene's
/// synonym query weighs its terms): else an article would rank by which romanisation of a
/// name it uses. A word of its family weighs below it.
fn analyzed_word(
    loaded: &Loaded,
    field: Field,
    word: &str,
    others: &[compounds::Writing],
) -> Result<Option<Box<dyn Query>>, Error> {
    let written = tokens(loaded, field, word)?;
    if written.is_empty() {
        return Ok(None);
    }
    if others.is_empty() {
        return Ok(Some(weighted_form(loaded, written)?));
    }
    let mut forms = vec![written];
    forms.extend(others.iter().map(|w| joined_form(field, &w.terms)));
    let weights = std::iter::once(1.0).chain(others.iter().map(compounds::Writing::weight));
    let searcher = loaded.searcher();
    let mut single_docs = Vec::with_capacity(forms.len());
    for form in &forms {
        single_docs.push(match &form[..] {
            [(_, term)] => Some(searcher.doc_freq(term)?),
            _ => None,
        });
    }
    // The writing that weighs the word ([`weighing`]): its rarity and inverse document
    // frequency weigh all. A word of its family, another word, does not make it commoner.
    let own_docs: Vec<Option<u64>> = single_docs
        .iter()
        .zip(std::iter::once(false).chain(others.iter().map(|w| w.family)))
        .map(|(&docs, family)| docs.filter(|_| !family))
        .collect();
    let common_weight = match weighing(&own_docs, &single_docs) {
        Some(i) => {
            let docs = single_docs[i].unwrap_or_default();
            rarity_weight(loaded, &forms[i])? * idf(searcher.num_docs(), docs)
        }
        None => 0.0,
    };
    let all = searcher.num_docs();
    let mut alternatives: Vec<Box<dyn Query>> = Vec::with_capacity(forms.len());
    for ((form, docs), weight) in forms.into_iter().zip(single_docs).zip(weights) {
        alternatives.push(match docs {
            Some(docs) => Box::new(BoostQuery::new(
                form_query(form),
                weight * common_weight / idf(all, docs),
            )),
            None => Box::new(BoostQuery::new(weighted_form(loaded, form)?, weight)),
        });
    }
    Ok(Some(Box::new(DisjunctionMaxQuery::new(alternatives))))
}

/// Which of a word's writings weighs it, of how many articles each one-term writing is in
/// (`docs`) and each of the word's own is (`own`, none for a word of its family): the most
/// common of its own, unless no article has any, then the most common of all.
fn weighing(own: &[Option<u64>], docs: &[Option<u64>]) -> Option<usize> {
    most_common(own)
        .filter(|&i| own[i] > Some(0))
        .or_else(|| most_common(docs))
}

/// Which of several writings of a word is the most common one-term writing (the first of
/// equally common ones), of how many articles each one-term writing is in; none when no
/// writing is one term.
fn most_common(docs: &[Option<u64>]) -> Option<usize> {
    (0..docs.len())
        .filter_map(|i| docs[i].map(|d| (d, i)))
        .max_by_key(|&(d, i)| (d, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

/// A term or phrase weighted by how rare it is among the articles of its own script, not
/// of the whole corpus: a word every Ukrainian article has ("України") is as common as
/// "the" is in English, however few Ukrainian articles there are beside English ones. In a
/// title, by how rare it is among bodies: titles are short, so nearly every word is rare
/// among them, and by that rarity any title match would outweigh the whole text.
pub(crate) fn weighted_form(loaded: &Loaded, form: Form) -> Result<Box<dyn Query>, Error> {
    let weight = rarity_weight(loaded, &form)?;
    Ok(Box::new(BoostQuery::new(form_query(form), weight)))
}

/// Whether `text` is in the Cyrillic script (Ukrainian and Russian).
pub(crate) fn is_cyrillic(text: &str) -> bool {
    text.chars().any(fold::is_cyrillic)
}

/// How many articles are in the script of `term`: Cyrillic or the rest.
pub(crate) fn script_docs(loaded: &Loaded, term: &Term) -> u64 {
    if term.value().as_str().is_some_and(is_cyrillic) {
        loaded.cyrillic_docs
    } else {
        loaded.searcher().num_docs() - loaded.cyrillic_docs
    }
}

/// The mean, over `form`'s terms, of a term's inverse document frequency among the
/// articles of its script over that among all articles (at most 1); for a title's term,
/// times its inverse document frequency among bodies over that among titles (at most 1)
/// and the title's weight.
fn rarity_weight(loaded: &Loaded, form: &Form) -> Result<Score, Error> {
    let searcher = loaded.searcher();
    let all = searcher.num_docs();
    let mut weight = 0.0;
    for (_, term) in form {
        let script_docs = script_docs(loaded, term);
        let df = searcher.doc_freq(term)?;
        let global = idf(all, df);
        let mut term_weight = if script_docs == 0 || global <= 0.0 {
            1.0
        } else {
            (idf(script_docs, df) / global).min(1.0)
        };
        if term.field() == loaded.fields.title
            && df > 0
            && let Some(text) = term.value().as_str()
        {
            let in_bodies = Term::from_field_text(loaded.fields.body, text);
            let body_df = searcher.doc_freq(&in_bodies)?.max(df);
            term_weight *= TITLE_WEIGHT * idf(all, body_df) / global;
        }
        weight += term_weight;
    }
    Ok(weight / form.len().max(1) as Score)
}

/// BM25's inverse document frequency of a term `df` of `n` articles have.
pub(crate) fn idf(n: u64, df: u64) -> Score {
    let df = df.min(n) as Score;
    (1.0 + (n as Score - df + 0.5) / (df + 0.5)).ln()
}

fn prefix_query(field: Field, stem: &str) -> Result<Box<dyn Query>, Error> {
    let lowered: String = stem
        .chars()
        .filter(|&c| !is_apostrophe(c))
        .flat_map(char::to_lowercase)
        .collect();
    let pattern = format!("{}.*", regex_escape(&lowered));
    Ok(Box::new(RegexQuery::from_pattern(&pattern, field)?))
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

/// One term, or a phrase of several (`form` is not empty).
pub(crate) fn form_query(mut form: Form) -> Box<dyn Query> {
    if form.len() == 1 {
        let (_, term) = form.remove(0);
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
    } else {
        Box::new(PhraseQuery::new_with_offset(form))
    }
}

/// The other writings of a plain word (none for a phrase), as a compound, as a name in
/// other romanisations or as a Russian word's Ukrainian spelling, and the other words of an
/// English word's family, into `writings`; noted in how it was understood.
fn note_writings(
    loaded: &Loaded,
    atom: &Atom,
    understood: &mut UnderstoodTerm,
    writings: &mut Vec<compounds::Writing>,
) -> Result<(), Error> {
    let Atom::Word(word) = atom else {
        return Ok(());
    };
    *writings = compounds::other_writings(loaded, word)?;
    // A romanisation is known as the index holds it: an analysed term.
    for term in romanisations::other_romanisations(loaded, word)? {
        writings.push(compounds::Writing::same(term.clone(), term));
    }
    writings.extend(cognates::ukrainian_spelling(loaded, word)?);
    writings.extend(derivations::family(loaded, word)?);
    understood.also_written = writings.iter().map(|w| w.text.clone()).collect();
    Ok(())
}

/// The place a query text names ([`query_place`]) when it stands for it in these articles
/// ([`stands_for`]).
fn standing_place<'g>(
    loaded: &Loaded,
    gaz: &'g Gazetteer,
    text: &str,
) -> Result<Option<&'g Place>, Error> {
    Ok(match query_place(gaz, text) {
        Some(place) if stands_for(loaded, place)? => Some(place),
        _ => None,
    })
}

/// One clause's query, and how it was understood; a plain word's other writings into
/// `writings`.
fn clause_query(
    loaded: &Loaded,
    gaz: &Gazetteer,
    c: &Clause,
    understood: &mut UnderstoodTerm,
    writings: &mut Vec<compounds::Writing>,
) -> Result<Option<Box<dyn Query>>, Error> {
    let f = &loaded.fields;
    let text = match &c.atom {
        Atom::Word(t) | Atom::Phrase(t) | Atom::Prefix(t) => t.as_str(),
    };
    match (c.field, &c.atom) {
        (Some(QueryField::Source), Atom::Prefix(_)) => Err(Error::invalid(
            "bad_query",
            "source: takes an exact outlet name, not a prefix",
        )
        .at(c.position)),
        (Some(QueryField::Source), _) => Ok(Some(Box::new(TermQuery::new(
            Term::from_field_text(f.source, text),
            IndexRecordOption::Basic,
        )))),
        (field, Atom::Prefix(stem)) => {
            let fields: Vec<Field> = match field {
                Some(QueryField::Title) => vec![f.title],
                Some(QueryField::Body) => vec![f.body],
                _ => vec![f.title, f.body],
            };
            let subs = fields
                .into_iter()
                .map(|fl| prefix_query(fl, stem).map(|q| (Occur::Should, q)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(Box::new(BooleanQuery::new(subs))))
        }
        (Some(field @ (QueryField::Title | QueryField::Body)), atom) => {
            let field = if field == QueryField::Title {
                f.title
            } else {
                f.body
            };
            // A place is its every spelling in the field too; a quoted one is as written.
            if let Atom::Word(_) = atom
                && let Some(place) = standing_place(loaded, gaz, text)?
            {
                understood.places.push(place.path());
                return place_in_field(loaded, place, field).map(Some);
            }
            note_writings(loaded, atom, understood, writings)?;
            analyzed_word(loaded, field, text, writings)
        }
        (None, _) => {
            if let Some(place) = standing_place(loaded, gaz, text)? {
                understood.places.push(place.path());
                return place_query(loaded, place).map(Some);
            }
            if let Some(place) = misspelt_place(loaded, gaz, text)? {
                understood.places.push(place.path());
                understood.read_as = Some(place.name.clone());
                return place_query(loaded, place).map(Some);
            }
            note_writings(loaded, &c.atom, understood, writings)?;
            let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for field in [f.title, f.body] {
                if let Some(q) = analyzed_word(loaded, field, text, writings)? {
                    subs.push((Occur::Should, q));
                }
            }
            Ok((!subs.is_empty()).then(|| Box::new(BooleanQuery::new(subs)) as Box<dyn Query>))
        }
    }
}

/// The text part of a query (none for an empty one) and how it was understood.
type TextQuery = (Option<Box<dyn Query>>, Vec<Vec<UnderstoodTerm>>);

/// Text part of the query, and what it was understood as.
pub(crate) fn text_query(loaded: &Loaded, gaz: &Gazetteer, q: &str) -> Result<TextQuery, Error> {
    let mut parsed =
        parse::parse(q).map_err(|e| Error::invalid("bad_query", e.message).at(e.position))?;
    join_place_words(gaz, &mut parsed);
    // A lowercase plain word no article has, in either language or another writing, is
    // read as the nearest word many articles have ("evacuaton" as "evacuation"), as a
    // misspelt place name is read as the place. Per group: the word as typed, when it was
    // corrected.
    let mut typed: Vec<Option<String>> = Vec::with_capacity(parsed.groups.len());
    for group in &mut parsed.groups {
        let mut was = None;
        if let [c] = &mut group[..]
            && let Atom::Word(word) = &mut c.atom
            && c.field.is_none()
            && !c.negated
            && let Some(better) = correction_of_unknown(loaded, gaz, word)?
        {
            was = Some(std::mem::replace(word, better));
        }
        typed.push(was);
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // For each optional group: its place among the groups, and its word when it is one
    // plain word that names no place.
    let mut optional_words: Vec<(usize, Option<String>)> = Vec::new();
    // Plain words in query order with their group's place among the groups, for the
    // proximity boost.
    let mut plain_words: Vec<(&str, usize)> = Vec::new();
    let mut understood = Vec::new();
    // Per group (as `understood`): the other writings of its word, when it is one.
    let mut group_writings: Vec<Vec<compounds::Writing>> = Vec::new();
    for (group, typed) in parsed.groups.iter().zip(typed) {
        let mut ors: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut u_group = Vec::new();
        let mut writings = Vec::new();
        for c in group {
            let mut u = UnderstoodTerm {
                text: match &c.atom {
                    Atom::Word(t) => t.clone(),
                    Atom::Phrase(t) => format!("\"{t}\""),
                    Atom::Prefix(t) => format!("{t}*"),
                },
                negated: c.negated,
                required: c.required,
                read_as: None,
                field: c.field.map(|f| format!("{f:?}").to_lowercase()),
                places: Vec::new(),
                translations: Vec::new(),
                also_written: Vec::new(),
                missing: false,
            };
            if let Some(typed) = &typed {
                u.read_as = Some(std::mem::replace(&mut u.text, typed.clone()));
            }
            let mut clause_writings = Vec::new();
            if let Some(q) = clause_query(loaded, gaz, c, &mut u, &mut clause_writings)? {
                if c.negated {
                    must.push((Occur::MustNot, q));
                } else {
                    ors.push((Occur::Should, q));
                }
            }
            if group.len() == 1 {
                writings = clause_writings;
            }
            u_group.push(u);
        }
        group_writings.push(writings);
        // `source:` narrows like a filter and a quoted phrase is asked for as written:
        // never among the optional terms.
        let required = group.iter().any(|c| {
            c.required || c.field == Some(QueryField::Source) || matches!(c.atom, Atom::Phrase(_))
        });
        let mut plain = None;
        if let [c] = &group[..]
            && let Atom::Word(w) = &c.atom
            && c.field.is_none()
            && !c.negated
        {
            plain_words.push((w, understood.len()));
            plain = u_group[0].places.is_empty().then(|| w.clone());
        }
        let q: Box<dyn Query> = match ors.len() {
            0 => {
                understood.push(u_group);
                continue;
            }
            1 => ors.remove(0).1,
            _ => Box::new(BooleanQuery::new(ors)),
        };
        if required {
            must.push((Occur::Must, q));
        } else {
            optional_words.push((understood.len(), plain));
            optional.push((Occur::Should, q));
        }
        understood.push(u_group);
    }
    // Each plain word is matched as written or in the other language, by the better.
    let words: Vec<Option<(&str, &[compounds::Writing])>> = optional_words
        .iter()
        .map(|(index, w)| Some((w.as_deref()?, group_writings[*index].as_slice())))
        .collect();
    let translations = translate::translated(loaded, &words)?;
    for (((_, q), (index, _)), t) in optional.iter_mut().zip(&optional_words).zip(translations) {
        if let Some(t) = t {
            understood[*index][0].translations = t.sought_as;
            let written = std::mem::replace(q, Box::new(AllQuery));
            *q = Box::new(DisjunctionMaxQuery::new(vec![written, t.query]));
        }
    }
    // A word no article has, in either language, that nothing resembles cannot narrow
    // anything: it is left out, as Google and Meilisearch do, so "xqzjv Харкова" still
    // finds Kharkiv, unless nothing would be left to search for.
    let mut missing = Vec::with_capacity(optional.len());
    for (index, plain) in &optional_words {
        let term = &understood[*index][0];
        missing.push(match plain {
            Some(word) => {
                term.translations.is_empty()
                    && term.also_written.is_empty()
                    && !in_any_article(loaded, word)?
            }
            None => false,
        });
    }
    let something_kept = missing.contains(&false) || must.iter().any(|(o, _)| *o != Occur::MustNot);
    if missing.contains(&true) && something_kept {
        for ((index, _), &gone) in optional_words.iter().zip(&missing) {
            understood[*index][0].missing = gone;
        }
        let mut gone = missing.iter();
        optional.retain(|_| gone.next() == Some(&false));
        optional_words.retain(|(index, _)| !understood[*index][0].missing);
        plain_words.retain(|&(_, index)| !understood[index][0].missing);
    }
    // As Elasticsearch's common-terms rule: when some groups are rare, the common ones
    // only rank, so an article about "Lend-Lease" that never says "act" still matches. The
    // rare ones supply what the minimum asks beyond the common ones, at least one.
    let mut common = Vec::with_capacity(optional.len());
    for (index, _) in &optional_words {
        common.push(is_common(
            loaded,
            &understood[*index][0],
            &group_writings[*index],
        )?);
    }
    // Function words ("with", "з") rank the articles but never count toward the words a
    // match needs, as stop words do in Lucene: "refugees in Poland" asks what "refugees
    // Poland" does. Only a common one (a listed word may be a rare content word: "коло", a
    // circle), and only beside some other word asked, optional or required.
    let function: Vec<bool> = optional_words
        .iter()
        .zip(&common)
        .map(|((_, plain), &common)| {
            common
                && plain
                    .as_deref()
                    .is_some_and(|w| function_words::is_function_word(&w.to_lowercase()))
        })
        .collect();
    let other_asked = function.contains(&false) || must.iter().any(|(o, _)| *o == Occur::Must);
    if function.contains(&true) && other_asked {
        // `optional` and `common` lose the function words; `optional_words`, not read
        // below, keeps them.
        let mut kept = (Vec::new(), Vec::new());
        for ((clause, common), function) in optional.into_iter().zip(common).zip(function) {
            if function {
                must.push(clause);
            } else {
                kept.0.push(clause);
                kept.1.push(common);
            }
        }
        (optional, common) = kept;
    }
    let mut needed = minimum_should_match(optional.len());
    let n_common = common.iter().filter(|&&c| c).count();
    if n_common > 0 && n_common < optional.len() {
        needed = needed.saturating_sub(n_common).max(1);
        let mut rare = Vec::new();
        for ((occur, q), common) in optional.into_iter().zip(common) {
            if common {
                must.push((occur, q));
            } else {
                rare.push((occur, q));
            }
        }
        optional = rare;
    }
    match optional.len() {
        0 => {}
        1 => must.push((Occur::Must, optional.remove(0).1)),
        _ => must.push((
            Occur::Must,
            Box::new(BooleanQuery::with_minimum_required_clauses(
                optional, needed,
            )),
        )),
    }
    if must.is_empty() {
        return Ok((None, understood));
    }
    if must.iter().all(|(o, _)| *o == Occur::MustNot) {
        must.push((Occur::Must, Box::new(AllQuery)));
    }
    // Documents with the words near each other rank higher, in the query's language or,
    // weighted as a translation is, in the other: else a text in the query's language
    // would gain twice over its translation, by its words and by their nearness.
    if plain_words.len() >= 2 {
        // Each word with its other writings.
        let writings: Vec<(&str, &[compounds::Writing])> = plain_words
            .iter()
            .map(|&(w, i)| (w, group_writings[i].as_slice()))
            .collect();
        let translated: Vec<(&str, Option<&str>)> = plain_words
            .iter()
            .map(|&(w, i)| (w, understood[i][0].translations.first().map(String::as_str)))
            .collect();
        for field in [loaded.fields.title, loaded.fields.body] {
            let mut alternatives = Vec::new();
            alternatives.extend(near_in_any_writing(loaded, field, &writings)?);
            if let Some(terms) = translate::in_other_language(loaded, field, &translated)? {
                // A pair translated as one word ("massacre") is its words side by side.
                let other = match terms.len() {
                    1 => Some(weighted_form(loaded, terms)?),
                    _ => near(loaded, terms)?,
                };
                alternatives.extend(other.map(|q| {
                    Box::new(BoostQuery::new(q, translate::TRANSLATION_BOOST)) as Box<dyn Query>
                }));
            }
            let q: Box<dyn Query> = match alternatives.len() {
                0 => continue,
                1 => alternatives.remove(0),
                _ => Box::new(DisjunctionMaxQuery::new(alternatives)),
            };
            must.push((Occur::Should, Box::new(BoostQuery::new(q, PROXIMITY_BOOST))));
        }
    }
    Ok((Some(Box::new(BooleanQuery::new(must))), understood))
}

/// What `word` was likely meant as ([`suggest::correction`]), when no article has it and
/// nothing else reads it: no place, translation, other writing or word of its family. Not
/// for a capitalised word: likely a name the articles do not have yet ("Oreshnik" is no
/// "Oreshkin"), it is left out and offered corrected instead.
fn correction_of_unknown(
    loaded: &Loaded,
    gaz: &Gazetteer,
    word: &str,
) -> Result<Option<String>, Error> {
    if is_capitalised(word)
        || in_any_article(loaded, word)?
        || query_place(gaz, word).is_some()
        || translate::knows(loaded, word)?
        || misspelt_place(loaded, gaz, word)?.is_some()
        || !compounds::other_writings(loaded, word)?.is_empty()
        || !romanisations::other_romanisations(loaded, word)?.is_empty()
        || cognates::ukrainian_spelling(loaded, word)?.is_some()
        || !derivations::family(loaded, word)?.is_empty()
    {
        return Ok(None);
    }
    suggest::correction(loaded, word)
}

/// Whether the title or the text of some article could have `word`: each of its terms is
/// in some article (a word of several terms is sought as a phrase, which this does not
/// check).
pub(crate) fn in_any_article(loaded: &Loaded, word: &str) -> Result<bool, Error> {
    let f = &loaded.fields;
    for field in [f.body, f.title] {
        let terms = tokens(loaded, field, word)?;
        if !terms.is_empty() && every_term_occurs(loaded, &terms)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether each term of `form` is in some article.
pub(crate) fn every_term_occurs(loaded: &Loaded, form: &Form) -> Result<bool, Error> {
    let searcher = loaded.searcher();
    for (_, term) in form {
        if searcher.doc_freq(term)? == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether a query group is common: a plain word (in its most common writing, of
/// `writings`) in more than a tenth of the articles of its script. A place, a group of
/// several terms or of another kind is never common: a place is named to narrow.
fn is_common(
    loaded: &Loaded,
    term: &UnderstoodTerm,
    writings: &[compounds::Writing],
) -> Result<bool, Error> {
    let searcher = loaded.searcher();
    let narrows = term.negated
        || term.required
        || term.field.is_some()
        || !term.places.is_empty()
        || term.text.starts_with('"')
        || term.text.ends_with('*');
    if narrows {
        return Ok(false);
    }
    let body = loaded.fields.body;
    let sought = term.read_as.as_deref().unwrap_or(&term.text);
    let Some(word) = single_term(loaded, body, sought)? else {
        return Ok(false);
    };
    let word = Term::from_field_text(body, &word);
    // Its one-term writings count as the word, so every writing of it is alike common; a
    // word of its family is another word.
    let mut docs = searcher.doc_freq(&word)?;
    for other in writings
        .iter()
        .filter(|w| !w.family && !w.terms.contains(' '))
    {
        docs = docs.max(searcher.doc_freq(&Term::from_field_text(body, &other.terms))?);
    }
    Ok(is_common_in_script(loaded, &word, docs))
}

/// Whether `docs` articles are more than a tenth of those in the script of `term`.
pub(crate) fn is_common_in_script(loaded: &Loaded, term: &Term, docs: u64) -> bool {
    docs * COMMON_SHARE > script_docs(loaded, term)
}

/// How many of `n` optional query terms a match needs: all of one or two, all but one of
/// three or four, all but a quarter of more (Elasticsearch's `3<-1 5<-25%`).
fn minimum_should_match(n: usize) -> usize {
    match n {
        0..=2 => n,
        3..=4 => n - 1,
        _ => n - n / 4,
    }
}

/// Most combinations of the words' writings sought near each other; beyond them each word
/// is sought in its most common writing only.
const MAX_NEAR_WRITINGS: usize = 16;

/// One writing of a query word in one field: its terms, their summed idf, its articles
/// when it is one term, and whether it is a word of its family.
struct WritingForm {
    form: Form,
    weight: Score,
    docs: Option<u64>,
    family: bool,
}

impl WritingForm {
    /// Its articles when it is one term of the word itself, not of its family.
    fn own_docs(&self) -> Option<u64> {
        self.docs.filter(|_| !self.family)
    }
}

/// The words near each other (as [`near`]) in any combination of their writings (each
/// word as typed and its other writings the articles have), each combination weighted as
/// if each word's terms were as common as its most common own writing: no writing of a
/// name ranks above another; a word of a word's family weighs below it.
fn near_in_any_writing(
    loaded: &Loaded,
    field: Field,
    writings: &[(&str, &[compounds::Writing])],
) -> Result<Option<Box<dyn Query>>, Error> {
    let searcher = loaded.searcher();
    let all = searcher.num_docs();
    // Per word: its writings, and the idf its most common one-term writing has.
    let mut words: Vec<(Vec<WritingForm>, Score)> = Vec::with_capacity(writings.len());
    for &(typed, others) in writings {
        let mut forms = Vec::with_capacity(others.len() + 1);
        let typed_form = (tokens(loaded, field, typed)?, false);
        let other_forms = others
            .iter()
            .map(|w| (joined_form(field, &w.terms), w.family));
        let mut absent = Vec::new();
        for (form, family) in std::iter::once(typed_form).chain(other_forms) {
            if form.is_empty() {
                continue;
            }
            let (mut weight, mut docs, mut occurs) = (0.0, 0, true);
            for (_, term) in &form {
                docs = searcher.doc_freq(term)?;
                weight += idf(all, docs);
                occurs &= docs > 0;
            }
            let docs = (form.len() == 1).then_some(docs);
            let writing = WritingForm {
                form,
                weight,
                docs,
                family,
            };
            if occurs {
                forms.push(writing);
            } else {
                absent.push(writing);
            }
        }
        // A writing no article has is near nothing: left out, so a typed spelling the
        // articles lack counts no more combinations than one they have.
        if forms.is_empty() {
            forms.extend(absent.into_iter().take(1));
        }
        if forms.is_empty() {
            continue;
        }
        let own: Vec<Option<u64>> = forms.iter().map(WritingForm::own_docs).collect();
        let docs: Vec<Option<u64>> = forms.iter().map(|f| f.docs).collect();
        let most_common = weighing(&own, &docs).and_then(|i| docs[i]).unwrap_or(0);
        words.push((forms, idf(all, most_common)));
    }
    let combinations = words
        .iter()
        .fold(1usize, |n, (forms, _)| n.saturating_mul(forms.len()));
    if combinations > MAX_NEAR_WRITINGS {
        // The same writing whichever was typed.
        for (forms, _) in &mut words {
            let text = |f: &WritingForm| -> Vec<Vec<u8>> {
                f.form
                    .iter()
                    .map(|(_, t)| t.serialized_value_bytes().to_vec())
                    .collect()
            };
            // The word itself before its family.
            let best = (0..forms.len()).max_by(|&a, &b| {
                let (a, b) = (&forms[a], &forms[b]);
                b.family
                    .cmp(&a.family)
                    .then_with(|| a.docs.cmp(&b.docs))
                    .then_with(|| text(b).cmp(&text(a)))
            });
            let keep = forms.swap_remove(best.unwrap_or(0));
            *forms = vec![keep];
        }
    }
    // The words' rarity in their most common writings weighs every combination.
    let mut common_terms = Vec::new();
    for (forms, _) in &words {
        let own: Vec<Option<u64>> = forms.iter().map(WritingForm::own_docs).collect();
        let docs: Vec<Option<u64>> = forms.iter().map(|f| f.docs).collect();
        let best = weighing(&own, &docs).unwrap_or(0);
        common_terms.extend(forms[best].form.iter().cloned());
    }
    let common_rarity = rarity_weight(loaded, &common_terms)?;
    let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
    let mut combination = vec![0; words.len()];
    loop {
        let (mut terms, mut own, mut common): (Form, Score, Score) = (Vec::new(), 0.0, 0.0);
        let mut scale = 1.0;
        for (&pick, (forms, common_weight)) in combination.iter().zip(&words) {
            let writing = &forms[pick];
            terms.extend(writing.form.iter().cloned());
            if writing.family {
                scale *= derivations::FAMILY_WEIGHT;
            }
            own += writing.weight;
            common += if writing.docs.is_some() {
                *common_weight
            } else {
                writing.weight
            };
        }
        if terms.len() >= 2 {
            scale *= if own > 0.0 { common / own } else { 1.0 };
            alternatives.push(near_query(renumbered(terms), common_rarity * scale));
        }
        // The next combination, as an odometer turns.
        let mut turned = false;
        for (pick, (forms, _)) in combination.iter_mut().zip(&words) {
            *pick += 1;
            if *pick < forms.len() {
                turned = true;
                break;
            }
            *pick = 0;
        }
        if !turned {
            break;
        }
    }
    Ok(match alternatives.len() {
        0 => None,
        1 => alternatives.pop(),
        _ => Some(Box::new(DisjunctionMaxQuery::new(alternatives))),
    })
}

/// `terms` (of one field) in their order, with at most a few words between.
fn near(loaded: &Loaded, terms: Vec<(usize, Term)>) -> Result<Option<Box<dyn Query>>, Error> {
    if terms.len() < 2 {
        return Ok(None);
    }
    let weight = rarity_weight(loaded, &terms)?;
    Ok(Some(near_query(terms, weight)))
}

/// `terms` in their order with at most a few words between, weighted by `weight`.
fn near_query(terms: Form, weight: Score) -> Box<dyn Query> {
    let near = PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP);
    Box::new(BoostQuery::new(Box::new(near), weight))
}
