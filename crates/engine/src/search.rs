//! A search request → one tantivy pass collecting hits, total, facet counts and the date
//! histogram.

use std::collections::HashMap;
use std::time::Instant;

use frontline_gazetteer::Gazetteer;
use tantivy::collector::{MultiCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, DocAddress, Order, Score, TantivyDocument};

use crate::document::{format_date, stored_list, stored_source, stored_str};
use crate::error::Error;
use crate::facet_values::{flat, hierarchy, settlements};
use crate::facets::{Counts, Tally};
use crate::filters::filters;
use crate::histogram::{check_interval, date_histogram};
use crate::index::Loaded;
use crate::query::text_query;
use crate::request::{Interval, SearchRequest, Sort};
use crate::response::{Facets, Hit, SearchResponse, Understood};
use crate::snippets::{highlighted, hint_finder, lead, snippet_generator, snippet_hints};

enum TopHandle {
    Score(tantivy::collector::FruitHandle<Vec<(Score, DocAddress)>>),
    Date(tantivy::collector::FruitHandle<Vec<(Option<DateTime>, DocAddress)>>),
    None,
}

/// Number of levels in a facet path (`/Ukraine/Donetsk Oblast` → 2).
fn facet_depth(path: &str) -> usize {
    Facet::from_text(path).map_or(0, |f| f.to_path().len())
}

/// Runs a search.
pub fn search(
    loaded: &Loaded,
    gaz: &Gazetteer,
    req: &SearchRequest,
) -> Result<SearchResponse, Error> {
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
        .collect::<Result<Vec<_>, Error>>()?;

    let mut multi = MultiCollector::new();
    let tally_h = multi.add_collector(Tally::new(trees));
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
    let mut counts: HashMap<&str, Counts> = fields
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
            source: stored_source(&doc, f.source),
            published: doc
                .get_first(f.published)
                .and_then(|v| v.as_datetime())
                .map(format_date),
            url: stored_str(&doc, f.url),
            lang: stored_str(&doc, f.lang),
            places: stored_list(&doc, f.hit_places),
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
