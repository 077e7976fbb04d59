//! The region passes: regions named as regions, names listed with them, the Donbas pair,
//! where the document says its places are, and capitals named as where a place is.

use std::sync::LazyLock;

use frontline_gazetteer::regions::DONBAS;
use frontline_gazetteer::{FormKind, Gazetteer, Mention, PlaceKind, matcher};
use regex::Regex;

use super::{Found, Resolved};

/// The region a "X and Y regions" list turns a city name into.
static LIST_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*|\s+та\s+|\s+і\s+|\s+й\s+|\s+и\s+)$")
        .expect("valid regex")
});

/// A joiner that ends a list ("…, Kherson and Zaporizhzhia regions").
static LIST_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\band|&|\bта|\bі|\bй|\bи)\s+$").expect("valid regex"));

/// A region form in the plural names a list by itself: "Kharkiv, Sumy regions".
static PLURAL_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:regions|oblasts|provinces|областях|областей|областями|областям)$")
        .expect("valid regex")
});

/// A settlement mention followed by where it is: "Lysychansk, Luhansk region",
/// "Bohdanivka in the Mykolaiv region", "Лисичанську Луганської області".
static WHERE_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|,\s*|\s+in\s+(?:the\s+)?|\s+\(|\s+у\s+|\s+в\s+)$").expect("valid regex")
});

/// Between a district and the city it belongs to: "Дніпровському районі Києва",
/// "Podilskyi district of Kyiv".
static DISTRICT_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s+|\s+of\s+(?:the\s+)?|\s+in\s+)$").expect("valid regex"));

/// A possessive between a city and its district: "Kyiv's Podilskyi district".
static POSSESSIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^['’]s\s+$").expect("valid regex"));

/// "cities", "city" just before a pair of capitals: the pair means the cities.
static CITY_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcit(?:y|ies)\b|\bміст|\bгород").expect("valid regex"));

/// "Дніпровському районі Києва", "Kyiv's Podilskyi district": a city's district that
/// shares its name with a raion is neither that raion nor its oblast.
pub(super) fn city_districts(gaz: &Gazetteer, all: &[Found]) -> Vec<bool> {
    let big_city = |m: &Mention| {
        m.candidates
            .iter()
            .any(|c| c.form == FormKind::Name && gaz.place(c.place).population >= 100_000)
    };
    (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            if !m
                .candidates
                .iter()
                .any(|c| matches!(c.form, FormKind::Raion(_)))
            {
                return false;
            }
            let city_after = all.get(i + 1).is_some_and(|&(next, next_title, _)| {
                next_title == title
                    && DISTRICT_OF.is_match(&text[m.end..next.start])
                    && big_city(next)
            });
            let city_before = i > 0 && {
                let (prev, prev_title, _) = all[i - 1];
                prev_title == title
                    && prev.end <= m.start
                    && POSSESSIVE.is_match(&text[prev.end..m.start])
                    && big_city(prev)
            };
            city_after || city_before
        })
        .collect()
}

/// Regions named as regions ("Donetsk region", "Донецька область", a raion of one).
pub(super) fn regions_named(
    all: &[Found],
    city_district: &[bool],
    resolved: &mut [Option<Resolved>],
) {
    for (i, (m, _, text)) in all.iter().enumerate() {
        if city_district[i] {
            continue;
        }
        if let Some(c) = m.candidates.iter().find(|c| c.form.names_region()) {
            let how = match c.form {
                FormKind::RegionForm => "named as a region",
                FormKind::Raion(_) => "a raion of it named",
                _ => "region name",
            };
            resolved[i] = Some(Resolved {
                place: c.place,
                reason: format!("{how}: {:?}", &text[m.start..m.end]),
            });
        }
    }
}

/// "Kharkiv and Donetsk regions", "у Київській, Харківській та Луганській областях":
/// names listed before a region form are regions too, when the form is plural or the
/// list ends with a conjunction ("Kyiv, Chernihiv region, Sumy region" lists places).
pub(super) fn listed_regions(gaz: &Gazetteer, all: &[Found], resolved: &mut [Option<Resolved>]) {
    for i in 0..all.len() {
        let Some(anchor) = resolved[i].as_ref().map(|r| r.place) else {
            continue;
        };
        let (am, _, atext) = all[i];
        let raion = am
            .candidates
            .iter()
            .any(|c| matches!(c.form, FormKind::Raion(_)));
        if gaz.place(anchor).kind != PlaceKind::Region || raion {
            continue;
        }
        let plural = PLURAL_REGION.is_match(&atext[am.start..am.end]);
        let mut j = i;
        while j > 0 {
            let (prev, prev_title, text) = all[j - 1];
            let (cur, cur_title, _) = all[j];
            if prev_title != cur_title || resolved[j - 1].is_some() {
                break;
            }
            let joiner = &text[prev.end..cur.start];
            if !LIST_JOINER.is_match(joiner) {
                break;
            }
            if j == i && !plural && !LIST_END.is_match(joiner) {
                break;
            }
            let Some((region, how)) = listed_region(gaz, prev) else {
                break;
            };
            // "Kyiv and Kyiv region": the city and its oblast.
            if region == anchor {
                break;
            }
            resolved[j - 1] = Some(Resolved {
                place: region,
                reason: how.into(),
            });
            j -= 1;
        }
        // "Харківська область, Донецька, Луганська": adjectives after the noun.
        let mut j = i;
        while j + 1 < all.len() {
            let (cur, cur_title, text) = all[j];
            let (next, next_title, _) = all[j + 1];
            let adjective = next
                .candidates
                .iter()
                .find(|c| c.form == FormKind::RegionAdj);
            let Some(adjective) = adjective.filter(|_| {
                cur_title == next_title
                    && resolved[j + 1].is_none()
                    && LIST_JOINER.is_match(&text[cur.end..next.start])
            }) else {
                break;
            };
            resolved[j + 1] = Some(Resolved {
                place: adjective.place,
                reason: "region adjective listed with regions".into(),
            });
            j += 1;
        }
    }
}

/// "Donetsk and Luhansk": the two Donbas capitals paired name their oblasts, unless
/// the text says it means the cities.
pub(super) fn donbas_pair(gaz: &Gazetteer, all: &[Found], resolved: &mut [Option<Resolved>]) {
    for i in 1..all.len() {
        let ((a, a_title, text), (b, b_title, _)) = (all[i - 1], all[i]);
        if a_title != b_title
            || resolved[i - 1].is_some()
            || resolved[i].is_some()
            || !LIST_JOINER.is_match(&text[a.end..b.start])
        {
            continue;
        }
        let (Some(ra), Some(rb)) = (donbas_region(gaz, a), donbas_region(gaz, b)) else {
            continue;
        };
        let before = &text[..a.start];
        let near = before
            .char_indices()
            .rev()
            .nth(40)
            .map_or(before, |(k, _)| &before[k..]);
        if ra == rb || CITY_CUE.is_match(near) {
            continue;
        }
        for (k, region) in [(i - 1, ra), (i, rb)] {
            resolved[k] = Some(Resolved {
                place: region,
                reason: "Donetsk and Luhansk paired: the two oblasts".into(),
            });
        }
    }
}

/// Where the document says its places are: the regions and raions it names (with their
/// body offsets; none in the title), and the region or raion named right after a mention.
pub(super) struct Where<'g> {
    pub named_regions: Vec<(&'g str, Option<usize>)>,
    pub local_region: Vec<Option<&'g str>>,
    pub named_raions: Vec<(u16, Option<usize>)>,
    pub local_raion: Vec<Option<u16>>,
}

pub(super) fn where_named<'g>(
    gaz: &'g Gazetteer,
    all: &[Found],
    resolved: &[Option<Resolved>],
    city_district: &[bool],
) -> Where<'g> {
    // Where the document names each region: its code and body offset (none in the title).
    let named_regions: Vec<(&str, Option<usize>)> = (0..all.len())
        .filter_map(|i| {
            let p = gaz.place(resolved[i].as_ref()?.place);
            let (m, in_title, _) = all[i];
            (p.kind == PlaceKind::Region)
                .then_some((p.admin1.as_str(), (!in_title).then_some(m.start)))
        })
        .collect();
    // "Lysychansk, Luhansk region": a region named right after a settlement says where
    // that settlement is.
    let local_region: Vec<Option<&str>> = (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            let (next, next_title, _) = *all.get(i + 1)?;
            let r = resolved[i + 1].as_ref()?;
            let region = gaz.place(r.place);
            let named = next
                .candidates
                .iter()
                .any(|c| c.form == FormKind::RegionForm && c.place == r.place);
            (named && title == next_title && WHERE_JOINER.is_match(&text[m.end..next.start]))
                .then_some(region.admin1.as_str())
        })
        .collect();

    // Raions the document names, with their body offsets, and the raion named right after
    // a mention ("Andriivka, Bakhmut district", "Андріївка Бахмутського району").
    let raion_of = |i: usize| {
        if city_district[i] {
            return None;
        }
        all[i].0.candidates.iter().find_map(|c| match c.form {
            FormKind::Raion(r) => Some(r),
            _ => None,
        })
    };
    let named_raions: Vec<(u16, Option<usize>)> = (0..all.len())
        .filter_map(|i| Some((raion_of(i)?, (!all[i].1).then_some(all[i].0.start))))
        .collect();
    let local_raion: Vec<Option<u16>> = (0..all.len())
        .map(|i| {
            let (m, title, text) = all[i];
            let (next, next_title, _) = *all.get(i + 1)?;
            let r = raion_of(i + 1)?;
            (title == next_title && WHERE_JOINER.is_match(&text[m.end..next.start])).then_some(r)
        })
        .collect();
    Where {
        named_regions,
        local_region,
        named_raions,
        local_raion,
    }
}

/// "near Dobropillia in Donetsk": a region's capital named right after one of the
/// region's places, as where that place is, means the region.
pub(super) fn capitals_as_regions(
    gaz: &Gazetteer,
    all: &[Found],
    resolved: &mut [Option<Resolved>],
) {
    for i in 0..all.len() {
        let (m, _, text) = all[i];
        let Some(r) = &resolved[i] else { continue };
        let p = gaz.place(r.place);
        let Some(region) = matcher::region_of_capital(p) else {
            continue;
        };
        let before = &text[..m.start];
        let Some(prefix) = before
            .strip_suffix(" in ")
            .or_else(|| before.strip_suffix(" in the "))
        else {
            continue;
        };
        let prev_is_same_region = (0..i).rev().take(1).any(|j| {
            let (pm, _, ptext) = all[j];
            resolved[j].as_ref().is_some_and(|pr| {
                let pp = gaz.place(pr.place);
                pp.kind == PlaceKind::Settlement && pp.admin1 == region.code && pp.id != p.id
            }) && std::ptr::eq(ptext, text)
                && prefix.len().checked_sub(pm.end).is_some_and(|gap| gap < 40)
        });
        if prev_is_same_region && let Some(idx) = gaz.index_of(region.geonameid) {
            resolved[i] = Some(Resolved {
                place: idx,
                reason: "capital named as where a place of its region is".into(),
            });
        }
    }
}

/// The region a listed name stands for: a region adjective's, or a capital's region.
fn listed_region(gaz: &Gazetteer, m: &Mention) -> Option<(u32, &'static str)> {
    if let Some(c) = m.candidates.iter().find(|c| c.form == FormKind::RegionAdj) {
        return Some((c.place, "region adjective listed with regions"));
    }
    m.candidates
        .iter()
        .filter(|c| c.form == FormKind::Name)
        .find_map(|c| matcher::region_of_capital(gaz.place(c.place)))
        .and_then(|r| gaz.index_of(r.geonameid))
        .map(|r| (r, "listed with regions"))
}

/// Donetsk or Luhansk Oblast, when the mention can be that oblast's capital.
fn donbas_region(gaz: &Gazetteer, m: &Mention) -> Option<u32> {
    m.candidates
        .iter()
        .filter(|c| c.form == FormKind::Name)
        .find_map(|c| matcher::region_of_capital(gaz.place(c.place)))
        .filter(|r| DONBAS.contains(&r.code))
        .and_then(|r| gaz.index_of(r.geonameid))
}
