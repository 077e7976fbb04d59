//! A search request → one tantivy pass collecting hits, total and facet counts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use frontline_gazetteer::fold::fold_key;
use frontline_gazetteer::{FormKind, Gazetteer, Place, PlaceKind, matcher};
use frontline_schema::place_token;
use serde::Serialize;
use tantivy::collector::{MultiCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery,
    Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Score, TantivyDocument, Term};

use crate::error::ApiError;
use crate::index::Loaded;
use crate::parse::{self, Atom, Clause, QueryField};
use crate::place_terms::{Form, PlaceTerms};

pub const DEFAULT_LIMIT: usize = 10;
pub const MAX_LIMIT: usize = 100;
/// Paging deeper than this is refused: ranking that deep is noise, and it costs memory.
pub const MAX_WINDOW: usize = 10_000;
/// Most rows one export returns.
pub const EXPORT_MAX: usize = 10_000;
/// Most settlements the `settlements` facet lists (the map's points).
const MAX_SETTLEMENTS: usize = 300;
const TITLE_BOOST: Score = 2.0;
/// Weight of a document's tag for a place the query names, beside the place's names in
/// its text: a tag counts every mention in any spelling.
const PLACE_BOOST: Score = 1.0;
/// Weight of the query's words found near each other, over their separate scores.
const PROXIMITY_BOOST: Score = 1.0;
/// How far apart (in positions) the query's words may stand to count as near.
const PROXIMITY_SLOP: u32 = 6;
const SNIPPET_CHARS: usize = 220;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// Which facets to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetSet {
    pub place: bool,
    pub focus: bool,
    pub source: bool,
    pub lang: bool,
    pub date: bool,
    /// Settlements across all regions with coordinates (for maps); not counted by default.
    pub settlements: bool,
}

impl Default for FacetSet {
    fn default() -> Self {
        FacetSet {
            place: true,
            focus: true,
            source: true,
            lang: true,
            date: true,
            settlements: false,
        }
    }
}

impl FacetSet {
    pub const NONE: FacetSet = FacetSet {
        place: false,
        focus: false,
        source: false,
        lang: false,
        date: false,
        settlements: false,
    };

    fn parse(list: &str) -> Result<FacetSet, ApiError> {
        let mut set = FacetSet::NONE;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let flag = match name {
                "place" => &mut set.place,
                "focus" => &mut set.focus,
                "source" => &mut set.source,
                "lang" => &mut set.lang,
                "date" => &mut set.date,
                "settlements" => &mut set.settlements,
                "none" => continue,
                _ => {
                    return Err(ApiError::bad_request(
                        "bad_facets",
                        format!(
                            "unknown facet {name:?}: use place, focus, source, lang, date, settlements"
                        ),
                    ));
                }
            };
            *flag = true;
        }
        Ok(set)
    }
}

/// A validated search request.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    pub places: Vec<String>,
    pub focus: Vec<String>,
    pub sources: Vec<String>,
    pub langs: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub facets: FacetSet,
    pub interval: Option<Interval>,
    /// Highlighted snippets in hits (off for exports).
    pub snippets: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            places: Vec::new(),
            focus: Vec::new(),
            sources: Vec::new(),
            langs: Vec::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
            facets: FacetSet::default(),
            interval: None,
            snippets: true,
        }
    }
}

fn parse_date(name: &str, value: &str) -> Result<NaiveDate, ApiError> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d"))
        .map_err(|_| {
            ApiError::bad_request(
                "bad_date",
                format!("{name}={value:?} is not a date; use YYYY-MM-DD"),
            )
        })
}

fn parse_facet_path(name: &str, value: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(
            "bad_facet_path",
            format!("{name}={value:?} is not a facet path like /Ukraine/Donetsk Oblast"),
        )
    };
    if !value.starts_with('/') || value.len() < 2 || value.contains("//") {
        return Err(bad());
    }
    Facet::from_text(value.trim_end_matches('/'))
        .map(|f| f.to_path_string())
        .map_err(|_| bad())
}

impl SearchRequest {
    /// Reads query-string pairs; repeated filters are ORed, different filters ANDed.
    pub fn from_params(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
        let mut r = SearchRequest::default();
        let mut sort_given = false;
        for (k, v) in pairs {
            match k.as_str() {
                "q" => r.q = v.clone(),
                "place" if !v.is_empty() => r.places.push(parse_facet_path(k, v)?),
                "focus" if !v.is_empty() => r.focus.push(parse_facet_path(k, v)?),
                "source" if !v.is_empty() => r.sources.push(v.clone()),
                "lang" if !v.is_empty() => r.langs.push(v.to_ascii_lowercase()),
                "from" if !v.is_empty() => r.from = Some(parse_date(k, v)?),
                "to" if !v.is_empty() => r.to = Some(parse_date(k, v)?),
                "place" | "focus" | "source" | "lang" | "from" | "to" | "interval" => {}
                "sort" if v.is_empty() => {} // the default order
                "sort" => {
                    sort_given = true;
                    r.sort = match v.as_str() {
                        "relevance" => Sort::Relevance,
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => {
                            return Err(ApiError::bad_request(
                                "bad_sort",
                                format!("sort={v:?}: use relevance, newest or oldest"),
                            ));
                        }
                    }
                }
                "limit" => {
                    r.limit = v.parse().ok().filter(|l| *l <= MAX_LIMIT).ok_or_else(|| {
                        ApiError::bad_request(
                            "bad_limit",
                            format!("limit={v:?}: use a whole number from 0 to {MAX_LIMIT}"),
                        )
                    })?;
                }
                "offset" => {
                    r.offset = v.parse().map_err(|_| {
                        ApiError::bad_request(
                            "bad_offset",
                            format!("offset={v:?}: use a whole number"),
                        )
                    })?;
                }
                "facets" => r.facets = FacetSet::parse(v)?,
                "snippets" => {
                    r.snippets = match v.as_str() {
                        "true" | "1" | "" => true,
                        "false" | "0" => false,
                        _ => {
                            return Err(ApiError::bad_request(
                                "bad_snippets",
                                format!("snippets={v:?}: use true or false"),
                            ));
                        }
                    }
                }
                _ => {
                    return Err(ApiError::bad_request(
                        "unknown_parameter",
                        format!("unknown parameter {k:?}"),
                    ));
                }
            }
            if k == "interval" && !v.is_empty() {
                r.interval = Some(match v.as_str() {
                    "day" => Interval::Day,
                    "week" => Interval::Week,
                    "month" => Interval::Month,
                    "year" => Interval::Year,
                    _ => {
                        return Err(ApiError::bad_request(
                            "bad_interval",
                            format!("interval={v:?}: use day, week, month or year"),
                        ));
                    }
                });
            }
        }
        if let (Some(f), Some(t)) = (r.from, r.to)
            && f > t
        {
            return Err(ApiError::bad_request(
                "bad_date",
                format!("from={f} is after to={t}"),
            ));
        }
        if r.offset + r.limit > MAX_WINDOW {
            return Err(ApiError::bad_request(
                "bad_offset",
                format!(
                    "offset + limit may be at most {MAX_WINDOW}; narrow the query with filters"
                ),
            ));
        }
        if !sort_given && r.q.trim().is_empty() {
            r.sort = Sort::Newest; // browsing by facets alone: latest first
        }
        Ok(r)
    }

    /// An export request: the same filters and order as a search, up to [`EXPORT_MAX`]
    /// rows from the first (`limit`, default 1000), no facets and no snippets.
    pub fn for_export(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
        let mut limit = 1000;
        let mut rest = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match k.as_str() {
                "limit" => {
                    limit = v.parse().ok().filter(|l| *l <= EXPORT_MAX).ok_or_else(|| {
                        ApiError::bad_request(
                            "bad_limit",
                            format!("limit={v:?}: use a whole number from 0 to {EXPORT_MAX}"),
                        )
                    })?;
                }
                "offset" | "facets" | "interval" | "snippets" => {}
                _ => rest.push((k.clone(), v.clone())),
            }
        }
        let mut req = SearchRequest::from_params(&rest)?;
        req.limit = limit;
        req.offset = 0;
        req.facets = FacetSet::NONE;
        req.snippets = false;
        Ok(req)
    }

    fn interval(&self) -> Interval {
        self.interval.unwrap_or(match (self.from, self.to) {
            (Some(f), Some(t)) if (t - f).num_days() <= 62 => Interval::Day,
            (Some(f), Some(t)) if (t - f).num_days() <= 366 => Interval::Week,
            _ => Interval::Month,
        })
    }
}

#[derive(Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct HitPlace {
    pub geonameid: u64,
    pub name: String,
    pub path: String,
    pub kind: String,
    #[serde(default)]
    pub focus: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub places: Vec<HitPlace>,
    /// BM25 score; null when sorted by date.
    pub score: Option<f32>,
    /// HTML-escaped text with matches wrapped in `<mark>`.
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// Filter value to pass back (a facet path for place/focus).
    pub value: String,
    pub label: String,
    pub count: u64,
    /// Gazetteer coordinates, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(no_recursion)]
    pub children: Vec<FacetValue>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DateBucket {
    pub key: String,
    pub from: String,
    pub to: String,
    pub count: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DateHistogram {
    pub interval: Interval,
    pub buckets: Vec<DateBucket>,
    /// Matching documents without a known date.
    pub unknown: u64,
}

#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Vec<FacetValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<Vec<FacetValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<FacetValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Vec<FacetValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateHistogram>,
    /// The most mentioned settlements in all regions, with coordinates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlements: Option<Vec<FacetValue>>,
}

/// A query word and the places it was read as.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnderstoodTerm {
    pub text: String,
    pub negated: bool,
    /// Marked `+`: every match has it.
    pub required: bool,
    /// The place name a misspelt word was read as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
    pub field: Option<String>,
    /// Place facet paths this text names in any spelling.
    pub places: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Understood {
    pub q: String,
    /// The terms of a group are ORed. A match has every required group and, of the
    /// others, all of one or two, all but one of three or four, three quarters of more.
    pub groups: Vec<Vec<UnderstoodTerm>>,
    pub place: Vec<String>,
    pub focus: Vec<String>,
    pub source: Vec<String>,
    pub lang: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    pub query: Understood,
}

/// The terms `field`'s analyser makes of `text`, with their positions.
fn tokens(loaded: &Loaded, field: Field, text: &str) -> Result<Vec<(usize, Term)>, ApiError> {
    let mut analyzer = loaded.index.tokenizer_for_field(field)?;
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(tok) = stream.next() {
        terms.push((tok.position, Term::from_field_text(field, &tok.text)));
    }
    Ok(terms)
}

/// Query for one clause's text in one field, through the field's analyser.
fn analyzed(loaded: &Loaded, field: Field, text: &str) -> Result<Option<Box<dyn Query>>, ApiError> {
    let terms = tokens(loaded, field, text)?;
    Ok((!terms.is_empty()).then(|| form_query(terms)))
}

fn prefix_query(field: Field, stem: &str) -> Result<Box<dyn Query>, ApiError> {
    let lowered: String = stem
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
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

/// The one place a query text stands for: a region when it is named as one ("Kyiv
/// Oblast", "Донецька область"), else the most prominent place of that name (Kiev is Kyiv,
/// not the village in Mykolaiv Oblast); of places of like size, the one whose own name it is
/// (Sloviansk, not Nikopol, which once bore a like name).
fn query_place<'g>(gaz: &'g Gazetteer, text: &str) -> Option<&'g Place> {
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

/// A place in any spelling: the documents tagged with it, and the text of every name the
/// gazetteer knows for it. Built from the place alone, so every spelling of it in a query
/// finds the same documents with the same scores.
fn place_query(loaded: &Loaded, place: &Place) -> Result<Box<dyn Query>, ApiError> {
    let f = &loaded.fields;
    let tagged = TermQuery::new(
        Term::from_field_text(f.place_ids, &place_token(place.id)),
        IndexRecordOption::WithFreqs,
    );
    let mut subs: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Should,
        Box::new(BoostQuery::new(Box::new(tagged), PLACE_BOOST)),
    )];
    let forms = loaded
        .place_terms
        .get_or_make(place.id, || place_terms(loaded, place))?;
    // A text scores by its best-scoring spelling, not by how many spellings it mixes.
    for (forms, boost) in [(&forms.title, TITLE_BOOST), (&forms.body, 1.0)] {
        if !forms.is_empty() {
            let best = DisjunctionMaxQuery::new(forms.iter().cloned().map(form_query).collect());
            subs.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(best), boost)),
            ));
        }
    }
    Ok(Box::new(BooleanQuery::new(subs)))
}

/// Every name the gazetteer knows for `place`, analysed for title and body, less those with
/// a term no article has.
fn place_terms(loaded: &Loaded, place: &Place) -> Result<PlaceTerms, ApiError> {
    let f = &loaded.fields;
    let searcher = loaded.searcher();
    let region_names = match place.kind {
        PlaceKind::Region => place.region().map(|r| r.names()).unwrap_or_default(),
        _ => Vec::new(),
    };
    let names = [&place.name, &place.name_uk, &place.name_ru]
        .into_iter()
        .chain(&place.latin)
        .chain(&place.cyrillic)
        .chain(&region_names);
    let mut out = PlaceTerms::default();
    let mut seen = HashSet::new();
    for name in names.filter(|n| !n.is_empty()) {
        for (field, forms) in [(f.title, &mut out.title), (f.body, &mut out.body)] {
            let form = tokens(loaded, field, name)?;
            if form.is_empty() || !seen.insert(form.clone()) {
                continue;
            }
            let mut occurs = true;
            for (_, term) in &form {
                occurs &= searcher.doc_freq(term)? > 0;
            }
            if occurs {
                forms.push(form);
            }
        }
    }
    Ok(out)
}

/// One term, or a phrase of several (`form` is not empty).
fn form_query(mut form: Form) -> Box<dyn Query> {
    if form.len() == 1 {
        let (_, term) = form.remove(0);
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
    } else {
        Box::new(PhraseQuery::new_with_offset(form))
    }
}

/// The place a word misspells ("Mariupl", "Kramatorks", "Zaporizhia"): of six letters or
/// more, within one edit of a name the gazetteer knows (two, from nine letters, for a word
/// no article has), and rarer in the articles than that place is. The most populous of
/// the nearest places.
fn misspelt_place<'g>(
    loaded: &Loaded,
    gaz: &'g Gazetteer,
    text: &str,
) -> Result<Option<&'g Place>, ApiError> {
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

fn clause_query(
    loaded: &Loaded,
    gaz: &Gazetteer,
    c: &Clause,
    understood: &mut UnderstoodTerm,
) -> Result<Option<Box<dyn Query>>, ApiError> {
    let f = &loaded.fields;
    let text = match &c.atom {
        Atom::Word(t) | Atom::Phrase(t) | Atom::Prefix(t) => t.as_str(),
    };
    match (c.field, &c.atom) {
        (Some(QueryField::Source), Atom::Prefix(_)) => Err(ApiError::bad_request(
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
        (Some(QueryField::Title), _) => analyzed(loaded, f.title, text),
        (Some(QueryField::Body), _) => analyzed(loaded, f.body, text),
        (None, _) => {
            if let Some(place) = query_place(gaz, text) {
                understood.places.push(place.path());
                return place_query(loaded, place).map(Some);
            }
            if let Some(place) = misspelt_place(loaded, gaz, text)? {
                understood.places.push(place.path());
                understood.read_as = Some(place.name.clone());
                return place_query(loaded, place).map(Some);
            }
            let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            if let Some(q) = analyzed(loaded, f.title, text)? {
                subs.push((Occur::Should, Box::new(BoostQuery::new(q, TITLE_BOOST))));
            }
            if let Some(q) = analyzed(loaded, f.body, text)? {
                subs.push((Occur::Should, q));
            }
            Ok((!subs.is_empty()).then(|| Box::new(BooleanQuery::new(subs)) as Box<dyn Query>))
        }
    }
}

/// Merges adjacent single plain words that together name a place ("Kucheriv Yar") or a
/// region ("Kyiv Oblast", "Donetsk region").
fn join_place_words(gaz: &Gazetteer, parsed: &mut parse::Parsed) {
    let plain = |g: &Vec<Clause>| {
        g.len() == 1
            && !g[0].negated
            && !g[0].required
            && g[0].field.is_none()
            && matches!(g[0].atom, Atom::Word(_))
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
                parsed.groups.drain(i..i + n);
                parsed.groups.insert(
                    i,
                    vec![Clause {
                        atom: Atom::Word(text),
                        field: None,
                        negated: false,
                        required: false,
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

/// The text part of a query (none for an empty one) and how it was understood.
type TextQuery = (Option<Box<dyn Query>>, Vec<Vec<UnderstoodTerm>>);

/// Text part of the query, and what it was understood as.
fn text_query(loaded: &Loaded, gaz: &Gazetteer, q: &str) -> Result<TextQuery, ApiError> {
    let mut parsed = parse::parse(q)
        .map_err(|e| ApiError::bad_request("bad_query", e.message).at(e.position))?;
    join_place_words(gaz, &mut parsed);
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Plain words in query order, for the proximity boost.
    let mut plain_words: Vec<&str> = Vec::new();
    let mut understood = Vec::new();
    for group in &parsed.groups {
        let mut ors: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut u_group = Vec::new();
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
            };
            if let Some(q) = clause_query(loaded, gaz, c, &mut u)? {
                if c.negated {
                    must.push((Occur::MustNot, q));
                } else {
                    ors.push((Occur::Should, q));
                }
            }
            u_group.push(u);
        }
        // `source:` narrows like a filter and a quoted phrase is asked for as written:
        // never among the optional terms.
        let required = group.iter().any(|c| {
            c.required || c.field == Some(QueryField::Source) || matches!(c.atom, Atom::Phrase(_))
        });
        if let [c] = &group[..]
            && let Atom::Word(w) = &c.atom
            && c.field.is_none()
            && !c.negated
        {
            plain_words.push(w);
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
            optional.push((Occur::Should, q));
        }
        understood.push(u_group);
    }
    match optional.len() {
        0 => {}
        1 => must.push((Occur::Must, optional.remove(0).1)),
        n => must.push((
            Occur::Must,
            Box::new(BooleanQuery::with_minimum_required_clauses(
                optional,
                minimum_should_match(n),
            )),
        )),
    }
    if must.is_empty() {
        return Ok((None, understood));
    }
    if must.iter().all(|(o, _)| *o == Occur::MustNot) {
        must.push((Occur::Must, Box::new(AllQuery)));
    }
    // Documents with the words near each other rank first.
    if plain_words.len() >= 2 {
        let text = plain_words.join(" ");
        for (field, boost) in [
            (loaded.fields.title, TITLE_BOOST),
            (loaded.fields.body, 1.0),
        ] {
            if let Some(q) = near(loaded, field, &text)? {
                must.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(q, boost * PROXIMITY_BOOST)),
                ));
            }
        }
    }
    Ok((Some(Box::new(BooleanQuery::new(must))), understood))
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

/// The words of `text` in `field`, in their order, with at most a few words between.
fn near(loaded: &Loaded, field: Field, text: &str) -> Result<Option<Box<dyn Query>>, ApiError> {
    let terms = tokens(loaded, field, text)?;
    Ok((terms.len() >= 2).then(|| {
        Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP)) as Box<dyn Query>
    }))
}

fn any_of(terms: Vec<Term>) -> Box<dyn Query> {
    let subs: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(subs)), 0.0))
}

fn to_datetime(d: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(
        d.and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp()),
    )
}

fn filters(loaded: &Loaded, req: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
    let f = &loaded.fields;
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let facet_terms = |field: Field, paths: &[String]| -> Vec<Term> {
        paths
            .iter()
            .map(|p| Term::from_facet(field, &Facet::from(p.as_str())))
            .collect()
    };
    if !req.places.is_empty() {
        out.push((Occur::Must, any_of(facet_terms(f.place, &req.places))));
    }
    if !req.focus.is_empty() {
        out.push((Occur::Must, any_of(facet_terms(f.focus, &req.focus))));
    }
    if !req.sources.is_empty() {
        out.push((
            Occur::Must,
            any_of(
                req.sources
                    .iter()
                    .map(|s| Term::from_field_text(f.source, s))
                    .collect(),
            ),
        ));
    }
    if !req.langs.is_empty() {
        out.push((
            Occur::Must,
            any_of(
                req.langs
                    .iter()
                    .map(|s| Term::from_field_text(f.lang, s))
                    .collect(),
            ),
        ));
    }
    if req.from.is_some() || req.to.is_some() {
        use std::ops::Bound;
        let lower = req.from.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.published, to_datetime(d)))
        });
        let upper = req.to.map_or(Bound::Unbounded, |d| {
            Bound::Excluded(Term::from_field_date(
                f.published,
                to_datetime(d + Duration::days(1)),
            ))
        });
        out.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                Box::new(RangeQuery::new(lower, upper)),
                0.0,
            )),
        ));
    }
    out
}

enum TopHandle {
    Score(tantivy::collector::FruitHandle<Vec<(Score, DocAddress)>>),
    Date(tantivy::collector::FruitHandle<Vec<(Option<DateTime>, DocAddress)>>),
    None,
}

fn month_range(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

use crate::facets::Counts as Levels;

/// Number of levels in a facet path (`/Ukraine/Donetsk Oblast` → 2).
fn facet_depth(path: &str) -> usize {
    Facet::from_text(path).map_or(0, |f| f.to_path().len())
}

fn check_interval(req: &SearchRequest, interval: Interval) -> Result<(), ApiError> {
    if matches!(interval, Interval::Day | Interval::Week) {
        let (Some(from), Some(to)) = (req.from, req.to) else {
            return Err(ApiError::bad_request(
                "bad_interval",
                "interval=day or week needs both from and to",
            ));
        };
        if month_range(from, to).len() > 25 {
            return Err(ApiError::bad_request(
                "bad_interval",
                "interval=day or week covers at most two years; use month",
            ));
        }
    }
    Ok(())
}

fn date_histogram(
    counts: &Levels,
    req: &SearchRequest,
    interval: Interval,
    total: usize,
) -> DateHistogram {
    let dated: u64 = counts.children("/").iter().map(|(_, _, n)| n).sum();
    // Day counts keyed by date, or month/year counts keyed by their first day.
    let mut raw: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let number = |label: &str| label.parse::<u32>().ok();
    match interval {
        Interval::Year => {
            for (_, year, n) in counts.children("/") {
                if let Some(d) = year
                    .parse()
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                {
                    raw.insert(d, n);
                }
            }
        }
        Interval::Month => {
            for (year_path, year, _) in counts.children("/") {
                let Ok(y) = year.parse::<i32>() else { continue };
                for (_, month, n) in counts.children(year_path) {
                    if let Some(d) = number(month).and_then(|m| NaiveDate::from_ymd_opt(y, m, 1)) {
                        raw.insert(d, n);
                    }
                }
            }
        }
        Interval::Day | Interval::Week => {
            if let (Some(from), Some(to)) = (req.from, req.to) {
                for (y, m) in month_range(from, to) {
                    for (_, day, n) in counts.children(&format!("/{y:04}/{m:02}")) {
                        if let Some(d) =
                            number(day).and_then(|day| NaiveDate::from_ymd_opt(y, m, day))
                            && d >= from
                            && d <= to
                        {
                            raw.insert(d, n);
                        }
                    }
                }
            }
        }
    }
    let bucket_start = |d: NaiveDate| match interval {
        Interval::Day => d,
        Interval::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Interval::Month => d.with_day(1).unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    };
    let next = |d: NaiveDate| match interval {
        Interval::Day => d + Duration::days(1),
        Interval::Week => d + Duration::days(7),
        Interval::Month => if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
        }
        .unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d),
    };
    let mut sums: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (d, n) in raw {
        *sums.entry(bucket_start(d)).or_default() += n;
    }
    sums.retain(|_, n| *n > 0);
    let first = req
        .from
        .map(bucket_start)
        .or_else(|| sums.keys().next().copied());
    let last = req
        .to
        .map(bucket_start)
        .or_else(|| sums.keys().next_back().copied());
    let mut buckets = Vec::new();
    if let (Some(mut d), Some(last)) = (first, last) {
        while d <= last && buckets.len() < 5000 {
            let end = next(d) - Duration::days(1);
            let from = iso_day(d);
            // The key is the start day cut to the interval: `2024`, `2024-03`, `2024-03-04`.
            let key = match interval {
                Interval::Day | Interval::Week => from.clone(),
                Interval::Month => from[..from.len() - 3].to_string(),
                Interval::Year => from[..from.len() - 6].to_string(),
            };
            buckets.push(DateBucket {
                key,
                from,
                to: iso_day(end),
                count: sums.get(&d).copied().unwrap_or(0),
            });
            d = next(d);
        }
    }
    DateHistogram {
        interval,
        buckets,
        unknown: (total as u64).saturating_sub(dated),
    }
}

/// `YYYY-MM-DD`. A histogram has a few hundred of these, and `format!` made them a sixth of
/// a short query's time.
fn iso_day(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    match u32::try_from(d.year()) {
        Ok(y) if y <= 9999 => push_digits(&mut out, y, 4),
        _ => out.push_str(&d.format("%Y").to_string()),
    }
    out.push('-');
    push_digits(&mut out, d.month(), 2);
    out.push('-');
    push_digits(&mut out, d.day(), 2);
    out
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

fn children(counts: &Levels, parent: &str) -> Vec<FacetValue> {
    let mut out: Vec<FacetValue> = counts
        .children(parent)
        .into_iter()
        .map(|(path, label, n)| FacetValue {
            value: path.to_string(),
            label: label.to_string(),
            count: n,
            lat: None,
            lon: None,
            children: Vec::new(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    out
}

/// A one-level facet (source, language): the value to pass back is the plain name.
fn flat(counts: &Levels) -> Vec<FacetValue> {
    let mut values = children(counts, "/");
    for v in &mut values {
        v.value = v.label.clone();
    }
    values
}

fn hierarchy(counts: &Levels, filter: Option<&String>, gaz: &Gazetteer) -> Vec<FacetValue> {
    let mut values = match filter {
        Some(p) => children(counts, p),
        None => {
            let mut top = children(counts, "/");
            for country in &mut top {
                country.children = children(counts, &country.value);
            }
            top
        }
    };
    locate(&mut values, gaz);
    values
}

/// Adds gazetteer coordinates to place facet values.
fn locate(values: &mut [FacetValue], gaz: &Gazetteer) {
    for v in values {
        if let Some(p) = gaz.by_path(&v.value) {
            v.lat = Some(p.lat);
            v.lon = Some(p.lon);
        }
        locate(&mut v.children, gaz);
    }
}

fn settlements(counts: &Levels, gaz: &Gazetteer) -> Vec<FacetValue> {
    let mut out: Vec<FacetValue> = frontline_gazetteer::REGIONS
        .iter()
        .flat_map(|r| {
            children(
                counts,
                &Facet::from_path([r.country, r.name]).to_path_string(),
            )
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    out.truncate(MAX_SETTLEMENTS);
    locate(&mut out, gaz);
    out
}

fn stored_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn lead(body: &str) -> String {
    let mut end = body.len().min(SNIPPET_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < body.len() {
        body[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    let ellipsis = if cut < body.len() { "…" } else { "" };
    format!("{}{ellipsis}", escape_html(&body[..cut]))
}

/// Places stored with a document.
pub fn stored_places(doc: &TantivyDocument, field: Field) -> Vec<serde_json::Value> {
    stored_str(doc, field)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn hit_places(doc: &TantivyDocument, field: Field) -> Vec<HitPlace> {
    stored_str(doc, field)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Bytes of body analysed for a snippet: stemming a whole long address for ten hits costs
/// more than the search, so the snippet is drawn from a window around the first place a
/// query word starts (or the head of the body).
const SNIPPET_WINDOW_BYTES: usize = 1200;

/// Starts of the query's words (five characters, so inflected forms still meet), in the
/// cases they are likely written in, to find where a body matches without analysing it.
fn snippet_hints(groups: &[Vec<UnderstoodTerm>]) -> Vec<String> {
    let mut hints = Vec::new();
    for term in groups.iter().flatten().filter(|t| !t.negated) {
        for word in term.text.split_whitespace() {
            let lower: String = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .chars()
                .take(5)
                .collect();
            if lower.chars().count() < 3 {
                continue;
            }
            let mut chars = lower.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            hints.push(lower);
            hints.push(capital);
        }
    }
    hints
}

/// Finds the earliest hint in one pass over a body.
fn hint_finder(hints: &[String]) -> Option<aho_corasick::AhoCorasick> {
    if hints.is_empty() {
        return None;
    }
    // A handful of short words searched in ten texts: compiling the automaton further
    // costs more than it saves.
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(hints)
        .ok()
}

fn window<'a>(body: &'a str, hints: Option<&aho_corasick::AhoCorasick>) -> &'a str {
    let first = hints.and_then(|h| h.find(body)).map(|m| m.start());
    let mut start = first.map_or(0, |p| p.saturating_sub(SNIPPET_WINDOW_BYTES / 4));
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + SNIPPET_WINDOW_BYTES).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[start..end]
}

/// Highlights the query's terms in `field`, rarer terms counting more (as tantivy's own
/// generator weighs them), analysing only the words that can match.
fn snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<SnippetGenerator, ApiError> {
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weights = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let docs = searcher.doc_freq(&term)?;
        if docs > 0 {
            weights.insert(text, 1.0 / (1.0 + docs as Score));
        }
    }
    let texts: Vec<String> = weights.keys().cloned().collect();
    let analyzer = frontline_schema::analysis::highlight_analyzer(&texts);
    Ok(SnippetGenerator::new(
        weights,
        analyzer,
        field,
        SNIPPET_CHARS,
    ))
}

fn highlighted(
    g: &mut SnippetGenerator,
    body: &str,
    hints: Option<&aho_corasick::AhoCorasick>,
) -> String {
    let mut s = g.snippet(window(body, hints));
    if s.is_empty() {
        return lead(body);
    }
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s.to_html()
}

/// Runs a search.
pub fn search(
    loaded: &Loaded,
    gaz: &Gazetteer,
    req: &SearchRequest,
) -> Result<SearchResponse, ApiError> {
    let started = Instant::now();
    let searcher = loaded.searcher();
    let f = &loaded.fields;
    let (text, groups) = text_query(loaded, gaz, &req.q)?;
    let mut clauses = filters(loaded, req);
    let query: Box<dyn Query> = match (&text, clauses.is_empty()) {
        (None, true) => Box::new(AllQuery),
        (text, _) => {
            clauses.push((
                Occur::Must,
                text.as_ref()
                    .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |t| t.box_clone()),
            ));
            Box::new(BooleanQuery::new(clauses))
        }
    };

    let interval = req.interval();
    if req.facets.date {
        check_interval(req, interval)?;
    }
    // Each field is counted only as deep as the answer shows it.
    let below = |filter: Option<&String>| filter.map_or(2, |p| facet_depth(p) + 1);
    let place_depth = match req.facets.settlements {
        true => 3,
        false => below(req.places.first()),
    };
    let date_depth = match interval {
        Interval::Year => 1,
        Interval::Month => 2,
        Interval::Week | Interval::Day => 3,
    };
    let fields: Vec<(&str, usize)> = [
        (
            req.facets.place || req.facets.settlements,
            "place",
            place_depth,
        ),
        (req.facets.focus, "focus", below(req.focus.first())),
        (req.facets.source, "source_facet", 1),
        (req.facets.lang, "lang_facet", 1),
        (req.facets.date, "date_facet", date_depth),
    ]
    .into_iter()
    .filter_map(|(on, field, depth)| on.then_some((field, depth)))
    .collect();
    let trees = fields
        .iter()
        .map(|&(field, depth)| Ok((loaded.facet_trees.get(&searcher, field)?, depth)))
        .collect::<Result<Vec<_>, ApiError>>()?;

    let mut multi = MultiCollector::new();
    let tally_h = multi.add_collector(crate::facets::Tally::new(trees));
    let top = if req.limit == 0 {
        TopHandle::None
    } else {
        let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
        match req.sort {
            Sort::Relevance => TopHandle::Score(multi.add_collector(top.order_by_score())),
            Sort::Newest => TopHandle::Date(
                multi.add_collector(top.order_by_fast_field::<DateTime>("published", Order::Desc)),
            ),
            Sort::Oldest => TopHandle::Date(
                multi.add_collector(top.order_by_fast_field::<DateTime>("published", Order::Asc)),
            ),
        }
    };

    let mut fruits = searcher.search(&*query, &multi)?;
    let tallied = tally_h.extract(&mut fruits);
    let total = tallied.docs as usize;
    let mut counts: HashMap<&str, Levels> = fields
        .into_iter()
        .map(|(field, _)| field)
        .zip(tallied.fields)
        .collect();
    let scored: Vec<(Option<f32>, DocAddress)> = match top {
        TopHandle::Score(h) => h
            .extract(&mut fruits)
            .into_iter()
            .map(|(s, a)| (Some(s), a))
            .collect(),
        TopHandle::Date(h) => h
            .extract(&mut fruits)
            .into_iter()
            .map(|(_, a)| (None, a))
            .collect(),
        TopHandle::None => Vec::new(),
    };
    let mut facets = Facets::default();
    if let Some(h) = counts.remove("place") {
        if req.facets.place {
            facets.place = Some(hierarchy(&h, req.places.first(), gaz));
        }
        if req.facets.settlements {
            facets.settlements = Some(settlements(&h, gaz));
        }
    }
    if let Some(h) = counts.remove("focus") {
        facets.focus = Some(hierarchy(&h, req.focus.first(), gaz));
    }
    if let Some(h) = counts.remove("source_facet") {
        let mut v = flat(&h);
        v.truncate(50);
        facets.source = Some(v);
    }
    if let Some(h) = counts.remove("lang_facet") {
        facets.lang = Some(flat(&h));
    }
    if let Some(h) = counts.remove("date_facet") {
        facets.date = Some(date_histogram(&h, req, interval, total));
    }

    let mut snippets = match &text {
        Some(t) if req.snippets => Some(snippet_generator(&searcher, &**t, f.body)?),
        _ => None,
    };
    let hints = hint_finder(&snippet_hints(&groups));
    let mut hits = Vec::with_capacity(scored.len());
    for (score, addr) in scored {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let body = stored_str(&doc, f.body).unwrap_or_default();
        let snippet = match snippets.as_mut() {
            Some(g) => highlighted(g, &body, hints.as_ref()),
            None => lead(&body),
        };
        hits.push(Hit {
            id: stored_str(&doc, f.id).unwrap_or_default(),
            title: stored_str(&doc, f.title),
            source: stored_str(&doc, f.source).filter(|s| s != "unknown"),
            published: doc
                .get_first(f.published)
                .and_then(|v| v.as_datetime())
                .map(format_date),
            url: stored_str(&doc, f.url),
            lang: stored_str(&doc, f.lang),
            places: hit_places(&doc, f.hit_places),
            score,
            snippet,
        });
    }
    Ok(SearchResponse {
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets,
        query: Understood {
            q: req.q.clone(),
            groups,
            place: req.places.clone(),
            focus: req.focus.clone(),
            source: req.sources.clone(),
            lang: req.langs.clone(),
            from: req.from.map(|d| d.to_string()),
            to: req.to.map(|d| d.to_string()),
            sort: req.sort,
            limit: req.limit,
            offset: req.offset,
        },
    })
}

/// RFC 3339 in UTC, without a format string to interpret for each hit.
pub fn format_date(d: DateTime) -> String {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
        .map(|d| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            )
        })
        .unwrap_or_default()
}

/// A whole document with its enrichment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FullDocument {
    pub id: String,
    pub title: Option<String>,
    pub body: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Places with ids, paths, mention spans (byte offsets into body), focus and reasons.
    #[schema(value_type = Vec<Object>)]
    pub places: Vec<serde_json::Value>,
}

/// Looks a document up by id.
pub fn document(loaded: &Loaded, id: &str) -> Result<Option<FullDocument>, ApiError> {
    let f = &loaded.fields;
    let searcher = loaded.searcher();
    let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*addr)?;
    Ok(Some(FullDocument {
        id: stored_str(&doc, f.id).unwrap_or_default(),
        title: stored_str(&doc, f.title),
        body: stored_str(&doc, f.body).unwrap_or_default(),
        source: stored_str(&doc, f.source).filter(|s| s != "unknown"),
        published: doc
            .get_first(f.published)
            .and_then(|v| v.as_datetime())
            .map(format_date),
        url: stored_str(&doc, f.url),
        lang: stored_str(&doc, f.lang),
        places: stored_places(&doc, f.enrichment),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn iso_day_is_chronos_iso_date(days in -1_000_000i32..3_000_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).expect("in chrono's range");
            prop_assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
        }

        #[test]
        // Tantivy keeps nanoseconds in an i64: about 292 years either side of 1970.
        fn format_date_is_rfc3339(secs in -9_000_000_000i64..9_000_000_000) {
            let want = chrono::DateTime::from_timestamp(secs, 0)
                .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default();
            prop_assert_eq!(format_date(DateTime::from_timestamp_secs(secs)), want);
        }
    }
}
