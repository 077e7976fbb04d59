//! Plain-text articles: finding the headline among scraped page furniture.
//!
//! Scraped pages start with logos, mastheads ("Telegraph19 hours ago"), repeated headlines,
//! "updated version" banners and bullet summaries. The title is the first line that reads
//! like a headline; the masthead, if it names a known outlet, becomes the source.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::RawDoc;
use crate::enrich::source;

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(logo|menu|home|skip to( main)? content|sign in|log in|subscribe|advertisement|share|overview|related articles?|read more|most read|an updated version of this story|this story has been updated|listen to this article)\b",
    )
    .expect("valid regex")
});

/// "Telegraph19 hours ago", "BBC News 3 hours ago", "Reuters · 2 days ago".
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}\p{N} .&'’-]{1,48}?)\s*[·|,-]?\s*(\d+|an?|one)\s+(second|minute|hour|day|week|month)s?\s+ago\b")
        .expect("valid regex")
});

/// The outlet named by a masthead line, if the line is one and the outlet is known.
pub fn masthead_source(line: &str) -> Option<&'static str> {
    let caps = MASTHEAD.captures(line.trim())?;
    source::canonical_outlet(caps.name("name")?.as_str())
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let len = line.chars().count();
    (3..=30).contains(&words)
        && (15..=250).contains(&len)
        && !FURNITURE.is_match(line)
        && !MASTHEAD.is_match(line)
        && !line.starts_with(['-', '•', '*', '–'])
        && !line.ends_with(['.', ':', ';', ','])
}

/// Splits a scraped article into title, body and masthead source.
pub fn parse_plain_text(text: &str, id: Option<String>) -> RawDoc {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut title: Option<&str> = None;
    let mut masthead: Option<&'static str> = None;
    let mut seen = 0;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        seen += 1;
        if seen > 12 {
            break;
        }
        if masthead.is_none() {
            masthead = masthead_source(line);
        }
        if title.is_none() && looks_like_headline(line) {
            title = Some(line);
        }
        // A long sentence means the article text has begun: no headline above it.
        if title.is_none() && line.split_whitespace().count() > 30 {
            break;
        }
    }
    let body: Vec<&str> = lines
        .iter()
        .copied()
        .enumerate()
        .filter(|&(i, l)| {
            !(i < 12
                && (Some(l) == title
                    || masthead_source(l).is_some()
                    || l.eq_ignore_ascii_case("logo")))
        })
        .map(|(_, l)| l)
        .collect();
    RawDoc {
        id,
        title: title.map(str::to_string),
        body: Some(body.join("\n").trim().to_string()),
        source: masthead.map(str::to_string),
        ..RawDoc::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_not_the_title() {
        let doc = parse_plain_text(
            "logo\nPutin races to seize land before talks\n\nPutin races to seize land before talks\n\nTelegraph19 hours ago\nRussia is racing to seize territory.",
            None,
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Putin races to seize land before talks")
        );
        assert_eq!(doc.source.as_deref(), Some("The Telegraph"));
        let body = doc.body.unwrap_or_default();
        assert!(
            !body.contains("logo") && !body.contains("hours ago"),
            "{body}"
        );
        assert!(body.starts_with("Russia is racing"));
    }

    #[test]
    fn article_without_headline_has_no_title() {
        let doc = parse_plain_text(
            "According to the president, the threats of retaliation from the Kremlin are simply a bluff and his country's forces have now taken control of many settlements in the region along the border.\nMore text.",
            None,
        );
        assert_eq!(doc.title, None);
    }
}
