//! What a search asks for: typed, validated, independent of how it arrived.

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::schema::Facet;

use crate::error::Error;

pub const DEFAULT_LIMIT: usize = 10;
pub const MAX_LIMIT: usize = 100;
/// Paging deeper than this is refused: ranking that deep is noise, and it costs memory.
pub const MAX_WINDOW: usize = 10_000;
/// Most rows one export returns.
pub const EXPORT_MAX: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// Which facets to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetSet {
    pub place: bool,
    pub focus: bool,
    pub source: bool,
    pub lang: bool,
    pub date: bool,
    /// Settlements across all regions with coordinates (for maps); not counted by default.
    pub settlements: bool,
}

impl Default for FacetSet {
    fn default() -> Self {
        FacetSet {
            place: true,
            focus: true,
            source: true,
            lang: true,
            date: true,
            settlements: false,
        }
    }
}

impl FacetSet {
    pub const NONE: FacetSet = FacetSet {
        place: false,
        focus: false,
        source: false,
        lang: false,
        date: false,
        settlements: false,
    };
}

/// A validated search request.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    pub places: Vec<String>,
    pub focus: Vec<String>,
    pub sources: Vec<String>,
    pub langs: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub facets: FacetSet,
    pub interval: Option<Interval>,
    /// Highlighted snippets in hits (off for exports).
    pub snippets: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            places: Vec::new(),
            focus: Vec::new(),
            sources: Vec::new(),
            langs: Vec::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
            facets: FacetSet::default(),
            interval: None,
            snippets: true,
        }
    }
}

impl SearchRequest {
    /// Refuses what no search can answer: dates the wrong way round, paging too deep.
    pub fn validate(&self) -> Result<(), Error> {
        if let (Some(f), Some(t)) = (self.from, self.to)
            && f > t
        {
            return Err(Error::invalid(
                "bad_date",
                format!("from={f} is after to={t}"),
            ));
        }
        if self.offset + self.limit > MAX_WINDOW {
            return Err(Error::invalid(
                "bad_offset",
                format!(
                    "offset + limit may be at most {MAX_WINDOW}; narrow the query with filters"
                ),
            ));
        }
        Ok(())
    }

    /// The histogram's bucket: as asked, else by the length of the date range.
    pub(crate) fn interval(&self) -> Interval {
        self.interval.unwrap_or(match (self.from, self.to) {
            (Some(f), Some(t)) if (t - f).num_days() <= 62 => Interval::Day,
            (Some(f), Some(t)) if (t - f).num_days() <= 366 => Interval::Week,
            _ => Interval::Month,
        })
    }
}

/// A day given as `YYYY-MM-DD` (a longer timestamp is cut to its day).
pub fn parse_date(name: &str, value: &str) -> Result<NaiveDate, Error> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d"))
        .map_err(|_| {
            Error::invalid(
                "bad_date",
                format!("{name}={value:?} is not a date; use YYYY-MM-DD"),
            )
        })
}

/// A place facet path in its normal form (`/Ukraine/Donetsk Oblast`).
pub fn parse_facet_path(name: &str, value: &str) -> Result<String, Error> {
    let bad = || {
        Error::invalid(
            "bad_facet_path",
            format!("{name}={value:?} is not a facet path like /Ukraine/Donetsk Oblast"),
        )
    };
    if !value.starts_with('/') || value.len() < 2 || value.contains("//") {
        return Err(bad());
    }
    Facet::from_text(value.trim_end_matches('/'))
        .map(|f| f.to_path_string())
        .map_err(|_| bad())
}
