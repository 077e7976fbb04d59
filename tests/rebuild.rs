//! A rebuild while serving is picked up without a restart or a failed request.

use std::time::{Duration, Instant};

use frontline::{Server, build, enricher, root};
use frontline_indexer::build::BuildError;
use frontline_indexer::{BuildOptions, build as build_index};

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

/// What a killed build left (its staging generation, a half-made `current` link) is removed
/// when the next build starts; a second build of a folder another build holds is refused
/// and touches nothing.
#[test]
fn killed_build_leftovers_are_removed_and_builds_do_not_overlap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path();
    let staging = index.join("gen-1.tmp");
    std::fs::create_dir_all(&staging).expect("staging");
    std::fs::write(staging.join("segment"), vec![0u8; 4096]).expect("leftover file");
    std::os::unix::fs::symlink("gen-1", index.join("current.gen-1.tmp")).expect("link");
    let opts = BuildOptions {
        corpus: vec![root().join("corpus/seeds")],
        index: index.to_path_buf(),
        strict: false,
        writer_memory: 50 << 20,
        writer_threads: 1,
    };
    let held = std::fs::File::create(index.join(".build.lock")).expect("lock file");
    held.lock().expect("lock");
    let busy = build_index(&opts, &enricher(), &());
    assert!(matches!(busy, Err(BuildError::Busy(_))), "{busy:?}");
    assert!(
        staging.exists(),
        "a refused build removed another build's staging folder"
    );
    drop(held);
    let summary = build_index(&opts, &enricher(), &()).expect("builds");
    assert!(summary.indexed > 0);
    assert!(
        !staging.exists(),
        "the killed build's staging folder is still there"
    );
    assert!(std::fs::symlink_metadata(index.join("current.gen-1.tmp")).is_err());
    assert!(index.join("current").exists());
}

/// An index whose files fail their checksums (bytes flipped on disk) is found by the
/// server's background check: `/healthz` answers 503 naming the files, and searches answer
/// 503 with a JSON error instead of reading garbage or failing with 500.
#[test]
fn a_damaged_index_is_reported_not_searched() {
    let (dir, generation) = seeds_index();
    let victim = std::fs::read_dir(&generation)
        .expect("generation")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "store" || x == "idx"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("a segment file");
    let mut bytes = std::fs::read(&victim).expect("read");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 16] {
        *b ^= 0xA5;
    }
    std::fs::write(&victim, bytes).expect("write");
    let server = Server::start(dir.path());
    let deadline = Instant::now() + Duration::from_secs(20);
    let (status, health) = loop {
        let (status, health) = server.get("/healthz");
        if status != 200 || Instant::now() > deadline {
            break (status, health);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status, 503, "{health}");
    assert_eq!(health["status"], "damaged", "{health}");
    let (status, answer) = server.get("/search?q=Dobropillia");
    assert_eq!(status, 503, "{answer}");
    assert_eq!(answer["error"], "index_damaged", "{answer}");
}

/// An index of the seed articles, and the generation folder it serves.
fn seeds_index() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    build(&[root().join("corpus/seeds")], dir.path());
    let generation = std::fs::canonicalize(dir.path().join("current")).expect("current");
    (dir, generation)
}

/// Each file's name, size and time of change, under `dir`.
fn listing(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let meta = std::fs::symlink_metadata(&p).expect("metadata");
            let changed = meta.modified().expect("mtime");
            (p.display().to_string(), meta.len(), changed)
        })
        .collect();
    files.sort();
    files
}

/// `dir` and everything under it, each folder before what it holds.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .collect()
}

/// A built index can be served by a user who may only read it (another account, a
/// read-only mount): every file is as readable as its folder, and serving, searching and
/// checking the files write nothing, not even a lock file.
#[test]
fn an_index_is_served_read_only() {
    use std::os::unix::fs::PermissionsExt;

    let (dir, generation) = seeds_index();
    let readable = std::fs::metadata(&generation)
        .expect("folder")
        .permissions()
        .mode()
        & 0o444;
    for file in walk(&generation).iter().skip(1) {
        let mode = std::fs::metadata(file).expect("file").permissions().mode();
        assert_eq!(
            mode & readable,
            readable,
            "{} is {mode:o}, less readable than its folder",
            file.display()
        );
    }
    let set_mode = |mode: u32| {
        for path in walk(dir.path()) {
            let dir_mode = if path.is_dir() { mode | 0o111 } else { mode };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(dir_mode))
                .expect("chmod");
        }
    };
    set_mode(0o444);
    let probe = generation.join(".probe");
    if std::fs::write(&probe, b"").is_ok() {
        let _ = std::fs::remove_file(&probe);
        frontline::skip(
            "an_index_is_served_read_only (permissions part)",
            "this user writes past permission bits; checking that serving writes nothing instead",
        );
    }
    let before = listing(dir.path());
    let server = Server::start(dir.path());
    let (status, answer) = server.get("/search?q=Dobropillia");
    assert_eq!(status, 200, "{answer}");
    assert!(answer["total"].as_u64() > Some(0), "{answer}");
    assert!(
        server.index.load().check().is_empty(),
        "the checksums read as they do"
    );
    assert_eq!(server.get("/healthz").0, 200);
    set_mode(0o644);
    assert_eq!(listing(dir.path()), before, "serving wrote to the index");
}
