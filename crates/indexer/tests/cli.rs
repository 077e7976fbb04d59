//! The `frontline-index` command as a user runs it.

use std::process::Command;

fn frontline_index(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-index"))
        .args(args)
        .output()
        .expect("frontline-index runs")
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
