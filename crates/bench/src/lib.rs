//! Measurements the peer harness cannot make from outside: query latency in process over
//! the same `search()` the server calls, single-client HTTP latency for Frontline-only
//! queries, and indexing with a bare tantivy schema and no enrichment (the floor that
//! enrichment is measured against). `bench/run` drives it beside the peer harness.

pub mod bare;
pub mod queries;
pub mod stats;
