//! Native benchmarks of the risk core on seeded synthetic data (`cargo xtask bench`; the same
//! work is timed in headless Chromium by `tests/bench_wasm.rs` at the workspace root).

use divan::Bencher;
use tokenrisk_core::relative::rolling_beta;
use tokenrisk_core::report::MultiAssetReport;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::volatility::{ewma_volatility, rolling_volatility, RISKMETRICS_LAMBDA};
use tokenrisk_core::PriceSeries;

const ASSETS: usize = 10;
const DAYS: usize = 2_000;
const SEED: u64 = 42;

fn main() {
    divan::main();
}

fn assets() -> Vec<PriceSeries> {
    tokenrisk_testdata::synthetic_prices(ASSETS, DAYS, SEED)
        .into_iter()
        .map(|p| {
            PriceSeries::new((0..DAYS as i64).map(|d| d * 86_400).collect(), p)
                .expect("positive prices")
        })
        .collect()
}

/// Every asset's full report against the first, the correlation matrix and an equal-weight
/// portfolio's risk contributions: 10 assets × 2,000 days.
#[divan::bench(sample_count = 30)]
fn full_report_10_assets_2000_days(bencher: Bencher) {
    let assets = assets();
    let refs: Vec<&PriceSeries> = assets.iter().collect();
    let weights = vec![1.0; ASSETS];
    bencher.bench(|| MultiAssetReport::compute(divan::black_box(&refs), &weights, 365.0));
}

/// Rolling volatility of 2,000 daily returns.
#[divan::bench(args = [30, 90, 365])]
fn rolling_volatility_2000_days(bencher: Bencher, window: usize) {
    let r = simple_returns(assets()[0].values());
    bencher.bench(|| rolling_volatility(divan::black_box(&r), window, 365.0));
}

/// Rolling 60-day beta of one asset to another over 2,000 days.
#[divan::bench]
fn rolling_beta_60_2000_days(bencher: Bencher) {
    let assets = assets();
    let (a, b) = (
        simple_returns(assets[1].values()),
        simple_returns(assets[0].values()),
    );
    bencher.bench(|| rolling_beta(divan::black_box(&a), &b, 60));
}

/// RiskMetrics EWMA volatility over 2,000 days.
#[divan::bench]
fn ewma_volatility_2000_days(bencher: Bencher) {
    let r = simple_returns(assets()[0].values());
    bencher.bench(|| ewma_volatility(divan::black_box(&r), RISKMETRICS_LAMBDA, 365.0));
}
