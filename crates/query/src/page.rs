//! The browser page: server-rendered HTML over the same search function as the API.
//! Works without JavaScript; the URL holds the whole state.

use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::http::{AppState, query_pairs, run_search};
use crate::search::{FacetValue, FullDocument, SearchRequest, SearchResponse};

const STYLE: &str = "body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#1d3557;color:#fff;padding:.8rem 1rem}header a{color:#fff;text-decoration:none;font-weight:700}
form.q{display:flex;gap:.5rem;margin:.6rem 0 0}form.q input[type=search]{flex:1;font-size:1rem;padding:.45rem}
main{display:grid;grid-template-columns:17rem 1fr;gap:1.5rem;padding:1rem;max-width:72rem;margin:auto}
@media(max-width:50rem){main{grid-template-columns:1fr}}
aside h2{font-size:.95rem;margin:1rem 0 .3rem}aside ul{list-style:none;padding:0;margin:0}aside li{margin:.15rem 0}
aside ul ul{padding-left:1rem}.n{color:#555;font-size:.85rem}.hit{margin:0 0 1.2rem}.hit h3{margin:0;font-size:1.05rem}
.meta{color:#444;font-size:.85rem}mark{background:#ffe08a}.chip{display:inline-block;background:#e3ecf7;border-radius:1rem;padding:.1rem .6rem;margin:.1rem;font-size:.85rem}
.chip a{color:#1d3557;text-decoration:none;margin-left:.3rem}.pager a{margin-right:1rem}a{color:#1d4ed8}.hint{color:#cfd8e3;font-size:.8rem}";

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Frontline" }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

fn url_with(
    pairs: &[(String, String)],
    drop: &[(&str, Option<&str>)],
    add: &[(&str, &str)],
) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let kept = pairs.iter().filter(|(k, v)| {
        k != "offset"
            && !drop
                .iter()
                .any(|(dk, dv)| dk == k && dv.is_none_or(|dv| dv == v))
    });
    let parts: Vec<String> = kept
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .chain(add.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))))
        .collect();
    format!("/?{}", parts.join("&"))
}

fn facet_list(name: &str, values: &[FacetValue], pairs: &[(String, String)]) -> Markup {
    html! {
        ul {
            @for v in values {
                li {
                    a href=(url_with(pairs, &[], &[(name, &v.value)])) { (v.label) } " " span.n { (v.count) }
                    @if !v.children.is_empty() { (facet_list(name, &v.children, pairs)) }
                }
            }
        }
    }
}

fn results(res: &SearchResponse, pairs: &[(String, String)], req: &SearchRequest) -> Markup {
    let chips: Vec<(&str, &String)> = req
        .places
        .iter()
        .map(|v| ("place", v))
        .chain(req.focus.iter().map(|v| ("focus", v)))
        .chain(req.sources.iter().map(|v| ("source", v)))
        .chain(req.langs.iter().map(|v| ("lang", v)))
        .collect();
    html! {
        main {
            aside {
                @if let Some(p) = &res.facets.place { h2 { "Places" } (facet_list("place", p, pairs)) }
                @if let Some(s) = &res.facets.source { h2 { "Sources" } (facet_list("source", s, pairs)) }
                @if let Some(l) = &res.facets.lang { h2 { "Languages" } (facet_list("lang", l, pairs)) }
            }
            section {
                p.n { (res.total) " documents · " (format!("{:.1}", res.took_ms)) " ms" }
                @for (k, v) in &chips {
                    span.chip { (k) ": " (v) a href=(url_with(pairs, &[(k, Some(v.as_str()))], &[])) aria-label={"remove " (k) " filter"} { "×" } }
                }
                @for hit in &res.hits {
                    article.hit {
                        h3 { a href={"/documents/" (hit.id)} { (hit.title.clone().unwrap_or_else(|| "(untitled)".into())) } }
                        div.meta {
                            (hit.source.clone().unwrap_or_else(|| "unknown source".into()))
                            @if let Some(d) = &hit.published { " · " (d.get(..10).unwrap_or(d)) }
                            @for p in hit.places.iter().filter(|p| p.focus).take(3) { " · " (p.name) }
                        }
                        p { (PreEscaped(&hit.snippet)) }
                    }
                }
                div.pager {
                    @if req.offset > 0 {
                        a href=(url_with(pairs, &[], &[("offset", &req.offset.saturating_sub(req.limit).to_string())])) { "← previous" }
                    }
                    @if req.offset + req.limit < res.total {
                        a href=(url_with(pairs, &[], &[("offset", &(req.offset + req.limit).to_string())])) { "next →" }
                    }
                }
            }
        }
    }
}

fn header(q: &str) -> Markup {
    html! {
        header {
            a href="/" { "Frontline" }
            form.q method="get" action="/" role="search" {
                label for="q" style="position:absolute;left:-9999px" { "Search" }
                input #q type="search" name="q" value=(q) placeholder="Pokrovsk \"glide bomb\" -Moscow";
                button type="submit" { "Search" }
            }
            div.hint { "words are ANDed · \"phrase\" · OR · -exclude · title:, source: · prefix*" }
        }
    }
}

/// `GET /`: the search page.
pub async fn index(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match query_pairs(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let outcome = match SearchRequest::from_params(&pairs) {
        Ok(req) => run_search(&state, req.clone()).await.map(|res| (req, res)),
        Err(e) => Err(e),
    };
    let q = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map_or("", |(_, v)| v.as_str());
    let body = match outcome {
        Ok((req, res)) => html! { (header(q)) (results(&res, &pairs, &req)) },
        Err(e) => html! { (header(q)) main { section { p role="alert" { (e.message) } } } },
    };
    Html(layout("Search", body).into_string()).into_response()
}

/// The document page.
pub fn document(doc: &FullDocument) -> Html<String> {
    let title = doc.title.clone().unwrap_or_else(|| "(untitled)".into());
    Html(layout(&title, html! {
        (header(""))
        main {
            aside {
                h2 { "Places" }
                ul { @for p in &doc.places {
                    @if let Some(path) = p.get("path").and_then(|v| v.as_str()) {
                        li { a href={"/?place=" (path)} { (p.get("name").and_then(|v| v.as_str()).unwrap_or(path)) } }
                    }
                } }
            }
            article {
                h1 { (title) }
                p.meta {
                    (doc.source.clone().unwrap_or_else(|| "unknown source".into()))
                    @if let Some(d) = &doc.published { " · " (d) }
                    @if let Some(u) = &doc.url { " · " a href=(u) { "original" } }
                }
                @for para in doc.body.split('\n').filter(|p| !p.trim().is_empty()) { p { (para) } }
            }
        }
    }).into_string())
}
