//! Filter values as the index holds them. A place path or a source typed in another case
//! (`/ukraine/donetsk oblast`, `source=KREMLIN.RU`) is read as the one the index has; a
//! value it has in no case (`/Ukraine/Donetsk Obalst`, `source=kremlin`) still filters,
//! matching nothing, and is reported with the nearest values it does have.

use frontline_schema::facets::{FacetKind, facet};
use serde::Serialize;
use tantivy::schema::{Facet, Field};
use tantivy::{Searcher, Term};

use crate::error::Error;
use crate::index::Loaded;
use crate::request::SearchRequest;

/// Suggestions offered for a value the index lacks.
const SUGGESTIONS: usize = 3;

/// A filter value no article has.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Warning {
    /// The filter's name (`place`, `source`, …).
    pub filter: String,
    pub value: String,
    pub message: String,
    /// Values articles have that come closest, best first.
    pub suggestions: Vec<String>,
}

/// Rewrites each filter value to the form the index holds; warns of those it lacks.
pub(crate) fn resolve(loaded: &Loaded, req: &mut SearchRequest) -> Result<Vec<Warning>, Error> {
    let searcher = loaded.searcher();
    let mut warnings = Vec::new();
    for (name, values) in req.filters.iter_mut() {
        let (Some(spec), Some(field)) = (facet(name), loaded.fields.facet(name)) else {
            continue;
        };
        let places = spec.kind == FacetKind::Places;
        // Read once per facet, and only when a value is missing.
        let mut known: Option<Vec<String>> = None;
        for value in values.iter_mut() {
            let term = |v: &str| match places {
                true => Term::from_facet(field, &Facet::from(v)),
                false => Term::from_facet(field, &Facet::from_path([v])),
            };
            if searcher.doc_freq(&term(value))? > 0 {
                continue;
            }
            let known = match &mut known {
                Some(k) => k,
                None => known.insert(known_values(&searcher, field, places)?),
            };
            let wanted = value.to_lowercase();
            if let Some(same) = known.iter().find(|k| k.to_lowercase() == wanted) {
                *value = same.clone();
                continue;
            }
            let what = if places { "place" } else { spec.name };
            warnings.push(Warning {
                filter: spec.name.to_string(),
                value: value.clone(),
                message: format!("no {what} named {value:?} in the index"),
                suggestions: nearest(&wanted, known),
            });
        }
    }
    Ok(warnings)
}

/// Every value of a facet field: place paths at every depth, or plain values.
fn known_values(searcher: &Searcher, field: Field, places: bool) -> Result<Vec<String>, Error> {
    let mut out = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut terms = index
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            let Ok(facet) = Facet::from_encoded(terms.key().to_vec()) else {
                continue;
            };
            out.insert(if places {
                facet.to_path_string()
            } else {
                facet.to_path().join("/")
            });
        }
    }
    Ok(out.into_iter().collect())
}

/// The known values closest to `wanted` (lower-cased): those containing it or contained in
/// it first, then by edit distance relative to length; for a path, among the paths as deep.
fn nearest(wanted: &str, known: &[String]) -> Vec<String> {
    let depth = wanted.matches('/').count();
    let mut scored: Vec<(f64, &String)> = known
        .iter()
        .filter(|k| k.matches('/').count() == depth)
        .map(|k| {
            let lower = k.to_lowercase();
            let contained = lower.contains(wanted) || wanted.contains(&lower);
            let similarity = strsim::normalized_levenshtein(wanted, &lower);
            (
                if contained {
                    1.0 + similarity
                } else {
                    similarity
                },
                k,
            )
        })
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, k)| k.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_the_closest_values_of_the_same_depth() {
        let known: Vec<String> = [
            "/Ukraine",
            "/Ukraine/Donetsk Oblast",
            "/Ukraine/Luhansk Oblast",
            "/Ukraine/Donetsk Oblast/Kramatorsk",
        ]
        .map(String::from)
        .to_vec();
        let places = nearest("/ukraine/donetsk obalst", &known);
        assert_eq!(places[0], "/Ukraine/Donetsk Oblast", "{places:?}");
        assert!(!places.contains(&"/Ukraine".to_string()));
        let sources: Vec<String> = ["kremlin.ru", "president.gov.ua", "Reuters"]
            .map(String::from)
            .to_vec();
        assert_eq!(nearest("kremlin", &sources), ["kremlin.ru"]);
        assert!(nearest("zzz", &sources).is_empty());
    }
}
