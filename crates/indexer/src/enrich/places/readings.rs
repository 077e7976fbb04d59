//! How the text around a mention reads it: a place, not a place (a person, a government,
//! an organisation, a street, a facility), or a surname that makes the same name alone
//! elsewhere in the document a surname too.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use frontline_gazetteer::fold;
use frontline_gazetteer::{FormKind, Gazetteer, Mention, people};
use regex::Regex;

use super::Found;

/// The mentions of the body and the title that are places, body first, each with whether
/// it is in the title and its text.
pub(super) fn places_among<'a>(
    gaz: &Gazetteer,
    body: &'a str,
    body_found: &'a [Mention],
    title: &'a str,
    title_found: &'a [Mention],
) -> Vec<Found<'a>> {
    let vocabulary = Vocabulary::new(body);
    let read = |text: &str, mentions: &[Mention], in_body: bool| -> Vec<Reading> {
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
    // One list, so that a surname in the title counts in the body too.
    let read_all: Vec<(&Mention, Reading, &str)> = body_found
        .iter()
        .zip(read(body, body_found, true))
        .map(|(m, r)| (m, r, body))
        .chain(
            title_found
                .iter()
                .zip(read(title, title_found, false))
                .map(|(m, r)| (m, r, title)),
        )
        .collect();
    let keep = kept_as_places(gaz, &read_all);
    read_all
        .iter()
        .zip(keep)
        .enumerate()
        .filter(|(_, (_, keep))| *keep)
        .map(|(i, (&(m, _, text), _))| (m, i >= body_found.len(), text))
        .collect()
}

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
        .any(|c| gaz.place(c.place).is_national_capital());
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
        .filter(|&p| !gaz.place(p).is_regional_capital())
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
