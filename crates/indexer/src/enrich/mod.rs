//! Enrichment: what the indexer adds to each article (language, source, date, places,
//! event dates).

pub mod date;
pub mod events;
pub mod lang;
pub mod places;
pub mod source;

use chrono::{DateTime, SecondsFormat, Utc};
use frontline_gazetteer::Gazetteer;
use serde::Serialize;

use crate::corpus::RawDoc;
pub use frontline_schema::{StoredEvent, StoredPlace};

/// A document ready to index, and the JSON line `frontline-index enrich` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Enriched {
    pub id: String,
    pub title: Option<String>,
    pub lang: String,
    /// Canonical outlet; `None` when unknown (never guessed).
    pub source: Option<String>,
    /// RFC 3339 in UTC; `None` when absent or unreadable.
    pub published: Option<String>,
    pub url: Option<String>,
    pub places: Vec<StoredPlace>,
    /// Days (or months) the article says things happen on.
    pub events: Vec<StoredEvent>,
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub date: Option<DateTime<Utc>>,
}

/// Stable id for a record without one: a hash of its whitespace-normalised body.
pub fn content_id(body: &str) -> String {
    format!("h{:016x}", body_hash(body))
}

/// xxh3 of the body with whitespace runs collapsed to one space (the key for exact-duplicate
/// detection), hashed word by word: the same value as hashing the joined string, without
/// building it.
pub fn body_hash(body: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (i, word) in body.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hasher.digest()
}

/// Enriches documents; holds the gazetteer so it is loaded once.
#[derive(Debug)]
pub struct Enricher {
    gazetteer: Gazetteer,
    places: bool,
}

impl Enricher {
    /// `places: false` skips geoparsing (to measure its cost).
    pub fn new(gazetteer: Gazetteer, places: bool) -> Enricher {
        Enricher { gazetteer, places }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn enrich(&self, raw: RawDoc) -> Enriched {
        let body = raw.body.unwrap_or_default().trim().to_string();
        let title = raw
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let id = raw
            .id
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .unwrap_or_else(|| content_id(&body));
        let date = raw.published.as_deref().and_then(date::parse);
        let url = raw.url.filter(|u| !u.trim().is_empty());
        let places = if self.places {
            // A geoparser bug on one odd text must not stop a build: that document is
            // indexed without places and the failure is logged.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                places::tag(&self.gazetteer, title.as_deref(), &body)
            }))
            .unwrap_or_else(|_| {
                tracing::error!(id = %id, "geoparsing failed; document indexed without places");
                Vec::new()
            })
        } else {
            Vec::new()
        };
        // As for places: a bug on one odd text costs that article its event dates only.
        let events = std::panic::catch_unwind(|| events::extract(&body, date)).unwrap_or_else(|_| {
            tracing::error!(id = %id, "reading event dates failed; document indexed without them");
            Vec::new()
        });
        Enriched {
            id,
            lang: lang::detect(raw.lang.as_deref(), &body),
            source: source::normalize(raw.source.as_deref(), url.as_deref()),
            published: date.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
            url,
            title,
            places,
            events,
            body,
            date,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::body_hash;

    proptest! {
        // Ids of documents without one were the hash of the joined string: they must not
        // change.
        #[test]
        fn body_hash_is_the_hash_of_the_normalised_body(body in "[ a-zA-Zа-яі\t\n.,]{0,3000}") {
            let joined = body.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(body_hash(&body), xxhash_rust::xxh3::xxh3_64(joined.as_bytes()));
        }
    }
}
