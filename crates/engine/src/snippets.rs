//! Highlighted snippets, drawn from a window of the body around the query's words.

use std::collections::BTreeMap;

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
/// more than the search, so the snippet is drawn from a window around the first place a
/// query word starts (or the head of the body).
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

/// Finds the earliest hint in one pass over a body.
pub(crate) fn hint_finder(hints: &[String]) -> Option<aho_corasick::AhoCorasick> {
    if hints.is_empty() {
        return None;
    }
    // A handful of short words searched in ten texts: compiling the automaton further
    // costs more than it saves.
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(hints)
        .ok()
}

fn window<'a>(body: &'a str, hints: Option<&aho_corasick::AhoCorasick>) -> &'a str {
    let first = hints.and_then(|h| h.find(body)).map(|m| m.start());
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
    hints: Option<&aho_corasick::AhoCorasick>,
) -> String {
    let mut s = g.snippet(window(body, hints));
    if s.is_empty() {
        return lead(body);
    }
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s.to_html()
}
