//! A snapshot fetched live from Binance's public spot market data (key-less).

use crate::{now_iso, unix_now, SnapshotReport};
use std::time::Duration;
use tokenrisk_core::snapshot::{Acquisition, Provenance, SnapshotSeries};
use tokenrisk_core::sources::binance::{closed_candle_closes, parse_klines, Kline};
use tokenrisk_core::Calendar;

/// Binance's host for key-less public market data.
pub const BINANCE_DATA_API: &str = "https://data-api.binance.vision";

/// The pairs fetched: BTC and the AI tokens, against USDT.
pub const PAIRS: [&str; 6] = [
    "BTCUSDT",
    "TAOUSDT",
    "NEARUSDT",
    "ICPUSDT",
    "FETUSDT",
    "RENDERUSDT",
];

/// The most klines Binance returns per request.
const PAGE: usize = 1000;

/// Fetches the full daily history of every pair in [`PAIRS`] from `base_url`, a page of 1,000
/// days at a time. The current, still-open day is left out. Pairs that fail are reported in
/// `skipped`; equities have no key-less live source and come from CSV exports.
///
/// # Errors
/// When no pair could be fetched (the message carries the first failure).
pub fn snapshot_live(base_url: &str, timeout: Duration) -> Result<SnapshotReport, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build()
        .into();
    let base_url = base_url.trim_end_matches('/');
    let mut report = SnapshotReport::default();
    for pair in PAIRS {
        match fetch_pair(&agent, base_url, pair) {
            Ok(series) => report.series.push(series),
            Err(reason) => report.skipped.push(format!("{pair}: {reason}")),
        }
    }
    if report.series.is_empty() {
        return Err(format!(
            "live data unavailable: {}",
            report
                .skipped
                .first()
                .map_or("nothing fetched", String::as_str)
        ));
    }
    report.sort();
    Ok(report)
}

fn fetch_pair(agent: &ureq::Agent, base_url: &str, pair: &str) -> Result<SnapshotSeries, String> {
    let location = format!("{base_url}/api/v3/klines?symbol={pair}&interval=1d");
    let now_ms = unix_now() * 1000;
    let mut klines: Vec<Kline> = Vec::new();
    let mut start_ms = 0_i64;
    loop {
        let url = format!("{location}&limit={PAGE}&startTime={start_ms}");
        let body = agent
            .get(&url)
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .map_err(|e| format!("{url}: {e}"))?;
        let page = parse_klines(&body).map_err(|e| format!("{url}: {e}"))?;
        let full = page.len() == PAGE;
        let Some(last) = page.last().copied() else {
            break;
        };
        klines.extend(page);
        if !full {
            break;
        }
        start_ms = last.open_time_ms + 1;
    }
    let prices = closed_candle_closes(&klines, now_ms).map_err(|e| e.to_string())?;
    if prices.len() < 2 || !prices.is_daily() {
        return Err(format!("{} usable daily klines", prices.len()));
    }
    Ok(SnapshotSeries::from_prices(
        pair,
        Calendar::Continuous,
        Provenance {
            provider: "Binance spot klines (1d)".to_owned(),
            location,
            acquisition: Acquisition::Live,
            retrieved_at: now_iso(),
            price_field: "close".to_owned(),
            note: None,
        },
        &prices,
    ))
}
