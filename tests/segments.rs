//! Facet counts and totals do not depend on how the index is split into segments: each
//! segment maps its own facet ordinals onto one tree of nodes shared by the whole index.

use frontline::{build, build_with_memory, root};
use frontline_gazetteer::Gazetteer;
use frontline_query::{IndexHandle, SearchRequest, search};

fn answers(index: &IndexHandle, gaz: &Gazetteer, query: &str) -> serde_json::Value {
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let req = SearchRequest::from_params(&pairs).expect("valid request");
    let res = search(&index.load(), gaz, &req).expect("search runs");
    serde_json::json!({ "total": res.total, "facets": res.facets })
}

#[test]
fn facet_counts_do_not_depend_on_segments() {
    let one = tempfile::tempdir().expect("tempdir");
    let many = tempfile::tempdir().expect("tempdir");
    let corpus = [root().join("corpus")];
    build(&corpus, one.path());
    // tantivy's smallest writer budget flushes a segment every few hundred articles.
    build_with_memory(&corpus, many.path(), 15 << 20);
    let one = IndexHandle::open(one.path()).expect("opens");
    let many = IndexHandle::open(many.path()).expect("opens");
    let segments = many.load().searcher().segment_readers().len();
    assert!(segments > 1, "the small budget left {segments} segment");
    let gaz = Gazetteer::bundled().expect("gazetteer");
    for query in [
        "q=",
        "q=Kyiv",
        "q=drones&facets=place,settlements,date,source,lang,focus",
        "place=/Ukraine/Donetsk Oblast",
        "q=war&from=2022-03-01&to=2022-04-30",
    ] {
        assert_eq!(
            answers(&one, &gaz, query),
            answers(&many, &gaz, query),
            "{query}"
        );
    }
}
