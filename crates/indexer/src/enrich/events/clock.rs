//! The day an article is written on, as its words count days: Kyiv time.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Kyiv;

/// Day 1 of the full-scale war: "the 83rd day" counts from it.
pub const WAR_DAY_ONE: NaiveDate = match NaiveDate::from_ymd_opt(2022, 2, 24) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Before this hour Kyiv time, "today" in a text is still the day that is ending: evening
/// addresses and late news go out after midnight.
const LATE_NIGHT_UNTIL: u32 = 5;

/// The day "today" means in an article published at `published`.
pub fn today(published: DateTime<Utc>) -> NaiveDate {
    // A date without a time reads as midnight UTC: the day itself, not the evening before.
    if published.num_seconds_from_midnight() == 0 {
        return published.date_naive();
    }
    let local = published.with_timezone(&Kyiv);
    let day = local.date_naive();
    if local.hour() < LATE_NIGHT_UNTIL {
        day.pred_opt().unwrap_or(day)
    } else {
        day
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::today;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("a test timestamp")
            .with_timezone(&Utc)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a test date")
    }

    #[test]
    fn counts_days_in_kyiv_time_with_its_summer_clock() {
        // 21:30 UTC in winter is 23:30 in Kyiv (UTC+2): still that day.
        assert_eq!(today(at("2022-02-26T21:30:00Z")), day(2022, 2, 26));
        // In summer (UTC+3) 21:30 UTC is 00:30 the next day: a late-night text, the
        // evening's day.
        assert_eq!(today(at("2022-06-15T21:30:00Z")), day(2022, 6, 15));
        // 02:30 in Kyiv is still that night; 06:00 is the next day...
        assert_eq!(today(at("2022-06-15T23:30:00Z")), day(2022, 6, 15));
        assert_eq!(today(at("2022-06-16T03:00:00Z")), day(2022, 6, 16));
        // ...and the clock change on the last Sunday of March moves the boundary: 02:30 UTC
        // is 05:30 in summer time, 04:30 in winter time.
        assert_eq!(today(at("2022-03-27T01:30:00Z")), day(2022, 3, 26));
        assert_eq!(today(at("2022-03-28T02:30:00Z")), day(2022, 3, 28));
    }

    #[test]
    fn a_date_without_time_is_that_day() {
        assert_eq!(today(at("2022-04-08T00:00:00Z")), day(2022, 4, 8));
    }
}
