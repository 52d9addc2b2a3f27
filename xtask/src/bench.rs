//! `cargo xtask bench`: the core's benchmarks natively (divan) and in headless Chromium, and
//! the page weight: bytes per page and time to the first chart on the built site.

use crate::run::{command, run, step};
use crate::tools;

/// Runs the benchmark suites; their output carries the timings (median and p95 for the
/// browser, divan's table natively) and the page-weight table.
pub fn all(_args: &[String]) -> Result<(), String> {
    tools::ensure_test_tools()?;
    let (_, chromedriver) =
        tools::chromium_paths().ok_or("chromium and chromedriver are not on PATH")?;
    step("native benchmarks (divan)");
    for bench in ["risk", "execution", "supply", "simulation"] {
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
    step("page weight and time to the first chart, in headless Chromium");
    crate::test::end_to_end(&["--test", "page_weight"], &["--nocapture"])
}
