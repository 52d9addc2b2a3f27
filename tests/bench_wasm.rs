//! The core's benchmark in headless Chromium, run by `cargo xtask bench` in release mode (not
//! part of the test suite): the same seeded 10-asset × 2,000-day full report as the native
//! benchmark (`crates/tokenrisk-core/benches/risk.rs`), timed with `performance.now()`.
#![cfg(target_arch = "wasm32")]

use token_risk_lab::analysis::{UNCERTAINTY, UNCERTAINTY_SEED};
use tokenrisk_core::relative::rolling_beta;
use tokenrisk_core::report::{MultiAssetReport, ReportInput, RiskReport};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::volatility::rolling_volatility;
use tokenrisk_core::PriceSeries;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 30;

fn assets() -> Vec<PriceSeries> {
    tokenrisk_testdata::synthetic_prices(10, 2_000, 42)
        .into_iter()
        .map(|p| {
            PriceSeries::new((0..2_000_i64).map(|d| d * 86_400).collect(), p)
                .expect("positive prices")
        })
        .collect()
}

/// Median and 95th percentile in milliseconds of `RUNS` timed runs after three warm-ups.
fn time(name: &str, mut work: impl FnMut()) {
    let performance = web_sys::window()
        .expect("window")
        .performance()
        .expect("performance");
    for _ in 0..3 {
        work();
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = performance.now();
            work();
            performance.now() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    console_log!(
        "wasm-bench {name}: median {:.3} ms, p95 {:.3} ms ({RUNS} runs)",
        times[RUNS / 2],
        times[RUNS * 95 / 100]
    );
}

#[wasm_bindgen_test]
fn benchmarks() {
    let assets = assets();
    let refs: Vec<&PriceSeries> = assets.iter().collect();
    let weights = vec![1.0; 10];
    time("full_report_10_assets_2000_days", || {
        std::hint::black_box(MultiAssetReport::compute(&refs, &weights, 365.0).ok());
    });
    let r = simple_returns(assets[0].values());
    let b = simple_returns(assets[1].values());
    for window in [30, 90, 365] {
        time(&format!("rolling_volatility_2000_days/{window}"), || {
            std::hint::black_box(rolling_volatility(&r, window, 365.0).ok());
        });
    }
    time("rolling_beta_60_2000_days", || {
        std::hint::black_box(rolling_beta(&b, &r, 60).ok());
    });
    // What the token view computes on a range change: report, intervals, Monte Carlo.
    let long = PriceSeries::new(
        (0..3_000_i64).map(|d| d * 86_400).collect(),
        tokenrisk_testdata::synthetic_prices(1, 3_000, 7).remove(0),
    )
    .expect("positive prices");
    time("token_view_report_with_uncertainty_3000_days", || {
        let report = RiskReport::compute(&ReportInput::new(&long, 365.0)).expect("report");
        std::hint::black_box(report.with_uncertainty(&long, UNCERTAINTY, UNCERTAINTY_SEED));
    });
}
