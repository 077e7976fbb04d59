//! The gazetteer's offline compiler, run by `make gazetteer`, never by the indexer or the
//! server: GeoNames and Ukraine's KATOTTG codifier into `data/gazetteer.tsv.gz`
//! ([`compile`], [`katottg`]), and the oblast boundaries into the map's outlines
//! ([`outline`]). Both files are embedded in `frontline-gazetteer`.

pub mod compile;
pub mod katottg;
pub mod outline;
