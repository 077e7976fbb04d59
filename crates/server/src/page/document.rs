//! The document page: the text with every place mention linked to its filter.

use axum::extract::{Path, State};
use axum::response::Html;
use frontline_engine::FullDocument;
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
