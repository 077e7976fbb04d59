//! Given names and patronymics. Many Ukrainian places share a name with a person
//! (Volodymyr, Bohdan, Stanislav), and surnames are often built on places (Zhovkva): the
//! geoparser asks here whether a word is a given name, in any case form.
//!
//! The list is `data/given-names.txt.gz`, written by `data/given-names.py` (`make
//! given-names`) from the first names and patronymics of Ukrainian public registers with
//! their Russian equivalents, each romanised by every common system.

use std::collections::HashSet;
use std::io::Read;
use std::sync::LazyLock;

use crate::fold::{fold_key, is_cyrillic};

static BUNDLED: &[u8] = include_bytes!("../data/given-names.txt.gz");

static GIVEN_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut text = String::new();
    // The list is compiled into the binary: failing to read it is a build defect, and an
    // empty set only makes the geoparser less careful, never wrong about places it keeps.
    if flate2::read::GzDecoder::new(BUNDLED)
        .read_to_string(&mut text)
        .is_err()
    {
        return HashSet::new();
    }
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(fold_key)
        .collect()
});

/// Case endings a Ukrainian or Russian given name takes outside the nominative
/// (Володимира, Ігорем, Марії, Миколою, Олександрові).
const CASE_ENDINGS: &[&str] = &[
    "а", "я", "у", "ю", "е", "є", "і", "ї", "и", "ом", "ем", "єм", "ою", "ею", "єю", "ої", "ей",
    "ові", "еві", "єві",
];

/// Endings of a nominative the oblique stem may have lost (Сергій → Сергія, Микола →
/// Миколи, Марія → Марії).
const NOMINATIVE_ENDINGS: &[&str] = &["", "а", "я", "й", "ь", "о"];

/// True when `word` is a known given name or patronymic, in any spelling or case form.
pub fn is_given_name(word: &str) -> bool {
    let key = fold_key(word);
    if key.chars().count() < 3 {
        return false;
    }
    if GIVEN_NAMES.contains(&key) {
        return true;
    }
    if !key.chars().any(is_cyrillic) {
        return false;
    }
    CASE_ENDINGS.iter().any(|ending| {
        key.strip_suffix(ending)
            .filter(|stem| stem.chars().count() >= 3)
            .is_some_and(|stem| {
                NOMINATIVE_ENDINGS
                    .iter()
                    .any(|n| GIVEN_NAMES.contains(&format!("{stem}{n}")))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::is_given_name;

    #[test]
    fn names_in_any_script_and_case() {
        for name in [
            "Volodymyr",
            "Vladimir",
            "Wolodymyr",
            "Ihor",
            "Igor",
            "Oleksandr",
            "Mariia",
            "Володимир",
            "Володимира",
            "Ігорем",
            "Марії",
            "Сергія",
            "Миколою",
            "Владимира",
        ] {
            assert!(is_given_name(name), "{name}");
        }
    }

    #[test]
    fn places_and_words_are_not_names() {
        for word in [
            "Kyiv",
            "Kharkiv",
            "Zhovkva",
            "Харкова",
            "Києва",
            "Mariupol",
            "troops",
        ] {
            assert!(!is_given_name(word), "{word}");
        }
    }
}
