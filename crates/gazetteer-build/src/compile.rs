//! Compiles GeoNames and the official codifier into the gazetteer file the project ships.
//!
//! Inputs (from `../shared/data/gazetteer/`): `geonames/UA.txt.gz` (the GeoNames dump for
//! Ukraine), `geonames/admin2Codes_UA_RU.txt` (raions), `geonames/cities500_RU_border_oblasts.tsv`
//! (the Russian border oblasts) and `katottg/kodifikator.tsv.gz` (official Ukrainian names
//! and raions, see [`crate::katottg`]). Output: one place a line, see [`frontline_gazetteer::model::to_line`].

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use frontline_gazetteer::fold::{fold_key, is_apostrophe, is_cyrillic};
use frontline_gazetteer::model::{ABANDONED, Place, PlaceKind, to_line};
use frontline_gazetteer::regions::REGIONS;
use frontline_gazetteer::translit::{romanize_ru, romanize_uk};

/// Feature codes kept: inhabited places, not city sections or historical ones (abandoned
/// ones only as `apply_codifier` decides).
const KEPT_FEATURES: &[&str] = &["PPL", "PPLA", "PPLA2", "PPLA3", "PPLC"];

fn is_latin_name(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && first.is_alphabetic()
        && !first.is_ascii_digit()
        && s.chars().count() >= 4
        && !s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && s.chars().all(|c| {
            (c.is_alphabetic() && (c as u32) < 0x250) || c == ' ' || c == '-' || is_apostrophe(c)
        })
}

/// Letters of the Ukrainian and Russian alphabets (other Cyrillic alphabets are left out).
fn is_uk_ru_letter(c: char) -> bool {
    let l = c.to_lowercase().next().unwrap_or(c);
    ('а'..='я').contains(&l) || "ёіїєґ".contains(l)
}

fn is_cyrillic_name(s: &str) -> bool {
    s.chars().count() >= 4
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| is_uk_ru_letter(c) || c == ' ' || c == '-' || is_apostrophe(c))
        && s.chars().any(is_cyrillic)
}

fn has_ukrainian_letters(s: &str) -> bool {
    s.chars().any(|c| "іїєґІЇЄҐ".contains(c))
}

fn has_russian_letters(s: &str) -> bool {
    s.chars().any(|c| "ыэёъЫЭЁЪ".contains(c))
}

/// Places outside the gazetteer that Ukrainian villages are also named after: a text
/// naming them means the famous place, so these forms are not matched at all.
const WORLD_NAMES: &[&str] = &[
    "New York",
    "Nyu-York",
    "Washington",
    "London",
    "Paris",
    "Berlin",
    "Warsaw",
    "Moscow",
    "Minsk",
    "Rome",
    "Vienna",
    "Prague",
    "Budapest",
    "Brussels",
    "Geneva",
    "Istanbul",
    "Ankara",
    "Beijing",
    "Tokyo",
    "Madrid",
    "Lisbon",
    "Oslo",
    "Stockholm",
    "Helsinki",
    "Copenhagen",
    "Riga",
    "Vilnius",
    "Tallinn",
    "Bucharest",
    "Sofia",
    "Belgrade",
    "Chisinau",
    "Tbilisi",
    "Baku",
    "Yerevan",
    "Tehran",
    "Damascus",
    "Jerusalem",
    "Boston",
    "Chicago",
    "Canada",
    "America",
    "Alaska",
    "Moldova",
    "Poland",
    "Georgia",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Finland",
    "Sweden",
    "Norway",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "Britain",
    "England",
    "Ireland",
    "Scotland",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Serbia",
    "Croatia",
    "Turkey",
    "Syria",
    "Israel",
    "China",
    "Japan",
    "India",
    "Korea",
    "Belarus",
    "Kazakhstan",
    "Texas",
    "California",
    "Florida",
    "Virginia",
    "Amsterdam",
    "Hague",
    "Munich",
    "Hamburg",
    "Dresden",
    "Leningrad",
    "Petersburg",
    "Novosibirsk",
    "Europe",
    "Africa",
    "Москва",
    "Вашингтон",
    "Лондон",
    "Париж",
    "Берлін",
    "Берлин",
    "Варшава",
    "Мінськ",
    "Минск",
    "Нью-Йорк",
    "Америка",
    "Польща",
    "Польша",
    "Канада",
    "Грузія",
    "Грузия",
    "Європа",
    "Европа",
    "Ізраїль",
    "Израиль",
];

fn is_world_name(s: &str) -> bool {
    let k = fold_key(s);
    WORLD_NAMES.iter().any(|w| fold_key(w) == k)
}

/// Names of one GeoNames row, sorted into canonical/Ukrainian/Russian/Latin/Cyrillic.
struct Names {
    name: String,
    name_uk: String,
    name_ru: String,
    latin: Vec<String>,
    cyrillic: Vec<String>,
    /// The Russian names romanised as English-language reporting long spelt them
    /// (Nikolayev, Zaporozhye), which GeoNames lists for some places and not for others.
    legacy: Vec<String>,
}

fn sort_names(geonames_name: &str, ascii: &str, alternates: &[&str], ukrainian: bool) -> Names {
    let cyr: Vec<&str> = alternates
        .iter()
        .copied()
        .filter(|a| is_cyrillic_name(a))
        .collect();
    let latin_keys: HashSet<String> = [geonames_name, ascii]
        .into_iter()
        .chain(alternates.iter().copied().filter(|a| is_latin_name(a)))
        .map(fold_key)
        .collect();
    let mut uk_candidates: Vec<&str> = cyr
        .iter()
        .copied()
        .filter(|c| !has_russian_letters(c))
        .collect();
    // Forms written with Ukrainian letters first (Маріуполь before Мариуполь, which has no
    // Russian-only letter but romanises to the same folded key), then those with the soft
    // sign (Покровськ, not Покровск).
    uk_candidates.sort_by_key(|c| (!has_ukrainian_letters(c), !c.contains('ь')));
    // The Ukrainian name is the Cyrillic form whose romanisation is GeoNames' main name
    // (GeoNames romanises from Ukrainian), else one whose romanisation it lists and that is
    // written with Ukrainian letters.
    let romanizes_to =
        |c: &str, keys: &[String]| romanize_uk(c).is_some_and(|r| keys.contains(&fold_key(&r)));
    let main_keys = [fold_key(geonames_name), fold_key(ascii)];
    let uk_confirmed = uk_candidates
        .iter()
        .copied()
        .find(|c| romanizes_to(c, &main_keys))
        .or_else(|| {
            uk_candidates.iter().copied().find(|c| {
                has_ukrainian_letters(c)
                    && romanize_uk(c).is_some_and(|r| latin_keys.contains(&fold_key(&r)))
            })
        });
    let name_uk = uk_confirmed
        .or_else(|| {
            uk_candidates
                .iter()
                .copied()
                .find(|c| has_ukrainian_letters(c))
        })
        .unwrap_or_default()
        .to_string();
    let name_ru = cyr
        .iter()
        .copied()
        .find(|c| *c != name_uk && (has_russian_letters(c) || !has_ukrainian_letters(c)))
        .unwrap_or_default()
        .to_string();
    let name = match uk_confirmed.and_then(romanize_uk) {
        Some(official) if ukrainian => official,
        _ => geonames_name.to_string(),
    };
    // Not the Ukrainian name, whatever its letters.
    let legacy: Vec<String> = cyr
        .iter()
        .filter(|c| **c != name_uk)
        .filter_map(|c| romanize_ru(c))
        .collect();
    let mut seen = HashSet::new();
    let latin: Vec<String> = [name.as_str(), geonames_name, ascii]
        .into_iter()
        .filter(|a| !a.is_empty())
        .chain(alternates.iter().copied().filter(|a| is_latin_name(a)))
        .filter(|a| !is_world_name(a))
        .filter(|a| seen.insert(fold_key(a)))
        .map(str::to_string)
        .collect();
    let mut seen = HashSet::new();
    let cyrillic = cyr
        .into_iter()
        .filter(|c| !is_world_name(c))
        .filter(|c| seen.insert(fold_key(c)))
        .map(str::to_string)
        .collect();
    Names {
        name,
        name_uk,
        name_ru,
        latin,
        cyrillic,
        legacy,
    }
}

fn clean(s: &str) -> String {
    s.replace(['\t', '|'], " ")
}

/// The compiled gazetteer: places (regions first) and raions.
pub struct Compiled {
    pub places: Vec<Place>,
    pub raions: Vec<Place>,
}

/// Reads the GeoNames inputs in `dir` and the codifier at `katottg`.
pub fn compile(dir: &Path, katottg: &Path) -> anyhow::Result<Compiled> {
    let mut places = Vec::new();
    let mut legacy: HashMap<u64, Vec<String>> = HashMap::new();
    let mut adm1_coords = std::collections::HashMap::new();
    let ua = flate2::read::GzDecoder::new(std::fs::File::open(dir.join("UA.txt.gz"))?);
    for line in BufReader::new(ua).lines() {
        let line = line?;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 19 {
            continue;
        }
        let admin1 = format!("UA.{}", f[10]);
        let coords = (f[4].parse::<f32>()?, f[5].parse::<f32>()?);
        if f[7] == "ADM1" {
            adm1_coords.insert(admin1, coords);
            continue;
        }
        if f[6] != "P"
            || !(KEPT_FEATURES.contains(&f[7]) || f[7] == ABANDONED)
            || frontline_gazetteer::regions::by_code(&admin1).is_none()
        {
            continue;
        }
        let alternates: Vec<&str> = f[3].split(',').filter(|a| !a.is_empty()).collect();
        let mut names = sort_names(f[1], f[2], &alternates, true);
        let id: u64 = f[0].parse()?;
        legacy.insert(id, std::mem::take(&mut names.legacy));
        let admin2 = if f[11].is_empty() {
            String::new()
        } else {
            format!("{admin1}.{}", f[11])
        };
        places.push(Place {
            id,
            kind: PlaceKind::Settlement,
            admin1,
            admin2,
            feature: f[7].to_string(),
            population: f[14].parse().unwrap_or(0),
            lat: coords.0,
            lon: coords.1,
            name: clean(&names.name),
            name_uk: clean(&names.name_uk),
            name_ru: clean(&names.name_ru),
            latin: names.latin.iter().map(|s| clean(s)).collect(),
            cyrillic: names.cyrillic.iter().map(|s| clean(s)).collect(),
            label: String::new(),
        });
    }
    let codifier = crate::katottg::read(katottg)?;
    let raions = apply_codifier(&codifier, &mut places, dir)?;
    let ru = std::fs::read_to_string(dir.join("cities500_RU_border_oblasts.tsv"))?;
    for line in ru.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 9 {
            continue;
        }
        let admin1 = format!("RU.{}", f[5]);
        let id: u64 = f[0].parse()?;
        let alternates: Vec<&str> = f[8].split(',').filter(|a| !a.is_empty()).collect();
        let mut names = sort_names(f[1], f[1], &alternates, false);
        legacy.insert(id, std::mem::take(&mut names.legacy));
        let capital = REGIONS.iter().any(|r| r.capital == id);
        places.push(Place {
            id,
            kind: PlaceKind::Settlement,
            admin1,
            admin2: String::new(),
            feature: if capital { "PPLA" } else { "PPL" }.to_string(),
            population: f[6].parse().unwrap_or(0),
            lat: f[2].parse()?,
            lon: f[3].parse()?,
            name: clean(&names.name),
            name_uk: clean(&names.name_uk),
            name_ru: clean(&names.name_ru),
            latin: names.latin.iter().map(|s| clean(s)).collect(),
            cyrillic: names.cyrillic.iter().map(|s| clean(s)).collect(),
            label: String::new(),
        });
    }
    let mut regions = Vec::new();
    for r in REGIONS {
        let capital = places.iter().find(|p| p.id == r.capital);
        let (lat, lon) = adm1_coords
            .get(r.code)
            .copied()
            .or(capital.map(|c| (c.lat, c.lon)))
            .unwrap_or_default();
        regions.push(Place {
            id: r.geonameid,
            kind: PlaceKind::Region,
            admin1: r.code.to_string(),
            admin2: String::new(),
            feature: "ADM1".to_string(),
            population: 0,
            lat,
            lon,
            name: r.name.to_string(),
            name_uk: if r.uk_adj.is_empty() {
                String::new()
            } else {
                format!("{}а область", r.uk_adj)
            },
            name_ru: if r.ru_adj.is_empty() {
                String::new()
            } else {
                format!("{}ая область", r.ru_adj)
            },
            latin: Vec::new(),
            cyrillic: Vec::new(),
            label: String::new(),
        });
    }
    add_legacy(&mut places, legacy);
    places.sort_by_key(|p| p.id);
    regions.extend(places);
    Ok(Compiled {
        places: regions,
        raions,
    })
}

/// Adds each place's legacy romanisations to its Latin names, after the codifier's join so
/// they cannot sway it, and none that spells another place's official name (an old name of
/// one town must not take a query for another town's current one).
fn add_legacy(places: &mut [Place], legacy: HashMap<u64, Vec<String>>) {
    let mut own_names: HashMap<String, Vec<u64>> = HashMap::new();
    for p in places.iter().filter(|p| !p.name_uk.is_empty()) {
        own_names.entry(fold_key(&p.name)).or_default().push(p.id);
    }
    for p in places.iter_mut() {
        let Some(forms) = legacy.get(&p.id) else {
            continue;
        };
        let mut known: HashSet<String> = p.latin.iter().map(|l| fold_key(l)).collect();
        for form in forms {
            let key = fold_key(form);
            let others = own_names
                .get(&key)
                .is_some_and(|ids| ids.iter().any(|&id| id != p.id));
            if !others && !is_world_name(form) && known.insert(key) {
                p.latin.push(clean(form));
            }
        }
    }
}

/// Gives each Ukrainian settlement the codifier's official name where the join finds its
/// unit, and returns the raions (GeoNames admin2 features with their official names).
fn apply_codifier(
    codifier: &crate::katottg::Codifier,
    places: &mut Vec<Place>,
    dir: &Path,
) -> anyhow::Result<Vec<Place>> {
    // A confirmed Ukrainian name romanises to the canonical name, which the codifier's
    // romanised keys already reach: the main names are the Latin ones.
    let named: Vec<crate::katottg::Named> = places
        .iter()
        .map(|p| crate::katottg::Named {
            admin1: &p.admin1,
            admin2: &p.admin2,
            main: std::iter::once(&p.name)
                .chain(p.latin.iter().take(3))
                .map(String::as_str)
                .collect(),
            other: p
                .latin
                .iter()
                .chain(&p.cyrillic)
                .map(String::as_str)
                .collect(),
        })
        .collect();
    let join = crate::katottg::join(codifier, &named);
    for (p, unit) in places.iter_mut().zip(&join.unit_of) {
        let Some(unit) = unit else { continue };
        let official = clean(&codifier.units[*unit].name);
        if let Some(latin) = romanize_uk(&official) {
            if !p.latin.iter().any(|l| fold_key(l) == fold_key(&latin)) {
                p.latin.insert(0, latin.clone());
            }
            p.name = latin;
        }
        if !p
            .cyrillic
            .iter()
            .any(|c| fold_key(c) == fold_key(&official))
        {
            p.cyrillic.insert(0, official.clone());
        }
        if p.name_ru == official {
            p.name_ru.clear();
        }
        p.name_uk = official;
    }
    // An abandoned place stays only where the codifier lists it and GeoNames still counts
    // people there (Chornobyl): an abandoned village of a common name would only stand
    // beside the living ones.
    let mut listed = join.unit_of.iter().map(Option::is_some);
    places.retain(|p| {
        let listed = listed.next().unwrap_or(false);
        p.feature != ABANDONED || listed && p.population > 0
    });
    // admin2 code → GeoNames id of the ADM2 feature and its label.
    let mut admin2 = std::collections::HashMap::new();
    for line in std::fs::read_to_string(dir.join("admin2Codes_UA_RU.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 4 && f[0].starts_with("UA.") {
            admin2.insert(f[0].to_string(), (f[3].parse::<u64>()?, f[1].to_string()));
        }
    }
    let mut raions: Vec<Place> = join
        .admin2_of_raion
        .iter()
        .filter_map(|(raion, code)| {
            let (admin1, adjective) = codifier.raions.get(raion)?;
            let (id, label) = admin2.get(code)?;
            // GeoNames' own labels of raions are inconsistent ("Kharkiv City Council",
            // old names): the name is the romanised official one.
            let name = format!("{} Raion", romanize_uk(adjective)?);
            Some(Place {
                id: *id,
                kind: PlaceKind::Raion,
                admin1: admin1.to_string(),
                admin2: code.clone(),
                feature: "ADM2".to_string(),
                population: 0,
                lat: 0.0,
                lon: 0.0,
                name,
                name_uk: clean(&format!("{adjective} район")),
                name_ru: String::new(),
                // Failing that, GeoNames' label where it is "<town> Raion" ("Lubny Raion"),
                // not a council's name.
                latin: raion_centre(places, code, adjective)
                    .or_else(|| label.strip_suffix(" Raion").map(str::to_string))
                    .into_iter()
                    .collect(),
                cyrillic: Vec::new(),
                label: String::new(),
            })
        })
        .collect();
    raions.sort_by_key(|r| r.id);
    Ok(raions)
}

/// The name of the town a raion is named after ("Bakhmut" for Бахмутський, "Odesa" for
/// Одеський, "Volnovakha" for Волноваський): the most populous town of the raion whose
/// Ukrainian name, less its ending, begins the raion's adjective.
fn raion_centre(places: &[Place], admin2: &str, adjective: &str) -> Option<String> {
    let adjective = fold_key(adjective);
    let begins_adjective = |name: &str| {
        let name: Vec<char> = fold_key(name).chars().collect();
        let n = name.len();
        let cut = if name.ends_with(&['к', 'а']) || name.ends_with(&['х', 'а']) {
            2
        } else {
            1
        };
        n >= 4 && adjective.starts_with(&name[..n - cut].iter().collect::<String>())
    };
    places
        .iter()
        .filter(|p| p.admin2 == admin2 && (p.population >= 5000 || p.is_admin_centre()))
        .filter(|p| begins_adjective(&p.name_uk))
        .max_by_key(|p| p.population)
        .map(|p| p.name.clone())
}

/// Writes the compiled gazetteer, gzip-compressed, with its attribution header.
pub fn write(compiled: &Compiled, out: &Path) -> anyhow::Result<()> {
    let file = std::fs::File::create(out)?;
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    writeln!(
        gz,
        "# Frontline gazetteer, compiled from GeoNames (geonames.org), CC BY 4.0, and Ukraine's KATOTTG codifier."
    )?;
    writeln!(
        gz,
        "# id\tkind\tadmin1\tfeature\tpopulation\tlat\tlon\tname\tname_uk\tname_ru\tlatin\tcyrillic\tadmin2"
    )?;
    for p in compiled.places.iter().chain(&compiled.raions) {
        writeln!(gz, "{}", to_line(p))?;
    }
    gz.finish()?;
    Ok(())
}
