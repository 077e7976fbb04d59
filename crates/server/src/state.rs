//! What every handler shares: the live index, the gazetteer, the metrics; searches run on
//! the blocking pool.

use std::sync::Arc;
use std::time::Duration;

use frontline_engine::{FullDocument, IndexHandle, Loaded, SearchRequest, SearchResponse};
use frontline_gazetteer::Gazetteer;

use crate::admission::Admission;
use crate::error::ApiError;
use crate::metrics::Metrics;

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    pub index: IndexHandle,
    pub gazetteer: Arc<Gazetteer>,
    pub metrics: Arc<Metrics>,
    pub admission: Arc<Admission>,
}

impl AppState {
    pub fn new(index: IndexHandle, gazetteer: Arc<Gazetteer>) -> AppState {
        AppState {
            index,
            gazetteer,
            metrics: Arc::new(Metrics::default()),
            admission: Arc::default(),
        }
    }

    /// Runs a search on the blocking pool; 503 on an index found damaged.
    pub async fn search(&self, req: SearchRequest) -> Result<SearchResponse, ApiError> {
        let loaded = self.index.load();
        refuse_damaged(&loaded)?;
        let gaz = self.gazetteer.clone();
        tokio::task::spawn_blocking(move || frontline_engine::search(&loaded, &gaz, &req))
            .await
            .map_err(|_| ApiError::internal("search task failed"))?
            .map_err(ApiError::from)
    }

    /// Looks a document up on the blocking pool; 404 when there is none.
    pub async fn document(&self, id: String) -> Result<FullDocument, ApiError> {
        let loaded = self.index.load();
        refuse_damaged(&loaded)?;
        let lookup = id.clone();
        tokio::task::spawn_blocking(move || frontline_engine::document(&loaded, &lookup))
            .await
            .map_err(|_| ApiError::internal("lookup task failed"))??
            .ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))
    }
}

/// A damaged index answers no search: its files would be read wrong or not at all.
fn refuse_damaged(loaded: &Loaded) -> Result<(), ApiError> {
    match loaded.damaged() {
        Some(files) => Err(ApiError::unavailable(format!(
            "the index is damaged ({}): rebuild it with `make index`",
            files.join(", ")
        ))),
        None => Ok(()),
    }
}

/// Polls for rebuilt indexes until the runtime stops, and checks each generation's files
/// once in the background.
pub fn watch(index: IndexHandle, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        let mut checked = None;
        loop {
            tick.tick().await;
            let loaded = index.load();
            if checked.as_ref() != Some(&loaded.dir) {
                checked = Some(loaded.dir.clone());
                tokio::task::spawn_blocking(move || {
                    let damaged = loaded.check();
                    if !damaged.is_empty() {
                        tracing::error!(files = ?damaged, dir = %loaded.dir.display(), "index damaged; searches answer 503 until it is rebuilt");
                    }
                });
            }
            let me = index.clone();
            match tokio::task::spawn_blocking(move || me.refresh()).await {
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "rebuilt index not loaded; still serving the previous one")
                }
                Err(e) => tracing::warn!(error = %e, "index watch task failed"),
                Ok(Ok(_)) => {}
            }
        }
    });
}
