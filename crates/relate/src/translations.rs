//! Translations: an article and its version in another language, linked from evidence no
//! language owns. A translation is published at about the same time, cites the same
//! numbers, names the same places and people (names compared by their romanised start),
//! and is about as long. Near-duplicates are one story already, so links join clusters:
//! each cluster's best partner in another language, kept only when that cluster's best
//! partner is it in turn and no third cluster comes close.

use frontline_gazetteer::translit::romanize_uk;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Hours apart beyond which two articles are never translations of each other.
const WINDOW_SECS: i64 = 2 * 24 * 3600;
/// Lowest score of a link.
pub const MIN_CONFIDENCE: f32 = 0.3;
/// How far a cluster's best partner must score above its second best.
const MARGIN: f32 = 0.05;
/// Evidence items of each kind kept per article at most: those of the lowest hashes, so two
/// long articles keep the same sample of what they share.
const MAX_PER_KIND: usize = 12;
/// Items that find candidates: an article's rarest few.
const SEEKING_ITEMS: usize = 6;
/// An item in more articles than this finds no candidates (it still scores).
const MAX_SEEKING_DF: u32 = 5_000;
/// Letters of a name compared: enough to tell surnames apart, few enough to pass over
/// case endings and romanisation variants (Sokolovska, Соколовської → sokol).
const NAME_LETTERS: usize = 5;

/// Kinds of evidence, in an item's top bits.
const NUMBER: u32 = 0;
const PLACE: u32 = 1 << 30;
const NAME: u32 = 2 << 30;
const KIND: u32 = 3 << 30;

/// Weights of the evidence in a link's score.
const W_TIME: f32 = 0.3;
const W_NUMBERS: f32 = 0.2;
const W_PLACES: f32 = 0.15;
const W_NAMES: f32 = 0.25;
const W_LENGTH: f32 = 0.1;

/// What one article offers as evidence.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Seconds since the epoch.
    pub published: i64,
    /// Characters of the body.
    pub chars: u32,
    /// Sorted, distinct: numbers, places and names, each kind in its own top bits.
    items: Box<[u32]>,
}

impl Evidence {
    /// Evidence of an article: its publication time, its title and body, and the ids of the
    /// places it names.
    pub fn new(
        published: i64,
        title: Option<&str>,
        body: &str,
        places: impl IntoIterator<Item = u64>,
    ) -> Evidence {
        let mut items = Vec::new();
        for text in title.into_iter().chain([body]) {
            numbers(text, &mut |n| items.push(NUMBER | item_hash(n.as_bytes())));
            names(text, &mut |n| items.push(NAME | item_hash(n.as_bytes())));
        }
        items.extend(
            places
                .into_iter()
                .map(|id| PLACE | item_hash(&id.to_le_bytes())),
        );
        items.sort_unstable();
        items.dedup();
        // Sorted by kind, then hash: keep the first few of each kind.
        let mut kept = 0;
        let mut last_kind = None;
        items.retain(|it| {
            if last_kind != Some(it & KIND) {
                last_kind = Some(it & KIND);
                kept = 0;
            }
            kept += 1;
            kept <= MAX_PER_KIND
        });
        Evidence {
            published,
            chars: body.chars().count() as u32,
            items: items.into_boxed_slice(),
        }
    }
}

fn item_hash(bytes: &[u8]) -> u32 {
    (xxh3_64(bytes) as u32) & !KIND
}

/// Numbers as written in any language: thousands groups (`1,500`, `1 500`, `1.500`) joined,
/// a decimal comma read as a point.
fn numbers(text: &str, out: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut number = String::new();
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        number.clear();
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                number.push(bytes[i] as char);
                i += 1;
                continue;
            }
            let (sep_len, is_sep) = separator(&text[i..]);
            let digits_after = bytes[i + sep_len.min(bytes.len() - i)..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if is_sep && digits_after == 3 {
                i += sep_len;
            } else if is_sep && digits_after > 0 && matches!(bytes[i], b'.' | b',') {
                number.push('.');
                i += sep_len;
            } else {
                break;
            }
        }
        let trimmed = number.trim_start_matches('0');
        out(if trimmed.is_empty() || trimmed.starts_with('.') {
            &number
        } else {
            trimmed
        });
    }
}

/// A separator inside a number at the start of `rest`: its length in bytes.
fn separator(rest: &str) -> (usize, bool) {
    match rest.chars().next() {
        Some(c @ (',' | '.' | ' ' | '\u{a0}' | '\u{202f}')) => (c.len_utf8(), true),
        _ => (0, false),
    }
}

/// Capitalised words not opening a sentence, romanised (Ukrainian Cyrillic), lower-cased,
/// cut to their first letters.
fn names(text: &str, out: &mut impl FnMut(&str)) {
    let mut sentence_start = true;
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let letters = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = word
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '\n' | '«' | '"' | '“'));
        let capital = letters.chars().next().is_some_and(char::is_uppercase);
        if capital && !sentence_start && letters.chars().count() >= 4 {
            let latin = if letters.chars().any(frontline_gazetteer::fold::is_cyrillic) {
                romanize_uk(letters)
            } else {
                Some(letters.to_string())
            };
            if let Some(latin) = latin {
                let key: String = latin
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .map(|c| c.to_ascii_lowercase())
                    .take(NAME_LETTERS)
                    .collect();
                if key.len() == NAME_LETTERS {
                    out(&key);
                }
            }
        }
        if !letters.is_empty() {
            sentence_start = false;
        }
        if ends_sentence {
            sentence_start = true;
        }
    }
}

/// Articles as the linker sees them, stored flat: their evidence in one allocation however
/// many articles there are, since all of them are held until the last is written.
#[derive(Debug, Default)]
pub struct Articles {
    meta: Vec<Meta>,
    items: Vec<u32>,
}

/// One article of [`Articles`]: its cluster, its language (any number standing for one
/// language), its publication time and length, and where its items are.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub cluster: u64,
    pub published: i64,
    pub chars: u32,
    pub lang: u16,
    start: u32,
    len: u16,
}

impl Articles {
    pub fn push(&mut self, cluster: u64, lang: u16, evidence: &Evidence) {
        self.meta.push(Meta {
            cluster,
            published: evidence.published,
            chars: evidence.chars,
            lang,
            start: self.items.len() as u32,
            len: evidence.items.len() as u16,
        });
        self.items.extend_from_slice(&evidence.items);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Meta> {
        self.meta.iter()
    }

    fn items(&self, m: &Meta) -> &[u32] {
        &self.items[m.start as usize..m.start as usize + usize::from(m.len)]
    }
}

/// Two clusters in different languages found to be one article translated.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: u64,
    pub b: u64,
    pub confidence: f32,
}

/// Links the clusters of `articles` to their translations.
pub fn link(articles: &Articles) -> Vec<Link> {
    let meta = &articles.meta;
    let n = meta.len().max(1) as f32;
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for item in &articles.items {
        *df.entry(*item).or_default() += 1;
    }
    let freq = |item: &u32| df.get(item).copied().unwrap_or(0);
    let weight = |item: &u32| (n / (1.0 + freq(item) as f32)).ln();
    // Each article under its rarest items, in publication order for the time window.
    let mut seeking: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, a) in meta.iter().enumerate() {
        let mut rare: Vec<&u32> = articles
            .items(a)
            .iter()
            .filter(|it| freq(it) <= MAX_SEEKING_DF)
            .collect();
        rare.sort_by_key(|it| freq(it));
        for item in rare.into_iter().take(SEEKING_ITEMS) {
            seeking.entry(*item).or_default().push(i as u32);
        }
    }
    for list in seeking.values_mut() {
        list.sort_by_key(|&i| meta[i as usize].published);
    }

    // The best score of each pair of clusters.
    let mut pairs: FxHashMap<(u64, u64), f32> = FxHashMap::default();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for (i, a) in meta.iter().enumerate() {
        seen.clear();
        let t = a.published;
        for item in articles.items(a) {
            let Some(list) = seeking.get(item) else {
                continue;
            };
            let from = list.partition_point(|&j| meta[j as usize].published < t - WINDOW_SECS);
            for &j in list[from..]
                .iter()
                .take_while(|&&j| meta[j as usize].published <= t + WINDOW_SECS)
            {
                let b = &meta[j as usize];
                if j as usize == i || b.lang == a.lang || b.cluster == a.cluster || !seen.insert(j)
                {
                    continue;
                }
                let s = score((a, articles.items(a)), (b, articles.items(b)), &weight);
                let key = (a.cluster.min(b.cluster), a.cluster.max(b.cluster));
                let best = pairs.entry(key).or_insert(0.0);
                *best = best.max(s);
            }
        }
    }

    // Per cluster, its two best partners.
    let mut tops: FxHashMap<u64, [(f32, u64); 2]> = FxHashMap::default();
    for (&(x, y), &s) in &pairs {
        for (me, other) in [(x, y), (y, x)] {
            let top = tops.entry(me).or_insert([(0.0, 0); 2]);
            if s > top[0].0 || (s == top[0].0 && other < top[0].1) {
                top[1] = top[0];
                top[0] = (s, other);
            } else if s > top[1].0 {
                top[1] = (s, other);
            }
        }
    }
    let mut links: Vec<Link> = pairs
        .iter()
        .filter(|&(&(x, y), &s)| {
            let mutual = |me: u64, other: u64| {
                tops.get(&me)
                    .is_some_and(|t| t[0].1 == other && t[0].0 - t[1].0 >= MARGIN)
            };
            s >= MIN_CONFIDENCE && mutual(x, y) && mutual(y, x)
        })
        .map(|(&(a, b), &confidence)| Link { a, b, confidence })
        .collect();
    links.sort_by_key(|l| (l.a, l.b));
    links
}

/// How much two articles look like one article in two languages, 0 to 1.
fn score(
    (a, a_items): (&Meta, &[u32]),
    (b, b_items): (&Meta, &[u32]),
    weight: &impl Fn(&u32) -> f32,
) -> f32 {
    let hours = (a.published - b.published).abs() as f32 / 3600.0;
    // Close within a day, closest when published together.
    let time = 0.5 * (-hours / 12.0).exp() + 0.5 * (-hours / 0.5).exp();
    let shorter = a.chars.min(b.chars) as f32;
    let longer = a.chars.max(b.chars).max(1) as f32;
    W_TIME * time
        + W_NUMBERS * overlap(a_items, b_items, NUMBER, weight)
        + W_PLACES * overlap(a_items, b_items, PLACE, weight)
        + W_NAMES * overlap(a_items, b_items, NAME, weight)
        + W_LENGTH * shorter / longer
}

/// Rarity-weighted Jaccard similarity of the items of one kind.
fn overlap(a: &[u32], b: &[u32], kind: u32, weight: &impl Fn(&u32) -> f32) -> f32 {
    // Items are sorted by kind first: each kind is one run.
    let of_kind = |items: &[u32]| -> std::ops::Range<usize> {
        items.partition_point(|it| it & KIND < kind)..items.partition_point(|it| it & KIND <= kind)
    };
    let (a, b) = (&a[of_kind(a)], &b[of_kind(b)]);
    let (mut both, mut either) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += weight(x);
                either += weight(x);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                either += weight(x);
                i += 1;
            }
            (Some(x), None) => {
                either += weight(x);
                i += 1;
            }
            (_, Some(y)) => {
                either += weight(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if either > 0.0 { both / either } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(f: impl Fn(&str, &mut dyn FnMut(&str)), text: &str) -> Vec<String> {
        let mut out = Vec::new();
        f(text, &mut |s| out.push(s.to_string()));
        out
    }

    #[test]
    fn numbers_read_alike_in_both_languages() {
        let f = |t: &str, out: &mut dyn FnMut(&str)| numbers(t, &mut |s| out(s));
        assert_eq!(
            collect(f, "1,500 troops, 2.5 km, 24 February, 2022."),
            ["1500", "2.5", "24", "2022"]
        );
        assert_eq!(collect(f, "1 500 військових, 2,5 км"), ["1500", "2.5"]);
        assert_eq!(collect(f, "Su-25 and A1 are not numbers"), ["25"]);
    }

    #[test]
    fn names_meet_across_scripts_and_case_endings() {
        let f = |t: &str, out: &mut dyn FnMut(&str)| names(t, &mut |s| out(s));
        let en = collect(f, "A briefing by Deputy Head Yulia Sokolovska.");
        let uk = collect(f, "Брифінг заступника керівника Юлії Соколовської.");
        assert!(en.contains(&"sokol".to_string()), "{en:?}");
        assert!(uk.contains(&"sokol".to_string()), "{uk:?}");
        // A sentence's first word is no name.
        assert!(!en.contains(&"brief".to_string()));
    }

    fn articles(list: &[(u64, &str, i64, &str, &[u64])]) -> Articles {
        let mut out = Articles::default();
        for (cluster, lang, published, text, places) in list {
            let evidence = Evidence::new(*published, None, text, places.iter().copied());
            out.push(*cluster, u16::from(*lang == "uk"), &evidence);
        }
        out
    }

    #[test]
    fn links_the_translation_not_the_neighbour() {
        let day = 86_400;
        let articles = articles(&[
            (
                1,
                "en",
                day,
                "Today, Minister Olena Kovalchuk said 1,250 families in Izium got 37 generators.",
                &[10, 11],
            ),
            (
                2,
                "uk",
                day + 60,
                "Сьогодні міністерка Олена Ковальчук повідомила: 1 250 родин в Ізюмі отримали 37 генераторів.",
                &[10, 11],
            ),
            (
                3,
                "uk",
                day + 3600,
                "Учора президент Зеленський зустрівся з прем'єром Туском у Варшаві, 14 угод.",
                &[20],
            ),
            (
                4,
                "en",
                day + 3 * day,
                "Minister Olena Kovalchuk said 1,250 families in Izium got 37 generators.",
                &[10, 11],
            ),
        ]);
        let links = link(&articles);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].a, links[0].b), (1, 2));
        assert!(links[0].confidence >= MIN_CONFIDENCE);
    }

    #[test]
    fn same_language_is_never_a_translation() {
        let articles = articles(&[
            (
                1,
                "en",
                0,
                "President Zelenskyy met Prime Minister Tusk: 14 agreements.",
                &[1],
            ),
            (
                2,
                "en",
                0,
                "President Zelenskyy met Prime Minister Tusk: 14 agreements.",
                &[1],
            ),
        ]);
        assert!(link(&articles).is_empty());
    }
}
