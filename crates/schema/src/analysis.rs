//! Text analysis: words split on anything but letters, digits and in-word apostrophes,
//! lowercased, folded, and stemmed by script.
//!
//! Queries carry no language, and one article often mixes scripts, so stemming is chosen
//! per token: Latin words take the English Snowball stemmer, Cyrillic words the Russian
//! one. A Ukrainian word form the dictionary knows is first replaced by its lemma (дітей →
//! дитина), since the Russian stemmer misses Ukrainian endings and alternations; a word
//! it does not know is stemmed as it is, which still strips the case endings Ukrainian
//! shares with Russian. An English word in its British spelling is first replaced by the
//! American one (defence → defense), since the two stem apart.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::sync::{Arc, LazyLock};

use flate2::read::GzDecoder;

use frontline_gazetteer::fold::is_apostrophe;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer, WhitespaceTokenizer,
};

/// Analyzer for title and body.
pub const ANALYZER: &str = "frontline";
/// Analyzer for the space-separated place id tokens.
pub const IDS_ANALYZER: &str = "frontline_ids";
/// Analyzer for words as written: the spelling vocabulary.
pub const WORDS_ANALYZER: &str = "frontline_words";
/// Words of this many bytes or more are not indexed: no one searches for them, and they
/// are mostly URLs and noise.
pub const MAX_WORD_BYTES: usize = 48;

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(ScriptStemmer::default())
        .build()
}

/// The analyzer for highlighting matches of `terms` (analyzed terms): as [`analyzer`], but
/// only words that begin like one of `terms` are stemmed. Stemming only rewrites endings,
/// so a stem keeps the first two letters of its word's lemma or American spelling and no
/// other word can match; stemming the rest of a text would be wasted.
pub fn highlight_analyzer(terms: &[String]) -> TextAnalyzer {
    // Each token is checked against every prefix: each once.
    let mut prefixes: Vec<String> = terms
        .iter()
        .map(|t| t.chars().take(2).collect::<String>())
        .collect();
    prefixes.sort();
    prefixes.dedup();
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(ScriptStemmer {
            only: Some(Arc::new(prefixes)),
        })
        .build()
}

/// Ukrainian word forms → lemma (lowercased, apostrophes dropped), from the VESUM
/// dictionary for the words the corpus uses: `data/uk-lemmas.py` writes it.
static UK_LEMMAS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let bundled: &[u8] = include_bytes!("../data/uk-lemmas.tsv.gz");
    BufReader::new(GzDecoder::new(bundled))
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let (form, lemma) = line.split_once('\t')?;
            Some((form.to_string(), lemma.to_string()))
        })
        .collect()
});

/// The lemma of a Ukrainian word form the dictionary knows (lowercased, apostrophes
/// dropped), when it is not the form itself.
pub fn uk_lemma(form: &str) -> Option<&'static str> {
    UK_LEMMAS.get(form).map(String::as_str)
}

/// Every Ukrainian word form the dictionary knows with its lemma, the lemmas themselves left
/// out.
pub fn uk_forms() -> impl Iterator<Item = (&'static str, &'static str)> {
    UK_LEMMAS.iter().map(|(f, l)| (f.as_str(), l.as_str()))
}

/// Lemma → its other forms, for [`uk_forms_of`].
static UK_FORMS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut forms: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    for (form, lemma) in uk_forms() {
        forms.entry(lemma).or_default().push(form);
    }
    forms
});

/// The other forms of a Ukrainian lemma (lowercased, apostrophes dropped) the dictionary
/// knows, in no order: Київ → києва, києву, києвом…
pub fn uk_forms_of(lemma: &str) -> &'static [&'static str] {
    UK_FORMS.get(lemma).map(Vec::as_slice).unwrap_or_default()
}

/// British English spellings → American (lowercase), from the list `data/en-spellings.py`
/// writes.
static EN_SPELLINGS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/en-spellings.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
});

/// American English spellings → British (lowercase), the reverse of [`EN_SPELLINGS`].
static EN_BRITISH: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for (british, american) in EN_SPELLINGS.iter() {
        out.entry(american).or_default().push(british);
    }
    out
});

/// The other English spellings of `word` (lowercase) the analyser reads as one: its
/// American spelling, or its British ones ("armoured" and "armored").
pub fn other_en_spellings(word: &str) -> Vec<&'static str> {
    match EN_SPELLINGS.get(word) {
        Some(american) => vec![american],
        None => EN_BRITISH.get(word).cloned().unwrap_or_default(),
    }
}

/// As [`analyzer`], without lemmas or stems: words as a reader would type them.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn ids_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WhitespaceTokenizer::default()).build()
}

/// A letter or digit, but not an apostrophe: two of them (ʼ, ʹ) are modifier letters.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_apostrophe(c)
    }
}

/// Splits on non-alphanumerics, keeping apostrophes inside a word (Кам'янське, don't) and
/// dropping them from the token so every apostrophe variant indexes alike.
#[derive(Clone, Default)]
pub struct WordTokenizer;

pub struct WordTokenStream<'a> {
    text: &'a str,
    pos: usize,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            text,
            pos: 0,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.pos..];
        let Some(start_rel) = rest.find(is_word_char) else {
            self.pos = self.text.len();
            return false;
        };
        let start = self.pos + start_rel;
        let mut end = start;
        let word = &mut self.token.text;
        word.clear();
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_word_char(c) {
                word.push(c);
                end = start + i + c.len_utf8();
            } else if is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
                continue;
            } else {
                break;
            }
        }
        self.pos = end;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Stems Latin tokens as English and Cyrillic tokens as Russian.
#[derive(Clone, Default)]
pub struct ScriptStemmer {
    /// When set, only tokens beginning with one of these are stemmed.
    only: Option<Arc<Vec<String>>>,
}

impl TokenFilter for ScriptStemmer {
    type Tokenizer<T: Tokenizer> = ScriptStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ScriptStemmerFilter<T> {
        ScriptStemmerFilter {
            inner: tokenizer,
            only: self.only,
        }
    }
}

#[derive(Clone)]
pub struct ScriptStemmerFilter<T> {
    inner: T,
    only: Option<Arc<Vec<String>>>,
}

impl<T: Tokenizer> Tokenizer for ScriptStemmerFilter<T> {
    type TokenStream<'a> = ScriptStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ScriptStemmerStream {
            tail: self.inner.token_stream(text),
            only: self.only.clone(),
            english: frostem::Stemmer::new(frostem::Algorithm::English),
            russian: frostem::Stemmer::new(frostem::Algorithm::Russian),
        }
    }
}

pub struct ScriptStemmerStream<T> {
    tail: T,
    only: Option<Arc<Vec<String>>>,
    english: frostem::Stemmer,
    russian: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for ScriptStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let cyrillic = token
            .text
            .chars()
            .any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
        let base = if cyrillic {
            uk_lemma(&token.text)
        } else {
            EN_SPELLINGS.get(token.text.as_str()).copied()
        };
        if let Some(base) = base {
            token.text.clear();
            token.text.push_str(base);
        }
        // Stemming keeps the first letters of a lemma or an American spelling: a word
        // whose lemma or spelling begins otherwise than every term sought cannot become one.
        if let Some(only) = &self.only
            && !only.iter().any(|p| token.text.starts_with(p.as_str()))
        {
            return true;
        }
        let stemmer = if cyrillic {
            &self.russian
        } else {
            &self.english
        };
        if let std::borrow::Cow::Owned(stem) = stemmer.stem(&token.text) {
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The analyzed terms of `text`, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut a = analyzer();
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{highlight_analyzer, terms};

    fn highlight_terms(query: &[String], text: &str) -> Vec<String> {
        let mut a = highlight_analyzer(query);
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn highlighting_stems_exactly_the_words_that_can_match() {
        let text =
            "Drones attacked the drone depots; обстріли тривали, обстрілів більшало, дітей, діти";
        let query = terms("drones обстріли дитина");
        let full = terms(text);
        let light = highlight_terms(&query, text);
        assert_eq!(full.len(), light.len());
        for (f, l) in full.iter().zip(&light) {
            // Every word the full analysis turns into a query term is found the same way.
            if query.contains(f) {
                assert_eq!(f, l);
            }
        }
        assert!(light.contains(&"attacked".to_string()), "{light:?}");
        assert!(
            light.iter().filter(|t| query.contains(t)).count() >= 3,
            "{light:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn highlighting_finds_every_term_the_index_would(text in "[a-zA-Zа-яіїєА-ЯІЇЄ' ]{0,80}") {
            let words: Vec<String> = terms(&text);
            let query: Vec<String> = words.iter().step_by(2).cloned().collect();
            let light = highlight_terms(&query, &text);
            for (full, light) in words.iter().zip(&light) {
                if query.contains(full) {
                    proptest::prop_assert_eq!(full, light);
                }
            }
        }
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(terms("attacks"), terms("attack"));
        assert_eq!(terms("Shelling"), terms("shelled"));
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(terms("air defence"), terms("air defense"));
        assert_eq!(terms("Mobilisation"), terms("mobilization"));
        assert_eq!(terms("armoured vehicles"), terms("armored vehicle"));
        assert_eq!(terms("organised"), terms("organizes"));
        assert_ne!(terms("defence"), terms("defend"));
    }

    #[test]
    fn a_lemma_knows_its_forms() {
        let forms = super::uk_forms_of("київ");
        for form in ["києва", "києву"] {
            assert!(forms.contains(&form), "{forms:?}");
        }
        assert!(super::uk_forms_of("nonesuch").is_empty());
    }

    #[test]
    fn cyrillic_case_forms_meet() {
        assert_eq!(terms("воєнний стан"), terms("воєнного стану"));
        // Forms the Russian stemmer cannot join meet on their Ukrainian lemma.
        assert_eq!(terms("загиблі діти"), terms("загиблих дітей"));
        assert_eq!(terms("дитина"), terms("дітям"));
        assert_eq!(terms("обстрелы"), terms("обстрел"));
        // A form of two lemmas is not read as one the corpus never uses in a form of its
        // own: "Києві" is Київ, not кий (a cue); "року" is рік, not рок; "люди" is людина,
        // not люда.
        assert_eq!(terms("Києві"), terms("Київ"));
        assert_eq!(terms("Харкові"), terms("Харків"));
        assert_eq!(terms("року"), terms("рік"));
        assert_eq!(terms("люди"), terms("людей"));
        // A word that can be a preposition keeps it: "серед" (among) is no form of "середа".
        assert_eq!(super::uk_lemma("серед"), None);
    }

    #[test]
    fn apostrophes_inside_words_fold() {
        assert_eq!(terms("Кам’янське"), terms("Кам'янське"));
        // Every apostrophe the gazetteer folds away, so names it matches index alike.
        for c in ['\'', '’', 'ʼ', '`', '‘', 'ʹ', '′'] {
            assert!(frontline_gazetteer::fold::is_apostrophe(c));
            assert_eq!(terms(&format!("Kam{c}yanske")), terms("Kamyanske"), "{c}");
        }
        assert_eq!(terms("Kup'yansk"), terms("Kupyansk"));
        assert_eq!(terms("Russia's army").len(), 2);
    }
}
