//! The timeline and the map: SVG drawn on the server, every bar, oblast and point a link
//! to its filter.

use frontline_engine::SearchResponse;
use frontline_engine::response::{DateHistogram, FacetValue};
use frontline_gazetteer::map;
use maud::{Markup, html};

use super::{Here, Timeline, hidden_except};

const TIMELINE_W: f64 = 600.0;
const TIMELINE_H: f64 = 80.0;

/// The date histogram as bars; each bar narrows the dates to its bucket. A switch shows
/// the other dates: publication or events.
pub(super) fn timeline(h: &DateHistogram, st: Here, dates: Timeline, left_out: u64) -> Markup {
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let n = h.buckets.len().max(1) as f64;
    let w = TIMELINE_W / n;
    let (from, to) = dates.range();
    let (heading, undated) = match dates {
        Timeline::Published => ("Over time", "undated"),
        Timeline::Events => ("Events over time", "without event dates"),
    };
    html! {
        section.timeline aria-labelledby="timeline-h" {
            h2 #timeline-h { (heading) }
            p.switch {
                "Dates: "
                @match dates {
                    Timeline::Published => {
                        strong aria-current="true" { "published" } " · "
                        a #timeline-events href=(st.set("timeline", "events")) { "events reported" }
                    }
                    Timeline::Events => {
                        a #timeline-published href=(st.page(&[("timeline", None)], &[])) { "published" } " · "
                        strong aria-current="true" { "events reported" }
                    }
                }
            }
            @if h.buckets.is_empty() {
                p.n { "No dated documents." }
            } @else {
                svg viewBox={ "0 0 " (TIMELINE_W) " " (TIMELINE_H + 14.0) } role="img"
                    aria-label={ "documents per " (interval_name(h)) } preserveAspectRatio="none" {
                    @for (i, b) in h.buckets.iter().enumerate() {
                        @let bh = (b.count as f64 / max as f64) * TIMELINE_H;
                        a href=(st.page(&[(from, None), (to, None)], &[(from, &b.from), (to, &b.to)]))
                            data-bucket=(b.key) {
                            title { (b.key) ": " (b.count) }
                            rect.hitbox x=(fmt(i as f64 * w)) y="0" width=(fmt(w)) height=(TIMELINE_H) {}
                            rect.bar x=(fmt(i as f64 * w + w * 0.1)) y=(fmt(TIMELINE_H - bh))
                                width=(fmt((w * 0.8).max(0.5))) height=(fmt(bh)) {}
                        }
                    }
                    @for i in ticks(h.buckets.len()) {
                        line.tick x1=(fmt(i as f64 * w)) x2=(fmt(i as f64 * w)) y1=(TIMELINE_H) y2=(TIMELINE_H + 3.0) {}
                        text x=(fmt(i as f64 * w)) y=(TIMELINE_H + 12.0) { (h.buckets[i].key) }
                    }
                }
                p.n {
                    "Per " (interval_name(h)) "; highest " (max) "."
                    @if h.unknown > 0 { " " (h.unknown) " " (undated) "." }
                    @if left_out > 0 {
                        " " (left_out) " more in months further off: "
                        a #timeline-all href=(st.set("interval", "year")) { "show every year" } "."
                    }
                }
            }
            form.dates method="get" action="/" {
                (hidden_except(st, &[from, to, "offset"]))
                label { "From " input type="date" name=(from) value=(st.get(from)); }
                label { "to " input type="date" name=(to) value=(st.get(to)); }
                button type="submit" { "Set dates" }
            }
        }
    }
}

/// Buckets whose start the axis labels: about six, evenly spaced, the first always.
fn ticks(buckets: usize) -> impl Iterator<Item = usize> {
    let step = buckets.div_ceil(6).max(1);
    // The last label would run off the end: keep a step's room after it.
    (0..buckets)
        .step_by(step)
        .filter(move |&i| i == 0 || i + step / 2 < buckets)
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
    let active = st.get("place");
    // A region filter zooms to the region and keeps its own places only.
    let within = |value: &str| active.is_empty() || value.starts_with(&format!("{active}/"));
    let points: Vec<&FacetValue> = res
        .facets
        .settlements
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|p| within(&p.value))
        .collect();
    let max_point = points.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let outlined: Vec<&str> = map::outlines().map(|(n, _)| n).collect();
    let (full_w, full_h) = (f64::from(map::WIDTH), f64::from(map::HEIGHT));
    let view = zoom(active, &regions).unwrap_or((0.0, 0.0, full_w, full_h));
    // Shapes keep their size on screen however far the map is zoomed.
    let scale = view.2 / full_w;
    let radius = |n: u64, max: u64| scale * (3.0 + 9.0 * (n as f64 / max as f64).sqrt());
    html! {
        section.map aria-labelledby="map-h" {
            h2 #map-h { "Map" }
            svg viewBox={ (fmt(view.0)) " " (fmt(view.1)) " " (fmt(view.2)) " " (fmt(view.3)) } role="img"
                aria-label="map of matching places" data-zoomed[view.2 < full_w] {
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
            (legend(max_region, max_point, view.2 < full_w))
            p.credit { "Boundaries © OpenStreetMap contributors (ODbL) · places © GeoNames (CC BY 4.0)" }
        }
    }
}

/// The part of the map a region filter shows: its outline's box, or around its point for a
/// region drawn as one, with a margin.
fn zoom(active: &str, regions: &[&FacetValue]) -> Option<(f64, f64, f64, f64)> {
    let region = active.strip_prefix("/Ukraine/")?.split('/').next()?;
    let (x, y, w, h) = match map::outlines().find(|(n, _)| *n == region) {
        Some((_, path)) => map::bounds(path)?,
        None => {
            let r = regions.iter().find(|r| r.label == region)?;
            let (x, y) = map::project(f64::from(r.lat?), f64::from(r.lon?));
            (x - 30.0, y - 30.0, 60.0, 60.0)
        }
    };
    let margin = 0.08 * w.max(h);
    Some((x - margin, y - margin, w + 2.0 * margin, h + 2.0 * margin))
}

/// What the shades and dots mean. Zoomed to a filtered region, only the region's places
/// are counted, so there are no shades to explain.
fn legend(max_region: u64, max_point: u64, zoomed: bool) -> Markup {
    let mut steps = vec![
        1,
        max_region.div_ceil(4),
        max_region.div_ceil(2),
        max_region,
    ];
    steps.dedup();
    html! {
        div.legend {
            @if !zoomed {
                span { "Oblast shade: documents, " }
                @for n in steps {
                    svg.swatch viewBox="0 0 12 12" aria-hidden="true" {
                        rect.oblast width="12" height="12" fill-opacity=(fmt_opacity(n, max_region)) {}
                    }
                    " " (n) " "
                }
                br;
            }
            svg.swatch viewBox="0 0 12 12" aria-hidden="true" { circle cx="6" cy="6" r="4" {} }
            " a settlement, sized by its documents (largest: " (max_point) ")"
            @if zoomed { "; only the filtered region's places are shown" }
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
