//! Locates the real market data that tests and benchmarks use: `../shared/data/` beside the
//! project (override with `TOKENRISK_SHARED=/path/to/shared`). The data is never copied into
//! the project.

use std::path::PathBuf;

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
