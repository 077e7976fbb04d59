//! Function words, too empty to narrow a query ("with", "з", "на"): English and Russian as
//! their stop word lists have them (Lucene's and Snowball's, as tantivy ships them; the
//! Russian one also holds a few common words, "сегодня"), Ukrainian the words the VESUM
//! dictionary reads as prepositions, conjunctions, particles or pronouns
//! (`data/uk-function-words.txt`, written by `make uk-function-words`). A word of the
//! Russian list that is also a Ukrainian word ("два", "три") is read as the Ukrainian one.

use std::collections::HashSet;
use std::sync::LazyLock;

use frontline_schema::analysis::{uk_forms_of, uk_lemma};
use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};

static UKRAINIAN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/uk-function-words.txt")
        .lines()
        .collect()
});

/// Whether `word` (lowercase) is an English stop word, on Lucene's list.
pub(crate) fn is_english(word: &str) -> bool {
    static ENGLISH: LazyLock<Option<StopWordFilter>> =
        LazyLock::new(|| StopWordFilter::new(Language::English));
    is_stopped(&ENGLISH, word)
}

/// Whether `word` (lowercase) is a function word of English, Russian or Ukrainian.
pub(crate) fn is_function_word(word: &str) -> bool {
    static RUSSIAN: LazyLock<Option<StopWordFilter>> =
        LazyLock::new(|| StopWordFilter::new(Language::Russian));
    is_english(word)
        || UKRAINIAN.contains(word)
        || is_stopped(&RUSSIAN, word) && !is_ukrainian_word(word)
}

/// Whether the Ukrainian dictionary has `word` as a form or a lemma.
fn is_ukrainian_word(word: &str) -> bool {
    uk_lemma(word).is_some() || !uk_forms_of(word).is_empty()
}

fn is_stopped(filter: &LazyLock<Option<StopWordFilter>>, word: &str) -> bool {
    let Some(filter) = (**filter).clone() else {
        return false;
    };
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(filter)
        .build();
    let mut stream = analyzer.token_stream(word);
    !stream.advance()
}

#[cfg(test)]
mod tests {
    use super::is_function_word;

    #[test]
    fn prepositions_and_conjunctions_of_each_language() {
        for word in ["with", "the", "з", "на", "та", "що", "до", "и", "с"] {
            assert!(is_function_word(word), "{word}");
        }
        // "два" is on the Russian list, and a Ukrainian numeral too.
        for word in ["talks", "russia", "переговори", "росією", "обстрел", "два"]
        {
            assert!(!is_function_word(word), "{word}");
        }
    }
}
