//! Local stand-ins for the market APIs, speaking HTTP on 127.0.0.1 with CORS headers, built
//! from the shared exports and the providers' documented samples, and able to fail as the real
//! ones do; plus what the tests expect the app to show from them.

use crate::{site_dir, Request, Response, Session};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::snapshot::Snapshot;
use tokenrisk_market::sources::binance::{closed_candle_closes, parse_klines};
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
    /// Daily klines requests per symbol.
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
        // One unit traded at the close: a quote volume equal to the price.
        .map(|(t, p)| {
            format!(
                "[{t},\"{p}\",\"{p}\",\"{p}\",\"{p}\",\"1\",{},\"{p}\",1,\"0\",\"0\",\"0\"]",
                t + DAY_MS - 1
            )
        })
        .collect();
    format!("[{}]", rows.join(","))
}

/// Hourly klines for `SYMBOL`: the last 168 hours of the shared hourly export (TAO, FET,
/// RENDER; other symbols get an empty list), rescaled so that the last close is the daily
/// stand-in's last close (the book's mid sits there too), each bar ±0.4 % around its close.
pub fn hourly_klines_body(symbol: &str) -> String {
    let path = tokenrisk_testdata::market_file(&format!("binance_spot_1h_close/{symbol}.csv"));
    let Ok(text) = std::fs::read_to_string(path) else {
        return "[]".to_owned();
    };
    let prices = read_price_csv(&text, None).expect("shared export").series;
    let start = prices.len().saturating_sub(168);
    let scale = prices
        .values()
        .last()
        .map_or(1.0, |last| last_close(symbol) / last);
    let rows: Vec<String> = prices.times()[start..]
        .iter()
        .zip(&prices.values()[start..])
        .map(|(t, p)| {
            let open = t * 1000;
            let p = p * scale;
            format!(
                "[{open},\"{p}\",\"{}\",\"{}\",\"{p}\",\"1\",{},\"0\",1,\"0\",\"0\",\"0\"]",
                p * 1.004,
                p * 0.996,
                open + 3_599_999
            )
        })
        .collect();
    format!("[{}]", rows.join(","))
}

/// The last close of the stand-in's klines for `SYMBOL`.
pub fn last_close(symbol: &str) -> f64 {
    parse_klines(&klines_body(symbol))
        .expect("valid")
        .last()
        .expect("non-empty")
        .close
}

/// Binance's documented 24-hour ticker, for `SYMBOL` at its last close.
pub fn ticker_body(symbol: &str) -> String {
    let mut ticker: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
        "binance_spot_ticker_24hr.json",
    ))
    .expect("sample");
    ticker["symbol"] = symbol.into();
    ticker["lastPrice"] = last_close(symbol).to_string().into();
    ticker.to_string()
}

/// An order book for `SYMBOL` in Binance's documented shape: 50 levels a side around the last
/// close, 0.1 % apart, the quantity growing away from the mid (`10 · k` at level `k`).
pub fn depth_body(symbol: &str) -> String {
    let mid = last_close(symbol);
    let side = |sign: f64| {
        (1..=50)
            .map(|k| {
                let price = mid * (1.0 + sign * 0.001 * f64::from(k));
                format!("[\"{price}\",\"{}\"]", 10 * k)
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{{\"lastUpdateId\":1027024,\"bids\":[{}],\"asks\":[{}]}}",
        side(-1.0),
        side(1.0)
    )
}

/// The perpetual's book for `SYMBOL`: the spot stand-in's levels 0.05 % higher (a premium)
/// with half the quantity at each.
pub fn perpetual_depth_body(symbol: &str) -> String {
    let depth: Value = serde_json::from_str(&depth_body(symbol)).expect("json");
    let side = |key: &str| -> Value {
        depth[key]
            .as_array()
            .expect("levels")
            .iter()
            .map(|level| {
                let number = |i: usize| {
                    level[i]
                        .as_str()
                        .expect("text")
                        .parse::<f64>()
                        .expect("number")
                };
                serde_json::json!([
                    (number(0) * 1.0005).to_string(),
                    (number(1) / 2.0).to_string()
                ])
            })
            .collect()
    };
    serde_json::json!({"lastUpdateId": 1, "E": 1, "T": 1, "bids": side("bids"), "asks": side("asks")})
        .to_string()
}

/// Coinbase's level-2 book for `ID-USD` in its documented shape (`[price, size, orders]`
/// strings), the same levels as [`depth_body`] gives Binance.
pub fn coinbase_book_body(id: &str) -> String {
    let depth: Value = serde_json::from_str(&depth_body(&format!("{id}USDT"))).expect("json");
    let side = |key: &str| -> Value {
        depth[key]
            .as_array()
            .expect("levels")
            .iter()
            .map(|l| serde_json::json!([l[0], l[1], 1]))
            .collect()
    };
    serde_json::json!({"sequence": 3, "bids": side("bids"), "asks": side("asks")}).to_string()
}

/// CoinGecko's daily market chart for the asset of `SYMBOL`, in its documented shape: each
/// stand-in kline's close stamped at the next 00:00 UTC (CoinGecko's daily points are the price
/// at midnight), then an intraday point at the request's time.
pub fn coingecko_chart_body(symbol: &str) -> String {
    let klines = parse_klines(&klines_body(symbol)).expect("valid");
    let mut prices: Vec<(i64, f64)> = klines
        .iter()
        .map(|k| (k.open_time_ms + DAY_MS, k.close))
        .collect();
    let (last_t, last_p) = *prices.last().expect("non-empty");
    prices.push((last_t + 3_600_000, last_p * 1.01));
    let pairs = |scale: f64| -> Value {
        prices
            .iter()
            .map(|(t, p)| serde_json::json!([t, p * scale]))
            .collect()
    };
    serde_json::json!({"prices": pairs(1.0), "market_caps": pairs(1e7), "total_volumes": pairs(1e5)})
        .to_string()
}

/// A Binance USD-M futures stand-in answering the documented samples (for any symbol), or
/// `status` with Binance's error body for every request when given one.
pub fn fake_futures(status: Option<u16>) -> TestServer {
    TestServer::start(move |request: &Request| {
        if let Some(code) = status {
            return Response::status(
                code,
                "{\"code\":0,\"msg\":\"Service unavailable from a restricted location\"}",
            );
        }
        if request.path == "/fapi/v1/depth" {
            let symbol = request
                .query
                .split('&')
                .find_map(|kv| kv.strip_prefix("symbol="))
                .unwrap_or("");
            return Response::ok("application/json", perpetual_depth_body(symbol));
        }
        let sample = match request.path.as_str() {
            "/fapi/v1/premiumIndex" => "binance_futures_premiumIndex.json",
            "/fapi/v1/fundingRate" => "binance_futures_fundingRate.json",
            "/fapi/v1/openInterest" => "binance_futures_openInterest.json",
            "/futures/data/openInterestHist" => "binance_futures_openInterestHist.json",
            "/futures/data/globalLongShortAccountRatio" => {
                "binance_futures_globalLongShortAccountRatio.json"
            }
            _ => return Response::status(404, "{}"),
        };
        Response::ok(
            "application/json",
            tokenrisk_testdata::read_api_sample(sample),
        )
    })
}

/// A GitHub stand-in: the first request for a repository's commit activity answers 202 with
/// an empty body (statistics being computed), later ones the documented sample. Counts
/// requests per path.
pub fn fake_github() -> (TestServer, Arc<Mutex<HashMap<String, u32>>>) {
    let requests = Arc::new(Mutex::new(HashMap::new()));
    let seen = Arc::clone(&requests);
    let server = TestServer::start(move |request: &Request| {
        if !request.path.ends_with("/stats/commit_activity") {
            return Response::status(404, "{}");
        }
        let count = {
            let mut seen = seen.lock().expect("lock");
            let n = seen.entry(request.path.clone()).or_insert(0);
            *n += 1;
            *n
        };
        if count == 1 {
            Response::status(202, "")
        } else {
            Response::ok(
                "application/json",
                tokenrisk_testdata::read_api_sample("github_repos_stats_commit_activity.json"),
            )
        }
    });
    (server, requests)
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
        let body = match request.path.as_str() {
            "/api/v3/klines" if request.query.contains("interval=1h") => {
                hourly_klines_body(&symbol)
            }
            "/api/v3/klines" => {
                *r.lock().expect("lock").entry(symbol.clone()).or_insert(0) += 1;
                klines_body(&symbol)
            }
            "/api/v3/ticker/24hr" => ticker_body(&symbol),
            "/api/v3/depth" => depth_body(&symbol),
            _ => return Response::status(404, "{\"code\":-1100,\"msg\":\"Not found\"}"),
        };
        let mode = *m.lock().expect("lock");
        match mode {
            Mode::Ok => Response::ok("application/json", body),
            Mode::Status(code) => Response::status(
                code,
                "{\"code\":-1003,\"msg\":\"Too much request weight used\"}",
            ),
            Mode::Garbage => Response::ok("application/json", "<html>maintenance</html>"),
            Mode::Slow => Response {
                delay: Duration::from_millis(3000),
                ..Response::ok("application/json", body)
            },
            Mode::NoCors => Response {
                cors: false,
                ..Response::ok("application/json", body)
            },
        }
    });
    FakeBinance {
        server,
        mode,
        requests,
    }
}

/// Where a session's `config.json` points each API: `None` is a closed port on 127.0.0.1.
#[derive(Debug, Clone, Default)]
pub struct Apis {
    pub binance: Option<String>,
    pub coinbase: Option<String>,
    pub coingecko: Option<String>,
    pub futures: Option<String>,
    pub github: Option<String>,
    /// The cache's time to live.
    pub cache_ttl_ms: u32,
}

/// A session whose `config.json` points the APIs as `apis` says, with a 1.5 s timeout.
pub async fn session_for(apis: Apis) -> Session {
    let closed = {
        let gone = TestServer::start(|_| Response::status(200, ""));
        gone.url()
    };
    let or_closed = |url: &Option<String>| url.clone().unwrap_or_else(|| closed.clone());
    let config = serde_json::json!({
        "binance_base": or_closed(&apis.binance),
        "coinbase_base": or_closed(&apis.coinbase),
        "coingecko_base": or_closed(&apis.coingecko),
        "binance_futures_base": or_closed(&apis.futures),
        "github_base": or_closed(&apis.github),
        "request_timeout_ms": 1500,
        "cache_ttl_ms": apis.cache_ttl_ms,
    })
    .to_string();
    Session::start_with(move |request| {
        request
            .path
            .ends_with("/config.json")
            .then(|| Response::ok("application/json", config.clone()))
    })
    .await
}

/// A session with Binance at `base` and every other API at a closed port.
pub async fn session(base: String, cache_ttl_ms: u32) -> Session {
    session_for(Apis {
        binance: Some(base),
        cache_ttl_ms,
        ..Apis::default()
    })
    .await
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
    badge(session, "#data-status", state).await
}

/// The text of the badge `css` once its `data-state` is `state` (waiting up to 40 s: a request
/// the browser cannot read is retried at Binance, then at Coinbase and CoinGecko, whose token
/// bucket the market-context requests share). The badge may belong to a part of the page
/// whose code arrives after the first chart: its appearance is waited for first.
pub async fn badge(session: &Session, css: &str, state: &str) -> String {
    session.text(css).await;
    for _ in 0..800 {
        if session.attr(css, "data-state").await.as_deref() == Some(state) {
            return session.text(css).await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{css} never became {state}: {:?}", session.text(css).await);
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

/// The last 169 hourly closes of a shared hourly export (a 7-day sparkline).
pub fn sparkline_of(file: &str) -> Vec<f64> {
    let text = tokenrisk_testdata::read_market_file(file);
    let prices = read_price_csv(&text, None).expect("shared export").series;
    prices.values()[prices.len() - 169..].to_vec()
}

/// The stand-in's 7-day sparklines: BTC's is TAO's hourly closes (the shared data has no hourly
/// BTC), bittensor's FET's, near's RENDER's; internet-computer has none.
pub fn stand_in_sparkline(id: &str) -> Option<Vec<f64>> {
    match id {
        "bitcoin" => Some(sparkline_of("binance_spot_1h_close/TAOUSDT.csv")),
        "bittensor" => Some(sparkline_of("binance_spot_1h_close/FETUSDT.csv")),
        "near" => Some(sparkline_of("binance_spot_1h_close/RENDERUSDT.csv")),
        _ => None,
    }
}

/// A CoinGecko stand-in built from the documented sample: the AI category has three coins, and
/// the batched call for the app's own coins answers BTC; each with a 7-day sparkline where
/// [`stand_in_sparkline`] has one.
pub fn fake_coingecko_markets() -> TestServer {
    TestServer::start(|request: &Request| {
        let category = request.query.contains("category=artificial-intelligence");
        let batched = request.query.contains("ids=bitcoin,");
        if request.path != "/coins/markets" || !(category || batched) {
            return Response::status(404, "{}");
        }
        let documented: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
            "coingecko_coins_markets.json",
        ))
        .expect("sample");
        let template = documented[0].clone();
        // (id, symbol, name, market cap, 24h change %, 7d change %)
        type Listed = (
            &'static str,
            &'static str,
            &'static str,
            f64,
            f64,
            Option<f64>,
        );
        let listed: Vec<Listed> = if batched {
            vec![("bitcoin", "btc", "Bitcoin", 1.8e12, 1.0, Some(2.0))]
        } else {
            vec![
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
        };
        let coins: Vec<Value> = listed
            .into_iter()
            .map(|(id, symbol, name, cap, day, week)| {
                let mut coin = template.clone();
                coin["id"] = id.into();
                coin["symbol"] = symbol.into();
                coin["name"] = name.into();
                coin["market_cap"] = cap.into();
                coin["price_change_percentage_24h_in_currency"] = day.into();
                coin["price_change_percentage_7d_in_currency"] =
                    week.map_or(Value::Null, Value::from);
                coin["sparkline_in_7d"] = stand_in_sparkline(id)
                    .map_or(Value::Null, |p| serde_json::json!({ "price": p }));
                coin
            })
            .collect();
        Response::ok("application/json", Value::Array(coins).to_string())
    })
}
