//! The words dates are written with: month and weekday names in English, Ukrainian and
//! Russian (glibc's locale tables, every Ukrainian case form from the VESUM lemma table),
//! days named relative to today, and the tense of the words around them.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use chrono::Weekday;
use pure_rust_locales::{en_US, ru_RU, uk_UA};

use super::tokens::Token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    /// 1..=12.
    Month(u32),
    Weekday(Weekday),
}

#[derive(Debug, Clone, Copy)]
pub struct Named {
    pub name: Name,
    /// Written in Latin letters: English names are capitalised, which tells "May" the month
    /// from "may".
    pub latin: bool,
    /// An abbreviation ("Feb"), read only beside a day number.
    pub short: bool,
}

const WEEKDAYS_FROM_SUNDAY: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

static NAMES: LazyLock<FxHashMap<String, Named>> = LazyLock::new(|| {
    let mut names = FxHashMap::default();
    let add = |names: &mut FxHashMap<String, Named>, word: &str, name, latin, short| {
        let key: String = word
            .chars()
            .filter(|c| !frontline_gazetteer::fold::is_apostrophe(*c))
            .flat_map(char::to_lowercase)
            .collect();
        names.entry(key).or_insert(Named { name, latin, short });
    };
    let months = |list: &[&'static str]| list.iter().copied().zip(1u32..).collect::<Vec<_>>();
    for (word, m) in months(en_US::LC_TIME::MON) {
        add(&mut names, word, Name::Month(m), true, false);
    }
    for (word, m) in months(en_US::LC_TIME::ABMON) {
        add(&mut names, word, Name::Month(m), true, true);
    }
    // "Sept" is as common as "Sep" in news.
    add(&mut names, "Sept", Name::Month(9), true, true);
    for list in [
        uk_UA::LC_TIME::MON,
        uk_UA::LC_TIME::ALT_MON.unwrap_or_default(),
        ru_RU::LC_TIME::MON,
        ru_RU::LC_TIME::ALT_MON.unwrap_or_default(),
    ] {
        for (word, m) in months(list) {
            add(&mut names, word, Name::Month(m), false, false);
        }
    }
    for (list, latin) in [
        (en_US::LC_TIME::DAY, true),
        (uk_UA::LC_TIME::DAY, false),
        (ru_RU::LC_TIME::DAY, false),
    ] {
        for (word, day) in list.iter().zip(WEEKDAYS_FROM_SUNDAY) {
            add(&mut names, word, Name::Weekday(day), latin, false);
        }
    }
    // Ukrainian names in every case ("у квітні", "в середу").
    let lemmas: HashMap<String, Name> = names
        .iter()
        .filter(|(_, n)| !n.latin)
        .map(|(k, n)| (k.clone(), n.name))
        .collect();
    for (form, lemma) in frontline_schema::analysis::uk_forms() {
        if let Some(&name) = lemmas.get(lemma) {
            add(&mut names, form, name, false, false);
        }
    }
    names
});

/// Russian names in the cases the locale does not list ("в среду", "в марте"): matched by
/// their Snowball stem, as the search analyser stems Russian.
static RUSSIAN_STEMS: LazyLock<Vec<(String, Name)>> = LazyLock::new(|| {
    let months = ru_RU::LC_TIME::ALT_MON
        .unwrap_or_default()
        .iter()
        .zip(1u32..)
        .map(|(w, m)| (*w, Name::Month(m)));
    let days = ru_RU::LC_TIME::DAY
        .iter()
        .zip(WEEKDAYS_FROM_SUNDAY)
        .map(|(w, d)| (*w, Name::Weekday(d)));
    months
        .chain(days)
        .filter_map(|(w, n)| Some((frontline_schema::analysis::terms(w).pop()?, n)))
        // A stem of two letters ("ма" of "май") begins too many words to be worth it; the
        // locale lists those names' common forms.
        .filter(|(stem, _)| stem.chars().count() >= 3)
        .collect()
});

/// The first three letters of each of [`RUSSIAN_STEMS`], to skip most words at one lookup.
static RUSSIAN_STARTS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    RUSSIAN_STEMS
        .iter()
        .map(|(stem, _)| stem.chars().take(3).collect())
        .collect()
});

/// The month or weekday a word names.
pub fn named(t: &Token) -> Option<Named> {
    // Every name has three letters or more.
    if !t.is_word() || t.lower.len() < 3 {
        return None;
    }
    if let Some(n) = NAMES.get(t.lower.as_ref()) {
        return (!n.latin || t.capitalised()).then_some(*n);
    }
    // Stemming is dear: only words that begin like a Russian name and are no Ukrainian
    // word the dictionary knows.
    let first_three = t.lower.char_indices().nth(3).map_or(0, |(i, _)| i);
    if RUSSIAN_STARTS.contains(&t.lower[..first_three])
        && RUSSIAN_STEMS
            .iter()
            .any(|(stem, _)| t.lower.starts_with(stem.as_str()))
        && frontline_schema::analysis::uk_lemma(&t.lower).is_none()
    {
        let stem = frontline_schema::analysis::terms(&t.lower).pop()?;
        let (_, name) = RUSSIAN_STEMS.iter().find(|(s, _)| *s == stem)?;
        return Some(Named {
            name: *name,
            latin: false,
            short: false,
        });
    }
    None
}

/// Words other than month and weekday names a date phrase may begin with.
static OTHER_STARTS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    RELATIVE_DAYS
        .iter()
        .map(|(w, _)| *w)
        .chain(COUNT_WORDS.iter().map(|(w, _)| *w))
        .chain(["this", "last", "цієї", "минулої", "прошлой"])
        .collect()
});

/// Whether a word other than a month or weekday name may begin a date phrase: one lookup
/// that passes over most words of a text.
pub fn may_begin_a_date(word: &str) -> bool {
    OTHER_STARTS.contains(word)
}

const RELATIVE_DAYS: &[(&str, i64)] = &[
    ("today", 0),
    ("tonight", 0),
    ("сьогодні", 0),
    ("сегодня", 0),
    ("сьогоднішній", 0),
    ("сьогоднішнього", 0),
    ("сьогоднішньому", 0),
    ("сьогоднішня", 0),
    ("сьогоднішньої", 0),
    ("сьогоднішню", 0),
    ("сегодняшний", 0),
    ("сегодняшнего", 0),
    ("yesterday", -1),
    ("вчора", -1),
    ("учора", -1),
    ("вчера", -1),
    ("вчорашній", -1),
    ("вчорашнього", -1),
    ("tomorrow", 1),
    ("завтра", 1),
    ("позавчора", -2),
    ("позавчера", -2),
    ("післязавтра", 2),
    ("послезавтра", 2),
];

const COUNT_WORDS: &[(&str, i64)] = &[
    ("one", 1),
    ("один", 1),
    ("одна", 1),
    ("two", 2),
    ("два", 2),
    ("дві", 2),
    ("three", 3),
    ("три", 3),
    ("four", 4),
    ("чотири", 4),
    ("четыре", 4),
    ("five", 5),
    ("пять", 5),
    ("six", 6),
    ("шість", 6),
    ("шесть", 6),
    ("seven", 7),
    ("сім", 7),
    ("семь", 7),
];

/// Words a date phrase may begin with, as they may be written (a Ukrainian or Russian word
/// lowercase or capitalised; English names capitalised), and two-word phrases for words
/// too common alone ("this morning", "days ago").
pub fn trigger_words() -> Vec<String> {
    fn capitalised(w: &str) -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
    let mut out = Vec::new();
    let lower_words = NAMES
        .iter()
        .filter(|(_, n)| !n.latin)
        .map(|(w, _)| w.as_str())
        .chain(RELATIVE_DAYS.iter().map(|(w, _)| *w))
        .chain(RUSSIAN_STEMS.iter().map(|(stem, _)| stem.as_str()))
        .chain([
            "this morning",
            "this afternoon",
            "this evening",
            "last night",
            "цієї доби",
            "цієї ночі",
            "минулої ночі",
            "минулої доби",
            "прошлой ночью",
            "days ago",
            "day ago",
            "дні тому",
            "днів тому",
            "дня тому",
            "дня назад",
            "дней назад",
        ]);
    for w in lower_words {
        out.push(w.to_string());
        out.push(capitalised(w));
    }
    // English names are capitalised: "may" and "march" are words.
    out.extend(
        NAMES
            .iter()
            .filter(|(_, n)| n.latin)
            .map(|(w, _)| capitalised(w)),
    );
    out
}

/// Days counted from today by the word alone.
pub fn relative_day(word: &str) -> Option<i64> {
    RELATIVE_DAYS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, d)| *d)
}

/// Small counts written as words ("two days ago", "три дні тому").
pub fn count_word(word: &str) -> Option<i64> {
    COUNT_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
}

pub fn is_day_word(word: &str) -> bool {
    matches!(
        word,
        "day" | "days" | "день" | "дні" | "днів" | "дня" | "дней" | "доба" | "доби" | "діб"
    )
}

pub fn is_year_word(word: &str) -> bool {
    matches!(
        word,
        "year"
            | "years"
            | "рік"
            | "роки"
            | "років"
            | "року"
            | "год"
            | "года"
            | "лет"
            | "р"
    )
}

pub fn is_ago(word: &str) -> bool {
    matches!(word, "ago" | "тому" | "назад")
}

/// Ordinal suffixes after a number: "83rd", "18-й", "63-го".
pub fn is_ordinal_suffix(word: &str) -> bool {
    matches!(
        word,
        "st" | "nd" | "rd" | "th" | "й" | "го" | "ий" | "ого" | "му" | "ому" | "ій" | "ї"
    )
}

/// Words before a month that make it a time ("in March", "у березні", "наприкінці
/// лютого"); a bare "March" or "лютий" may be a verb or an adjective.
pub fn is_month_lead(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "of"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "through"
            | "throughout"
            | "у"
            | "в"
            | "з"
            | "із"
            | "до"
            | "від"
            | "на"
            | "наприкінці"
            | "початку"
            | "середині"
            | "кінці"
            | "кінця"
            | "минулого"
            | "цього"
            | "наступного"
            | "с"
            | "со"
            | "во"
            | "после"
            | "конце"
            | "начале"
    )
}

/// Words before a Cyrillic weekday that make it a day ("в середу", "минулої п'ятниці").
pub fn is_weekday_lead(word: &str) -> bool {
    matches!(
        word,
        "в" | "у"
            | "во"
            | "минулої"
            | "минулого"
            | "наступної"
            | "наступного"
            | "цієї"
            | "цього"
            | "прошлой"
            | "прошлую"
            | "следующей"
            | "следующую"
            | "этой"
            | "эту"
    )
}

/// Words before a relative day that make it something else: "not today" (a figure of
/// speech), "a successful tomorrow", "than today", "until today" (nowadays).
pub fn blocks_relative(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "a"
            | "an"
            | "the"
            | "of"
            | "than"
            | "until"
            | "till"
            | "не"
            | "ні"
            | "до"
            | "на"
            | "чем"
            | "ніж"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    /// Happening as the words are written: "I am announcing".
    Now,
    /// A present form: habitual, or (for perfective verbs) to come; it does not date
    /// "today", but points a weekday forward ("в середу відбудеться").
    Present,
    Future,
}

const IRREGULAR_PAST: &[&str] = &[
    "was", "were", "had", "did", "made", "took", "began", "met", "held", "spoke", "said", "told",
    "gave", "came", "went", "saw", "brought", "sent", "left", "led", "won", "lost", "fought",
    "struck", "shot", "fled", "thought", "felt", "kept", "paid", "ran", "wrote", "became", "chose",
    "drove", "flew", "grew", "knew", "rose", "stood", "sold", "bought", "caught", "found", "heard",
    "meant", "built", "spent", "broke", "fell", "got", "sought", "shook", "sank", "withdrew",
];

/// Past participles that date a clause only after "has" or "have".
const PARTICIPLES: &[&str] = &["taken", "given", "seen", "done", "been", "spoken", "begun"];

/// Words ending in "-ed" that are not past verbs.
const NOT_PAST: &[&str] = &[
    "indeed", "hundred", "united", "armed", "need", "speed", "seed", "feed", "bleed", "breed",
];

/// Words after which an "-ed" word describes a noun ("this unprovoked war").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my",
    "your", "every", "each",
];

/// The tense the word at `k` gives its clause, if any.
pub fn tense(toks: &[Token], k: usize) -> Option<Tense> {
    let t = toks.get(k)?;
    if !t.is_word() {
        return None;
    }
    let w = t.lower.as_ref();
    if t.cyrillic() {
        return cyrillic_tense(w);
    }
    let word = |i: usize| {
        toks.get(i)
            .filter(|n| n.is_word())
            .map(|n| n.lower.as_ref())
    };
    let (next, after) = (word(k + 1), word(k + 2));
    let ing = |w: Option<&str>| w.is_some_and(|n| n.ends_with("ing") && n.len() > 5);
    let before = k.checked_sub(1).and_then(word);
    match w {
        "will" | "shall" | "ll" | "scheduled" | "planned" | "upcoming" => Some(Tense::Future),
        "going" if next == Some("to") => Some(Tense::Future),
        // "in February we can have": not done yet, perhaps to come.
        "can" | "may" | "might" | "must" | "should" => Some(Tense::Present),
        // "I am announcing", "I am also announcing"
        "am" | "is" | "are" if ing(next) || ing(after) => Some(Tense::Now),
        // "has been considering": still going on.
        "has" | "have" if next == Some("been") && ing(after) => Some(Tense::Now),
        "has" | "have" if next.is_some_and(|n| past_word(n) || PARTICIPLES.contains(&n)) => {
            Some(Tense::Past)
        }
        // "a war started by Russia", "this unprovoked war" describe, they do not date.
        _ if past_word(w)
            && next != Some("by")
            && !before.is_some_and(|b| DETERMINERS.contains(&b)) =>
        {
            Some(Tense::Past)
        }
        _ => None,
    }
}

fn past_word(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w) || (w.len() >= 5 && w.ends_with("ed") && !NOT_PAST.contains(&w))
}

/// Ukrainian and Russian verbs by their endings, checked against the lemma where the
/// dictionary knows the word (an infinitive lemma makes it a verb).
fn cyrillic_tense(w: &str) -> Option<Tense> {
    if matches!(
        w,
        "буде"
            | "будуть"
            | "буду"
            | "будемо"
            | "будете"
            | "будеш"
            | "будет"
            | "будут"
    ) || w.starts_with("запланован")
        || w.starts_with("запланирован")
        || ["тиме", "тимуть", "тиму", "тимемо", "тимете", "тимеш"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        return Some(Tense::Future);
    }
    let lemma = frontline_schema::analysis::uk_lemma(w);
    let known_verb = lemma.is_some_and(|l| {
        ["ти", "тися", "тись", "чи", "чися"]
            .iter()
            .any(|e| l.ends_with(e))
    });
    // An infinitive ("вдячний за честь виступити сьогодні"): something done today.
    if lemma.is_none()
        && w.chars().count() >= 5
        && ["ти", "тися", "тись"].iter().any(|e| w.ends_with(e))
    {
        return Some(Tense::Now);
    }
    // A word the dictionary does not know (Russian, or rare) is read by its ending alone,
    // long words only.
    if !known_verb && (lemma.is_some() || w.chars().count() < 5) {
        return None;
    }
    const PAST: &[&str] = &[
        "в", "ла", "ло", "ли", "вся", "лася", "лося", "лися", "лась", "лось", "лись", "лся",
    ];
    const NON_PAST: &[&str] = &[
        "ться", "ю", "ємо", "ете", "еш", "е", "є", "ить", "ать", "ять", "уть", "ють", "имо", "ите",
        "иш",
    ];
    if PAST.iter().any(|e| w.ends_with(e)) {
        Some(Tense::Past)
    } else if known_verb && NON_PAST.iter().any(|e| w.ends_with(e)) {
        Some(Tense::Present)
    } else {
        None
    }
}
