//! The settlement pass: a name left open after the regions is a settlement when it names
//! one place of note, a town among villages, or the candidate its context scores best.

use std::collections::HashSet;

use frontline_gazetteer::fold::{Folded, fold_key};
use frontline_gazetteer::{FormKind, Gazetteer, Mention, Place, matcher};

use super::regions::Where;
use super::{Found, Resolved};

/// Pass 2: settlements. Candidates a few km apart with one name are one place twice.
pub(super) fn settlements(
    gaz: &Gazetteer,
    all: &[Found],
    body_folded: &Folded,
    w: &Where,
    resolved: &mut [Option<Resolved>],
) {
    let (named_regions, local_region, named_raions, local_raion) = (
        &w.named_regions,
        &w.local_region,
        &w.named_raions,
        &w.local_raion,
    );
    let settlement_candidates = |m: &Mention| -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for c in m.candidates.iter().filter(|c| c.form == FormKind::Name) {
            let p = gaz.place(c.place);
            if let Some(k) = out.iter().position(|&o| gaz.place(o).distance_km(p) < 5.0) {
                if p.population > gaz.place(out[k]).population {
                    out[k] = c.place;
                }
            } else {
                out.push(c.place);
            }
        }
        out
    };
    // Mentions still open for a settlement, with their candidates: computed once for the
    // unique-name pass and the two scoring rounds below.
    let keys: Vec<(usize, String)> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| resolved[*i].is_none())
        .map(|(i, (m, _, text))| (i, fold_key(&text[m.start..m.end])))
        .collect();
    let common = lowercase_in(body_folded, keys.iter().map(|(_, k)| k.as_str()).collect());
    // Of villages that answer to a name, those whose current name it is (not an old or
    // alternate one) are likelier meant: marked only where the candidates differ in that.
    let current_name = |key: &str, cands: &[u32]| -> Vec<bool> {
        let own: Vec<bool> = cands
            .iter()
            .map(|&c| {
                let p = gaz.place(c);
                matcher::is_case_form(key, &p.name) || matcher::is_case_form(key, &p.name_uk)
            })
            .collect();
        let mixed = own.contains(&true) && own.contains(&false);
        own.into_iter().map(|o| mixed && o).collect()
    };
    let open: Vec<(usize, Vec<u32>, Vec<bool>)> = keys
        .iter()
        .filter(|(_, key)| !common.contains(key.as_str()))
        .map(|(i, key)| {
            let cands = settlement_candidates(all[*i].0);
            let current = current_name(key, &cands);
            (*i, cands, current)
        })
        .collect();
    let at = |i: usize| (!all[i].1).then_some(all[i].0.start);
    let mut anchors: Vec<(u32, Option<usize>)> = Vec::new();
    for (i, cands, _) in &open {
        let i = *i;
        if let [only] = cands[..] {
            let p = gaz.place(only);
            if p.population >= 5000 || p.is_admin_centre() {
                resolved[i] = Some(Resolved {
                    place: only,
                    reason: format!("only place of this name, population {}", p.population),
                });
                anchors.push((only, at(i)));
            }
        } else if local_region[i].is_none()
            && local_raion[i].is_none()
            && let Some(town) = dominant(gaz, cands, named_regions, at(i))
        {
            resolved[i] = Some(Resolved {
                place: town,
                reason: format!(
                    "a town of {} beside villages of the same name",
                    gaz.place(town).population
                ),
            });
            anchors.push((town, at(i)));
        }
    }
    for _ in 0..2 {
        for (i, cands, current) in &open {
            let i = *i;
            if resolved[i].is_some() {
                continue;
            }
            let (m, _, text) = &all[i];
            let scored: Vec<(f32, u32, String)> = cands
                .iter()
                .map(|&c| {
                    score(
                        gaz,
                        c,
                        &Context {
                            at: at(i),
                            named_regions,
                            local_region: local_region[i],
                            named_raions,
                            local_raion: local_raion[i],
                            anchors: &anchors,
                            multiword: text[m.start..m.end].contains(' '),
                        },
                    )
                })
                .collect();
            // The current name weighs in the margin over the runner-up, never toward the
            // bar: it can settle a near-tie but not make a weak guess good enough.
            let rank = |k: usize| scored[k].0 + if current[k] { 0.7 } else { 0.0 };
            let mut order: Vec<usize> = (0..scored.len()).collect();
            order.sort_by(|&a, &b| rank(b).total_cmp(&rank(a)));
            let Some(&best) = order.first() else { continue };
            let margin = order
                .get(1)
                .map_or(f32::INFINITY, |&s| rank(best) - rank(s));
            // The more places share a name, the likelier one lies near an anchor by chance.
            let bar = 2.5 + 0.5 * (cands.len() as f32).log10();
            if scored[best].0 >= bar && margin >= 0.6 {
                let (s, place, why) = &scored[best];
                let of = if cands.len() > 1 {
                    format!(" (best of {})", cands.len())
                } else {
                    String::new()
                };
                let named = if current[best] {
                    ", its current name"
                } else {
                    ""
                };
                resolved[i] = Some(Resolved {
                    place: *place,
                    reason: format!("{why}{named}; score {s:.1}{of}"),
                });
                anchors.push((*place, at(i)));
            }
        }
    }
}

/// The names among `keys` (folded) that `body` also uses as lowercase words: common words
/// that happen to name a village.
fn lowercase_in<'k>(body: &Folded, keys: HashSet<&'k str>) -> HashSet<&'k str> {
    // One pass over the body's fold: a word that does not start at a capitalised word is a
    // lowercase one, and folded words compare with the folded keys as they are.
    let (shortest, longest) = keys.iter().fold((usize::MAX, 0), |(lo, hi), k| {
        (lo.min(k.len()), hi.max(k.len()))
    });
    let text = body.text.as_str();
    let mut found = HashSet::new();
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(at) = word_start.take() else {
            continue;
        };
        if (shortest..=longest).contains(&(i - at))
            && let Some(&key) = keys.get(&text[at..i])
            && body.capitals.binary_search(&at).is_err()
        {
            found.insert(key);
        }
    }
    found
}

/// A town among villages: the one candidate that is a district centre or more with at
/// least 5,000 people, when every other is a tenth its size or less and its region is not
/// named near the mention.
fn dominant(
    gaz: &Gazetteer,
    cands: &[u32],
    named_regions: &[(&str, Option<usize>)],
    at: Option<usize>,
) -> Option<u32> {
    let is_town = |p: &Place| p.population >= 5000 && p.is_local_centre();
    let mut towns = cands.iter().filter(|&&c| is_town(gaz.place(c)));
    let town = *towns.next()?;
    if towns.next().is_some() {
        return None;
    }
    cands
        .iter()
        .filter(|&&c| c != town)
        .all(|&c| {
            let p = gaz.place(c);
            p.population.saturating_mul(10) <= gaz.place(town).population
                && !named_regions
                    .iter()
                    .any(|&(code, pos)| code == p.admin1 && near(at, pos))
        })
        .then_some(town)
}

/// Mentions this close (bytes) are about the same scene.
const NEAR_BYTES: usize = 400;

fn near(a: Option<usize>, b: Option<usize>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.abs_diff(b) <= NEAR_BYTES)
}

/// What the document says around one open mention.
struct Context<'a> {
    /// Body offset of the mention (none in the title).
    at: Option<usize>,
    named_regions: &'a [(&'a str, Option<usize>)],
    /// The region named right after the mention, as where it is.
    local_region: Option<&'a str>,
    /// Raions the document names, with their body offsets.
    named_raions: &'a [(u16, Option<usize>)],
    /// The raion named right after the mention, as where it is.
    local_raion: Option<u16>,
    /// Settlements resolved so far, with their body offsets.
    anchors: &'a [(u32, Option<usize>)],
    multiword: bool,
}

/// How likely candidate `c` is meant: population prior, rank, the regions the document
/// names (more when near the mention) and the distance to places already resolved.
fn score(gaz: &Gazetteer, c: u32, cx: &Context) -> (f32, u32, String) {
    let p = gaz.place(c);
    let mut s = 0.5 * ((p.population as f32) + 1.0).log10();
    let mut why = vec![format!("population {}", p.population)];
    if p.is_admin_centre() {
        s += 0.5;
    }
    // A region's capital is what a bare name of it usually means.
    if p.is_regional_capital() {
        s += 1.5;
    }
    if cx.multiword {
        s += 0.5;
    }

    let region = p.region().map_or("region", |r| r.name);
    let named = || {
        cx.named_regions
            .iter()
            .filter(|(code, _)| *code == p.admin1)
    };
    if cx.local_region == Some(p.admin1.as_str()) {
        s += 4.0;
        why.push(format!("{region} named after it"));
    } else if named().any(|&(_, pos)| near(cx.at, pos)) {
        s += 2.0;
        why.push(format!("{region} named nearby"));
    } else if named().next().is_some() {
        s += 1.0;
        why.push(format!("{region} named"));
    }
    // A raion is a tenth of an oblast: naming it says more than naming the region.
    let in_raion = |r: u16| !p.admin2.is_empty() && gaz.raion(r).admin2 == p.admin2;
    if let Some(r) = cx.local_raion.filter(|&r| in_raion(r)) {
        s += 5.0;
        why.push(format!("{} named after it", gaz.raion(r).name));
    } else if let Some(&(r, _)) = cx
        .named_raions
        .iter()
        .find(|&&(r, pos)| in_raion(r) && near(cx.at, pos))
    {
        s += 3.0;
        why.push(format!("{} named nearby", gaz.raion(r).name));
    }
    let nearest = cx
        .anchors
        .iter()
        .filter(|&&(a, _)| a != c)
        .map(|&(a, pos)| (gaz.place(a).distance_km(p), a, pos))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((d, a, _)) = nearest
        && d < 80.0
    {
        s += match d {
            d if d < 10.0 => 3.0,
            d if d < 30.0 => 2.0,
            _ => 1.0,
        };
        if cx
            .anchors
            .iter()
            .any(|&(b, pos)| b == a && near(cx.at, pos))
        {
            s += 1.0;
        }
        why.push(format!("{d:.0} km from {}", gaz.place(a).name));
    }
    (s, c, why.join(", "))
}
