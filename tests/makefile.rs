//! The Makefile's targets run the binaries cargo built, wherever cargo builds them.

use std::process::Command;

use frontline::root;

#[test]
fn make_targets_follow_cargo_target_dir() {
    for (target, binary) in [
        ("index", "frontline-index build"),
        ("serve", "frontline-serve --index"),
    ] {
        let out = Command::new("make")
            .current_dir(root())
            .args(["--dry-run", target])
            .env("CARGO_TARGET_DIR", "/elsewhere/build")
            .output()
            .expect("make runs");
        let plan = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "make -n {target}: {plan}");
        assert!(
            plan.contains(&format!("/elsewhere/build/release/{binary}")),
            "make {target} runs the binary under CARGO_TARGET_DIR:\n{plan}"
        );
    }
}
