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

#[cfg(test)]
mod tests {
    use super::*;

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
