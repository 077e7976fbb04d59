//! Learns the bilingual term table from translated articles: documents published in
//! English and Ukrainian under one address are paired, split into passages that translate
//! each other, and IBM Model 1 learns, in each direction, how likely each term is to
//! translate each other term. Only pairs both directions agree on are kept.

pub mod align;
pub mod model1;
pub mod table;
