//! A seconds-long run of `make bench` (`bench/run.py --smoke`) over the seed articles with
//! the debug binaries, so the benchmark and its query set cannot rot. No peers, no timing
//! claims: it checks that every stage runs and every benchmark query is a valid request.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's binaries, built beside this crate's own by `cargo test --workspace`
/// (each of their crates has integration tests); built here when run alone.
fn binaries() -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_frontline-bench"))
        .parent()
        .expect("target dir")
        .to_path_buf();
    let names = ["frontline-index", "frontline-serve"];
    if names.iter().any(|n| !dir.join(n).exists()) {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = Command::new(cargo)
            .current_dir(root())
            .args([
                "build",
                "--bins",
                "-p",
                "frontline-indexer",
                "-p",
                "frontline-server",
            ])
            .status()
            .expect("cargo runs");
        assert!(built.success(), "the indexer and server build");
    }
    dir
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn bench_smoke_run() {
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is missing under CI"
        );
        // Straight to the terminal: the test harness captures `eprintln!`.
        let _ = writeln!(std::io::stderr(), "SKIP bench_smoke_run: no python3");
        return;
    }
    let bins = binaries();
    let work = tempfile::tempdir().expect("tempdir");
    let out = Command::new("python3")
        .arg(root().join("bench").join("run.py"))
        .arg("--smoke")
        .arg("--bin")
        .arg(&bins)
        .arg("--work")
        .arg(work.path())
        .output()
        .expect("bench/run.py runs");
    assert!(
        out.status.success(),
        "bench smoke run failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join("results.json")).expect("results.json"),
    )
    .expect("results are JSON");
    let run = &results["runs"][0];
    assert_eq!(run["docs"], 5, "the five seed articles");
    let modes: Vec<&str> = run["indexing"]
        .as_array()
        .expect("indexing")
        .iter()
        .filter_map(|m| m["mode"].as_str())
        .collect();
    assert_eq!(modes, ["enriched", "no-places", "bare"]);
    for block in ["in_process", "http"] {
        for set in run[block]["sets"].as_array().expect("sets") {
            assert_eq!(
                set["errors"], 0,
                "{block} {}: every query is valid",
                set["name"]
            );
            assert!(set["latency"]["n"].as_u64().unwrap_or(0) > 0);
        }
    }
    assert!(run["server_start_s"].as_f64().is_some_and(|s| s > 0.0));
    let report = std::fs::read_to_string(work.path().join("RESULTS.md")).expect("RESULTS.md");
    assert!(report.contains("## Targets"));
}
