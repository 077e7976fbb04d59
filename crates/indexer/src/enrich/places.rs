//! Geoparsing: which places an article mentions, and which it is about.
//!
//! Recognition is the gazetteer's matcher; this module decides what each match means.
//! Many names are shared (74 villages are called Andriivka), so a mention is resolved by
//! context: regions the article names, distance to places it names unambiguously, and the
//! population prior. A mention that context cannot decide is left out rather than guessed.
//! Precision filters drop names used as people, governments ("Kyiv said"), organisations
//! and streets.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use frontline_gazetteer::fold::{self, Folded, fold, fold_key};
use frontline_gazetteer::{FormKind, Gazetteer, Mention, Place, PlaceKind, matcher, people};
use frontline_schema::StoredPlace;
use regex::Regex;

static HONORIFIC_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?:Mr|Mrs|Ms|Dr|President|Gen|General|Col|Colonel|Minister|Governor|Mayor|Commander|Lieutenant|Sergeant|Captain|Major|Senator|Ambassador|Spokesman|Spokeswoman|Pope|Saint|St)\.?|пан|пані)\s+$")
        .expect("valid regex")
});

/// What follows a place name when the name is part of something else.
static NOT_A_PLACE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s-]+(?:University|Agreements?|Accords?|Protocols?|Format|Battalion|Brigade|Regiment|Division|Corps|Street|Avenue|Highway|Boulevard|Square|Way|Road|Reservoir|River|Sea|Strait|Gulf|Bay|Lake|Declaration|Summit|Platform|Group|Club|Oblenergo|special\s+operations|detachment)\b")
        .expect("valid regex")
});

/// A capital standing for its government: "Kyiv said", "Kyiv's allies".
static GOVERNMENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:['’]s)?\s+["“]?(?:said|says|has|have|had|will|would|wants|wanted|insists|insisted|claims|claimed|denied|denies|accused|accuses|announced|believes|believed|hopes|fears|needs|must|should|refused|refuses|rejected|agreed|accepted|argued|argues|proposed|proposes|offered|expects|expected|warned|warns|asked|asks|sought|seeks|welcomed|condemned|admitted|confirmed|considers|responded|government|authorities|officials|leaders|leadership|regime|allies|partners|backers|ability|request|position|bid|intends|handling|struggling|strategy|decision|decisions|response|efforts|plans|demands|stance|refusal|readiness|willingness|commitment|capacity|capabilities|could|can|did|does|control|forces|army|troops|military|counteroffensive|offensive|defences|defenses|on the defensive|on the back foot)\b"#)
        .expect("valid regex")
});

static GOVERNMENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:pressure on|support for|aid to|weapons to|ties with|relations with|talks with|negotiations with|discussions with|deal with|agreement with|option for|options for|allies of|backing|supporting|arming|help|helping|sanctions against|demands of|message to|reassure|reassured|urged|urging|presses|pressed|pressing|pushes|pushing|persuade|convince|warning to|warnings to|signal to|ultimatum to|concessions from|critical of|critics of|criticism of|on the side of|sided with|side with|between Moscow and|between Washington and)\s+$")
        .expect("valid regex")
});

/// Words that may stand before a name capitalised without being part of it.
const OPEN_WORDS: &[&str] = &[
    "In",
    "On",
    "At",
    "From",
    "To",
    "Near",
    "Of",
    "And",
    "Or",
    "The",
    "For",
    "By",
    "With",
    "Into",
    "Outside",
    "Around",
    "Towards",
    "Toward",
    "Liberated",
    "Occupied",
    "Southern",
    "Northern",
    "Eastern",
    "Western",
    "Central",
    "Ukrainian",
    "Russian",
    "Ukraine",
    "Russia",
    "Both",
    "About",
    "Over",
    "Under",
    "After",
    "Before",
    "Across",
    "Through",
    "Beyond",
    "Between",
    "Via",
    "Greater",
    "Downtown",
    "Besieged",
    "Embattled",
    "Battered",
    "Frontline",
    "Front-line",
    "Eastern-Ukrainian",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn prev_word(text: &str, start: usize) -> Option<(&str, bool)> {
    let before = &text[..start];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() + 1 != before.len() {
        return None; // not separated by exactly one space
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '-' && *c != '\'' && *c != '’')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    let sentence_start = trimmed[..word_start].trim_end().is_empty()
        || trimmed[..word_start]
            .trim_end()
            .ends_with(['.', '!', '?', '\n', ':', '"', '“', '«', '—', '–', '-', '(']);
    Some((word, sentence_start))
}

/// An institution "of" a city is an organisation's name: "National University of Kyiv".
static INSTITUTION_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:University|Academy|Institute|Conservatory|Patriarchate|Metropolis|Metropolitan|Archbishop|Bishop|Diocese|Eparchy|Sea|Gulf|Strait|Bay)\s+of\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Names in a list of streets are streets: "the streets of Culture, Shevchenko and Darwin",
/// "по вулицях Культури, Шевченка та Дарвіна". Group 1 is the list's first item: when it is
/// a place ("the streets of Kyiv and Kharkiv"), the list is of places.
static STREETS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?i:\bstreets?\s+of|\bavenues?\s+of|\bвулиц\p{L}*|\bвул\.|\bпроспект\p{L}*|\bпровул\p{L}*|\bулиц\p{L}*|\bул\.))\s+(\p{Lu}[\p{L}'’-]*)(?:,\s*|\s+(?:and|та|і|й|и)\s+)(?:\p{Lu}[\p{L}'’-]*(?:,\s*|\s+(?:and|та|і|й|и)\s+))*$")
        .expect("valid regex")
});

fn in_street_list(before: &str, gaz: &Gazetteer) -> bool {
    let window = before.char_indices().rev().nth(80).map_or(0, |(i, _)| i);
    STREETS_BEFORE
        .captures(&before[window..])
        .and_then(|c| c.get(1))
        .is_some_and(|first| gaz.matcher().lookup(first.as_str()).is_empty())
}

/// A name in straight or curly double quotes is a unit's, a ship's or a brand's ("Azov").
fn quoted(before: &str, after: &str) -> bool {
    before.ends_with(['"', '“', '„']) && after.starts_with(['"', '”', '“'])
}

/// Ukrainian and Russian words that a case ending turns into a settlement's name: the
/// country's demonyms and adjectives ("Українці", "Українська" → Ukrainka, Ukrainsk) and
/// pronouns ("Мені" → Mena). Compared folded, as whole words.
const COMMON_WORD_STEMS: &[&str] = &["україн", "украин", "росі", "росси", "русск"];
const COMMON_WORDS: &[&str] = &[
    "мені", "мене", "мною", "мне", "меня", "нам", "нас", "нами", "вам", "вас", "вами", "тому",
    "тим", "цим", "там", "тут",
];

fn is_common_word(surface: &str) -> bool {
    let folded = surface.to_lowercase().replace(['’', '\'', 'ʼ'], "");
    COMMON_WORDS.contains(&folded.as_str())
        || COMMON_WORD_STEMS.iter().any(|s| folded.starts_with(s))
}

/// Inside «…»: in Ukrainian and Russian text the name of an award, unit, ship or
/// organisation («Золота Зірка», «Азов»), not a place.
fn in_guillemets(before: &str) -> bool {
    let near = before
        .char_indices()
        .rev()
        .nth(80)
        .map_or(before, |(i, _)| &before[i..]);
    match (near.rfind('«'), near.rfind('»')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// What the text around a mention makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Place,
    NotPlace,
    /// A surname ("Ihor Zhovkva", "Mr Zhovkva"): not a place here, nor where the same
    /// name stands alone later in the document.
    Surname,
}

/// A facility named after a place is not that place: "Zaporizhzhia nuclear power plant"
/// stands 50 km from Zaporizhzhia, "Kursk submarine", "Запорізька АЕС".
static FACILITY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s-]+(?:(?i:nuclear|NPP|N\.P\.P|(?:thermal\s+|hydroelectric\s+|hydro\s+|coal\s+)?power\s+(?:plant|station)s?|TPP|HPP|CHP|hydroelectric|hydropower|(?:steel|iron|metallurgical|chemical|coke|tractor|aircraft|aviation|machine-building|armou?red)\s+(?:plant|works|factory)|steel\s*works|refinery|airport|air\s*base|airfield|dam|bridge|(?:railway|train|rail|bus)\s+station|station|submarine|cruiser|frigate|corvette|warship|landing\s+ship|disaster|accident|catastrophe)|АЕС|АЭС|ГЕС|ГЭС|ГАЕС|ТЕС|ТЭС|ТЕЦ|ТЭЦ|атомн\p{L}*|гідроелектростанц\p{L}*|електростанц\p{L}*|электростанц\p{L}*|металургійн\p{L}*|металлургическ\p{L}*|аеропорт\p{L}*|аэропорт\p{L}*|аеродром\p{L}*|аэродром\p{L}*|вокзал\p{L}*)\b")
        .expect("valid regex")
});

/// "Volodymyr the Great": an epithet after a given name makes it a ruler's.
static EPITHET_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+the\s+\p{Lu}").expect("valid regex"));

/// "… and Olena Zelenskyy": a second given name (group 1) and the surname both share.
static COUPLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:and|та|і|й|и)\s+(\p{Lu}\p{L}+)\s+\p{Lu}").expect("valid regex")
});

/// A role or title right before a name makes the name a person's: "deputy head Zhovkva",
/// "spokesman Peskov".
static ROLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:adviser|advisor|aide|spokesman|spokeswoman|spokesperson|deputy|ombudsman|commissioner|envoy|minister|governor|mayor|commander|colleague|journalist|correspondent|photographer|blogger|activist|lawyer|head|chief|secretary|speaker|chairman|chairwoman|radnyk|радник|радниця|речник|заступник|заступниця|голова|керівник|міністр|уповноважен\p{L}*|советник|пресс-секретарь|заместитель|министр)\s+$")
        .expect("valid regex")
});

/// Joined by a hyphen to a capitalised word that names no place: a double surname
/// (Lvova-Belova) or a compound name, not the place.
fn in_hyphenated_name(text: &str, m: &Mention, gaz: &Gazetteer) -> bool {
    let word_after = text[m.end..].strip_prefix('-').map(|rest| {
        let end = rest
            .find(|c: char| !c.is_alphanumeric() && !fold::is_apostrophe(c))
            .unwrap_or(rest.len());
        &rest[..end]
    });
    let word_before = text[..m.start].strip_suffix('-').map(|rest| {
        let start = rest
            .rfind(|c: char| !c.is_alphanumeric() && !fold::is_apostrophe(c))
            .map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            });
        &rest[start..]
    });
    [word_after, word_before].into_iter().flatten().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && gaz.matcher().lookup(w).is_empty()
    })
}

/// The word right before `start` is a preposition of place that rarely stands before a
/// person ("in Zhovkva", "у Жовкві"): the name is a place whatever else it names in the
/// document.
fn after_locative(text: &str, start: usize) -> bool {
    static LOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:in|near|outside|around|towards|toward|у|в|біля|під|поблизу|около|под)\s+$",
        )
        .expect("valid regex")
    });
    let window = text[..start]
        .char_indices()
        .rev()
        .nth(12)
        .map_or(0, |(i, _)| i);
    LOCATIVE.is_match(&text[window..start])
}

/// The words a document writes in lowercase: a capitalised word it also writes in
/// lowercase ("Тому", "The") is a common word at the start of a sentence, not a name.
struct Vocabulary<'a> {
    body: &'a str,
    lowercase: OnceCell<HashSet<String>>,
}

impl<'a> Vocabulary<'a> {
    fn new(body: &'a str) -> Vocabulary<'a> {
        Vocabulary {
            body,
            lowercase: OnceCell::new(),
        }
    }

    fn has_lowercase(&self, word: &str) -> bool {
        self.lowercase
            .get_or_init(|| {
                self.body
                    .split(|c: char| !c.is_alphanumeric() && !fold::is_apostrophe(c))
                    .filter(|w| w.starts_with(char::is_lowercase))
                    .map(str::to_string)
                    .collect()
            })
            .contains(&word.to_lowercase())
    }

    /// A given name, not a common word written with a capital.
    fn is_given_name(&self, word: &str) -> bool {
        people::is_given_name(word) && !self.has_lowercase(word)
    }
}

/// Reads one candidate from the surrounding text. `regions_at` holds where mentions
/// naming a region start: "Лисичанську Луганської області" is a town and its oblast, not a
/// two-word name.
fn reading(
    text: &str,
    m: &Mention,
    gaz: &Gazetteer,
    in_body: bool,
    regions_at: &HashSet<usize>,
    vocabulary: &Vocabulary,
) -> Reading {
    let before = &text[..m.start];
    let after = &text[m.end..];
    let window_start = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let names_only = m.candidates.iter().all(|c| !c.form.names_region());
    if FACILITY_AFTER.is_match(after) || INSTITUTION_OF.is_match(&before[window_start..]) {
        return Reading::NotPlace;
    }
    if HONORIFIC_BEFORE.is_match(&before[window_start..])
        || names_only && ROLE_BEFORE.is_match(&before[window_start..])
    {
        return Reading::Surname;
    }
    if names_only
        && (is_common_word(&text[m.start..m.end])
            || in_guillemets(before)
            || quoted(before, after)
            || in_street_list(before, gaz)
            || in_hyphenated_name(text, m, gaz))
    {
        return Reading::NotPlace;
    }
    if NOT_A_PLACE_AFTER.is_match(after) {
        return Reading::NotPlace;
    }
    if names_only
        && EPITHET_AFTER.is_match(after)
        && vocabulary.is_given_name(&text[m.start..m.end])
    {
        return Reading::NotPlace;
    }
    // "Volodymyr and Olena Zelenskyy": given names joined before one surname.
    if names_only
        && let Some(partner) = COUPLE_AFTER.captures(after).and_then(|c| c.get(1))
        && vocabulary.is_given_name(partner.as_str())
        && vocabulary.is_given_name(&text[m.start..m.end])
    {
        return Reading::NotPlace;
    }
    if let Some((word, sentence_start)) = prev_word(text, m.start)
        && names_only
        && word.chars().next().is_some_and(char::is_uppercase)
    {
        // "Ihor Zhovkva": a given name before a name makes it a surname, even at the
        // start of a sentence.
        if vocabulary.is_given_name(word) {
            return Reading::Surname;
        }
        // "Bohdan Krotevych": a capitalised word glued before a name makes it a person's
        // name, unless that word starts the sentence or is a known opener.
        if !sentence_start && !OPEN_WORDS.contains(&word) && gaz.matcher().lookup(word).is_empty() {
            return Reading::NotPlace;
        }
    }
    // "Volodymyr Zelensky", "Kharkiv Tractor Plant": a name glued to a capitalised word
    // after it is part of a longer name.
    let next_capitalised = after.strip_prefix(' ').is_some_and(|rest| {
        !regions_at.contains(&(m.end + 1))
            && rest.chars().next().is_some_and(char::is_uppercase)
            && !rest.starts_with(|c: char| {
                c.is_uppercase() && rest.split_whitespace().next().is_some_and(|w| w.len() <= 1)
            })
    });
    // In a title every word may be capitalised, but a given name before a capital is
    // still a person's, unless a preposition of place stands before it.
    if names_only
        && next_capitalised
        && (in_body
            || vocabulary.is_given_name(&text[m.start..m.end]) && !after_locative(text, m.start))
    {
        return Reading::NotPlace;
    }
    let capital = m
        .candidates
        .iter()
        .any(|c| gaz.place(c.place).feature == "PPLC");
    if capital
        && (GOVERNMENT_AFTER.is_match(after) || GOVERNMENT_BEFORE.is_match(&before[window_start..]))
    {
        return Reading::NotPlace;
    }
    Reading::Place
}

/// Which mentions are places: those read as places, less those that repeat a name the
/// document uses as a surname ("Ihor Zhovkva … Zhovkva said"). A name the document also
/// puts after a preposition of place ("in Zhovkva") is a place wherever it stands alone,
/// and so is a regional or national capital: their names alone mean the city.
fn kept_as_places(gaz: &Gazetteer, read: &[(&Mention, Reading, &str)]) -> Vec<bool> {
    let name_places = |m: &Mention| -> Vec<u32> {
        m.candidates
            .iter()
            .filter(|c| c.form == FormKind::Name)
            .map(|c| c.place)
            .collect()
    };
    let surnames: HashSet<u32> = read
        .iter()
        .filter(|(_, r, _)| *r == Reading::Surname)
        .flat_map(|(m, _, _)| name_places(m))
        .filter(|&p| !matches!(gaz.place(p).feature.as_str(), "PPLA" | "PPLC"))
        .collect();
    if surnames.is_empty() {
        return read.iter().map(|&(_, r, _)| r == Reading::Place).collect();
    }
    let located: HashSet<u32> = read
        .iter()
        .filter(|&&(m, _, text)| after_locative(text, m.start))
        .flat_map(|(m, _, _)| name_places(m))
        .collect();
    read.iter()
        .map(|&(m, r, _)| {
            let places = name_places(m);
            let repeats_surname = m.candidates.iter().all(|c| !c.form.names_region())
                && !places.is_empty()
                && places
                    .iter()
                    .all(|p| surnames.contains(p) && !located.contains(p));
            r == Reading::Place && !repeats_surname
        })
        .collect()
}

/// The region a "X and Y regions" list turns a city name into.
static LIST_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*|\s+та\s+|\s+і\s+|\s+й\s+|\s+и\s+)$")
        .expect("valid regex")
});

/// A joiner that ends a list ("…, Kherson and Zaporizhzhia regions").
static LIST_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\band|&|\bта|\bі|\bй|\bи)\s+$").expect("valid regex"));

/// A region form in the plural names a list by itself: "Kharkiv, Sumy regions".
static PLURAL_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:regions|oblasts|provinces|областях|областей|областями|областям)$")
        .expect("valid regex")
});

/// A settlement mention followed by where it is: "Lysychansk, Luhansk region",
/// "Bohdanivka in the Mykolaiv region", "Лисичанську Луганської області".
static WHERE_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|,\s*|\s+in\s+(?:the\s+)?|\s+\(|\s+у\s+|\s+в\s+)$").expect("valid regex")
});

/// Between a district and the city it belongs to: "Дніпровському районі Києва",
/// "Podilskyi district of Kyiv".
static DISTRICT_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s+|\s+of\s+(?:the\s+)?|\s+in\s+)$").expect("valid regex"));

/// A possessive between a city and its district: "Kyiv's Podilskyi district".
static POSSESSIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^['’]s\s+$").expect("valid regex"));

/// "cities", "city" just before a pair of capitals: the pair means the cities.
static CITY_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcit(?:y|ies)\b|\bміст|\bгород").expect("valid regex"));

struct Resolved {
    place: u32,
    reason: String,
}

/// The names among `keys` (folded) that `body` also uses as lowercase words: common words
/// that happen to name a village.
fn lowercase_in<'k>(body: &Folded, keys: HashSet<&'k str>) -> HashSet<&'k str> {
    // One pass over the body's fold: a word that does not start at a capitalised word is a
    // lowercase one, and folded words compare with the folded keys as they are.
    let (shortest, longest) = keys.iter().fold((usize::MAX, 0), |(lo, hi), k| {
        (lo.min(k.len()), hi.max(k.len()))
    });
    let text = body.text.as_str();
    let mut found = HashSet::new();
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(at) = word_start.take() else {
            continue;
        };
        if (shortest..=longest).contains(&(i - at))
            && let Some(&key) = keys.get(&text[at..i])
            && body.capitals.binary_search(&at).is_err()
        {
            found.insert(key);
        }
    }
    found
}

/// Tags the places of one document. Spans refer to `body`.
pub fn tag(gaz: &Gazetteer, title: Option<&str>, body: &str) -> Vec<StoredPlace> {
    let vocabulary = Vocabulary::new(body);
    let find =
        |text: &str, folded: &Folded| -> Vec<Mention> { gaz.matcher().find_folded(text, folded) };
    let read = |text: &'_ str, mentions: &[Mention], in_body: bool| -> Vec<Reading> {
        let regions_at: HashSet<usize> = mentions
            .iter()
            .filter(|m| {
                m.candidates
                    .iter()
                    .any(|c| matches!(c.form, FormKind::RegionForm | FormKind::Raion(_)))
            })
            .map(|m| m.start)
            .collect();
        mentions
            .iter()
            .map(|m| reading(text, m, gaz, in_body, &regions_at, &vocabulary))
            .collect()
    };
    let body_folded = fold(body);
    let title_text = title.unwrap_or("");
    let body_found = find(body, &body_folded);
    let title_found = find(title_text, &fold(title_text));
    let body_read = read(body, &body_found, true);
    let title_read = read(title_text, &title_found, false);
    // (mention, is_title, its text) in one list so resolution sees all context.
    let read_all: Vec<(&Mention, Reading, &str)> = body_found
        .iter()
        .zip(body_read)
        .map(|(m, r)| (m, r, body))
        .chain(
            title_found
                .iter()
                .zip(title_read)
                .map(|(m, r)| (m, r, title_text)),
        )
        .collect();
    let keep = kept_as_places(gaz, &read_all);
    let all: Vec<(&Mention, bool, &str)> = read_all
        .iter()
        .zip(keep)
        .enumerate()
        .filter(|(_, (_, keep))| *keep)
        .map(|(i, (&(m, _, text), _))| (m, i >= body_found.len(), text))
        .collect();
    let mut resolved: Vec<Option<Resolved>> = all.iter().map(|_| None).collect();

    // "Дніпровському районі Києва", "Kyiv's Podilskyi district": a city's district that
    // shares its name with a raion is neither that raion nor its oblast.
    let big_city = |m: &Mention| {
        m.candidates
            .iter()
            .any(|c| c.form == FormKind::Name && gaz.place(c.place).population >= 100_000)
    };
    let city_district: Vec<bool> = (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            if !m
                .candidates
                .iter()
                .any(|c| matches!(c.form, FormKind::Raion(_)))
            {
                return false;
            }
            let city_after = all.get(i + 1).is_some_and(|&(next, next_title, _)| {
                next_title == title
                    && DISTRICT_OF.is_match(&text[m.end..next.start])
                    && big_city(next)
            });
            let city_before = i > 0 && {
                let (prev, prev_title, _) = all[i - 1];
                prev_title == title
                    && prev.end <= m.start
                    && POSSESSIVE.is_match(&text[prev.end..m.start])
                    && big_city(prev)
            };
            city_after || city_before
        })
        .collect();

    // Pass 1: regions named as regions.
    for (i, (m, _, text)) in all.iter().enumerate() {
        if city_district[i] {
            continue;
        }
        if let Some(c) = m.candidates.iter().find(|c| c.form.names_region()) {
            let how = match c.form {
                FormKind::RegionForm => "named as a region",
                FormKind::Raion(_) => "a raion of it named",
                _ => "region name",
            };
            resolved[i] = Some(Resolved {
                place: c.place,
                reason: format!("{how}: {:?}", &text[m.start..m.end]),
            });
        }
    }
    // "Kharkiv and Donetsk regions", "у Київській, Харківській та Луганській областях":
    // names listed before a region form are regions too, when the form is plural or the
    // list ends with a conjunction ("Kyiv, Chernihiv region, Sumy region" lists places).
    for i in 0..all.len() {
        let Some(anchor) = resolved[i].as_ref().map(|r| r.place) else {
            continue;
        };
        let (am, _, atext) = all[i];
        let raion = am
            .candidates
            .iter()
            .any(|c| matches!(c.form, FormKind::Raion(_)));
        if gaz.place(anchor).kind != PlaceKind::Region || raion {
            continue;
        }
        let plural = PLURAL_REGION.is_match(&atext[am.start..am.end]);
        let mut j = i;
        while j > 0 {
            let (prev, prev_title, text) = all[j - 1];
            let (cur, cur_title, _) = all[j];
            if prev_title != cur_title || resolved[j - 1].is_some() {
                break;
            }
            let joiner = &text[prev.end..cur.start];
            if !LIST_JOINER.is_match(joiner) {
                break;
            }
            if j == i && !plural && !LIST_END.is_match(joiner) {
                break;
            }
            let Some((region, how)) = listed_region(gaz, prev) else {
                break;
            };
            // "Kyiv and Kyiv region": the city and its oblast.
            if region == anchor {
                break;
            }
            resolved[j - 1] = Some(Resolved {
                place: region,
                reason: how.into(),
            });
            j -= 1;
        }
        // "Харківська область, Донецька, Луганська": adjectives after the noun.
        let mut j = i;
        while j + 1 < all.len() {
            let (cur, cur_title, text) = all[j];
            let (next, next_title, _) = all[j + 1];
            let adjective = next
                .candidates
                .iter()
                .find(|c| c.form == FormKind::RegionAdj);
            let Some(adjective) = adjective.filter(|_| {
                cur_title == next_title
                    && resolved[j + 1].is_none()
                    && LIST_JOINER.is_match(&text[cur.end..next.start])
            }) else {
                break;
            };
            resolved[j + 1] = Some(Resolved {
                place: adjective.place,
                reason: "region adjective listed with regions".into(),
            });
            j += 1;
        }
    }
    // "Donetsk and Luhansk": the two Donbas capitals paired name their oblasts, unless
    // the text says it means the cities.
    for i in 1..all.len() {
        let ((a, a_title, text), (b, b_title, _)) = (all[i - 1], all[i]);
        if a_title != b_title
            || resolved[i - 1].is_some()
            || resolved[i].is_some()
            || !LIST_JOINER.is_match(&text[a.end..b.start])
        {
            continue;
        }
        let (Some(ra), Some(rb)) = (donbas_region(gaz, a), donbas_region(gaz, b)) else {
            continue;
        };
        let before = &text[..a.start];
        let near = before
            .char_indices()
            .rev()
            .nth(40)
            .map_or(before, |(k, _)| &before[k..]);
        if ra == rb || CITY_CUE.is_match(near) {
            continue;
        }
        for (k, region) in [(i - 1, ra), (i, rb)] {
            resolved[k] = Some(Resolved {
                place: region,
                reason: "Donetsk and Luhansk paired: the two oblasts".into(),
            });
        }
    }
    // Where the document names each region: its code and body offset (none in the title).
    let named_regions: Vec<(&str, Option<usize>)> = (0..all.len())
        .filter_map(|i| {
            let p = gaz.place(resolved[i].as_ref()?.place);
            let (m, in_title, _) = all[i];
            (p.kind == PlaceKind::Region)
                .then_some((p.admin1.as_str(), (!in_title).then_some(m.start)))
        })
        .collect();
    // "Lysychansk, Luhansk region": a region named right after a settlement says where
    // that settlement is.
    let local_region: Vec<Option<&str>> = (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            let (next, next_title, _) = *all.get(i + 1)?;
            let r = resolved[i + 1].as_ref()?;
            let region = gaz.place(r.place);
            let named = next
                .candidates
                .iter()
                .any(|c| c.form == FormKind::RegionForm && c.place == r.place);
            (named && title == next_title && WHERE_JOINER.is_match(&text[m.end..next.start]))
                .then_some(region.admin1.as_str())
        })
        .collect();

    // Raions the document names, with their body offsets, and the raion named right after
    // a mention ("Andriivka, Bakhmut district", "Андріївка Бахмутського району").
    let raion_of = |i: usize| {
        if city_district[i] {
            return None;
        }
        all[i].0.candidates.iter().find_map(|c| match c.form {
            FormKind::Raion(r) => Some(r),
            _ => None,
        })
    };
    let named_raions: Vec<(u16, Option<usize>)> = (0..all.len())
        .filter_map(|i| Some((raion_of(i)?, (!all[i].1).then_some(all[i].0.start))))
        .collect();
    let local_raion: Vec<Option<u16>> = (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            let (next, next_title, _) = *all.get(i + 1)?;
            let r = raion_of(i + 1)?;
            (title == next_title && WHERE_JOINER.is_match(&text[m.end..next.start])).then_some(r)
        })
        .collect();

    // Pass 2: settlements. Candidates a few km apart with one name are one place twice.
    let settlement_candidates = |m: &Mention| -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for c in m.candidates.iter().filter(|c| c.form == FormKind::Name) {
            let p = gaz.place(c.place);
            if let Some(k) = out.iter().position(|&o| gaz.place(o).distance_km(p) < 5.0) {
                if p.population > gaz.place(out[k]).population {
                    out[k] = c.place;
                }
            } else {
                out.push(c.place);
            }
        }
        out
    };
    // Mentions still open for a settlement, with their candidates: computed once for the
    // unique-name pass and the two scoring rounds below.
    let keys: Vec<(usize, String)> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| resolved[*i].is_none())
        .map(|(i, (m, _, text))| (i, fold_key(&text[m.start..m.end])))
        .collect();
    let common = lowercase_in(&body_folded, keys.iter().map(|(_, k)| k.as_str()).collect());
    // Of villages that answer to a name, those whose current name it is (not an old or
    // alternate one) are likelier meant: marked only where the candidates differ in that.
    let current_name = |key: &str, cands: &[u32]| -> Vec<bool> {
        let own: Vec<bool> = cands
            .iter()
            .map(|&c| {
                let p = gaz.place(c);
                matcher::is_case_form(key, &p.name) || matcher::is_case_form(key, &p.name_uk)
            })
            .collect();
        let mixed = own.contains(&true) && own.contains(&false);
        own.into_iter().map(|o| mixed && o).collect()
    };
    let open: Vec<(usize, Vec<u32>, Vec<bool>)> = keys
        .iter()
        .filter(|(_, key)| !common.contains(key.as_str()))
        .map(|(i, key)| {
            let cands = settlement_candidates(all[*i].0);
            let current = current_name(key, &cands);
            (*i, cands, current)
        })
        .collect();
    let at = |i: usize| (!all[i].1).then_some(all[i].0.start);
    let mut anchors: Vec<(u32, Option<usize>)> = Vec::new();
    for (i, cands, _) in &open {
        let i = *i;
        if let [only] = cands[..] {
            let p = gaz.place(only);
            if p.population >= 5000 || p.is_admin_centre() {
                resolved[i] = Some(Resolved {
                    place: only,
                    reason: format!("only place of this name, population {}", p.population),
                });
                anchors.push((only, at(i)));
            }
        } else if local_region[i].is_none()
            && local_raion[i].is_none()
            && let Some(town) = dominant(gaz, cands, &named_regions, at(i))
        {
            resolved[i] = Some(Resolved {
                place: town,
                reason: format!(
                    "a town of {} beside villages of the same name",
                    gaz.place(town).population
                ),
            });
            anchors.push((town, at(i)));
        }
    }
    for _ in 0..2 {
        for (i, cands, current) in &open {
            let i = *i;
            if resolved[i].is_some() {
                continue;
            }
            let (m, _, text) = &all[i];
            let scored: Vec<(f32, u32, String)> = cands
                .iter()
                .map(|&c| {
                    score(
                        gaz,
                        c,
                        &Context {
                            at: at(i),
                            named_regions: &named_regions,
                            local_region: local_region[i],
                            named_raions: &named_raions,
                            local_raion: local_raion[i],
                            anchors: &anchors,
                            multiword: text[m.start..m.end].contains(' '),
                        },
                    )
                })
                .collect();
            // The current name weighs in the margin over the runner-up, never toward the
            // bar: it can settle a near-tie but not make a weak guess good enough.
            let rank = |k: usize| scored[k].0 + if current[k] { 0.7 } else { 0.0 };
            let mut order: Vec<usize> = (0..scored.len()).collect();
            order.sort_by(|&a, &b| rank(b).total_cmp(&rank(a)));
            let Some(&best) = order.first() else { continue };
            let margin = order
                .get(1)
                .map_or(f32::INFINITY, |&s| rank(best) - rank(s));
            // The more places share a name, the likelier one lies near an anchor by chance.
            let bar = 2.5 + 0.5 * (cands.len() as f32).log10();
            if scored[best].0 >= bar && margin >= 0.6 {
                let (s, place, why) = &scored[best];
                let of = if cands.len() > 1 {
                    format!(" (best of {})", cands.len())
                } else {
                    String::new()
                };
                let named = if current[best] {
                    ", its current name"
                } else {
                    ""
                };
                resolved[i] = Some(Resolved {
                    place: *place,
                    reason: format!("{why}{named}; score {s:.1}{of}"),
                });
                anchors.push((*place, at(i)));
            }
        }
    }

    // "near Dobropillia in Donetsk": a region's capital named right after one of the
    // region's places, as where that place is, means the region.
    for i in 0..all.len() {
        let (m, _, text) = all[i];
        let Some(r) = &resolved[i] else { continue };
        let p = gaz.place(r.place);
        let Some(region) = matcher::region_of_capital(p) else {
            continue;
        };
        let before = &text[..m.start];
        let Some(prefix) = before
            .strip_suffix(" in ")
            .or_else(|| before.strip_suffix(" in the "))
        else {
            continue;
        };
        let prev_is_same_region = (0..i).rev().take(1).any(|j| {
            let (pm, _, ptext) = all[j];
            resolved[j].as_ref().is_some_and(|pr| {
                let pp = gaz.place(pr.place);
                pp.kind == PlaceKind::Settlement && pp.admin1 == region.code && pp.id != p.id
            }) && std::ptr::eq(ptext, text)
                && prefix.len().checked_sub(pm.end).is_some_and(|gap| gap < 40)
        });
        if prev_is_same_region && let Some(idx) = gaz.index_of(region.geonameid) {
            resolved[i] = Some(Resolved {
                place: idx,
                reason: "capital named as where a place of its region is".into(),
            });
        }
    }

    // Collect per place.
    let mut by_place: BTreeMap<u32, StoredPlace> = BTreeMap::new();
    let mut first_pos: HashMap<u32, usize> = HashMap::new();
    for (i, (m, in_title, _)) in all.iter().enumerate() {
        let Some(r) = &resolved[i] else { continue };
        let p: &Place = gaz.place(r.place);
        let entry = by_place.entry(r.place).or_insert_with(|| StoredPlace {
            geonameid: p.id,
            name: p.name.clone(),
            path: p.path(),
            kind: p.kind.as_str().to_string(),
            admin1: p.admin1.clone(),
            spans: Vec::new(),
            mentions: 0,
            in_title: false,
            focus: false,
            reason: r.reason.clone(),
            lat: p.lat,
            lon: p.lon,
        });
        entry.mentions += 1;
        if *in_title {
            entry.in_title = true;
        } else {
            entry.spans.push([m.start, m.end]);
            let pos = first_pos.entry(r.place).or_insert(m.start);
            *pos = (*pos).min(m.start);
        }
    }
    let mut places: Vec<StoredPlace> = by_place.into_values().collect();
    mark_focus(&mut places, &first_pos, gaz);
    places.sort_by(|a, b| {
        b.focus
            .cmp(&a.focus)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    places
}

/// The region a listed name stands for: a region adjective's, or a capital's region.
fn listed_region(gaz: &Gazetteer, m: &Mention) -> Option<(u32, &'static str)> {
    if let Some(c) = m.candidates.iter().find(|c| c.form == FormKind::RegionAdj) {
        return Some((c.place, "region adjective listed with regions"));
    }
    m.candidates
        .iter()
        .filter(|c| c.form == FormKind::Name)
        .find_map(|c| matcher::region_of_capital(gaz.place(c.place)))
        .and_then(|r| gaz.index_of(r.geonameid))
        .map(|r| (r, "listed with regions"))
}

/// Donetsk or Luhansk Oblast, when the mention can be that oblast's capital.
fn donbas_region(gaz: &Gazetteer, m: &Mention) -> Option<u32> {
    m.candidates
        .iter()
        .filter(|c| c.form == FormKind::Name)
        .find_map(|c| matcher::region_of_capital(gaz.place(c.place)))
        .filter(|r| matches!(r.code, "UA.05" | "UA.14"))
        .and_then(|r| gaz.index_of(r.geonameid))
}

/// A town among villages: the one candidate that is a district centre or more with at
/// least 5,000 people, when every other is a tenth its size or less and its region is not
/// named near the mention.
fn dominant(
    gaz: &Gazetteer,
    cands: &[u32],
    named_regions: &[(&str, Option<usize>)],
    at: Option<usize>,
) -> Option<u32> {
    let is_town = |p: &Place| {
        p.population >= 5000 && matches!(p.feature.as_str(), "PPLC" | "PPLA" | "PPLA2" | "PPLA3")
    };
    let mut towns = cands.iter().filter(|&&c| is_town(gaz.place(c)));
    let town = *towns.next()?;
    if towns.next().is_some() {
        return None;
    }
    cands
        .iter()
        .filter(|&&c| c != town)
        .all(|&c| {
            let p = gaz.place(c);
            p.population.saturating_mul(10) <= gaz.place(town).population
                && !named_regions
                    .iter()
                    .any(|&(code, pos)| code == p.admin1 && near(at, pos))
        })
        .then_some(town)
}

/// Mentions this close (bytes) are about the same scene.
const NEAR_BYTES: usize = 400;

fn near(a: Option<usize>, b: Option<usize>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.abs_diff(b) <= NEAR_BYTES)
}

/// What the document says around one open mention.
struct Context<'a> {
    /// Body offset of the mention (none in the title).
    at: Option<usize>,
    named_regions: &'a [(&'a str, Option<usize>)],
    /// The region named right after the mention, as where it is.
    local_region: Option<&'a str>,
    /// Raions the document names, with their body offsets.
    named_raions: &'a [(u16, Option<usize>)],
    /// The raion named right after the mention, as where it is.
    local_raion: Option<u16>,
    /// Settlements resolved so far, with their body offsets.
    anchors: &'a [(u32, Option<usize>)],
    multiword: bool,
}

/// How likely candidate `c` is meant: population prior, rank, the regions the document
/// names (more when near the mention) and the distance to places already resolved.
fn score(gaz: &Gazetteer, c: u32, cx: &Context) -> (f32, u32, String) {
    let p = gaz.place(c);
    let mut s = 0.5 * ((p.population as f32) + 1.0).log10();
    let mut why = vec![format!("population {}", p.population)];
    if p.is_admin_centre() {
        s += 0.5;
    }
    // A region's capital is what a bare name of it usually means.
    if matches!(p.feature.as_str(), "PPLA" | "PPLC") {
        s += 1.5;
    }
    if cx.multiword {
        s += 0.5;
    }

    let region = p.region().map_or("region", |r| r.name);
    let named = || {
        cx.named_regions
            .iter()
            .filter(|(code, _)| *code == p.admin1)
    };
    if cx.local_region == Some(p.admin1.as_str()) {
        s += 4.0;
        why.push(format!("{region} named after it"));
    } else if named().any(|&(_, pos)| near(cx.at, pos)) {
        s += 2.0;
        why.push(format!("{region} named nearby"));
    } else if named().next().is_some() {
        s += 1.0;
        why.push(format!("{region} named"));
    }
    // A raion is a tenth of an oblast: naming it says more than naming the region.
    let in_raion = |r: u16| !p.admin2.is_empty() && gaz.raion(r).admin2 == p.admin2;
    if let Some(r) = cx.local_raion.filter(|&r| in_raion(r)) {
        s += 5.0;
        why.push(format!("{} named after it", gaz.raion(r).name));
    } else if let Some(&(r, _)) = cx
        .named_raions
        .iter()
        .find(|&&(r, pos)| in_raion(r) && near(cx.at, pos))
    {
        s += 3.0;
        why.push(format!("{} named nearby", gaz.raion(r).name));
    }
    let nearest = cx
        .anchors
        .iter()
        .filter(|&&(a, _)| a != c)
        .map(|&(a, pos)| (gaz.place(a).distance_km(p), a, pos))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((d, a, _)) = nearest
        && d < 80.0
    {
        s += match d {
            d if d < 10.0 => 3.0,
            d if d < 30.0 => 2.0,
            _ => 1.0,
        };
        if cx
            .anchors
            .iter()
            .any(|&(b, pos)| b == a && near(cx.at, pos))
        {
            s += 1.0;
        }
        why.push(format!("{d:.0} km from {}", gaz.place(a).name));
    }
    (s, c, why.join(", "))
}

/// Focus: the places the document is mainly about, by mentions, title and lead.
fn mark_focus(places: &mut [StoredPlace], first_pos: &HashMap<u32, usize>, gaz: &Gazetteer) {
    let weight = |p: &StoredPlace| -> f32 {
        let idx = gaz.index_of(p.geonameid).unwrap_or(0);
        let lead = first_pos.get(&idx).is_some_and(|&pos| pos < 400);
        p.mentions as f32 + if p.in_title { 3.0 } else { 0.0 } + if lead { 1.0 } else { 0.0 }
    };
    let weights: Vec<f32> = places.iter().map(weight).collect();
    let max = weights.iter().copied().fold(0.0, f32::max);
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    for (rank, &i) in order.iter().enumerate() {
        if rank < 3 && weights[i] >= (0.5 * max).max(2.0) || rank == 0 && max > 0.0 {
            places[i].focus = true;
        }
    }
}

/// Facet path segments of a tagged place.
pub fn facet_path(gaz: &Gazetteer, p: &StoredPlace) -> Vec<String> {
    gaz.by_id(p.geonameid)
        .map(|pl| pl.path_segments().into_iter().map(str::to_string).collect())
        .unwrap_or_default()
}
