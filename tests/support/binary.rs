//! Running the `extract` example binary from integration tests: built by
//! the cargo that runs the test, with fixtures and scratch folders at hand.

#![allow(dead_code)] // Each includer uses its own part.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The example binary, built (or found fresh) by the cargo running this
/// test, in the same profile, so a filtered `cargo test --test batch`
/// never runs a stale one. `NEWSCLIP_TEST_EXTRACT` names another build to
/// run the tests on instead (to check that a test fails on an older one).
pub fn extract_binary() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            if let Some(other) = std::env::var_os("NEWSCLIP_TEST_EXTRACT") {
                return PathBuf::from(other);
            }
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut build = Command::new(cargo);
            build.args(["build", "--quiet", "--example", "extract"]);
            if !cfg!(debug_assertions) {
                build.arg("--release");
            }
            let status = build
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("cargo runs");
            assert!(status.success(), "cargo build --example extract failed");
            let test_exe = std::env::current_exe().expect("test binary path");
            let profile_dir = test_exe
                .parent()
                .and_then(Path::parent)
                .expect("target/<profile>/deps");
            profile_dir.join("examples").join("extract")
        })
        .clone()
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsclip-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

pub fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON record"))
        .collect()
}
