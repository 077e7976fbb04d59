//! A Russian word is also sought as the Ukrainian word it regularly corresponds to: "беженцы" as
//! "біженці", "мобилизация" as "мобілізація", "санкции" as "санкції". The two languages
//! share much of their vocabulary and differ in a few regular ways: Russian и, е, о often
//! stand where Ukrainian writes і (or ї, є), ы where it writes и, э where е; the hard sign
//! is an apostrophe; -ск-, -цк-, -зк- are -ськ-, -цьк-, -зьк-; a doubled consonant of a
//! loanword is single; and some endings differ (-ие is -ння or -ія, -ое is -е, -ые is -і,
//! -ть is -ти). Of a word's spellings with those alternatives, the ones the Ukrainian
//! dictionary has are looked up in the articles' texts, and the one the most articles have
//! is another writing of the word, sought beside it and weighted alike. Through it the word
//! also finds the English reporting the Ukrainian one does, by translation. Only for a word
//! that is no Ukrainian word and a spelling in more than twice the articles the word itself
//! is in, so a Russian word the articles use keeps to its own. A false friend whose
//! Ukrainian spelling means another thing ("неделя", week, as "неділя", Sunday) is sought
//! so too: the writing is shown in the answer's `also_written`.

use std::collections::HashSet;

use frontline_gazetteer::fold::is_apostrophe;
use frontline_schema::analysis::{uk_forms_of, uk_lemma};
use tantivy::Term;

use crate::compounds::Writing;
use crate::error::Error;
use crate::index::Loaded;
use crate::query::single_term;

/// Shortest word read so: short words meet too many others.
const MIN_LETTERS: usize = 4;
/// Most spellings tried: beyond them the word is left as typed.
const MAX_SPELLINGS: usize = 2048;
/// A Ukrainian spelling must be in more than this many times the articles the word as
/// typed is in.
const MORE_COMMON: u64 = 2;

/// The Ukrainian spelling of `word` (lowercase Russian), as another writing of it: of its
/// spellings the dictionary has, the one whose term the most articles have, when `word` is
/// no Ukrainian word, and that term is not its own and is in more than [`MORE_COMMON`]
/// times the articles `word` is in, and in one at least.
pub(crate) fn ukrainian_spelling(loaded: &Loaded, word: &str) -> Result<Option<Writing>, Error> {
    if !is_russian(word) || is_ukrainian(word) {
        return Ok(None);
    }
    let Some(spellings) = spellings(word) else {
        return Ok(None);
    };
    let searcher = loaded.searcher();
    let body = loaded.fields.body;
    let typed = single_term(loaded, body, word)?;
    let typed_docs = match &typed {
        Some(term) => searcher.doc_freq(&Term::from_field_text(body, term))?,
        None => 0,
    };
    let mut best: Option<(u64, Writing)> = None;
    for spelling in spellings
        .into_iter()
        .filter(|s| s != word && is_ukrainian(s))
    {
        let Some(term) = single_term(loaded, body, &spelling)? else {
            continue;
        };
        if Some(&term) == typed.as_ref() {
            continue;
        }
        let docs = searcher.doc_freq(&Term::from_field_text(body, &term))?;
        if docs > typed_docs.saturating_mul(MORE_COMMON)
            && best.as_ref().is_none_or(|(d, _)| docs > *d)
        {
            best = Some((docs, Writing::same(spelling, term)));
        }
    }
    Ok(best.map(|(_, writing)| writing))
}

/// Whether `word` is of [`MIN_LETTERS`] or more, all Russian lowercase letters.
fn is_russian(word: &str) -> bool {
    word.chars().count() >= MIN_LETTERS
        && word.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё')
}

/// Whether the Ukrainian dictionary has `word` as a form or a lemma (it drops apostrophes).
/// A word that does not inflect is not known so.
fn is_ukrainian(word: &str) -> bool {
    let key: String = word.chars().filter(|&c| !is_apostrophe(c)).collect();
    uk_lemma(&key).is_some() || !uk_forms_of(&key).is_empty()
}

/// How the hard sign is written in Ukrainian; the dictionary and the index drop it.
const APOSTROPHE: char = '’';

/// `word`'s spellings with each letter and ending in each of its Ukrainian alternatives,
/// itself first; none for a word that is not [`is_russian`] or has more than
/// [`MAX_SPELLINGS`].
fn spellings(word: &str) -> Option<Vec<String>> {
    if !is_russian(word) {
        return None;
    }
    let letters: Vec<char> = word.chars().collect();
    let (stem, ending) = split_ending(&letters);
    let mut parts: Vec<Vec<String>> = Vec::with_capacity(stem.len() + 1);
    for (i, &c) in stem.iter().enumerate() {
        let doubled = i > 0 && stem[i - 1] == c && !is_vowel(c);
        // An adjective's suffix is soft: "украинский" is "український", "донецкий"
        // "донецький", "одесский" "одеський". The stem is a prefix of the letters, so the
        // к may be the ending's.
        let softened = matches!(c, 'с' | 'ц' | 'з') && letters.get(i + 1) == Some(&'к');
        parts.push(match (doubled, softened) {
            (true, true) => vec![c.to_string(), String::new(), "ь".to_string()],
            (true, false) => vec![c.to_string(), String::new()],
            (false, true) => vec![c.to_string(), format!("{c}ь")],
            (false, false) => letter(c),
        });
    }
    parts.extend(ending);
    let count = parts.iter().try_fold(1usize, |n, p| {
        n.checked_mul(p.len()).filter(|&n| n <= MAX_SPELLINGS)
    })?;
    let mut out = Vec::with_capacity(count);
    out.push(String::new());
    for part in &parts {
        out = out
            .iter()
            .flat_map(|prefix| part.iter().map(move |p| format!("{prefix}{p}")))
            .collect();
    }
    // Either of a doubled letter dropped spells alike.
    let mut seen = HashSet::with_capacity(out.len());
    out.retain(|s| seen.insert(s.clone()));
    Some(out)
}

/// `letters` less an ending Ukrainian writes otherwise, and that ending's spellings.
fn split_ending(letters: &[char]) -> (&[char], Option<Vec<String>>) {
    let n = letters.len();
    let last_two: String = letters[n - 2..].iter().collect();
    let spellings: &[&str] = match last_two.as_str() {
        // "положение" is "положення", "перемирие" "перемир’я", "участие" "участія" (a
        // case form); "украинские", an adjective's plural, "українські". A word has at
        // least [`MIN_LETTERS`], so a letter before the ending.
        "ие" => {
            let consonant = letters[n - 3];
            let (stem, _) = letters.split_at(n - 3);
            let ending = vec![
                format!("{consonant}ие"),
                format!("{consonant}{consonant}я"),
                format!("{consonant}{APOSTROPHE}я"),
                format!("{consonant}ія"),
                format!("{consonant}і"),
            ];
            return (stem, Some(ending));
        }
        "ое" => &["ое", "е"],
        "ые" => &["ые", "і", "и"],
        "ая" => &["ая", "а"],
        "ой" => &["ой", "ий", "ій"],
        "ть" => &["ть", "ти"],
        _ => return (letters, None),
    };
    (
        &letters[..n - 2],
        Some(spellings.iter().map(|s| s.to_string()).collect()),
    )
}

/// What a Russian letter may be in Ukrainian: itself first.
fn letter(c: char) -> Vec<String> {
    let spellings: &[&str] = match c {
        'и' => &["и", "і", "ї"],
        'е' => &["е", "і", "є"],
        'о' => &["о", "і"],
        'ы' => &["ы", "и", "і"],
        'э' => &["э", "е", "є"],
        'ё' => &["ё", "е", "о", "ьо", "йо"],
        'ъ' => &["ъ", "’"],
        'г' => &["г", "ґ"],
        _ => return vec![c.to_string()],
    };
    spellings.iter().map(|s| s.to_string()).collect()
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяіїє".contains(c)
}

#[cfg(test)]
mod tests {
    use super::{is_ukrainian, spellings};
    use proptest::prelude::*;

    fn accepts(word: &str, spelling: &str) -> bool {
        spellings(word).is_some_and(|all| all.iter().any(|s| s == spelling))
    }

    #[test]
    fn russian_words_reach_their_ukrainian_spellings() {
        for (ru, uk) in [
            ("беженцы", "біженці"),
            ("мобилизация", "мобілізація"),
            ("военное", "воєнне"),
            ("положение", "положення"),
            ("оккупанты", "окупанти"),
            ("эвакуация", "евакуація"),
            ("мирные", "мирні"),
            ("война", "війна"),
            ("детей", "дітей"),
            ("объект", "об’єкт"),
            ("донецкий", "донецький"),
            ("одесский", "одеський"),
            ("перемирие", "перемир’я"),
            ("ядерная", "ядерна"),
            ("обстрелы", "обстріли"),
            ("украинские", "українські"),
        ] {
            assert!(accepts(ru, uk), "{ru} → {uk}");
            assert!(accepts(ru, ru), "{ru} itself");
        }
        // Other words are not reached.
        assert!(!accepts("беженцы", "біженця"));
        assert!(!accepts("война", "вона"));
    }

    #[test]
    fn only_russian_lowercase_words_of_a_few_letters_vary() {
        assert_eq!(spellings("мир"), None);
        assert_eq!(spellings("Война"), None);
        assert_eq!(spellings("shelling"), None);
        assert_eq!(spellings("україна"), None);
    }

    #[test]
    fn the_dictionary_tells_ukrainian_words() {
        assert!(is_ukrainian("біженці"));
        assert!(is_ukrainian("війна"));
        assert!(!is_ukrainian("беженцы"));
        assert!(!is_ukrainian("мобилизация"));
    }

    proptest! {
        /// A Russian word's spellings are bounded, distinct and begin with itself.
        #[test]
        fn spellings_are_bounded_and_begin_with_the_word(word in "[а-яё]{4,16}") {
            if let Some(all) = spellings(&word) {
                prop_assert_eq!(&all[0], &word);
                prop_assert!(all.len() <= super::MAX_SPELLINGS);
                let distinct: std::collections::HashSet<&String> = all.iter().collect();
                prop_assert_eq!(distinct.len(), all.len());
            }
        }
    }
}
