//! The core must stay pure: no browser, UI or OS-randomness crate may enter its dependency tree,
//! for any target (its RNG is injected by callers, seeded from the scenario); nor the crates that
//! sit above it (market data, wording, charts), which depend on the core, never the reverse.

use std::process::Command;

const FORBIDDEN: [&str; 10] = [
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "getrandom",
    "plotters-canvas",
    "tokenrisk-market",
    "tokenrisk-glossary",
    "tokenrisk-charts",
];

#[test]
fn core_has_no_web_dependency() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--package",
            "tokenrisk-core",
            "--edges",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("serde"), "the tree was read: {tree}");
    let offenders: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or("");
            FORBIDDEN
                .iter()
                .any(|f| name == *f || name.starts_with(&format!("{f}-")))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "tokenrisk-core depends on {offenders:?}"
    );
}
