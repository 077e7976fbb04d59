//! The JSON API: thin handlers over the engine, the OpenAPI document, health and metrics.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontline_engine::response::FacetAnswer;
use frontline_engine::{FullDocument, SearchResponse};
use utoipa::OpenApi;

use crate::error::{ApiError, ErrorBody};
use crate::params::{export_request, query_pairs, search_request};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontline",
        description = "Faceted full-text search over war reporting."
    ),
    paths(search_handler, export_csv, export_json, document_handler, healthz),
    components(schemas(SearchResponse, FacetAnswer, FullDocument, ErrorBody))
)]
pub struct ApiDoc;

/// Faceted search.
#[utoipa::path(get, path = "/search",
    params(
        ("q" = Option<String>, Query, description = "Query: words (one or two must all match, of more all but a quarter at most), \"phrase\", OR, AND, +required, -exclude, NOT, title:/body:/source:, prefix*"),
        ("place" = Option<Vec<String>>, Query, description = "Facet path, e.g. /Ukraine/Donetsk Oblast (repeatable, ORed)"),
        ("focus" = Option<Vec<String>>, Query, description = "Facet path of a place the document is mainly about"),
        ("source" = Option<Vec<String>>, Query, description = "Outlet name (repeatable)"),
        ("lang" = Option<Vec<String>>, Query, description = "Language code (repeatable)"),
        ("from" = Option<String>, Query, description = "First publication day, YYYY-MM-DD (inclusive)"),
        ("to" = Option<String>, Query, description = "Last publication day, YYYY-MM-DD (inclusive)"),
        ("event_from" = Option<String>, Query, description = "First event day, YYYY-MM-DD (inclusive): articles reporting events on any day from event_from to event_to, as the text dates them (\"yesterday\", \"8 April\", \"у березні\"; a month counts as all its days)"),
        ("event_to" = Option<String>, Query, description = "Last event day, YYYY-MM-DD (inclusive)"),
        ("sort" = Option<String>, Query, description = "relevance | newest | oldest (publication date) | events_newest (an article's latest event date first) | events_oldest (its earliest event date first); articles without the date come last"),
        ("limit" = Option<usize>, Query, description = "Hits per page, 0 to 100 (default 10)"),
        ("offset" = Option<usize>, Query, description = "Hits to skip (offset + limit at most 10000)"),
        ("facets" = Option<String>, Query, description = "Comma list of place,focus,source,lang,date,events,settlements (default place,focus,source,lang,date); date and events are histograms of publication and event dates, each within its own range"),
        ("snippets" = Option<bool>, Query, description = "Highlighted snippets (default true)"),
        ("collapse" = Option<bool>, Query, description = "One hit per near-duplicate cluster, the best ranked shown with how many others it holds (default true; total and facet counts always count articles)"),
        ("cluster" = Option<String>, Query, description = "Only the articles of this near-duplicate cluster (a hit's cluster.key), never collapsed"),
        ("interval" = Option<String>, Query, description = "Date histogram bucket: day | week | month | year (default from the range; day and week need both ends of it)"),
    ),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
pub async fn search_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let req = search_request(&query_pairs(raw.as_deref())?)?;
    Ok(Json(state.search(req).await?))
}

async fn export_results(state: &AppState, raw: Option<&str>) -> Result<SearchResponse, ApiError> {
    let req = export_request(&query_pairs(raw)?)?;
    state.search(req).await
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

/// The results of a search as CSV (same parameters as /search; `limit` up to 10000, default 1000; every near-duplicate on its own row unless `collapse=true`).
#[utoipa::path(get, path = "/export.csv",
    responses((status = 200, content_type = "text/csv", description = "id,title,source,published,url,lang,places,focus"),
        (status = 400, body = ErrorBody)))]
pub async fn export_csv(
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
pub async fn export_json(
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
pub async fn document_handler(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<FullDocument>, ApiError> {
    Ok(Json(state.document(id).await?))
}

/// Liveness and what is being served.
#[utoipa::path(get, path = "/healthz", responses(
    (status = 200, description = "Status and document count"),
    (status = 503, description = "The index is damaged")
))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    let loaded = state.index.load();
    let damaged = loaded.damaged();
    let body = Json(serde_json::json!({
        "status": if damaged.is_some() { "damaged" } else { "ok" },
        "damaged_files": damaged.unwrap_or_default(),
        "documents": loaded.searcher().num_docs(),
        "generation": loaded.dir.file_name().and_then(|n| n.to_str()),
        "index_bytes": loaded.size_bytes(),
        "version": env!("CARGO_PKG_VERSION"),
    }));
    match damaged {
        Some(_) => (StatusCode::SERVICE_UNAVAILABLE, body).into_response(),
        None => body.into_response(),
    }
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
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

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
