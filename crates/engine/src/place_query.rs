//! A place named in a query, in any spelling or misspelt, stands for the place: the
//! documents tagged with it and every name the gazetteer knows for it.

use std::collections::HashSet;

use frontline_gazetteer::fold::fold_key;
use frontline_gazetteer::{FormKind, Gazetteer, Place, PlaceKind, matcher};
use frontline_schema::place_token;
use tantivy::Score;
use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, Query,
    TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

use crate::error::Error;
use crate::index::Loaded;
use crate::parse::{self, Atom, Clause};
use crate::place_terms::{Form, PlaceTerms};
use crate::query::{every_term_occurs, form_query, idf, is_cyrillic, script_docs, tokens};

/// Weight of a document's tag for a place the query names, beside the place's names in
/// its text: a tag counts every mention in any spelling.
const PLACE_BOOST: Score = 1.0;
/// Score an article gains when the place is its focus, as the geoparser judged (among the
/// places it names most, its title and opening weighing more): mainly about the place, it
/// ranks above an article naming it in passing. A constant, since the focus is yes or no.
const FOCUS_BOOST: Score = 1.0;

/// The one place a query text stands for: a region when it is named as one ("Kyiv
/// Oblast", "Донецька область"), else the most prominent place of that name (Kiev is Kyiv,
/// not the village in Mykolaiv Oblast); of places of like size, the one whose own name it is
/// (Sloviansk, not Nikopol, which once bore a like name).
pub(crate) fn query_place<'g>(gaz: &'g Gazetteer, text: &str) -> Option<&'g Place> {
    let candidates = gaz.matcher().lookup(text);
    let region = candidates
        .iter()
        .find(|c| c.form.names_region())
        .map(|c| gaz.place(c.place));
    let key = fold_key(text);
    let own_name = |p: &Place| {
        [&p.name, &p.name_uk, &p.name_ru]
            .iter()
            .any(|n| matcher::is_case_form(&key, n))
    };
    let places: Vec<&Place> = candidates
        .iter()
        .filter(|c| c.form == FormKind::Name)
        .map(|c| gaz.place(c.place))
        .collect();
    let largest = places.iter().map(|p| p.population).max().unwrap_or(0);
    region.or_else(|| {
        places
            .into_iter()
            .filter(|p| p.population.saturating_mul(3) >= largest)
            .max_by_key(|p| (own_name(p), p.population))
    })
}

/// Whether a query word the gazetteer reads as `place` stands for it in these articles: not
/// when no article is tagged with a place the geoparser tags while some article's text
/// has a name of it. Those articles use the name for something else, which the geoparser
/// told apart ("Lavrov" is no village Lavriv), so the word is sought as written. Decided
/// by the place alone, so every spelling of it is read alike.
pub(crate) fn stands_for(loaded: &Loaded, place: &Place) -> Result<bool, Error> {
    if place.is_query_only() {
        return Ok(true);
    }
    let tag = Term::from_field_text(loaded.fields.place_ids, &place_token(place.id));
    if loaded.searcher().doc_freq(&tag)? > 0 {
        return Ok(true);
    }
    let forms = loaded
        .place_terms
        .get_or_make(place.id, || place_terms(loaded, place))?;
    Ok(forms.title.is_empty() && forms.body.is_empty())
}

/// A place in any spelling: the documents tagged with it, those whose focus it is ranking
/// higher, and the text of every name the gazetteer knows for it. Built from the place
/// alone, so every spelling of it in a query finds the same documents with the same
/// scores.
pub(crate) fn place_query(loaded: &Loaded, place: &Place) -> Result<Box<dyn Query>, Error> {
    let f = &loaded.fields;
    let tagged = TermQuery::new(
        Term::from_field_text(f.place_ids, &place_token(place.id)),
        IndexRecordOption::WithFreqs,
    );
    let focus = TermQuery::new(
        Term::from_facet(f.focus, &Facet::from_path(place.path_segments())),
        IndexRecordOption::Basic,
    );
    let mut subs: Vec<(Occur, Box<dyn Query>)> = vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(tagged), PLACE_BOOST)),
        ),
        (
            Occur::Should,
            Box::new(ConstScoreQuery::new(Box::new(focus), FOCUS_BOOST)),
        ),
    ];
    let forms = loaded
        .place_terms
        .get_or_make(place.id, || place_terms(loaded, place))?;
    for forms in [&forms.title, &forms.body] {
        subs.extend(best_spelling(forms).map(|q| (Occur::Should, q)));
    }
    Ok(Box::new(BooleanQuery::new(subs)))
}

/// A place's names in the text of one field, title or body: what `title:Kiev` asks for,
/// the titles naming Kyiv in any spelling; nothing when no article's text there has any.
pub(crate) fn place_in_field(
    loaded: &Loaded,
    place: &Place,
    field: Field,
) -> Result<Box<dyn Query>, Error> {
    let forms = loaded
        .place_terms
        .get_or_make(place.id, || place_terms(loaded, place))?;
    let forms = if field == loaded.fields.title {
        &forms.title
    } else {
        &forms.body
    };
    Ok(best_spelling(forms).unwrap_or_else(|| Box::new(EmptyQuery)))
}

/// A text scores by its best-scoring spelling of a place, not by how many spellings it
/// mixes; none for no spelling.
fn best_spelling(forms: &[(Form, Score)]) -> Option<Box<dyn Query>> {
    if forms.is_empty() {
        return None;
    }
    let spellings = forms
        .iter()
        .map(|(form, weight)| {
            Box::new(BoostQuery::new(form_query(form.clone()), *weight)) as Box<dyn Query>
        })
        .collect();
    Some(Box::new(DisjunctionMaxQuery::new(spellings)))
}

/// For a region, the names the region table knows it by ("Kyiv region", "Київська
/// область", "Kyivshchyna"); none for another place.
pub(crate) fn region_names(place: &Place) -> Vec<String> {
    match place.kind {
        PlaceKind::Region => place.region().map(|r| r.names()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Every name the gazetteer knows for `place`, analysed for title and body and each weighed
/// ([`weighted`]), less those with a term no article has and those holding a one-word name
/// of it.
fn place_terms(loaded: &Loaded, place: &Place) -> Result<PlaceTerms, Error> {
    let f = &loaded.fields;
    let region_names = region_names(place);
    let names = [&place.name, &place.name_uk, &place.name_ru]
        .into_iter()
        .chain(&place.latin)
        .chain(&place.cyrillic)
        .chain(&region_names);
    let (mut title, mut body) = (Vec::new(), Vec::new());
    let mut seen = HashSet::new();
    for name in names.filter(|n| !n.is_empty()) {
        for (field, forms) in [(f.title, &mut title), (f.body, &mut body)] {
            let form = tokens(loaded, field, name)?;
            if form.is_empty() || !seen.insert(form.clone()) {
                continue;
            }
            if every_term_occurs(loaded, &form)? {
                forms.push(form);
            }
        }
    }
    // A name of several words holding a one-word name ("Crimea region", "Crimea") finds
    // no text the word does not, and as a phrase it would rank "Crimea region" above
    // "Crimea" by the rarity of "region" and cost a walk over positions.
    for forms in [&mut title, &mut body] {
        let words: Vec<Term> = forms
            .iter()
            .filter(|f| f.len() == 1)
            .map(|f| f[0].1.clone())
            .collect();
        forms.retain(|f| f.len() == 1 || !f.iter().any(|(_, t)| words.contains(t)));
    }
    Ok(PlaceTerms {
        title: weighted(loaded, title)?,
        body: weighted(loaded, body)?,
    })
}

/// Each of a field's `forms` of a place's names with its weight: as rare as the place is
/// among the articles of its script, however many of its names (a spelling, a case form, a
/// name of several words) they use, so an article writing the rarer "Kiev" ranks as one
/// writing "Kyiv" (as Lucene's synonym query weighs its terms), "Krivoy Rog" as "Kryvyi
/// Rih", and "Київ" in Ukrainian articles weighs what "Kyiv" does in English ones.
fn weighted(loaded: &Loaded, forms: Vec<Form>) -> Result<Vec<(Form, Score)>, Error> {
    let searcher = loaded.searcher();
    let all = searcher.num_docs();
    // A name's script is its first word's, as for the articles it is weighed among.
    let cyrillic = |form: &Form| {
        form.first()
            .is_some_and(|(_, t)| t.value().as_str().is_some_and(is_cyrillic))
    };
    // How many articles have one of the names, of the Latin names and of the Cyrillic ones.
    let mut names: [Vec<(Occur, Box<dyn Query>)>; 2] = Default::default();
    for form in &forms {
        names[usize::from(cyrillic(form))].push((Occur::Should, form_query(form.clone())));
    }
    let mut place_docs = [0u64; 2];
    for (script, names) in names.into_iter().enumerate() {
        if !names.is_empty() {
            place_docs[script] = searcher.search(&BooleanQuery::new(names), &Count)? as u64;
        }
    }
    let mut out = Vec::with_capacity(forms.len());
    for form in forms {
        let Some((_, first)) = form.first() else {
            continue;
        };
        let script_docs = script_docs(loaded, first);
        // BM25 weighs a phrase by the sum of its terms' inverse document frequencies.
        let mut own = 0.0;
        for (_, term) in &form {
            own += idf(all, searcher.doc_freq(term)?);
        }
        let weight = if script_docs == 0 || own <= 0.0 {
            1.0
        } else {
            (idf(script_docs, place_docs[usize::from(cyrillic(&form))]) / own).min(1.0)
        };
        out.push((form, weight));
    }
    Ok(out)
}

/// The place a word misspells ("Mariupl", "Kramatorks", "Zaporizhia"): of six letters or
/// more, within one edit of a name the gazetteer knows (two, from nine letters, for a word
/// no article has), and rarer in the articles than that place is. The most populous of
/// the nearest places.
pub(crate) fn misspelt_place<'g>(
    loaded: &Loaded,
    gaz: &'g Gazetteer,
    text: &str,
) -> Result<Option<&'g Place>, Error> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 6 || text.contains(char::is_whitespace) {
        return Ok(None);
    }
    let searcher = loaded.searcher();
    let word_docs = tokens(loaded, loaded.fields.body, text)?
        .iter()
        .map(|(_, t)| searcher.doc_freq(t))
        .sum::<tantivy::Result<u64>>()?;
    let nearest = |edits: u8| {
        gaz.matcher()
            .near_misses(text, edits)
            .into_iter()
            .filter(|(_, c)| c.form == FormKind::Name || c.form.names_region())
            .map(|(edits, c)| (edits, gaz.place(c.place)))
            .min_by_key(|&(edits, p)| (edits, std::cmp::Reverse(p.population)))
            .map(|(_, p)| p)
    };
    // The wider search only for words no article has: it costs several times the first.
    let place = nearest(1).or_else(|| {
        (letters >= 9 && word_docs == 0)
            .then(|| nearest(2))
            .flatten()
    });
    let Some(place) = place else {
        return Ok(None);
    };
    let place_docs = searcher.doc_freq(&Term::from_field_text(
        loaded.fields.place_ids,
        &place_token(place.id),
    ))?;
    Ok((word_docs < place_docs).then_some(place))
}

/// Merges adjacent single plain words that together name a place ("Kucheriv Yar") or a
/// region ("Kyiv Oblast", "Donetsk region").
pub(crate) fn join_place_words(gaz: &Gazetteer, parsed: &mut parse::Parsed) {
    // A required word joins too ("Kyiv Oblast AND drones"), the name required whole.
    let plain = |g: &Vec<Clause>| {
        g.len() == 1 && !g[0].negated && g[0].field.is_none() && matches!(g[0].atom, Atom::Word(_))
    };
    let word = |g: &Vec<Clause>| match &g[0].atom {
        Atom::Word(w) => w.clone(),
        _ => String::new(),
    };
    let mut i = 0;
    while i + 1 < parsed.groups.len() {
        let mut joined = false;
        for n in [3usize, 2] {
            if i + n > parsed.groups.len() || !parsed.groups[i..i + n].iter().all(plain) {
                continue;
            }
            let text: Vec<String> = parsed.groups[i..i + n].iter().map(word).collect();
            let text = text.join(" ");
            if gaz
                .matcher()
                .lookup(&text)
                .iter()
                .any(|c| c.form == FormKind::Name || c.form.names_region())
            {
                let position = parsed.groups[i][0].position;
                let required = parsed.groups[i..i + n].iter().any(|g| g[0].required);
                parsed.groups.drain(i..i + n);
                parsed.groups.insert(
                    i,
                    vec![Clause {
                        atom: Atom::Word(text),
                        field: None,
                        negated: false,
                        required,
                        position,
                    }],
                );
                joined = true;
                break;
            }
        }
        i += usize::from(!joined);
        if joined {
            i += 1;
        }
    }
}
