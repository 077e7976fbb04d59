//! A word both languages borrowed is its own translation: "ескалація" is "escalation",
//! "депортація" "deportation", "джавелін" "Javelin", "денацифікація" "denazification". The term
//! table learns only the words its translated articles use often enough; loanwords are a
//! large share of the rest of war reporting's vocabulary, and they correspond letter by
//! letter, with a few regular suffixes (-ація / -ation, -сія / -ssion, -ізм / -ism).
//! A word's spellings in the other script are tried reading its longest suffix first, and
//! within a reading the nearest the usual transcription first ("контраст" is "contrast",
//! not "contract"); an English one must be a word some title or opening writes (a stem
//! alone may join a made-up spelling to another word: "agention" stems as "agent"), a
//! Ukrainian one a lemma of the dictionary. Only for a word of five letters or more (six,
//! read by its root alone) the table knows nothing of and no name the other script writes
//! (a name is read by its romanisations): a short word meets too many others, common
//! words above all ("drugs" is no "друг", "chase" no "час").

use std::collections::HashSet;

use frontline_gazetteer::fold::is_apostrophe;
use frontline_schema::analysis::{uk_forms_of, uk_lemma};
use tantivy::Term;
use tantivy::tokenizer::TextAnalyzer;

use crate::error::Error;
use crate::index::Loaded;
use crate::query::single_term;

/// Shortest word (and, for a Ukrainian one, lemma) read so.
const MIN_LETTERS: usize = 5;
/// Most spellings tried for one reading of a word as a root and a suffix: beyond them its
/// consonants are tried single only, and beyond that the reading is left out.
const MAX_SPELLINGS: usize = 2048;
/// Fewest articles the spelling must be in: one alone is more often a name transcribed
/// ("Bereg") than the word.
const MIN_DOCS: u64 = 2;
/// Fewest letters left before a suffix.
const MIN_ROOT: usize = 3;
/// Shortest word read as a loanword by its root alone.
const MIN_ROOT_WORD: usize = 6;
/// Farthest from the usual transcription a word read by its root alone may be spelt:
/// "attach" is no "атака".
const MAX_ROOT_COST: usize = 2;
/// Farthest from it any word may be spelt: beyond, the letters no longer correspond.
const MAX_COST: usize = 4;

/// A spelling and how far it strays from the usual transcription: the sum of its letters'
/// and suffix's ranks among their spellings.
type Spelling = (String, usize);

/// The spellings of one reading of a word as a root and a suffix, nearest first, and
/// whether the suffix is only an ending (a noun's -а, a silent e, a -y, none) rather than
/// a loanword's suffix (-ація, -ism): then the word is a loanword by its root alone, and
/// must be of [`MIN_ROOT_WORD`] letters or more and spelt within [`MAX_ROOT_COST`].
struct Reading {
    spellings: Vec<Spelling>,
    ending_only: bool,
}

/// The term of `word`'s spelling in the other language that stands for it, when
/// [`MIN_DOCS`] articles or more have one; `word` (read lowercased) is of [`MIN_LETTERS`]
/// letters or more, Cyrillic (Ukrainian or Russian) or Latin.
pub(crate) fn borrowed(loaded: &Loaded, word: &str) -> Result<Option<String>, Error> {
    let word = &word.to_lowercase();
    let body = loaded.fields.body;
    // A word the analyser makes no one term of (too long) is none.
    if single_term(loaded, body, word)?.is_none() {
        return Ok(None);
    }
    let (readings, to_latin) = if let Some(letters) = cyrillic_letters(word) {
        // The dictionary's lemma, so a case form ("анексії") has the suffix its lemma has;
        // a plural of a word it does not know ("джавеліни") is also read without its ending.
        let typed: String = letters.iter().collect();
        let readings = match uk_lemma(&typed) {
            Some(lemma) if lemma.chars().count() < MIN_LETTERS => Vec::new(),
            Some(lemma) => latin_spellings(&lemma.chars().collect::<Vec<_>>()),
            None => {
                let mut readings = latin_spellings(&letters);
                if let [root @ .., 'и' | 'і'] = letters.as_slice()
                    && !is_lemma(&typed)
                {
                    readings.extend(latin_spellings(root));
                }
                readings
            }
        };
        (readings, true)
    } else if let Some(letters) = latin_letters(word) {
        let mut readings = cyrillic_spellings(&letters);
        for reading in &mut readings {
            reading.spellings.retain(|(s, _)| is_lemma(s));
        }
        (readings, false)
    } else {
        (Vec::new(), false)
    };
    if readings.is_empty() {
        return Ok(None);
    }
    let searcher = loaded.searcher();
    // An English spelling some title or opening writes, or writes with an "s".
    let written = |spelling: &str| -> Result<bool, Error> {
        for w in [spelling.to_string(), format!("{spelling}s")] {
            if searcher.doc_freq(&Term::from_field_text(loaded.fields.words, &w))? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    };
    let mut analyzer = loaded.index.tokenizer_for_field(body)?;
    let mut seen = HashSet::new();
    for reading in readings {
        let max_cost = if reading.ending_only {
            MAX_ROOT_COST
        } else {
            MAX_COST
        };
        // The nearest spellings some articles have, and of them the one the most have.
        let mut found: Option<(usize, u64, String)> = None;
        for (spelling, cost) in reading.spellings {
            if cost > max_cost || found.as_ref().is_some_and(|(c, _, _)| cost > *c) {
                break;
            }
            if to_latin && !written(&spelling)? {
                continue;
            }
            let Some(term) = one_term(&mut analyzer, &spelling) else {
                continue;
            };
            if !seen.insert(term.clone()) {
                continue;
            }
            let key = Term::from_field_text(body, &term);
            let docs = searcher.doc_freq(&key)?;
            if docs < MIN_DOCS {
                continue;
            }
            if found.as_ref().is_none_or(|(_, d, _)| docs > *d) {
                found = Some((cost, docs, term));
            }
        }
        if let Some((_, _, term)) = found {
            return Ok(Some(term));
        }
    }
    Ok(None)
}

/// The one term the analyser makes of `text`.
fn one_term(analyzer: &mut TextAnalyzer, text: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(text);
    let first = stream.next().map(|t| t.text.clone())?;
    stream.next().is_none().then_some(first)
}

/// `word`'s letters, when it is [`MIN_LETTERS`] or more lowercase Cyrillic letters
/// (apostrophes, which the dictionary drops, left out).
fn cyrillic_letters(word: &str) -> Option<Vec<char>> {
    let letters: Vec<char> = word.chars().filter(|&c| !is_apostrophe(c)).collect();
    (letters.len() >= MIN_LETTERS
        && letters
            .iter()
            .all(|&c| ('а'..='я').contains(&c) || "ёіїєґ".contains(c)))
    .then_some(letters)
}

/// `word`'s letters, when it is [`MIN_LETTERS`] or more lowercase Latin letters.
fn latin_letters(word: &str) -> Option<Vec<char>> {
    let letters: Vec<char> = word.chars().collect();
    (letters.len() >= MIN_LETTERS && letters.iter().all(|c| c.is_ascii_lowercase()))
        .then_some(letters)
}

/// Whether the Ukrainian dictionary has `word` as a lemma with forms.
fn is_lemma(word: &str) -> bool {
    !uk_forms_of(word).is_empty()
}

/// Each choice in turn, every combination, nearest the first choices first (each once, at
/// its lowest cost): none beyond [`MAX_SPELLINGS`].
fn combined(parts: &[Vec<String>]) -> Option<Vec<Spelling>> {
    parts.iter().try_fold(1usize, |n, p| {
        n.checked_mul(p.len()).filter(|&n| n <= MAX_SPELLINGS)
    })?;
    let mut out: Vec<Spelling> = vec![(String::new(), 0)];
    for part in parts {
        out = out
            .iter()
            .flat_map(|(prefix, cost)| {
                part.iter()
                    .enumerate()
                    .map(move |(rank, p)| (format!("{prefix}{p}"), cost + rank))
            })
            .collect();
    }
    out.sort_by_key(|a| a.1);
    let mut seen = HashSet::with_capacity(out.len());
    out.retain(|(s, _)| seen.insert(s.clone()));
    Some(out)
}

fn owned(spellings: &[&str]) -> Vec<String> {
    spellings.iter().map(|s| s.to_string()).collect()
}

/// Each way to read the word's last letters as a suffix of `table`, in the table's order
/// (longest first), the root before it keeping [`MIN_ROOT`] letters or more, with the
/// suffix's spellings: "анексія" is "анек-сія", then "анекс-ія".
fn suffix_splits<'w>(
    word: &'w [char],
    table: &[(&str, &[&str])],
) -> Vec<(&'w [char], Vec<String>)> {
    table
        .iter()
        .filter_map(|(suffix, spellings)| {
            let n = suffix.chars().count();
            let root = word.len().checked_sub(n).filter(|&r| r >= MIN_ROOT)?;
            let tail: String = word[root..].iter().collect();
            (tail == *suffix).then(|| (&word[..root], owned(spellings)))
        })
        .collect()
}

/// Ukrainian (and Russian) suffixes of loanwords and their English spellings, longest
/// first within each family.
const CYRILLIC_SUFFIXES: &[(&str, &[&str])] = &[
    ("ізувати", &["ize", "ise"]),
    ("изовать", &["ize", "ise"]),
    ("увати", &["ate", ""]),
    ("ювати", &["ate", ""]),
    ("ація", &["ation", "ate"]),
    ("яція", &["iation", "ation"]),
    ("ация", &["ation", "ate"]),
    ("іція", &["ition"]),
    ("иция", &["ition"]),
    ("уція", &["ution"]),
    ("уция", &["ution"]),
    ("кція", &["ction"]),
    ("кция", &["ction"]),
    ("сія", &["sion", "ssion"]),
    ("сия", &["sion", "ssion"]),
    ("енція", &["ence", "ency"]),
    ("енция", &["ence", "ency"]),
    ("анція", &["ance", "ancy"]),
    ("анция", &["ance", "ancy"]),
    ("ція", &["tion", "cy", "ce"]),
    ("ция", &["tion", "cy", "ce"]),
    ("тія", &["cy", "ty", "tia"]),
    ("тия", &["cy", "ty", "tia"]),
    ("ія", &["y", "ia", "ion", ""]),
    ("ия", &["y", "ia", "ion", ""]),
    ("ізм", &["ism"]),
    ("изм", &["ism"]),
    ("іст", &["ist"]),
    ("ист", &["ist"]),
    ("ічний", &["ic", "ical"]),
    ("ический", &["ic", "ical"]),
    ("альний", &["al"]),
    ("альный", &["al"]),
    ("ивний", &["ive"]),
    ("ивный", &["ive"]),
    ("ика", &["ics", "ic", "y"]),
    ("ура", &["ure"]),
];

/// Endings of Ukrainian nouns, which an English loanword drops or writes otherwise.
const CYRILLIC_ENDINGS: &[(&str, &[&str])] = &[("а", &["", "a", "e"]), ("о", &["o", ""])];

/// A Cyrillic word's spellings in Latin letters, per reading of it as a root and a suffix:
/// each letter in each of its usual romanisations, a consonant after a vowel single or
/// doubled as English writes many, a final consonant with or without a silent e
/// ("смартфон", "smartphone"). None for an adjective or verb of no loanword suffix, for a
/// word shorter than [`MIN_ROOT_WORD`] of none, or for too many.
fn latin_spellings(word: &[char]) -> Vec<Reading> {
    let mut splits: Vec<(&[char], Vec<String>, bool)> = suffix_splits(word, CYRILLIC_SUFFIXES)
        .into_iter()
        .map(|(root, suffix)| (root, suffix, false))
        .collect();
    if word.len() >= MIN_ROOT_WORD {
        let endings = suffix_splits(word, CYRILLIC_ENDINGS);
        match word.last() {
            Some(&last) if endings.is_empty() && splits.is_empty() => {
                if !is_cyrillic_vowel(last) && !matches!(last, 'й' | 'ь') {
                    splits.push((word, owned(&["", "e"]), true));
                }
            }
            _ => splits.extend(endings.into_iter().map(|(root, e)| (root, e, true))),
        }
    }
    splits
        .into_iter()
        .filter_map(|(root, suffix, ending_only)| {
            let parts = |doubling: bool| latin_parts(root, &suffix, doubling);
            let spellings = combined(&parts(true)?).or_else(|| combined(&parts(false)?))?;
            Some(Reading {
                spellings,
                ending_only,
            })
        })
        .collect()
}

/// A root's letters in their Latin spellings, then the suffix's; none when a character is
/// no letter.
fn latin_parts(root: &[char], suffix: &[String], doubling: bool) -> Option<Vec<Vec<String>>> {
    let mut parts: Vec<Vec<String>> = Vec::with_capacity(root.len() + 1);
    let mut i = 0;
    while i < root.len() {
        let c = root[i];
        let next = root.get(i + 1).copied();
        match (c, next) {
            ('д', Some('ж')) => {
                parts.push(owned(&["j", "dzh", "dj"]));
                i += 2;
                continue;
            }
            ('к', Some('с')) => {
                parts.push(owned(&["x", "ks", "cs"]));
                i += 2;
                continue;
            }
            ('к', Some('в')) => {
                parts.push(owned(&["qu", "kv"]));
                i += 2;
                continue;
            }
            _ => {}
        }
        let mut spellings = latin_letter(c)?;
        // After a vowel, before a vowel or л, р: "комісія" commission, "агресія" aggression.
        let doubles = i > 0
            && is_cyrillic_vowel(root[i - 1])
            && next.is_none_or(|n| is_cyrillic_vowel(n) || matches!(n, 'л' | 'р'));
        if doubling && doubles && DOUBLED.contains(c) {
            let doubled: Vec<String> = spellings.iter().map(|s| format!("{s}{s}")).collect();
            spellings.extend(doubled);
        }
        parts.push(spellings);
        i += 1;
    }
    parts.push(suffix.to_vec());
    Some(parts)
}

/// Consonants English often doubles between vowels where Ukrainian writes one.
const DOUBLED: &str = "бгдкзлмнпрстф";

fn is_cyrillic_vowel(c: char) -> bool {
    "аеёиоуыэюяіїє".contains(c)
}

/// What a Cyrillic letter may be in an English word, the commonest first; none for a
/// character that is no letter.
fn latin_letter(c: char) -> Option<Vec<String>> {
    let spellings: &[&str] = match c {
        'а' => &["a"],
        'б' => &["b"],
        'в' => &["v"],
        'г' => &["g", "h"],
        'ґ' => &["g"],
        'д' => &["d"],
        'е' | 'э' => &["e"],
        'є' => &["e", "ye"],
        'ё' => &["e", "yo"],
        'ж' => &["g", "j", "zh"],
        'з' => &["z", "s"],
        'и' => &["i", "y"],
        'і' => &["i", "e", "y"],
        'ї' => &["i", "yi"],
        'й' => &["i", "y"],
        'к' => &["c", "k"],
        'л' => &["l"],
        'м' => &["m"],
        'н' => &["n"],
        'о' => &["o"],
        'п' => &["p"],
        'р' => &["r"],
        'с' => &["s", "c"],
        'т' => &["t", "th"],
        'у' => &["u", "ou"],
        'ф' => &["f", "ph"],
        'х' => &["h", "ch", "kh"],
        'ц' => &["c", "z", "t", "ts"],
        'ч' => &["ch"],
        'ш' => &["sh"],
        'щ' => &["shch"],
        'ы' => &["y", "i"],
        'ю' => &["u", "yu"],
        'я' => &["ia", "ya", "a"],
        'ь' | 'ъ' => &[""],
        _ => return None,
    };
    Some(owned(spellings))
}

/// English suffixes of loanwords and their Ukrainian spellings, longest first within
/// each family.
const LATIN_SUFFIXES: &[(&str, &[&str])] = &[
    ("ization", &["ізація"]),
    ("isation", &["ізація"]),
    ("ation", &["ація"]),
    ("ition", &["іція"]),
    ("ution", &["уція"]),
    ("ction", &["кція"]),
    ("ssion", &["сія"]),
    ("sion", &["сія", "зія"]),
    ("tion", &["ція"]),
    ("ence", &["енція"]),
    ("ency", &["енція"]),
    ("ance", &["анція"]),
    ("ancy", &["анція"]),
    ("ism", &["ізм"]),
    ("ist", &["іст"]),
    ("ics", &["іка", "ика"]),
    ("ure", &["ура"]),
    ("ize", &["ізувати"]),
    ("ise", &["ізувати"]),
    ("ia", &["ія"]),
];

/// An English word's spellings in Ukrainian letters, per reading of it as a root and a
/// suffix: each letter or pair of letters in each of its usual transcriptions, a doubled
/// letter single or kept; a plural read as its singular, which the dictionary has as the
/// lemma.
fn cyrillic_spellings(word: &[char]) -> Vec<Reading> {
    // A plural's "s" goes ("deportations", "депортація"), "-ies" is "-y" ("strategies"),
    // and "-ics" is the suffix itself ("logistics", "логістика").
    let singular: Vec<char> = match word {
        [.., 'i', 'c', 's'] => word.to_vec(),
        [rest @ .., 'i', 'e', 's'] => rest.iter().copied().chain(['y']).collect(),
        [rest @ .., a, 's'] if !matches!(a, 's' | 'u' | 'i') => {
            rest.iter().copied().chain([*a]).collect()
        }
        _ => word.to_vec(),
    };
    let singular = singular.as_slice();
    let mut splits: Vec<(&[char], Vec<String>, bool)> = suffix_splits(singular, LATIN_SUFFIXES)
        .into_iter()
        .map(|(root, suffix)| (root, suffix, false))
        .collect();
    if splits.is_empty() && singular.len() >= MIN_ROOT_WORD {
        match singular.last() {
            Some('e') => splits.push((&singular[..singular.len() - 1], owned(&[""]), true)),
            Some('y') => splits.push((
                &singular[..singular.len() - 1],
                owned(&["ія", "ій", "і"]),
                true,
            )),
            Some(&last) if !is_latin_vowel(last) => {
                splits.push((singular, owned(&["", "а"]), true));
            }
            _ => {}
        }
    }
    splits
        .into_iter()
        .filter_map(|(root, suffix, ending_only)| {
            let spellings = combined(&cyrillic_parts(root, suffix)?)?;
            Some(Reading {
                spellings,
                ending_only,
            })
        })
        .collect()
}

/// A root's letters in their Cyrillic spellings, then the suffix's; none when a character
/// is no letter.
fn cyrillic_parts(root: &[char], suffix: Vec<String>) -> Option<Vec<Vec<String>>> {
    let mut parts: Vec<Vec<String>> = Vec::with_capacity(root.len() + 1);
    let mut i = 0;
    while i < root.len() {
        let c = root[i];
        let next = root.get(i + 1).copied();
        let previous = i.checked_sub(1).map(|p| root[p]);
        let pair: Option<&[&str]> = match (c, next) {
            ('s', Some('h')) => Some(&["ш"]),
            ('c', Some('h')) => Some(&["ч", "х", "к"]),
            ('p', Some('h')) => Some(&["ф"]),
            ('t', Some('h')) => Some(&["т"]),
            ('q', Some('u')) => Some(&["кв"]),
            ('c', Some('k')) => Some(&["к"]),
            (a, Some(b)) if a == b && !is_latin_vowel(a) => {
                let one = cyrillic_letter(a, root.get(i + 2).copied(), previous)?;
                let mut both = one.clone();
                both.extend(one.iter().map(|s| format!("{s}{s}")));
                parts.push(both);
                i += 2;
                continue;
            }
            _ => None,
        };
        if let Some(pair) = pair {
            parts.push(owned(pair));
            i += 2;
            continue;
        }
        parts.push(cyrillic_letter(c, next, previous)?);
        i += 1;
    }
    parts.push(suffix);
    Some(parts)
}

fn is_latin_vowel(c: char) -> bool {
    "aeiouy".contains(c)
}

/// What a Latin letter may be in a Ukrainian word, by the letters beside it, the
/// commonest first.
fn cyrillic_letter(c: char, next: Option<char>, previous: Option<char>) -> Option<Vec<String>> {
    let soft = next.is_some_and(|n| "eiy".contains(n));
    let before_consonant = next.is_some_and(|n| !is_latin_vowel(n));
    let spellings: &[&str] = match c {
        'a' if previous == Some('l') => &["а", "я"],
        'a' => &["а"],
        'b' => &["б"],
        'c' if soft => &["ц", "с"],
        'c' => &["к"],
        'd' => &["д"],
        'e' => &["е", "і", "є"],
        'f' => &["ф"],
        'g' if soft => &["ж", "г", "дж"],
        'g' => &["г", "ґ"],
        'h' => &["х", "г", ""],
        'i' => &["і", "и"],
        'j' => &["дж", "ж", "й"],
        'k' => &["к"],
        'l' if before_consonant => &["л", "ль"],
        'l' => &["л"],
        'm' => &["м"],
        'n' => &["н"],
        'o' => &["о"],
        'p' => &["п"],
        'q' => &["к"],
        'r' => &["р"],
        's' => &["с", "з"],
        't' => &["т"],
        'u' => &["у", "ю", "а"],
        'v' | 'w' => &["в"],
        'x' => &["кс"],
        'y' => &["і", "и", "й"],
        'z' => &["з", "ц"],
        _ => return None,
    };
    Some(owned(spellings))
}

#[cfg(test)]
mod tests {
    use super::{Reading, cyrillic_spellings, is_lemma, latin_spellings};
    use proptest::prelude::*;

    fn chars(word: &str) -> Vec<char> {
        word.chars().collect()
    }

    /// The first reading (in order) that has `spelling`, and its cost there (within
    /// [`super::MAX_COST`] for the search to try it).
    fn reached(readings: &[Reading], spelling: &str) -> Option<(usize, usize)> {
        readings.iter().enumerate().find_map(|(i, r)| {
            r.spellings
                .iter()
                .find(|(s, _)| s == spelling)
                .map(|(_, cost)| (i, *cost))
        })
    }

    #[test]
    fn ukrainian_loanwords_reach_their_english_spellings() {
        for (uk, en) in [
            ("ескалація", "escalation"),
            ("евакуація", "evacuation"),
            ("мобілізація", "mobilization"),
            ("денацифікація", "denazification"),
            ("анексія", "annex"),
            ("комісія", "commission"),
            ("агресія", "aggression"),
            ("інструкція", "instruction"),
            ("демократія", "democracy"),
            ("джавелін", "javelin"),
            ("ультиматум", "ultimatum"),
            ("трибунал", "tribunal"),
            ("логістика", "logistics"),
            ("меморандум", "memorandum"),
            ("аннексия", "annex"),
        ] {
            assert!(
                reached(&latin_spellings(&chars(uk)), en)
                    .is_some_and(|(_, cost)| cost <= super::MAX_COST),
                "{uk} → {en}"
            );
        }
        // The usual transcription first: "контраст" is "contrast" before "contract", and
        // "комісія" is "commission" (its -сія) before "comes" (its -ія, і as e).
        let nearer = |word: &str, near: &str, far: &str| {
            let readings = latin_spellings(&chars(word));
            let reach = |s: &str| reached(&readings, s).unwrap_or_else(|| panic!("{word} → {s}"));
            assert!(reach(near) < reach(far), "{word}: {near} before {far}");
        };
        nearer("контраст", "contrast", "contract");
        nearer("комісія", "commission", "comes");
        // Not a loanword's shape: an adjective or a verb of no such suffix.
        assert!(latin_spellings(&chars("великий")).is_empty());
        assert!(latin_spellings(&chars("розповідати")).is_empty());
    }

    #[test]
    fn english_loanwords_reach_their_ukrainian_spellings() {
        for (en, uk) in [
            ("escalation", "ескалація"),
            ("strategy", "стратегія"),
            ("strategies", "стратегія"),
            ("logistics", "логістика"),
            ("reparations", "репарація"),
            ("evacuation", "евакуація"),
            ("inflation", "інфляція"),
            ("deportations", "депортація"),
            ("denazification", "денацифікація"),
            ("demilitarization", "демілітаризація"),
            ("commission", "комісія"),
            ("declaration", "декларація"),
        ] {
            assert!(
                reached(&cyrillic_spellings(&chars(en)), uk)
                    .is_some_and(|(_, cost)| cost <= super::MAX_COST),
                "{en} → {uk}"
            );
            assert!(is_lemma(uk), "the dictionary has {uk}");
        }
    }

    proptest! {
        /// Each reading's spellings are bounded, distinct and nearest first, whatever the
        /// word.
        #[test]
        fn spellings_are_bounded_distinct_and_nearest_first(
            uk in "[а-яіїєґ]{5,18}",
            en in "[a-z]{5,18}",
        ) {
            for reading in latin_spellings(&chars(&uk)).iter().chain(&cyrillic_spellings(&chars(&en))) {
                let all = &reading.spellings;
                prop_assert!(all.len() <= super::MAX_SPELLINGS);
                let distinct: std::collections::HashSet<&String> = all.iter().map(|(s, _)| s).collect();
                prop_assert_eq!(distinct.len(), all.len());
                prop_assert!(all.windows(2).all(|w| w[0].1 <= w[1].1));
            }
        }
    }
}
