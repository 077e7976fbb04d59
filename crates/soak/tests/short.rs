//! The soak battery, a few seconds of each scenario, against the binaries this build made:
//! no fuzzed request answered with a 5xx or cut short, the probe answered throughout, no
//! search failed across a killed build and a rebuild, no request cut by SIGTERM.

use std::path::PathBuf;

use frontline_soak::Options;
use frontline_soak::process::Binaries;

#[test]
fn every_scenario_passes_in_short() {
    // The binaries sit beside this test's folder (`deps`) once the workspace is built.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_frontline-soak"))
        .parent()
        .expect("binary folder")
        .to_path_buf();
    let binaries = Binaries::in_dir(&bin).expect("frontline-serve and frontline-index are built");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().expect("tempdir");
    let options = Options::full(
        binaries,
        vec![root.join("corpus/zelenskyy-addresses.jsonl.gz")],
        dir.path().join("index"),
        dir.path().join("logs"),
    )
    .short();
    let mut out = Vec::new();
    let reports = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(frontline_soak::run(&options, &mut out))
        .expect("the battery runs");
    let printed = String::from_utf8_lossy(&out);
    assert_eq!(reports.len(), frontline_soak::SCENARIOS.len(), "{printed}");
    for report in &reports {
        assert!(report.passed(), "{} failed:\n{printed}", report.scenario);
    }
    let fuzz = &reports[0];
    assert_eq!(fuzz.tally.requests as u64, options.fuzz_requests);
    assert!(
        fuzz.tally.statuses.get("400").is_some_and(|&n| n > 100),
        "the fuzzer's bad parameters are refused with 400:\n{printed}"
    );
}
