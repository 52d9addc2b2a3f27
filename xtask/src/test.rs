//! `cargo xtask test`: every layer of tests, each stage's result summarised at the end.

use crate::run::{command, root, run, run_naming_failures, step};
use crate::{site, snapshot, tools};
use std::process::Command;

/// Seconds each fuzz target runs in the test command (replaying its seeds and past crashes
/// first); `TOKENRISK_FUZZ_SECONDS` overrides it.
const FUZZ_SECONDS: u32 = 20;

/// What the end-to-end site's content security policy allows beyond `config.json`'s APIs: the
/// stand-ins, which listen on loopback ports chosen at run time (any other origin stays
/// refused, which `e2e/tests/security.rs` checks).
const E2E_CONNECT: &str = "http://127.0.0.1:*";

/// Sub-path the end-to-end tests serve the site under, as GitHub Pages does.
const E2E_PUBLIC_URL: &str = "/token-risk-lab/";

/// The stages, in the order they run, by the names `cargo xtask test STAGE…` takes.
const STAGES: [&str; 5] = ["native", "core-wasm32", "wasm", "e2e", "fuzz"];

/// Runs the native, wasm (headless Chromium), end-to-end and fuzz tests, or only the stages
/// named in `args` ([`STAGES`]). Every stage runs even when an earlier one fails, so one run
/// shows every failure.
pub fn all(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.iter().find(|a| !STAGES.contains(&a.as_str())) {
        return Err(format!(
            "unknown test stage {unknown}: the stages are {}",
            STAGES.join(", ")
        ));
    }
    let wanted = |stage: &str| args.is_empty() || args.iter().any(|a| a == stage);
    tools::ensure_test_tools()?;
    let (chromium, chromedriver) =
        tools::chromium_paths().ok_or("chromium and chromedriver are not on PATH")?;
    let browser_env = |cmd: &mut Command| {
        cmd.env("CHROMEDRIVER", &chromedriver)
            .env("CHROMIUM", &chromium);
    };
    let mut results: Vec<(&str, Result<(), String>)> = Vec::new();

    if wanted("native") {
        step("native tests (core, charts, command, app logic, test server)");
        results.push((
            "native",
            run(command("cargo").args(["test", "--workspace", "--exclude", "tokenrisk-e2e"])),
        ));
    }

    if wanted("core-wasm32") {
        step("the core builds for wasm32 on its own");
        results.push((
            "core wasm32 build",
            run(command("cargo").args([
                "build",
                "--package",
                "tokenrisk-core",
                "--target",
                "wasm32-unknown-unknown",
            ])),
        ));
    }

    if wanted("wasm") {
        step("wasm tests in headless Chromium (wasm-bindgen-test)");
        let mut wasm = command("cargo");
        wasm.args([
            "test",
            "--package",
            "token-risk-lab",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ])
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        browser_env(&mut wasm);
        results.push(("wasm in Chromium", run(&mut wasm)));
    }

    if wanted("e2e") {
        step("end-to-end tests: the built site under a sub-path, in headless Chromium");
        let weight_table = root().join("target/e2e-artifacts/page-weight.md");
        let _ = std::fs::remove_file(&weight_table);
        results.push(("end to end", end_to_end(&[], &["--test-threads=1"])));
        // The page-weight test's table (its output is captured when it passes).
        if let Ok(table) = std::fs::read_to_string(&weight_table) {
            step("page weight (e2e/tests/page_weight.rs)");
            println!("{table}");
        }
    }

    if wanted("fuzz") {
        step("fuzz targets, briefly (past crashes replayed first)");
        let seconds = std::env::var("TOKENRISK_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(FUZZ_SECONDS);
        results.push((
            "fuzz",
            crate::fuzz::run_targets(&crate::fuzz::TARGETS, seconds, "none"),
        ));
    }

    step("summary");
    for (stage, result) in &results {
        match result {
            Ok(()) => println!("  ok      {stage}"),
            Err(e) => println!("  FAILED  {stage}: {e}"),
        }
    }
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    println!(
        "test stages: {} passed, {failed} failed",
        results.len() - failed
    );
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} test stage(s) failed"))
    }
}

/// Builds the bundled snapshot for tests and the release site for [`E2E_PUBLIC_URL`], then
/// runs the end-to-end tests on it in headless Chromium (every test binary, even after one fails;
/// the failures are named in the error): `cargo test --no-fail-fast --package tokenrisk-e2e
/// {selection} -- {harness}` (e.g. `--test page_weight` and `--nocapture`).
pub(crate) fn end_to_end(selection: &[&str], harness: &[&str]) -> Result<(), String> {
    let (chromium, chromedriver) =
        tools::chromium_paths().ok_or("chromium and chromedriver are not on PATH")?;
    let site_dir = root().join("target/e2e-site");
    snapshot::build_for_tests()?;
    site::build(E2E_PUBLIC_URL, &site_dir, E2E_CONNECT)?;
    run_naming_failures(
        command("cargo")
            .args(["test", "--no-fail-fast", "--package", "tokenrisk-e2e"])
            .args(selection)
            .arg("--")
            .args(harness)
            .env("TOKENRISK_SITE", &site_dir)
            .env("TOKENRISK_PUBLIC_URL", E2E_PUBLIC_URL)
            .env("TOKENRISK_ARTIFACTS", root().join("target/e2e-artifacts"))
            .env("CHROMEDRIVER", chromedriver)
            .env("CHROMIUM", chromium),
    )
}
