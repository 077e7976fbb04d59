//! Publication dates as scrapes write them.
//!
//! Accepts RFC 3339 / ISO 8601 with or without zone (a time without zone is taken as UTC),
//! hour 24 (`2022-03-14T24:09:29` is the next day's 00:09), date-only forms, compact
//! `20220314T120000Z`, RFC 2822 and a few written-out forms. Anything else, and a date
//! outside [`DATE_YEARS`], gives `None`: a date is never invented.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use frontline_schema::DATE_YEARS;

const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y%m%dT%H%M%S",
    "%Y%m%dT%H%M%SZ",
    "%d.%m.%Y %H:%M",
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%Y%m%d",
];

/// Parses a publication date; `None` when it cannot be read or is outside [`DATE_YEARS`].
pub fn parse(raw: &str) -> Option<DateTime<Utc>> {
    read(raw).filter(|d| DATE_YEARS.contains(&d.year()))
}

fn read(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Some(fixed) = fix_hour_24(s) {
        return read(&fixed.0).map(|d| d + fixed.1);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z") {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    let no_z = s.strip_suffix('Z').unwrap_or(s);
    for f in NAIVE_FORMATS {
        if let Ok(d) =
            NaiveDateTime::parse_from_str(no_z, f).or_else(|_| NaiveDateTime::parse_from_str(s, f))
        {
            return Some(d.and_utc());
        }
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return d.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        }
    }
    None
}

/// `...T24:MM...` → the same string at `T00:MM` and one day to add.
fn fix_hour_24(s: &str) -> Option<(String, Duration)> {
    let t = s.find(['T', ' '])?;
    let rest = s.get(t + 1..)?;
    if rest.starts_with("24")
        && !rest
            .get(2..3)
            .is_some_and(|c| c.chars().all(|c| c.is_ascii_digit()))
    {
        Some((format!("{}00{}", &s[..=t], &rest[2..]), Duration::days(1)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use proptest::prelude::*;

    fn iso(s: &str) -> String {
        parse(s)
            .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn real_forms() {
        assert_eq!(iso("2022-03-14T24:09:29"), "2022-03-15T00:09:29Z");
        assert_eq!(iso("2022-02-24T05:30:00Z"), "2022-02-24T05:30:00Z");
        assert_eq!(iso("2022-02-24T08:30:00+03:00"), "2022-02-24T05:30:00Z");
        assert_eq!(iso("2022-02-24"), "2022-02-24T00:00:00Z");
        assert_eq!(iso("20220224T053000Z"), "2022-02-24T05:30:00Z");
        assert_eq!(
            iso("Thu, 24 Feb 2022 05:30:00 +0000"),
            "2022-02-24T05:30:00Z"
        );
        assert_eq!(iso("August 15, 2025"), "2025-08-15T00:00:00Z");
        assert_eq!(iso("2022-02-30"), "");
        assert_eq!(iso("yesterday"), "");
    }

    #[test]
    fn dates_outside_the_window_are_not_dates() {
        assert_eq!(iso("1900-01-01"), "1900-01-01T00:00:00Z");
        assert_eq!(iso("2100-12-31T23:59:59Z"), "2100-12-31T23:59:59Z");
        assert_eq!(iso("1899-12-31"), "");
        assert_eq!(iso("2263-01-01"), "");
        assert_eq!(iso("0000-00-00"), "");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s);
        }

        #[test]
        fn iso_round_trips(y in 1990i32..2040, m in 1u32..13, d in 1u32..29, h in 0u32..24, mi in 0u32..60) {
            let s = format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00Z");
            prop_assert_eq!(iso(&s), s);
        }
    }
}
