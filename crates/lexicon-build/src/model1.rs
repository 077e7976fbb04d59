//! IBM Model 1: expectation–maximisation over passage pairs for t(target | source), the
//! probability that a source term is translated by a target term. A null source term takes
//! the target words nothing in the source explains.

use rustc_hash::FxHashMap;

/// Term ids of a passage pair: source side, target side.
pub type Passage = (Vec<u32>, Vec<u32>);

/// The source id standing for "no source term".
pub const NULL: u32 = u32::MAX;

/// t(target | source) for every pair that shares a passage.
#[derive(Debug, Default)]
pub struct Model {
    pub t: FxHashMap<(u32, u32), f32>,
}

/// Trains t(target | source) for `iterations` rounds.
pub fn train(passages: &[Passage], iterations: usize) -> Model {
    let mut t: FxHashMap<(u32, u32), f32> = FxHashMap::default();
    for (src, tgt) in passages {
        for &s in src.iter().chain(std::iter::once(&NULL)) {
            for &e in tgt {
                t.insert((s, e), 1.0);
            }
        }
    }
    for _ in 0..iterations {
        let mut counts: FxHashMap<(u32, u32), f32> = FxHashMap::default();
        let mut totals: FxHashMap<u32, f32> = FxHashMap::default();
        for (src, tgt) in passages {
            for &e in tgt {
                let sources = src.iter().chain(std::iter::once(&NULL));
                let denom: f32 = sources.clone().map(|&s| t[&(s, e)]).sum();
                for &s in sources {
                    let c = t[&(s, e)] / denom;
                    *counts.entry((s, e)).or_default() += c;
                    *totals.entry(s).or_default() += c;
                }
            }
        }
        for (&(s, e), c) in &counts {
            t.insert((s, e), c / totals[&s]);
        }
    }
    Model { t }
}

#[cfg(test)]
mod tests {
    use super::train;

    #[test]
    fn learns_which_word_translates_which() {
        // 0 = "дім", 1 = "великий", 2 = "малий"; 10 = "house", 11 = "big", 12 = "small".
        let passages = vec![
            (vec![1, 0], vec![11, 10]),
            (vec![2, 0], vec![12, 10]),
            (vec![0], vec![10]),
            (vec![1], vec![11]),
        ];
        let model = train(&passages, 10);
        let t = |s, e| model.t.get(&(s, e)).copied().unwrap_or(0.0);
        assert!(t(0, 10) > 0.8, "{}", t(0, 10));
        assert!(t(1, 11) > 0.8, "{}", t(1, 11));
        assert!(t(2, 12) > t(2, 10), "{} {}", t(2, 12), t(2, 10));
    }
}
