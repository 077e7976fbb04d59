//! The `frontline-index` command as a user runs it.

use std::path::Path;
use std::process::Command;

fn frontline_index(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-index"))
        .args(args)
        .output()
        .expect("frontline-index runs")
}

fn build(corpus: &Path, index: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-index"))
        .arg("build")
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .output()
        .expect("frontline-index runs")
}

/// Builds an index of one corpus file `name` holding `text`; what the build printed on
/// standard output and standard error, after checking it succeeded.
fn build_file(name: &str, text: &str) -> (String, String) {
    let corpus = tempfile::tempdir().expect("tempdir");
    std::fs::write(corpus.path().join(name), text).expect("write");
    let index = tempfile::tempdir().expect("tempdir");
    let out = build(corpus.path(), index.path());
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (stdout, stderr)
}

#[test]
fn a_missing_input_is_an_error_that_names_it() {
    for args in [
        &["enrich", "/nonexistent/articles.jsonl"][..],
        &[
            "build",
            "--corpus",
            "/nonexistent/corpus",
            "--index",
            "/nonexistent/index",
        ][..],
    ] {
        let out = frontline_index(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} exited 0");
        assert!(stderr.contains("/nonexistent/"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed output");
    }
}

/// A corpus whose every record is rejected fails the build and leaves the index being
/// served as it was; a byte-order mark before the first record is not a rejection.
#[test]
fn a_build_that_indexes_nothing_keeps_the_current_index() {
    let good = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        good.path().join("good.jsonl"),
        "\u{FEFF}{\"id\":\"a\",\"body\":\"Shelling of Kharkiv continued overnight.\"}\n",
    )
    .expect("write");
    let bad = tempfile::tempdir().expect("tempdir");
    std::fs::write(bad.path().join("bad.jsonl"), "title,body\nnot json\n").expect("write");
    let index = tempfile::tempdir().expect("tempdir");

    let built = build(good.path(), index.path());
    let report = String::from_utf8_lossy(&built.stdout);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        report.contains("indexed 1") && report.contains("rejected 0"),
        "{report}"
    );
    let current = std::fs::canonicalize(index.path().join("current")).expect("current");

    let failed = build(bad.path(), index.path());
    let report = String::from_utf8_lossy(&failed.stderr);
    assert!(
        !failed.status.success(),
        "an empty build exited 0: {report}"
    );
    assert!(report.contains("no document indexed"), "{report}");
    assert_eq!(
        std::fs::canonicalize(index.path().join("current")).expect("current"),
        current,
        "the index being served was replaced"
    );
    assert!(current.join("meta.json").exists());
}

/// A record longer than the limit is skipped, not read into memory, and the records after
/// it are indexed.
#[test]
fn an_oversized_record_is_skipped_and_the_rest_indexed() {
    let huge = "x".repeat(frontline_indexer::corpus::MAX_RECORD_BYTES + 10);
    let (stdout, stderr) = build_file(
        "mixed.jsonl",
        &format!(
            "{{\"id\":\"huge\",\"body\":\"{huge}\"}}\n{{\"id\":\"ok\",\"body\":\"Drones struck Odesa port overnight.\"}}\n"
        ),
    );
    assert!(
        stdout.contains("indexed 1") && stdout.contains("rejected 1"),
        "{stdout}"
    );
    assert!(
        stderr.contains("mixed.jsonl:1") && stderr.contains("byte limit, skipped"),
        "{stderr}"
    );
}

/// A `published` that is no date, or a date outside 1900-2100, is reported with its file
/// and line, and the article is indexed without a date.
#[test]
fn an_impossible_date_is_reported_and_the_article_kept() {
    let (stdout, stderr) = build_file(
        "dates.jsonl",
        concat!(
            "{\"id\":\"a\",\"published\":\"2022-03-01\",\"body\":\"Drones struck Odesa port.\"}\n",
            "{\"id\":\"b\",\"published\":\"2025-13-45\",\"body\":\"Shelling of Kharkiv went on.\"}\n",
            "{\"id\":\"c\",\"published\":\"2263-01-01\",\"body\":\"Evacuation from Mariupol resumed.\"}\n",
        ),
    );
    assert!(
        stdout.contains("indexed 3") && stdout.contains("with dates 1"),
        "{stdout}"
    );
    for line in ["dates.jsonl:2", "dates.jsonl:3"] {
        assert!(stderr.contains(line), "{line} not reported: {stderr}");
    }
    assert!(!stderr.contains("dates.jsonl:1"), "{stderr}");
}

/// A second record with an id already seen is skipped; when its text differs, that is
/// reported with its file and line (an exact copy is skipped quietly).
#[test]
fn a_reused_id_with_other_text_is_reported() {
    let (stdout, stderr) = build_file(
        "ids.jsonl",
        concat!(
            "{\"id\":\"a\",\"body\":\"Drones struck Odesa port.\"}\n",
            "{\"id\":\"a\",\"body\":\"Drones struck Odesa port.\"}\n",
            "{\"id\":\"a\",\"body\":\"Shelling of Kharkiv went on.\"}\n",
        ),
    );
    assert!(
        stdout.contains("indexed 1") && stdout.contains("duplicates 2"),
        "{stdout}"
    );
    assert!(
        stderr.contains("ids.jsonl:3") && stderr.contains("different text"),
        "{stderr}"
    );
    assert!(!stderr.contains("ids.jsonl:2"), "{stderr}");
}

#[test]
fn version_names_the_command() {
    let out = frontline_index(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("frontline-index "), "{text}");
}

#[test]
fn an_id_or_date_that_is_no_string_or_number_rejects_its_record() {
    let (stdout, stderr) = build_file(
        "shapes.jsonl",
        concat!(
            "{\"id\":{\"value\":\"a\"},\"body\":\"Drones struck Odesa port.\"}\n",
            "{\"id\":\"b\",\"published\":[2022,3,1],\"body\":\"Shelling of Kharkiv went on.\"}\n",
            "{\"id\":7,\"published\":null,\"body\":\"Trains left Kramatorsk.\"}\n",
        ),
    );
    assert!(
        stdout.contains("indexed 1") && stdout.contains("rejected 2"),
        "{stdout}"
    );
    assert!(
        stderr.contains("shapes.jsonl:1") && stderr.contains("not an object"),
        "{stderr}"
    );
    assert!(
        stderr.contains("shapes.jsonl:2") && stderr.contains("not a list"),
        "{stderr}"
    );
}

#[test]
fn enrich_explains_its_options() {
    let out = frontline_index(&["enrich", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    let line = help
        .lines()
        .find(|l| l.contains("--no-places"))
        .unwrap_or_else(|| panic!("no --no-places in\n{help}"));
    assert!(line.contains("Skip geoparsing"), "{help}");
}
