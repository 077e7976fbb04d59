//! Articles that tell one story twice: near-duplicates (the same text republished, a
//! transcript and the video address of one speech) and translations (one article in two
//! languages).
//!
//! Both run at index time over what the indexer already has. [`near`] clusters texts
//! online, in corpus order, so an article's cluster is known when it is written and stays
//! the same when the corpus grows. [`translations`] links clusters in different languages
//! once every article has been seen, from evidence no language owns: publication time,
//! numbers, places, names and length.

pub mod near;
pub mod translations;
