//! A name in Latin letters is one name however it was romanised: Zelensky, Zelenskyy and
//! Zelenskiy; Podolyak and Podoliak; Shoigu and Shoygu; Zaluzhny and Zaluzhnyi. The
//! romanisations of one Ukrainian or Russian name mostly differ in how they write the
//! letters й, и, і, ї and ы (y, i, j, iy, yy, yi), so two words that read alike once those
//! are folded ([`folded`]) are one name. A query's word is also sought as every term of
//! the articles' texts within two edits of its own that folds alike, found by walking a
//! Levenshtein automaton over the index's vocabulary.

use frontline_gazetteer::matcher::near::{Within, edits};

use crate::error::Error;
use crate::index::Loaded;
use crate::query::tokens;

/// Shortest word sought in its other romanisations: short words differ in one vowel too
/// often ("bite", "byte").
const MIN_LETTERS: usize = 5;

/// `word` (lowercase Latin letters) with y, and j at either end, read as i and a run of i
/// as one: the letters romanisations of one name disagree on.
pub(crate) fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let last = word.chars().count().saturating_sub(1);
    for (at, c) in word.chars().enumerate() {
        // A j within a word is most often a j ("Beijing"), at its ends й ("Jermak",
        // "Andrij").
        let c = if c == 'y' || c == 'j' && (at == 0 || at == last) {
            'i'
        } else {
            c
        };
        if !(c == 'i' && out.ends_with('i')) {
            out.push(c);
        }
    }
    out
}

/// The other romanisations of `word` the articles' texts have, as the index holds them
/// (analysed), in the vocabulary's order. None for a word of other letters or fewer than
/// [`MIN_LETTERS`].
pub(crate) fn other_romanisations(loaded: &Loaded, word: &str) -> Result<Vec<String>, Error> {
    let field = loaded.fields.body;
    let [(_, term)] = &tokens(loaded, field, word)?[..] else {
        return Ok(Vec::new());
    };
    let Some(key) = term.value().as_str().map(str::to_string) else {
        return Ok(Vec::new());
    };
    if key.chars().count() < MIN_LETTERS || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(Vec::new());
    }
    let target = folded(&key);
    let dfa = edits(2).build_dfa(&key);
    // A name keeps its first letter in every romanisation, but for y, j and i.
    let initials: &[u8] = match key.as_bytes()[0] {
        b'i' | b'j' | b'y' => b"ijy",
        b => &[b][..],
    };
    let searcher = loaded.searcher();
    let mut found: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        for &initial in initials {
            let mut stream = index
                .terms()
                .search(Within(&dfa))
                .ge([initial])
                .lt([initial + 1])
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if text != key
                    && text.bytes().all(|b| b.is_ascii_lowercase())
                    && folded(text) == target
                    && !found.iter().any(|f| f == text)
                {
                    found.push(text.to_string());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::folded;

    #[test]
    fn romanisations_of_one_name_fold_alike() {
        for names in [
            ["zelensky", "zelenskyy", "zelenskiy", "zelenskyi"],
            ["podolyak", "podoliak", "podoliak", "podolyak"],
            ["zaluzhny", "zaluzhnyi", "zaluzhniy", "zaluzhnii"],
        ] {
            for n in &names[1..] {
                assert_eq!(folded(n), folded(names[0]), "{n}");
            }
        }
        assert_ne!(folded("lukashenko"), folded("lukashenka"));
        assert_ne!(folded("zelensky"), folded("zelenska"));
        assert_eq!(folded("andrij"), folded("andriy"));
        assert_ne!(folded("beijing"), folded("being"));
    }
}
