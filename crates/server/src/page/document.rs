//! The document page: the text with every place mention linked to its filter.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header as http_header};
use axum::response::Html;
use frontline_engine::{FullDocument, Sort};
use maud::html;

use super::{Here, enc, header, language_name, layout, related};
use crate::error::ApiError;
use crate::state::AppState;

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
                                Piece::Mention { text, path } => a.mention href={ "/?place=" (enc(path)) } title=(path) { mark { (text) } },
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

/// Only `http` and `https` addresses become links: a corpus record's `javascript:` or
/// `data:` URL must not run in a reader's browser.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
