//! What the official codifier (KATOTTG) adds to GeoNames: Ukrainian names GeoNames lacks,
//! canonical names in the national romanisation, and raions that tell same-named villages
//! apart.

use std::sync::OnceLock;

use frontline_gazetteer::{Gazetteer, PlaceKind};
use frontline_indexer::enrich::StoredPlace;
use frontline_indexer::enrich::places::tag;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
}

fn tagged(body: &str) -> Vec<StoredPlace> {
    tag(gaz(), None, body)
}

fn paths(body: &str) -> Vec<String> {
    tagged(body).into_iter().map(|p| p.path).collect()
}

/// The raion (GeoNames admin2 code) of the one settlement tagged in `body`.
fn raion_of_settlement(body: &str) -> Option<String> {
    let settlements: Vec<StoredPlace> = tagged(body)
        .into_iter()
        .filter(|p| p.kind == "settlement")
        .collect();
    assert!(settlements.len() <= 1, "{body}: {settlements:?}");
    let place = gaz().by_id(settlements.first()?.geonameid)?;
    Some(place.admin2.clone())
}

fn raion_code(name: &str) -> String {
    gaz()
        .raions()
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("raion {name} in the gazetteer"))
        .admin2
        .clone()
}

#[test]
fn every_raion_of_ukraine_is_known_with_its_ukrainian_name() {
    let raions = gaz().raions();
    // Ukraine has 136 raions since 2020; Kyiv and Sevastopol have none.
    assert_eq!(raions.len(), 136);
    assert!(raions.iter().all(|r| r.kind == PlaceKind::Raion));
    assert!(
        raions.iter().all(|r| r.name_uk.ends_with("ий район")),
        "{:?}",
        raions.iter().find(|r| !r.name_uk.ends_with("ий район"))
    );
    // Most settlements of Ukraine lie in a raion the gazetteer knows.
    let settlements: Vec<_> = gaz()
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::Settlement && p.admin1.starts_with("UA."))
        .collect();
    let in_known = settlements
        .iter()
        .filter(|p| raions.iter().any(|r| r.admin2 == p.admin2))
        .count();
    assert!(
        in_known * 100 >= settlements.len() * 95,
        "{in_known}/{}",
        settlements.len()
    );
}

#[test]
fn official_ukrainian_names_fill_what_geonames_lacks() {
    // GeoNames has only Russian forms and older romanisations for these towns.
    for (id, name, name_uk) in [
        (692975, "Kadiivka", "Кадіївка"),
        (712521, "Bilovodsk", "Біловодськ"),
        (692953, "Stanytsia Luhanska", "Станиця Луганська"),
        (711390, "Brovary", "Бровари"),
    ] {
        let place = gaz().by_id(id).expect("place in the gazetteer");
        assert_eq!(
            (place.name.as_str(), place.name_uk.as_str()),
            (name, name_uk)
        );
    }
    // ...so their Ukrainian case forms are found.
    let found: Vec<u64> = tagged("Обстріл у Кадіївці та в Броварах.")
        .iter()
        .map(|p| p.geonameid)
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.contains(&692975) && found.contains(&711390),
        "{found:?}"
    );
}

#[test]
fn a_raion_named_after_a_village_says_which_village() {
    let bakhmut = raion_code("Bakhmutskyi Raion");
    let kramatorsk = raion_code("Kramatorskyi Raion");
    let volnovakha = raion_code("Volnovaskyi Raion");
    for (body, raion) in [
        (
            "Russian troops attacked Andriivka in the Bakhmut district.",
            &bakhmut,
        ),
        (
            "Fighting continued near Andriivka, Kramatorsk raion.",
            &kramatorsk,
        ),
        (
            "Ворог атакував Андріївку Краматорського району.",
            &kramatorsk,
        ),
        (
            "Ворог обстріляв Андріївку Волноваського району.",
            &volnovakha,
        ),
    ] {
        assert_eq!(raion_of_settlement(body).as_ref(), Some(raion), "{body}");
    }
}

#[test]
fn a_raion_is_its_region_not_the_town_it_is_named_after() {
    for body in [
        "Shelling in the Pokrovsk district killed two civilians.",
        "Обстріл Бахмутського району триває.",
    ] {
        assert_eq!(paths(body), ["/Ukraine/Donetsk Oblast"], "{body}");
    }
}

#[test]
fn a_city_district_named_like_a_raion_is_not_that_raion() {
    // Kyiv's Dniprovskyi and Podilskyi districts share their names with raions of
    // Dnipropetrovsk and Odesa Oblasts.
    for body in [
        "Уламки впали у Дніпровському районі Києва.",
        "Debris fell in Kyiv's Podilskyi district overnight.",
    ] {
        assert_eq!(paths(body), ["/Ukraine/Kyiv/Kyiv"], "{body}");
    }
}

#[test]
fn raions_are_named_officially_and_by_their_centre() {
    for (name, centre) in [
        ("Bakhmutskyi Raion", "Bakhmut"),
        ("Pokrovskyi Raion", "Pokrovsk"),
        ("Odeskyi Raion", "Odesa"),
        ("Buchanskyi Raion", "Bucha"),
    ] {
        let raion = gaz()
            .raions()
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("raion {name}"));
        assert_eq!(raion.latin, [centre], "{name}");
    }
}
