//! The real server on an ephemeral port over an index built from the bundled corpus.

use std::sync::OnceLock;

use frontline::{Server, build, encode_query, root};
use serde_json::Value;

struct Fixture {
    server: Server,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        build(&[root().join("corpus")], dir.path());
        Fixture {
            server: Server::start(dir.path()),
            _dir: dir,
        }
    })
}

fn get(path: &str) -> (u16, Value) {
    fixture().server.get(path)
}

fn hit_ids(v: &Value) -> Vec<String> {
    v["hits"].as_array().map_or_else(Vec::new, |h| {
        h.iter()
            .filter_map(|h| h["id"].as_str().map(str::to_string))
            .collect()
    })
}

/// A query's total and the ids of its first 100 hits, near-duplicates apart, sorted: what
/// it found, whatever the order.
fn found(q: &str) -> (u64, Vec<String>) {
    let (status, v) = get(&format!(
        "/search?q={}&facets=none&limit=100&collapse=false",
        encode_query(q)
    ));
    assert_eq!(status, 200, "{q}: {v}");
    let mut ids = hit_ids(&v);
    ids.sort();
    (v["total"].as_u64().unwrap_or_default(), ids)
}

fn total(path: &str) -> u64 {
    let (status, v) = get(path);
    assert_eq!(status, 200, "{path}: {v}");
    v["total"].as_u64().expect("total")
}

#[test]
fn relevant_seed_ranks_first() {
    let (_, v) = get("/search?q=Dobropillia%20highway");
    assert_eq!(
        hit_ids(&v).first().map(String::as_str),
        Some("000_85c3fa6f61157cf1"),
        "{v}"
    );
    assert!(
        v["hits"][0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("<mark>"),
        "{}",
        v["hits"][0]["snippet"]
    );
}

#[test]
fn phrases_and_booleans() {
    let phrase = total("/search?q=%22fortress%20belt%22&facets=none");
    let both = total("/search?q=fortress%20belt&facets=none");
    assert!(phrase >= 1 && phrase <= both, "{phrase} {both}");
    let a = total("/search?q=Mariupol&facets=none");
    let b = total("/search?q=Kherson&facets=none");
    let a_or_b = total("/search?q=Mariupol%20OR%20Kherson&facets=none");
    let a_and_b = total("/search?q=Mariupol%20Kherson&facets=none");
    let a_not_b = total("/search?q=Mariupol%20-Kherson&facets=none");
    assert_eq!(a_or_b, a + b - a_and_b);
    assert_eq!(a_not_b, a - a_and_b);
    assert!(
        total("/search?q=Kramat*&facets=none")
            >= total("/search?q=body:%22Kramatorsk%22&facets=none")
    );
    assert!(total("/search?q=title:drones&facets=none") <= total("/search?q=drones&facets=none"));
}

#[test]
fn filters_narrow() {
    let all = total("/search?facets=none");
    let en = total("/search?lang=en&facets=none");
    let uk = total("/search?lang=uk&facets=none");
    assert_eq!(en + uk, all);
    let kremlin = total("/search?source=kremlin.ru&facets=none");
    assert!(kremlin > 0 && kremlin < all);
    assert_eq!(total("/search?q=source:kremlin.ru&facets=none"), kremlin);
    let march = total("/search?from=2022-03-01&to=2022-03-31&facets=none");
    let (_, v) = get("/search?from=2022-03-01&to=2022-03-31&sort=oldest&limit=100&facets=none");
    for h in v["hits"].as_array().expect("hits") {
        let d = h["published"].as_str().expect("dated");
        assert!(("2022-03-01".."2022-04-01").contains(&d), "{d}");
    }
    assert!(march > 0 && march < all);
    let donetsk = total("/search?place=/Ukraine/Donetsk%20Oblast&facets=none");
    let both = total("/search?place=/Ukraine/Donetsk%20Oblast&lang=uk&facets=none");
    assert!(donetsk > both && both > 0);
}

#[test]
fn facet_counts_match_brute_force() {
    let (_, v) = get("/search?q=Mariupol&limit=0");
    let matching = v["total"].as_u64().expect("total");
    // Every region count equals the number of matching documents under that path.
    let ukraine = v["facets"]["place"]
        .as_array()
        .expect("place")
        .iter()
        .find(|c| c["label"] == "Ukraine")
        .expect("ukraine")
        .clone();
    for region in ukraine["children"]
        .as_array()
        .expect("regions")
        .iter()
        .take(4)
    {
        let path = region["value"].as_str().expect("path");
        let brute = total(&format!(
            "/search?q=Mariupol&place={}&facets=none",
            path.replace(' ', "%20")
        ));
        assert_eq!(region["count"].as_u64(), Some(brute), "{path}");
    }
    // Languages partition the hits; date buckets plus unknown sum to the total.
    let langs: u64 = v["facets"]["lang"]
        .as_array()
        .expect("lang")
        .iter()
        .filter_map(|l| l["count"].as_u64())
        .sum();
    assert_eq!(langs, matching);
    let dated: u64 = v["facets"]["date"]["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .filter_map(|b| b["count"].as_u64())
        .sum();
    assert_eq!(
        dated + v["facets"]["date"]["unknown"].as_u64().unwrap_or(0),
        matching
    );
    // Drilling into a region lists its settlements.
    let (_, d) = get("/search?q=Mariupol&place=/Ukraine/Donetsk%20Oblast&limit=0&facets=place");
    let settlements = d["facets"]["place"].as_array().expect("settlements");
    assert!(settlements.iter().any(|s| {
        s["value"]
            .as_str()
            .is_some_and(|p| p.starts_with("/Ukraine/Donetsk Oblast/"))
    }));
}

#[test]
fn kyiv_in_any_spelling() {
    let kyiv = total("/search?q=Kyiv&facets=none");
    assert!(kyiv > 100);
    for q in [
        "Kiev",
        "%D0%9A%D0%B8%D1%97%D0%B2",
        "%D0%9A%D0%B8%D0%B5%D0%B2",
    ] {
        let n = total(&format!("/search?q={q}&facets=none"));
        assert!(n * 10 >= kyiv * 8, "{q}: {n} vs Kyiv {kyiv}");
    }
    // English documents that say only "Kyiv" are found by the Cyrillic query.
    let (_, v) = get("/search?q=%D0%9A%D0%B8%D1%97%D0%B2&lang=en&limit=1&facets=none");
    assert!(v["total"].as_u64().unwrap_or(0) > 0, "{v}");
}

#[test]
fn errors_are_json_with_status() {
    for (path, status, code) in [
        ("/search?q=%22glide%20bomb", 400, "bad_query"),
        ("/search?q=author:Smith", 400, "bad_query"),
        ("/search?from=2022-13-01", 400, "bad_date"),
        ("/search?from=2262-01-01", 400, "bad_date"),
        ("/search?to=1677-06-12", 400, "bad_date"),
        ("/search?place=Donetsk", 400, "bad_facet_path"),
        ("/search?limit=1000", 400, "bad_limit"),
        ("/search?offset=99999", 400, "bad_offset"),
        ("/search?sort=best", 400, "bad_sort"),
        ("/search?colour=red", 400, "unknown_parameter"),
        ("/search?q=%FF", 400, "bad_encoding"),
        ("/documents/no-such-id", 404, "not_found"),
        ("/nowhere", 404, "not_found"),
    ] {
        let (s, v) = get(path);
        assert_eq!(
            (s, v["error"].as_str()),
            (status, Some(code)),
            "{path}: {v}"
        );
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (_, v) = get("/search?q=Kyiv%20%22glide");
    assert_eq!(v["position"], 5);
    let long = "a".repeat(9000);
    assert_eq!(get(&format!("/search?q={long}")).0, 414);
}

#[test]
fn document_health_metrics_openapi() {
    let (s, doc) = get("/documents/000_85c3fa6f61157cf1");
    assert_eq!(s, 200);
    assert!(doc["body"].as_str().unwrap_or("").contains("Dobropillya"));
    assert!(
        doc["places"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["name"] == "Dobropillia"))
    );
    let (_, h) = get("/healthz");
    assert_eq!(h["status"], "ok");
    assert!(h["documents"].as_u64().unwrap_or(0) > 2000);
    let (s, m) = get("/metrics");
    assert_eq!(s, 200);
    assert!(
        m.as_str()
            .unwrap_or("")
            .contains("frontline_request_seconds_bucket")
    );
    let (_, api) = get("/openapi.json");
    assert!(api["paths"]["/search"].is_object());
}

#[test]
fn hits_show_the_places_of_their_documents() {
    let (_, v) = get("/search?q=Kyiv&limit=20&facets=none");
    let hits = v["hits"].as_array().expect("hits");
    let mut shown = 0;
    for hit in hits {
        let id = hit["id"].as_str().expect("id");
        let (_, doc) = get(&format!("/documents/{id}"));
        let brief =
            |p: &Value| ["geonameid", "name", "path", "kind", "focus"].map(|k| p[k].clone());
        let want: Vec<_> = doc["places"]
            .as_array()
            .expect("places")
            .iter()
            .map(brief)
            .collect();
        let got: Vec<_> = hit["places"]
            .as_array()
            .expect("places")
            .iter()
            .map(brief)
            .collect();
        assert_eq!(got, want, "{id}");
        shown += got.len();
    }
    assert!(shown > hits.len(), "Kyiv hits name places: {v}");
}

#[test]
fn deep_paging_is_consistent() {
    let (_, a) = get("/search?q=Ukraine&sort=newest&limit=20&offset=40&facets=none");
    let (_, b) = get("/search?q=Ukraine&sort=newest&limit=10&offset=50&facets=none");
    assert_eq!(hit_ids(&a)[10..], hit_ids(&b)[..]);
}

#[test]
fn facet_values_filter_back_to_their_counts() {
    let (_, v) = get("/search?q=Kharkiv&limit=0");
    let top: Vec<&str> = v["facets"]["place"]
        .as_array()
        .expect("place")
        .iter()
        .filter_map(|c| c["value"].as_str())
        .collect();
    assert!(
        top.iter().all(|p| *p == "/Ukraine" || *p == "/Russia"),
        "the tree's first level is the countries: {top:?}"
    );
    for country in v["facets"]["place"].as_array().expect("place") {
        let path = country["value"].as_str().expect("path");
        let brute = total(&format!("/search?q=Kharkiv&place={path}&facets=none"));
        assert_eq!(country["count"].as_u64(), Some(brute), "{path}");
    }
    for facet in ["source", "lang"] {
        let values = v["facets"][facet].as_array().expect("values");
        assert!(!values.is_empty(), "{facet}");
        for value in values.iter().take(3) {
            let name = value["value"].as_str().expect("value");
            let narrowed = total(&format!(
                "/search?q=Kharkiv&{facet}={}&facets=none",
                name.replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29")
            ));
            assert_eq!(Some(narrowed), value["count"].as_u64(), "{facet}={name}");
        }
    }
}

#[test]
fn settlements_facet_carries_coordinates() {
    let (_, v) = get("/search?q=Kharkiv&limit=0&facets=settlements");
    let points = v["facets"]["settlements"].as_array().expect("settlements");
    assert!(points.len() > 10);
    let kharkiv = points
        .iter()
        .find(|p| p["value"] == "/Ukraine/Kharkiv Oblast/Kharkiv")
        .expect("Kharkiv is a point");
    let (lat, lon) = (
        kharkiv["lat"].as_f64().expect("lat"),
        kharkiv["lon"].as_f64().expect("lon"),
    );
    assert!((49.9..50.1).contains(&lat) && (36.1..36.4).contains(&lon));
    let counts: Vec<u64> = points.iter().filter_map(|p| p["count"].as_u64()).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most mentioned first"
    );
    let brute = total("/search?q=Kharkiv&place=/Ukraine/Kharkiv%20Oblast/Kharkiv&facets=none");
    assert_eq!(kharkiv["count"].as_u64(), Some(brute));
}

#[test]
fn exports_hold_every_result_in_order() {
    let all = total("/search?q=Mariupol&sort=newest&facets=none");
    let (_, page) = get("/search?q=Mariupol&sort=newest&limit=5&facets=none&collapse=false");
    let (s, csv) = get("/export.csv?q=Mariupol&sort=newest&offset=20");
    assert_eq!(s, 200);
    let text = csv.as_str().expect("csv text").to_string();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    assert_eq!(
        ids.len() as u64,
        all.min(1000),
        "offset is ignored: all rows"
    );
    assert_eq!(ids[..5], hit_ids(&page)[..]);
    let (_, json) = get("/export.json?q=Mariupol&sort=newest&limit=3");
    assert_eq!(json["total"].as_u64(), Some(all));
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["id"].as_str(), Some(ids[0].as_str()));
    let (s, e) = get("/export.csv?limit=20000");
    assert_eq!((s, e["error"].as_str()), (400, Some("bad_limit")));
}

/// What a one-term query answers: its total, its first ten and how its term was read.
struct Answer {
    total: u64,
    ids: Vec<String>,
    term: Value,
}

fn answer(q: &str) -> Answer {
    let (status, v) = get(&format!(
        "/search?q={}&snippets=false&facets=",
        encode_query(q)
    ));
    assert_eq!(status, 200, "{q}: {v}");
    Answer {
        total: v["total"].as_u64().expect("total"),
        ids: hit_ids(&v),
        term: v["query"]["groups"][0][0].clone(),
    }
}

/// The answers to several queries for one thing, the first finding something and every
/// other the same total and first ten; the first.
fn all_alike<Q: AsRef<str>>(queries: &[Q]) -> Answer {
    let mut answers = queries.iter().map(|q| (q.as_ref(), answer(q.as_ref())));
    let (first_q, first) = answers.next().expect("queries");
    assert!(first.total > 0, "{first_q} finds nothing");
    for (q, other) in answers {
        assert_eq!(
            (other.total, &other.ids),
            (first.total, &first.ids),
            "{q} and {first_q} differ"
        );
    }
    first
}

/// Every spelling of a place, Latin (current and legacy), Ukrainian and Russian: one
/// concept, so the same total and the same first ten.
#[test]
fn every_spelling_of_a_place_finds_the_same_articles() {
    let places: &[&[&str]] = &[
        &["Kyiv", "Kiev", "Київ", "Киев"],
        &["Kharkiv", "Kharkov", "Харків", "Харьков"],
        &["Odesa", "Odessa", "Одеса", "Одесса"],
        &["Mykolaiv", "Nikolaev", "Nikolayev", "Миколаїв", "Николаев"],
        &[
            "Zaporizhzhia",
            "Zaporizhia",
            "Zaporozhye",
            "Запоріжжя",
            "Запорожье",
        ],
        &["Luhansk", "Lugansk", "Луганськ", "Луганск"],
        &["Donetsk", "Донецьк", "Донецк"],
        &["Lviv", "Lvov", "Львів", "Львов"],
        &["Dnipro", "Дніпро", "Днепр"],
        &["Mariupol", "Маріуполь", "Мариуполь"],
        &["Kherson", "Херсон"],
        &[
            "Nova Kakhovka",
            "Novaya Kakhovka",
            "Нова Каховка",
            "Новая Каховка",
        ],
        &[
            "Sievierodonetsk",
            "Severodonetsk",
            "Сєвєродонецьк",
            "Северодонецк",
        ],
        &["Lysychansk", "Lisichansk", "Лисичанськ", "Лисичанск"],
        &["Bakhmut", "Artemivsk", "Бахмут"],
        &["Izium", "Izyum", "Ізюм", "Изюм"],
        &["Kramatorsk", "Краматорськ", "Краматорск"],
        &[
            "Sloviansk",
            "Slovyansk",
            "Slavyansk",
            "Слов'янськ",
            "Славянск",
        ],
        &["Melitopol", "Мелітополь", "Мелитополь"],
        &["Berdiansk", "Berdyansk", "Бердянськ", "Бердянск"],
        &["Enerhodar", "Energodar", "Енергодар", "Энергодар"],
        &["Okhtyrka", "Akhtyrka", "Охтирка", "Ахтырка"],
        &["Volnovakha", "Волноваха"],
        &["Chornobyl", "Chernobyl", "Чорнобиль", "Чернобыль"],
        &["Irpin", "Irpen", "Ірпінь", "Ирпень"],
        &["Hostomel", "Gostomel", "Гостомель"],
        &["Bucha", "Буча"],
        &["Borodianka", "Borodyanka", "Бородянка"],
        &["Chernihiv", "Chernigov", "Чернігів", "Чернигов"],
        &["Sumy", "Суми", "Сумы"],
        &["Zhytomyr", "Zhitomir", "Житомир"],
        &["Vinnytsia", "Vinnitsa", "Вінниця", "Винница"],
        &["Kryvyi Rih", "Krivoy Rog", "Кривий Ріг", "Кривой Рог"],
        &["Poltava", "Полтава"],
        &["Sevastopol", "Севастополь"],
        &["Kursk", "Курськ", "Курск"],
        &["Belgorod", "Bilhorod", "Бєлгород", "Белгород"],
        &["Avdiivka", "Avdeevka", "Авдіївка", "Авдеевка"],
        &["Kupiansk", "Kupyansk", "Куп'янськ", "Купянск"],
    ];
    let mut with_hits = 0;
    for spellings in places {
        let answers: Vec<(&str, Answer)> = spellings.iter().map(|q| (*q, answer(q))).collect();
        let (first, rest) = answers.split_first().expect("spellings");
        assert!(
            first.1.term["places"]
                .as_array()
                .is_some_and(|p| p.len() == 1),
            "{} names one place: {}",
            first.0,
            first.1.term
        );
        for other in rest {
            assert_eq!(
                (other.1.total, &other.1.ids, &other.1.term["places"]),
                (first.1.total, &first.1.ids, &first.1.term["places"]),
                "{} and {} differ",
                other.0,
                first.0
            );
        }
        with_hits += usize::from(first.1.total > 0);
    }
    assert!(with_hits >= 30, "only {with_hits} places have hits");
}

/// An English word in its British and its American spelling is one word, alone or in a
/// phrase: the same total and the same first ten. The bundled corpus uses both spellings
/// of each (neither is read as a spelling correction), so an analyser that kept them
/// apart would answer differently.
#[test]
fn british_and_american_spellings_find_the_same_articles() {
    let pairs = [
        ("defence", "defense"),
        ("\"air defence\"", "\"air defense\""),
        ("mobilisation", "mobilization"),
        ("organisation", "organization"),
        ("neighbouring countries", "neighboring countries"),
        ("armoured", "armored"),
        ("centre", "center"),
        ("recognised", "recognized"),
        ("labour", "labor"),
        ("stabilise", "stabilize"),
    ];
    for (british, american) in pairs {
        let (b, a) = (answer(british), answer(american));
        assert!(a.total > 0, "{american} finds nothing");
        for t in [&b.term, &a.term] {
            assert!(t.get("read_as").is_none(), "{t}");
        }
        // Each hit's snippet shows the words, in whichever spelling its text has.
        for q in [british, american] {
            let (_, v) = get(&format!("/search?q={}&facets=none", encode_query(q)));
            for hit in v["hits"].as_array().into_iter().flatten() {
                let snippet = hit["snippet"].as_str().unwrap_or_default();
                // A phrase's snippet shows the phrase, not a word of it elsewhere.
                let first = q.trim_matches('"').split(' ').next().unwrap_or_default();
                let shown = match q.starts_with('"') {
                    true => format!("<mark>{first}</mark> <mark>"),
                    false => "<mark>".to_string(),
                };
                assert!(
                    snippet.to_lowercase().contains(&shown),
                    "{q}: {}: {snippet}",
                    hit["id"]
                );
            }
        }
        assert_eq!(
            (b.total, &b.ids),
            (a.total, &a.ids),
            "{british} and {american} differ"
        );
    }
}

/// A name however it was romanised (г as h or g, е as ye or ё as yo too), or spelled in Russian or Ukrainian, is one name, alone
/// or beside other words: the same total and the same first ten. The bundled corpus
/// writes each Latin name in both romanisations and the Cyrillic ones in Ukrainian only,
/// so a search that kept them apart would answer differently.
#[test]
fn every_romanisation_of_a_name_finds_the_same_articles() {
    let names: &[&[&str]] = &[
        &["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi"],
        &["Podolyak", "Podoliak"],
        &["Arestovych", "Arestovich"],
        &["Zaluzhny", "Zaluzhnyi"],
        &["Oleksiy", "Oleksii"],
        &["Sergei", "Sergey"],
        &["Shmyhal", "Shmygal"],
        &["Bohdan", "Bogdan"],
        &["Hryhorii", "Grigorii", "Hryhoriy"],
        &["Yermak", "Ermak"],
        // A title may spell a name as no text does: "Ermak" heads one interview.
        &["title:Yermak", "title:Ermak"],
        &["Fedorov", "Fyodorov"],
        &["Artem", "Artyom"],
        &["Yevgeny", "Evgeny"],
        &["Зеленський", "Зеленский"],
        &["Шмигаль", "Шмыгаль"],
        &["Єрмак", "Ермак"],
        &["Zelensky Macron", "Zelenskyy Macron"],
        &["Podolyak talks", "Podoliak talks"],
    ];
    for spellings in names {
        all_alike(spellings);
    }
    // Each is read as the others.
    let zelensky = answer("Zelensky").term;
    for other in ["zelenskiy", "zelenskyy"] {
        assert!(
            zelensky["also_written"]
                .as_array()
                .is_some_and(|a| a.iter().any(|w| w == other)),
            "{zelensky}"
        );
    }
}

/// A name is found in either script: typed in Cyrillic it finds the articles that write it
/// in Latin letters, and back, though the term table does not know it. Each pair finds
/// the same articles (ranked apart: the query's own script first).
#[test]
fn a_name_is_found_in_either_script() {
    for (latin, cyrillic) in [
        ("Stoltenberg", "Столтенберг"),
        ("Lukashenko", "Лукашенко"),
        ("Shoigu", "Шойгу"),
        ("Bayraktar", "Байрактар"),
        ("Kadyrov", "Кадиров"),
        ("Syrskyi", "Сирський"),
    ] {
        let (a, b) = (found(latin), found(cyrillic));
        assert!(a.0 > 0, "{latin} finds nothing");
        // Every hit is on the page, so the two sets are compared whole.
        assert!(a.0 <= 100, "{latin}: {} hits, more than a page", a.0);
        assert_eq!(a, b, "{latin} and {cyrillic} differ");
    }
}

/// A name the term table knows is the name in either script and nothing else: not the
/// first name always written beside it (Ivan Fedorov), not only within the phrase the
/// table learned it in ("President Macron"), not a shorter word it begins ("Данілов" is no
/// "дані", Denmark). Each finds exactly the articles that write it in either script.
#[test]
fn a_known_name_finds_the_articles_naming_it_in_either_script() {
    for (latin, cyrillic) in [
        ("Fedorov", "Федоров"),
        ("Macron", "Макрон"),
        ("Danilov", "Данілов"),
        ("Tymoshenko", "Тимошенко"),
        ("Bennett", "Беннет"),
    ] {
        let written = found(&format!("\"{latin}\" OR \"{cyrillic}\""));
        assert!(written.0 > 0, "{latin} is in no article");
        assert!(
            written.0 <= 100,
            "{latin}: {} hits, more than a page",
            written.0
        );
        assert_eq!(found(latin), written, "{latin}");
        assert_eq!(found(cyrillic), written, "{cyrillic}");
    }
}

/// A name is not sought as a common word's stem its reading in the other script is cut to:
/// "Alena" read as "алена" is "ал" to the analyser, the stem of "але" (but), in most
/// Ukrainian texts. A short reading no common word shares is still sought: "Olena" finds
/// "Олена". Each finds exactly the articles that write it.
#[test]
fn a_name_is_not_sought_as_a_common_words_stem() {
    let written = found("\"Alyona\" OR \"Alena\"");
    assert!(written.0 > 0, "no article writes the name");
    for name in ["Alyona", "Alena"] {
        assert_eq!(found(name), written, "{name}");
    }
    let olena = found("\"Olena\" OR \"Олена\"");
    assert!(olena.0 <= 100, "more than a page: {}", olena.0);
    assert!(olena.0 > found("\"Olena\"").0, "no article writes Олена");
    assert_eq!(found("Olena"), olena);
}

/// A hit's title shows the query's words it has, in any spelling or in the other
/// language, marked as the snippet's are; a title without them, or an answer without
/// snippets, has none.
#[test]
fn a_title_shows_the_query_words_it_has() {
    let plain = |marked: &str| {
        marked
            .replace("<mark>", "")
            .replace("</mark>", "")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let words = |title: &str| -> Vec<String> {
        title
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_string)
            .collect()
    };
    for (q, shown) in [
        (
            "Kiev",
            &["kyiv", "kiev", "київ", "києва", "києві", "київа"][..],
        ),
        (
            "воєнний стан",
            &["martial", "воєнного", "воєнний", "стану", "стан"][..],
        ),
    ] {
        let (status, v) = get(&format!(
            "/search?q={}&facets=none&limit=100&collapse=false",
            encode_query(q)
        ));
        assert_eq!(status, 200, "{v}");
        let mut marked = 0;
        for hit in v["hits"].as_array().cloned().unwrap_or_default() {
            let title = hit["title"].as_str().unwrap_or_default();
            match hit["title_marked"].as_str() {
                Some(m) => {
                    marked += 1;
                    assert_eq!(plain(m), title, "{q}: the title is shown whole");
                    let first = m
                        .split("<mark>")
                        .nth(1)
                        .and_then(|rest| rest.split("</mark>").next())
                        .unwrap_or_default();
                    assert!(
                        shown.iter().any(|w| first.to_lowercase().starts_with(w)),
                        "{q}: {first} marked in {m}"
                    );
                }
                None => assert!(
                    !words(title).iter().any(|w| shown.contains(&w.as_str())),
                    "{q}: nothing marked in {title}"
                ),
            }
        }
        assert!(marked > 0, "{q}: no title marked");
    }
    let (_, v) = get("/search?q=Kiev&facets=none&limit=20&snippets=false");
    let hits = v["hits"].as_array().cloned().unwrap_or_default();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["title_marked"].is_null()), "{v}");
}

/// A place asked for in one field is every spelling of it there: `title:Kiev` finds the
/// titles naming Kyiv however they spell it; quoted, it is as written.
#[test]
fn a_place_in_a_field_is_every_spelling_of_it() {
    for field in ["title", "body"] {
        let queries: Vec<String> = ["Kyiv", "Kiev", "Київ", "Киев"]
            .iter()
            .map(|name| format!("{field}:{name}"))
            .collect();
        let first = all_alike(&queries);
        assert_eq!(
            first.term["places"][0], "/Ukraine/Kyiv/Kyiv",
            "{}",
            first.term
        );
    }
    // A place no title names finds no title, not every article.
    assert!(total("/search?q=Vuhledar&facets=none") > 0);
    assert_eq!(total("/search?q=title:Vuhledar&facets=none"), 0);
    let everywhere = total("/search?q=Kiev&facets=none");
    let in_titles = total("/search?q=title:Kiev&facets=none");
    assert!(
        in_titles < everywhere,
        "title: narrows: {in_titles} of {everywhere}"
    );
    assert!(
        total(&format!("/search?q={}", encode_query("title:\"Kiev\""))) < in_titles,
        "a quoted name is as written"
    );
}

/// A region as users type it is the region, in English and Ukrainian alike.
#[test]
fn a_region_typed_as_users_type_it_is_the_oblast() {
    let answers: Vec<Answer> = ["Kyiv Oblast", "Kyiv region", "Київська область", "Київщина"]
        .iter()
        .map(|q| answer(q))
        .collect();
    for a in &answers {
        assert_eq!(a.term["places"][0], "/Ukraine/Kyiv Oblast", "{}", a.term);
        assert_eq!((a.total, &a.ids), (answers[0].total, &answers[0].ids));
    }
    assert!(answers[0].total > 0);
}

/// A hit through a place shows where its text names the place, in whatever case form a
/// Ukrainian text gives the name (Одесі, Бучі, Ірпені, Києві), not the article's opening,
/// even when the region's name comes first ("Київської області").
#[test]
fn a_place_is_shown_where_a_ukrainian_text_names_it() {
    for q in [
        "Kherson", "Mariupol", "Bucha", "Odesa", "Irpin", "Kyiv", "Kharkiv",
    ] {
        let (_, v) = get(&format!("/search?q={q}&lang=uk&facets=none&limit=50"));
        let hits = v["hits"].as_array().cloned().unwrap_or_default();
        assert!(!hits.is_empty(), "{q}");
        for hit in &hits {
            let snippet = hit["snippet"].as_str().unwrap_or_default();
            assert!(snippet.contains("<mark>"), "{q}: {}: {snippet}", hit["id"]);
        }
    }
}

/// A region's hit is shown where its text names the region ("in the Kyiv region"), though
/// the city's name alone comes first or a passage naming other regions scores higher.
#[test]
fn a_region_is_shown_where_its_text_names_it() {
    for (region, written) in [
        ("Kyiv Oblast", "Kyiv region"),
        ("Kharkiv Oblast", "Kharkiv region"),
        ("Donetsk Oblast", "Donetsk region"),
    ] {
        let page = |q: &str| {
            let (status, v) = get(&format!(
                "/search?q={}&facets=none&limit=100&collapse=false",
                encode_query(q)
            ));
            assert_eq!(status, 200, "{q}: {v}");
            v["hits"].as_array().cloned().unwrap_or_default()
        };
        let writing: Vec<String> = page(&format!("body:\"{written}\""))
            .iter()
            .filter_map(|h| h["id"].as_str().map(str::to_string))
            .collect();
        let mut shown = 0;
        for hit in page(region) {
            if writing.iter().any(|id| hit["id"] == id.as_str()) {
                let snippet = hit["snippet"].as_str().unwrap_or_default();
                assert!(
                    snippet.contains("<mark>"),
                    "{region}: {}: {snippet}",
                    hit["id"]
                );
                shown += 1;
            }
        }
        assert!(shown > 0, "{region}: no hit writes \"{written}\"");
    }
}

/// Every hit through a region shows a mention of it, even where the text names it only
/// beside others ("the Donetsk and Luhansk regions"), which no phrase of its names matches:
/// the mention the geoparser found is shown.
#[test]
fn every_hit_through_a_region_shows_a_mention_of_it() {
    for region in [
        "Donetsk Oblast",
        "Luhansk Oblast",
        "Kyiv Oblast",
        "Kharkiv Oblast",
    ] {
        let (status, v) = get(&format!(
            "/search?q={}&facets=none&limit=100&collapse=false",
            encode_query(region)
        ));
        assert_eq!(status, 200, "{region}: {v}");
        let hits = v["hits"].as_array().cloned().unwrap_or_default();
        assert!(!hits.is_empty(), "{region}");
        for hit in &hits {
            let snippet = hit["snippet"].as_str().unwrap_or_default();
            assert!(
                snippet.contains("<mark>"),
                "{region}: {}: {snippet}",
                hit["id"]
            );
        }
    }
}

/// A snippet is as long in letters whatever the script: a Ukrainian one, two bytes a
/// letter, is not half as long as an English one.
#[test]
fn snippets_are_as_long_in_cyrillic_as_in_latin_letters() {
    let median_letters = |lang: &str| {
        let (_, v) = get(&format!(
            "/search?q=Kherson&lang={lang}&facets=none&limit=30"
        ));
        let mut lengths: Vec<usize> = v["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|hit| {
                let snippet = hit["snippet"].as_str().unwrap_or_default();
                snippet
                    .replace("<mark>", "")
                    .replace("</mark>", "")
                    .chars()
                    .count()
            })
            .collect();
        lengths.sort_unstable();
        assert!(lengths.len() >= 5, "{lang}: {lengths:?}");
        lengths[lengths.len() / 2]
    };
    let (uk, en) = (median_letters("uk"), median_letters("en"));
    assert!(uk * 10 >= en * 8, "median letters: uk {uk}, en {en}");
}

/// A word of a phrase is marked only where the phrase is: a quoted phrase's words, and a
/// region's names of several words ("Kyiv region": the city's name alone is not the
/// oblast). Each such mark stands beside another.
#[test]
fn a_phrase_is_marked_only_where_it_is_written() {
    for (q, phrase_words) in [
        ("\"martial law\"", &["martial", "law"][..]),
        ("Kyiv Oblast", &["kyiv", "region", "oblast"][..]),
    ] {
        let (_, v) = get(&format!(
            "/search?q={}&facets=none&limit=50",
            encode_query(q)
        ));
        let hits = v["hits"].as_array().cloned().unwrap_or_default();
        assert!(!hits.is_empty(), "{q}");
        let mut marked = 0;
        for hit in &hits {
            let snippet = hit["snippet"].as_str().unwrap_or_default();
            let pieces: Vec<&str> = snippet.split("<mark>").collect();
            for (i, piece) in pieces.iter().enumerate().skip(1) {
                let Some((word, after)) = piece.split_once("</mark>") else {
                    panic!("{q}: unclosed mark: {snippet}");
                };
                if !phrase_words.contains(&word.to_lowercase().as_str()) {
                    continue;
                }
                marked += 1;
                // Counted in characters of the text, as the gap between a phrase's words.
                let gap = |html: &str| {
                    html.replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .chars()
                        .count()
                };
                let before = pieces[i - 1].rsplit("</mark>").next().unwrap_or_default();
                let beside_previous = i > 1 && gap(before) <= 3;
                let beside_next = i + 1 < pieces.len() && gap(after) <= 3;
                assert!(
                    beside_previous || beside_next,
                    "{q}: {}: \"{word}\" marked alone: {snippet}",
                    hit["id"]
                );
            }
        }
        assert!(marked > 0, "{q}: no phrase marked");
    }
}

/// Plain words are optional beyond a minimum: both of two, all but one of three; a quoted
/// phrase and a `+word` are always required. (English articles only: plain words are also
/// sought in Ukrainian, required ones as written.)
#[test]
fn a_minimum_of_the_words_must_match() {
    assert_eq!(
        total("/search?q=Mariupol+evacuation&lang=en"),
        total("/search?q=%2BMariupol+%2Bevacuation&lang=en")
    );
    let loose = total("/search?q=Mariupol+evacuation+corridor");
    let strict = total("/search?q=%2BMariupol+%2Bevacuation+%2Bcorridor");
    assert!(
        loose > strict,
        "three words: {loose} should exceed all three: {strict}"
    );
    // As Lucene's operators: AND requires both sides, NOT excludes.
    assert_eq!(
        total("/search?q=Mariupol+AND+evacuation+AND+corridor"),
        strict
    );
    let without = total("/search?q=Mariupol+NOT+Kyiv");
    assert_eq!(without, total("/search?q=Mariupol+-Kyiv"));
    assert!(without < total("/search?q=Mariupol"));
    // Were the phrase optional, every article naming both cities would match.
    let phrase = total("/search?q=%22humanitarian+corridor%22+Mariupol+Kyiv");
    assert!(phrase > 0);
    assert!(phrase < total("/search?q=Mariupol+Kyiv"));
    assert_eq!(
        phrase,
        total("/search?q=%2B%22humanitarian+corridor%22+Mariupol+Kyiv")
    );
}

/// A place name misspelt by an edit or two is read as the place, and the answer says so;
/// a word of the articles' own is never "corrected".
#[test]
fn a_misspelt_place_name_is_read_as_the_place() {
    for (typo, name) in [
        ("Mariupl", "Mariupol"),
        ("Kramatorks", "Kramatorsk"),
        ("Bahkmut", "Bakhmut"),
    ] {
        let (got, want) = (answer(typo), answer(name));
        assert_eq!(got.term["read_as"], name, "{typo}: {}", got.term);
        assert_eq!((got.total, &got.ids), (want.total, &want.ids), "{typo}");
    }
    for word in ["shelling", "refugees", "sanctions"] {
        let term = answer(word).term;
        assert!(term.get("read_as").is_none(), "{word}: {term}");
        assert_eq!(term["places"], serde_json::json!([]), "{word}: {term}");
    }
}

/// A Ukrainian query also finds English reporting, an English one Ukrainian reporting, and
/// the answer says what each word was also sought as; articles in the query's own words
/// still lead.
#[test]
fn a_query_crosses_between_ukrainian_and_english() {
    let (status, v) = get(&format!(
        "/search?q={}&snippets=false&facets=lang&limit=5",
        encode_query("воєнний стан")
    ));
    assert_eq!(status, 200, "{v}");
    let translations = &v["query"]["groups"][0][0]["translations"];
    assert!(
        translations
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "martial law")),
        "{translations}"
    );
    let in_lang = |v: &Value, lang: &str| {
        v["facets"]["lang"]
            .as_array()
            .and_then(|l| l.iter().find(|f| f["value"] == lang))
            .and_then(|f| f["count"].as_u64())
            .unwrap_or(0)
    };
    assert!(
        in_lang(&v, "en") > 0 && in_lang(&v, "uk") > 0,
        "{}",
        v["facets"]
    );
    // The English articles found are those about martial law.
    assert_eq!(
        total(&format!(
            "/search?q={}&lang=en",
            encode_query("воєнний стан")
        )),
        total("/search?q=%22martial+law%22&lang=en")
    );
    // An English hit's snippet shows the passage the translation matched.
    let (_, v) = get(&format!(
        "/search?q={}&lang=en&limit=1",
        encode_query("воєнний стан")
    ));
    let snippet = v["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(
        snippet.to_lowercase().contains("<mark>martial</mark>"),
        "{snippet}"
    );
    let english = total("/search?q=reconstruction&lang=uk");
    assert!(english > 0, "no Ukrainian article found for reconstruction");
    // Without the other language, the same words find fewer.
    assert!(total("/search?q=%2Breconstruction&lang=uk") < english);
}

/// A word in more than a tenth of the articles only ranks when the query has rarer ones,
/// as Elasticsearch's common-terms rule: "Lend-Lease people" finds every article on
/// Lend-Lease, those that also say "people" first; two rare words are both needed.
#[test]
fn common_words_rank_and_rare_ones_match() {
    let everything = total("/search?facets=none");
    let people = total("/search?q=%2Bpeople&lang=en&facets=none");
    let english = total("/search?lang=en&facets=none");
    assert!(people * 10 > english, "people: {people} of {english}");
    let lend_lease = total("/search?q=Lend-Lease&facets=none");
    assert!(lend_lease > 0 && lend_lease * 10 < everything);
    assert_eq!(total("/search?q=Lend-Lease+people&facets=none"), lend_lease);
    let (_, v) = get("/search?q=Lend-Lease+people&facets=none&limit=3&snippets=false");
    let first = &v["hits"][0]["id"];
    let both = get("/search?q=%2BLend-Lease+%2Bpeople&facets=none&limit=100&snippets=false").1;
    assert!(
        hit_ids(&both).iter().any(|id| id == first),
        "the first hit {first} should have both words"
    );
    let pair = total("/search?q=Lend-Lease+Bundestag&facets=none");
    assert!(pair < lend_lease, "two rare words: {pair} of {lend_lease}");
}

/// A plain word no article has (as written, translated or in another writing) is read as
/// the word many articles have within an edit or two of it, said so in the JSON and on the
/// page: "evacuaton corridor" finds what "evacuation corridor" does; a Russian word is
/// sought in its Ukrainian spelling too. A capitalised word (likely a name the
/// articles lack) and a word nothing resembles are left out and said to be missing, so the
/// other words still find their articles; alone or required such a word finds nothing. A
/// capitalised word, and a misspelt word of a phrase or a `title:` term, asked for as
/// written, are offered corrected ("did you mean").
#[test]
fn a_word_no_article_has_is_read_as_the_nearest_or_left_out() {
    let corrected = |typo: &str, meant: &str| {
        let answer = |q: &str| get(&format!("/search?q={}&snippets=false", encode_query(q))).1;
        let (v, w) = (answer(typo), answer(meant));
        assert!(v["total"].as_u64() > Some(0), "{v}");
        assert_eq!(
            (&v["total"], hit_ids(&v)),
            (&w["total"], hit_ids(&w)),
            "{typo}"
        );
        assert!(v.get("did_you_mean").is_none(), "{v}");
        v["query"]["groups"][0][0].clone()
    };
    let term = corrected("evacuaton corridor", "evacuation corridor");
    assert_eq!(term["read_as"], "evacuation", "{term}");
    assert!(term.get("missing").is_none(), "{term}");
    // A Russian word is also written as the Ukrainian one it regularly corresponds to (е
    // as і, ы as і or и, a doubled consonant single), which the articles have: "обстрел"
    // is "обстріл", "беженцы" "біженці".
    for (russian, ukrainian, word) in [
        ("обстрел Харкова", "обстріл Харкова", "обстріл"),
        ("беженцы", "біженці", "біженці"),
        ("оккупанты", "окупанти", "окупанти"),
    ] {
        let term = corrected(russian, ukrainian);
        assert!(term.get("read_as").is_none(), "{term}");
        assert_eq!(term["also_written"], serde_json::json!([word]), "{term}");
    }
    // A Ukrainian word of letters Russian shares is sought as typed only.
    let (_, v) = get("/search?q=%D1%80%D0%B0%D0%BA%D0%B5%D1%82%D0%B0&limit=0");
    assert!(v["total"].as_u64() > Some(0), "{v}");
    assert!(
        v["query"]["groups"][0][0].get("also_written").is_none(),
        "{v}"
    );
    corrected("humanitarain", "humanitarian");
    corrected("+evacuaton corridor", "+evacuation corridor");
    let (_, v) = get("/search?q=evacuation&limit=0");
    assert!(v["query"]["groups"][0][0].get("read_as").is_none(), "{v}");
    // A capitalised word is likely a name the articles lack: left out, offered corrected.
    let (_, v) = get("/search?q=Evacuaton+corridor&limit=0");
    assert_eq!(v["total"], total("/search?q=corridor&limit=0"), "{v}");
    assert_eq!(v["query"]["groups"][0][0]["missing"], true, "{v}");
    assert_eq!(v["did_you_mean"], "Evacuation corridor", "{v}");
    // Nothing resembles it: left out.
    let (_, v) = get("/search?q=xqzjv+corridor&limit=0");
    assert_eq!(v["total"], total("/search?q=corridor&limit=0"), "{v}");
    assert!(v["total"].as_u64() > Some(0), "{v}");
    assert_eq!(v["query"]["groups"][0][0]["missing"], true, "{v}");
    assert!(v.get("did_you_mean").is_none(), "{v}");
    assert_eq!(total("/search?q=xqzjv&limit=0"), 0);
    assert_eq!(total("/search?q=%2Bxqzjv+corridor&limit=0"), 0);
    // Asked for as written: offered corrected.
    for (typo, meant) in [
        ("title:evacuaton", "title:evacuation"),
        ("\"evacuaton corridor\"", "\"evacuation corridor\""),
    ] {
        let (_, v) = get(&format!("/search?q={}&limit=0", encode_query(typo)));
        assert_eq!(
            (&v["total"], &v["did_you_mean"]),
            (&0.into(), &meant.into()),
            "{v}"
        );
    }
    let (status, page) = get("/?q=evacuaton+corridor");
    assert_eq!(status, 200);
    let page = page.as_str().expect("html");
    assert!(
        page.contains("evacuaton → <em>evacuation</em>"),
        "the correction is not on the page"
    );
    let (_, page) = get(&format!("/?q={}", encode_query("\"evacuaton corridor\"")));
    let page = page.as_str().expect("html");
    assert!(
        page.contains(r#"id="did-you-mean""#) && page.contains("evacuation corridor"),
        "no suggestion on the page"
    );
    let (_, page) = get("/?q=xqzjv+corridor");
    let page = page.as_str().expect("html");
    assert!(
        page.contains(r#"id="missing""#) && page.contains("<s>xqzjv</s>"),
        "no missing word on the page"
    );
}

/// The page says how the query was read: a place in another spelling as the place,
/// linked to its filter; a Ukrainian pair the term table knows as its English term, once;
/// a compound in the other writing the articles have.
#[test]
fn the_page_says_how_the_query_was_read() {
    let (status, page) = get(&format!("/?q={}", encode_query("Kharkov shelling")));
    assert_eq!(status, 200);
    let page = page.as_str().expect("html");
    let line = page
        .split(r#"id="understood">"#)
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("a read-as line");
    assert!(
        line.contains("place=/Ukraine/Kharkiv%20Oblast/Kharkiv") && line.contains(">Kharkiv</a>"),
        "{line}"
    );
    let (_, page) = get(&format!("/?q={}", encode_query("воєнний стан")));
    let page = page.as_str().expect("html");
    assert!(
        page.contains("воєнний стан → also <em>martial law…</em>"),
        "no translation on the page"
    );
    // A compound in another writing the articles have.
    let (_, page) = get("/?q=ceasefire");
    let page = page.as_str().expect("html");
    assert!(
        page.contains("ceasefire → also <em>cease fire</em>"),
        "no other writing on the page"
    );
    // A place no article is tagged with is read, but offers no filter.
    let (_, page) = get("/?q=Chernobyl");
    let page = page.as_str().expect("html");
    assert!(
        page.contains(r#"<span title="/Ukraine/Kyiv Oblast/Chornobyl">Chornobyl</span>"#),
        "Chornobyl is not read as the place"
    );
    assert!(
        !page.contains("place=/Ukraine/Kyiv%20Oblast/Chornobyl"),
        "a filter that finds nothing"
    );
    // An excluded place is not read as one.
    let (_, page) = get(&format!("/?q={}", encode_query("Bundestag -Kharkov")));
    assert!(
        !page.as_str().expect("html").contains("Kharkov →"),
        "an excluded place was read as a place to filter on"
    );
    // A name the term table does not know is also sought as the other script writes it.
    let (_, page) = get("/?q=Bundestag");
    assert!(
        page.as_str()
            .expect("html")
            .contains("Bundestag → also <em>бундестаг…</em>"),
        "the name in Cyrillic is not on the page"
    );
}

/// Every curl example in the README answers as printed: 200, and a search finds something.
#[test]
fn readme_curl_examples_work_as_printed() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let prefix = "curl 'http://127.0.0.1:8080";
    let paths: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix(prefix))
        .filter_map(|rest| rest.split('\'').next())
        .collect();
    assert!(paths.len() >= 8, "{paths:?}");
    for path in paths {
        let (status, v) = get(path);
        assert_eq!(status, 200, "{path}: {v}");
        if path.starts_with("/search") {
            assert!(v["total"].as_u64() > Some(0), "{path} found nothing");
        }
    }
}

/// The cluster key of a hit, or its id when it stands alone.
fn story(hit: &Value) -> String {
    hit["cluster"]["key"]
        .as_str()
        .or(hit["id"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn near_duplicates_are_one_hit_unless_asked() {
    // The bundled corpus holds speeches both as transcripts and as video addresses.
    let (_, collapsed) = get("/search?q=Mariupol&limit=100&facets=none");
    let (_, every) = get("/search?q=Mariupol&limit=100&facets=none&collapse=false");
    assert_eq!(collapsed["query"]["collapse"], true);
    assert_eq!(every["query"]["collapse"], false);
    assert_eq!(collapsed["total"], every["total"], "totals count articles");
    let hits = collapsed["hits"].as_array().expect("hits");
    let stories: std::collections::HashSet<String> = hits.iter().map(story).collect();
    assert_eq!(stories.len(), hits.len(), "one hit per cluster");
    let shown = hits
        .iter()
        .find(|h| h["cluster"]["similar"].as_u64().unwrap_or(0) > 0)
        .expect("a hit with near-duplicates");
    // Uncollapsed, the same query shows its near-duplicates as hits of their own.
    let every_stories: Vec<String> = every["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(story)
        .collect();
    assert!(
        every_stories.iter().filter(|s| **s == story(shown)).count() > 1,
        "{every_stories:?}"
    );
    // The best ranked of a cluster is the one shown: collapsing keeps the order.
    let order: Vec<String> = every_stories.iter().fold(Vec::new(), |mut seen, s| {
        if !seen.contains(s) {
            seen.push(s.clone());
        }
        seen
    });
    let collapsed_order: Vec<String> = hits.iter().map(story).collect();
    assert_eq!(order[..20], collapsed_order[..20]);

    // The cluster filter lists every member, never collapsed.
    let key = shown["cluster"]["key"].as_str().expect("key");
    let similar = shown["cluster"]["similar"].as_u64().expect("similar");
    let (status, members) = get(&format!(
        "/search?cluster={key}&sort=oldest&facets=none&limit=100"
    ));
    assert_eq!(status, 200, "{members}");
    assert_eq!(members["total"].as_u64(), Some(similar + 1));
    assert_eq!(members["query"]["collapse"], false);
    let ids = hit_ids(&members);
    assert!(ids.contains(&shown["id"].as_str().unwrap_or_default().to_string()));
    for hit in members["hits"].as_array().expect("hits") {
        assert_eq!(hit["cluster"]["key"], key, "{hit}");
    }
    // Deeper pages carry on without repeating a story.
    let (_, page2) = get("/search?q=Mariupol&limit=10&offset=10&facets=none");
    assert_eq!(
        page2["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(story)
            .collect::<Vec<_>>(),
        collapsed_order[10..20]
    );

    for bad in ["cluster=xyz", "cluster=123", "collapse=maybe"] {
        let (status, v) = get(&format!("/search?q=Mariupol&{bad}"));
        assert_eq!(status, 400, "{bad}: {v}");
    }
}

#[test]
fn translations_link_both_ways() {
    let (_, v) = get("/search?q=Kharkiv&limit=100&facets=none&lang=uk");
    let hit = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .find(|h| h["translations"].as_array().is_some_and(|t| !t.is_empty()))
        .expect("a Ukrainian hit with a translation");
    let link = &hit["translations"][0];
    assert_eq!(link["lang"], "en");
    let confidence = link["confidence"].as_f64().expect("confidence");
    assert!((0.0..=1.0).contains(&confidence));
    let (status, doc) = get(&format!("/documents/{}", link["id"].as_str().expect("id")));
    assert_eq!(status, 200);
    assert_eq!(doc["lang"], "en");
    // The translation's page links back to the article's cluster.
    let back: Vec<&str> = doc["translations"]
        .as_array()
        .expect("translations")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert!(!back.is_empty(), "{doc}");
    let (_, own) = get(&format!("/documents/{}", hit["id"].as_str().expect("id")));
    assert_eq!(own["translations"], hit["translations"]);
}

#[test]
fn filter_values_match_in_any_case_and_unknown_ones_say_so() {
    let exact = total("/search?source=kremlin.ru&facets=none");
    assert!(exact > 0);
    let (_, upper) = get("/search?source=KREMLIN.RU&facets=none");
    assert_eq!(upper["total"].as_u64(), Some(exact), "{upper}");
    assert!(upper.get("warnings").is_none(), "{upper}");
    let (status, wrong) = get("/search?source=kremlin&facets=none");
    assert_eq!(status, 200);
    assert_eq!(wrong["total"], 0);
    assert_eq!(wrong["warnings"][0]["filter"], "source", "{wrong}");
    assert_eq!(
        wrong["warnings"][0]["suggestions"][0], "kremlin.ru",
        "{wrong}"
    );
    let (_, place) = get("/search?place=/ukraine/kharkiv%20oblast&facets=none");
    assert_eq!(
        place["total"].as_u64(),
        Some(total("/search?place=/Ukraine/Kharkiv%20Oblast&facets=none"))
    );
    assert_eq!(place["query"]["place"][0], "/Ukraine/Kharkiv Oblast");
}

/// The days of a document's event dates, earliest first (a month as its first and last day).
fn event_days(id: &str) -> Vec<(String, String)> {
    let (status, doc) = get(&format!("/documents/{}", encode_query(id)));
    assert_eq!(status, 200, "{doc}");
    let mut days: Vec<(String, String)> = doc["events"]
        .as_array()
        .expect("events listed")
        .iter()
        .map(|e| {
            let date = e["date"].as_str().expect("date").to_string();
            match e["granularity"].as_str() {
                Some("month") => (format!("{date}-01"), format!("{date}-31")),
                _ => (date.clone(), date),
            }
        })
        .collect();
    days.sort();
    days
}

#[test]
fn event_dates_filter_sort_and_count_alike() {
    let (status, v) = get("/search?facets=events&interval=month&limit=0");
    assert_eq!(status, 200, "{v}");
    let histogram = &v["facets"]["events"];
    let buckets = histogram["buckets"].as_array().expect("buckets");
    let busiest = buckets
        .iter()
        .max_by_key(|b| b["count"].as_u64())
        .expect("a month with events");
    let (from, to) = (
        busiest["from"].as_str().expect("from"),
        busiest["to"].as_str().expect("to"),
    );
    let count = busiest["count"].as_u64().expect("count");
    assert!(count >= 5, "the bundled corpus reports events: {histogram}");
    // The bar's count is what its filter finds.
    let filtered = format!(
        "/search?event_from={from}&event_to={to}&collapse=false&limit=100&sort=events_oldest"
    );
    assert_eq!(total(&filtered), count, "{filtered}");
    // Articles without event dates are counted apart, and the rest have some.
    let all = total("/search?limit=0");
    let with_events = total("/search?event_from=1900-01-01&limit=0");
    assert_eq!(
        histogram["unknown"].as_u64(),
        Some(all - with_events),
        "{histogram}"
    );
    assert!(with_events < all);

    // Every hit reports an event in the range, and the earliest events come first.
    let (_, hits) = get(&filtered);
    let mut previous = String::new();
    for id in hit_ids(&hits).iter().take(12) {
        let days = event_days(id);
        assert!(
            days.iter()
                .any(|(first, last)| first.as_str() <= to && last.as_str() >= from),
            "{id} has no event from {from} to {to}: {days:?}"
        );
        let earliest = days.first().expect("an event").0.clone();
        assert!(earliest >= previous, "{id}: {earliest} before {previous}");
        previous = earliest;
    }
    // Latest events first, by each article's latest event.
    let (_, newest) = get("/search?sort=events_newest&limit=5&collapse=false");
    let latest: Vec<String> = hit_ids(&newest)
        .iter()
        .map(|id| {
            event_days(id)
                .iter()
                .map(|d| d.1.clone())
                .max()
                .expect("an event")
        })
        .collect();
    assert!(latest.windows(2).all(|w| w[0] >= w[1]), "{latest:?}");

    let (status, v) = get("/search?event_from=2022-05-01&event_to=2022-04-01");
    assert_eq!(status, 400, "{v}");
    let (status, v) = get("/search?facets=events&interval=day");
    assert_eq!(status, 400, "{v}");
    assert!(
        v["message"].as_str().unwrap_or("").contains("event_from"),
        "{v}"
    );
}

#[test]
fn the_page_switches_its_timeline_to_event_dates_and_marks_them_in_documents() {
    let (status, page) = get("/?timeline=events");
    assert_eq!(status, 200);
    let html = page.as_str().expect("html");
    assert!(
        html.contains("Events over time"),
        "the events timeline is drawn"
    );
    assert!(
        html.contains("event_from="),
        "its bars filter by event date"
    );
    assert!(
        html.contains("id=\"timeline-published\""),
        "and it switches back"
    );
    // The export and API links take the search, not the page's own switch.
    assert!(!html.contains("export.csv?timeline"), "exports stay valid");
    let (_, page) = get("/");
    assert!(
        page.as_str()
            .expect("html")
            .contains("id=\"timeline-events\"")
    );

    let (_, v) = get("/search?event_from=1900-01-01&limit=1");
    let id = hit_ids(&v).pop().expect("an article with event dates");
    let (status, doc) = get(&format!("/documents/{}", encode_query(&id)));
    assert_eq!(status, 200);
    let first = doc["events"][0]["text"]
        .as_str()
        .expect("an event's words")
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let html = agent
        .get(&format!(
            "{}/documents/{}",
            fixture().server.base,
            encode_query(&id)
        ))
        .header("Accept", "text/html")
        .call()
        .expect("request sent")
        .body_mut()
        .read_to_string()
        .expect("body");
    assert!(
        html.contains("class=\"mention date\""),
        "date mentions are marked"
    );
    assert!(
        html.contains(&format!("<mark>{first}</mark>")),
        "{first} is marked"
    );
}
