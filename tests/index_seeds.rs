//! The indexer on the seed articles, checked through the index itself.

use frontline::{build, root};
use frontline_engine::IndexHandle;
use frontline_engine::{SearchRequest, search};

fn ids(index: &IndexHandle, req: SearchRequest) -> Vec<String> {
    let req = SearchRequest { limit: 100, ..req };
    let gaz = frontline_gazetteer::Gazetteer::bundled().expect("gazetteer");
    let res = search(&index.load(), &gaz, &req).expect("search runs");
    res.hits.into_iter().map(|h| h.id).collect()
}

fn words(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    }
}

#[test]
fn seeds_are_tagged_and_searchable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = build(&[root().join("corpus/seeds")], dir.path());
    assert_eq!(summary.indexed, 5, "{summary}");
    let index = IndexHandle::open(dir.path()).expect("opens");
    let under = |place: &str| {
        ids(
            &index,
            SearchRequest {
                filters: [("place", vec![place.into()])].into(),
                ..SearchRequest::default()
            },
        )
    };

    let donetsk = under("/Ukraine/Donetsk Oblast");
    assert!(
        donetsk.contains(&"000_85c3fa6f61157cf1".to_string()),
        "{donetsk:?}"
    );
    for town in ["Pokrovsk", "Kramatorsk", "Dobropillia"] {
        let hits = under(&format!("/Ukraine/Donetsk Oblast/{town}"));
        assert!(
            hits.contains(&"000_85c3fa6f61157cf1".to_string()),
            "{town}: {hits:?}"
        );
    }
    assert!(under("/Russia/Kursk Oblast").contains(&"004_4c57fd194f00d551".to_string()));
    assert!(
        under("/Ukraine/Donetsk Oblast/Pokrovsk").contains(&"004_4c57fd194f00d551".to_string())
    );
    for place in [
        "/Ukraine/Kharkiv Oblast",
        "/Ukraine/Kharkiv Oblast/Izium",
        "/Ukraine/Kharkiv Oblast/Kupiansk",
    ] {
        assert!(
            under(place).contains(&"002_bf2ae15e720db73a".to_string()),
            "{place}"
        );
    }
    // Source from the masthead, title past the page furniture.
    let doc = frontline_engine::document(&index.load(), "000_85c3fa6f61157cf1")
        .expect("lookup")
        .expect("present");
    assert_eq!(doc.source.as_deref(), Some("The Telegraph"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Putin races to seize Ukrainian land before Trump talks")
    );
}

#[test]
fn english_and_russian_stemming() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        corpus.path().join("ru.jsonl"),
        "{\"id\":\"ru-1\",\"body\":\"Российские войска обстреляли Харьков ночью, сообщили власти.\",\"lang\":\"ru\"}\n",
    )
    .expect("write");
    build(
        &[root().join("corpus/seeds"), corpus.path().to_path_buf()],
        dir.path(),
    );
    let index = IndexHandle::open(dir.path()).expect("opens");
    // The seeds say "attack"/"attacks"; the stem meets both.
    let attack = ids(&index, words("attack"));
    assert_eq!(attack, ids(&index, words("attacks")));
    assert!(!attack.is_empty());
    // Russian: "обстрел" finds "обстреляли"; "Харькове" (locative) finds "Харьков".
    assert_eq!(ids(&index, words("обстрелять")), vec!["ru-1".to_string()]);
    assert!(ids(&index, words("Харькова")).contains(&"ru-1".to_string()));
}

#[test]
fn malformed_records_are_reported_and_the_rest_indexed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = tempfile::tempdir().expect("tempdir");
    let mut lines = String::new();
    lines.push_str("{\"id\":\"ok-1\",\"body\":\"Shelling of Kharkiv overnight.\",\"published\":\"2022-03-14T24:09:29\"}\n");
    lines.push_str("{not json\n");
    lines.push_str("{\"id\":\"empty\",\"body\":\"  \"}\n");
    lines.push_str("{\"id\":\"ok-1\",\"body\":\"Shelling of Kharkiv overnight.\"}\n");
    lines
        .push_str("{\"id\":\"ok-2\",\"body\":\"Sirens in Odesa.\",\"published\":\"not a date\"}\n");
    std::fs::write(corpus.path().join("mixed.jsonl"), lines).expect("write");
    std::fs::write(corpus.path().join("notes.csv"), "a,b").expect("write");
    let summary = build(&[corpus.path().to_path_buf()], dir.path());
    assert_eq!(
        (summary.indexed, summary.duplicates, summary.rejected),
        (2, 1, 2),
        "{summary}"
    );
    assert!(
        summary
            .rejections
            .iter()
            .any(|r| r.contains("mixed.jsonl:2") && r.contains("bad JSON")),
        "{:?}",
        summary.rejections
    );
    assert!(
        summary
            .rejections
            .iter()
            .any(|r| r.contains("mixed.jsonl:3") && r.contains("empty body"))
    );
    assert_eq!(summary.skipped_files.len(), 1);
    assert_eq!(summary.with_dates, 1);
    let index = IndexHandle::open(dir.path()).expect("opens");
    let doc = frontline_engine::document(&index.load(), "ok-1")
        .expect("lookup")
        .expect("present");
    assert_eq!(doc.published.as_deref(), Some("2022-03-15T00:09:29Z"));
}
