//! The search engine: a typed [`SearchRequest`] → one tantivy pass → a [`SearchResponse`].
//!
//! It knows nothing of HTTP. [`parse`] reads the query language, [`query`] and
//! [`place_query`] build the tantivy query (a place in any spelling stands for the place,
//! `compounds` seeks a word in the other writings the articles have, `romanisations` a
//! name in its other romanisations, `cognates` a Russian word in its Ukrainian spelling, `derivations` an English word as
//! the other words of its family, `function_words` tells the words a match need not have,
//! and [`translate`]
//! adds the query's words in the other language),
//! [`filters`] narrow (their values read as the index holds them by [`filter_names`]), [`facets`] counts facet trees in the same pass, [`facet_values`] and
//! [`histogram`] shape the counts, [`relations`] collapses near-duplicates and names
//! translations, [`snippets`] highlights, [`document`] reads stored documents. [`index::IndexHandle`] holds the live index and swaps in rebuilds.

mod case;
mod cognates;
mod compounds;
mod derivations;
pub mod document;
pub mod error;
pub mod facet_values;
pub mod facets;
pub mod filter_names;
pub mod filters;
mod function_words;
pub mod histogram;
pub mod index;
mod loanwords;
pub mod parse;
pub mod place_query;
pub mod place_terms;
pub mod query;
mod read_only;
pub mod relations;
pub mod request;
pub mod response;
mod romanisations;
pub mod search;
pub mod snippets;
pub mod suggest;
pub mod translate;

pub use document::document;
pub use error::Error;
pub use frontline_schema::{HitPlace, StoredPlace};
pub use index::{IndexHandle, Loaded, OpenError};
pub use request::{FacetSet, Interval, SearchRequest, Sort};
pub use response::{FullDocument, Hit, SearchResponse};
pub use search::search;
