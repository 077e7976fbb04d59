//! The browser page: server-rendered HTML over the same search function as the API.
//!
//! Everything works without JavaScript: the URL holds the whole state, every filter is a
//! link, the region tree opens with `<details>`, the timeline and map are SVG drawn here
//! with links on their bars, oblasts and points. `assets/frontline.js` only adds keyboard
//! shortcuts and submits the sort menu on change.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use frontline_gazetteer::map;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use frontline_engine::response::{DateHistogram, FacetValue};
use frontline_engine::{FullDocument, Hit, SearchRequest, SearchResponse, Sort};

use crate::error::ApiError;
use crate::params::{percent_encode as enc, query_pairs, search_request};
use crate::state::AppState;

const CSS: &str = include_str!("../assets/frontline.css");
const JS: &str = include_str!("../assets/frontline.js");
/// Settlements listed under a region in the tree before "all places in …".
const TREE_SETTLEMENTS: usize = 8;

/// `GET /assets/{name}`: the page's stylesheet and script, embedded in the binary.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "frontline.css" => (CSS, "text/css; charset=utf-8"),
        "frontline.js" => (JS, "text/javascript; charset=utf-8"),
        _ => return ApiError::not_found(format!("no asset {name:?}")).into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Frontline" }
                link rel="stylesheet" href="/assets/frontline.css";
                script src="/assets/frontline.js" defer {}
            }
            body {
                a.skip href="#results" { "Skip to results" }
                (body)
            }
        }
    }
}

/// The page's state as query-string pairs, with edits. Any change drops `offset`: new
/// filters start again at the first page.
#[derive(Clone, Copy)]
struct Here<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> Here<'a> {
    /// `base` + the current pairs minus every `drop` key (or key=value) plus `add`.
    fn link(&self, base: &str, drop: &[(&str, Option<&str>)], add: &[(&str, &str)]) -> String {
        let kept = self.pairs.iter().filter(|(k, v)| {
            k != "offset"
                && !drop
                    .iter()
                    .any(|(dk, dv)| dk == k && dv.is_none_or(|dv| dv == v))
        });
        let parts: Vec<String> = kept
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(add.iter().copied())
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect();
        if parts.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", parts.join("&"))
        }
    }

    fn page(&self, drop: &[(&str, Option<&str>)], add: &[(&str, &str)]) -> String {
        self.link("/", drop, add)
    }

    /// The same page with `key` set to `value` alone.
    fn set(&self, key: &str, value: &str) -> String {
        self.page(&[(key, None)], &[(key, value)])
    }

    fn with_offset(&self, offset: usize) -> String {
        let offset = offset.to_string();
        let add: &[(&str, &str)] = if offset == "0" {
            &[]
        } else {
            &[("offset", &offset)]
        };
        self.page(&[], add)
    }

    fn get(&self, key: &str) -> &'a str {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn all(&self, key: &'a str) -> impl Iterator<Item = &'a str> {
        self.pairs
            .iter()
            .filter(move |(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

fn count(n: u64) -> Markup {
    html! { span.n { (n) } }
}

/// Breadcrumb from "All places" down to the active path of a place/focus filter.
fn breadcrumb(name: &str, active: &str, st: Here) -> Markup {
    let segments: Vec<&str> = active.trim_start_matches('/').split('/').collect();
    html! {
        nav.crumbs aria-label={ (name) " breadcrumb" } {
            a href=(st.page(&[(name, None)], &[])) { "All places" }
            @for i in 0..segments.len() {
                " › "
                @let path = format!("/{}", segments[..=i].join("/"));
                @if i + 1 == segments.len() {
                    span aria-current="location" { (segments[i]) }
                } @else {
                    a href=(st.set(name, &path)) { (segments[i]) }
                }
            }
        }
    }
}

fn facet_link(name: &str, v: &FacetValue, st: Here) -> Markup {
    html! {
        a href=(st.set(name, &v.value)) data-facet=(name) data-value=(v.value) data-count=(v.count) { (v.label) }
        " " (count(v.count))
    }
}

/// The region tree: countries → regions → top settlements, or below an active filter its
/// breadcrumb and the next level down.
fn tree(name: &str, values: &[FacetValue], settlements: Option<&[FacetValue]>, st: Here) -> Markup {
    let active = st.get(name);
    if !active.is_empty() {
        return html! {
            (breadcrumb(name, active, st))
            ul.tree {
                @for v in values { li { (facet_link(name, v, st)) } }
            }
        };
    }
    html! {
        ul.tree {
            @for country in values {
                li {
                    details open {
                        summary { (facet_link(name, country, st)) }
                        ul {
                            @for region in &country.children {
                                @let prefix = format!("{}/", region.value);
                                @let below: Vec<&FacetValue> = settlements.unwrap_or_default().iter()
                                    .filter(|s| s.value.starts_with(&prefix))
                                    .take(TREE_SETTLEMENTS).collect();
                                li {
                                    @if below.is_empty() {
                                        (facet_link(name, region, st))
                                    } @else {
                                        details {
                                            summary { (facet_link(name, region, st)) }
                                            ul {
                                                @for s in below { li { (facet_link(name, s, st)) } }
                                                li { a.more href=(st.set(name, &region.value)) { "all places in " (region.label) " →" } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Sources and languages: each value toggles its filter (values of one filter are ORed).
fn toggle_list(name: &str, label: &str, values: &[FacetValue], st: Here) -> Markup {
    let active: Vec<&str> = st.all(name).collect();
    html! {
        h2 { (label) }
        ul.flat {
            @for v in values {
                @let on = active.contains(&v.value.as_str());
                li {
                    @if on {
                        a.on href=(st.page(&[(name, Some(&v.value))], &[])) aria-pressed="true"
                            data-facet=(name) data-value=(v.value) { (v.label) }
                    } @else {
                        a href=(st.page(&[], &[(name, &v.value)])) aria-pressed="false"
                            data-facet=(name) data-value=(v.value) { (v.label) }
                    }
                    " " (count(v.count))
                }
            }
        }
    }
}

fn chips(req: &SearchRequest, st: Here) -> Markup {
    let dates = match (req.from, req.to) {
        (None, None) => None,
        (f, t) => Some(format!(
            "{} – {}",
            f.map_or_else(|| "…".to_string(), |d| d.to_string()),
            t.map_or_else(|| "…".to_string(), |d| d.to_string())
        )),
    };
    let filters: Vec<(&str, &str, &String)> = req
        .places
        .iter()
        .map(|v| ("place", "place", v))
        .chain(req.focus.iter().map(|v| ("focus", "about", v)))
        .chain(req.sources.iter().map(|v| ("source", "source", v)))
        .chain(req.langs.iter().map(|v| ("lang", "language", v)))
        .collect();
    html! {
        @if !filters.is_empty() || dates.is_some() {
            ul.chips aria-label="Active filters" {
                @for (key, label, value) in &filters {
                    li.chip data-filter=(key) {
                        (label) ": " strong { (value.rsplit('/').next().unwrap_or(value)) }
                        a href=(st.page(&[(key, Some(value.as_str()))], &[])) aria-label={ "remove " (label) " filter " (value) } { "×" }
                    }
                }
                @if let Some(d) = dates {
                    li.chip data-filter="date" {
                        "dates: " strong { (d) }
                        a href=(st.page(&[("from", None), ("to", None)], &[])) aria-label="remove date filter" { "×" }
                    }
                }
            }
        }
    }
}

const TIMELINE_W: f64 = 600.0;
const TIMELINE_H: f64 = 80.0;

/// The date histogram as bars; each bar narrows the dates to its bucket.
fn timeline(h: &DateHistogram, st: Here) -> Markup {
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let n = h.buckets.len().max(1) as f64;
    let w = TIMELINE_W / n;
    html! {
        section.timeline aria-labelledby="timeline-h" {
            h2 #timeline-h { "Over time" }
            @if h.buckets.is_empty() {
                p.n { "No dated documents." }
            } @else {
                svg viewBox={ "0 0 " (TIMELINE_W) " " (TIMELINE_H + 14.0) } role="img"
                    aria-label={ "documents per " (interval_name(h)) } preserveAspectRatio="none" {
                    @for (i, b) in h.buckets.iter().enumerate() {
                        @let bh = (b.count as f64 / max as f64) * TIMELINE_H;
                        a href=(st.page(&[("from", None), ("to", None)], &[("from", &b.from), ("to", &b.to)]))
                            data-bucket=(b.key) {
                            title { (b.key) ": " (b.count) }
                            rect.hitbox x=(fmt(i as f64 * w)) y="0" width=(fmt(w)) height=(TIMELINE_H) {}
                            rect.bar x=(fmt(i as f64 * w + w * 0.1)) y=(fmt(TIMELINE_H - bh))
                                width=(fmt((w * 0.8).max(0.5))) height=(fmt(bh)) {}
                        }
                    }
                    text x="0" y=(TIMELINE_H + 12.0) { (h.buckets[0].key) }
                    text x=(TIMELINE_W) y=(TIMELINE_H + 12.0) text-anchor="end" { (h.buckets[h.buckets.len() - 1].key) }
                }
                p.n {
                    "Per " (interval_name(h)) "; highest " (max) "."
                    @if h.unknown > 0 { " " (h.unknown) " undated." }
                }
            }
            form.dates method="get" action="/" {
                (hidden_except(st, &["from", "to", "offset"]))
                label { "From " input type="date" name="from" value=(st.get("from")); }
                label { "to " input type="date" name="to" value=(st.get("to")); }
                button type="submit" { "Set dates" }
            }
        }
    }
}

fn interval_name(h: &DateHistogram) -> &'static str {
    match h.interval {
        frontline_engine::Interval::Day => "day",
        frontline_engine::Interval::Week => "week",
        frontline_engine::Interval::Month => "month",
        frontline_engine::Interval::Year => "year",
    }
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// Hidden inputs carrying the state into a form, but for the keys the form sets itself.
fn hidden_except(st: Here, except: &[&str]) -> Markup {
    html! {
        @for (k, v) in st.pairs.iter().filter(|(k, v)| !except.contains(&k.as_str()) && !v.is_empty()) {
            input type="hidden" name=(k) value=(v);
        }
    }
}

/// The map: oblasts shaded by documents, points sized by documents at gazetteer
/// coordinates; regions without an outline (Kyiv city, Sevastopol, Russian oblasts) as
/// squares. Every shape links to its filter.
fn place_map(res: &SearchResponse, st: Here) -> Markup {
    let regions: Vec<&FacetValue> = res
        .facets
        .place
        .iter()
        .flatten()
        .flat_map(|c| c.children.iter())
        .collect();
    let region_count = |name: &str| {
        regions
            .iter()
            .find(|r| r.label == name)
            .map_or(0, |r| r.count)
    };
    let max_region = regions.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let points = res.facets.settlements.as_deref().unwrap_or_default();
    let max_point = points.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let active = st.get("place");
    let outlined: Vec<&str> = map::outlines().map(|(n, _)| n).collect();
    let radius = |n: u64, max: u64| 2.0 + 9.0 * (n as f64 / max as f64).sqrt();
    html! {
        section.map aria-labelledby="map-h" {
            h2 #map-h { "Map" }
            svg viewBox={ "0 0 " (map::WIDTH) " " (map::HEIGHT) } role="img" aria-label="map of matching places" {
                @for (name, path) in map::outlines() {
                    @let n = region_count(name);
                    @let value = format!("/Ukraine/{name}");
                    a href=(st.set("place", &value)) data-region=(name) {
                        title { (name) ": " (n) }
                        path d=(path) fill-rule="evenodd"
                            class=(if active.starts_with(&value) { "oblast on" } else { "oblast" })
                            style={ "fill-opacity:" (fmt_opacity(n, max_region)) } {}
                    }
                }
                @for r in regions.iter().filter(|r| !outlined.contains(&r.label.as_str()) && r.count > 0) {
                    @if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
                        @let (x, y) = map::project(f64::from(lat), f64::from(lon));
                        @let s = radius(r.count, max_region);
                        a href=(st.set("place", &r.value)) data-region=(r.label) {
                            title { (r.label) ": " (r.count) }
                            rect.region-point x=(fmt(x - s)) y=(fmt(y - s)) width=(fmt(2.0 * s)) height=(fmt(2.0 * s)) {}
                        }
                    }
                }
                @for p in points.iter().rev() {
                    @if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                        @let (x, y) = map::project(f64::from(lat), f64::from(lon));
                        a href=(st.set("place", &p.value)) data-place=(p.value) {
                            title { (p.label) ": " (p.count) }
                            circle cx=(fmt(x)) cy=(fmt(y)) r=(fmt(radius(p.count, max_point))) {}
                        }
                    }
                }
            }
            p.credit { "Boundaries © OpenStreetMap contributors (ODbL) · places © GeoNames (CC BY 4.0)" }
        }
    }
}

fn fmt_opacity(n: u64, max: u64) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{:.2}", 0.12 + 0.78 * (n as f64 / max as f64).sqrt())
    }
}

fn hit_view(hit: &Hit, st: Here) -> Markup {
    let mut places: Vec<_> = hit.places.iter().collect();
    places.sort_by_key(|p| !p.focus);
    html! {
        article.hit {
            h3 { a href={"/documents/" (enc(&hit.id))} { (hit.title.as_deref().unwrap_or("(untitled)")) } }
            p.meta {
                (hit.source.as_deref().unwrap_or("unknown source"))
                @if let Some(d) = &hit.published { " · " time datetime=(d) { (d.get(..10).unwrap_or(d)) } }
                @if let Some(l) = &hit.lang { " · " (l) }
            }
            @if !places.is_empty() {
                p.places {
                    @for p in places.iter().take(5) {
                        a href=(st.set("place", &p.path)) class=(if p.focus { "place focus" } else { "place" }) { (p.name) }
                        " "
                    }
                    @if places.len() > 5 { span.n { "+" (places.len() - 5) } }
                }
            }
            p.snippet { (PreEscaped(&hit.snippet)) }
        }
    }
}

fn results(res: &SearchResponse, req: &SearchRequest, st: Here) -> Markup {
    let page = req.offset / req.limit.max(1) + 1;
    let pages = res.total.div_ceil(req.limit.max(1)).max(1);
    let export = |ext: &str| st.link(&format!("/export.{ext}"), &[], &[]);
    html! {
        main {
            aside aria-label="Filters" {
                @if let Some(p) = &res.facets.place {
                    h2 { "Places" }
                    (tree("place", p, res.facets.settlements.as_deref(), st))
                }
                @if let Some(f) = &res.facets.focus {
                    details.focus {
                        summary { h2 { "Mainly about" } }
                        (tree("focus", f, None, st))
                    }
                }
                @if let Some(s) = &res.facets.source { (toggle_list("source", "Sources", s, st)) }
                @if let Some(l) = &res.facets.lang { (toggle_list("lang", "Languages", l, st)) }
            }
            section #results aria-live="polite" {
                div.summary {
                    p #total data-total=(res.total) {
                        strong { (res.total) } " documents"
                        span.n { " · " (format!("{:.1}", res.took_ms)) " ms" }
                    }
                    p.export {
                        "Export: "
                        a href=(export("csv")) #export-csv download { "CSV" }
                        " · "
                        a href=(export("json")) #export-json download { "JSON" }
                        " · "
                        a href=(st.link("/search", &[], &[])) { "API" }
                    }
                }
                (chips(req, st))
                div.viz {
                    @if let Some(h) = &res.facets.date { (timeline(h, st)) }
                    @if res.facets.place.is_some() { (place_map(res, st)) }
                }
                @if res.hits.is_empty() {
                    p.empty { "No documents match. Try fewer words, another spelling, or remove a filter." }
                }
                ol.hits start=(req.offset + 1) {
                    @for hit in &res.hits { li { (hit_view(hit, st)) } }
                }
                @if pages > 1 {
                    nav.pager aria-label="Pages" {
                        @if req.offset > 0 {
                            a rel="prev" href=(st.with_offset(req.offset.saturating_sub(req.limit))) { "← previous" }
                        }
                        span { "page " (page) " of " (pages) }
                        @if req.offset + req.limit < res.total.min(frontline_engine::request::MAX_WINDOW) {
                            a rel="next" href=(st.with_offset(req.offset + req.limit)) { "next →" }
                        }
                    }
                }
            }
        }
    }
}

/// The search form; `sort` is the order the URL asks for, if any (the default is relevance
/// for a query and newest first for browsing).
fn header(st: Here, sort: Option<Sort>) -> Markup {
    let option = |value: &str, label: &str, on: bool| {
        html! { option value=(value) selected[on] { (label) } }
    };
    html! {
        header {
            a.brand href="/" { "Frontline" }
            form.q method="get" action="/" role="search" {
                (hidden_except(st, &["q", "sort", "offset"]))
                label.visually-hidden for="q" { "Search" }
                input #q type="search" name="q" value=(st.get("q"))
                    placeholder="Pokrovsk \"glide bomb\" -Moscow" aria-describedby="syntax" accesskey="s";
                label for="sort" { "Sort" }
                select #sort name="sort" data-autosubmit {
                    (option("", "best match", sort.is_none()))
                    (option("relevance", "relevance", sort == Some(Sort::Relevance)))
                    (option("newest", "newest first", sort == Some(Sort::Newest)))
                    (option("oldest", "oldest first", sort == Some(Sort::Oldest)))
                }
                button type="submit" { "Search" }
            }
            p #syntax.hint { "most words must match, near each other ranks first · \"exact phrase\" · a OR b · +require · -exclude · title: source: · prefix* · press / to search" }
        }
    }
}

fn explicit_sort(st: Here) -> Option<Sort> {
    match st.get("sort") {
        "relevance" => Some(Sort::Relevance),
        "newest" => Some(Sort::Newest),
        "oldest" => Some(Sort::Oldest),
        _ => None,
    }
}

/// `GET /`: the search page.
pub async fn index(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match query_pairs(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let st = Here { pairs: &pairs };
    let outcome = match search_request(&pairs) {
        Ok(mut req) => {
            req.facets.settlements = req.facets.place;
            state.search(req.clone()).await.map(|res| (req, res))
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok((req, res)) => {
            let title = if req.q.is_empty() {
                "Search".to_string()
            } else {
                req.q.clone()
            };
            let body = html! { (header(st, explicit_sort(st))) (results(&res, &req, st)) };
            Html(layout(&title, body).into_string()).into_response()
        }
        Err(e) => {
            let body = html! {
                (header(st, None))
                main.error { section #results { p role="alert" { (e.message) } p { a href="/" { "Start again" } } } }
            };
            (e.status, Html(layout("Error", body).into_string())).into_response()
        }
    }
}

enum Piece<'a> {
    Text(&'a str),
    Mention { text: &'a str, path: &'a str },
}

/// The body's paragraphs, each cut into text and place mentions (from the stored spans).
fn paragraphs(doc: &FullDocument) -> Vec<Vec<Piece<'_>>> {
    let mut spans: Vec<(usize, usize, &str)> = doc
        .places
        .iter()
        .flat_map(|p| {
            p.spans
                .iter()
                .map(|&[start, end]| (start, end, p.path.as_str()))
        })
        .collect();
    spans.sort_unstable();
    let body = doc.body.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for para in body.split('\n') {
        let end = start + para.len();
        if !para.trim().is_empty() {
            let mut pieces = Vec::new();
            let mut at = start;
            for &(s, e, path) in spans.iter().filter(|(s, e, _)| *s >= start && *e <= end) {
                if let (true, Some(before), Some(text)) = (s >= at, body.get(at..s), body.get(s..e))
                {
                    pieces.push(Piece::Text(before));
                    pieces.push(Piece::Mention { text, path });
                    at = e;
                }
            }
            pieces.push(Piece::Text(body.get(at..end).unwrap_or("")));
            out.push(pieces);
        }
        start = end + 1;
    }
    out
}

/// The document page.
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    Ok(document_page(&state.document(id).await?))
}

fn document_page(doc: &FullDocument) -> Html<String> {
    let title = doc.title.clone().unwrap_or_else(|| "(untitled)".into());
    let no_state: &[(String, String)] = &[];
    let st = Here { pairs: no_state };
    Html(layout(&title, html! {
        (header(st, None))
        main {
            aside aria-label="Places and dates" {
                h2 { "Published" }
                p { (doc.published.as_deref().map_or("unknown", |d| d.get(..10).unwrap_or(d))) }
                h2 { "Places" }
                @if doc.places.is_empty() { p.n { "No places found." } }
                ul.flat.doc-places {
                    @for p in &doc.places {
                        li {
                            a href={ "/?place=" (enc(&p.path)) } { (p.name) }
                            @if p.focus { " " span.badge { "focus" } }
                            " " span.n { (p.mentions) "×" }
                            br;
                            span.path { (p.path) }
                        }
                    }
                }
            }
            article #results.document {
                h1 { (title) }
                p.meta {
                    (doc.source.as_deref().unwrap_or("unknown source"))
                    @if let Some(d) = &doc.published { " · " time datetime=(d) { (d) } }
                    @if let Some(l) = &doc.lang { " · " (l) }
                    @if let Some(u) = &doc.url { " · " a href=(u) rel="noopener noreferrer" { "original" } }
                    " · " a href={ "/documents/" (enc(&doc.id)) } data-json { "id " (doc.id) }
                }
                @for para in paragraphs(doc) {
                    p {
                        @for piece in para {
                            @match piece {
                                Piece::Text(t) => (t),
                                Piece::Mention { text, path } => a.mention href={ "/?place=" (enc(path)) } title=(path) { mark { (text) } },
                            }
                        }
                    }
                }
            }
        }
    }).into_string())
}
