//! The timeline and the map: SVG drawn on the server, every bar, oblast and point a link
//! to its filter.

use frontline_engine::SearchResponse;
use frontline_engine::response::{DateHistogram, FacetValue};
use frontline_gazetteer::map;
use maud::{Markup, html};

use super::{Here, hidden_except};

const TIMELINE_W: f64 = 600.0;
const TIMELINE_H: f64 = 80.0;

/// The date histogram as bars; each bar narrows the dates to its bucket.
pub(super) fn timeline(h: &DateHistogram, st: Here) -> Markup {
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let n = h.buckets.len().max(1) as f64;
    let w = TIMELINE_W / n;
    html! {
        section.timeline aria-labelledby="timeline-h" {
            h2 #timeline-h { "Over time" }
            @if h.buckets.is_empty() {
                p.n { "No dated documents." }
            } @else {
                svg viewBox={ "0 0 " (TIMELINE_W) " " (TIMELINE_H + 14.0) } role="img"
                    aria-label={ "documents per " (interval_name(h)) } preserveAspectRatio="none" {
                    @for (i, b) in h.buckets.iter().enumerate() {
                        @let bh = (b.count as f64 / max as f64) * TIMELINE_H;
                        a href=(st.page(&[("from", None), ("to", None)], &[("from", &b.from), ("to", &b.to)]))
                            data-bucket=(b.key) {
                            title { (b.key) ": " (b.count) }
                            rect.hitbox x=(fmt(i as f64 * w)) y="0" width=(fmt(w)) height=(TIMELINE_H) {}
                            rect.bar x=(fmt(i as f64 * w + w * 0.1)) y=(fmt(TIMELINE_H - bh))
                                width=(fmt((w * 0.8).max(0.5))) height=(fmt(bh)) {}
                        }
                    }
                    text x="0" y=(TIMELINE_H + 12.0) { (h.buckets[0].key) }
                    text x=(TIMELINE_W) y=(TIMELINE_H + 12.0) text-anchor="end" { (h.buckets[h.buckets.len() - 1].key) }
                }
                p.n {
                    "Per " (interval_name(h)) "; highest " (max) "."
                    @if h.unknown > 0 { " " (h.unknown) " undated." }
                }
            }
            form.dates method="get" action="/" {
                (hidden_except(st, &["from", "to", "offset"]))
                label { "From " input type="date" name="from" value=(st.get("from")); }
                label { "to " input type="date" name="to" value=(st.get("to")); }
                button type="submit" { "Set dates" }
            }
        }
    }
}

fn interval_name(h: &DateHistogram) -> &'static str {
    match h.interval {
        frontline_engine::Interval::Day => "day",
        frontline_engine::Interval::Week => "week",
        frontline_engine::Interval::Month => "month",
        frontline_engine::Interval::Year => "year",
    }
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// The map: oblasts shaded by documents, points sized by documents at gazetteer
/// coordinates; regions without an outline (Kyiv city, Sevastopol, Russian oblasts) as
/// squares. Every shape links to its filter.
pub(super) fn place_map(res: &SearchResponse, st: Here) -> Markup {
    let regions: Vec<&FacetValue> = res
        .facets
        .values("place")
        .into_iter()
        .flatten()
        .flat_map(|c| c.children.iter())
        .collect();
    let region_count = |name: &str| {
        regions
            .iter()
            .find(|r| r.label == name)
            .map_or(0, |r| r.count)
    };
    let max_region = regions.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let points = res.facets.settlements.as_deref().unwrap_or_default();
    let max_point = points.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let active = st.get("place");
    let outlined: Vec<&str> = map::outlines().map(|(n, _)| n).collect();
    let radius = |n: u64, max: u64| 2.0 + 9.0 * (n as f64 / max as f64).sqrt();
    html! {
        section.map aria-labelledby="map-h" {
            h2 #map-h { "Map" }
            svg viewBox={ "0 0 " (map::WIDTH) " " (map::HEIGHT) } role="img" aria-label="map of matching places" {
                @for (name, path) in map::outlines() {
                    @let n = region_count(name);
                    @let value = format!("/Ukraine/{name}");
                    a href=(st.set("place", &value)) data-region=(name) {
                        title { (name) ": " (n) }
                        path d=(path) fill-rule="evenodd"
                            class=(if active.starts_with(&value) { "oblast on" } else { "oblast" })
                            fill-opacity=(fmt_opacity(n, max_region)) {}
                    }
                }
                @for r in regions.iter().filter(|r| !outlined.contains(&r.label.as_str()) && r.count > 0) {
                    @if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
                        @let (x, y) = map::project(f64::from(lat), f64::from(lon));
                        @let s = radius(r.count, max_region);
                        a href=(st.set("place", &r.value)) data-region=(r.label) {
                            title { (r.label) ": " (r.count) }
                            rect.region-point x=(fmt(x - s)) y=(fmt(y - s)) width=(fmt(2.0 * s)) height=(fmt(2.0 * s)) {}
                        }
                    }
                }
                @for p in points.iter().rev() {
                    @if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                        @let (x, y) = map::project(f64::from(lat), f64::from(lon));
                        a href=(st.set("place", &p.value)) data-place=(p.value) {
                            title { (p.label) ": " (p.count) }
                            circle cx=(fmt(x)) cy=(fmt(y)) r=(fmt(radius(p.count, max_point))) {}
                        }
                    }
                }
            }
            p.credit { "Boundaries © OpenStreetMap contributors (ODbL) · places © GeoNames (CC BY 4.0)" }
        }
    }
}

fn fmt_opacity(n: u64, max: u64) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{:.2}", 0.12 + 0.78 * (n as f64 / max as f64).sqrt())
    }
}
