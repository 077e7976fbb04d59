//! The query side: turns requests into tantivy searches and serves them over HTTP.
//!
//! [`parse`] reads the query language, [`search`] runs one pass collecting hits, facet
//! counts and the date histogram, [`http`] exposes it as JSON (axum), [`page`] as HTML and
//! [`export`] as CSV/JSON downloads.
//! [`index::IndexHandle`] serves the live index and swaps in rebuilds without a restart.

pub mod error;
pub mod export;
pub mod facets;
pub mod http;
pub mod index;
pub mod metrics;
pub mod page;
pub mod parse;
pub mod place_terms;
pub mod search;

pub use error::ApiError;
pub use http::{AppState, app};
pub use index::IndexHandle;
pub use search::{SearchRequest, SearchResponse, search};
