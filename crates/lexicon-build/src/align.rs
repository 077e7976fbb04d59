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

/// Passages of a translated pair that translate each other: a sentence, or two sentences
/// one side says in one or two, matched by length (Gale and Church's aligner), within
/// paragraphs when both texts have as many, else across the whole text. A sentence with no
/// counterpart, or a run too long to teach which word is which, is left out.
pub fn passages(en: &str, uk: &str) -> Vec<(String, String)> {
    let (pe, pu) = (paragraphs(en), paragraphs(uk));
    let blocks: Vec<(Vec<&str>, Vec<&str>)> = if pe.len() == pu.len() {
        pe.into_iter()
            .zip(pu)
            .map(|(e, u)| (sentences(e), sentences(u)))
            .collect()
    } else {
        vec![(all_sentences(pe), all_sentences(pu))]
    };
    blocks
        .into_iter()
        .flat_map(|(e, u)| aligned_sentences(&e, &u))
        .filter(|(e, u)| {
            e.chars().count() <= MAX_PASSAGE_CHARS && u.chars().count() <= MAX_PASSAGE_CHARS
        })
        .collect()
}

fn all_sentences(paragraphs: Vec<&str>) -> Vec<&str> {
    paragraphs.into_iter().flat_map(sentences).collect()
}

/// Longest passage kept, per side: longer ones pair too many words with each other.
const MAX_PASSAGE_CHARS: usize = 600;

/// The ways sentences may correspond (English count, Ukrainian count) and how often each
/// occurs in translated text (Gale and Church's estimates).
const BEADS: [((usize, usize), f64); 6] = [
    ((1, 1), 0.89),
    ((1, 0), 0.0099 / 2.0),
    ((0, 1), 0.0099 / 2.0),
    ((2, 1), 0.089 / 2.0),
    ((1, 2), 0.089 / 2.0),
    ((2, 2), 0.011),
];

/// Variance of the Ukrainian length per English character (Gale and Church's figure).
const LENGTH_VARIANCE: f64 = 6.8;

/// The best alignment of two sentence lists by length: dynamic programming over beads,
/// each costing how unlikely its length ratio and its kind are.
fn aligned_sentences(en: &[&str], uk: &[&str]) -> Vec<(String, String)> {
    // Characters before each sentence, so a run's length is one subtraction.
    let starts = |s: &[&str]| {
        let mut out = vec![0usize];
        for x in s {
            out.push(out[out.len() - 1] + x.chars().count());
        }
        out
    };
    let (at_en, at_uk) = (starts(en), starts(uk));
    let (n, m) = (en.len(), uk.len());
    if at_en[n] == 0 || at_uk[m] == 0 {
        return Vec::new();
    }
    let ratio = at_uk[m] as f64 / at_en[n] as f64;
    // cost[i][j]: the cheapest alignment of the first i English and j Ukrainian sentences.
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut step = vec![vec![(0, 0); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for &((de, du), prior) in &BEADS {
                let (ni, nj) = (i + de, j + du);
                if ni > n || nj > m {
                    continue;
                }
                let (len_en, len_uk) = (at_en[ni] - at_en[i], at_uk[nj] - at_uk[j]);
                let c = cost[i][j] + bead_cost(len_en as f64, len_uk as f64, ratio) - prior.ln();
                if c < cost[ni][nj] {
                    cost[ni][nj] = c;
                    step[ni][nj] = (de, du);
                }
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (de, du) = step[i][j];
        if de > 0 && du > 0 {
            out.push((en[i - de..i].join(" "), uk[j - du..j].join(" ")));
        }
        (i, j) = (i - de, j - du);
    }
    out.reverse();
    out
}

/// How unlikely it is that texts of these lengths translate each other: minus the log of
/// the two-sided tail of the normal distribution at their length difference's deviation.
fn bead_cost(en: f64, uk: f64, ratio: f64) -> f64 {
    let mean = (en + uk / ratio) / 2.0;
    let delta = (uk - en * ratio) / (mean * LENGTH_VARIANCE).sqrt();
    -(2.0f64.ln() + ln_upper_tail(delta.abs()))
}

/// The log of the standard normal distribution's upper tail at `x` ≥ 0 (Abramowitz and
/// Stegun 26.2.17), computed in logs so that far tails still differ.
fn ln_upper_tail(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x);
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    -x * x / 2.0 - (2.0 * std::f64::consts::PI).sqrt().ln() + poly.ln()
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

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(e, u)| (e.to_string(), u.to_string()))
            .collect()
    }

    #[test]
    fn sentences_pair_by_length_within_paragraphs() {
        let p = passages(
            "One.\n\nTwo words. Three more words.",
            "Один.\n\nДва слова. Три інші слова.",
        );
        let want = [
            ("One.", "Один."),
            ("Two words.", "Два слова."),
            ("Three more words.", "Три інші слова."),
        ];
        assert_eq!(p, owned(&want));
    }

    #[test]
    fn a_sentence_said_in_two_joins_them() {
        let en = "The war began at dawn. Missiles hit the cities of the east and the \
                  capital at once, and many people were killed. We hold on.";
        let uk = "Війна почалася на світанку. Ракети вдарили по містах сходу й по \
                  столиці одночасно. Загинуло багато людей. Ми тримаємося.";
        let p = passages(en, uk);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[1].1.starts_with("Ракети") && p[1].1.ends_with("людей."),
            "{p:?}"
        );
        assert_eq!(p[2], ("We hold on.".into(), "Ми тримаємося.".into()));
    }

    #[test]
    fn paragraphs_that_differ_in_number_are_aligned_as_one_text() {
        // A heading has no full stop, but its paragraph still ends its sentence.
        let p = passages(
            "A heading\n\nOne. Two words here.",
            "Заголовок\n\nОдин.\n\nДва слова тут.",
        );
        let want = [
            ("A heading", "Заголовок"),
            ("One.", "Один."),
            ("Two words here.", "Два слова тут."),
        ];
        assert_eq!(p, owned(&want));
    }

    #[test]
    fn a_run_too_long_to_learn_from_is_left_out() {
        let en = "word ".repeat(150) + ".";
        let uk = "слово ".repeat(150) + ".";
        assert!(passages(&en, &uk).is_empty());
        assert!(passages("", "").is_empty());
    }
}
