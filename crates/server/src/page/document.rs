//! The document page: the text with every place and date mention linked to its filter.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header as http_header};
use axum::response::Html;
use frontline_engine::{FullDocument, Sort};
use frontline_schema::StoredEvent;
use maud::html;

use super::{Here, enc, header, language_name, layout, related};
use crate::error::ApiError;
use crate::state::AppState;

enum Piece<'a> {
    Text(&'a str),
    /// A place mention: links to its facet path.
    Place {
        text: &'a str,
        path: &'a str,
    },
    /// A date mention: links to the articles reporting events that day (or month).
    Date {
        text: &'a str,
        event: &'a StoredEvent,
    },
}

/// What a marked span of the body is.
#[derive(Clone, Copy)]
enum Mark<'a> {
    Place(&'a str),
    Date(&'a StoredEvent),
}

/// The body's paragraphs, each cut into text and mentions of places and dates (from the
/// stored spans); where two overlap, the first wins.
fn paragraphs(doc: &FullDocument) -> Vec<Vec<Piece<'_>>> {
    let mut spans: Vec<(usize, usize, Mark<'_>)> = doc
        .places
        .iter()
        .flat_map(|p| {
            p.spans
                .iter()
                .map(|&[start, end]| (start, end, Mark::Place(p.path.as_str())))
        })
        .chain(
            doc.events
                .iter()
                .map(|e| (e.span[0], e.span[1], Mark::Date(e))),
        )
        .collect();
    spans.sort_unstable_by_key(|&(s, e, _)| (s, e));
    let body = doc.body.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for para in body.split('\n') {
        let end = start + para.len();
        if !para.trim().is_empty() {
            let mut pieces = Vec::new();
            let mut at = start;
            for &(s, e, mark) in spans.iter().filter(|(s, e, _)| *s >= start && *e <= end) {
                if let (true, Some(before), Some(text)) = (s >= at, body.get(at..s), body.get(s..e))
                {
                    pieces.push(Piece::Text(before));
                    pieces.push(match mark {
                        Mark::Place(path) => Piece::Place { text, path },
                        Mark::Date(event) => Piece::Date { text, event },
                    });
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

/// The search for articles reporting events on an event's day (or every day of its month),
/// the first reports first.
fn events_link(event: &StoredEvent) -> String {
    let (from, to) = event.days().map_or_else(
        || (event.date.clone(), event.date.clone()),
        |(f, t)| (f.to_string(), t.to_string()),
    );
    format!("/?event_from={from}&event_to={to}&timeline=events&sort=oldest")
}

/// The document page.
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Html<String>, ApiError> {
    Ok(document_page(
        &state.document(id).await?,
        &back_to(&headers),
    ))
}

/// Where "back to the results" goes: the search page this one was opened from, when the
/// browser says so (its `Referer` on this host), else a fresh search.
fn back_to(headers: &HeaderMap) -> String {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(referer), Some(host)) = (text(http_header::REFERER), text(http_header::HOST)) else {
        return "/".to_string();
    };
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))
        .and_then(|r| r.strip_prefix(host));
    match rest {
        Some(path) if path == "/" || path.starts_with("/?") => path.to_string(),
        _ => "/".to_string(),
    }
}

fn document_page(doc: &FullDocument, back: &str) -> Html<String> {
    let title = doc.title.clone().unwrap_or_else(|| "(untitled)".into());
    let no_state: &[(String, String)] = &[];
    let st = Here { pairs: no_state };
    Html(layout(&title, html! {
        (header(st, Sort::Relevance))
        main {
            aside aria-label="Places and dates" {
                h2 { "Published" }
                p { (doc.published.as_deref().map_or("unknown", |d| d.get(..10).unwrap_or(d))) }
                h2 { "Event dates" }
                @if doc.events.is_empty() { p.n { "No event dates found." } }
                ul.flat.doc-events {
                    @for (event, n) in distinct_dates(doc) {
                        li { a href=(events_link(event)) { time datetime=(event.date) { (event.date) } } " " span.n { (n) "×" } }
                    }
                }
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
                p.back { a #back href=(back) { "← back to the results" } }
                h1 { (title) }
                p.meta {
                    (doc.source.as_deref().unwrap_or("unknown source"))
                    @if let Some(d) = &doc.published { " · " time datetime=(d) { (d) } }
                    @if let Some(l) = &doc.lang { " · " (language_name(l)) }
                    @if let Some(u) = doc.url.as_deref().filter(|u| is_web_address(u)) { " · " a href=(u) rel="noopener noreferrer" { "original" } }
                    " · " a href={ "/documents/" (enc(&doc.id)) } data-json { "id " (doc.id) }
                }
                (related(doc.cluster.as_ref(), &doc.translations))
                @for para in paragraphs(doc) {
                    p {
                        @for piece in para {
                            @match piece {
                                Piece::Text(t) => (t),
                                Piece::Place { text, path } => a.mention href={ "/?place=" (enc(path)) } title=(path) { mark { (text) } },
                                Piece::Date { text, event } => a.mention.date href=(events_link(event)) title={ "events on " (event.date) } { mark { (text) } },
                            }
                        }
                    }
                }
                @if !doc.more_like_this.is_empty() {
                    section.more-like-this aria-labelledby="more-h" {
                        h2 #more-h { "More like this" }
                        ul {
                            @for b in &doc.more_like_this {
                                li {
                                    a href={ "/documents/" (enc(&b.id)) } { (b.title.as_deref().unwrap_or("(untitled)")) }
                                    span.n {
                                        " · " (b.source.as_deref().unwrap_or("unknown source"))
                                        @if let Some(d) = &b.published { " · " (d.get(..10).unwrap_or(d)) }
                                        @if let Some(l) = &b.lang { " · " (language_name(l)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }).into_string())
}

/// The event dates of a document in calendar order, each once with its number of mentions.
fn distinct_dates(doc: &FullDocument) -> Vec<(&StoredEvent, usize)> {
    let mut counts: std::collections::BTreeMap<&str, (&StoredEvent, usize)> = Default::default();
    for e in &doc.events {
        counts.entry(e.date.as_str()).or_insert((e, 0)).1 += 1;
    }
    counts.into_values().collect()
}

/// Only `http` and `https` addresses become links: a corpus record's `javascript:` or
/// `data:` URL must not run in a reader's browser.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
