//! Event dates: the days (or months) an article says something happens, happened or is
//! planned on, resolved as a reader would against its publication time in Kyiv.
//!
//! Read: absolute dates in the common forms of English, Ukrainian and Russian ("8 April",
//! "April 8, 2022", "8 квітня", "24.02.2022", "2022-02-24"), the year inferred from the
//! publication and the tense; days named relative to the publication ("yesterday", "on
//! Tuesday", "two days ago", "вчора", "позавчора", "в середу"); ordinal days of the
//! full-scale war ("the 83rd day", "18-й день"); months ("in March", "у квітні 1937-го").
//! Not read: weeks, years alone, durations, vague phrases. "Today" and "tomorrow" count
//! only where a verb ties them to something done or to come: "today" is also "nowadays"
//! ("today it happens every day"), and "not today, not tomorrow" is a figure of speech.

mod candidates;
mod clock;
mod tokens;
mod vocab;

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use frontline_schema::{Granularity, StoredEvent};
use regex::Regex;

use tokens::{Kind, Token, tokenize};
use vocab::{Name, Tense};

/// The event dates of `body`; `published` anchors every date written without its year.
pub fn extract(body: &str, published: Option<DateTime<Utc>>) -> Vec<StoredEvent> {
    let numeric = numeric_dates(body);
    let windows: Vec<Vec<Token>> = candidates::windows(body)
        .into_iter()
        .map(|range| tokenize(body, range))
        .collect();
    let today = published.map(clock::today);
    let mut readers: Vec<Reader> = windows
        .iter()
        .map(|toks| Reader::new(body, toks, today, &numeric))
        .collect();
    // The war day a text names as its own moves "today" everywhere in it.
    let named: Vec<Option<NaiveDate>> = readers.iter_mut().map(Reader::war_days).collect();
    let named_today = named.into_iter().flatten().next();
    let today = match (named_today, today) {
        (Some(named), Some(t)) if named < t => Some(named),
        _ => today,
    };
    let mut found: Vec<StoredEvent> = numeric
        .iter()
        .filter_map(|&(date, ref span)| event(body, date, Granularity::Day, span.clone()))
        .collect();
    for mut reader in readers {
        reader.today = today;
        reader.read_all();
        found.append(&mut reader.found);
    }
    found.sort_by_key(|e| e.span[0]);
    found
}

// ASCII word boundaries: digits are ASCII, and Unicode ones cost a slower engine.
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?-u:\b)").expect("a valid pattern")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)\d{2})-(\d{2})-(\d{2})(?-u:\b)").expect("a valid pattern")
});

/// "24.02.2022" and "2022-02-24": unambiguous, read straight from the text.
fn numeric_dates(body: &str) -> Vec<(NaiveDate, Range<usize>)> {
    let mut hits = Vec::new();
    for (re, order) in [(&*DOTTED, [3, 2, 1]), (&*ISO, [1, 2, 3])] {
        for c in re.captures_iter(body) {
            let n = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
            if let (Some(y), Some(m), Some(d), Some(all)) =
                (n(order[0]), n(order[1]), n(order[2]), c.get(0))
                && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
            {
                hits.push((date, all.range()));
            }
        }
    }
    hits
}

/// The event of `date` written at `span` of `body`, if the date is plausible.
fn event(
    body: &str,
    date: NaiveDate,
    granularity: Granularity,
    span: Range<usize>,
) -> Option<StoredEvent> {
    if !plausible(date) {
        return None;
    }
    let date = match granularity {
        Granularity::Day => date.format("%Y-%m-%d"),
        Granularity::Month => date.format("%Y-%m"),
    }
    .to_string();
    Some(StoredEvent {
        date,
        granularity,
        text: body.get(span.clone())?.to_string(),
        span: [span.start, span.end],
    })
}

/// Years an event date may fall in (as publication dates).
fn plausible(d: NaiveDate) -> bool {
    frontline_schema::DATE_YEARS.contains(&d.year())
}

/// Reads the dates of one window of a text.
struct Reader<'a> {
    body: &'a str,
    toks: &'a [Token<'a>],
    today: Option<NaiveDate>,
    /// Tokens already read as part of a date.
    used: Vec<bool>,
    found: Vec<StoredEvent>,
}

impl<'a> Reader<'a> {
    /// A reader of `toks`, the tokens of numeric dates (`numeric`, read apart) taken as read.
    fn new(
        body: &'a str,
        toks: &'a [Token<'a>],
        today: Option<NaiveDate>,
        numeric: &[(NaiveDate, Range<usize>)],
    ) -> Reader<'a> {
        let used = toks
            .iter()
            .map(|t| {
                numeric
                    .iter()
                    .any(|(_, r)| t.start >= r.start && t.end <= r.end)
            })
            .collect();
        Reader {
            body,
            toks,
            today,
            used,
            found: Vec::new(),
        }
    }

    fn read_all(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            i = if self.used[i] {
                i + 1
            } else {
                self.read_at(i).unwrap_or(i + 1)
            };
        }
    }

    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i)
    }

    fn word_before(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i.checked_sub(1)?)?;
        t.is_word().then_some(t.lower.as_ref())
    }

    fn push(&mut self, date: NaiveDate, granularity: Granularity, first: usize, last: usize) {
        let (start, end) = (self.toks[first].start, self.toks[last].end);
        for used in &mut self.used[first..=last] {
            *used = true;
        }
        self.push_span(date, granularity, start, end);
    }

    fn push_span(&mut self, date: NaiveDate, granularity: Granularity, start: usize, end: usize) {
        if let Some(e) = event(self.body, date, granularity, start..end) {
            self.found.push(e);
        }
    }

    /// "The 83rd day of our defense", "18-й день": counted from the war's first day, kept
    /// only within days of the publication (other ordinal days count other things). The
    /// first such day is returned: an address names its own day, and may be published well
    /// after it ends.
    fn war_days(&mut self) -> Option<NaiveDate> {
        let today = self.today?;
        let mut named_today = None;
        for i in 0..self.toks.len() {
            let Some((n, last)) = self.ordinal_at(i) else {
                continue;
            };
            if !self
                .tok(last + 1)
                .is_some_and(|t| vocab::is_day_word(&t.lower))
                || n == 0
            {
                continue;
            }
            let Some(date) = clock::WAR_DAY_ONE.checked_add_days(Days::new(u64::from(n) - 1))
            else {
                continue;
            };
            let near = today
                .checked_sub_days(Days::new(2))
                .is_some_and(|from| date >= from)
                && today.succ_opt().is_some_and(|to| date <= to);
            if near {
                named_today.get_or_insert(date);
                self.push(date, Granularity::Day, i, last + 1);
            }
        }
        named_today
    }

    /// A number written as an ordinal at `i`: its value and its last token.
    fn ordinal_at(&self, i: usize) -> Option<(u32, usize)> {
        let n = self.tok(i)?.number()?;
        let next = self.tok(i + 1)?;
        if next.is_word() && !next.spaced && vocab::is_ordinal_suffix(&next.lower) {
            return Some((n, i + 1));
        }
        let suffix = self.tok(i + 2)?;
        (next.is_punct("-")
            && !next.spaced
            && !suffix.spaced
            && vocab::is_ordinal_suffix(&suffix.lower))
        .then_some((n, i + 2))
    }

    /// Reads a date phrase starting at `i`; the index after it.
    fn read_at(&mut self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Number => self.day_month(i).or_else(|| self.days_ago(i)),
            Kind::Word => {
                if let Some(named) = vocab::named(t) {
                    match named.name {
                        Name::Month(m) => self.month_first(i, m, named.short),
                        Name::Weekday(w) => self.weekday(i, w, named.latin),
                    }
                } else if !vocab::may_begin_a_date(&t.lower) {
                    None
                } else if let Some(n) = vocab::relative_day(&t.lower) {
                    self.relative(i, n)
                } else {
                    self.relative_phrase(i).or_else(|| self.days_ago(i))
                }
            }
            Kind::Punct => None,
        }
    }

    /// "24 February [2022]", "8 квітня", "24–25 лютого".
    fn day_month(&mut self, i: usize) -> Option<usize> {
        let day = self.tok(i)?.number().filter(|d| (1..=31).contains(d))?;
        let mut j = i + 1;
        // "8th of May", "24-го лютого"
        if let Some((_, last)) = self.ordinal_at(i) {
            j = last + 1;
        }
        if self.tok(j).is_some_and(|t| t.is("of")) {
            j += 1;
        }
        let named = vocab::named(self.tok(j)?)?;
        let Name::Month(month) = named.name else {
            return None;
        };
        if named.short && self.tok(j + 1).is_some_and(|t| t.is_punct(".")) {
            j += 1;
        }
        let (year, end) = self.year_after(j);
        let date = self.resolve_day(year, month, day, i, end)?;
        // "24–25 лютого": the first day of a range.
        if i >= 2
            && self.toks[i - 1].is_punct("-–—")
            && let Some(first) = self.toks[i - 2]
                .number()
                .filter(|d| (1..=31).contains(d) && *d < day)
            && let Some(d) = NaiveDate::from_ymd_opt(date.year(), month, first)
            && !self.used[i - 2]
        {
            self.push(d, Granularity::Day, i - 2, i - 2);
        }
        self.push(date, Granularity::Day, i, end);
        Some(end + 1)
    }

    /// A month name first: "February 24[, 2022]", "April 2022", "in March".
    fn month_first(&mut self, i: usize, month: u32, short: bool) -> Option<usize> {
        let mut j = i + 1;
        if short && self.tok(j).is_some_and(|t| t.is_punct(".")) {
            j += 1;
        }
        if let Some(day) = self
            .tok(j)
            .and_then(Token::number)
            .filter(|d| (1..=31).contains(d))
            && !self.tok(j + 1).is_some_and(|t| {
                t.is_punct(":") || t.kind == Kind::Number || vocab::is_year_word(&t.lower)
            })
        {
            let mut end = j;
            if let Some((_, last)) = self.ordinal_at(j) {
                end = last;
            }
            let mut k = end + 1;
            if self.tok(k).is_some_and(|t| t.is_punct(",")) {
                k += 1;
            }
            let (year, year_end) = self.year_at(k).map_or((None, end), |(y, e)| (Some(y), e));
            let date = self.resolve_day(year, month, day, i, year_end)?;
            self.push(date, Granularity::Day, i, year_end);
            return Some(year_end + 1);
        }
        if short {
            return None;
        }
        let (mut year, mut end) = self.year_after(i);
        if year.is_none() {
            year = self.year_before(i);
        }
        let lead = self.word_before(i).is_some_and(vocab::is_month_lead);
        if year.is_none() && !lead {
            return None;
        }
        if year.is_none()
            && let Some((ago, last)) = self.years_ago(end + 1)
        {
            year = self.today.map(|t| t.year() - ago);
            end = last;
        }
        let year = match year {
            Some(y) => y,
            None => {
                let today = self.today?;
                let tense = self.tense(i, end);
                resolve_year(today, tense, (month, 1), (today.month(), 1))
            }
        };
        let date = NaiveDate::from_ymd_opt(year, month, 1)?;
        self.push(date, Granularity::Month, i, end);
        Some(end + 1)
    }

    /// "on Saturday", "Saturday’s talks", "в середу": the most recent such day for what
    /// happened, the next one for what is to come; the publication's own weekday is its day.
    fn weekday(&mut self, i: usize, day: Weekday, latin: bool) -> Option<usize> {
        let today = self.today?;
        let before = self.word_before(i);
        if before.is_some_and(|w| matches!(w, "every" | "each" | "щопонеділка")) {
            return None;
        }
        if !latin && !before.is_some_and(vocab::is_weekday_lead) {
            return None;
        }
        let forward = match before {
            Some("next" | "наступної" | "наступного" | "следующей" | "следующую") => {
                true
            }
            Some("last" | "минулої" | "минулого" | "прошлой" | "прошлую") => {
                false
            }
            _ => matches!(
                self.tense(i, i),
                Some(Tense::Future | Tense::Now | Tense::Present)
            ),
        };
        let from_today = i64::from(day.num_days_from_monday())
            - i64::from(today.weekday().num_days_from_monday());
        let offset = if forward {
            from_today.rem_euclid(7)
        } else {
            -(-from_today).rem_euclid(7)
        };
        let date = shift(today, offset)?;
        self.push(date, Granularity::Day, i, i);
        Some(i + 1)
    }

    /// "today", "yesterday", "вчора": days before today always date what they tell;
    /// "today" and "tomorrow" only beside a verb that dates it.
    fn relative(&mut self, i: usize, offset: i64) -> Option<usize> {
        let today = self.today?;
        let before = self.word_before(i);
        if before.is_some_and(vocab::blocks_relative) {
            return None;
        }
        // "the day before yesterday", "the day after tomorrow"
        let mut offset = offset;
        let mut first = i;
        if i >= 2 && self.toks[i - 2].is("day") {
            match before {
                Some("before") => offset -= 1,
                Some("after") => offset += 1,
                _ => {}
            }
            if matches!(before, Some("before" | "after")) {
                first = i - 2;
            }
        }

        let word = self.toks[i].lower.as_ref();
        let dated = offset < 0
            || word == "tonight"
            || before.is_some_and(|w| matches!(w, "earlier" | "later"))
            || self.today_is_a_day(i)
            || matches!(
                self.tense(first, i),
                Some(Tense::Past | Tense::Now | Tense::Future)
            );
        if !dated {
            return None;
        }
        let date = shift(today, offset)?;
        self.push(date, Granularity::Day, first, i);
        Some(i + 1)
    }

    /// "Today is the 30th anniversary", "Today is Forgiveness Sunday", "Сьогодні 18-й день".
    fn today_is_a_day(&self, i: usize) -> bool {
        if self.toks[i].lower != "today" && self.toks[i].lower != "сьогодні" {
            return false;
        }
        if self.ordinal_at(i + 1).is_some() {
            return true;
        }
        if !self
            .tok(i + 1)
            .is_some_and(|t| matches!(t.lower.as_ref(), "is" | "marks" | "це"))
        {
            return false;
        }
        for k in i + 2..i + 7 {
            let Some(t) = self.tok(k) else {
                return false;
            };
            if t.kind == Kind::Punct {
                return false;
            }
            if vocab::is_day_word(&t.lower)
                || matches!(
                    t.lower.as_ref(),
                    "anniversary" | "holiday" | "річниця" | "свято"
                )
                || vocab::named(t).is_some_and(|n| matches!(n.name, Name::Weekday(_)))
                || self.ordinal_at(k).is_some()
            {
                return true;
            }
        }
        false
    }

    /// "this morning", "last night", "цієї доби", "минулої ночі".
    fn relative_phrase(&mut self, i: usize) -> Option<usize> {
        let today = self.today?;
        let (a, b) = (self.tok(i)?, self.tok(i + 1)?);
        if !b.is_word() {
            return None;
        }
        let offset = match (a.lower.as_ref(), b.lower.as_ref()) {
            ("this", "morning" | "afternoon" | "evening") | ("цієї", "доби" | "ночі") => {
                0
            }
            ("last", "night") | ("минулої", "ночі" | "доби") | ("прошлой", "ночью") => {
                -1
            }
            _ => return None,
        };
        let date = shift(today, offset)?;
        self.push(date, Granularity::Day, i, i + 1);
        Some(i + 2)
    }

    /// "two days ago", "3 дні тому".
    fn days_ago(&mut self, i: usize) -> Option<usize> {
        let today = self.today?;
        let t = self.tok(i)?;
        let n = match t.number() {
            Some(n) if n <= 31 => i64::from(n),
            Some(_) => return None,
            None => vocab::count_word(&t.lower)?,
        };
        let unit = self.tok(i + 1)?;
        let ago = self.tok(i + 2)?;
        if !vocab::is_day_word(&unit.lower) || !vocab::is_ago(&ago.lower) {
            return None;
        }
        let date = shift(today, -n)?;
        self.push(date, Granularity::Day, i, i + 2);
        Some(i + 3)
    }

    /// "[,] 2022", "2022 року", "1937-го" at `i`: the year and its last token.
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Number || t.text.len() != 4 {
            return None;
        }
        let y: i32 = t.text.parse().ok()?;
        if !frontline_schema::DATE_YEARS.contains(&y) {
            return None;
        }
        let mut end = i;
        if let Some((_, last)) = self.ordinal_at(i) {
            end = last;
        } else if self
            .tok(i + 1)
            .is_some_and(|w| w.is_word() && vocab::is_year_word(&w.lower))
        {
            end = i + 1;
        }
        Some((y, end))
    }

    /// The year right after the token at `i` ("квітні 1937-го", "April 2022", "8 квітня
    /// 2022 року"), and the last token read.
    fn year_after(&self, i: usize) -> (Option<i32>, usize) {
        let mut k = i + 1;
        if self.tok(k).is_some_and(|t| t.is_punct(",")) {
            k += 1;
        }
        self.year_at(k).map_or((None, i), |(y, e)| (Some(y), e))
    }

    /// "2022 рік, квітень": a year named just before a month.
    fn year_before(&self, i: usize) -> Option<i32> {
        let start = i.saturating_sub(3);
        (start..i).find_map(|k| self.year_at(k).map(|(y, _)| y))
    }

    /// "30 years ago" after a month: the year counted back.
    fn years_ago(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tok(i)?;
        let n = match t.number() {
            Some(n) => i32::try_from(n).ok()?,
            None => i32::try_from(vocab::count_word(&t.lower)?).ok()?,
        };
        let unit = self.tok(i + 1)?;
        let ago = self.tok(i + 2)?;
        (vocab::is_year_word(&unit.lower) && vocab::is_ago(&ago.lower)).then_some((n, i + 2))
    }

    /// A day and month with the year written, or the year a reader infers: the
    /// publication's, unless the tense points to the year before or after.
    fn resolve_day(
        &self,
        year: Option<i32>,
        month: u32,
        day: u32,
        first: usize,
        last: usize,
    ) -> Option<NaiveDate> {
        let year = match year {
            Some(y) => y,
            None => {
                let today = self.today?;
                resolve_year(
                    today,
                    self.tense(first, last),
                    (month, day),
                    (today.month(), today.day()),
                )
            }
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// The tense of the clause around tokens `first..=last`: a word right before the
    /// phrase that fixes it ("since", "until"), else the nearest verb form in the clause,
    /// looking past a comma that sets the phrase off ("On February 24, Russia launched").
    fn tense(&self, first: usize, last: usize) -> Option<Tense> {
        match self.word_before(first) {
            Some("since" | "last" | "back" | "ago" | "з" | "із" | "від" | "минулого" | "с") =>
            {
                return Some(Tense::Past);
            }
            Some("until" | "till" | "by" | "next" | "наступного") => {
                return Some(Tense::Future);
            }
            _ => {}
        }
        let boundary = |t: &Token| {
            t.kind == Kind::Punct
                && (t.text != "," || self.comma_is_clause_break(t))
                && !matches!(t.text, "-" | "'" | "’")
        };
        let comma = |k: usize| self.tok(k).is_some_and(|t| t.text == ",");
        let mut left = Vec::new();
        let mut k = first;
        let mut crossed = false;
        while k > 0 {
            k -= 1;
            let t = &self.toks[k];
            if boundary(t) {
                if !crossed && k + 1 == first && comma(k) {
                    crossed = true;
                    continue;
                }
                break;
            }
            // "noted that today ...": the verb of saying dates the saying, not the clause.
            if matches!(t.lower.as_ref(), "that" | "що" | "что") {
                break;
            }
            left.push(k);
        }
        let mut right = Vec::new();
        let mut k = last + 1;
        let mut crossed = false;
        while k < self.toks.len() {
            let t = &self.toks[k];
            if boundary(t) {
                if !crossed && k == last + 1 && comma(k) {
                    crossed = true;
                    k += 1;
                    continue;
                }
                break;
            }
            right.push(k);
            k += 1;
        }
        // Nearest first, alternating sides.
        let n = left.len().max(right.len());
        for d in 0..n {
            for k in [right.get(d), left.get(d)].into_iter().flatten() {
                if self.used[*k] {
                    continue;
                }
                if let Some(tense) = vocab::tense(self.toks, *k) {
                    return Some(tense);
                }
            }
        }
        None
    }

    /// "1,000" groups digits; a comma between words breaks a clause.
    fn comma_is_clause_break(&self, comma: &Token) -> bool {
        let i = self.toks.partition_point(|t| t.start < comma.start);
        let next = self.tok(i + 1);
        !(next.is_some_and(|n| n.kind == Kind::Number && !n.spaced)
            && i > 0
            && self.toks[i - 1].kind == Kind::Number)
    }
}

/// The year of a month (and day) written without one: the year of `today`, the year
/// before for a past event that would otherwise lie ahead, the year after for a plan that
/// would otherwise lie behind. Without a tense, a date more than two months ahead is taken
/// as past (plans are written with their tense, and reporting looks back); in a present or
/// modal clause, one more than two months behind as next year's.
fn resolve_year(
    today: NaiveDate,
    tense: Option<Tense>,
    md: (u32, u32),
    today_md: (u32, u32),
) -> i32 {
    let y = today.year();
    let months_ahead = (md.0 as i32 - today_md.0 as i32) * 31 + (md.1 as i32 - today_md.1 as i32);
    match tense {
        Some(Tense::Past) if md > today_md => y - 1,
        Some(Tense::Future) if md < today_md => y + 1,
        None if months_ahead > 62 => y - 1,
        Some(Tense::Present) if months_ahead < -62 => y + 1,
        _ => y,
    }
}

fn shift(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let n = Days::new(offset.unsigned_abs());
    if offset < 0 {
        day.checked_sub_days(n)
    } else {
        day.checked_add_days(n)
    }
}

#[cfg(test)]
mod tests;
