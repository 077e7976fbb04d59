//! Geoparsing: which places an article mentions, and which it is about.
//!
//! Recognition is the gazetteer's matcher; this module decides what each match means.
//! Many names are shared (74 villages are called Andriivka), so a mention is resolved by
//! context: regions the article names, distance to places it names unambiguously, and the
//! population prior. A mention that context cannot decide is left out rather than guessed.
//! Precision filters drop names used as people, governments ("Kyiv said"), organisations
//! and streets.

mod readings;
mod regions;
mod settlements;

use std::collections::{BTreeMap, HashMap};

use frontline_gazetteer::fold::fold;
use frontline_gazetteer::{Gazetteer, Mention, Place};
use frontline_schema::StoredPlace;

/// A mention kept as a place: the mention, whether it is in the title, and its text.
type Found<'a> = (&'a Mention, bool, &'a str);

/// What a mention was resolved to, and why.
struct Resolved {
    place: u32,
    reason: String,
}

/// Tags the places of one document. Spans refer to `body`.
///
/// The passes run in order, each resolving mentions the ones before left open: regions
/// named as regions, names listed with them, the Donbas pair; then settlements, by where
/// the document says they are; last, capitals named as where a place is.
pub fn tag(gaz: &Gazetteer, title: Option<&str>, body: &str) -> Vec<StoredPlace> {
    let body_folded = fold(body);
    let title = title.unwrap_or("");
    let body_found = taggable(gaz, gaz.matcher().find_folded(body, &body_folded));
    let title_found = taggable(gaz, gaz.matcher().find_folded(title, &fold(title)));
    let all = readings::places_among(gaz, body, &body_found, title, &title_found);
    let mut resolved: Vec<Option<Resolved>> = all.iter().map(|_| None).collect();
    let city_district = regions::city_districts(gaz, &all);
    regions::regions_named(&all, &city_district, &mut resolved);
    regions::listed_regions(gaz, &all, &mut resolved);
    regions::donbas_pair(gaz, &all, &mut resolved);
    let named = regions::where_named(gaz, &all, &resolved, &city_district);
    settlements::settlements(gaz, &all, &body_folded, &named, &mut resolved);
    regions::capitals_as_regions(gaz, &all, &mut resolved);
    collect(gaz, &all, &resolved)
}

/// The mentions with their candidates that may be tagged, less those left with none.
fn taggable(gaz: &Gazetteer, mut mentions: Vec<Mention>) -> Vec<Mention> {
    for m in &mut mentions {
        m.candidates.retain(|c| !gaz.place(c.place).is_query_only());
    }
    mentions.retain(|m| !m.candidates.is_empty());
    mentions
}

/// One entry per place, its mentions' spans gathered, the focus marked, focus and most
/// mentioned first.
fn collect(gaz: &Gazetteer, all: &[Found], resolved: &[Option<Resolved>]) -> Vec<StoredPlace> {
    let mut by_place: BTreeMap<u32, StoredPlace> = BTreeMap::new();
    let mut first_pos: HashMap<u32, usize> = HashMap::new();
    for (i, (m, in_title, _)) in all.iter().enumerate() {
        let Some(r) = &resolved[i] else { continue };
        let p: &Place = gaz.place(r.place);
        let entry = by_place.entry(r.place).or_insert_with(|| StoredPlace {
            geonameid: p.id,
            name: p.name.clone(),
            path: p.path(),
            kind: p.kind.as_str().to_string(),
            admin1: p.admin1.clone(),
            spans: Vec::new(),
            mentions: 0,
            in_title: false,
            focus: false,
            reason: r.reason.clone(),
            lat: p.lat,
            lon: p.lon,
        });
        entry.mentions += 1;
        if *in_title {
            entry.in_title = true;
        } else {
            entry.spans.push([m.start, m.end]);
            let pos = first_pos.entry(r.place).or_insert(m.start);
            *pos = (*pos).min(m.start);
        }
    }
    let mut places: Vec<StoredPlace> = by_place.into_values().collect();
    mark_focus(&mut places, &first_pos, gaz);
    places.sort_by(|a, b| {
        b.focus
            .cmp(&a.focus)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    places
}

/// Focus: the places the document is mainly about, by mentions, title and lead.
fn mark_focus(places: &mut [StoredPlace], first_pos: &HashMap<u32, usize>, gaz: &Gazetteer) {
    let weight = |p: &StoredPlace| -> f32 {
        let idx = gaz.index_of(p.geonameid).unwrap_or(0);
        let lead = first_pos.get(&idx).is_some_and(|&pos| pos < 400);
        p.mentions as f32 + if p.in_title { 3.0 } else { 0.0 } + if lead { 1.0 } else { 0.0 }
    };
    let weights: Vec<f32> = places.iter().map(weight).collect();
    let max = weights.iter().copied().fold(0.0, f32::max);
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    for (rank, &i) in order.iter().enumerate() {
        if rank < 3 && weights[i] >= (0.5 * max).max(2.0) || rank == 0 && max > 0.0 {
            places[i].focus = true;
        }
    }
}

/// Facet path segments of a tagged place.
pub fn facet_path(gaz: &Gazetteer, p: &StoredPlace) -> Vec<String> {
    gaz.by_id(p.geonameid)
        .map(|pl| pl.path_segments().into_iter().map(str::to_string).collect())
        .unwrap_or_default()
}
