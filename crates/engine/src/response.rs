//! What a search answers: hits, facet counts, the date histogram and how the query was read.

use std::collections::BTreeMap;

use frontline_schema::{HitPlace, StoredEvent, StoredPlace};
use serde::Serialize;

use crate::filter_names::Warning;
use crate::relations::{ClusterInfo, Translation};
use crate::request::{Interval, Sort};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    /// The title HTML-escaped with the query's words in it wrapped in `<mark>`; null when
    /// the title has none of them, or with `snippets=false`.
    pub title_marked: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub places: Vec<HitPlace>,
    /// BM25 score; null when sorted by date.
    pub score: Option<f32>,
    /// HTML-escaped text with matches wrapped in `<mark>`.
    pub snippet: String,
    /// Its near-duplicate cluster, when other articles tell the same story.
    pub cluster: Option<ClusterInfo>,
    /// The same article in other languages.
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// Filter value to pass back (a facet path for place/focus).
    pub value: String,
    pub label: String,
    pub count: u64,
    /// Gazetteer coordinates, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(no_recursion)]
    pub children: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DateBucket {
    pub key: String,
    pub from: String,
    pub to: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DateHistogram {
    pub interval: Interval,
    pub buckets: Vec<DateBucket>,
    /// Matching documents without a known date (for event dates: without any).
    pub unknown: u64,
}

/// One facet's answer: its values, or the date histogram.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum FacetAnswer {
    Values(Vec<FacetValue>),
    Histogram(DateHistogram),
}

#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// Each facet counted, by name: `place`, `focus`, `source`, `lang`, `date`.
    #[serde(flatten)]
    pub counted: BTreeMap<&'static str, FacetAnswer>,
    /// The most mentioned settlements in all regions, with coordinates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlements: Option<Vec<FacetValue>>,
}

impl Facets {
    /// The values counted for a facet, if it was counted.
    pub fn values(&self, name: &str) -> Option<&[FacetValue]> {
        match self.counted.get(name)? {
            FacetAnswer::Values(v) => Some(v),
            FacetAnswer::Histogram(_) => None,
        }
    }

    /// A dates facet's histogram (`date` or `events`), if it was counted.
    pub fn histogram(&self, name: &str) -> Option<&DateHistogram> {
        match self.counted.get(name)? {
            FacetAnswer::Histogram(h) => Some(h),
            FacetAnswer::Values(_) => None,
        }
    }
}

/// A query word and how it was read: as places, translations, other writings.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnderstoodTerm {
    pub text: String,
    pub negated: bool,
    /// Marked `+`: every match has it.
    pub required: bool,
    /// What a misspelt word was read as: the place name, or the word many articles have
    /// that it was sought as, when no article has it as typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
    pub field: Option<String>,
    /// Place facet paths this text names in any spelling.
    pub places: Vec<String>,
    /// Terms of the other language (English or Ukrainian, as analysed) it was also sought
    /// as.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<String>,
    /// Other writings it was also sought in: of a compound, "cease fire" (which
    /// finds "cease-fire" too) for "ceasefire", "postwar" for "post-war"; of a name, its
    /// other spellings as analysed, "zelenskyy" and "zelenskiy" for "Zelensky",
    /// "зеленськ" for "Зеленский"; of an English word, the other words of its family,
    /// weighted below it, "recognize" for "recognition".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_written: Vec<String>,
    /// No article has this plain word, as written, in another writing or translated, and
    /// it was not read as a correction: it was left out, so the other words still find
    /// what they can.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Understood {
    pub q: String,
    /// The terms of a group are ORed. A match has every required group and, of the
    /// others, all of one or two, all but one of three or four, three quarters of more;
    /// a plain word in more than a tenth of the articles only ranks beside rarer ones; a
    /// lowercase plain word no article has, alone in its group, is read as its correction
    /// when there is one (`read_as`); an optional one not read so is left out (`missing`)
    /// unless nothing else is asked.
    pub groups: Vec<Vec<UnderstoodTerm>>,
    /// The filters by facet name, every facet one can filter by listed.
    #[serde(flatten)]
    pub filters: BTreeMap<&'static str, Vec<String>>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub event_from: Option<String>,
    pub event_to: Option<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// One hit per near-duplicate cluster (the best ranked of it shown).
    pub collapse: bool,
    /// The near-duplicate cluster listed, if any.
    pub cluster: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    /// Matching articles. It and the facet counts count articles, each near-duplicate
    /// included, while collapsed hits show one per cluster.
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// For a query with no hits or a word left out, the query with each word no article
    /// has, and nothing read as another, replaced by the nearest word many articles have
    /// ("did you mean"): when a word was left out, that word and those asked for as written
    /// (of a phrase or a `title:` or `body:` term); else any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// Filter values no article has, with the nearest that some have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    pub query: Understood,
}

/// A whole document with its enrichment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FullDocument {
    pub id: String,
    pub title: Option<String>,
    pub body: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Places with ids, paths, mention spans (byte offsets into body), focus and reasons.
    pub places: Vec<StoredPlace>,
    /// The days (or months) it says things happen on, with the words that say so.
    pub events: Vec<StoredEvent>,
    /// Its near-duplicate cluster, when other articles tell the same story.
    pub cluster: Option<ClusterInfo>,
    /// The same article in other languages.
    pub translations: Vec<Translation>,
    /// Other stories most alike in words and places, near-duplicates left out.
    pub more_like_this: Vec<Brief>,
}

/// Enough of an article to list and link it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Brief {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
}
