//! Reading stored documents: fields of a hit, a whole document by id.

use chrono::{Datelike, Timelike};
use frontline_schema::UNKNOWN_SOURCE;
use frontline_schema::{StoredPlace, place_token};
use serde::de::DeserializeOwned;
use tantivy::collector::TopDocs;
use tantivy::query::{MoreLikeThisQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Error;
use crate::index::Loaded;
use crate::relations::{ClusterReader, related};
use crate::response::{Brief, FullDocument};

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
    let (cluster, translations) = related(
        loaded,
        &searcher,
        ClusterReader::new(&searcher).value(*addr)?,
    )?;
    Ok(Some(FullDocument {
        id: stored_str(&doc, f.id).unwrap_or_default(),
        title: stored_str(&doc, f.title),
        body: stored_str(&doc, f.body).unwrap_or_default(),
        source: stored_source(&doc, f.source),
        published: stored_date(&doc, f.published),
        url: stored_str(&doc, f.url),
        lang: stored_str(&doc, f.lang),
        places: stored_list(&doc, f.enrichment),
        events: stored_list(&doc, f.events),
        cluster,
        translations,
        more_like_this: more_like_this(loaded, &searcher, &doc, *addr)?,
    }))
}

/// Articles listed as more like a document.
const MORE_LIKE_THIS: usize = 5;

/// The stories most alike a document in its rarer words and its places, one article per
/// near-duplicate cluster, its own cluster left out.
fn more_like_this(
    loaded: &Loaded,
    searcher: &Searcher,
    doc: &TantivyDocument,
    addr: DocAddress,
) -> Result<Vec<Brief>, Error> {
    let f = &loaded.fields;
    let text = |field| stored_str(doc, field).map(|t| (field, vec![OwnedValue::Str(t)]));
    let places: Vec<StoredPlace> = stored_list(doc, f.enrichment);
    let mut ids = String::new();
    for p in &places {
        for _ in 0..p.mentions {
            ids.push_str(&place_token(p.geonameid));
            ids.push(' ');
        }
    }
    let fields: Vec<(Field, Vec<OwnedValue>)> = [text(f.title), text(f.body)]
        .into_iter()
        .flatten()
        .chain([(f.place_ids, vec![OwnedValue::Str(ids)])])
        .collect();
    let query = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(2)
        // Words in a tenth of the articles say nothing of a story.
        .with_max_doc_frequency((searcher.num_docs() / 10).max(2))
        .with_min_term_frequency(1)
        .with_min_word_length(3)
        .with_max_query_terms(30)
        .with_document_fields(fields);
    let ranked = searcher.search(
        &query,
        &TopDocs::with_limit(4 * MORE_LIKE_THIS).order_by_score(),
    )?;
    let mut clusters = ClusterReader::new(searcher);
    let own = clusters.value(addr)?;
    let mut seen: std::collections::HashSet<Option<u64>> = [own].into_iter().collect();
    let mut out = Vec::with_capacity(MORE_LIKE_THIS);
    for (_, other) in ranked {
        if out.len() == MORE_LIKE_THIS {
            break;
        }
        if other == addr || !seen.insert(clusters.value(other)?) {
            continue;
        }
        let d: TantivyDocument = searcher.doc(other)?;
        out.push(Brief {
            id: stored_str(&d, f.id).unwrap_or_default(),
            title: stored_str(&d, f.title),
            source: stored_source(&d, f.source),
            published: stored_date(&d, f.published),
            lang: stored_str(&d, f.lang),
        });
    }
    Ok(out)
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
