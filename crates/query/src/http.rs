//! The HTTP API: thin handlers over [`crate::search`], one JSON error type, limits.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Path, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use frontline_gazetteer::Gazetteer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;

use crate::error::{ApiError, ErrorBody};
use crate::index::IndexHandle;
use crate::metrics::Metrics;
use crate::search::{self, FullDocument, SearchRequest, SearchResponse};

/// Longest query string accepted; longer gets 414.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
const MAX_CONCURRENT: usize = 64;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    pub index: IndexHandle,
    pub gazetteer: Arc<Gazetteer>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(index: IndexHandle, gazetteer: Arc<Gazetteer>) -> AppState {
        AppState {
            index,
            gazetteer,
            metrics: Arc::new(Metrics::default()),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontline",
        description = "Faceted full-text search over war reporting."
    ),
    paths(search_handler, export_csv, export_json, document_handler, healthz),
    components(schemas(SearchResponse, FullDocument, ErrorBody))
)]
pub struct ApiDoc;

/// The whole application; tests drive it in process or over a socket.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/search", get(search_handler))
        .route("/documents/{id}", get(document_handler))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .route("/export.csv", get(export_csv))
        .route("/export.json", get(export_json))
        .route("/", get(crate::page::index))
        .route("/assets/{name}", get(crate::page::asset))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(middleware::from_fn(limit_query))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(16 * 1024))
        .layer(tower::limit::ConcurrencyLimitLayer::new(MAX_CONCURRENT))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

async fn limit_query(req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        let e = ApiError {
            status: StatusCode::URI_TOO_LONG,
            code: "too_long",
            message: format!("the query string is over {MAX_QUERY_BYTES} bytes"),
            position: None,
        };
        return e.into_response();
    }
    next.run(req).await
}

async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(req).await;
    state.metrics.observe(
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint; see /openapi.json")
}

/// Query-string pairs, percent-decoded, with a 400 for undecodable input.
pub fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let raw = raw.unwrap_or("");
    serde_urlencoded_pairs(raw)
}

fn serde_urlencoded_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let decode = |s: &str| -> Result<String, ApiError> {
            let s = s.replace('+', " ");
            percent_decode(&s).ok_or_else(|| {
                ApiError::bad_request(
                    "bad_encoding",
                    format!("{k:?} is not valid percent-encoded UTF-8"),
                )
            })
        };
        out.push((decode(k)?, decode(v)?));
    }
    Ok(out)
}

/// Percent-encodes a query-string component (`/` kept, so facet paths stay readable).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Runs a search on the blocking pool.
pub async fn run_search(state: &AppState, req: SearchRequest) -> Result<SearchResponse, ApiError> {
    let loaded = state.index.load();
    let gaz = state.gazetteer.clone();
    tokio::task::spawn_blocking(move || search::search(&loaded, &gaz, &req))
        .await
        .map_err(|_| ApiError::internal("search task failed"))?
}

/// Faceted search.
#[utoipa::path(get, path = "/search",
    params(
        ("q" = Option<String>, Query, description = "Query: words (one or two must all match, of more all but a quarter at most), \"phrase\", OR, +required, -exclude, title:/body:/source:, prefix*"),
        ("place" = Option<Vec<String>>, Query, description = "Facet path, e.g. /Ukraine/Donetsk Oblast (repeatable, ORed)"),
        ("focus" = Option<Vec<String>>, Query, description = "Facet path of a place the document is mainly about"),
        ("source" = Option<Vec<String>>, Query, description = "Outlet name (repeatable)"),
        ("lang" = Option<Vec<String>>, Query, description = "Language code (repeatable)"),
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (inclusive)"),
        ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD (inclusive)"),
        ("sort" = Option<String>, Query, description = "relevance | newest | oldest"),
        ("limit" = Option<usize>, Query, description = "Hits per page, 0 to 100 (default 10)"),
        ("offset" = Option<usize>, Query, description = "Hits to skip (offset + limit at most 10000)"),
        ("facets" = Option<String>, Query, description = "Comma list of place,focus,source,lang,date,settlements (default all but settlements)"),
        ("snippets" = Option<bool>, Query, description = "Highlighted snippets (default true)"),
        ("interval" = Option<String>, Query, description = "Date histogram bucket: day | week | month | year (default from the range)"),
    ),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
async fn search_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let req = SearchRequest::from_params(&query_pairs(raw.as_deref())?)?;
    Ok(Json(run_search(&state, req).await?))
}

async fn export_results(state: &AppState, raw: Option<&str>) -> Result<SearchResponse, ApiError> {
    let req = SearchRequest::for_export(&query_pairs(raw)?)?;
    run_search(state, req).await
}

fn attachment(
    content_type: &'static str,
    filename: &'static str,
) -> [(header::HeaderName, HeaderValue); 2] {
    [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static(filename),
        ),
    ]
}

/// The results of a search as CSV (same parameters as /search; `limit` up to 10000, default 1000).
#[utoipa::path(get, path = "/export.csv",
    responses((status = 200, content_type = "text/csv", description = "id,title,source,published,url,lang,places,focus"),
        (status = 400, body = ErrorBody)))]
async fn export_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let res = export_results(&state, raw.as_deref()).await?;
    let body = crate::export::to_csv(&res).map_err(|_| ApiError::internal("csv export failed"))?;
    Ok((
        attachment(
            "text/csv; charset=utf-8",
            "attachment; filename=\"frontline.csv\"",
        ),
        body,
    )
        .into_response())
}

/// The results of a search as JSON rows (same parameters as /export.csv).
#[utoipa::path(get, path = "/export.json",
    responses((status = 200, description = "total and rows"), (status = 400, body = ErrorBody)))]
async fn export_json(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let res = export_results(&state, raw.as_deref()).await?;
    Ok((
        attachment(
            "application/json",
            "attachment; filename=\"frontline.json\"",
        ),
        Json(crate::export::to_json(&res)),
    )
        .into_response())
}

/// One document with its enrichment.
#[utoipa::path(get, path = "/documents/{id}", params(("id" = String, Path, description = "Document id")),
    responses((status = 200, body = FullDocument), (status = 404, body = ErrorBody)))]
async fn document_handler(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    let loaded = state.index.load();
    let lookup = id.clone();
    let doc = tokio::task::spawn_blocking(move || search::document(&loaded, &lookup))
        .await
        .map_err(|_| ApiError::internal("lookup task failed"))??
        .ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))?;
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    Ok(if wants_html {
        crate::page::document(&doc).into_response()
    } else {
        Json(doc).into_response()
    })
}

/// Liveness and what is being served.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "Status and document count")))]
async fn healthz(State(state): State<AppState>) -> Json<serde_json::Value> {
    let loaded = state.index.load();
    Json(serde_json::json!({
        "status": "ok",
        "documents": loaded.searcher().num_docs(),
        "generation": loaded.dir.file_name().and_then(|n| n.to_str()),
        "index_bytes": loaded.size_bytes(),
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let loaded = state.index.load();
    let body = state
        .metrics
        .render(loaded.searcher().num_docs(), loaded.size_bytes());
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4"),
        )],
        body,
    )
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
