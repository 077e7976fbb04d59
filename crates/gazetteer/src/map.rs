//! The map the browser page draws: one fixed projection and the oblast outlines shipped
//! with the project (`data/oblasts.tsv`, simplified from OpenStreetMap boundaries, ODbL, by
//! `frontline-gazetteer outline`).
//!
//! The projection is equirectangular, scaled for latitude 48.5°; across Ukraine that distorts
//! less than a pixel's worth at this size and keeps the page free of any map library.

/// Western, eastern, northern and southern edges of the map (degrees); wide enough for the
/// Russian border oblasts.
const WEST: f64 = 22.0;
const EAST: f64 = 40.6;
const NORTH: f64 = 54.0;
const SOUTH: f64 = 44.2;
/// Pixels per degree of latitude.
const SCALE: f64 = 60.0;
/// cos(48.5°): one degree of longitude in degrees of latitude at the map's middle.
const LON_FACTOR: f64 = 0.662_39;
/// Map width in pixels.
pub const WIDTH: u32 = ((EAST - WEST) * LON_FACTOR * SCALE) as u32 + 1;
/// Map height in pixels.
pub const HEIGHT: u32 = ((NORTH - SOUTH) * SCALE) as u32 + 1;

/// Pixel position of a point on the map.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    ((lon - WEST) * LON_FACTOR * SCALE, (NORTH - lat) * SCALE)
}

static OUTLINES: &str = include_str!("../data/oblasts.tsv");

/// Each outlined region's facet name and SVG path (`fill-rule: evenodd`).
pub fn outlines() -> impl Iterator<Item = (&'static str, &'static str)> {
    OUTLINES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

/// The box an SVG path of absolute coordinates (as the outlines are written) spans:
/// left, top, width, height.
pub fn bounds(path: &str) -> Option<(f64, f64, f64, f64)> {
    let numbers: Vec<f64> = path
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
        .filter_map(|t| t.parse().ok())
        .collect();
    let xs = numbers.iter().step_by(2);
    let ys = numbers.iter().skip(1).step_by(2);
    let (min_x, max_x) = xs.fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let (min_y, max_y) = ys.fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    (min_x <= max_x && min_y <= max_y).then_some((min_x, min_y, max_x - min_x, max_y - min_y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_spans_its_points() {
        assert_eq!(
            bounds("M10.0 20.0L30.5 5.0L12.0 40.0ZM1.0 22.0L2.0 23.0Z"),
            Some((1.0, 5.0, 29.5, 35.0))
        );
        assert_eq!(bounds(""), None);
        for (name, path) in outlines() {
            let (x, y, w, h) = bounds(path).expect(name);
            assert!(x >= 0.0 && y >= 0.0 && w > 0.0 && h > 0.0, "{name}");
            assert!(
                x + w <= f64::from(WIDTH) && y + h <= f64::from(HEIGHT),
                "{name}"
            );
        }
    }

    #[test]
    fn kyiv_and_kharkiv_fall_inside_the_map_in_the_right_order() {
        let (kx, ky) = project(50.45, 30.52);
        let (hx, hy) = project(49.99, 36.23);
        assert!(kx > 0.0 && kx < f64::from(WIDTH) && ky > 0.0 && ky < f64::from(HEIGHT));
        assert!(hx > kx && hy > ky, "Kharkiv lies east and south of Kyiv");
    }

    #[test]
    fn shipped_outlines_cover_every_outlined_region() {
        let names: Vec<&str> = outlines().map(|(n, _)| n).collect();
        assert_eq!(names.len(), 25, "24 oblasts and Crimea");
        for (name, path) in outlines() {
            assert!(
                crate::REGIONS.iter().any(|r| r.name == name),
                "{name} is a facet region"
            );
            assert!(path.starts_with('M') && path.ends_with('Z'), "{name}");
        }
    }
}
