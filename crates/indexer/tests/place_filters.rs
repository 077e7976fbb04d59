//! Precision filters of the geoparser on sentences of the kinds war reporting is full of:
//! each names a place-like word that is not a place, beside one that is.

use std::sync::OnceLock;

use frontline_gazetteer::Gazetteer;
use frontline_indexer::enrich::places::tag;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
}

fn names(body: &str) -> Vec<String> {
    tag(gaz(), None, body).into_iter().map(|p| p.name).collect()
}

#[test]
fn pronouns_and_demonyms_are_not_villages() {
    // "Мені" (to me) inflects like Mena; "Українці", "Українська" like Ukrainka, Ukrainsk.
    let found =
        names("Мені не треба пояснювати. Українці! Українки! Українська армія тримає Харків.");
    assert_eq!(found, ["Kharkiv"], "{found:?}");
}

#[test]
fn names_in_guillemets_are_not_places() {
    let found = names("Президент вручив ордени «Золота Зірка» військовим у Херсоні.");
    assert_eq!(found, ["Kherson"], "{found:?}");
}

#[test]
fn kyiv_as_the_government_or_an_institution_is_not_a_place() {
    for sentence in [
        "Putin presses Kyiv to give up land.",
        "Some analysts critical of Kyiv's handling of the situation spoke out.",
        "The advance is a warning to Kyiv.",
        "He teaches at the Taras Shevchenko National University of Kyiv.",
        "Which Kyiv believes is inevitable.",
    ] {
        assert!(
            names(sentence).is_empty(),
            "{sentence}: {:?}",
            names(sentence)
        );
    }
    assert_eq!(names("Missiles struck Kyiv overnight."), ["Kyiv"]);
}

#[test]
fn a_border_region_is_the_oblast() {
    let found = names("Troops repelled an incursion into Russia's Kursk border region.");
    assert_eq!(found, ["Kursk Oblast"], "{found:?}");
}
