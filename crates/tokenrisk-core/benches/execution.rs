//! Native benchmarks of market orders on a deep synthetic book (`cargo bench -p tokenrisk-core
//! --bench execution`): a 100-size slippage curve, the largest size within a limit and a
//! stressed copy, on 5,000 levels a side.

use divan::Bencher;
use tokenrisk_core::depth_stress::{stressed, HaircutPreset};
use tokenrisk_core::execution::{max_size_within, slippage_curve, Side, Size};
use tokenrisk_core::order_book::OrderBook;

const LEVELS: usize = 5_000;

fn main() {
    divan::main();
}

/// 5,000 levels a side around 100, one tick (0.01) apart, quantities 0.1 to 10 in a fixed
/// pseudo-random pattern.
fn book() -> OrderBook {
    let quantity = |i: usize| 0.1 + ((i * 7_919) % 100) as f64 / 10.0;
    OrderBook {
        bids: (0..LEVELS)
            .map(|i| (99.995 - i as f64 * 0.01, quantity(i)))
            .collect(),
        asks: (0..LEVELS)
            .map(|i| (100.005 + i as f64 * 0.01, quantity(i + 1)))
            .collect(),
    }
}

/// 100 base sizes from 1 to past the whole side (about 25,000 base rest on each side).
fn sizes() -> Vec<Size> {
    (1..=100)
        .map(|k| Size::Base(1.0 * 1.11_f64.powi(k)))
        .collect()
}

/// A 100-size slippage curve of market sells, the book validated once.
#[divan::bench]
fn slippage_curve_100_sizes_5000_levels(bencher: Bencher) {
    let (book, sizes) = (book(), sizes());
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
