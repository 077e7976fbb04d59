//! Near-duplicates: MinHash signatures over word shingles, candidates from LSH bands, each
//! candidate checked on a one-byte-per-hash sketch of its whole signature before a text
//! joins its cluster.
//!
//! Clustering is online: a text joins the cluster of the most similar text seen before it
//! or starts its own, and is never moved afterwards. In corpus order that makes clusters
//! the same on every rebuild of one corpus and unchanged for the texts already there when
//! the corpus grows.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Texts with fewer words are never clustered: two short notices on one subject (two
/// briefings by one official) share most of their words without being one story.
pub const MIN_WORDS: usize = 50;
/// Estimated Jaccard similarity of two texts' shingle sets from which they are one story.
pub const SAME_STORY: f64 = 0.65;

/// Hashes per signature; the sketch keeps one byte of each.
const HASHES: usize = 64;
/// LSH bands over the first `BANDS * ROWS` hashes: texts at the threshold share a band
/// almost always, unrelated texts almost never.
const BANDS: usize = 8;
const ROWS: usize = 3;

/// Multipliers of the hash family, fixed so signatures agree across builds: 32-bit lanes,
/// so the compiler computes several hashes of a shingle in one vector instruction.
const FAMILY: [[u32; HASHES]; 3] = family();

const fn splitmix(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const fn family() -> [[u32; HASHES]; 3] {
    let mut out = [[0u32; HASHES]; 3];
    let mut i = 0;
    while i < HASHES {
        let r = splitmix(i as u64 + 1);
        out[0][i] = (r as u32) | 1;
        out[1][i] = ((r >> 32) as u32) | 1;
        out[2][i] = splitmix(r) as u32;
        i += 1;
    }
    out
}

/// A text's MinHash signature over its lower-cased word shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: [u32; HASHES],
}

impl Signature {
    /// The signature of `text`; `None` when it is too short to cluster.
    pub fn of(text: &str) -> Option<Signature> {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash)
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        let [a, b, c] = &FAMILY;
        for shingle in words.windows(SHINGLE_WORDS) {
            let h = shingle.iter().fold(0u64, |h, w| {
                (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
            });
            let (low, high) = (h as u32, (h >> 32) as u32);
            for i in 0..HASHES {
                let v = a[i]
                    .wrapping_mul(low)
                    .wrapping_add(b[i].wrapping_mul(high))
                    .wrapping_add(c[i]);
                mins[i] = mins[i].min(v);
            }
        }
        Some(Signature { mins })
    }

    fn sketch(&self) -> [u8; HASHES] {
        self.mins.map(|m| m as u8)
    }

    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.mins[..BANDS * ROWS]
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = [0u8; 4 * ROWS + 1];
                for (i, r) in rows.iter().enumerate() {
                    bytes[4 * i..4 * i + 4].copy_from_slice(&r.to_le_bytes());
                }
                bytes[4 * ROWS] = band as u8;
                xxh3_64(&bytes)
            })
    }
}

/// FNV-1a over the lower-cased characters: no allocation per word, ASCII on a fast path.
fn word_hash(word: &str) -> u64 {
    let step = |h: u64, c: u64| (h ^ c).wrapping_mul(0x0000_0100_0000_01B3);
    let start = 0xCBF2_9CE4_8422_2325;
    if word.is_ascii() {
        word.bytes()
            .fold(start, |h, b| step(h, u64::from(b.to_ascii_lowercase())))
    } else {
        word.chars()
            .flat_map(char::to_lowercase)
            .fold(start, |h, c| step(h, u64::from(c)))
    }
}

/// Estimated Jaccard similarity from two sketches: a byte agrees by chance one time in 256.
fn similarity(a: &[u8; HASHES], b: &[u8; HASHES]) -> f64 {
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64;
    let chance = 1.0 / 256.0;
    ((agree - chance) / (1.0 - chance)).max(0.0)
}

/// Where a text went: its own number among clustered texts, and the number of its
/// cluster's first text (its own when it starts the cluster).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub text: u32,
    pub first: u32,
}

/// Online clustering of texts in the order they are added.
#[derive(Debug, Default)]
pub struct Clusterer {
    /// Each band key → the first text that had it. Keys are cut to 32 bits: a collision
    /// only costs a sketch comparison.
    bands: FxHashMap<u32, u32>,
    sketches: Vec<[u8; HASHES]>,
    /// Each text → its cluster's first text.
    firsts: Vec<u32>,
}

impl Clusterer {
    pub fn new() -> Clusterer {
        Clusterer::default()
    }

    /// Adds a text: it joins the cluster of the most similar earlier text at or above
    /// [`SAME_STORY`], or starts one.
    pub fn add(&mut self, signature: &Signature) -> Placed {
        let text = self.sketches.len() as u32;
        let sketch = signature.sketch();
        let keys: Vec<u32> = signature.band_keys().map(|k| k as u32).collect();
        let mut best: Option<(f64, u32)> = None;
        let mut tried: Vec<u32> = Vec::with_capacity(BANDS);
        for key in &keys {
            let Some(&other) = self.bands.get(key) else {
                continue;
            };
            if tried.contains(&other) {
                continue;
            }
            tried.push(other);
            let s = similarity(&sketch, &self.sketches[other as usize]);
            if s >= SAME_STORY && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, other));
            }
        }
        let first = best.map_or(text, |(_, other)| self.firsts[other as usize]);
        for key in keys {
            self.bands.entry(key).or_insert(text);
        }
        self.sketches.push(sketch);
        self.firsts.push(first);
        Placed { text, first }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` distinct words from a seed, so different seeds share no shingles.
    fn text(seed: u64, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("w{:x}", splitmix(seed * 100_000 + i as u64) % 1_000_000))
            .collect()
    }

    #[test]
    fn short_texts_are_not_clustered() {
        assert!(Signature::of(&text(1, MIN_WORDS - 1).join(" ")).is_none());
        assert!(Signature::of(&text(1, MIN_WORDS).join(" ")).is_some());
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let words = text(2, 80);
        let plain = words.join(" ");
        let shouted = words
            .iter()
            .map(|w| w.to_uppercase())
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(Signature::of(&plain), Signature::of(&shouted));
    }

    #[test]
    fn copies_and_light_edits_join_unrelated_texts_do_not() {
        let mut c = Clusterer::new();
        let original = text(3, 400);
        let a = c.add(&Signature::of(&original.join(" ")).expect("long"));
        assert_eq!(a.first, a.text);
        // One word in forty changed: most shingles survive.
        let mut edited = original.clone();
        for (i, w) in edited.iter_mut().enumerate() {
            if i % 40 == 0 {
                *w = format!("x{i}");
            }
        }
        let b = c.add(&Signature::of(&edited.join(" ")).expect("long"));
        assert_eq!(b.first, a.text);
        let other = c.add(&Signature::of(&text(4, 400).join(" ")).expect("long"));
        assert_eq!(other.first, other.text);
        // Half of one text and half of another is neither.
        let mut mixed = original[..200].to_vec();
        mixed.extend(text(5, 200));
        let m = c.add(&Signature::of(&mixed.join(" ")).expect("long"));
        assert_eq!(m.first, m.text);
    }

    #[test]
    fn a_cluster_keeps_its_first_text() {
        let mut c = Clusterer::new();
        let words = text(6, 300).join(" ");
        let first = c.add(&Signature::of(&words).expect("long"));
        for _ in 0..3 {
            assert_eq!(
                c.add(&Signature::of(&words).expect("long")).first,
                first.text
            );
        }
    }
}
