//! Facet counts shaped for the answer: sorted values, the place tree with coordinates,
//! the settlements of every region for the map.

use frontline_gazetteer::Gazetteer;
use tantivy::schema::Facet;

use crate::facets::Counts;
use crate::response::FacetValue;

/// Most settlements the `settlements` facet lists (the map's points).
const MAX_SETTLEMENTS: usize = 300;

fn children(counts: &Counts, parent: &str) -> Vec<FacetValue> {
    let mut out: Vec<FacetValue> = counts
        .children(parent)
        .into_iter()
        .map(|(path, label, n)| FacetValue {
            value: path.to_string(),
            label: label.to_string(),
            count: n,
            lat: None,
            lon: None,
            children: Vec::new(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    out
}

/// A one-level facet (source, language): the value to pass back is the plain name.
pub(crate) fn flat(counts: &Counts) -> Vec<FacetValue> {
    let mut values = children(counts, "/");
    for v in &mut values {
        v.value = v.label.clone();
    }
    values
}

pub(crate) fn hierarchy(
    counts: &Counts,
    filter: Option<&String>,
    gaz: &Gazetteer,
) -> Vec<FacetValue> {
    let mut values = match filter {
        Some(p) => children(counts, p),
        None => {
            let mut top = children(counts, "/");
            for country in &mut top {
                country.children = children(counts, &country.value);
            }
            top
        }
    };
    locate(&mut values, gaz);
    values
}

/// Adds gazetteer coordinates to place facet values.
fn locate(values: &mut [FacetValue], gaz: &Gazetteer) {
    for v in values {
        if let Some(p) = gaz.by_path(&v.value) {
            v.lat = Some(p.lat);
            v.lon = Some(p.lon);
        }
        locate(&mut v.children, gaz);
    }
}

pub(crate) fn settlements(counts: &Counts, gaz: &Gazetteer) -> Vec<FacetValue> {
    let mut out: Vec<FacetValue> = frontline_gazetteer::REGIONS
        .iter()
        .flat_map(|r| {
            children(
                counts,
                &Facet::from_path([r.country, r.name]).to_path_string(),
            )
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    out.truncate(MAX_SETTLEMENTS);
    locate(&mut out, gaz);
    out
}
