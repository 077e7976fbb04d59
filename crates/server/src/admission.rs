//! Admission: how many requests run at once and how long one waits for its turn. Exports
//! have a smaller budget of their own, so a flood of them leaves searches their share; a
//! request that gets no turn within its wait is turned away at once with 503 and
//! `Retry-After`, never left queueing past its deadline. Health, metrics and the page's
//! assets are always answered.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::state::AppState;

/// Requests answered at once, exports aside.
pub const MAX_CONCURRENT: usize = 64;
/// Longest wait for a turn: well inside the request deadline, so a crowded server says so
/// while the client still cares.
pub const WAIT: Duration = Duration::from_secs(3);

/// The two budgets and the wait.
#[derive(Debug)]
pub struct Admission {
    requests: Semaphore,
    exports: Semaphore,
    wait: Duration,
}

impl Default for Admission {
    /// Exports at once: one per core, since each keeps a core busy for its whole length.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Admission::new(MAX_CONCURRENT, cores, WAIT)
    }
}

impl Admission {
    pub fn new(requests: usize, exports: usize, wait: Duration) -> Admission {
        Admission {
            requests: Semaphore::new(requests.max(1)),
            exports: Semaphore::new(exports.max(1)),
            wait,
        }
    }

    /// The export budget, for tests that fill it.
    pub fn exports(&self) -> &Semaphore {
        &self.exports
    }
}

/// Middleware: runs the request once its budget has a turn for it.
pub async fn admit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/healthz" || path == "/metrics" || path.starts_with("/assets/") {
        return next.run(req).await;
    }
    let admission = &state.admission;
    let budget = if path.starts_with("/export.") {
        &admission.exports
    } else {
        &admission.requests
    };
    match tokio::time::timeout(admission.wait, budget.acquire()).await {
        Ok(Ok(turn)) => {
            let response = next.run(req).await;
            drop(turn);
            response
        }
        _ => ApiError::busy("the server is busy; retry in a moment").into_response(),
    }
}
