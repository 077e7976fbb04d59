//! The HTTP server: the JSON API ([`api`]), the browser page ([`page`]) and the exports
//! ([`export`]) over the engine, with one JSON error type ([`ApiError`]) and the limits
//! that keep one client from starving the others.
//!
//! [`admission`] gives searches and exports budgets of their own; [`listen`] accepts
//! connections with a cap and deadlines. [`params`] turns query
//! strings into typed engine requests; neither [`api`] nor
//! [`page`] imports the other: they meet only in [`app`].

pub mod admission;
pub mod api;
pub mod error;
pub mod export;
pub mod listen;
pub mod metrics;
pub mod page;
pub mod params;
pub mod state;

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::ApiError;
pub use frontline_engine::IndexHandle;
pub use state::{AppState, watch};

/// Longest query string accepted; longer gets 414.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// No endpoint reads a body; one declared larger is refused before anything else.
const MAX_BODY_BYTES: usize = 16 * 1024;
/// The page runs only its own script and stylesheet, loads nothing from elsewhere and is
/// never framed: text from the corpus cannot become code in a reader's browser.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";
/// Headers on every answer, including those hyper makes below the app ([`listen`]).
const SECURITY_HEADERS: [(HeaderName, &str); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
];

/// The whole application; tests drive it in process or over a socket.
pub fn app(state: AppState) -> Router {
    let inner = Router::new()
        .route("/search", get(api::search_handler))
        .route("/documents/{id}", get(document))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .route("/openapi.json", get(api::openapi))
        .route("/export.csv", get(api::export_csv))
        .route("/export.json", get(api::export_json))
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(middleware::from_fn(limit_query))
        // Inside the deadline: waiting for a turn counts against it.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            admission::admit,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(json_errors));
    let secured = SECURITY_HEADERS
        .into_iter()
        .fold(inner, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::overriding(
                name,
                HeaderValue::from_static(value),
            ))
        });
    secured
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The answers the layers give themselves (a deadline passed, a body too large) in the
/// JSON every other error has.
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let (code, message) = match res.status() {
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            format!("no answer within {} s", REQUEST_TIMEOUT.as_secs()),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too_large",
            format!("the request body is over {MAX_BODY_BYTES} bytes; no endpoint takes one"),
        ),
        _ => return res,
    };
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if json {
        return res;
    }
    ApiError {
        status: res.status(),
        code,
        message,
        position: None,
    }
    .into_response()
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

/// `GET /documents/{id}`: the page for a browser, JSON for anyone else.
async fn document(
    state: State<AppState>,
    id: Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if wants_html {
        page::document(state, id, headers).await.into_response()
    } else {
        api::document_handler(state, id).await.into_response()
    }
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;

    /// A deadline's bare 408 becomes the JSON error; a handler's own JSON answer is kept.
    #[test]
    fn bare_layer_answers_become_json_errors() {
        let router = Router::new()
            .route("/slow", get(|| async { StatusCode::REQUEST_TIMEOUT }))
            .route(
                "/own",
                get(|| async {
                    ApiError {
                        status: StatusCode::PAYLOAD_TOO_LARGE,
                        code: "own",
                        message: "a handler's own answer".into(),
                        position: None,
                    }
                }),
            )
            .layer(middleware::from_fn(json_errors));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let answer = |uri: &'static str| {
            let router = router.clone();
            runtime.block_on(async move {
                let req = Request::get(uri).body(Body::empty()).expect("request");
                let resp = router.oneshot(req).await.expect("answer");
                let status = resp.status();
                let body = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
                let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
                (status, json)
            })
        };
        let (status, json) = answer("/slow");
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
        assert_eq!(json["error"], "timeout", "{json}");
        let (status, json) = answer("/own");
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(json["error"], "own", "{json}");
    }
}
