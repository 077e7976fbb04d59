//! Finds gazetteer names in text, in any spelling and (for Cyrillic) any grammatical case.
//!
//! Every surface form is folded (see [`crate::fold`]) and put into one finite-state
//! transducer, walked from each capitalised word for the longest name starting there. Cyrillic names enter as stems with the set of case endings their declension
//! allows (Покровськ → Покровську, Покровськом; Андріївка → Андріївці), so "у Покровську"
//! and "під Бахмутом" are found without a morphological analyser.

use std::collections::HashMap;

use tantivy_fst::Map;
use tantivy_fst::raw::Output;

pub mod near;

use crate::fold::{Folded, fold, fold_key};
use crate::model::{Place, PlaceKind};
use crate::regions::{self, REGIONS};

/// Which case endings may follow a stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endings {
    Exact,
    Consonant,
    IvAlternation,
    A,
    Ya,
    Ka,
    /// Stems in -х/-г alternate with -с/-з before -і: Волноваха → Волновасі.
    Kha,
    Ha,
    AdjNeuter,
    AdjMasc,
    Plural,
    Soft,
    O,
    RegionNoun,
}

impl Endings {
    fn allowed(self) -> &'static [&'static str] {
        match self {
            Endings::Exact => &[""],
            Endings::Consonant => &["", "а", "у", "і", "ом", "е", "и", "ові", "ем"],
            Endings::IvAlternation => &["а", "і", "ом", "у", "е"],
            Endings::A => &["а", "и", "і", "у", "ою", "ой", "ы", "е", "ї", "ею"],
            Endings::Ya => &["я", "і", "ю", "ям", "ею", "и", "е", "ї"],
            Endings::Ka => &["ка", "ки", "ці", "ку", "кою", "ке", "кой", "кі"],
            Endings::Kha => &["ха", "хи", "сі", "ху", "хою", "хе", "хой"],
            Endings::Ha => &["га", "ги", "зі", "гу", "гою", "ге", "гой"],
            Endings::AdjNeuter => &["е", "є", "ого", "ому", "им", "ім", "ом"],
            Endings::AdjMasc => &["ий", "ій", "ой", "ого", "ому", "им", "ім", "ом"],
            Endings::Plural => &["и", "і", "ах", "ам", "ами", "ів", "ях", "ям", ""],
            Endings::Soft => &["ь", "я", "і", "ю", "ем", "ей"],
            Endings::O => &["о", "а", "і", "ом", "у", "е"],
            Endings::RegionNoun => &["а", "и", "і", "у", "ою", "я", "ю"],
        }
    }
}

/// How a surface form names its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// The place's own name ("Pokrovsk", "Покровську").
    Name,
    /// A region named with its generic word: "Donetsk region", "Донецькій області".
    RegionForm,
    /// A region name standing alone: "Crimea", "Донеччина".
    RegionBare,
    /// A Ukrainian region adjective without its noun ("Київській"): a region only in a
    /// list that ends with the noun ("у Київській, Харківській та Луганській областях").
    RegionAdj,
    /// A raion ("Pokrovsk district", "Бахмутського району"), by its index among the
    /// gazetteer's raions; the candidate's place is the raion's region.
    Raion(u16),
}

impl FormKind {
    /// True for forms that name a region by themselves (a raion names its region too).
    pub fn names_region(self) -> bool {
        matches!(
            self,
            FormKind::RegionForm | FormKind::RegionBare | FormKind::Raion(_)
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Target {
    place: u32,
    endings: Endings,
    form: FormKind,
}

/// A place the mention may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub place: u32,
    pub form: FormKind,
}

/// One occurrence of a gazetteer name in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Candidate>,
}

/// The index over all surface forms.
pub struct Matcher {
    /// Folded surface form → its index in `targets`. Names are only looked for where a
    /// capitalised word starts, so the matcher needs prefixes, not the failure links of an
    /// Aho-Corasick automaton: an FST builds in a tenth of the time and memory.
    forms: Map<Vec<u8>>,
    targets: Vec<Vec<Target>>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("forms", &self.targets.len())
            .field("fst_bytes", &self.forms.as_fst().size())
            .finish()
    }
}

/// Stems of one Cyrillic name with the endings each allows.
fn cyrillic_stems(name: &str) -> Vec<(String, Endings)> {
    let lower = name.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    if lower.contains(' ') || n < 4 {
        return vec![(lower, Endings::Exact)];
    }
    let cut = |k: usize| chars[..n - k].iter().collect::<String>();
    let ends = |s: &str| lower.ends_with(s);
    if ends("ка") {
        vec![(cut(2), Endings::Ka)]
    } else if ends("ха") {
        vec![(cut(2), Endings::Kha)]
    } else if ends("га") {
        vec![(cut(2), Endings::Ha)]
    } else if ends("ий") || ends("ій") || ends("ой") {
        vec![(cut(2), Endings::AdjMasc)]
    } else if ends("е") || ends("є") {
        vec![(cut(1), Endings::AdjNeuter)]
    } else if ends("а") {
        vec![(cut(1), Endings::A)]
    } else if ends("я") {
        vec![(cut(1), Endings::Ya)]
    } else if ends("и") || ends("і") {
        vec![(cut(1), Endings::Plural)]
    } else if ends("ь") {
        vec![(cut(1), Endings::Soft)]
    } else if ends("о") {
        vec![(cut(1), Endings::O)]
    } else if ends("ів") || ends("їв") {
        // Харків → Харкова, Київ → Києва: the last vowel alternates in oblique cases.
        let vowel = if ends("їв") { "єв" } else { "ов" };
        vec![
            (lower.clone(), Endings::Consonant),
            (format!("{}{vowel}", cut(2)), Endings::IvAlternation),
        ]
    } else {
        vec![(lower, Endings::Consonant)]
    }
}

/// English words that turn a name before them into a region: "Donetsk region".
const REGION_WORDS: &[&str] = &[
    "region",
    "regions",
    "oblast",
    "oblasts",
    "province",
    "regional",
    "governorate",
    "border region",
    "border regions",
    "border area",
    "frontier region",
    "[region]",
    "(region)",
    "[oblast]",
    "(oblast)",
];

/// English words after a raion's name: "Pokrovsk district", "Bakhmutskyi raion".
const RAION_WORDS: &[&str] = &["raion", "rayon", "district", "raions", "districts"];

/// Ukrainian masculine adjective endings with the case of "район" they go with.
const RAION_CASES: &[(&str, &str)] = &[
    ("ий", "район"),
    ("ого", "району"),
    ("ому", "районі"),
    ("ому", "району"),
    ("им", "районом"),
];

/// Feminine adjective endings of "область" in the cases a list uses.
const UK_ADJ_ENDINGS: [&str; 5] = ["а", "ої", "ій", "у", "ою"];

#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    targets: Vec<Vec<Target>>,
    keys: HashMap<String, usize>,
}

impl Builder {
    /// Targets an exact surface already reaches, through any stem and its endings.
    fn lookup(&self, surface: &str) -> Vec<Target> {
        let key = fold_key(surface);
        let mut out = Vec::new();
        for (cut, _) in key.char_indices().chain(std::iter::once((key.len(), ' '))) {
            let (stem, rem) = key.split_at(cut);
            if let Some(&idx) = self.keys.get(stem) {
                out.extend(
                    self.targets[idx]
                        .iter()
                        .filter(|t| t.endings.allowed().contains(&rem)),
                );
            }
        }
        out
    }

    fn add(&mut self, surface: &str, place: u32, endings: Endings, form: FormKind) {
        let key = fold_key(surface.trim());
        if key.chars().count() < 3 {
            return;
        }
        let idx = *self.keys.entry(key.clone()).or_insert_with(|| {
            self.patterns.push(key);
            self.targets.push(Vec::new());
            self.patterns.len() - 1
        });
        let targets = &mut self.targets[idx];
        if !targets
            .iter()
            .any(|t| t.place == place && t.endings == endings && t.form == form)
        {
            targets.push(Target {
                place,
                endings,
                form,
            });
        }
    }
}

impl Matcher {
    pub fn new(places: &[Place], raions: &[Place]) -> Matcher {
        let mut b = Builder::default();
        let index_of: HashMap<u64, u32> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i as u32))
            .collect();
        for (i, p) in places.iter().enumerate() {
            let i = i as u32;
            if p.kind != PlaceKind::Settlement {
                continue;
            }
            for latin in &p.latin {
                b.add(latin, i, Endings::Exact, FormKind::Name);
            }
            for cyr in &p.cyrillic {
                for (stem, endings) in cyrillic_stems(cyr) {
                    b.add(&stem, i, endings, FormKind::Name);
                }
            }
        }
        for r in REGIONS {
            let Some(&i) = index_of.get(&r.geonameid) else {
                continue;
            };
            for stem in r.en_stems {
                for word in REGION_WORDS {
                    b.add(
                        &format!("{stem} {word}"),
                        i,
                        Endings::Exact,
                        FormKind::RegionForm,
                    );
                }
                b.add(
                    &format!("Oblast of {stem}"),
                    i,
                    Endings::Exact,
                    FormKind::RegionForm,
                );
            }
            for bare in r.en_bare {
                b.add(bare, i, Endings::Exact, FormKind::RegionBare);
            }
            if !r.uk_adj.is_empty() {
                for adj in UK_ADJ_ENDINGS {
                    for noun in ["ь", "і", "ю", "ях", "ей", "ями"] {
                        let form = format!("{}{adj} област{noun}", r.uk_adj);
                        b.add(&form, i, Endings::Exact, FormKind::RegionForm);
                    }
                }
            }
            if !r.ru_adj.is_empty() {
                for adj in ["ая", "ой", "ую"] {
                    for noun in ["ь", "и", "ью", "ях", "ей", "ями"] {
                        let form = format!("{}{adj} област{noun}", r.ru_adj);
                        b.add(&form, i, Endings::Exact, FormKind::RegionForm);
                    }
                }
            }
            if !r.uk_noun.is_empty() {
                b.add(r.uk_noun, i, Endings::RegionNoun, FormKind::RegionBare);
            }
            for bare in r.cyr_bare {
                for (stem, endings) in cyrillic_stems(bare) {
                    b.add(&stem, i, endings, FormKind::RegionBare);
                }
            }
        }
        for (r, raion) in raions.iter().enumerate() {
            let (Some(region), Ok(r)) = (regions::by_code(&raion.admin1), u16::try_from(r)) else {
                continue;
            };
            let Some(&i) = index_of.get(&region.geonameid) else {
                continue;
            };
            let form = FormKind::Raion(r);
            let adjective = raion
                .name_uk
                .strip_suffix(" район")
                .unwrap_or(&raion.name_uk);
            // "Bakhmutskyi raion", and by its centre's name "Bakhmut district".
            let mut stems = raion.latin.clone();
            stems.extend(crate::translit::romanize_uk(adjective));
            for stem in &stems {
                for word in RAION_WORDS {
                    b.add(&format!("{stem} {word}"), i, Endings::Exact, form);
                }
            }
            if let Some(stem) = adjective.strip_suffix("ий") {
                for (ending, noun) in RAION_CASES {
                    b.add(&format!("{stem}{ending} {noun}"), i, Endings::Exact, form);
                }
            }
        }
        // Bare adjectives last: a form that is also a case of a settlement's name
        // ("Донецька" = of Donetsk) keeps that reading beside the region one.
        for r in REGIONS {
            let Some(&i) = index_of.get(&r.geonameid) else {
                continue;
            };
            if r.uk_adj.is_empty() {
                continue;
            }
            for adj in UK_ADJ_ENDINGS {
                let surface = format!("{}{adj}", r.uk_adj);
                let names: Vec<Target> = b
                    .lookup(&surface)
                    .into_iter()
                    .filter(|t| t.form == FormKind::Name)
                    .collect();
                b.add(&surface, i, Endings::Exact, FormKind::RegionAdj);
                for t in names {
                    b.add(&surface, t.place, Endings::Exact, FormKind::Name);
                }
            }
        }
        let mut order: Vec<usize> = (0..b.patterns.len()).collect();
        order.sort_unstable_by(|&x, &y| b.patterns[x].cmp(&b.patterns[y]));
        let forms = Map::from_iter(
            order
                .into_iter()
                .map(|i| (b.patterns[i].as_bytes(), i as u64)),
        )
        .expect("distinct sorted surface forms build an fst");
        Matcher {
            forms,
            targets: b.targets,
        }
    }

    /// All name occurrences in `text`, left to right, not overlapping. Place names are
    /// proper nouns ("peace" and "мир" are words, not villages), so a name must start at a
    /// capitalised word; each is the longest name starting there.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_folded(text, &fold(text))
    }

    /// [`Matcher::find`] over a text already folded, for callers that use the fold again.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Mention> {
        let ft = folded.text.as_str();
        let mut out = Vec::new();
        let mut free_from = 0;
        for &at in &folded.capitals {
            if at < free_from {
                continue;
            }
            let Some((end, pattern)) = self.longest_form_at(ft, at) else {
                continue;
            };
            free_from = end;
            let rest = &ft[end..];
            let rem_len: usize = rest
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            let rem = &rest[..rem_len];
            let candidates: Vec<Candidate> = self.targets[pattern]
                .iter()
                .filter(|t| t.endings.allowed().contains(&rem))
                .map(|t| Candidate {
                    place: t.place,
                    form: t.form,
                })
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let (start, end) = folded.original_span(at, end + rem_len, text);
            out.push(Mention {
                start,
                end,
                candidates,
            });
        }
        out
    }

    /// The index of a folded surface form, if the gazetteer has it.
    fn form(&self, key: &str) -> Option<usize> {
        self.forms.get(key).map(|i| i as usize)
    }

    /// The longest surface form starting at byte `at` of folded text: its end and index.
    fn longest_form_at(&self, folded: &str, at: usize) -> Option<(usize, usize)> {
        let fst = self.forms.as_fst();
        let mut node = fst.root();
        let mut output = Output::zero();
        let mut longest = None;
        for (i, &byte) in folded.as_bytes()[at..].iter().enumerate() {
            let Some(t) = node.find_input(byte) else {
                break;
            };
            let transition = node.transition(t);
            output = output.cat(transition.out);
            node = fst.node(transition.addr);
            if node.is_final() {
                longest = Some((at + i + 1, output.cat(node.final_output()).value() as usize));
            }
        }
        longest
    }

    /// Places a query phrase names, in any spelling or case form ("Kiev", "Києві").
    pub fn lookup(&self, phrase: &str) -> Vec<Candidate> {
        let key = fold_key(phrase.trim());
        let mut out = Vec::new();
        for (cut, _) in key
            .char_indices()
            .rev()
            .chain(std::iter::once((key.len(), ' ')))
        {
            let (stem, rem) = key.split_at(cut);
            let Some(idx) = self.form(stem) else {
                continue;
            };
            for t in &self.targets[idx] {
                let c = Candidate {
                    place: t.place,
                    form: t.form,
                };
                if t.endings.allowed().contains(&rem) && !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// True when folded `key` is `name` itself or, for a Cyrillic name, one of the case forms
/// the matcher reads as it (Андріївка: Андріївку, Андріївці; not Андріївське).
pub fn is_case_form(key: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    if key == fold_key(name) {
        return true;
    }
    name.chars().any(crate::fold::is_cyrillic)
        && cyrillic_stems(name).iter().any(|(stem, endings)| {
            endings
                .allowed()
                .iter()
                .any(|ending| fold_key(&format!("{stem}{ending}")) == key)
        })
}

/// The region whose capital is this place, if any ("Kharkiv" in "Kharkiv and Sumy regions").
/// Kyiv is the capital of both the city region and Kyiv Oblast; a list of regions means
/// the oblast.
pub fn region_of_capital(place: &Place) -> Option<&'static regions::Region> {
    let mut of = REGIONS.iter().filter(|r| r.capital == place.id);
    let first = of.next()?;
    Some(
        std::iter::once(first)
            .chain(of)
            .find(|r| !r.uk_adj.is_empty())
            .unwrap_or(first),
    )
}

#[cfg(test)]
mod tests {
    use crate::Gazetteer;
    use crate::fold::fold;

    #[test]
    fn near_misses_are_within_the_edits_asked() {
        let gazetteer = Gazetteer::bundled().expect("bundled gazetteer");
        let names = |word: &str, edits: u8| -> Vec<String> {
            gazetteer
                .matcher()
                .near_misses(word, edits)
                .into_iter()
                .map(|(_, c)| gazetteer.place(c.place).name.clone())
                .collect()
        };
        assert!(names("Mariupl", 1).contains(&"Mariupol".to_string()));
        assert!(names("Kramatorks", 1).contains(&"Kramatorsk".to_string()));
        assert!(names("Qwertyuiop", 2).is_empty());
        assert!(names("Zaporizhia", 2).contains(&"Zaporizhzhia".to_string()));
    }

    /// The FST walk finds, at every capitalised word of the seed articles, the longest
    /// surface form a plain lookup of every prefix finds.
    #[test]
    fn the_longest_form_at_a_word_is_the_longest_known_prefix() {
        let gazetteer = Gazetteer::bundled().expect("bundled gazetteer");
        let matcher = gazetteer.matcher();
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds");
        let (mut words, mut found) = (0, 0);
        for entry in std::fs::read_dir(seeds).expect("seed articles") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            let folded = fold(&text);
            let ft = folded.text.as_str();
            for &at in &folded.capitals {
                let brute = ft[at..]
                    .char_indices()
                    .map(|(i, c)| at + i + c.len_utf8())
                    .filter_map(|end| matcher.form(&ft[at..end]).map(|p| (end, p)))
                    .next_back();
                assert_eq!(
                    matcher.longest_form_at(ft, at),
                    brute,
                    "at {at} of {ft:.80}"
                );
                words += 1;
                found += usize::from(brute.is_some());
            }
        }
        assert!(
            words > 500 && found > 50,
            "{words} capitalised words, {found} names"
        );
    }
}
