//! The indexer: reads a corpus, enriches each article (language, source, date, places)
//! and builds the tantivy index the query server reads.
//!
//! Data flow: [`corpus`] (JSON Lines and text readers) → [`enrich`] (language, source,
//! date, geoparsing against the gazetteer) → [`build`] (tantivy documents, atomic swap).

pub mod build;
pub mod corpus;
pub mod enrich;
pub mod text;

pub use build::{BuildOptions, Summary, build};
pub use enrich::{Enriched, Enricher};
