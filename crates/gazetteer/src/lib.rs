//! The gazetteer: every place Frontline can tag, with its names in every spelling.
//!
//! Compiled from GeoNames (CC BY 4.0) and Ukraine's official KATOTTG codifier by
//! `frontline-gazetteer build` (crate `frontline-gazetteer-build`) into
//! `data/gazetteer.tsv.gz`, which is embedded in the binaries. The indexer uses it to find
//! places in articles; the query server uses it to read place names in queries and to draw
//! the map.

pub mod fold;
pub mod map;
pub mod matcher;
pub mod model;
pub mod people;
pub mod regions;
pub mod translit;

pub use matcher::{Candidate, FormKind, Matcher, Mention};
pub use model::{Gazetteer, GazetteerError, Place, PlaceKind};
pub use regions::{REGIONS, Region};
