//! Highlighted snippets, drawn from a window of the body around the query's words.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

use frontline_gazetteer::Gazetteer;
use frontline_gazetteer::fold::is_apostrophe;
use frontline_schema::analysis::{other_en_spellings, uk_forms_of};
use frontline_schema::stored::StoredPlace;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{SnippetGenerator, collapse_overlapped_ranges};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Term};

use crate::case::{capitalised, is_capitalised};
use crate::error::Error;
use crate::place_query::region_names;
use crate::query::is_cyrillic;
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
    let end = body
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(body.len(), |(at, _)| at);
    let cut = if end < body.len() {
        body[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    let ellipsis = if cut < body.len() { "…" } else { "" };
    format!("{}{ellipsis}", escape_html(&body[..cut]))
}

/// Bytes of body analysed for a snippet: stemming a whole long address for ten hits costs
/// more than the search, so the snippet is drawn from a window at the passage where the
/// most query words start closest together (or the head of the body).
const SNIPPET_WINDOW_BYTES: usize = 1200;

/// Bytes of body looked through when the window holds none of the query's terms: enough
/// for a long address, bounded for an article of megabytes.
const SNIPPET_FALLBACK_BYTES: usize = 16 * 1024;

/// The start of a query word, or of another form of it (what a misspelt word was read as,
/// a place's name, a translation, another spelling), and which word of the query it
/// stands for.
pub(crate) type Hint = (String, usize);

/// Starts of the query's words (five characters, so inflected forms still meet) and of
/// what misspelt ones were read as, of the names of the places it names
/// ([`place_hint_names`]), of the translations and other writings it was sought as, in the
/// cases they are likely written in, to find where a body matches without analysing it.
/// Each word of a phrase is a word of its own; every other form of a term stands for its
/// first.
pub(crate) fn snippet_hints(groups: &[Vec<UnderstoodTerm>], gaz: &Gazetteer) -> Vec<Hint> {
    let mut hints = Vec::new();
    let mut next_word = 0;
    for term in groups.iter().flatten().filter(|t| !t.negated && !t.missing) {
        let first = next_word;
        let own = term.text.split_whitespace().map(|w| (w, None));
        let names: Vec<String> = term
            .places
            .iter()
            .flat_map(|p| place_hint_names(gaz, p))
            .collect();
        let others = term
            .read_as
            .as_deref()
            .into_iter()
            .chain(names.iter().map(String::as_str))
            .chain(term.translations.iter().map(String::as_str))
            .chain(
                term.also_written
                    .iter()
                    .map(String::as_str)
                    .filter(|w| !w.contains(' ')),
            )
            .flat_map(str::split_whitespace)
            .map(|w| (w, Some(first)));
        for (word, stands_for) in own.chain(others) {
            let stands_for = stands_for.unwrap_or_else(|| {
                next_word += 1;
                next_word - 1
            });
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            // A British spelling is matched in an American text and back ("armou", "armor").
            let lower = word.to_lowercase();
            for spelling in std::iter::once(word).chain(other_en_spellings(&lower)) {
                let start: String = spelling.chars().take(hint_chars(spelling)).collect();
                push_cases(&mut hints, &start, stands_for);
            }
        }
        // A compound's parts ("cease fire") are found together, hyphenated or apart: a
        // part alone ("fire") would find any text.
        for parts in term.also_written.iter().filter(|w| w.contains(' ')) {
            push_cases(&mut hints, parts, first);
            push_cases(&mut hints, &parts.replace(' ', "-"), first);
        }
        next_word = next_word.max(first + 1);
    }
    hints
}

/// How many letters of a word its hint keeps: five, so inflected forms still meet; of a
/// short Cyrillic name, all but the last, which its case forms replace (Одеса: Одесі,
/// Одесу; Буча: Бучі).
fn hint_chars(word: &str) -> usize {
    let letters = word.chars().count();
    if letters <= 5 && is_capitalised(word) && is_cyrillic(word) {
        letters - 1
    } else {
        5
    }
}

/// The names a text likely calls a place by, for finding its mention: its English,
/// Ukrainian and Russian names, the Ukrainian one's case forms the dictionary knows (Ірпінь:
/// Ірпені, Ірпеня) and, for a region, the first word of each of its names ("Kyivshchyna",
/// "Київська" of "Київська область"), the rest ("region", "область") being every region's.
fn place_hint_names(gaz: &Gazetteer, path: &str) -> Vec<String> {
    let Some(place) = gaz.by_path(path) else {
        return Vec::new();
    };
    let lemma: String = place
        .name_uk
        .to_lowercase()
        .chars()
        .filter(|&c| !is_apostrophe(c))
        .collect();
    let forms = uk_forms_of(&lemma).iter().map(|f| f.to_string());
    [&place.name, &place.name_uk, &place.name_ru]
        .into_iter()
        .chain(&region_names(place))
        .filter_map(|name| name.split_whitespace().next())
        .map(str::to_string)
        .chain(forms)
        .collect()
}

/// `hint` lowercased and capitalised, unless it is too short to place a snippet.
fn push_cases(hints: &mut Vec<Hint>, hint: &str, word: usize) {
    let lower = hint.to_lowercase();
    if lower.chars().count() < 3 {
        return;
    }
    let capital = capitalised(&lower);
    hints.push((lower, word));
    hints.push((capital, word));
}

/// Finds where in a body the query's words stand: the word starts of its hints, in one
/// pass.
pub(crate) struct HintFinder {
    automaton: aho_corasick::AhoCorasick,
    /// For each hint, the query word it stands for.
    word_of: Vec<usize>,
    /// For each hint, which text it is in any case (a translated pair's words, counted
    /// as one query word, are still told apart).
    text_of: Vec<usize>,
    /// How many query words the hints stand for.
    words: usize,
}

/// A place a passage could start: where, how many distinct query words and hint texts
/// start within a snippet's length of it, and where the first match of the last of the
/// words starts and ends.
#[derive(Clone, Copy)]
struct Passage {
    at: usize,
    words: usize,
    texts: usize,
    last: usize,
    end: usize,
}

impl Passage {
    /// A passage of one word (or one mention) from `at` to `end`.
    fn one(at: usize, end: usize) -> Passage {
        Passage {
            at,
            words: 1,
            texts: 1,
            last: at,
            end,
        }
    }
}

impl HintFinder {
    /// The passage with the most of the query's distinct words starting within a
    /// snippet's length, then the most distinct hint texts, the tightest of those, then
    /// the earliest: a phrase's words
    /// together rather than a word of it alone ("air defence" rather than an earlier
    /// "defend"). None when no word is in `body`. The scan stops at the first passage with
    /// every word close together.
    fn densest(&self, body: &str) -> Option<Passage> {
        // A snippet's length in bytes as this body writes letters (two a Cyrillic one),
        // told from its beginning.
        let reach = snippet_bytes(at_most(body, SNIPPET_FALLBACK_BYTES));
        let word_starts = self
            .automaton
            .find_iter(body)
            .filter(|m| {
                body[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|m| {
                let hint = m.pattern().as_usize();
                (m.start(), m.end(), self.word_of[hint], self.text_of[hint])
            });
        // Starts not yet a snippet's length behind the newest one.
        let mut pending: VecDeque<(usize, usize, usize, usize)> = VecDeque::new();
        let mut best: Option<Passage> = None;
        let mut judge = |pending: &VecDeque<(usize, usize, usize, usize)>| -> bool {
            let Some(&(at, end, _, _)) = pending.front() else {
                return false;
            };
            let (mut words, mut texts): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
            let mut here = Passage {
                at,
                words: 0,
                texts: 0,
                last: at,
                end,
            };
            for &(next, next_end, word, text) in pending {
                if !words.contains(&word) {
                    words.push(word);
                    (here.last, here.end) = (next, next_end);
                }
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
            (here.words, here.texts) = (words.len(), texts.len());
            let span = here.last - at;
            let better = |b: Passage| {
                (here.words, here.texts) > (b.words, b.texts)
                    || (here.words, here.texts) == (b.words, b.texts) && span < b.last - b.at
            };
            if best.is_none_or(better) {
                best = Some(here);
            }
            // Every word within a few words of each other: good enough to stop looking.
            here.words == self.words && span < reach / 4
        };
        for (at, end, word, text) in word_starts {
            while pending
                .front()
                .is_some_and(|&(first, _, _, _)| at - first >= reach)
            {
                if judge(&pending) {
                    return best;
                }
                pending.pop_front();
            }
            pending.push_back((at, end, word, text));
        }
        while !pending.is_empty() {
            if judge(&pending) {
                break;
            }
            pending.pop_front();
        }
        best
    }
}

/// Finds the hints in a body; none for no hints.
pub(crate) fn hint_finder(hints: &[Hint]) -> Option<HintFinder> {
    if hints.is_empty() {
        return None;
    }
    let mut words: Vec<usize> = hints.iter().map(|(_, w)| *w).collect();
    words.sort_unstable();
    words.dedup();
    // A pattern given twice only ever matches as its first (a place's case forms cut to
    // five letters repeat).
    let mut seen = std::collections::HashSet::new();
    let hints: Vec<&Hint> = hints
        .iter()
        .filter(|(h, _)| seen.insert(h.as_str()))
        .collect();
    // A handful of short words searched in ten texts: compiling the automaton further
    // costs more than it saves.
    let automaton = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(hints.iter().map(|(h, _)| h))
        .ok()?;
    let mut texts: Vec<String> = Vec::new();
    let text_of = hints
        .iter()
        .map(|(h, _)| {
            let lower = h.to_lowercase();
            texts.iter().position(|t| *t == lower).unwrap_or_else(|| {
                texts.push(lower);
                texts.len() - 1
            })
        })
        .collect();
    Some(HintFinder {
        automaton,
        word_of: hints.iter().map(|(_, w)| *w).collect(),
        text_of,
        words: words.len(),
    })
}

/// The part of `body` a snippet is drawn from: from a word's start shortly before the
/// densest passage, so the snippet's first fragment holds the passage with as much text
/// before it as after; the head of the body when no query word is in it.
fn window<'a>(body: &'a str, passage: Option<&Passage>) -> &'a str {
    at_most(&body[window_start(body, passage)..], SNIPPET_WINDOW_BYTES)
}

/// Where [`window`] starts.
fn window_start(body: &str, passage: Option<&Passage>) -> usize {
    match passage {
        Some(p) => {
            let word_end = body[p.end..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(body.len(), |n| p.end + n);
            let word_letters = body[p.at..word_end].chars().count();
            let margin = SNIPPET_CHARS.saturating_sub(word_letters) / 2;
            // That many letters before the passage.
            let start = match margin.checked_sub(1) {
                Some(back) => body[..p.at]
                    .char_indices()
                    .rev()
                    .nth(back)
                    .map_or(0, |(at, _)| at),
                None => p.at,
            };
            // From the start of a word, not within one.
            let within_word = body[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            match body[start..p.at].find(|c: char| !c.is_alphanumeric()) {
                Some(gap) if within_word => {
                    p.at - body[start + gap..p.at]
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len()
                }
                _ => start,
            }
        }
        None => 0,
    }
}

/// A snippet at the first mention the geoparser found in `body` of a place the query
/// named (`asked`, facet paths), or else of a place within one (Bucha, for Kyiv Oblast), the
/// mention marked: for a hit through a place whose text names it in no words the query's
/// terms reach ("the Donetsk and Luhansk regions" for Donetsk Oblast). None when it found
/// no mention of one.
pub(crate) fn place_mention(body: &str, places: &[StoredPlace], asked: &[&str]) -> Option<String> {
    let first = |named: &dyn Fn(&str) -> bool| {
        places
            .iter()
            .filter(|p| named(&p.path))
            .flat_map(|p| p.spans.iter().copied())
            .filter(|&[from, to]| from < to && body.get(from..to).is_some())
            .min()
    };
    let within = |path: &str| {
        asked.iter().any(|a| {
            path.strip_prefix(a)
                .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let [from, to] = first(&|path| asked.contains(&path)).or_else(|| first(&within))?;
    let passage = Passage::one(from, to);
    let start = window_start(body, Some(&passage));
    // A snippet's length from the window's start, and at least the whole mention.
    let around = at_most(&body[start..], SNIPPET_WINDOW_BYTES.max(to - start));
    let end = start + at_most(around, snippet_bytes(around).max(to - start)).len();
    // Whole words, as a generated snippet has: not one cut at either end.
    let end = match body[end..].chars().next() {
        Some(c) if c.is_alphanumeric() => body[to..end]
            .rfind(char::is_whitespace)
            .map_or(end, |space| to + space),
        _ => end,
    };
    let start = from
        - body[start..from]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let mention = from - start..to - start;
    Some(marked_html(
        &body[start..end],
        std::slice::from_ref(&mention),
    ))
}

/// `text` HTML-escaped with `ranges` (in order, apart) wrapped in `<mark>`.
fn marked_html(text: &str, ranges: &[Range<usize>]) -> String {
    let mut html = String::with_capacity(text.len() + 16 * ranges.len());
    let mut from = 0;
    for r in ranges {
        html.push_str(&escape_html(&text[from..r.start]));
        html.push_str("<mark>");
        html.push_str(&escape_html(&text[r.clone()]));
        html.push_str("</mark>");
        from = r.end;
    }
    html.push_str(&escape_html(&text[from..]));
    html
}

/// The longest beginning of `text` of at most `bytes`, whole letters.
fn at_most(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Bytes of a snippet of [`SNIPPET_CHARS`] letters written as `text` is: as many bytes a
/// letter as `text` has on average.
fn snippet_bytes(text: &str) -> usize {
    let chars = text.chars().count().max(1);
    SNIPPET_CHARS * text.len() / chars
}

/// Highlights the query's terms in one field's text.
pub(crate) struct Highlighter {
    generator: SnippetGenerator,
    marks: Marks,
}

/// Marks the query's terms in one field's text.
pub(crate) struct Marks {
    analyzer: TextAnalyzer,
    /// The query's terms in the field (for a snippet, those some article has).
    terms: BTreeSet<String>,
    /// Terms the query has only as words of a phrase (a place's name of several words, a
    /// quoted phrase): highlighted only beside another highlighted word, so "peninsula"
    /// alone is not taken for "Crimean peninsula".
    phrase_only: BTreeSet<String>,
}

/// The terms of `query` in `field`, and those it has only within phrases.
fn field_terms(query: &dyn Query, field: Field) -> (BTreeSet<Term>, BTreeSet<Term>) {
    let mut terms = BTreeSet::new();
    let mut alone = BTreeSet::new();
    query.query_terms(&mut |term, in_phrase| {
        if term.field() == field {
            terms.insert(term.clone());
            if !in_phrase {
                alone.insert(term.clone());
            }
        }
    });
    let phrase_only = terms.difference(&alone).cloned().collect();
    (terms, phrase_only)
}

/// A text field's term as text.
fn term_text(term: &Term) -> Option<String> {
    term.value().as_str().map(str::to_string)
}

/// Highlights the query's terms in `field`, rarer terms counting more (as tantivy's own
/// generator weighs them), analysing only the words that can match.
pub(crate) fn highlighter(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<Highlighter, Error> {
    let (terms, phrase_only) = field_terms(query, field);
    let mut weights = BTreeMap::new();
    for term in &terms {
        let docs = searcher.doc_freq(term)?;
        if docs > 0
            && let Some(text) = term_text(term)
        {
            weights.insert(text, 1.0 / (1.0 + docs as Score));
        }
    }
    let marks = Marks::new(
        weights.keys().cloned().collect(),
        phrase_only
            .iter()
            .filter_map(term_text)
            .filter(|t| weights.contains_key(t))
            .collect(),
    );
    Ok(Highlighter {
        generator: SnippetGenerator::new(weights, marks.analyzer.clone(), field, SNIPPET_CHARS),
        marks,
    })
}

/// Marks the query's terms in `field` (a title's, shown whole): every term, without the
/// index's counts a snippet's choice of passage needs.
pub(crate) fn marks(query: &dyn Query, field: Field) -> Marks {
    let (terms, phrase_only) = field_terms(query, field);
    Marks::new(
        terms.iter().filter_map(term_text).collect(),
        phrase_only.iter().filter_map(term_text).collect(),
    )
}

/// Most characters between two words of one phrase as written ("Kyiv region",
/// "Kyiv-region", "Kyiv – region").
const MAX_PHRASE_GAP: usize = 3;

/// Whether the words at `a` and then `b` in `text` stand as a phrase's words do.
fn beside(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= MAX_PHRASE_GAP && !gap.chars().any(char::is_alphanumeric)
}

impl Highlighter {
    /// The snippet of `body`, its matches marked; none when none of the query's terms is
    /// in it, or only words of phrases away from the rest of them.
    pub(crate) fn highlighted(&mut self, body: &str, hints: Option<&HintFinder>) -> Option<String> {
        let passage = hints.and_then(|h| h.densest(body));
        let around = window(body, passage.as_ref());
        self.marked(around)
            // A hint may start another word than the query's ("Київської", of the region,
            // for Kyiv), none be found, or the generator prefer a stretch of words it marks
            // only within phrases ("region" after every oblast's name): then the snippet is
            // the body's first match as the query has it.
            .or_else(|| {
                let found = self.first_match(at_most(body, SNIPPET_FALLBACK_BYTES))?;
                let around = window(body, Some(&found));
                self.marked(at_most(around, snippet_bytes(around)))
            })
    }

    /// Where `text` first has a term of the query as the query has it: a term it has
    /// alone, or a word of a phrase beside another of its words.
    fn first_match(&mut self, text: &str) -> Option<Passage> {
        let marks = &mut self.marks;
        let mut stream = marks.analyzer.token_stream(text);
        // The last query term read, if the one just before.
        let mut previous: Option<Range<usize>> = None;
        while let Some(token) = stream.next() {
            if !marks.terms.contains(&token.text) {
                previous = None;
                continue;
            }
            let here = token.offset_from..token.offset_to;
            let start = match &previous {
                _ if !marks.phrase_only.contains(&token.text) => Some(here.start),
                Some(p) if beside(text, p, &here) => Some(p.start),
                _ => None,
            };
            if let Some(at) = start {
                return Some(Passage::one(at, here.end));
            }
            previous = Some(here);
        }
        None
    }

    /// The best fragment of `text` with its matches marked; none when none of the query's
    /// terms is in it, or only words of phrases away from the rest of them.
    fn marked(&mut self, text: &str) -> Option<String> {
        // The generator counts bytes: a snippet in Cyrillic, two bytes a letter, would
        // otherwise be half as long as one in Latin letters.
        self.generator.set_max_num_chars(snippet_bytes(text));
        let snippet = self.generator.snippet(text);
        if snippet.is_empty() {
            return None;
        }
        let ranges = collapse_overlapped_ranges(snippet.highlighted());
        self.marks.with_marks(snippet.fragment(), &ranges)
    }
}

impl Marks {
    fn new(terms: BTreeSet<String>, phrase_only: BTreeSet<String>) -> Marks {
        let texts: Vec<String> = terms.iter().cloned().collect();
        Marks {
            analyzer: frontline_schema::analysis::highlight_analyzer(&texts),
            terms,
            phrase_only,
        }
    }

    /// The whole of `text` (a title) with the query's terms in it marked; none when it
    /// has none, or only words of phrases away from the rest of them.
    pub(crate) fn marked_whole(&mut self, text: &str) -> Option<String> {
        let mut ranges = Vec::new();
        {
            let mut stream = self.analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                if self.terms.contains(&token.text) {
                    ranges.push(token.offset_from..token.offset_to);
                }
            }
        }
        self.with_marks(text, &collapse_overlapped_ranges(&ranges))
    }

    /// `text` HTML-escaped with `ranges` (in order, apart) marked, but a word the query has
    /// only within phrases unless beside another marked word; none when nothing is marked.
    fn with_marks(&mut self, text: &str, ranges: &[Range<usize>]) -> Option<String> {
        let mut kept = Vec::with_capacity(ranges.len());
        for (i, r) in ranges.iter().enumerate() {
            if !self.phrase_only(&text[r.clone()])
                || i > 0 && beside(text, &ranges[i - 1], r)
                || ranges.get(i + 1).is_some_and(|next| beside(text, r, next))
            {
                kept.push(r.clone());
            }
        }
        (!kept.is_empty()).then(|| marked_html(text, &kept))
    }

    /// Whether a highlighted word is a term the query has only within phrases.
    fn phrase_only(&mut self, word: &str) -> bool {
        if self.phrase_only.is_empty() {
            return false;
        }
        let mut stream = self.analyzer.token_stream(word);
        let mut only = false;
        while let Some(token) = stream.next() {
            only |= self.phrase_only.contains(&token.text);
        }
        only
    }
}

#[cfg(test)]
mod tests {
    use frontline_schema::stored::StoredPlace;

    use super::{Marks, place_mention};

    fn place(path: &str, spans: Vec<[usize; 2]>) -> StoredPlace {
        StoredPlace {
            geonameid: 1,
            name: path.rsplit('/').next().unwrap_or_default().to_string(),
            path: path.to_string(),
            kind: "region".to_string(),
            admin1: String::new(),
            mentions: spans.len(),
            spans,
            in_title: false,
            focus: false,
            reason: String::new(),
            lat: 0.0,
            lon: 0.0,
        }
    }

    #[test]
    fn a_title_is_shown_whole_escaped_with_its_terms_marked() {
        let terms = ["kyiv".to_string()].into_iter().collect();
        let mut marks = Marks::new(terms, Default::default());
        assert_eq!(
            marks
                .marked_whole("<b>Kyiv</b> & \"Kyiv's\" day")
                .as_deref(),
            Some(
                "&lt;b&gt;<mark>Kyiv</mark>&lt;/b&gt; &amp; &quot;<mark>Kyiv&#39;s</mark>&quot; day"
            )
        );
        assert_eq!(marks.marked_whole("Odesa <script>"), None);
        // A word the query has only within a phrase is marked only beside another.
        let terms = ["crimea", "peninsula"]
            .map(String::from)
            .into_iter()
            .collect();
        let phrase_only = ["peninsula".to_string()].into_iter().collect();
        let mut marks = Marks::new(terms, phrase_only);
        assert_eq!(marks.marked_whole("A peninsula"), None);
        assert_eq!(
            marks.marked_whole("Crimea peninsula").as_deref(),
            Some("<mark>Crimea</mark> <mark>peninsula</mark>")
        );
    }

    #[test]
    fn a_place_is_shown_at_its_first_mention_then_at_a_place_within_it() {
        let body =
            "Війська вибито із Київської, Чернігівської та Сумської областей. Буча <вільна>.";
        let at = |word: &str| {
            let from = body.find(word).unwrap_or_default();
            [from, from + word.len()]
        };
        let kyiv = "/Ukraine/Kyiv Oblast";
        let places = vec![
            place("/Ukraine/Kyiv Oblast/Bucha", vec![at("Буча")]),
            place(kyiv, vec![at("Київської")]),
        ];
        let shown = place_mention(body, &places, &[kyiv]).unwrap_or_default();
        assert!(
            shown.contains("із <mark>Київської</mark>, Чернігівської"),
            "{shown}"
        );
        // Within the region, when the region itself has no mention; the text escaped.
        let places = vec![place("/Ukraine/Kyiv Oblast/Bucha", vec![at("Буча")])];
        let shown = place_mention(body, &places, &[kyiv]).unwrap_or_default();
        assert!(
            shown.contains("<mark>Буча</mark> &lt;вільна&gt;"),
            "{shown}"
        );
        // Not a place of another region, nor a span the body does not have.
        assert_eq!(place_mention(body, &places, &["/Ukraine/Kyiv"]), None);
        let broken = vec![place(kyiv, vec![[1, 2], [0, body.len() + 10]])];
        assert_eq!(place_mention(body, &broken, &[kyiv]), None);
        // A mention longer than a snippet's window is shown whole.
        let long = "слово ".repeat(300);
        let spans = vec![place(kyiv, vec![[11, long.len() - 1]])];
        let shown = place_mention(&long, &spans, &[kyiv]).unwrap_or_default();
        assert!(shown.starts_with("<mark>слово"), "{shown}");
        assert!(shown.ends_with("слово</mark>"), "{shown}");
        assert_eq!(shown.matches("слово").count(), 299, "{shown}");
    }
}
