//! The snapshot bundled with the site (`public/data/snapshot.json`, copied into `dist/data/`),
//! and the companies' quarters beside it (`public/data/quarters.json`).

use crate::run::{command, root, run, step};
use std::path::PathBuf;

/// Where the app's build picks the snapshot up.
pub fn snapshot_file() -> PathBuf {
    root().join("public/data/snapshot.json")
}

/// The shared market CSV exports: `$TOKENRISK_SHARED/data/market`, else `../shared/data/market`.
pub fn shared_market_dir() -> PathBuf {
    std::env::var_os("TOKENRISK_SHARED")
        .map_or_else(|| root().join("../shared"), PathBuf::from)
        .join("data/market")
}

/// SEC EDGAR's saved answers the companies' quarters are read from when SEC is not asked live:
/// `$TOKENRISK_SHARED/data/api-samples/sec_edgar`, else the committed cuts of the same answers
/// (the same values for the concepts read).
pub fn saved_sec_answers() -> PathBuf {
    let shared = shared_market_dir().join("../api-samples/sec_edgar");
    if shared.is_dir() {
        shared
    } else {
        root().join("crates/tokenrisk-testdata/fixtures/api-samples/sec_edgar")
    }
}

/// SEC EDGAR asked live only with the `User-Agent` it asks for (`TOKENRISK_SEC_USER_AGENT`, which
/// the command reads itself); else the saved answers.
fn sec_arguments(command: &mut std::process::Command, live: bool) {
    let agent = std::env::var("TOKENRISK_SEC_USER_AGENT").unwrap_or_default();
    if !live || agent.trim().is_empty() {
        command.arg("--sec-from").arg(saved_sec_answers());
    }
}

/// What the bundled snapshot was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    /// Live from the public APIs.
    Live,
    /// From the shared CSV exports.
    SharedCsv,
    /// No data: the app starts empty and offers a CSV import.
    Nothing,
}

/// `cargo xtask snapshot [--offline]`.
pub fn run_command(args: &[String]) -> Result<Built, String> {
    build(args.iter().any(|a| a == "--offline"))
}

/// Builds the snapshot: live where the APIs answer (unless `offline`; assets that did not
/// answer filled from the shared CSV exports), else from the shared CSV exports where they
/// exist, else none (any stale snapshot is removed so the app says so).
pub fn build(offline: bool) -> Result<Built, String> {
    step("bundled data snapshot");
    let out = snapshot_file();
    if !offline {
        let mut command = tokenrisk();
        command
            .args(["snapshot", "--timeout", "10", "--out"])
            .arg(&out);
        if shared_market_dir().is_dir() {
            command.arg("--fill-from-csv").arg(shared_market_dir());
        }
        sec_arguments(&mut command, true);
        let live = run(&mut command);
        match live {
            Ok(()) => return Ok(Built::Live),
            Err(e) => println!("live market data unavailable ({e}); trying the shared CSV exports"),
        }
    }
    if shared_market_dir().is_dir() {
        build_from_shared()?;
        return Ok(Built::SharedCsv);
    }
    println!(
        "no market data found: the app will start without bundled data and offer a CSV import"
    );
    for stale in [out.clone(), out.with_file_name("quarters.json")] {
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", stale.display())),
        }
    }
    Ok(Built::Nothing)
}

/// Builds the snapshot from the shared CSV exports (what the tests use: never live).
pub fn build_from_shared() -> Result<(), String> {
    let dir = shared_market_dir();
    if !dir.is_dir() {
        return Err(format!(
            "{} not found (set TOKENRISK_SHARED)",
            dir.display()
        ));
    }
    let mut command = tokenrisk();
    command
        .args(["snapshot", "--from-csv"])
        .arg(dir)
        .arg("--out")
        .arg(snapshot_file());
    sec_arguments(&mut command, false);
    run(&mut command)
}

/// The committed fixture cuts of the market exports (`crates/tokenrisk-testdata/fixtures/`).
pub fn fixture_market_dir() -> PathBuf {
    root().join("crates/tokenrisk-testdata/fixtures/market")
}

/// Builds the snapshot the end-to-end tests run on, from the market exports they read through
/// `tokenrisk-testdata` (the same rule as its `market_dir()`): the full shared histories when
/// the shared market directory is there, else the committed fixture cuts, so the tests compare
/// the page with the core's numbers on the very files the snapshot was built from.
pub fn build_for_tests() -> Result<(), String> {
    let shared = shared_market_dir();
    let dir = if shared.is_dir() {
        println!(
            "snapshot from the full shared histories in {}",
            shared.display()
        );
        shared
    } else {
        let fixtures = fixture_market_dir();
        println!(
            "{} not found: snapshot from the committed fixture cuts in {}",
            shared.display(),
            fixtures.display()
        );
        fixtures
    };
    let mut command = tokenrisk();
    command
        .args(["snapshot", "--from-csv"])
        .arg(dir)
        .arg("--out")
        .arg(snapshot_file());
    sec_arguments(&mut command, false);
    run(&mut command)
}

fn tokenrisk() -> std::process::Command {
    let mut cmd = command("cargo");
    cmd.args([
        "run",
        "--quiet",
        "--package",
        "tokenrisk-cli",
        "--bin",
        "tokenrisk",
        "--",
    ]);
    cmd
}
