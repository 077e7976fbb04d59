//! The compiled gazetteer: places with their names, hierarchy and coordinates.

use std::collections::HashMap;
use std::io::Read;

use crate::matcher::Matcher;
use crate::regions::{self, Region};

/// Whether a place is a settlement (facet level 3) or a region (level 2); raions are kept
/// beside the places as context (where a settlement is), not tagged themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Settlement,
    Region,
    Raion,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Settlement => "settlement",
            PlaceKind::Region => "region",
            PlaceKind::Raion => "raion",
        }
    }
}

/// GeoNames' feature code of an abandoned place.
pub const ABANDONED: &str = "PPLQ";

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct Place {
    /// GeoNames id; for regions, the id of the ADM1 feature.
    pub id: u64,
    pub kind: PlaceKind,
    /// GeoNames admin1 code, e.g. `UA.05`.
    pub admin1: String,
    /// GeoNames admin2 code of its raion, e.g. `UA.05.1405` (empty when unknown).
    pub admin2: String,
    /// GeoNames feature code (PPL, PPLA2, ADM1, ...).
    pub feature: String,
    pub population: u32,
    pub lat: f32,
    pub lon: f32,
    /// Canonical English name (Ukraine's 2010 national romanisation for Ukrainian places).
    pub name: String,
    pub name_uk: String,
    pub name_ru: String,
    /// Latin-script surface forms (legacy and official spellings).
    pub latin: Vec<String>,
    /// Cyrillic surface forms (Ukrainian and Russian).
    pub cyrillic: Vec<String>,
    /// Label at facet level 3, unique within the region (name, or name and id when two
    /// settlements of one region share a name).
    pub label: String,
}

impl Place {
    pub fn region(&self) -> Option<&'static Region> {
        regions::by_code(&self.admin1)
    }

    /// Hierarchical facet path: `/Ukraine/Donetsk Oblast/Pokrovsk` or `/Ukraine/Donetsk Oblast`.
    pub fn path_segments(&self) -> Vec<&str> {
        let Some(region) = self.region() else {
            return vec![self.label.as_str()];
        };
        match self.kind {
            PlaceKind::Region | PlaceKind::Raion => vec![region.country, region.name],
            PlaceKind::Settlement => vec![region.country, region.name, self.label.as_str()],
        }
    }

    pub fn path(&self) -> String {
        let mut p = String::new();
        for s in self.path_segments() {
            p.push('/');
            p.push_str(s);
        }
        p
    }

    /// An administrative centre: a capital of a region or raion.
    pub fn is_admin_centre(&self) -> bool {
        matches!(self.feature.as_str(), "PPLC" | "PPLA" | "PPLA2")
    }

    /// The seat of any administrative division, down to a hromada (GeoNames' third order).
    pub fn is_local_centre(&self) -> bool {
        self.is_admin_centre() || self.feature == "PPLA3"
    }

    /// A region's capital, or the country's.
    pub fn is_regional_capital(&self) -> bool {
        matches!(self.feature.as_str(), "PPLC" | "PPLA")
    }

    /// A place GeoNames calls abandoned (the gazetteer keeps only those the codifier still
    /// lists and people still live in: Chornobyl). A query may name it, but in a text its
    /// name far more often means what happened there, so it is never tagged.
    pub fn is_query_only(&self) -> bool {
        self.feature == ABANDONED
    }

    /// The country's capital.
    pub fn is_national_capital(&self) -> bool {
        self.feature == "PPLC"
    }

    /// Distance in kilometres (haversine).
    pub fn distance_km(&self, other: &Place) -> f32 {
        let (la1, lo1) = (self.lat.to_radians(), self.lon.to_radians());
        let (la2, lo2) = (other.lat.to_radians(), other.lon.to_radians());
        let a = ((la2 - la1) / 2.0).sin().powi(2)
            + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().asin()
    }
}

/// Errors reading a compiled gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("gazetteer line {line}: {message}")]
    Format { line: usize, message: String },
}

/// All places plus the surface-form matcher over their names.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    raions: Vec<Place>,
    by_id: HashMap<u64, usize>,
    by_path: HashMap<String, usize>,
    matcher: Matcher,
}

/// The compiled gazetteer shipped with the project (GeoNames, CC BY 4.0).
static BUNDLED: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

impl Gazetteer {
    /// Loads the gazetteer compiled into the binary.
    pub fn bundled() -> Result<Gazetteer, GazetteerError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(BUNDLED).read_to_string(&mut text)?;
        Gazetteer::parse(&text)
    }

    /// Parses the compiled TSV format written by [`crate::compile`].
    pub fn parse(text: &str) -> Result<Gazetteer, GazetteerError> {
        let (mut places, mut raions) = (Vec::new(), Vec::new());
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let place = parse_line(line).map_err(|message| GazetteerError::Format {
                line: n + 1,
                message,
            })?;
            if place.kind == PlaceKind::Raion {
                raions.push(place);
            } else {
                places.push(place);
            }
        }
        Ok(Gazetteer::from_places(places, raions))
    }

    pub fn from_places(mut places: Vec<Place>, raions: Vec<Place>) -> Gazetteer {
        assign_labels(&mut places);
        let by_id = places.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let by_path = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path(), i))
            .collect();
        let matcher = Matcher::new(&places, &raions);
        Gazetteer {
            places,
            raions,
            by_id,
            by_path,
            matcher,
        }
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn place(&self, index: u32) -> &Place {
        &self.places[index as usize]
    }

    /// Raion `index` of a [`crate::FormKind::Raion`] mention.
    pub fn raion(&self, index: u16) -> &Place {
        &self.raions[index as usize]
    }

    pub fn raions(&self) -> &[Place] {
        &self.raions
    }

    pub fn index_of(&self, id: u64) -> Option<u32> {
        self.by_id.get(&id).map(|&i| i as u32)
    }

    pub fn by_id(&self, id: u64) -> Option<&Place> {
        self.index_of(id).map(|i| self.place(i))
    }

    /// The place a facet path names, e.g. `/Ukraine/Donetsk Oblast/Pokrovsk`.
    pub fn by_path(&self, path: &str) -> Option<&Place> {
        self.by_path.get(path).map(|&i| &self.places[i])
    }

    /// The region entry for an admin1 code.
    pub fn region_place(&self, admin1: &str) -> Option<&Place> {
        regions::by_code(admin1).and_then(|r| self.by_id(r.geonameid))
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }
}

fn split_list(field: &str) -> Vec<String> {
    field
        .split('|')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_line(line: &str) -> Result<Place, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 13 {
        return Err(format!("expected 13 columns, found {}", f.len()));
    }
    let num = |i: usize| -> Result<f64, String> {
        f[i].parse::<f64>()
            .map_err(|e| format!("column {}: {e}", i + 1))
    };
    Ok(Place {
        id: num(0)? as u64,
        kind: match f[1] {
            "r" => PlaceKind::Region,
            "s" => PlaceKind::Settlement,
            "d" => PlaceKind::Raion,
            other => return Err(format!("unknown kind {other:?}")),
        },
        admin1: f[2].to_string(),
        feature: f[3].to_string(),
        population: num(4)? as u32,
        lat: num(5)? as f32,
        lon: num(6)? as f32,
        name: f[7].to_string(),
        name_uk: f[8].to_string(),
        name_ru: f[9].to_string(),
        latin: split_list(f[10]),
        cyrillic: split_list(f[11]),
        admin2: f[12].to_string(),
        label: String::new(),
    })
}

fn assign_labels(places: &mut [Place]) {
    // The most populous place of a name in a region keeps the plain name.
    let mut biggest: HashMap<(String, String), (u32, u64)> = HashMap::new();
    for p in places.iter() {
        let e = biggest
            .entry((p.admin1.clone(), p.name.clone()))
            .or_insert((p.population, p.id));
        if p.population > e.0 {
            *e = (p.population, p.id);
        }
    }
    for p in places.iter_mut() {
        p.label = match p.kind {
            PlaceKind::Region => p
                .region()
                .map_or_else(|| p.name.clone(), |r| r.name.to_string()),
            PlaceKind::Settlement if biggest[&(p.admin1.clone(), p.name.clone())].1 != p.id => {
                format!("{} ({})", p.name, p.id)
            }
            PlaceKind::Settlement | PlaceKind::Raion => p.name.clone(),
        };
    }
}

/// Writes one place in the compiled TSV format.
pub fn to_line(p: &Place) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}",
        p.id,
        match p.kind {
            PlaceKind::Region => "r",
            PlaceKind::Settlement => "s",
            PlaceKind::Raion => "d",
        },
        p.admin1,
        p.feature,
        p.population,
        p.lat,
        p.lon,
        p.name,
        p.name_uk,
        p.name_ru,
        p.latin.join("|"),
        p.cyrillic.join("|"),
        p.admin2,
    )
}
