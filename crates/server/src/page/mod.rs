//! The browser page: server-rendered HTML over the same search function as the API.
//!
//! Everything works without JavaScript: the URL holds the whole state, every filter is a
//! link, the region tree opens with `<details>`, the timeline and map are SVG drawn here
//! with links on their bars, oblasts and points. `assets/frontline.js` only adds keyboard
//! shortcuts and submits the sort menu on change.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use chrono::NaiveDate;
use frontline_engine::relations::{ClusterInfo, Translation, cluster_key};
use frontline_engine::request::parse_date;
use frontline_engine::response::{DateHistogram, FacetAnswer, FacetValue, UnderstoodTerm};
use frontline_engine::{FacetSet, Hit, Interval, SearchRequest, SearchResponse, Sort};
use frontline_gazetteer::{Gazetteer, Place};
use frontline_schema::facets::{EVENTS, FACETS, FacetKind};

mod charts;
mod document;

pub use document::document;

use crate::error::ApiError;
use crate::params::{percent_encode as enc, query_pairs, search_request};
use crate::state::AppState;
use charts::{place_map, timeline};

const CSS: &str = include_str!("../../assets/frontline.css");
const JS: &str = include_str!("../../assets/frontline.js");
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

    /// The page for the same words and nothing else.
    fn only_query(&self) -> String {
        match self.get("q") {
            "" => "/".to_string(),
            q => format!("/?q={}", enc(q)),
        }
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
                @let shown = if name == "lang" { language_name(&v.label) } else { v.label.as_str() };
                li {
                    @if on {
                        a.on href=(st.page(&[(name, Some(&v.value))], &[])) aria-pressed="true"
                            data-facet=(name) data-value=(v.value) { (shown) }
                    } @else {
                        a href=(st.page(&[], &[(name, &v.value)])) aria-pressed="false"
                            data-facet=(name) data-value=(v.value) { (shown) }
                    }
                    " " (count(v.count))
                }
            }
        }
    }
}

/// "2022-03-01 – …": a date range as a chip shows it; `None` when unbounded both ways.
fn range_label(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
    let end = |d: Option<NaiveDate>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
    (from.is_some() || to.is_some()).then(|| format!("{} – {}", end(from), end(to)))
}

fn chips(req: &SearchRequest, st: Here) -> Markup {
    let dates = range_label(req.from, req.to);
    let event_dates = range_label(req.event_from, req.event_to);
    let filters: Vec<(&str, &str, &String)> = FACETS
        .iter()
        .flat_map(|f| req.filter(f.name).iter().map(|v| (f.name, f.chip, v)))
        .collect();
    html! {
        @if !filters.is_empty() || dates.is_some() || event_dates.is_some() || req.cluster.is_some() {
            ul.chips aria-label="Active filters" {
                @if let Some(c) = req.cluster {
                    li.chip data-filter="cluster" {
                        "same story: " strong { (cluster_key(c)) }
                        a href=(st.page(&[("cluster", None)], &[])) aria-label="remove same-story filter" { "×" }
                    }
                }
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
                @if let Some(d) = event_dates {
                    li.chip data-filter="events" {
                        "event dates: " strong { (d) }
                        a href=(st.page(&[("event_from", None), ("event_to", None)], &[])) aria-label="remove event date filter" { "×" }
                    }
                }
            }
        }
    }
}

/// How the query's words were read, where that is more than the words themselves: a
/// place in any spelling (linked to its filter), a misspelt place's or word's reading, a
/// word also sought in another writing or in the other language.
fn understood(res: &SearchResponse, st: Here, gaz: &Gazetteer) -> Markup {
    // Words of adjacent groups sought as the same translation (a unit: "воєнний стан")
    // are one. An excluded word is not read.
    let mut terms: Vec<(String, &UnderstoodTerm)> = Vec::new();
    let mut previous_group = None;
    for (group, t) in res
        .query
        .groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.iter().map(move |t| (i, t)))
    {
        if t.negated
            || t.places.is_empty()
                && t.read_as.is_none()
                && t.translations.is_empty()
                && t.also_written.is_empty()
        {
            continue;
        }
        let adjacent = previous_group.is_some_and(|p: usize| p + 1 == group);
        previous_group = Some(group);
        match terms.last_mut() {
            Some((text, last))
                if adjacent
                    && t.places.is_empty()
                    && t.read_as.is_none()
                    && last.read_as.is_none()
                    && t.also_written.is_empty()
                    && last.also_written.is_empty()
                    && last.translations == t.translations =>
            {
                text.push(' ');
                text.push_str(&t.text);
            }
            _ => terms.push((t.text.clone(), t)),
        }
    }
    html! {
        @if !terms.is_empty() {
            p.understood #understood {
                "Read as: "
                @for (i, (text, t)) in terms.iter().enumerate() {
                    @if i > 0 { " · " }
                    @if let Some(path) = t.places.first() {
                        @let name = t.read_as.as_deref().unwrap_or_else(|| path.rsplit('/').next().unwrap_or(path));
                        (text) " → "
                        // No article is tagged with a place only queries name.
                        @if gaz.by_path(path).is_some_and(Place::is_query_only) {
                            span title=(path) { (name) }
                        } @else {
                            a href=(st.page(&[], &[("place", path.as_str())])) title=(path) { (name) }
                        }
                        " (place, every spelling)"
                    } @else {
                        (text) " → "
                        @if let Some(better) = &t.read_as {
                            em { (better) } " (no document has " (t.text) ")"
                            @if !t.also_written.is_empty() || !t.translations.is_empty() { ", also " }
                        } @else {
                            "also "
                        }
                        @for (j, other) in t.also_written.iter().enumerate() {
                            @if j > 0 { ", " }
                            em { (other) }
                        }
                        @for (j, other) in t.translations.iter().enumerate() {
                            @if j > 0 || !t.also_written.is_empty() { ", " }
                            em { (other) "…" }
                        }
                    }
                }
            }
        }
    }
}

/// Hidden inputs carrying the state into a form, but for the keys the form sets itself.
fn hidden_except(st: Here, except: &[&str]) -> Markup {
    html! {
        @for (k, v) in st.pairs.iter().filter(|(k, v)| !except.contains(&k.as_str()) && !v.is_empty()) {
            input type="hidden" name=(k) value=(v);
        }
    }
}

fn hit_view(hit: &Hit, st: Here) -> Markup {
    let mut places: Vec<_> = hit.places.iter().collect();
    places.sort_by_key(|p| !p.focus);
    html! {
        article.hit {
            h3 { a href={"/documents/" (enc(&hit.id))} {
                @match (&hit.title_marked, &hit.title) {
                    (Some(marked), _) => (PreEscaped(marked)),
                    (None, Some(title)) => (title),
                    (None, None) => "(untitled)",
                }
            } }
            p.meta {
                (hit.source.as_deref().unwrap_or("unknown source"))
                @if let Some(d) = &hit.published { " · " time datetime=(d) { (d.get(..10).unwrap_or(d)) } }
                @if let Some(l) = &hit.lang { " · " (language_name(l)) }
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
            (related(hit.cluster.as_ref(), &hit.translations))
        }
    }
}

/// A language's name in itself, for a code the corpus uses.
pub(crate) fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "uk" => "Українська",
        "ru" => "Русский",
        other => other,
    }
}

/// The other articles telling the same story: near-duplicates and translations.
pub(crate) fn related(cluster: Option<&ClusterInfo>, translations: &[Translation]) -> Markup {
    html! {
        @if cluster.is_some() || !translations.is_empty() {
            p.related {
                @if let Some(c) = cluster {
                    a.similar href={"/?cluster=" (c.key) "&sort=oldest"}
                        title="Articles with nearly the same text, shown once in results" {
                        (c.similar) " similar"
                    }
                }
                @for t in translations {
                    " "
                    a.translation href={"/documents/" (enc(&t.id))} hreflang=(t.lang) {
                        "also in " (language_name(&t.lang))
                    }
                }
            }
        }
    }
}

/// What to try when nothing matches: each filter taken away, or all of them.
fn no_results(req: &SearchRequest, st: Here) -> Markup {
    let filters: Vec<(&str, &String)> = FACETS
        .iter()
        .flat_map(|f| req.filter(f.name).iter().map(move |v| (f.name, v)))
        .collect();
    let dated = req.from.is_some() || req.to.is_some();
    let event_dated = req.event_from.is_some() || req.event_to.is_some();
    let clustered = req.cluster.is_some();
    html! {
        div.empty {
            p { "No documents match. Try fewer words or another spelling" @if !filters.is_empty() || dated || event_dated || clustered { ", or search without a filter:" } @else { "." } }
            @if !filters.is_empty() || dated || event_dated || clustered {
                ul.retry {
                    @for (name, value) in &filters {
                        li { a href=(st.page(&[(name, Some(value.as_str()))], &[])) { "without " (name) " " (value) } }
                    }
                    @if dated {
                        li { a href=(st.page(&[("from", None), ("to", None)], &[])) { "without the dates" } }
                    }
                    @if event_dated {
                        li { a href=(st.page(&[("event_from", None), ("event_to", None)], &[])) { "without the event dates" } }
                    }
                    @if clustered {
                        li { a href=(st.page(&[("cluster", None)], &[])) { "without the same-story filter" } }
                    }
                    @if filters.len() + usize::from(dated) + usize::from(event_dated) > 1 {
                        li { a href=(st.only_query()) { "without any filter" } }
                    }
                }
            }
        }
    }
}

/// Pages offered: the first, two either side of the current one, the last; `None` for a
/// gap.
fn page_numbers(current: usize, last: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for n in 1..=last {
        if n == 1 || n == last || n.abs_diff(current) <= 2 {
            out.push(Some(n));
        } else if out.last().is_some_and(Option::is_some) {
            out.push(None);
        }
    }
    out
}

fn results(
    res: &SearchResponse,
    req: &SearchRequest,
    st: Here,
    dates: Timeline,
    gaz: &Gazetteer,
) -> Markup {
    let limit = req.limit.max(1);
    let page = req.offset / limit + 1;
    // Within the deep-paging window only.
    let pages = res
        .total
        .min(frontline_engine::request::MAX_WINDOW)
        .div_ceil(limit)
        .max(1);
    // The API takes the page's state but for what only the page knows.
    let export = |ext: &str| st.link(&format!("/export.{ext}"), &[(TIMELINE, None)], &[]);
    html! {
        main {
            // A disclosure without script: on a phone the filters and charts wait behind
            // it, so the results come first.
            input #show-filters type="checkbox";
            label.filters-toggle for="show-filters" { "Filters" }
            aside aria-label="Filters" {
                @for f in FACETS {
                    @if let Some(values) = res.facets.values(f.name) {
                        @match (f.kind, f.name) {
                            // Where things happened, open; what a document is mainly
                            // about, folded under it.
                            (FacetKind::Places, "place") => {
                                h2 { (f.label) }
                                (tree(f.name, values, res.facets.settlements.as_deref(), st))
                            }
                            (FacetKind::Places, _) => {
                                details.focus {
                                    summary { h2 { (f.label) } }
                                    (tree(f.name, values, None, st))
                                }
                            }
                            _ => (toggle_list(f.name, f.label, values, st)),
                        }
                    }
                }
            }
            section #results aria-live="polite" {
                div.summary {
                    p #total data-total=(res.total) {
                        strong { (res.total) } " documents"
                        @if res.query.collapse { span.n { " · near-duplicates shown once, counted each" } }
                        span.n { " · " (format!("{:.1}", res.took_ms)) " ms" }
                    }
                    p.export {
                        "Export: "
                        a href=(export("csv")) #export-csv download { "CSV" }
                        " · "
                        a href=(export("json")) #export-json download { "JSON" }
                        " · "
                        a href=(st.link("/search", &[(TIMELINE, None)], &[])) { "API" }
                    }
                }
                (chips(req, st))
                div.viz {
                    @if let Some(h) = res.facets.histogram(dates.facet()) {
                        @if dates == Timeline::Events && req.event_from.is_none() && req.event_to.is_none() && req.interval.is_none() {
                            @let (cropped, left_out) = crop_tails(h);
                            (timeline(&cropped, st, dates, left_out))
                        } @else {
                            (timeline(h, st, dates, 0))
                        }
                    }
                    @if res.facets.values("place").is_some() { (place_map(res, st)) }
                }
                (understood(res, st, gaz))
                @let missing: Vec<&str> = res.query.groups.iter().flatten().filter(|t| t.missing).map(|t| t.text.as_str()).collect();
                @if !missing.is_empty() {
                    p.suggestion #missing {
                        "No document has "
                        @for (i, word) in missing.iter().enumerate() {
                            @if i > 0 { ", " }
                            s { (word) }
                        }
                        @if missing.len() > 1 { ": searched without them." } @else { ": searched without it." }
                    }
                }
                @if let Some(better) = &res.did_you_mean {
                    p.suggestion #did-you-mean {
                        "Did you mean "
                        a href=(st.link("/", &[("q", None)], &[("q", better)])) { em { (better) } }
                        "?"
                    }
                }
                @for w in &res.warnings {
                    p.warning role="status" data-filter=(w.filter) {
                        (w.message)
                        @if !w.suggestions.is_empty() {
                            ". Did you mean "
                            @for (i, better) in w.suggestions.iter().enumerate() {
                                @if i > 0 { " or " }
                                a href=(st.page(&[(w.filter.as_str(), None)], &[(w.filter.as_str(), better.as_str())])) { (better) }
                            }
                            "?"
                        }
                    }
                }
                @if res.hits.is_empty() {
                    (no_results(req, st))
                }
                ol.hits start=(req.offset + 1) {
                    @for hit in &res.hits { li { (hit_view(hit, st)) } }
                }
                @if pages > 1 {
                    nav.pager aria-label="Pages" {
                        @if req.offset > 0 {
                            a rel="prev" href=(st.with_offset(req.offset.saturating_sub(req.limit))) { "← previous" }
                        }
                        @for n in page_numbers(page, pages) {
                            @match n {
                                Some(n) if n == page => span.current aria-current="page" { (n) },
                                Some(n) => a href=(st.with_offset((n - 1) * req.limit)) aria-label={ "page " (n) } { (n) },
                                None => span.gap { "…" },
                            }
                        }
                        @if page < pages {
                            a rel="next" href=(st.with_offset(req.offset + req.limit)) { "next →" }
                        }
                    }
                }
            }
        }
    }
}

/// Share of the counts the timeline shows at least, in percent.
const SHOWN_PERCENT: u64 = 95;

/// Event dates reach back a century and more ("in October 1917"), which would squeeze the
/// years of the war into slivers: the timeline keeps the shortest stretch of buckets that
/// holds most of the counts, and says how many it left out.
fn crop_tails(h: &DateHistogram) -> (DateHistogram, u64) {
    let counts: Vec<u64> = h.buckets.iter().map(|b| b.count).collect();
    let total: u64 = counts.iter().sum();
    let wanted = (total * SHOWN_PERCENT).div_ceil(100);
    // The shortest window [start, end) whose sum reaches `wanted` (two pointers).
    let (mut best, mut start, mut sum) = ((0, counts.len()), 0, 0);
    for (end, &c) in counts.iter().enumerate() {
        sum += c;
        while sum - counts[start] >= wanted && start < end {
            sum -= counts[start];
            start += 1;
        }
        if sum >= wanted && end + 1 - start < best.1 - best.0 {
            best = (start, end + 1);
        }
    }
    let mut cropped = h.clone();
    cropped.buckets = h.buckets[best.0..best.1].to_vec();
    let shown: u64 = cropped.buckets.iter().map(|b| b.count).sum();
    (cropped, total - shown)
}

/// The page's own parameter: which dates the timeline counts.
const TIMELINE: &str = "timeline";

/// The dates the timeline shows: when articles were published, or the days they report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timeline {
    Published,
    Events,
}

impl Timeline {
    fn of(st: Here) -> Timeline {
        if st.get(TIMELINE) == "events" {
            Timeline::Events
        } else {
            Timeline::Published
        }
    }

    /// The dates facet it draws.
    fn facet(self) -> &'static str {
        match self {
            Timeline::Published => "date",
            Timeline::Events => EVENTS,
        }
    }

    /// The parameters of its date range.
    fn range(self) -> (&'static str, &'static str) {
        match self {
            Timeline::Published => ("from", "to"),
            Timeline::Events => ("event_from", "event_to"),
        }
    }
}

/// The search form; `sort` is the order in force (relevance for a query, newest first when
/// browsing by filters alone, unless the URL asks otherwise). The box shows it; when it is
/// the default, its option sends no value, so a new query gets its own default again.
fn header(st: Here, sort: Sort) -> Markup {
    let explicit = !st.get("sort").is_empty();
    let option = |value: &str, label: &str, on: bool| {
        let value = if on && !explicit { "" } else { value };
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
                span.sort {
                    label for="sort" { "Sort" }
                    select #sort name="sort" data-autosubmit {
                        (option("relevance", "best match", sort == Sort::Relevance))
                        (option("newest", "newest first", sort == Sort::Newest))
                        (option("oldest", "oldest first", sort == Sort::Oldest))
                        (option("events_newest", "latest events first", sort == Sort::EventsNewest))
                        (option("events_oldest", "earliest events first", sort == Sort::EventsOldest))
                    }
                }
                button type="submit" { "Search" }
            }
            p #syntax.hint { "most words must match, near each other ranks first, Ukrainian and English alike · \"exact phrase\" · a OR b · a AND b · +require · -exclude · NOT · title: source: · prefix* · press / to search" }
        }
    }
}

/// When every dated match falls within two months and no interval was asked for, counts
/// the timeline again by day over those months, so it shows more than one or two blocks.
async fn finer_timeline(
    state: &AppState,
    req: &SearchRequest,
    res: &mut SearchResponse,
    dates: Timeline,
) {
    let Some(h) = res.facets.histogram(dates.facet()) else {
        return;
    };
    let dated: Vec<_> = h.buckets.iter().filter(|b| b.count > 0).collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return;
    };
    if req.interval.is_some() || h.interval != Interval::Month || dated.len() > 2 {
        return;
    }
    let (Ok(from), Ok(to)) = (parse_date("from", &first.from), parse_date("to", &last.to)) else {
        return;
    };
    if (to - from).num_days() > 62 {
        return;
    }
    let mut by_day = req.clone();
    let (range_from, range_to) = match dates {
        Timeline::Published => (&mut by_day.from, &mut by_day.to),
        Timeline::Events => (&mut by_day.event_from, &mut by_day.event_to),
    };
    *range_from = Some(range_from.map_or(from, |f| f.max(from)));
    *range_to = Some(range_to.map_or(to, |t| t.min(to)));
    by_day.interval = Some(Interval::Day);
    by_day.limit = 0;
    by_day.offset = 0;
    by_day.snippets = false;
    by_day.facets = FacetSet::NONE;
    by_day.facets.insert(dates.facet());
    let unknown = h.unknown;
    let Ok(days) = state.search(by_day).await else {
        return;
    };
    let Some(FacetAnswer::Histogram(mut daily)) = days.facets.counted.into_values().next() else {
        return;
    };
    daily.unknown = unknown;
    let mut daily = Some(daily);
    for answer in res.facets.counted.values_mut() {
        if let FacetAnswer::Histogram(h) = answer
            && let Some(d) = daily.take()
        {
            *h = d;
        }
    }
}

/// `GET /`: the search page.
pub async fn index(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match query_pairs(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let st = Here { pairs: &pairs };
    let dates = Timeline::of(st);
    let search_pairs: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != TIMELINE)
        .cloned()
        .collect();
    let outcome = match search_request(&search_pairs) {
        Ok(mut req) => {
            req.facets.settlements = req.facets.contains("place");
            if dates == Timeline::Events && req.facets.contains("date") {
                req.facets.remove("date");
                req.facets.insert(EVENTS);
            }
            match state.search(req.clone()).await {
                Ok(mut res) => {
                    finer_timeline(&state, &req, &mut res, dates).await;
                    Ok((req, res))
                }
                Err(e) => Err(e),
            }
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
            let body =
                html! { (header(st, req.sort)) (results(&res, &req, st, dates, &state.gazetteer)) };
            Html(layout(&title, body).into_string()).into_response()
        }
        Err(e) => {
            let body = html! {
                (header(st, Sort::Relevance))
                main.error { section #results { p role="alert" { (e.message) } p { a href="/" { "Start again" } } } }
            };
            (e.status, Html(layout("Error", body).into_string())).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use frontline_engine::Interval;
    use frontline_engine::response::{DateBucket, DateHistogram};

    use super::{crop_tails, page_numbers};

    #[test]
    fn the_event_timeline_leaves_out_a_centurys_stray_dates() {
        let bucket = |key: &str, count| DateBucket {
            key: key.to_string(),
            from: format!("{key}-01"),
            to: format!("{key}-28"),
            count,
        };
        let mut buckets = vec![bucket("1917-10", 2)];
        buckets.extend((0..100).map(|i| bucket(&format!("x{i}"), 0)));
        buckets.extend((0..12).map(|i| bucket(&format!("2022-{:02}", i + 1), 10)));
        buckets.push(bucket("2030-01", 1));
        let h = DateHistogram {
            interval: Interval::Month,
            buckets,
            unknown: 0,
        };
        let (cropped, left_out) = crop_tails(&h);
        let keys: Vec<&str> = cropped.buckets.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys.first(), Some(&"2022-01"));
        assert_eq!(keys.last(), Some(&"2022-12"));
        assert_eq!(left_out, 3);
    }

    #[test]
    fn pages_offered_are_the_ends_and_the_neighbours() {
        let shown = |current, last| -> Vec<String> {
            page_numbers(current, last)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect()
        };
        assert_eq!(shown(1, 3), ["1", "2", "3"]);
        assert_eq!(shown(1, 20), ["1", "2", "3", "…", "20"]);
        assert_eq!(
            shown(10, 20),
            ["1", "…", "8", "9", "10", "11", "12", "…", "20"]
        );
        assert_eq!(shown(20, 20), ["1", "…", "18", "19", "20"]);
        assert_eq!(shown(4, 7), ["1", "2", "3", "4", "5", "6", "7"]);
    }
}
