//! Words, numbers and punctuation with their byte spans: what date phrases are read from.

use std::borrow::Cow;
use std::ops::Range;

use frontline_gazetteer::fold::is_apostrophe;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Lowercased, apostrophes dropped (for words only); borrowed when the word is both
    /// already, as most are.
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    /// Whitespace right before it.
    pub spaced: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }

    pub fn is_punct(&self, chars: &str) -> bool {
        self.kind == Kind::Punct && self.text.chars().all(|c| chars.contains(c))
    }

    pub fn number(&self) -> Option<u32> {
        if self.kind == Kind::Number && self.text.len() <= 4 {
            self.text.parse().ok()
        } else {
            None
        }
    }

    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn cyrillic(&self) -> bool {
        self.text
            .chars()
            .any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
    }
}

/// Splits `text[range]` into words (letters with in-word apostrophes), digit runs and
/// single punctuation marks, their spans in `text`; whitespace only sets `spaced` on the
/// token after it.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let offset = range.start;
    let text = &text[range];
    // About one token per five bytes of prose.
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut spaced = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            // A line break ends a phrase like a full stop does.
            if c == '\n' {
                out.push(Token {
                    kind: Kind::Punct,
                    text: "\n",
                    lower: Cow::Borrowed(""),
                    start: offset + start,
                    end: offset + start + 1,
                    spaced: true,
                });
            }
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else if is_letter(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(i, next)) = chars.peek() {
                let same = match kind {
                    Kind::Number => next.is_ascii_digit(),
                    _ => is_letter(next) || (is_apostrophe(next) && followed_by_letter(text, i)),
                };
                if !same {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        let piece = &text[start..end];
        let lower = if kind == Kind::Word {
            let word = without_possessive(piece);
            if word.chars().any(|c| c.is_uppercase() || is_apostrophe(c)) {
                Cow::Owned(
                    word.chars()
                        .filter(|c| !is_apostrophe(*c))
                        .flat_map(char::to_lowercase)
                        .collect(),
                )
            } else {
                Cow::Borrowed(word)
            }
        } else {
            Cow::Borrowed("")
        };
        out.push(Token {
            kind,
            text: piece,
            lower,
            start: offset + start,
            end: offset + end,
            spaced,
        });
        spaced = false;
    }
    out
}

/// A letter, the Latin and Cyrillic ones without a table lookup.
fn is_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}')
        || (!c.is_ascii() && c.is_alphabetic())
}

/// "Saturday’s" → "Saturday": a possessive names the same day.
fn without_possessive(word: &str) -> &str {
    let mut rev = word.char_indices().rev();
    match (rev.next(), rev.next()) {
        (Some((_, 's')), Some((i, a))) if i > 0 && is_apostrophe(a) => &word[..i],
        _ => word,
    }
}

fn followed_by_letter(text: &str, apostrophe_at: usize) -> bool {
    text[apostrophe_at..].chars().nth(1).is_some_and(is_letter)
}

#[cfg(test)]
mod tests {
    use super::{Kind, tokenize};

    #[test]
    fn splits_numbers_from_suffixes_and_keeps_apostrophes_in_words() {
        let text = "the 83rd day, 63-й день, п'ятницю, Saturday’s talks";
        let t = tokenize(text, 0..text.len());
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "the",
                "83",
                "rd",
                "day",
                ",",
                "63",
                "-",
                "й",
                "день",
                ",",
                "п'ятницю",
                ",",
                "Saturday’s",
                "talks"
            ]
        );
        assert_eq!(t[1].kind, Kind::Number);
        assert!(!t[2].spaced);
        assert_eq!(t[10].lower, "пятницю");
        assert_eq!(t[12].lower, "saturday");
    }
}
