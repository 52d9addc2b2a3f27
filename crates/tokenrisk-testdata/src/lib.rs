//! Locates the real market data that tests and benchmarks use: `../shared/data/` beside the
//! project (override with `TOKENRISK_SHARED=/path/to/shared`). The data is never copied into
//! the project. Also makes the seeded synthetic prices the benchmarks run on, the same
//! natively and in the browser.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::path::PathBuf;

/// `assets` daily price paths of `days` prices each, reproducible from `seed`: returns are a
/// common factor plus an asset-specific part, with occasional jumps, so that correlations,
/// fat tails and drawdowns are all present.
pub fn synthetic_prices(assets: usize, days: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut uniform = move || rng.random::<f64>() - 0.5;
    let factor: Vec<f64> = (0..days).map(|_| 0.04 * uniform()).collect();
    (0..assets)
        .map(|a| {
            let loading = 0.5 + a as f64 * 0.15;
            let mut price = 100.0;
            factor
                .iter()
                .map(|f| {
                    let jump = if uniform() > 0.49 {
                        0.15 * uniform()
                    } else {
                        0.0
                    };
                    price *= 1.0 + loading * f + 0.05 * uniform() + jump;
                    price
                })
                .collect()
        })
        .collect()
}

/// The `shared/` directory: `$TOKENRISK_SHARED`, else `../shared` beside the workspace root.
///
/// # Panics
/// When the directory does not exist: tests that need real data cannot run without it, and say
/// where they looked.
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("TOKENRISK_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    assert!(
        dir.join("data/market").is_dir(),
        "shared market data not found at {} (set TOKENRISK_SHARED)",
        dir.display()
    );
    dir
}

/// The text of a documented API example response under `shared/data/api-samples/`.
///
/// # Panics
/// When the file cannot be read.
pub fn read_api_sample(name: &str) -> String {
    let path = shared_dir().join("data/api-samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file under `shared/data/market/`, e.g. `binance_spot_1d/TAOUSDT.csv`.
pub fn market_file(relative: &str) -> PathBuf {
    shared_dir().join("data/market").join(relative)
}

/// The text of a file under `shared/data/market/`.
///
/// # Panics
/// When the file cannot be read.
pub fn read_market_file(relative: &str) -> String {
    let path = market_file(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
