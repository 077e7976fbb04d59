//! Highlighted snippets, drawn from a window of the body around the query's words.

use std::collections::{BTreeMap, VecDeque};

use frontline_schema::analysis::other_en_spellings;
use tantivy::Score;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use crate::error::Error;
use crate::response::UnderstoodTerm;

const SNIPPET_CHARS: usize = 220;

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn lead(body: &str) -> String {
    let mut end = body.len().min(SNIPPET_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < body.len() {
        body[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    let ellipsis = if cut < body.len() { "…" } else { "" };
    format!("{}{ellipsis}", escape_html(&body[..cut]))
}

/// Bytes of body analysed for a snippet: stemming a whole long address for ten hits costs
/// more than the search, so the snippet is drawn from a window around the first place the
/// most query words start together (or the head of the body).
const SNIPPET_WINDOW_BYTES: usize = 1200;

/// Starts of the query's words (five characters, so inflected forms still meet) and of
/// what misspelt ones were read as, of the names of the places it names, of the
/// translations and other writings it was sought as, in the cases they are likely written
/// in, to find where a body matches without analysing it.
pub(crate) fn snippet_hints(groups: &[Vec<UnderstoodTerm>]) -> Vec<String> {
    let mut hints = Vec::new();
    for term in groups.iter().flatten().filter(|t| !t.negated) {
        let place_names = term.places.iter().filter_map(|p| p.rsplit('/').next());
        let texts = std::iter::once(term.text.as_str())
            .chain(term.read_as.as_deref())
            .chain(place_names)
            .chain(term.translations.iter().map(String::as_str));
        let solid = term.also_written.iter().filter(|w| !w.contains(' '));
        for word in texts
            .chain(solid.map(String::as_str))
            .flat_map(str::split_whitespace)
        {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            // A British spelling is matched in an American text and back ("armou", "armor").
            let lower = word.to_lowercase();
            for spelling in std::iter::once(word).chain(other_en_spellings(&lower)) {
                let start: String = spelling.chars().take(5).collect();
                push_cases(&mut hints, &start);
            }
        }
        // A compound's parts ("cease fire") are found together, hyphenated or apart: a
        // part alone ("fire") would find any text.
        for parts in term.also_written.iter().filter(|w| w.contains(' ')) {
            push_cases(&mut hints, parts);
            push_cases(&mut hints, &parts.replace(' ', "-"));
        }
    }
    hints
}

/// `hint` lowercased and capitalised, unless it is too short to place a snippet.
fn push_cases(hints: &mut Vec<String>, hint: &str) {
    let lower = hint.to_lowercase();
    if lower.chars().count() < 3 {
        return;
    }
    let mut chars = lower.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    hints.push(lower);
    hints.push(capital);
}

/// Finds where in a body the query's words stand: the word starts of its hints, in one
/// pass.
pub(crate) struct HintFinder {
    automaton: aho_corasick::AhoCorasick,
    /// For each hint, which word it starts (a hint's cases are one word).
    word_of: Vec<usize>,
    /// How many words the hints start.
    words: usize,
}

/// A place a passage could start: where, how many distinct words start within a
/// snippet's length of it, and how many bytes those words' first starts span.
#[derive(Clone, Copy)]
struct Passage {
    at: usize,
    words: usize,
    span: usize,
}

impl HintFinder {
    /// Where the most of the query's distinct words start within a snippet's length,
    /// closest together, then earliest: a phrase's words together rather than a word of
    /// it alone ("air defence" rather than an earlier "defend"). None when no word is in
    /// `body`. The scan stops at the first place with every word close together.
    fn densest(&self, body: &str) -> Option<usize> {
        let word_starts = self
            .automaton
            .find_iter(body)
            .filter(|m| {
                body[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|m| (m.start(), self.word_of[m.pattern().as_usize()]));
        // Starts not yet a snippet's length behind the newest one.
        let mut pending: VecDeque<(usize, usize)> = VecDeque::new();
        let mut best: Option<Passage> = None;
        let mut judge = |pending: &VecDeque<(usize, usize)>| -> bool {
            let Some(&(at, _)) = pending.front() else {
                return false;
            };
            let mut seen: Vec<usize> = Vec::new();
            let mut span = 0;
            for &(next, word) in pending {
                if !seen.contains(&word) {
                    seen.push(word);
                    span = next - at;
                }
            }
            let here = Passage {
                at,
                words: seen.len(),
                span,
            };
            if best.is_none_or(|b| here.words > b.words || here.words == b.words && span < b.span) {
                best = Some(here);
            }
            // Every word within a few words of each other: no place is better.
            here.words == self.words && span < SNIPPET_CHARS / 4
        };
        for (at, word) in word_starts {
            while pending
                .front()
                .is_some_and(|&(first, _)| at - first >= SNIPPET_CHARS)
            {
                if judge(&pending) {
                    return best.map(|b| b.at);
                }
                pending.pop_front();
            }
            pending.push_back((at, word));
        }
        while !pending.is_empty() {
            if judge(&pending) {
                break;
            }
            pending.pop_front();
        }
        best.map(|b| b.at)
    }
}

/// Finds the hints in a body; none for no hints.
pub(crate) fn hint_finder(hints: &[String]) -> Option<HintFinder> {
    if hints.is_empty() {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    let word_of = hints
        .iter()
        .map(|h| {
            let lower = h.to_lowercase();
            words.iter().position(|w| *w == lower).unwrap_or_else(|| {
                words.push(lower);
                words.len() - 1
            })
        })
        .collect();
    // A handful of short words searched in ten texts: compiling the automaton further
    // costs more than it saves.
    let automaton = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(hints)
        .ok()?;
    Some(HintFinder {
        automaton,
        word_of,
        words: words.len(),
    })
}

fn window<'a>(body: &'a str, hints: Option<&HintFinder>) -> &'a str {
    let first = hints.and_then(|h| h.densest(body));
    let mut start = first.map_or(0, |p| p.saturating_sub(SNIPPET_WINDOW_BYTES / 4));
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + SNIPPET_WINDOW_BYTES).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[start..end]
}

/// Highlights the query's terms in `field`, rarer terms counting more (as tantivy's own
/// generator weighs them), analysing only the words that can match.
pub(crate) fn snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<SnippetGenerator, Error> {
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weights = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let docs = searcher.doc_freq(&term)?;
        if docs > 0 {
            weights.insert(text, 1.0 / (1.0 + docs as Score));
        }
    }
    let texts: Vec<String> = weights.keys().cloned().collect();
    let analyzer = frontline_schema::analysis::highlight_analyzer(&texts);
    Ok(SnippetGenerator::new(
        weights,
        analyzer,
        field,
        SNIPPET_CHARS,
    ))
}

pub(crate) fn highlighted(
    g: &mut SnippetGenerator,
    body: &str,
    hints: Option<&HintFinder>,
) -> String {
    let mut s = g.snippet(window(body, hints));
    if s.is_empty() {
        return lead(body);
    }
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s.to_html()
}
