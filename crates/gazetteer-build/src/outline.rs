//! `frontline-gazetteer outline`: oblast boundaries (GeoJSON) projected by the map's
//! projection and simplified into the outlines the page draws.

use frontline_gazetteer::map::project;
use serde_json::Value;

/// Outline points closer than this to the simplified line are dropped (pixels).
const TOLERANCE: f64 = 0.6;

/// ISO 3166-2 codes of the boundary file → facet names.
const ISO_REGIONS: &[(&str, &str)] = &[
    ("UA-05", "Vinnytsia Oblast"),
    ("UA-07", "Volyn Oblast"),
    ("UA-09", "Luhansk Oblast"),
    ("UA-12", "Dnipropetrovsk Oblast"),
    ("UA-14", "Donetsk Oblast"),
    ("UA-18", "Zhytomyr Oblast"),
    ("UA-21", "Zakarpattia Oblast"),
    ("UA-23", "Zaporizhzhia Oblast"),
    ("UA-26", "Ivano-Frankivsk Oblast"),
    ("UA-30", "Kyiv"),
    ("UA-32", "Kyiv Oblast"),
    ("UA-35", "Kirovohrad Oblast"),
    ("UA-40", "Sevastopol"),
    ("UA-43", "Crimea"),
    ("UA-46", "Lviv Oblast"),
    ("UA-48", "Mykolaiv Oblast"),
    ("UA-51", "Odesa Oblast"),
    ("UA-53", "Poltava Oblast"),
    ("UA-56", "Rivne Oblast"),
    ("UA-59", "Sumy Oblast"),
    ("UA-61", "Ternopil Oblast"),
    ("UA-63", "Kharkiv Oblast"),
    ("UA-65", "Kherson Oblast"),
    ("UA-68", "Khmelnytskyi Oblast"),
    ("UA-71", "Cherkasy Oblast"),
    ("UA-74", "Chernihiv Oblast"),
    ("UA-77", "Chernivtsi Oblast"),
];

/// Errors reading a boundary file.
#[derive(Debug, thiserror::Error)]
pub enum OutlineError {
    #[error("boundary file is not GeoJSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("feature {index}: {message}")]
    Feature { index: usize, message: String },
}

/// Turns a GeoJSON FeatureCollection of oblast (Multi)Polygons into the shipped outline
/// file: one line per region, `facet name TAB svg path`, projected and simplified.
pub fn compile_outlines(geojson: &str) -> Result<String, OutlineError> {
    let root: Value = serde_json::from_str(geojson)?;
    let features = root["features"].as_array().cloned().unwrap_or_default();
    let mut out = String::from(
        "# Oblast outlines projected by crate::map, from OpenStreetMap boundaries (ODbL).\n",
    );
    for (index, feature) in features.iter().enumerate() {
        let bad = |message: &str| OutlineError::Feature {
            index,
            message: message.to_string(),
        };
        let iso = feature["properties"]["iso3166-2"]
            .as_str()
            .ok_or_else(|| bad("no iso3166-2 property"))?;
        let name = ISO_REGIONS
            .iter()
            .find(|(code, _)| *code == iso)
            .map(|(_, name)| *name)
            .ok_or_else(|| bad("unknown iso3166-2 code"))?;
        let geometry = &feature["geometry"];
        let polygons: Vec<&Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![&geometry["coordinates"]],
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => return Err(bad("geometry is not a (Multi)Polygon")),
        };
        let mut path = String::new();
        for ring in polygons.iter().filter_map(|p| p.as_array()).flatten() {
            let points: Vec<(f64, f64)> = ring
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|pt| Some(project(pt[1].as_f64()?, pt[0].as_f64()?)))
                .collect();
            let kept = simplify(&points, TOLERANCE);
            if kept.len() < 4 || ring_area(&kept) < 4.0 {
                continue; // specks: islets and slivers invisible at this size
            }
            for (i, (x, y)) in kept.iter().enumerate() {
                path.push(if i == 0 { 'M' } else { 'L' });
                path.push_str(&format!("{x:.1} {y:.1}"));
            }
            path.push('Z');
        }
        out.push_str(&format!("{name}\t{path}\n"));
    }
    Ok(out)
}

/// Douglas–Peucker line simplification.
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let (a, b) = (points[first], points[last]);
        let farthest = (first + 1..last)
            .map(|i| (i, segment_distance(points[i], a, b)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, d)) = farthest
            && d > tolerance
        {
            keep[i] = true;
            stack.push((first, i));
            stack.push((i, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

fn ring_area(points: &[(f64, f64)]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplification_keeps_corners_and_drops_collinear_points() {
        let line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(
            simplify(&line, 0.5),
            vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]
        );
    }
}
