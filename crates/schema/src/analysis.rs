//! Text analysis: words split on anything but letters, digits and in-word apostrophes,
//! lowercased, folded, and stemmed by script.
//!
//! Queries carry no language, and one article often mixes scripts, so stemming is chosen
//! per token: Latin words take the English Snowball stemmer, Cyrillic words the Russian
//! one. The Russian stemmer strips the case endings Ukrainian shares with Russian (воєнного
//! стану → воєнн стан), which gives Ukrainian text useful recall while exact word forms
//! still match, since queries go through the same analyzer.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer, WhitespaceTokenizer,
};

/// Analyzer for title and body.
pub const ANALYZER: &str = "frontline";
/// Analyzer for the space-separated place id tokens.
pub const IDS_ANALYZER: &str = "frontline_ids";

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(ScriptStemmer)
        .build()
}

pub fn ids_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WhitespaceTokenizer::default()).build()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
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
        let Some(start_rel) = rest.find(char::is_alphanumeric) else {
            self.pos = self.text.len();
            return false;
        };
        let start = self.pos + start_rel;
        let mut end = start;
        let word = &mut self.token.text;
        word.clear();
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                word.push(c);
                end = start + i + c.len_utf8();
            } else if is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
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
#[derive(Clone, Copy, Default)]
pub struct ScriptStemmer;

impl TokenFilter for ScriptStemmer {
    type Tokenizer<T: Tokenizer> = ScriptStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ScriptStemmerFilter<T> {
        ScriptStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct ScriptStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ScriptStemmerFilter<T> {
    type TokenStream<'a> = ScriptStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ScriptStemmerStream {
            tail: self.inner.token_stream(text),
            english: frostem::Stemmer::new(frostem::Algorithm::English),
            russian: frostem::Stemmer::new(frostem::Algorithm::Russian),
        }
    }
}

pub struct ScriptStemmerStream<T> {
    tail: T,
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
    use super::terms;

    #[test]
    fn english_is_stemmed() {
        assert_eq!(terms("attacks"), terms("attack"));
        assert_eq!(terms("Shelling"), terms("shelled"));
    }

    #[test]
    fn cyrillic_case_forms_meet() {
        assert_eq!(terms("воєнний стан"), terms("воєнного стану"));
        assert_eq!(terms("обстрелы"), terms("обстрел"));
    }

    #[test]
    fn apostrophes_inside_words_fold() {
        assert_eq!(terms("Кам’янське"), terms("Кам'янське"));
        assert_eq!(terms("Kup'yansk"), terms("Kupyansk"));
        assert_eq!(terms("Russia's army").len(), 2);
    }
}
