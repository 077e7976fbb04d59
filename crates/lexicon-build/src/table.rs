//! From passage pairs to the table's entries: terms through the index's analyser, word
//! pairs that stand together far more often than chance as units of their own ("martial
//! law", "воєнний стан"), Model 1 in both directions, and only the pairs both directions
//! are sure of.

use frontline_gazetteer::fold::is_cyrillic;
use frontline_gazetteer::translit::{romanize_ru, romanize_uk};
use frontline_lexicon::Entry;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model1::{self, Passage};

/// Rounds of Model 1 training; the translations of common terms settle within a few.
const ITERATIONS: usize = 8;
/// Least probability of a translation given the term, for the pair to be kept.
const MIN_PROBABILITY: f32 = 0.1;
/// Least probability the other way. Far lower, since many words of one language may share
/// one translation ("загиблі" and "вбиті" are both "killed"), but a word that follows
/// every term of the other language ("the", "of") stays below it.
const MIN_REVERSE_PROBABILITY: f32 = 0.01;
/// Least number of passages each term of a pair must occur in: rarer ones are guesses.
const MIN_PASSAGES: u32 = 3;
/// How many times more often than chance two adjacent terms must stand together to be a
/// unit (pointwise mutual information, as a ratio).
const MIN_ASSOCIATION: f64 = 20.0;
/// Most translations kept per term.
const MAX_TRANSLATIONS: usize = 3;

/// Term ids and passage counts.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    passages: Vec<u32>,
}

impl Vocabulary {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        self.passages.push(0);
        id
    }

    fn count_passage(&mut self, ids: &[u32]) {
        let mut seen = ids.to_vec();
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.passages[id as usize] += 1;
        }
    }
}

/// Adjacent term pairs of one language's passages that occur in enough passages and
/// together far more often than their terms' frequencies predict.
fn units(passages: &[Vec<String>]) -> FxHashSet<(String, String)> {
    let mut single: FxHashMap<&str, f64> = FxHashMap::default();
    let mut pairs: FxHashMap<(&str, &str), f64> = FxHashMap::default();
    let mut in_passages: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut total = 0.0;
    for p in passages {
        for t in p {
            *single.entry(t).or_default() += 1.0;
            total += 1.0;
        }
        let mut seen: Vec<(&str, &str)> = p
            .windows(2)
            .map(|w| (w[0].as_str(), w[1].as_str()))
            .collect();
        for &pair in &seen {
            *pairs.entry(pair).or_default() += 1.0;
        }
        seen.sort_unstable();
        seen.dedup();
        for pair in seen {
            *in_passages.entry(pair).or_default() += 1;
        }
    }
    pairs
        .into_iter()
        .filter(|((a, b), n)| {
            in_passages[&(*a, *b)] >= MIN_PASSAGES
                && a != b
                && n * total / (single[a] * single[b]) >= MIN_ASSOCIATION
        })
        .map(|((a, b), _)| (a.to_string(), b.to_string()))
        .collect()
}

/// A passage's terms and the units among its adjacent pairs, as ids.
fn with_units(
    vocab: &mut Vocabulary,
    terms: &[String],
    units: &FxHashSet<(String, String)>,
) -> Vec<u32> {
    let mut ids: Vec<u32> = terms.iter().map(|t| vocab.id(t)).collect();
    for w in terms.windows(2) {
        if units.contains(&(w[0].clone(), w[1].clone())) {
            ids.push(vocab.id(&format!("{} {}", w[0], w[1])));
        }
    }
    vocab.count_passage(&ids);
    ids
}

/// Fewest words inside sentences a term must be written as to be told a name or not.
const MIN_NAME_WORDS: u32 = 3;
/// Least share of a term's words inside a sentence written capitalised for it to be a name.
const MIN_NAME_SHARE: f32 = 0.9;

/// The terms of words the passages write capitalised inside a sentence nearly always, often
/// enough to tell: names ("Fedorov", "Федоров"), not words that begin sentences.
fn names(pairs: &[(&str, &str)], analyse: &impl Fn(&str) -> Vec<String>) -> FxHashSet<String> {
    // Per term: how often it is written capitalised within a sentence, and how often at all.
    let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
    for text in pairs.iter().flat_map(|(en, uk)| [*en, *uk]) {
        let mut starts_sentence = true;
        for word in text.split_whitespace() {
            let letters = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !starts_sentence && let [term] = analyse(letters).as_slice() {
                let count = counts.entry(term.clone()).or_default();
                count.0 += u32::from(letters.chars().next().is_some_and(char::is_uppercase));
                count.1 += 1;
            }
            starts_sentence = word
                .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
                .ends_with(['.', '!', '?', ':', '…']);
        }
    }
    counts
        .into_iter()
        .filter(|(_, (capitalised, all))| {
            *all >= MIN_NAME_WORDS && *capitalised as f32 >= MIN_NAME_SHARE * *all as f32
        })
        .map(|(term, _)| term)
        .collect()
}

/// The table's entries, both ways, learned from (English, Ukrainian) passage pairs whose
/// text `analyse` turns into index terms. A unit's entry joins its terms with a space.
pub fn learn(pairs: &[(&str, &str)], analyse: impl Fn(&str) -> Vec<String>) -> Vec<Entry> {
    let en: Vec<Vec<String>> = pairs.iter().map(|(e, _)| analyse(e)).collect();
    let uk: Vec<Vec<String>> = pairs.iter().map(|(_, u)| analyse(u)).collect();
    let (en_units, uk_units) = (units(&en), units(&uk));
    let names = names(pairs, &analyse);
    let mut vocab = Vocabulary::default();
    let uk_en: Vec<Passage> = uk
        .iter()
        .zip(&en)
        .map(|(u, e)| {
            let u = with_units(&mut vocab, u, &uk_units);
            let e = with_units(&mut vocab, e, &en_units);
            (u, e)
        })
        .collect();
    let en_uk: Vec<Passage> = uk_en.iter().map(|(u, e)| (e.clone(), u.clone())).collect();
    let forward = model1::train(&uk_en, ITERATIONS);
    let backward = model1::train(&en_uk, ITERATIONS);
    let frequent = |id: u32| vocab.passages[id as usize] >= MIN_PASSAGES;
    let mut by_source: FxHashMap<u32, Vec<(u32, f32)>> = FxHashMap::default();
    for (there, back) in [(&forward, &backward), (&backward, &forward)] {
        for (&(from, to), &p) in &there.t {
            if from == model1::NULL || !frequent(from) || !frequent(to) || p < MIN_PROBABILITY {
                continue;
            }
            let reverse = back.t.get(&(to, from)).copied().unwrap_or(0.0);
            if reverse < MIN_REVERSE_PROBABILITY
                || vocab.terms[from as usize] == vocab.terms[to as usize]
            {
                continue;
            }
            by_source.entry(from).or_default().push((to, p));
        }
    }
    // A word's translation that a unit holding the word has more surely is the unit's
    // sense, not the word's: "воєнний" alone is not "war crime", though "воєнний злочин" is.
    let mut unit_senses: FxHashMap<(&str, u32), f32> = FxHashMap::default();
    for (&from, list) in &by_source {
        let term = vocab.terms[from as usize].as_str();
        if term.contains(' ') {
            for word in term.split(' ') {
                for &(to, p) in list {
                    let best = unit_senses.entry((word, to)).or_default();
                    *best = best.max(p);
                }
            }
        }
    }
    let mut entries = Vec::new();
    for (from, mut list) in by_source {
        let term = vocab.terms[from as usize].as_str();
        list.retain(|&(to, p)| unit_senses.get(&(term, to)).is_none_or(|&u| u <= p));
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.dedup_by_key(|x| x.0);
        // A word of a unit that is itself a translation is a part of it, not another
        // meaning: "воєнний стан" is "martial law", not "law"; but a name is its own
        // spelling alone as well as with a first name ("Шмигаль" is "Shmyhal").
        let is_name = names.contains(term);
        let units: Vec<&str> = list
            .iter()
            .map(|&(to, _)| vocab.terms[to as usize].as_str())
            .filter(|t| t.contains(' '))
            .collect();
        let part_of_unit = |to: u32| {
            let to = vocab.terms[to as usize].as_str();
            !to.contains(' ')
                && (!is_name || !spells(term, to))
                && units.iter().any(|u| u.split(' ').any(|w| w == to))
        };
        list.retain(|&(to, _)| !part_of_unit(to));
        // A name with a translation that spells it in the other script translates as
        // that alone or within a unit: Федоров is Fedorov, not the Ivan who always stands
        // beside him in these texts. Only a name: a borrowed word keeps its other senses
        // ("general" is "генерал" and "загальний").
        let spelt = |to: u32| {
            let to = vocab.terms[to as usize].as_str();
            to.split(' ').any(|w| spells(term, w))
        };
        if is_name && list.iter().any(|&(to, _)| spelt(to)) {
            list.retain(|&(to, _)| spelt(to));
        }
        for (to, weight) in list.into_iter().take(MAX_TRANSLATIONS) {
            entries.push(Entry {
                from: vocab.terms[from as usize].clone(),
                to: vocab.terms[to as usize].clone(),
                weight: weight.min(1.0),
            });
        }
    }
    entries
}

/// Fewest letters of a stem read as another script's spelling of a word: shorter ones
/// begin too many words.
const MIN_SPELT_LETTERS: usize = 4;

/// Whether analysed terms `a` and `b`, one Cyrillic and one Latin, spell one word: the
/// Cyrillic one romanised (Ukrainian or Russian) begins the other or the other begins it,
/// as stems of one name cut at different letters do (федор, fedorov).
fn spells(a: &str, b: &str) -> bool {
    let (cyrillic, latin) = match (a.chars().any(is_cyrillic), b.chars().any(is_cyrillic)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    // Latin i and y, c and k stand for one letter in names ("Macron", "Макрон").
    let folded = |s: &str| s.replace('y', "i").replace('c', "k");
    let latin = folded(latin);
    [romanize_uk(cyrillic), romanize_ru(cyrillic)]
        .into_iter()
        .flatten()
        .map(|r| folded(&r))
        .any(|r| {
            let (short, long) = if r.len() <= latin.len() {
                (r.as_str(), latin.as_str())
            } else {
                (latin.as_str(), r.as_str())
            };
            short.chars().count() >= MIN_SPELT_LETTERS && long.starts_with(short)
        })
}

#[cfg(test)]
mod tests {
    use frontline_lexicon::Entry;

    use super::learn;

    /// The entries learned from `passages` beside passages of words seen once (so the
    /// pairs a test gives stand out), each word its own term, lowercased.
    fn learned(passages: &[(&str, &str)]) -> Vec<Entry> {
        let filler: Vec<(String, String)> = (0..30)
            .map(|i| {
                let words = |p: &str| (0..8).map(|j| format!("{p}{i}x{j}")).collect::<Vec<_>>();
                (words("e").join(" "), words("у").join(" "))
            })
            .collect();
        let mut all = passages.to_vec();
        all.extend(filler.iter().map(|(e, u)| (e.as_str(), u.as_str())));
        learn(&all, |s: &str| {
            s.split(' ').map(str::to_lowercase).collect()
        })
    }

    #[test]
    fn confident_pairs_both_ways_and_units() {
        let passages = vec![
            ("martial law extended", "воєнний стан продовжено"),
            ("martial law", "воєнний стан"),
            ("law and war", "закон і війна"),
            ("war", "війна"),
            ("martial law and war", "воєнний стан і війна"),
            ("the war extended", "війна продовжено"),
            ("law", "закон"),
            ("law", "закон"),
            ("war crime", "воєнний злочин"),
            ("a war crime", "воєнний злочин"),
            ("war crime and law", "воєнний злочин і закон"),
        ];
        let entries = learned(&passages);
        let has = |f: &str, t: &str| entries.iter().any(|e| e.from == f && e.to == t);
        assert!(has("війна", "war"), "{entries:?}");
        assert!(has("war", "війна"), "{entries:?}");
        assert!(has("воєнний стан", "martial law"), "{entries:?}");
        assert!(!has("воєнний стан", "law"), "{entries:?}");
        assert!(!has("війна", "law"), "{entries:?}");
        assert!(has("воєнний злочин", "war crime"), "{entries:?}");
        assert!(!has("воєнний", "war crime"), "{entries:?}");
    }

    #[test]
    fn a_name_translates_as_its_spelling_not_its_neighbour() {
        // Ivan Fedorov is always named in full; "modern" is "сучасна" and, as a style,
        // "модерн".
        let passages = vec![
            ("mayor Ivan Fedorov spoke", "мер Іван Федоров говорив"),
            (
                "we saw Ivan Fedorov today",
                "ми бачили Іван Федоров сьогодні",
            ),
            ("they freed Ivan Fedorov", "звільнили Іван Федоров"),
            ("then Ivan Fedorov left", "потім Іван Федоров поїхав"),
            ("a modern army", "сучасна армія"),
            ("the modern state", "сучасна держава"),
            ("so modern", "така сучасна"),
            ("modern style", "стиль модерн"),
            ("houses in modern", "будинки модерн"),
            ("early modern", "ранній модерн"),
        ];
        let entries = learned(&passages);
        let has = |f: &str, t: &str| entries.iter().any(|e| e.from == f && e.to == t);
        assert!(has("fedorov", "федоров"), "{entries:?}");
        assert!(has("федоров", "fedorov"), "{entries:?}");
        assert!(!has("fedorov", "іван"), "{entries:?}");
        assert!(!has("федоров", "ivan"), "{entries:?}");
        assert!(!has("ivan", "федоров"), "{entries:?}");
        // A word the texts write lowercase is no name: it keeps every sense.
        assert!(has("modern", "модерн"), "{entries:?}");
        assert!(has("modern", "сучасна"), "{entries:?}");
    }
}
