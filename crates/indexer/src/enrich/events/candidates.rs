//! Where dates may be written: digits and the words a date phrase begins with, found in one
//! pass over the text; only the sentences around them are read word by word.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::vocab;

/// Most bytes read either side of a candidate when no sentence ends sooner.
const REACH: usize = 400;
/// Candidates this short may be abbreviations, whose full stop ends no sentence ("Feb. 24").
const ABBREVIATION: usize = 4;

static TRIGGERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // A DFA: a few hundred patterns, and the text scanned once per article.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostFirst)
        .build(vocab::trigger_words())
        .expect("the trigger words build an automaton")
});

/// The stretches of `body` worth reading for dates, in order, none overlapping.
pub fn windows(body: &str) -> Vec<Range<usize>> {
    let bytes = body.as_bytes();
    let starts_word = |at: usize| {
        body[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let mut found: Vec<Range<usize>> = TRIGGERS
        .find_iter(body)
        .filter(|m| starts_word(m.start()))
        .map(|m| m.range())
        .collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            found.push(start..i);
        } else {
            i += 1;
        }
    }
    found.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in found {
        // Within a sentence already taken: nothing more to read.
        if out.last().is_some_and(|last| r.end <= last.end) {
            continue;
        }
        let window = sentence_start(body, r.start)..sentence_end(body, r);
        match out.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => out.push(window),
        }
    }
    out
}

/// A full stop, question or exclamation mark before whitespace, or a line break, ends a
/// sentence at `i`.
fn ends_sentence(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'.' | b'!' | b'?') => bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace),
        _ => false,
    }
}

fn sentence_start(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let floor = at.saturating_sub(REACH);
    let mut i = at;
    while i > floor && !ends_sentence(bytes, i - 1) {
        i -= 1;
    }
    while !body.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn sentence_end(body: &str, candidate: Range<usize>) -> usize {
    let bytes = body.as_bytes();
    let ceiling = (candidate.end + REACH).min(bytes.len());
    let mut i = candidate.end;
    if candidate.len() <= ABBREVIATION && bytes.get(i) == Some(&b'.') {
        i += 1;
    }
    while i < ceiling && !ends_sentence(bytes, i) {
        i += 1;
    }
    let mut end = (i + 1).min(bytes.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::windows;

    #[test]
    fn reads_the_sentences_around_dates_only() {
        let text = "Nothing here at all. The talks took place on Saturday. Nothing there either, \
                    as no one had anything to add to what was said. Вчора обстріляли Харків. No more.";
        let read: Vec<&str> = windows(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(
            read[0].contains("The talks took place on Saturday."),
            "{read:?}"
        );
        assert!(!read[0].contains("either"), "{read:?}");
        assert!(read[1].contains("Вчора обстріляли Харків."), "{read:?}");
    }
}
