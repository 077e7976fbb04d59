//! The words dates are written with: month and weekday names in English, Ukrainian and
//! Russian (glibc's locale tables, every Ukrainian case form from the VESUM lemma table),
//! days named relative to today, and the tense of the words around them.

use std::collections::HashMap;
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

static NAMES: LazyLock<HashMap<String, Named>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    let add = |names: &mut HashMap<String, Named>, word: &str, name, latin, short| {
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
        .collect()
});

/// The month or weekday a word names.
pub fn named(t: &Token) -> Option<Named> {
    if !t.is_word() {
        return None;
    }
    if let Some(n) = NAMES.get(&t.lower) {
        return (!n.latin || t.capitalised()).then_some(*n);
    }
    if t.cyrillic() && t.lower.chars().count() >= 3 {
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

/// Days counted from today by the word alone.
pub fn relative_day(word: &str) -> Option<i64> {
    Some(match word {
        "today"
        | "tonight"
        | "сьогодні"
        | "сегодня"
        | "сьогоднішній"
        | "сьогоднішнього"
        | "сьогоднішньому"
        | "сьогоднішня"
        | "сьогоднішньої"
        | "сьогоднішню"
        | "сегодняшний"
        | "сегодняшнего" => 0,
        "yesterday" | "вчора" | "учора" | "вчера" | "вчорашній" | "вчорашнього" => {
            -1
        }
        "tomorrow" | "завтра" => 1,
        "позавчора" | "позавчера" => -2,
        "післязавтра" | "послезавтра" => 2,
        _ => return None,
    })
}

/// Small counts written as words ("two days ago", "три дні тому").
pub fn count_word(word: &str) -> Option<i64> {
    Some(match word {
        "one" | "один" | "одна" => 1,
        "two" | "два" | "дві" => 2,
        "three" | "три" => 3,
        "four" | "чотири" | "четыре" => 4,
        "five" | "пять" => 5,
        "six" | "шість" | "шесть" => 6,
        "seven" | "сім" | "семь" => 7,
        _ => return None,
    })
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
    let w = t.lower.as_str();
    if t.cyrillic() {
        return cyrillic_tense(w);
    }
    let word = |i: usize| {
        toks.get(i)
            .filter(|n| n.is_word())
            .map(|n| n.lower.as_str())
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
