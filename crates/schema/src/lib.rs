//! The index schema and the conventions the indexer and the query server share.
//!
//! Invariants:
//! - `id` is unique and stable across rebuilds (the corpus id, else a content hash).
//! - Facet paths: `place`/`focus` are `/Country/Region/Settlement` (a region-only place is
//!   `/Country/Region`); `date` is `/YYYY/MM/DD`; `events` is `/YYYY/MM/DD` for a day and
//!   `/YYYY/MM` for a month; `source` is `/Name`; `lang` is `/code`.
//! - `event_date` holds every day an article's event dates cover (a month as each of its
//!   days), `event_first` and `event_last` the earliest and the latest.
//! - `place_ids` holds one `g<geonameid>` token per mention, so a place matched under any
//!   spelling scores like a word occurring that often.
//! - All text fields use the [`ANALYZER`] analyzer, registered by [`register_analyzers`] on
//!   every index handle before use.

pub mod analysis;
pub mod facets;
pub mod stored;

use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexSettings};

pub use analysis::{ANALYZER, IDS_ANALYZER, WORDS_ANALYZER, analyzer};
pub use facets::{FACETS, FacetKind};
pub use stored::{Granularity, HitPlace, StoredEvent, StoredPlace, UNKNOWN_SOURCE};

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub url: Field,
    pub source: Field,
    pub source_facet: Field,
    pub lang: Field,
    pub lang_facet: Field,
    pub published: Field,
    pub date_facet: Field,
    pub place: Field,
    pub focus: Field,
    pub place_ids: Field,
    /// Words as written (lowercased, folded, not stemmed) of the title and the body's
    /// opening, indexed without frequencies: the vocabulary a misspelt query word is
    /// corrected against, and a compound's parts are looked up in.
    pub words: Field,
    /// JSON of the document's enrichment (places with spans and reasons), for display.
    pub enrichment: Field,
    /// JSON of what a hit shows of each place (id, name, path, kind, focus): a search reads
    /// ten of these, and parsing the whole enrichment instead cost a quarter of a search.
    pub hit_places: Field,
    /// The document's near-duplicate cluster: a hash of the id of the cluster's first
    /// article in corpus order (its own id's when it has no near-duplicate). Fast for
    /// collapsing, indexed for the cluster filter and its size.
    pub cluster: Field,
    /// Every day the article's event dates cover (indexed, for `event_from`/`event_to`).
    pub event_date: Field,
    /// The earliest and the latest of those days (fast, for sorting by event date).
    pub event_first: Field,
    pub event_last: Field,
    /// JSON of the event dates with their words and spans, for display.
    pub events: Field,
    /// The field of each of [`FACETS`], in its order.
    facets: Vec<Field>,
}

/// Builds the schema.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let ids = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(IDS_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field("id", STRING | STORED | FAST);
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.add_text_field("url", STORED);
    b.add_text_field("source", STRING | STORED);
    b.add_text_field("lang", STRING | STORED);
    b.add_date_field("published", INDEXED | STORED | FAST);
    for facet in FACETS {
        b.add_facet_field(facet.field, FacetOptions::default());
    }
    b.add_text_field("place_ids", ids);
    b.add_text_field(
        "words",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS_ANALYZER)
                .set_index_option(IndexRecordOption::Basic),
        ),
    );
    b.add_text_field("enrichment", STORED);
    b.add_text_field("hit_places", STORED);
    b.add_u64_field("cluster", INDEXED | FAST);
    b.add_date_field("event_date", INDEXED);
    b.add_date_field("event_first", FAST);
    b.add_date_field("event_last", FAST);
    b.add_text_field("events", STORED);
    b.build()
}

impl Fields {
    /// Resolves the fields of an index built with [`schema`].
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            title: f("title")?,
            body: f("body")?,
            url: f("url")?,
            source: f("source")?,
            source_facet: f("source_facet")?,
            lang: f("lang")?,
            lang_facet: f("lang_facet")?,
            published: f("published")?,
            date_facet: f("date_facet")?,
            place: f("place")?,
            focus: f("focus")?,
            place_ids: f("place_ids")?,
            words: f("words")?,
            enrichment: f("enrichment")?,
            hit_places: f("hit_places")?,
            cluster: f("cluster")?,
            event_date: f("event_date")?,
            event_first: f("event_first")?,
            event_last: f("event_last")?,
            events: f("events")?,
            facets: FACETS
                .iter()
                .map(|facet| f(facet.field))
                .collect::<tantivy::Result<_>>()?,
        })
    }

    /// The index field of the facet of [`FACETS`] with this name.
    pub fn facet(&self, name: &str) -> Option<Field> {
        let i = FACETS.iter().position(|f| f.name == name)?;
        self.facets.get(i).copied()
    }
}

/// Bytes of stored documents compressed together. A hit's snippet needs its document's
/// body, and reading one decompresses its whole block: tantivy's 16 KB blocks hold several
/// articles, so each hit paid for its neighbours. 8 KB keeps most of the gain of 4 KB
/// (100k, one search thread: harness p50 0.32 -> 0.29 ms; 4 KB 0.29) at half its indexing
/// cost (build 20.2 -> 22.0 s; 4 KB 22.7-24.5 s).
pub const DOCSTORE_BLOCK_BYTES: usize = 8192;

/// Settings every index is created with.
pub fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Registers the analyzers the schema names; call on every [`Index`] handle.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
    index
        .tokenizers()
        .register(IDS_ANALYZER, analysis::ids_analyzer());
    index
        .tokenizers()
        .register(WORDS_ANALYZER, analysis::words_analyzer());
}

/// The years a publication date may fall in. A date outside them is a mistake in the
/// record, and tantivy's nanosecond dates cannot hold years past 2262 anyway.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The token that stands for a place in `place_ids`.
pub fn place_token(geonameid: u64) -> String {
    format!("g{geonameid}")
}

/// The version of what an index holds: its fields, their analysers and the stored formats.
/// Raise it with any change to them; an index of another version is refused, not served.
pub const SCHEMA_VERSION: u32 = 8;

const VERSION_PAYLOAD: &str = "frontline-schema ";

/// The commit payload that records [`SCHEMA_VERSION`] in the index's metadata.
pub fn version_payload() -> String {
    format!("{VERSION_PAYLOAD}{SCHEMA_VERSION}")
}

/// The schema version an index was built with (`None`: built before versions were kept).
pub fn built_version(index: &Index) -> tantivy::Result<Option<u32>> {
    Ok(index
        .load_metas()?
        .payload
        .as_deref()
        .and_then(|p| p.strip_prefix(VERSION_PAYLOAD))
        .and_then(|v| v.parse().ok()))
}

/// The cluster value of an article that is the first of its cluster, from its id.
pub fn cluster_of(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// A generation's file of translation links, beside tantivy's: one line per linked pair of
/// clusters, each side as its cluster (16 hex digits), language and representative
/// article's id, then the link's confidence; tab-separated.
pub const TRANSLATIONS_FILE: &str = "translations.tsv";

/// Name of the directory entry (a symlink) that points at the index being served.
pub const CURRENT: &str = "current";
