//! Reading stored documents: fields of a hit, a whole document by id.

use chrono::{Datelike, Timelike};
use frontline_schema::UNKNOWN_SOURCE;
use serde::de::DeserializeOwned;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DateTime, TantivyDocument, Term};

use crate::error::Error;
use crate::index::Loaded;
use crate::relations::{ClusterReader, cluster_info};
use crate::response::FullDocument;

pub(crate) fn stored_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// A list stored as JSON (the document's places); empty if unreadable.
pub(crate) fn stored_list<T: DeserializeOwned>(doc: &TantivyDocument, field: Field) -> Vec<T> {
    stored_str(doc, field)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// The publication time as RFC 3339, when the document has one.
pub(crate) fn stored_date(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_datetime())
        .map(format_date)
}

/// The outlet, when it is known.
pub(crate) fn stored_source(doc: &TantivyDocument, field: Field) -> Option<String> {
    stored_str(doc, field).filter(|s| s != UNKNOWN_SOURCE)
}

/// RFC 3339 in UTC, without a format string to interpret for each hit.
pub fn format_date(d: DateTime) -> String {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
        .map(|d| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            )
        })
        .unwrap_or_default()
}

/// Looks a document up by id.
pub fn document(loaded: &Loaded, id: &str) -> Result<Option<FullDocument>, Error> {
    let f = &loaded.fields;
    let searcher = loaded.searcher();
    let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*addr)?;
    let cluster = ClusterReader::new(&searcher).value(*addr)?;
    Ok(Some(FullDocument {
        id: stored_str(&doc, f.id).unwrap_or_default(),
        title: stored_str(&doc, f.title),
        body: stored_str(&doc, f.body).unwrap_or_default(),
        source: stored_source(&doc, f.source),
        published: stored_date(&doc, f.published),
        url: stored_str(&doc, f.url),
        lang: stored_str(&doc, f.lang),
        places: stored_list(&doc, f.enrichment),
        cluster: match cluster {
            Some(v) => cluster_info(loaded, &searcher, v)?,
            None => None,
        },
        translations: cluster.map_or_else(Vec::new, |v| loaded.translations.of(v).to_vec()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        // Tantivy keeps nanoseconds in an i64: about 292 years either side of 1970.
        fn format_date_is_rfc3339(secs in -9_000_000_000i64..9_000_000_000) {
            let want = chrono::DateTime::from_timestamp(secs, 0)
                .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default();
            prop_assert_eq!(format_date(DateTime::from_timestamp_secs(secs)), want);
        }
    }
}
