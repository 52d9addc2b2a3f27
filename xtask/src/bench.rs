//! `cargo xtask bench`: the core's benchmarks natively (divan) and in headless Chromium, and
//! the page weight: bytes per page and time to the first chart on the built site.

use crate::run::{command, root, run, step};
use crate::test::{E2E_CONNECT, E2E_PUBLIC_URL};
use crate::{site, snapshot, tools};

/// Runs the benchmark suites; their output carries the timings (median and p95 for the
/// browser, divan's table natively) and the page-weight table.
pub fn all(_args: &[String]) -> Result<(), String> {
    tools::ensure_test_tools()?;
    let (_, chromedriver) =
        tools::chromium_paths().ok_or("chromium and chromedriver are not on PATH")?;
    step("native benchmarks (divan)");
    for bench in ["risk", "execution"] {
        run(command("cargo").args(["bench", "--package", "tokenrisk-core", "--bench", bench]))?;
    }
    step("WebAssembly benchmarks in headless Chromium (release build)");
    run(command("cargo")
        .args([
            "test",
            "--release",
            "--package",
            "token-risk-lab",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "bench_wasm",
            "--",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", &chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300"))?;
    page_weight(&chromedriver)
}

/// The page-weight measurement (`e2e/tests/page_weight.rs`) on the release site.
fn page_weight(chromedriver: &str) -> Result<(), String> {
    step("page weight and time to the first chart, in headless Chromium");
    let (chromium, _) = tools::chromium_paths().ok_or("chromium is not on PATH")?;
    let site_dir = root().join("target/e2e-site");
    snapshot::build_for_tests()?;
    site::build(E2E_PUBLIC_URL, &site_dir, E2E_CONNECT)?;
    run(command("cargo")
        .args([
            "test",
            "--package",
            "tokenrisk-e2e",
            "--test",
            "page_weight",
            "--",
            "--nocapture",
        ])
        .env("TOKENRISK_SITE", &site_dir)
        .env("TOKENRISK_PUBLIC_URL", E2E_PUBLIC_URL)
        .env("TOKENRISK_ARTIFACTS", root().join("target/e2e-artifacts"))
        .env("CHROMEDRIVER", chromedriver)
        .env("CHROMIUM", chromium))
}
