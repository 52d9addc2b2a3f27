//! Local stand-ins for the market APIs, speaking HTTP on 127.0.0.1 with CORS headers, built
//! from the shared exports and the providers' documented samples, and able to fail as the real
//! ones do; plus what the tests expect the app to show from them.

use crate::{site_dir, Request, Response, Session};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokenrisk_core::csv_prices::read_price_csv;
use tokenrisk_core::snapshot::Snapshot;
use tokenrisk_core::sources::binance::{closed_candle_closes, parse_klines};
use tokenrisk_core::view::{Range, TokenRisk};
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_testserver::TestServer;

pub const DAY_MS: i64 = 86_400_000;
/// The stand-in's candles run past the shared exports (to 2026-01-02) by five days.
pub const EXTRA_DAYS: i64 = 5;

/// How the stand-in answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Klines.
    Ok,
    /// This status, with Binance's error body.
    Status(u16),
    /// Not JSON.
    Garbage,
    /// Klines after 3 s (past the 1.5 s timeout the sessions use).
    Slow,
    /// Klines without CORS headers.
    NoCors,
}

pub struct FakeBinance {
    /// The server.
    pub server: TestServer,
    /// How it answers now (tests change it mid-way).
    pub mode: Arc<Mutex<Mode>>,
    /// Requests per symbol.
    pub requests: Arc<Mutex<HashMap<String, u32>>>,
}

/// The klines body for `SYMBOL`: the last 1,000 days of the shared export, then five more.
pub fn klines_body(symbol: &str) -> String {
    let text = tokenrisk_testdata::read_market_file(&format!("binance_spot_1d/{symbol}.csv"));
    let prices = read_price_csv(&text, None).expect("shared export").series;
    let start = prices.len().saturating_sub(1000 - EXTRA_DAYS as usize);
    let mut candles: Vec<(i64, f64)> = prices.times()[start..]
        .iter()
        .map(|t| t * 1000)
        .zip(prices.values()[start..].iter().copied())
        .collect();
    let (last_t, last_p) = *candles.last().expect("non-empty");
    for d in 1..=EXTRA_DAYS {
        candles.push((last_t + d * DAY_MS, last_p * (1.0 + 0.03 * d as f64)));
    }
    let rows: Vec<String> = candles
        .iter()
        .map(|(t, p)| {
            format!(
                "[{t},\"{p}\",\"{p}\",\"{p}\",\"{p}\",\"1\",{},\"0\",1,\"0\",\"0\",\"0\"]",
                t + DAY_MS - 1
            )
        })
        .collect();
    format!("[{}]", rows.join(","))
}

pub fn fake_binance() -> FakeBinance {
    let mode = Arc::new(Mutex::new(Mode::Ok));
    let requests = Arc::new(Mutex::new(HashMap::new()));
    let (m, r) = (Arc::clone(&mode), Arc::clone(&requests));
    let server = TestServer::start(move |request: &Request| {
        let symbol = request
            .query
            .split('&')
            .find_map(|kv| kv.strip_prefix("symbol="))
            .unwrap_or("")
            .to_owned();
        *r.lock().expect("lock").entry(symbol.clone()).or_insert(0) += 1;
        let mode = *m.lock().expect("lock");
        match mode {
            Mode::Ok => Response::ok("application/json", klines_body(&symbol)),
            Mode::Status(code) => Response::status(
                code,
                "{\"code\":-1003,\"msg\":\"Too much request weight used\"}",
            ),
            Mode::Garbage => Response::ok("application/json", "<html>maintenance</html>"),
            Mode::Slow => Response {
                delay: Duration::from_millis(3000),
                ..Response::ok("application/json", klines_body(&symbol))
            },
            Mode::NoCors => Response {
                cors: false,
                ..Response::ok("application/json", klines_body(&symbol))
            },
        }
    });
    FakeBinance {
        server,
        mode,
        requests,
    }
}

/// A session whose `config.json` points Binance at `base` and Coinbase at `coinbase` (or at a
/// closed local port), with a 1.5 s timeout.
pub async fn session_with(base: String, coinbase: Option<String>, cache_ttl_ms: u32) -> Session {
    session_full(base, coinbase, None, cache_ttl_ms).await
}

/// Like [`session_with`], with CoinGecko at `coingecko` too.
pub async fn session_full(
    base: String,
    coinbase: Option<String>,
    coingecko: Option<String>,
    cache_ttl_ms: u32,
) -> Session {
    let closed = {
        let gone = TestServer::start(|_| Response::status(200, ""));
        gone.url()
    };
    let coinbase = coinbase.unwrap_or_else(|| closed.clone());
    let coingecko = coingecko.unwrap_or(closed);
    let config = format!(
        "{{\"binance_base\":\"{base}\",\"coinbase_base\":\"{coinbase}\",\"coingecko_base\":\"{coingecko}\",\"request_timeout_ms\":1500,\"cache_ttl_ms\":{cache_ttl_ms}}}"
    );
    Session::start_with(move |request| {
        request
            .path
            .ends_with("/config.json")
            .then(|| Response::ok("application/json", config.clone()))
    })
    .await
}

pub async fn session(base: String, cache_ttl_ms: u32) -> Session {
    session_with(base, None, cache_ttl_ms).await
}

/// Coinbase's daily candles for `ID-USD`: the last 300 days of the shared export and five
/// more, newest first, as `[time s, low, high, open, close, volume]`.
pub fn coinbase_body(id: &str) -> String {
    let text = tokenrisk_testdata::read_market_file(&format!("binance_spot_1d/{id}USDT.csv"));
    let prices = read_price_csv(&text, None).expect("shared export").series;
    let start = prices.len() - 295;
    let mut candles: Vec<(i64, f64)> = prices.times()[start..]
        .iter()
        .copied()
        .zip(prices.values()[start..].iter().map(|p| p * 1.001))
        .collect();
    let (last_t, last_p) = *candles.last().expect("non-empty");
    for d in 1..=EXTRA_DAYS {
        candles.push((last_t + d * 86_400, last_p * (1.0 - 0.02 * d as f64)));
    }
    candles.reverse();
    let rows: Vec<String> = candles
        .iter()
        .map(|(t, p)| format!("[{t},{p},{p},{p},{p},10]"))
        .collect();
    format!("[{}]", rows.join(","))
}

/// Waits until the data-status badge is in `state` and returns its text.
pub async fn status(session: &Session, state: &str) -> String {
    for _ in 0..300 {
        if session.attr("#data-status", "data-state").await.as_deref() == Some(state) {
            return session.text("#data-status").await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the status never became {state}: {:?}",
        session.text("#data-status").await
    );
}

/// The bundled series of `id` from the site's snapshot.
pub fn bundled(id: &str) -> PriceSeries {
    let text = std::fs::read_to_string(site_dir().join("data/snapshot.json")).expect("snapshot");
    Snapshot::from_json(&text)
        .expect("valid")
        .get(id)
        .expect("in the snapshot")
        .prices()
        .expect("valid")
}

/// What the app must show: the bundled series merged with the stand-in's closed candles.
pub fn merged(id: &str) -> PriceSeries {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    let live = closed_candle_closes(
        &parse_klines(&klines_body(&format!("{id}USDT"))).expect("valid"),
        now_ms,
    )
    .expect("valid");
    bundled(id).merged_with(&live)
}

pub fn volatility(series: &PriceSeries, range: Range) -> f64 {
    TokenRisk::compute(series, Calendar::Continuous, range)
        .volatility
        .expect("enough data")
}

/// A CoinGecko stand-in whose AI category has three coins, built from the documented sample.
pub fn fake_coingecko_markets() -> TestServer {
    TestServer::start(|request: &Request| {
        if request.path != "/coins/markets"
            || !request.query.contains("category=artificial-intelligence")
        {
            return Response::status(404, "{}");
        }
        let documented: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
            "coingecko_coins_markets.json",
        ))
        .expect("sample");
        let template = documented[0].clone();
        let coins: Vec<Value> = [
            ("bittensor", "tao", "Bittensor", 3.0e9, -5.0, Some(10.0)),
            ("near", "near", "NEAR Protocol", 2.0e9, 3.0, Some(-2.0)),
            (
                "internet-computer",
                "icp",
                "Internet Computer",
                1.5e9,
                1.0,
                None,
            ),
        ]
        .into_iter()
        .map(|(id, symbol, name, cap, day, week)| {
            let mut coin = template.clone();
            coin["id"] = id.into();
            coin["symbol"] = symbol.into();
            coin["name"] = name.into();
            coin["market_cap"] = cap.into();
            coin["price_change_percentage_24h_in_currency"] = day.into();
            coin["price_change_percentage_7d_in_currency"] = week.map_or(Value::Null, Value::from);
            coin
        })
        .collect();
        Response::ok("application/json", Value::Array(coins).to_string())
    })
}
