//! Facet counts and totals do not depend on how the index is split into segments: each
//! segment maps its own facet ordinals onto one tree of nodes shared by the whole index.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use frontline::{build, build_with_memory, root};
use frontline_engine::facets::{Counts, Method, Tally};
use frontline_engine::{FacetSet, IndexHandle, SearchRequest, Sort, search};
use frontline_gazetteer::Gazetteer;
use tantivy::Term;
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};

fn answers(index: &IndexHandle, gaz: &Gazetteer, req: &SearchRequest) -> serde_json::Value {
    let res = search(&index.load(), gaz, req).expect("search runs");
    serde_json::json!({ "total": res.total, "facets": res.facets })
}

#[test]
fn facet_counts_do_not_depend_on_segments() {
    let one = tempfile::tempdir().expect("tempdir");
    let many = tempfile::tempdir().expect("tempdir");
    let corpus = [root().join("corpus")];
    build(&corpus, one.path());
    // A small writer budget flushes a segment every few hundred articles; the smallest
    // flushes so many that the merge policy joins them into one again.
    build_with_memory(&corpus, many.path(), 20 << 20);
    let one = IndexHandle::open(one.path()).expect("opens");
    let many = IndexHandle::open(many.path()).expect("opens");
    let segments = many.load().searcher().segment_readers().len();
    assert!(segments > 1, "the small budget left {segments} segment");
    let gaz = Gazetteer::bundled().expect("gazetteer");
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let mut with_settlements = FacetSet::default();
    with_settlements.settlements = true;
    for req in [
        SearchRequest::default(),
        SearchRequest {
            q: "Kyiv".into(),
            ..SearchRequest::default()
        },
        SearchRequest {
            q: "drones".into(),
            facets: with_settlements,
            ..SearchRequest::default()
        },
        SearchRequest {
            filters: BTreeMap::from([("place", vec!["/Ukraine/Donetsk Oblast".into()])]),
            sort: Sort::Newest,
            ..SearchRequest::default()
        },
        SearchRequest {
            q: "war".into(),
            from: Some(day("2022-03-01")),
            to: Some(day("2022-04-30")),
            ..SearchRequest::default()
        },
    ] {
        assert_eq!(
            answers(&one, &gaz, &req),
            answers(&many, &gaz, &req),
            "{req:?}"
        );
    }
}

/// Every node's count, by facet path, walking the tree from the top.
fn all_counts(counts: &Counts) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut parents = vec!["/".to_string()];
    while let Some(parent) = parents.pop() {
        for (path, _, n) in counts.children(&parent) {
            out.push((path.to_string(), n));
            parents.push(path.to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn counting_by_document_and_by_node_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    build_with_memory(&[root().join("corpus")], dir.path(), 15 << 20);
    let index = IndexHandle::open(dir.path()).expect("opens");
    let loaded = index.load();
    let searcher = loaded.searcher();
    let f = &loaded.fields;
    let word = |w: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f.body, w),
            IndexRecordOption::Basic,
        ))
    };
    let donetsk = Term::from_facet(f.place, &Facet::from("/Ukraine/Donetsk Oblast"));
    let queries: Vec<(&str, Box<dyn Query>)> = vec![
        ("everything", Box::new(AllQuery)),
        ("a common word", word("war")),
        ("a rare word", word("grain")),
        (
            "a place",
            Box::new(TermQuery::new(donetsk, IndexRecordOption::Basic)),
        ),
    ];
    let fields = ["place", "focus", "source_facet", "lang_facet", "date_facet"];
    for (name, query) in &queries {
        for depth in 1..=3 {
            let trees: Vec<_> = fields
                .iter()
                .map(|field| {
                    let tree = loaded.facet_trees.get(&searcher, field).expect("tree");
                    (tree, depth)
                })
                .collect();
            let run = |method| {
                let tallied = searcher
                    .search(&**query, &Tally::with_method(trees.clone(), method))
                    .expect("search runs");
                let counts: Vec<_> = tallied.fields.iter().map(all_counts).collect();
                (tallied.docs, counts)
            };
            let by_document = run(Method::ByDocument);
            assert!(by_document.0 > 0, "{name} matches nothing");
            assert!(
                by_document.1.iter().any(|c| !c.is_empty()),
                "{name}: no facet counted"
            );
            assert_eq!(by_document, run(Method::ByNode), "{name}, depth {depth}");
            assert_eq!(by_document, run(Method::Cheapest), "{name}, depth {depth}");
        }
    }
}
