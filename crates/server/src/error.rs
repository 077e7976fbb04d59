//! The one error type of the API; every error leaves as JSON.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error: HTTP status, a stable code, a message, and where in the input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub position: Option<usize>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `bad_query`.
    pub error: &'static str,
    pub message: String,
    /// Character offset in the offending parameter, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
            position: None,
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
            position: None,
        }
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "index_damaged",
            message: message.into(),
            position: None,
        }
    }

    /// Too many requests at once: 503 with `Retry-After`.
    pub fn busy(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: message.into(),
            position: None,
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: message.into(),
            position: None,
        }
    }

    pub fn at(mut self, position: usize) -> ApiError {
        self.position = Some(position);
        self
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.code,
            message: self.message.clone(),
            position: self.position,
        }
    }
}

impl From<frontline_engine::Error> for ApiError {
    fn from(e: frontline_engine::Error) -> ApiError {
        match e {
            frontline_engine::Error::Invalid {
                code,
                message,
                position,
            } => ApiError {
                status: StatusCode::BAD_REQUEST,
                code,
                message,
                position,
            },
            frontline_engine::Error::Index(e) => {
                tracing::error!(error = %e, "search failed");
                ApiError::internal("search failed inside the index")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if self.code == "busy" {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
