//! Ukraine's official codifier of administrative units (KATOTTG), joined into GeoNames.
//!
//! GeoNames lacks the Ukrainian name of about a fifth of Ukraine's settlements (Кадіївка,
//! Біловодськ, Ямпіль) and knows raions only by code. The codifier has every settlement's
//! official Ukrainian name and its raion, but no coordinates and no GeoNames id, so the two
//! are joined by name within an oblast, then within a raion once the codifier's raions are
//! mapped to GeoNames' second-level codes by the settlements that joined unambiguously.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use frontline_gazetteer::fold::fold_key;
use frontline_gazetteer::regions::REGIONS;
use frontline_gazetteer::translit::romanize_uk;

/// One settlement of the codifier.
#[derive(Debug, Clone)]
pub struct Unit {
    /// GeoNames admin1 code of its oblast.
    pub admin1: &'static str,
    /// Codifier code of its raion (empty for Kyiv and Sevastopol).
    pub raion: String,
    /// Official Ukrainian name.
    pub name: String,
}

/// The codifier's settlements and raions.
#[derive(Debug, Default)]
pub struct Codifier {
    pub units: Vec<Unit>,
    /// Raion code → (admin1, Ukrainian adjective name: "Покровський").
    pub raions: HashMap<String, (&'static str, String)>,
}

/// The GeoNames admin1 code of a codifier oblast (category `O`) or special-status city (`K`).
fn admin1_of(category: &str, name: &str) -> Option<&'static str> {
    match (category, name) {
        ("K", "Київ") => Some("UA.12"),
        ("K", "Севастополь") => Some("UA.20"),
        ("O", n) if n.contains("Крим") => Some("UA.11"),
        ("O", n) => REGIONS
            .iter()
            .find(|r| {
                r.code.starts_with("UA.") && !r.uk_adj.is_empty() && n == format!("{}а", r.uk_adj)
            })
            .map(|r| r.code),
        _ => None,
    }
}

/// Reads `kodifikator.tsv.gz` (columns level1..level4, level_extra, category, name).
pub fn read(path: &Path) -> anyhow::Result<Codifier> {
    let file = flate2::read::GzDecoder::new(std::fs::File::open(path)?);
    let mut oblasts: HashMap<String, &'static str> = HashMap::new();
    let mut out = Codifier::default();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        let f: Vec<&str> = line.split('\t').collect();
        if n == 0 || f.len() < 7 {
            continue;
        }
        let (category, name) = (f[5], f[6].trim());
        match category {
            "O" | "K" => {
                let admin1 = admin1_of(category, name).ok_or_else(|| {
                    anyhow::anyhow!("codifier line {}: unknown oblast {name:?}", n + 1)
                })?;
                oblasts.insert(f[0].to_string(), admin1);
                if category == "K" {
                    out.units.push(Unit {
                        admin1,
                        raion: String::new(),
                        name: name.to_string(),
                    });
                }
            }
            "P" => {
                if let Some(&admin1) = oblasts.get(f[0]) {
                    out.raions
                        .insert(f[1].to_string(), (admin1, name.to_string()));
                }
            }
            "M" | "X" | "C" => {
                if let Some(&admin1) = oblasts.get(f[0]) {
                    out.units.push(Unit {
                        admin1,
                        raion: f[1].to_string(),
                        name: name.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// What the join needs of one GeoNames settlement.
pub struct Named<'a> {
    pub admin1: &'a str,
    /// GeoNames admin2 code (`UA.05.1405`), empty when GeoNames has none.
    pub admin2: &'a str,
    /// Its main names (canonical, GeoNames and ASCII names): tried first.
    pub main: Vec<&'a str>,
    /// Every other spelling.
    pub other: Vec<&'a str>,
}

/// The join: for each GeoNames settlement, the codifier unit it is, if one can be told.
pub struct Join {
    pub unit_of: Vec<Option<usize>>,
    /// Codifier raion code → GeoNames admin2 code.
    pub admin2_of_raion: HashMap<String, String>,
}

/// Joins settlements to codifier units by name within an oblast, then within a raion.
pub fn join(codifier: &Codifier, places: &[Named]) -> Join {
    // (admin1, folded key) → units; both the Ukrainian name and its romanisation are keys.
    let mut by_key: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (i, u) in codifier.units.iter().enumerate() {
        let mut keys = vec![fold_key(&u.name)];
        if let Some(latin) = romanize_uk(&u.name) {
            keys.push(fold_key(&latin));
        }
        keys.dedup();
        for k in keys {
            by_key.entry((u.admin1, k)).or_default().push(i);
        }
    }
    let candidates = |p: &Named| -> Vec<usize> {
        for names in [&p.main, &p.other] {
            let mut out: Vec<usize> = names
                .iter()
                .filter_map(|n| by_key.get(&(p.admin1, fold_key(n))))
                .flatten()
                .copied()
                .collect();
            out.sort_unstable();
            out.dedup();
            if !out.is_empty() {
                return out;
            }
        }
        Vec::new()
    };
    let all: Vec<Vec<usize>> = places.iter().map(candidates).collect();
    // Raions: each codifier raion is the GeoNames admin2 most of its uniquely joined
    // settlements lie in.
    let mut votes: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (p, cands) in places.iter().zip(&all) {
        if let [only] = cands[..]
            && !p.admin2.is_empty()
        {
            *votes
                .entry(codifier.units[only].raion.as_str())
                .or_default()
                .entry(p.admin2)
                .or_default() += 1;
        }
    }
    let admin2_of_raion: HashMap<String, String> = votes
        .into_iter()
        .filter(|(raion, _)| !raion.is_empty())
        .filter_map(|(raion, v)| {
            let (admin2, _) = v
                .into_iter()
                .max_by_key(|&(a, n)| (n, std::cmp::Reverse(a)))?;
            Some((raion.to_string(), admin2.to_string()))
        })
        .collect();
    let unit_of = places
        .iter()
        .zip(&all)
        .map(|(p, cands)| {
            let in_raion: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&u| {
                    let raion = &codifier.units[u].raion;
                    raion.is_empty() || admin2_of_raion.get(raion).is_some_and(|a| a == p.admin2)
                })
                .collect();
            match (&in_raion[..], &cands[..]) {
                ([only], _) => Some(*only),
                // No raion known for the place: only a name unique in its oblast joins.
                ([], [only]) if p.admin2.is_empty() => Some(*only),
                _ => None,
            }
        })
        .collect();
    Join {
        unit_of,
        admin2_of_raion,
    }
}
