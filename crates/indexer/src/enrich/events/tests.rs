//! Each form on sentences of its own, in English, Ukrainian and Russian.

use chrono::{DateTime, Utc};

use super::extract;

/// The distinct dates found in `text` published at `published` (RFC 3339).
fn dates(published: &str, text: &str) -> Vec<String> {
    let at = DateTime::parse_from_rfc3339(published)
        .expect("a test timestamp")
        .with_timezone(&Utc);
    let mut out: Vec<String> = extract(text, Some(at))
        .into_iter()
        .map(|e| e.date)
        .collect();
    out.dedup();
    out
}

const NOON_SUNDAY: &str = "2022-04-10T12:00:00Z";

/// Asserts that none of `texts`, published at noon on a Sunday, gives a date.
fn no_dates(texts: &[&str]) {
    for text in texts {
        let found = dates(NOON_SUNDAY, text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn absolute_dates_in_every_common_form() {
    for text in [
        "The strike on the station happened on April 8, 2022.",
        "The strike on the station happened on 8 April.",
        "The strike happened on April 8th.",
        "Дата удару: 08.04.2022.",
        "Report of 2022-04-08 on the strike.",
        "Удар по вокзалу стався 8 квітня.",
        "Удар по вокзалу стався 8 квітня 2022 року.",
        "Удар по вокзалу произошёл 8 апреля.",
    ] {
        assert_eq!(dates(NOON_SUNDAY, text), ["2022-04-08"], "{text}");
    }
}

#[test]
fn a_missing_year_follows_the_tense() {
    // Past events lie behind the publication, plans ahead of it.
    assert_eq!(
        dates(
            "2022-01-05T12:00:00Z",
            "The agreement was signed on December 20."
        ),
        ["2021-12-20"]
    );
    assert_eq!(
        dates(
            "2021-12-20T12:00:00Z",
            "The summit will open on January 15."
        ),
        ["2022-01-15"]
    );
    assert_eq!(
        dates(
            "2022-07-10T12:00:00Z",
            "The ministers met in person for the first time since October."
        ),
        ["2021-10"]
    );
    assert_eq!(
        dates(
            "2021-12-08T12:00:00Z",
            "In December 30 years ago Croatia recognised Ukraine."
        ),
        ["1991-12"]
    );
}

#[test]
fn months_with_a_preposition_or_a_year() {
    assert_eq!(
        dates(NOON_SUNDAY, "The offensive began in March."),
        ["2022-03"]
    );
    assert_eq!(dates(NOON_SUNDAY, "Наступ почався у березні."), ["2022-03"]);
    assert_eq!(dates(NOON_SUNDAY, "Як у квітні 1937-го."), ["1937-04"]);
    assert_eq!(
        dates(NOON_SUNDAY, "2022 рік, квітень, а реальність інша."),
        ["2022-04"]
    );
    // Not months: a verb, a modal, an adjective.
    assert!(dates(NOON_SUNDAY, "May the memory of them live forever.").is_empty());
    assert!(dates(NOON_SUNDAY, "Russia may be preparing a new offensive.").is_empty());
    assert!(dates(NOON_SUNDAY, "Це був лютий мороз.").is_empty());
}

#[test]
fn days_named_relative_to_the_publication() {
    assert_eq!(
        dates(NOON_SUNDAY, "Yesterday Russian troops shelled Kharkiv."),
        ["2022-04-09"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Вчора окупанти обстріляли Харків."),
        ["2022-04-09"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Позавчора окупанти обстріляли Харків."),
        ["2022-04-08"]
    );
    assert_eq!(
        dates(
            NOON_SUNDAY,
            "The day before yesterday they shelled Kharkiv."
        ),
        ["2022-04-08"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Two days ago they shelled Kharkiv."),
        ["2022-04-08"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Три дні тому вони обстріляли Харків."),
        ["2022-04-07"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Last night missiles hit Lviv."),
        ["2022-04-09"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Today I met the mayor of Bucha."),
        ["2022-04-10"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Сьогодні я зустрівся з мером Бучі."),
        ["2022-04-10"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "The Cabinet will vote tomorrow."),
        ["2022-04-11"]
    );
    assert_eq!(
        dates(NOON_SUNDAY, "Завтра буде засідання уряду."),
        ["2022-04-11"]
    );
}

#[test]
fn today_as_nowadays_or_a_figure_of_speech_is_no_date() {
    no_dates(&[
        "Today it happens every day in Ukraine.",
        "He noted that today our main task is to win this war started by Russia.",
        "The wage is 1,000 rubles more than today.",
        "God will not forgive. Not today. Not tomorrow. Never.",
        "We understand what can happen tomorrow.",
        "Росія прийшла з війною не вчора й не позавчора.",
    ]);
}

#[test]
fn weekdays_look_back_for_what_happened_and_ahead_for_plans() {
    // Thursday 14 April 2022.
    let thursday = "2022-04-14T12:00:00Z";
    assert_eq!(
        dates(thursday, "Talks took place on Tuesday."),
        ["2022-04-12"]
    );
    assert_eq!(
        dates(thursday, "Saturday’s talks were candid."),
        ["2022-04-09"]
    );
    assert_eq!(
        dates(thursday, "The ministers will meet on Monday."),
        ["2022-04-18"]
    );
    assert_eq!(
        dates(
            thursday,
            "The chancellor said on Thursday that talks go on."
        ),
        ["2022-04-14"]
    );
    assert_eq!(
        dates(thursday, "У вівторок відбулися переговори."),
        ["2022-04-12"]
    );
    assert_eq!(
        dates(thursday, "Сподіваюся, що в суботу відбудеться обмін."),
        ["2022-04-16"]
    );
    assert!(dates(thursday, "The market opens every Monday.").is_empty());
    // Russian weekdays in the cases the locale does not list, by their stem.
    assert_eq!(
        dates(thursday, "Переговоры прошли в среду."),
        ["2022-04-13"]
    );
    assert_eq!(
        dates(thursday, "Вчера переговоры продолжились."),
        ["2022-04-13"]
    );
    assert!(dates(thursday, "Среди участников были министры.").is_empty());
}

#[test]
fn ordinal_days_of_the_war_count_from_its_first_day() {
    assert_eq!(
        dates(
            "2022-05-17T19:00:00Z",
            "The 83rd day of our defense began with strikes."
        ),
        ["2022-05-17"]
    );
    assert_eq!(
        dates("2022-03-13T20:00:00Z", "Сьогодні 18-й день нашої війни."),
        ["2022-03-13"]
    );
    // A count of days is a duration, not a date.
    assert!(
        dates(
            NOON_SUNDAY,
            "Тепер – уже 41 день повномасштабного вторгнення."
        )
        .is_empty()
    );
    assert!(dates(NOON_SUNDAY, "The 10th day of the festival drew crowds.").is_empty());
}

#[test]
fn weeks_years_and_durations_are_no_dates() {
    no_dates(&[
        "Last week the talks failed.",
        "Тиждень тому переговори провалилися.",
        "The war began in 2014.",
        "36 days of full-scale invasion have passed.",
    ]);
}

#[test]
fn a_late_night_address_speaks_of_the_evening_that_ends() {
    let text = "Today I met the mayor. Yesterday the Cabinet met. Tomorrow we will vote.";
    // 01:30 in Kyiv on 18 May (summer time, UTC+3): still the evening of the 17th.
    assert_eq!(
        dates("2022-05-17T22:30:00Z", text),
        ["2022-05-17", "2022-05-16", "2022-05-18"]
    );
    // 06:30 in Kyiv: a new day.
    assert_eq!(
        dates("2022-05-18T03:30:00Z", text),
        ["2022-05-18", "2022-05-17", "2022-05-19"]
    );
    // In winter (UTC+2) 22:30 UTC is 00:30 the next day.
    assert_eq!(
        dates("2022-01-10T22:30:00Z", "Today I met the mayor."),
        ["2022-01-10"]
    );
    // An address that names its war day keeps it as today, however late it is published.
    assert_eq!(
        dates(
            "2022-03-15T00:09:29Z",
            "Сьогодні 18-й день. Сьогодні я відвідав наших хлопців."
        ),
        ["2022-03-13"]
    );
}

#[test]
fn spans_point_at_the_words() {
    let text = "Talks: on 8 April the delegations met.";
    let at = DateTime::parse_from_rfc3339(NOON_SUNDAY)
        .expect("a test timestamp")
        .with_timezone(&Utc);
    let found = extract(text, Some(at));
    assert_eq!(found.len(), 1);
    let [s, e] = found[0].span;
    assert_eq!(&text[s..e], "8 April");
    assert_eq!(found[0].text, "8 April");
}

#[test]
fn without_a_publication_date_only_dates_with_a_year() {
    let found = extract("Talks on 8 April 2022 and again yesterday.", None);
    let dates: Vec<&str> = found.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2022-04-08"]);
}

proptest::proptest! {
    // Any text: no panic, and every span is the words it reports.
    #[test]
    fn spans_are_the_words_of_any_text(
        text in r"([0-9]{1,4}|[ .,:\-–'’\n]|today|yesterday|Monday|May|April|the|on|day|rd|th|й|го|вчора|сьогодні|квітня|у|в|середу|[a-zA-Zа-яіїєґ]{1,6}){0,40}",
        hour in 0u32..24,
    ) {
        let at = DateTime::parse_from_rfc3339(&format!("2022-04-10T{hour:02}:30:00Z"))
            .expect("a test timestamp")
            .with_timezone(&Utc);
        for e in extract(&text, Some(at)) {
            let [s, end] = e.span;
            proptest::prop_assert_eq!(text.get(s..end), Some(e.text.as_str()));
            proptest::prop_assert!(e.days().is_some());
        }
    }

    // Any characters at all, dates among them: no panic, spans on character boundaries.
    #[test]
    fn any_unicode_text_is_read_without_panic(text in r"(\PC|\n|[0-9]{1,4}|Today|вчора|8 квітня|May 9|24\.02\.2022){0,60}") {
        let at = DateTime::parse_from_rfc3339(NOON_SUNDAY)
            .expect("a test timestamp")
            .with_timezone(&Utc);
        for e in extract(&text, Some(at)) {
            let [s, end] = e.span;
            proptest::prop_assert_eq!(text.get(s..end), Some(e.text.as_str()));
        }
    }
}
