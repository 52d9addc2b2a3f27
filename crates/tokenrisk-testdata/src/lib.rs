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

/// A Yahoo Finance chart response (`/v8/finance/chart/{symbol}`, daily bars) replaying the rows
/// of a shared Yahoo CSV export (`time,open,high,low,close,adjclose,…`), the last `rows` of it.
/// Each session is stamped 14:30 UTC (09:30 New York in winter) with `gmtoffset` −18,000, as
/// Yahoo stamps sessions by their opening time.
///
/// # Panics
/// When the file cannot be read or a row has no date, close and adjusted close.
pub fn yahoo_chart_body(symbol: &str, csv_relative: &str, rows: usize) -> String {
    let text = read_market_file(csv_relative);
    let lines: Vec<&str> = text.lines().skip(1).filter(|l| !l.is_empty()).collect();
    let mut times = Vec::new();
    let mut closes = Vec::new();
    let mut adjusted = Vec::new();
    for line in &lines[lines.len().saturating_sub(rows)..] {
        let fields: Vec<&str> = line.split(',').collect();
        let ymd: Vec<i64> = fields[0]
            .split('-')
            .map(|p| p.parse().expect("date"))
            .collect();
        times.push((days_from_civil(ymd[0], ymd[1], ymd[2]) * 86_400 + 52_200).to_string());
        closes.push(fields[4].to_owned());
        adjusted.push(fields[5].to_owned());
    }
    format!(
        r#"{{"chart":{{"result":[{{"meta":{{"currency":"USD","symbol":"{symbol}","exchangeName":"NMS","instrumentType":"EQUITY","gmtoffset":-18000,"timezone":"EST","exchangeTimezoneName":"America/New_York","dataGranularity":"1d"}},"timestamp":[{}],"indicators":{{"quote":[{{"close":[{}]}}],"adjclose":[{{"adjclose":[{}]}}]}}}}],"error":null}}}}"#,
        times.join(","),
        closes.join(","),
        adjusted.join(",")
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
