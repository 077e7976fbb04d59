//! Snapshots of the JSON API and the page for fixed requests over the bundled corpus, served
//! in process: any change to what a user receives shows up as a snapshot diff.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use frontline_gazetteer::Gazetteer;
use frontline_indexer::{BuildOptions, Enricher};
use frontline_schema::facets::{FACETS, FacetKind};
use frontline_server::params::percent_encode;
use frontline_server::{AppState, IndexHandle, app};
use serde_json::Value;
use tower::ServiceExt;

fn state() -> &'static AppState {
    static S: OnceLock<(AppState, tempfile::TempDir)> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = BuildOptions {
            corpus: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")],
            index: dir.path().to_path_buf(),
            strict: false,
            writer_memory: 64 << 20,
            writer_threads: 1,
        };
        let enricher = Enricher::new(Gazetteer::bundled().expect("gazetteer"), true);
        frontline_indexer::build(&opts, &enricher, &()).expect("index builds");
        let index = IndexHandle::open(dir.path()).expect("index opens");
        let gazetteer = Arc::new(Gazetteer::bundled().expect("gazetteer"));
        (AppState::new(index, gazetteer), dir)
    })
    .0
}

/// Status and body of one in-process request.
fn call(uri: &str, accept: &str) -> (u16, String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let req = Request::get(uri)
            .header(header::ACCEPT, accept)
            .body(Body::empty())
            .expect("request");
        let resp = app(state().clone()).oneshot(req).await.expect("answer");
        let status = resp.status().as_u16();
        let body = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        (
            status,
            String::from_utf8(body.to_vec()).expect("utf-8 body"),
        )
    })
}

fn json(uri: &str) -> Value {
    let (status, body) = call(uri, "application/json");
    let mut v: Value = serde_json::from_str(&body).expect("json body");
    if let Some(took) = v.get_mut("took_ms") {
        *took = Value::from("[took]");
    }
    serde_json::json!({ "status": status, "body": v })
}

/// The page with its timing, the one part that changes from run to run, blanked.
fn html(uri: &str) -> String {
    let (status, body) = call(uri, "text/html");
    let timing = regex::Regex::new(r"[0-9]+\.[0-9] ms").expect("regex");
    format!("{status}\n{}", timing.replace_all(&body, "[took] ms"))
}

#[test]
fn search_answers() {
    insta::assert_json_snapshot!(
        "search_words",
        json("/search?q=Dobropillia%20highway&limit=3")
    );
    insta::assert_json_snapshot!(
        "search_place_newest",
        json(
            "/search?place=/Ukraine/Donetsk%20Oblast&sort=newest&limit=3&facets=place,source,settlements"
        )
    );
    insta::assert_json_snapshot!(
        "search_filters",
        json(
            "/search?q=%22air%20defense%22%20-Kyiv&lang=en&from=2022-03-01&to=2022-12-31&limit=2&interval=month"
        )
    );
    insta::assert_json_snapshot!(
        "search_spelling",
        json("/search?q=Kiev%20OR%20Kharkov&limit=2&facets=lang")
    );
}

#[test]
fn error_answers() {
    for (name, uri) in [
        ("error_query", "/search?q=%22unclosed"),
        ("error_date", "/search?from=2022-13-01"),
        ("error_parameter", "/search?colour=red"),
        ("error_encoding", "/search?q=%FF"),
        ("error_window", "/search?offset=9995&limit=10"),
        ("error_export_limit", "/export.json?limit=20000"),
        ("error_document", "/documents/nope"),
    ] {
        insta::assert_json_snapshot!(name, json(uri));
    }
}

#[test]
fn export_and_document_answers() {
    insta::assert_json_snapshot!("export_json", json("/export.json?q=Mariupol&limit=3"));
    let (status, csv) = call("/export.csv?q=Mariupol&limit=3", "text/csv");
    insta::assert_snapshot!("export_csv", format!("{status}\n{csv}"));
    insta::assert_json_snapshot!("document_json", json("/documents/000_85c3fa6f61157cf1"));
    insta::assert_json_snapshot!("openapi", json("/openapi.json"));
}

#[test]
fn page_answers() {
    insta::assert_snapshot!("page_search", html("/?q=Mariupol&limit=3"));
    insta::assert_snapshot!("page_empty", html("/?q=zzzqqq"));
    insta::assert_snapshot!("page_document", html("/documents/000_85c3fa6f61157cf1"));
}

/// Every schema the OpenAPI document refers to is in it.
#[test]
fn openapi_references_resolve() {
    let doc = json("/openapi.json");
    let text = doc["body"].to_string();
    let schemas = &doc["body"]["components"]["schemas"];
    let refs = regex::Regex::new(r"#/components/schemas/(\w+)").expect("regex");
    for name in refs.captures_iter(&text).map(|c| c[1].to_string()) {
        assert!(
            schemas.get(&name).is_some(),
            "{name} is referred to but not defined"
        );
    }
}

/// Every facet of the schema's table is counted on request, filters to the counts it
/// showed, and is listed on the page: a facet is its declaration plus its enrichment.
#[test]
fn every_declared_facet_is_counted_filtered_and_shown() {
    let (_, page) = call("/", "text/html");
    for f in FACETS {
        let v = json(&format!("/search?facets={}&limit=0", f.name));
        let answer = &v["body"]["facets"][f.name];
        assert!(page.contains(f.label), "the page shows {}", f.label);
        if f.kind == FacetKind::Dates {
            let buckets = answer["buckets"].as_array().map_or(0, Vec::len);
            assert!(buckets > 0, "{}: {v}", f.name);
            continue;
        }
        let first = &answer[0];
        let value = first["value"].as_str().expect("a value");
        let filtered = json(&format!(
            "/search?{}={}&facets=none&limit=0",
            f.name,
            percent_encode(value)
        ));
        assert_eq!(
            filtered["body"]["total"], first["count"],
            "{}={value}",
            f.name
        );
    }
}
