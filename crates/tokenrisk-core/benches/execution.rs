//! Native benchmarks of market orders and liquidation cascades on a deep synthetic book
//! (`cargo bench -p tokenrisk-core --bench execution`): a 100-size slippage curve, the largest
//! size within a limit, a stressed copy, and a cascade with 50 leverages to convergence, on
//! 5,000 levels a side (`tokenrisk_testdata::deep_book`, the same in the browser benchmark).

use divan::Bencher;
use tokenrisk_core::cascade::simulate;
use tokenrisk_core::depth_stress::{stressed, HaircutPreset};
use tokenrisk_core::execution::{max_size_within, slippage_curve, Side};
use tokenrisk_core::order_book::OrderBook;

const LEVELS: usize = 5_000;

fn main() {
    divan::main();
}

fn book() -> OrderBook {
    tokenrisk_testdata::deep_book(LEVELS)
}

/// A 100-size slippage curve of market sells, the book validated once.
#[divan::bench]
fn slippage_curve_100_sizes_5000_levels(bencher: Bencher) {
    let (book, sizes) = (book(), tokenrisk_testdata::bench_sizes());
    bencher.bench(|| slippage_curve(divan::black_box(&book), Side::Sell, &sizes));
}

/// The largest buy within 50 bps, by an exact walk.
#[divan::bench]
fn max_size_within_50_bps_5000_levels(bencher: Bencher) {
    let book = book();
    bencher.bench(|| max_size_within(divan::black_box(&book), Side::Buy, 50.0));
}

/// The flash-crash haircut applied to every level.
#[divan::bench]
fn stressed_flash_crash_5000_levels(bencher: Bencher) {
    let (book, haircut) = (book(), HaircutPreset::FlashCrash.haircut());
    bencher.bench(|| stressed(divan::black_box(&book), &haircut));
}

/// A liquidation cascade to convergence: 50 leverages × 20 entry prices a side on the deep book
/// (`tokenrisk_testdata::bench_cascade`).
#[divan::bench]
fn cascade_50_leverages_5000_levels(bencher: Bencher) {
    let input = tokenrisk_testdata::bench_cascade();
    bencher.bench(|| simulate(divan::black_box(&input)));
}
