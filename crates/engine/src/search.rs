//! A search request → one tantivy pass collecting hits, total, facet counts and the date
//! histogram.

use std::time::Instant;

use frontline_gazetteer::Gazetteer;
use frontline_schema::facets::{EVENTS, FACETS, FacetKind, FacetSpec, facet};
use tantivy::collector::{Count, FilterCollector, MultiCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::Facet;
use tantivy::{DateTime, DocAddress, Score, TantivyDocument};

use crate::document::{stored_date, stored_list, stored_source, stored_str};
use crate::error::Error;
use crate::facet_values::{flat, hierarchy, settlements};
use crate::facets::Tally;
use crate::filter_names::resolve;
use crate::filters::filters;
use crate::histogram::{check_interval, date_histogram};
use crate::index::Loaded;
use crate::query::text_query;
use crate::relations::{ClusterReader, cluster_key, collapse, related};
use crate::request::{Interval, SearchRequest, Sort};
use crate::response::{FacetAnswer, Facets, Hit, SearchResponse, Understood};
use crate::snippets::{highlighter, hint_finder, lead, marks, place_mention, snippet_hints};
use crate::suggest::suggestion;

/// The place facet the settlements are counted from, three levels deep.
const SETTLEMENTS_FROM: &str = "place";

/// A facet field the pass counts: how deep, and whether the answer shows it (the place
/// field is also counted for the settlements alone).
struct Counted {
    spec: &'static FacetSpec,
    depth: usize,
    shown: bool,
}

/// Each field is counted only as deep as the answer shows it.
fn counted_facets(req: &SearchRequest) -> Vec<Counted> {
    let mut out: Vec<Counted> = req
        .facets
        .iter()
        .map(|spec| Counted {
            spec,
            depth: match spec.kind {
                // Below the filtered path, or countries and their regions.
                FacetKind::Places => req
                    .filter(spec.name)
                    .first()
                    .map_or(2, |p| facet_depth(p) + 1),
                FacetKind::Values { .. } => 1,
                FacetKind::Dates => match req.interval(spec.name) {
                    Interval::Year => 1,
                    Interval::Month => 2,
                    Interval::Week | Interval::Day => 3,
                },
            },
            shown: true,
        })
        .collect();
    if req.facets.settlements {
        match out.iter_mut().find(|c| c.spec.name == SETTLEMENTS_FROM) {
            Some(c) => c.depth = 3,
            None => out.extend(facet(SETTLEMENTS_FROM).map(|spec| Counted {
                spec,
                depth: 3,
                shown: false,
            })),
        }
    }
    out
}

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
    let resolved;
    let (req, warnings) = if req.filters.is_empty() {
        (req, Vec::new())
    } else {
        let mut own = req.clone();
        let warnings = resolve(loaded, &mut own)?;
        resolved = own;
        (&resolved, warnings)
    };
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

    let counted = counted_facets(req);
    for c in &counted {
        if c.shown && c.spec.kind == FacetKind::Dates {
            check_interval(req, c.spec.name, req.interval(c.spec.name))?;
        }
    }
    let trees = counted
        .iter()
        .map(|c| Ok((loaded.facet_trees.get(&searcher, c.spec.field)?, c.depth)))
        .collect::<Result<Vec<_>, Error>>()?;

    let mut multi = MultiCollector::new();
    let tally_h = multi.add_collector(Tally::new(trees));
    // Collapsing ranks more than a page, then keeps one per cluster.
    let wanted = req.offset + req.limit;
    let (fetch, skip) = if req.collapsing() {
        (collapse_fetch(wanted), 0)
    } else {
        (req.limit, req.offset)
    };
    let top = if req.limit == 0 {
        TopHandle::None
    } else {
        let top = TopDocs::with_limit(fetch).and_offset(skip);
        match req.sort.by_field() {
            None => TopHandle::Score(multi.add_collector(top.order_by_score())),
            Some((field, order)) => TopHandle::Date(
                multi.add_collector(top.order_by_fast_field::<DateTime>(field, order)),
            ),
        }
    };

    // An article has one publication date but may give several event dates, so those
    // with any are counted apart, in the same pass.
    let with_events_h = counted
        .iter()
        .any(|c| c.shown && c.spec.name == EVENTS)
        .then(|| {
            multi.add_collector(FilterCollector::new(
                "event_first".to_string(),
                |_: DateTime| true,
                Count,
            ))
        });
    let mut fruits = searcher.search(&*query, &multi)?;
    let tallied = tally_h.extract(&mut fruits);
    let with_events = with_events_h.map(|h| h.extract(&mut fruits));
    let total = tallied.docs as usize;
    let mut scored: Vec<(Option<f32>, DocAddress)> = match top {
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
    let mut clusters = ClusterReader::new(&searcher);
    if req.collapsing() && req.limit > 0 {
        let mut fetched = fetch;
        let mut kept = collapse(scored, wanted, &mut clusters)?;
        // Too many near-duplicates in what was ranked: rank deeper, within a bound (a page
        // past it shows fewer hits rather than rank a whole index of copies).
        let bound = total.min(MAX_RANKED);
        while kept.len() < wanted && fetched < bound {
            fetched = fetched.saturating_mul(4).min(bound);
            let ranked = ranked(&searcher, &*query, req.sort, fetched)?;
            kept = collapse(ranked, wanted, &mut clusters)?;
        }
        scored = kept.into_iter().skip(req.offset).collect();
    }
    let mut facets = Facets::default();
    for (c, counts) in counted.iter().zip(&tallied.fields) {
        if c.spec.name == SETTLEMENTS_FROM && req.facets.settlements {
            facets.settlements = Some(settlements(counts, gaz));
        }
        if !c.shown {
            continue;
        }
        let answer = match c.spec.kind {
            FacetKind::Places => {
                FacetAnswer::Values(hierarchy(counts, req.filter(c.spec.name).first(), gaz))
            }
            FacetKind::Values { shown } => {
                let mut values = flat(counts);
                values.truncate(shown);
                FacetAnswer::Values(values)
            }
            FacetKind::Dates => {
                let undated = if let (EVENTS, Some(dated)) = (c.spec.name, with_events) {
                    total.saturating_sub(dated)
                } else {
                    total.saturating_sub(
                        counts
                            .children("/")
                            .iter()
                            .map(|(_, _, n)| *n as usize)
                            .sum(),
                    )
                };
                FacetAnswer::Histogram(date_histogram(
                    counts,
                    req.range(c.spec.name),
                    req.interval(c.spec.name),
                    undated,
                ))
            }
        };
        facets.counted.insert(c.spec.name, answer);
    }

    // Snippets are made only for hits to show.
    let (mut snippets, mut titles) = match &text {
        Some(t) if req.snippets && !scored.is_empty() => (
            Some(highlighter(&searcher, &**t, f.body)?),
            Some(marks(&**t, f.title)),
        ),
        _ => (None, None),
    };
    let hints = match snippets {
        Some(_) => hint_finder(&snippet_hints(&groups, gaz)),
        None => None,
    };
    // The places the query names, whose mentions a hit found through one is shown at.
    let asked_places: Vec<&str> = groups
        .iter()
        .flatten()
        .filter(|t| !t.negated)
        .flat_map(|t| t.places.iter().map(String::as_str))
        .collect();
    let mut hits = Vec::with_capacity(scored.len());
    for (score, addr) in scored {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let (cluster, translations) = related(loaded, &searcher, clusters.value(addr)?)?;
        let body = stored_str(&doc, f.body).unwrap_or_default();
        let snippet = match snippets.as_mut() {
            Some(h) => h
                .highlighted(&body, hints.as_ref())
                .or_else(|| {
                    // Read only when no word of the query is shown: most hits have one.
                    (!asked_places.is_empty())
                        .then(|| {
                            place_mention(&body, &stored_list(&doc, f.enrichment), &asked_places)
                        })
                        .flatten()
                })
                .unwrap_or_else(|| lead(&body)),
            None => lead(&body),
        };
        let title = stored_str(&doc, f.title);
        let title_marked = match (titles.as_mut(), &title) {
            (Some(m), Some(t)) => m.marked_whole(t),
            _ => None,
        };
        hits.push(Hit {
            id: stored_str(&doc, f.id).unwrap_or_default(),
            title,
            title_marked,
            source: stored_source(&doc, f.source),
            published: stored_date(&doc, f.published),
            url: stored_str(&doc, f.url),
            lang: stored_str(&doc, f.lang),
            places: stored_list(&doc, f.hit_places),
            score,
            snippet,
            cluster,
            translations,
        });
    }
    let did_you_mean = if total == 0 || groups.iter().flatten().any(|t| t.missing) {
        suggestion(loaded, &req.q, &groups)?
    } else {
        None
    };
    Ok(SearchResponse {
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        facets,
        did_you_mean,
        warnings,
        query: Understood {
            q: req.q.clone(),
            groups,
            filters: FACETS
                .iter()
                .filter(|f| f.kind != FacetKind::Dates)
                .map(|f| (f.name, req.filter(f.name).to_vec()))
                .collect(),
            from: req.from.map(|d| d.to_string()),
            to: req.to.map(|d| d.to_string()),
            event_from: req.event_from.map(|d| d.to_string()),
            event_to: req.event_to.map(|d| d.to_string()),
            sort: req.sort,
            limit: req.limit,
            offset: req.offset,
            collapse: req.collapsing(),
            cluster: req.cluster.map(cluster_key),
        },
    })
}

/// Most documents ranked to fill a collapsed page.
const MAX_RANKED: usize = 4 * crate::request::MAX_WINDOW;

/// Documents ranked to fill `wanted` collapsed hits at first try: most pages hold a few
/// near-duplicates at most.
fn collapse_fetch(wanted: usize) -> usize {
    wanted.saturating_mul(2).saturating_add(10)
}

/// The first `limit` documents in the order of `sort`.
fn ranked(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    limit: usize,
) -> Result<Vec<(Option<f32>, DocAddress)>, Error> {
    let top = TopDocs::with_limit(limit.max(1));
    Ok(match sort.by_field() {
        None => searcher
            .search(query, &top.order_by_score())?
            .into_iter()
            .map(|(s, a)| (Some(s), a))
            .collect(),
        Some((field, order)) => searcher
            .search(query, &top.order_by_fast_field::<DateTime>(field, order))?
            .into_iter()
            .map(|(_, a)| (None, a))
            .collect(),
    })
}
