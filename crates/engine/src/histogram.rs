//! The date histogram, read from the date facet's year/month/day counts.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::Error;
use crate::facets::Counts;
use crate::request::{Interval, SearchRequest};
use crate::response::{DateBucket, DateHistogram};

fn month_range(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

pub(crate) fn check_interval(
    req: &SearchRequest,
    facet: &str,
    interval: Interval,
) -> Result<(), Error> {
    if matches!(interval, Interval::Day | Interval::Week) {
        let (Some(from), Some(to)) = req.range(facet) else {
            let (from, to) = SearchRequest::range_parameters(facet);
            return Err(Error::invalid(
                "bad_interval",
                format!("interval=day or week needs both {from} and {to}"),
            ));
        };
        if month_range(from, to).len() > 25 {
            return Err(Error::invalid(
                "bad_interval",
                "interval=day or week covers at most two years; use month",
            ));
        }
    }
    Ok(())
}

pub(crate) fn date_histogram(
    counts: &Counts,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    interval: Interval,
    undated: usize,
) -> DateHistogram {
    // Day counts keyed by date, or month/year counts keyed by their first day.
    let mut raw: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let number = |label: &str| label.parse::<u32>().ok();
    match interval {
        Interval::Year => {
            for (_, year, n) in counts.children("/") {
                if let Some(d) = year
                    .parse()
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                {
                    raw.insert(d, n);
                }
            }
        }
        Interval::Month => {
            for (year_path, year, _) in counts.children("/") {
                let Ok(y) = year.parse::<i32>() else { continue };
                for (_, month, n) in counts.children(year_path) {
                    if let Some(d) = number(month).and_then(|m| NaiveDate::from_ymd_opt(y, m, 1)) {
                        raw.insert(d, n);
                    }
                }
            }
        }
        Interval::Day | Interval::Week => {
            if let (Some(from), Some(to)) = (from, to) {
                for (y, m) in month_range(from, to) {
                    for (_, day, n) in counts.children(&format!("/{y:04}/{m:02}")) {
                        if let Some(d) =
                            number(day).and_then(|day| NaiveDate::from_ymd_opt(y, m, day))
                            && d >= from
                            && d <= to
                        {
                            raw.insert(d, n);
                        }
                    }
                }
            }
        }
    }
    let bucket_start = |d: NaiveDate| match interval {
        Interval::Day => d,
        Interval::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Interval::Month => d.with_day(1).unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    };
    let next = |d: NaiveDate| match interval {
        Interval::Day => d + Duration::days(1),
        Interval::Week => d + Duration::days(7),
        Interval::Month => if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
        }
        .unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d),
    };
    let mut sums: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (d, n) in raw {
        *sums.entry(bucket_start(d)).or_default() += n;
    }
    sums.retain(|_, n| *n > 0);
    let first = from
        .map(bucket_start)
        .or_else(|| sums.keys().next().copied());
    let last = to
        .map(bucket_start)
        .or_else(|| sums.keys().next_back().copied());
    let mut buckets = Vec::new();
    if let (Some(mut d), Some(last)) = (first, last) {
        while d <= last && buckets.len() < 5000 {
            let end = next(d) - Duration::days(1);
            let from = iso_day(d);
            // The key is the start day cut to the interval: `2024`, `2024-03`, `2024-03-04`.
            let key = match interval {
                Interval::Day | Interval::Week => from.clone(),
                Interval::Month => from[..from.len() - 3].to_string(),
                Interval::Year => from[..from.len() - 6].to_string(),
            };
            buckets.push(DateBucket {
                key,
                from,
                to: iso_day(end),
                count: sums.get(&d).copied().unwrap_or(0),
            });
            d = next(d);
        }
    }
    DateHistogram {
        interval,
        buckets,
        unknown: undated as u64,
    }
}

/// `YYYY-MM-DD`. A histogram has a few hundred of these, and `format!` made them a sixth of
/// a short query's time.
fn iso_day(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    match u32::try_from(d.year()) {
        Ok(y) if y <= 9999 => push_digits(&mut out, y, 4),
        _ => out.push_str(&d.format("%Y").to_string()),
    }
    out.push('-');
    push_digits(&mut out, d.month(), 2);
    out.push('-');
    push_digits(&mut out, d.day(), 2);
    out
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn iso_day_is_chronos_iso_date(days in -1_000_000i32..3_000_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).expect("in chrono's range");
            prop_assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
        }
    }
}
