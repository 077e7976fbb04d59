//! A rebuild while serving is picked up without a restart or a failed request.

use std::time::{Duration, Instant};

use frontline::{Server, build, root};

#[test]
fn rebuild_is_picked_up_while_serving() {
    let dir = tempfile::tempdir().expect("tempdir");
    build(&[root().join("corpus/seeds")], dir.path());
    let server = Server::start(dir.path());
    assert_eq!(server.get("/healthz").1["documents"], 5);
    let corpus = vec![
        root().join("corpus/seeds"),
        root().join("corpus/zelenskyy-addresses.jsonl.gz"),
    ];
    let builder = std::thread::spawn({
        let index = dir.path().to_path_buf();
        move || build(&corpus, &index)
    });
    // Queries keep succeeding during the build and the swap.
    let started = Instant::now();
    let mut seen_new = false;
    while started.elapsed() < Duration::from_secs(120) {
        let (status, v) = server.get("/search?q=Pokrovsk&facets=none");
        assert_eq!(status, 200, "{v}");
        if server.get("/healthz").1["documents"].as_u64() > Some(5) {
            seen_new = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    builder.join().expect("build thread");
    assert!(seen_new, "rebuilt index was not picked up");
    assert!(
        server
            .get("/search?q=%D0%9A%D0%B8%D1%97%D0%B2&facets=none")
            .1["total"]
            .as_u64()
            > Some(0)
    );
}

#[test]
fn an_index_with_other_fields_is_refused_with_a_rebuild_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(dir.path(), schema.build()).expect("index");
    let err = match frontline_engine::IndexHandle::open(dir.path()) {
        Ok(_) => panic!("an index without the schema's fields opened"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("lacks fields") && err.contains("make index"),
        "{err}"
    );
}

#[test]
fn an_index_of_another_schema_version_is_refused_with_a_rebuild_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = tantivy::Index::create_in_dir(dir.path(), frontline_schema::schema())
        .expect("index with the current fields");
    let mut writer: tantivy::IndexWriter = index.writer(15 << 20).expect("writer");
    let mut commit = writer.prepare_commit().expect("prepared");
    commit.set_payload("frontline-schema 0");
    commit.commit().expect("committed");
    let err = match frontline_engine::IndexHandle::open(dir.path()) {
        Ok(_) => panic!("an index of schema 0 opened"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("another version") && err.contains("make index"),
        "{err}"
    );
}
