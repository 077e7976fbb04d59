//! What the index stores beside the text, typed once for the indexer that writes it and the
//! engine that reads it back.

use serde::{Deserialize, Serialize};

/// The stored `source` of a document whose outlet is not known (shown as none).
pub const UNKNOWN_SOURCE: &str = "unknown";

/// A place found in a document, as stored in `enrichment` (for `/documents`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoredPlace {
    pub geonameid: u64,
    pub name: String,
    /// Facet path, `/Country/Region[/Settlement]`.
    pub path: String,
    /// `country`, `region` or `settlement`.
    pub kind: String,
    pub admin1: String,
    /// Byte ranges of the mentions in the body.
    pub spans: Vec<[usize; 2]>,
    pub mentions: usize,
    pub in_title: bool,
    /// One of the places the document is mainly about.
    pub focus: bool,
    /// Why this place was chosen.
    pub reason: String,
    pub lat: f32,
    pub lon: f32,
}

/// What a search hit shows of a place.
// Stored apart (`hit_places`): a search reads ten of these, and parsing the whole
// enrichment instead cost a quarter of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HitPlace {
    pub geonameid: u64,
    pub name: String,
    pub path: String,
    pub kind: String,
    #[serde(default)]
    pub focus: bool,
}

impl From<&StoredPlace> for HitPlace {
    fn from(p: &StoredPlace) -> HitPlace {
        HitPlace {
            geonameid: p.geonameid,
            name: p.name.clone(),
            path: p.path.clone(),
            kind: p.kind.clone(),
            focus: p.focus,
        }
    }
}

/// How much of the calendar an event date names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
}

/// A date an article says something happens on, as stored in `events` (for `/documents`)
/// and printed by `frontline-index enrich`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoredEvent {
    /// `YYYY-MM-DD`, or `YYYY-MM` for a month.
    pub date: String,
    pub granularity: Granularity,
    /// The words that give it, as written.
    pub text: String,
    /// Byte range of those words in the body.
    pub span: [usize; 2],
}

impl StoredEvent {
    /// The first and last day it covers (a month covers all its days).
    pub fn days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        use chrono::NaiveDate;
        match self.granularity {
            Granularity::Day => {
                let d = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").ok()?;
                Some((d, d))
            }
            Granularity::Month => {
                let first =
                    NaiveDate::parse_from_str(&format!("{}-01", self.date), "%Y-%m-%d").ok()?;
                let last = first
                    .checked_add_months(chrono::Months::new(1))?
                    .pred_opt()?;
                Some((first, last))
            }
        }
    }
}
