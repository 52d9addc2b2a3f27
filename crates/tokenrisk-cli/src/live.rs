//! A snapshot fetched live: crypto from Binance's public spot market data, equities from
//! Yahoo Finance's chart API (both key-less). Yahoo sends no CORS headers, so only this build
//! step, not the browser, can read it; the site then serves the equities from its snapshot.

use crate::{now_iso, unix_now, SnapshotReport};
use std::time::Duration;
use tokenrisk_core::Calendar;
use tokenrisk_market::fetch_policy::MAX_API_BODY_BYTES;
use tokenrisk_market::registry;
use tokenrisk_market::snapshot::{Acquisition, Provenance, SnapshotSeries};
use tokenrisk_market::sources::binance::{
    closed_candle_closes, parse_klines, quote_volumes, Kline,
};
use tokenrisk_market::sources::yahoo::{closed_adjusted_closes, parse_chart};

/// Binance's host for key-less public market data.
pub const BINANCE_DATA_API: &str = "https://data-api.binance.vision";

/// Yahoo Finance's chart API host.
pub const YAHOO_CHART_API: &str = "https://query1.finance.yahoo.com";

/// Where the live data comes from.
#[derive(Debug, Clone)]
pub struct LiveSources {
    /// Base URL of Binance's spot market data.
    pub binance: String,
    /// Base URL of Yahoo's chart API.
    pub yahoo: String,
    /// How long each request may take.
    pub timeout: Duration,
}

/// The most klines Binance returns per request.
const PAGE: usize = 1000;

/// The most pages asked for one pair (100,000 days): a bound on a server that never ends.
const MAX_PAGES: usize = 100;

/// Fetches the full daily history of every Binance spot pair of the asset registry (BTC and
/// the AI tokens, against USDT), a page of 1,000
/// days at a time, and ten years of every equity of the registry from Yahoo. Days and sessions
/// still open are left out. Series that fail are reported in `skipped`.
///
/// # Errors
/// When no series could be fetched (the message carries the first failure).
pub fn snapshot_live(sources: &LiveSources) -> Result<SnapshotReport, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(sources.timeout))
        .user_agent("Mozilla/5.0 (compatible; tokenrisk-snapshot/0.1)")
        .build()
        .into();
    let binance = sources.binance.trim_end_matches('/');
    let yahoo = sources.yahoo.trim_end_matches('/');
    let mut report = SnapshotReport::default();
    for pair in registry::ASSETS.iter().filter_map(|a| a.binance_spot) {
        match fetch_pair(&agent, binance, pair) {
            Ok(series) => report.series.push(series),
            Err(reason) => report.skipped.push(format!("{pair}: {reason}")),
        }
    }
    for symbol in registry::ASSETS.iter().filter_map(|a| a.yahoo_symbol) {
        match fetch_equity(&agent, yahoo, symbol) {
            Ok(series) => report.series.push(series),
            Err(reason) => report.skipped.push(format!("{symbol}: {reason}")),
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

/// The body of a GET of `url`, at most [`MAX_API_BODY_BYTES`].
///
/// # Errors
/// The URL and the reason when the request fails or the answer is too large.
pub fn get(agent: &ureq::Agent, url: &str) -> Result<String, String> {
    agent
        .get(url)
        .call()
        .and_then(|mut r| {
            r.body_mut()
                .with_config()
                .limit(MAX_API_BODY_BYTES as u64)
                .read_to_string()
        })
        .map_err(|e| format!("{url}: {e}"))
}

fn fetch_equity(
    agent: &ureq::Agent,
    base_url: &str,
    symbol: &str,
) -> Result<SnapshotSeries, String> {
    let location = format!("{base_url}/v8/finance/chart/{symbol}?range=10y&interval=1d");
    let body = get(agent, &location)?;
    let chart = parse_chart(&body).map_err(|e| format!("{location}: {e}"))?;
    let prices = closed_adjusted_closes(&chart, unix_now()).map_err(|e| e.to_string())?;
    if prices.len() < 2 {
        return Err(format!("{} usable daily sessions", prices.len()));
    }
    Ok(SnapshotSeries::from_prices(
        symbol,
        Calendar::Weekdays,
        Provenance {
            provider: "Yahoo Finance chart API (1d, unofficial)".to_owned(),
            location,
            acquisition: Acquisition::Live,
            retrieved_at: now_iso(),
            price_field: "adjclose".to_owned(),
            note: Some(
                "split- and dividend-adjusted closes, dated by the New York trading day".to_owned(),
            ),
        },
        &prices,
    ))
}

fn fetch_pair(agent: &ureq::Agent, base_url: &str, pair: &str) -> Result<SnapshotSeries, String> {
    let location = format!("{base_url}/api/v3/klines?symbol={pair}&interval=1d");
    let now_ms = unix_now() * 1000;
    let mut klines: Vec<Kline> = Vec::new();
    let mut start_ms = 0_i64;
    for _ in 0..MAX_PAGES {
        let url = format!("{location}&limit={PAGE}&startTime={start_ms}");
        let body = get(agent, &url)?;
        let page = parse_klines(&body).map_err(|e| format!("{url}: {e}"))?;
        let full = page.len() == PAGE;
        let Some(last) = page.last().copied() else {
            break;
        };
        // Only what is new: a repeated or earlier page adds nothing.
        klines.extend(page.into_iter().filter(|k| k.open_time_ms >= start_ms));
        // A server that repeats a page (or goes back in time) would be asked forever.
        if !full || last.open_time_ms < start_ms {
            break;
        }
        start_ms = last.open_time_ms + 1;
    }
    let prices = closed_candle_closes(&klines, now_ms).map_err(|e| e.to_string())?;
    if prices.len() < 2 || !prices.is_daily() {
        return Err(format!("{} usable daily klines", prices.len()));
    }
    let volumes = quote_volumes(&klines, prices.times());
    let entry = SnapshotSeries::from_prices(
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
    );
    Ok(match volumes {
        Some(v) => {
            let unit = entry.currency.clone().unwrap_or_else(|| "USDT".to_owned());
            entry.with_volumes(v, &unit)
        }
        None => entry,
    })
}
