//! What a search asks for: typed, validated, independent of how it arrived.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use frontline_schema::DATE_YEARS;
use frontline_schema::facets::{EVENTS, FACETS, FacetKind, FacetSpec, facet};
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
#[serde(rename_all = "snake_case")]
pub enum Sort {
    Relevance,
    /// By publication date.
    Newest,
    Oldest,
    /// By the latest event date an article gives, latest first.
    EventsNewest,
    /// By the earliest event date an article gives, earliest first.
    EventsOldest,
}

impl Sort {
    /// Every sort by its API name.
    pub const ALL: [(&'static str, Sort); 5] = [
        ("relevance", Sort::Relevance),
        ("newest", Sort::Newest),
        ("oldest", Sort::Oldest),
        ("events_newest", Sort::EventsNewest),
        ("events_oldest", Sort::EventsOldest),
    ];

    /// The fast field and order of a sort by date (articles without one come last).
    pub(crate) fn by_field(self) -> Option<(&'static str, tantivy::Order)> {
        use tantivy::Order::{Asc, Desc};
        match self {
            Sort::Relevance => None,
            Sort::Newest => Some(("published", Desc)),
            Sort::Oldest => Some(("published", Asc)),
            Sort::EventsNewest => Some(("event_last", Desc)),
            Sort::EventsOldest => Some(("event_first", Asc)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// Which facets to count: any of the schema's [`FACETS`], and the settlements of every
/// region with coordinates (for maps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetSet {
    /// Bit `i` for `FACETS[i]`.
    counted: u32,
    /// Not counted by default.
    pub settlements: bool,
}

impl Default for FacetSet {
    /// The facets counted unless asked otherwise (not the settlements).
    fn default() -> Self {
        FacetSet {
            counted: FACETS
                .iter()
                .enumerate()
                .filter(|(_, f)| f.by_default)
                .fold(0, |bits, (i, _)| bits | 1 << i),
            settlements: false,
        }
    }
}

impl FacetSet {
    pub const NONE: FacetSet = FacetSet {
        counted: 0,
        settlements: false,
    };

    /// Adds a facet by name (`settlements` too); false for a name that is none.
    pub fn insert(&mut self, name: &str) -> bool {
        if name == "settlements" {
            self.settlements = true;
            return true;
        }
        match FACETS.iter().position(|f| f.name == name) {
            Some(i) => {
                self.counted |= 1 << i;
                true
            }
            None => false,
        }
    }

    /// Takes a facet out by name.
    pub fn remove(&mut self, name: &str) {
        if let Some(i) = FACETS.iter().position(|f| f.name == name) {
            self.counted &= !(1 << i);
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        FACETS
            .iter()
            .position(|f| f.name == name)
            .is_some_and(|i| self.counted & (1 << i) != 0)
    }

    /// The facets counted, in the table's order.
    pub fn iter(&self) -> impl Iterator<Item = &'static FacetSpec> + '_ {
        FACETS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.counted & (1 << i) != 0)
            .map(|(_, f)| f)
    }
}

/// A validated search request.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    /// Values to keep, by facet name: several values of one facet are ORed, facets ANDed.
    /// Place facets take paths (`/Ukraine/Donetsk Oblast`), value facets values.
    pub filters: BTreeMap<&'static str, Vec<String>>,
    /// Publication dates kept, both days included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Event dates kept: an article with any event day in the range (a month counts
    /// as all its days).
    pub event_from: Option<NaiveDate>,
    pub event_to: Option<NaiveDate>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub facets: FacetSet,
    pub interval: Option<Interval>,
    /// Highlighted snippets in hits (off for exports).
    pub snippets: bool,
    /// One hit per near-duplicate cluster.
    pub collapse: bool,
    /// Only the articles of this near-duplicate cluster (never collapsed).
    pub cluster: Option<u64>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: BTreeMap::new(),
            from: None,
            to: None,
            event_from: None,
            event_to: None,
            sort: Sort::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
            facets: FacetSet::default(),
            interval: None,
            snippets: true,
            collapse: true,
            cluster: None,
        }
    }
}

impl SearchRequest {
    /// The values the request keeps of one facet (none: no filter).
    pub fn filter(&self, facet: &str) -> &[String] {
        self.filters.get(facet).map_or(&[], Vec::as_slice)
    }

    /// Refuses what no search can answer: dates the wrong way round, paging too deep.
    pub fn validate(&self) -> Result<(), Error> {
        for facet in ["date", EVENTS] {
            let (from, to) = self.range(facet);
            let names = Self::range_parameters(facet);
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                return Err(Error::invalid(
                    "bad_date",
                    format!("{}={f} is after {}={t}", names.0, names.1),
                ));
            }
        }
        for name in self.filters.keys() {
            if facet(name).is_none_or(|f| f.kind == FacetKind::Dates) {
                return Err(Error::invalid(
                    "unknown_parameter",
                    format!("no facet {name:?} to filter by"),
                ));
            }
        }
        if self.offset.saturating_add(self.limit) > MAX_WINDOW {
            return Err(Error::invalid(
                "bad_offset",
                format!(
                    "offset + limit may be at most {MAX_WINDOW}; narrow the query with filters"
                ),
            ));
        }
        Ok(())
    }

    /// Whether hits show one article per near-duplicate cluster.
    pub(crate) fn collapsing(&self) -> bool {
        self.collapse && self.cluster.is_none()
    }

    /// The date range a dates facet is filtered by: `from`/`to` for publication dates,
    /// `event_from`/`event_to` for event dates.
    pub(crate) fn range(&self, facet: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        if facet == EVENTS {
            (self.event_from, self.event_to)
        } else {
            (self.from, self.to)
        }
    }

    /// The parameters of a dates facet's range.
    pub(crate) fn range_parameters(facet: &str) -> (&'static str, &'static str) {
        if facet == EVENTS {
            ("event_from", "event_to")
        } else {
            ("from", "to")
        }
    }

    /// A dates facet's bucket: as asked, else by the length of its date range.
    pub(crate) fn interval(&self, facet: &str) -> Interval {
        self.interval.unwrap_or(match self.range(facet) {
            (Some(f), Some(t)) if (t - f).num_days() <= 62 => Interval::Day,
            (Some(f), Some(t)) if (t - f).num_days() <= 366 => Interval::Week,
            _ => Interval::Month,
        })
    }
}

/// A day given as `YYYY-MM-DD` (a longer timestamp is cut to its day), within the years
/// an article may be dated.
pub fn parse_date(name: &str, value: &str) -> Result<NaiveDate, Error> {
    let v = value.trim();
    let day = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d"))
        .map_err(|_| {
            Error::invalid(
                "bad_date",
                format!("{name}={value:?} is not a date; use YYYY-MM-DD"),
            )
        })?;
    if !DATE_YEARS.contains(&day.year()) {
        return Err(Error::invalid(
            "bad_date",
            format!(
                "{name}={value:?} is outside the years articles are dated ({}-{})",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            ),
        ));
    }
    Ok(day)
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
