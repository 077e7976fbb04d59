//! Near-duplicate clusters and translation links as answers show them: a hit's cluster and
//! how many other articles it holds, collapsing a ranked list to one hit per cluster, and a
//! cluster's translations from its generation's links file.

use std::collections::HashMap;
use std::path::Path;

use frontline_schema::TRANSLATIONS_FILE;
use serde::Serialize;
use tantivy::columnar::Column;
use tantivy::{DocAddress, Searcher, Term};

use crate::error::Error;
use crate::index::Loaded;

/// A hit's near-duplicate cluster, when it has other members.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ClusterInfo {
    /// Pass as `cluster=` to list the members.
    pub key: String,
    /// Other articles in the cluster.
    pub similar: u64,
}

/// The same article in another language.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Translation {
    /// Language code of the translation.
    pub lang: String,
    /// The translation's representative article (the earliest published of its cluster).
    pub id: String,
    /// How sure the link is, 0 to 1.
    pub confidence: f32,
}

/// A cluster value as the API writes it.
pub fn cluster_key(value: u64) -> String {
    format!("{value:016x}")
}

/// A cluster key as the API reads it.
pub fn parse_cluster_key(key: &str) -> Option<u64> {
    (key.len() == 16)
        .then(|| u64::from_str_radix(key, 16).ok())
        .flatten()
}

/// Each cluster's translations, read from a generation's links file.
#[derive(Debug, Default)]
pub struct Translations {
    by_cluster: HashMap<u64, Vec<Translation>>,
}

impl Translations {
    /// Reads the links of the generation in `dir`; none when it has no links file, and a
    /// malformed line is skipped with a warning (links are a courtesy, never a reason not
    /// to serve).
    pub fn load(dir: &Path) -> Translations {
        let path = dir.join(TRANSLATIONS_FILE);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Translations::default();
        };
        let mut by_cluster: HashMap<u64, Vec<Translation>> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            let parsed = match f.as_slice() {
                [a, a_lang, a_id, b, b_lang, b_id, confidence] => {
                    match (
                        parse_cluster_key(a),
                        parse_cluster_key(b),
                        confidence.parse(),
                    ) {
                        (Some(a), Some(b), Ok(confidence)) => {
                            Some((a, b, *a_lang, *a_id, *b_lang, *b_id, confidence))
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            let Some((a, b, a_lang, a_id, b_lang, b_id, confidence)) = parsed else {
                tracing::warn!(file = %path.display(), line = n + 1, "malformed translation link skipped");
                continue;
            };
            for (from, lang, id) in [(a, b_lang, b_id), (b, a_lang, a_id)] {
                by_cluster.entry(from).or_default().push(Translation {
                    lang: lang.to_string(),
                    id: id.to_string(),
                    confidence,
                });
            }
        }
        Translations { by_cluster }
    }

    /// The translations of a cluster.
    pub fn of(&self, cluster: u64) -> &[Translation] {
        self.by_cluster.get(&cluster).map_or(&[], Vec::as_slice)
    }
}

/// Reads documents' cluster values, one column per segment opened on first use.
pub(crate) struct ClusterReader<'a> {
    searcher: &'a Searcher,
    columns: Vec<Option<Column<u64>>>,
}

impl<'a> ClusterReader<'a> {
    pub(crate) fn new(searcher: &'a Searcher) -> ClusterReader<'a> {
        ClusterReader {
            searcher,
            columns: vec![None; searcher.segment_readers().len()],
        }
    }

    pub(crate) fn value(&mut self, addr: DocAddress) -> Result<Option<u64>, Error> {
        let ord = addr.segment_ord as usize;
        if self.columns[ord].is_none() {
            let column = self
                .searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("cluster")?;
            self.columns[ord] = Some(column);
        }
        Ok(self.columns[ord]
            .as_ref()
            .and_then(|c| c.first(addr.doc_id)))
    }
}

/// What an answer shows of a document's relations: its cluster, when it has other
/// members, and the cluster's translations.
pub(crate) fn related(
    loaded: &Loaded,
    searcher: &Searcher,
    cluster: Option<u64>,
) -> Result<(Option<ClusterInfo>, Vec<Translation>), Error> {
    let Some(value) = cluster else {
        return Ok((None, Vec::new()));
    };
    let members = searcher.doc_freq(&Term::from_field_u64(loaded.fields.cluster, value))?;
    let info = (members > 1).then(|| ClusterInfo {
        key: cluster_key(value),
        similar: members - 1,
    });
    Ok((info, loaded.translations.of(value).to_vec()))
}

/// Keeps the first of each cluster in a ranked list, in order, until `wanted` are kept.
pub(crate) fn collapse<T>(
    ranked: Vec<(T, DocAddress)>,
    wanted: usize,
    clusters: &mut ClusterReader<'_>,
) -> Result<Vec<(T, DocAddress)>, Error> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(wanted.min(ranked.len()));
    for (key, addr) in ranked {
        if out.len() == wanted {
            break;
        }
        // A document without a value (never written by this version) stands alone.
        let first = match clusters.value(addr)? {
            Some(v) => seen.insert(v),
            None => true,
        };
        if first {
            out.push((key, addr));
        }
    }
    Ok(out)
}
