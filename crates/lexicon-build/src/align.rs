//! Translated document pairs, and the passages within them that translate each other.

use std::collections::HashMap;

/// One article as the learner needs it.
#[derive(Debug, Clone)]
pub struct Article {
    pub url: String,
    pub lang: String,
    pub body: String,
}

/// The English and Ukrainian bodies of every address published in both languages.
pub fn translated_pairs(articles: Vec<Article>) -> Vec<(String, String)> {
    let mut by_url: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    for a in articles {
        if a.url.is_empty() {
            continue;
        }
        let slot = by_url.entry(a.url).or_default();
        match a.lang.as_str() {
            "en" => slot.0 = Some(a.body),
            "uk" => slot.1 = Some(a.body),
            _ => {}
        }
    }
    let mut pairs: Vec<(String, (String, String))> = by_url
        .into_iter()
        .filter_map(|(url, p)| match p {
            (Some(en), Some(uk)) => Some((url, (en, uk))),
            _ => None,
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.into_iter().map(|(_, p)| p).collect()
}

/// Passages of a translated pair that translate each other: its paragraphs when both
/// texts have as many, else its sentences when both have as many; none otherwise, since a
/// whole long text pairs every word with every other and teaches nothing.
pub fn passages<'a>(en: &'a str, uk: &'a str) -> Vec<(&'a str, &'a str)> {
    for split in [paragraphs, sentences] {
        let (e, u) = (split(en), split(uk));
        if e.len() == u.len() && e.len() > 1 {
            return e.into_iter().zip(u).collect();
        }
    }
    Vec::new()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
            let end = i + c.len_utf8();
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Article, passages, translated_pairs};

    #[test]
    fn pairs_are_one_address_in_both_languages() {
        let a = |url: &str, lang: &str, body: &str| Article {
            url: url.into(),
            lang: lang.into(),
            body: body.into(),
        };
        let pairs = translated_pairs(vec![
            a("u1", "en", "Good evening."),
            a("u1", "uk", "Добрий вечір."),
            a("u2", "en", "Only English."),
            a("", "uk", "No address."),
        ]);
        assert_eq!(pairs, [("Good evening.".into(), "Добрий вечір.".into())]);
    }

    #[test]
    fn passages_follow_paragraphs_then_sentences() {
        let p = passages("One.\n\nTwo. Three.", "Один.\n\nДва. Три.");
        assert_eq!(p, [("One.", "Один."), ("Two. Three.", "Два. Три.")]);
        let s = passages("One. Two!", "Один. Два!");
        assert_eq!(s, [("One.", "Один."), ("Two!", "Два!")]);
        assert!(passages("One. Two.", "Один, два.").is_empty());
    }
}
