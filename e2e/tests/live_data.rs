//! Live market data in real Chromium, against a local stand-in for Binance on 127.0.0.1 that
//! speaks HTTP with CORS headers and replays klines built from the shared exports, then fails
//! in the ways the real one does: 429, 500, garbage, too slow, no CORS headers, not there.
//! The site's `config.json` points the app at the stand-in.

use fantoccini::Locator;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokenrisk_core::csv_prices::read_price_csv;
use tokenrisk_core::snapshot::Snapshot;
use tokenrisk_core::sources::binance::{closed_candle_closes, parse_klines};
use tokenrisk_core::sources::coinbase::{closed_daily_closes, parse_candles};
use tokenrisk_core::view::{Range, TokenRisk};
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_e2e::{number, site_dir, Request, Response, Session};
use tokenrisk_testserver::TestServer;

const DAY_MS: i64 = 86_400_000;
/// The stand-in's candles run past the shared exports (to 2026-01-02) by five days.
const EXTRA_DAYS: i64 = 5;

/// How the stand-in answers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Ok,
    Status(u16),
    Garbage,
    Slow,
    NoCors,
}

struct FakeBinance {
    server: TestServer,
    mode: Arc<Mutex<Mode>>,
    requests: Arc<Mutex<HashMap<String, u32>>>,
}

/// The klines body for `SYMBOL`: the last 1,000 days of the shared export, then five more.
fn klines_body(symbol: &str) -> String {
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

fn fake_binance() -> FakeBinance {
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
async fn session_with(base: String, coinbase: Option<String>, cache_ttl_ms: u32) -> Session {
    session_full(base, coinbase, None, cache_ttl_ms).await
}

/// Like [`session_with`], with CoinGecko at `coingecko` too.
async fn session_full(
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

async fn session(base: String, cache_ttl_ms: u32) -> Session {
    session_with(base, None, cache_ttl_ms).await
}

/// Coinbase's daily candles for `ID-USD`: the last 300 days of the shared export and five
/// more, newest first, as `[time s, low, high, open, close, volume]`.
fn coinbase_body(id: &str) -> String {
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
async fn status(session: &Session, state: &str) -> String {
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
fn bundled(id: &str) -> PriceSeries {
    let text = std::fs::read_to_string(site_dir().join("data/snapshot.json")).expect("snapshot");
    Snapshot::from_json(&text)
        .expect("valid")
        .get(id)
        .expect("in the snapshot")
        .prices()
        .expect("valid")
}

/// What the app must show: the bundled series merged with the stand-in's closed candles.
fn merged(id: &str) -> PriceSeries {
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

fn volatility(series: &PriceSeries, range: Range) -> f64 {
    TokenRisk::compute(series, Calendar::Continuous, range)
        .volatility
        .expect("enough data")
}

#[tokio::test]
async fn live_candles_extend_the_bundled_history_and_repeat_views_reuse_the_cache() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 600_000).await;
    session.open("?token=TAO&range=90d").await;
    let text = status(&session, "live").await;
    assert!(text.starts_with("Live · Binance · fetched"), "{text}");
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        volatility(&merged("TAO"), Range::Days90)
    );
    assert!(
        session.text("#last-price").await.contains("2026-01-07"),
        "the five newer live days are shown"
    );
    assert!(
        session
            .text("#provenance")
            .await
            .contains("klines?symbol=TAOUSDT"),
        "the URL is the source"
    );
    session.screenshot("live-data-tao").await;

    let select = session
        .client
        .find(Locator::Id("token-select"))
        .await
        .expect("select");
    for token in ["NEAR", "TAO", "NEAR", "TAO"] {
        select.select_by_value(token).await.expect("pick");
        session.wait_for_query(&format!("token={token}")).await;
        status(&session, "live").await;
    }
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    let text = status(&session, "cached").await;
    assert!(text.contains("(still fresh)"), "{text}");
    let requests = binance.requests.lock().expect("lock").clone();
    assert_eq!(
        (requests.get("TAOUSDT"), requests.get("NEARUSDT")),
        (Some(&1), Some(&1)),
        "one request per resource for five views and a reload: {requests:?}"
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn coinbase_answers_where_binance_is_geo_blocked() {
    let binance = fake_binance();
    *binance.mode.lock().expect("lock") = Mode::Status(451);
    let coinbase = TestServer::start(|request: &Request| {
        match request
            .path
            .strip_prefix("/products/")
            .and_then(|p| p.strip_suffix("-USD/candles"))
        {
            Some(id) => Response::ok("application/json", coinbase_body(id)),
            None => Response::status(404, "{\"message\":\"NotFound\"}"),
        }
    });
    let session = session_with(binance.server.url(), Some(coinbase.url()), 600_000).await;
    session.open("?token=NEAR&range=90d").await;
    let text = status(&session, "live").await;
    assert!(
        text.starts_with("Live · Coinbase (Binance not available in this region (HTTP 451))"),
        "{text}"
    );
    let now_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let live = closed_daily_closes(
        &parse_candles(&coinbase_body("NEAR")).expect("valid"),
        now_s,
    )
    .expect("valid");
    let expected = volatility(&bundled("NEAR").merged_with(&live), Range::Days90);
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        expected
    );
    let provenance = session.text("#provenance").await;
    assert!(
        provenance.contains("Coinbase Exchange candles") && provenance.contains("quoted in USD"),
        "{provenance}"
    );
    assert_eq!(
        binance.requests.lock().expect("lock").get("NEARUSDT"),
        Some(&1),
        "451 is not retried"
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_stale_cache_is_shown_when_the_api_fails_and_says_so() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 0).await;
    session.open("?token=NEAR&range=30d").await;
    status(&session, "live").await;
    *binance.mode.lock().expect("lock") = Mode::Status(503);
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    let text = status(&session, "cached").await;
    assert!(
        text.contains("live update failed: Binance server error (HTTP 503)"),
        "{text}"
    );
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        volatility(&merged("NEAR"), Range::Days30)
    );
    assert_eq!(
        binance.requests.lock().expect("lock").get("NEARUSDT"),
        Some(&4),
        "one fetch, then three attempts"
    );
    session.screenshot("live-data-stale-cache").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn every_api_failure_falls_back_to_bundled_data_with_a_clear_message() {
    let unreachable = {
        let gone = TestServer::start(|_| Response::status(200, ""));
        gone.url()
    };
    let cases: [(Option<Mode>, &str); 6] = [
        (Some(Mode::Status(429)), "rate-limited (HTTP 429)"),
        (Some(Mode::Status(500)), "server error (HTTP 500)"),
        (Some(Mode::Garbage), "unreadable answer"),
        (Some(Mode::Slow), "no answer within 1.5 s"),
        (Some(Mode::NoCors), "blocked or rate-limited"),
        (
            None,
            "blocked or rate-limited (no readable response), or offline",
        ),
    ];
    let expected = volatility(&bundled("ICP"), Range::Year1);
    for (mode, reason) in cases {
        let binance = fake_binance();
        let base = match mode {
            Some(m) => {
                *binance.mode.lock().expect("lock") = m;
                binance.server.url()
            }
            None => unreachable.clone(),
        };
        let session = session(base, 600_000).await;
        session.open("?token=ICP").await;
        let text = status(&session, "bundled").await;
        assert!(
            text.contains("live data unavailable") && text.contains(reason),
            "{mode:?}: {text}"
        );
        assert_eq!(
            number(session.attr("#volatility .value", "data-value").await),
            expected,
            "{mode:?}: bundled data shown"
        );
        if mode == Some(Mode::Status(429)) {
            session.screenshot("live-data-rate-limited").await;
        }
        session.assert_no_panic().await;
        session.close().await;
    }
}

#[tokio::test]
async fn the_data_page_lists_every_source_its_age_and_this_visits_live_data() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 600_000).await;
    session.open("?token=TAO").await;
    status(&session, "live").await;
    session
        .client
        .find(Locator::LinkText("Data"))
        .await
        .expect("nav link")
        .click()
        .await
        .expect("click");
    let live = session.text("#live-sources").await;
    assert!(
        live.contains("TAO") && live.contains("Live · Binance · fetched"),
        "live data carried across pages: {live}"
    );
    assert!(live.contains("klines?symbol=TAOUSDT"), "{live}");
    let url = session.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/token-risk-lab/data"), "{url}");

    session
        .client
        .refresh()
        .await
        .expect("reload the deep link");
    let bundled = session.text("#bundled-sources").await;
    for (id, file) in [
        ("NVDA", "yahoo_equities_1d/NVDA.csv"),
        ("FET", "binance_spot_1h_close/FETUSDT.csv"),
    ] {
        let row = session
            .text(&format!("#bundled-sources tr[data-series='{id}']"))
            .await;
        assert!(row.contains(file) && row.contains("days"), "{id}: {row}");
    }
    assert!(bundled.contains("Bundled snapshot built"), "{bundled}");
    let cached = session.text("#cached-sources tr[data-series='TAO']").await;
    assert!(
        cached.contains("Binance · fetched") && cached.contains("(fresh)"),
        "the cache survives the reload: {cached}"
    );
    assert!(
        session
            .text("#site-config")
            .await
            .contains(&binance.server.url()),
        "the configured API base is shown"
    );
    session.screenshot("data-page").await;

    session
        .client
        .find(Locator::LinkText("Token"))
        .await
        .expect("nav link")
        .click()
        .await
        .expect("click");
    session
        .client
        .wait()
        .for_element(Locator::Css("#volatility .value"))
        .await
        .expect("token view again");
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn coingecko_market_context_with_an_optional_demo_key_kept_out_of_sight() {
    let queries = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::clone(&queries);
    let coingecko = TestServer::start(move |request: &Request| {
        seen.lock()
            .expect("lock")
            .push(format!("{}?{}", request.path, request.query));
        match request.path.as_str() {
            "/coins/categories" => {
                let documented: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
                    "coingecko_coins_categories.json",
                ))
                .expect("sample");
                let mut categories = documented.as_array().expect("array").clone();
                categories.push(serde_json::json!({
                    "id": "artificial-intelligence", "name": "Artificial Intelligence (AI)",
                    "market_cap": 38_200_000_000.0, "market_cap_change_24h": -2.14,
                    "volume_24h": 5.1e9, "top_3_coins_id": ["bittensor", "near", "internet-computer"],
                    "updated_at": "2026-11-25T08:00:00.000Z"
                }));
                Response::ok("application/json", Value::Array(categories).to_string())
            }
            "/global" => Response::ok(
                "application/json",
                tokenrisk_testdata::read_api_sample("coingecko_global.json"),
            ),
            _ => Response::status(404, "{}"),
        }
    });
    let binance = fake_binance();
    let session = session_full(binance.server.url(), None, Some(coingecko.url()), 0).await;
    session.open("?token=TAO").await;
    let mut strip = String::new();
    for _ in 0..200 {
        strip = session.text("#market-context").await;
        if strip.contains("fetched") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        strip.contains("AI tokens (CoinGecko category): 38.2 bn USD, 24h −2.1%"),
        "{strip}"
    );
    assert!(
        strip.contains("All crypto: 2.62 tn USD, 24h −1.6%, BTC dominance 58.0%"),
        "{strip}"
    );
    session.screenshot("market-context").await;

    session
        .client
        .find(Locator::LinkText("Data"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("click");
    session
        .client
        .find(Locator::Id("coingecko-key"))
        .await
        .expect("key field")
        .send_keys("CG-demo_Key123")
        .await
        .expect("type");
    session
        .client
        .find(Locator::Id("save-coingecko-key"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    assert!(session
        .text("#coingecko-key-panel")
        .await
        .contains("A key is saved."));
    session.open("?token=TAO").await;
    for _ in 0..200 {
        if queries
            .lock()
            .expect("lock")
            .iter()
            .any(|q| q.contains("x_cg_demo_api_key=CG-demo_Key123"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        queries
            .lock()
            .expect("lock")
            .iter()
            .any(|q| q.starts_with("/global?x_cg_demo_api_key=CG-demo_Key123")),
        "the key rides on CoinGecko requests: {:?}",
        queries.lock().expect("lock")
    );
    let url = session.client.current_url().await.expect("url").to_string();
    assert!(!url.contains("CG-demo"), "never in the page's link: {url}");
    session
        .client
        .find(Locator::LinkText("Data"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("click");
    let page = session.text("main").await;
    assert!(!page.contains("CG-demo"), "never shown on the page");
    session
        .client
        .find(Locator::Id("forget-coingecko-key"))
        .await
        .expect("forget")
        .click()
        .await
        .expect("click");
    assert!(session
        .text("#coingecko-key-panel")
        .await
        .contains("No key saved."));
    assert!(
        binance
            .requests
            .lock()
            .expect("lock")
            .get("TAOUSDT")
            .is_some(),
        "the token's candles were asked too"
    );
    session.assert_no_panic().await;
    session.close().await;
}

/// A CoinGecko stand-in whose AI category has three coins, built from the documented sample.
fn fake_coingecko_markets() -> TestServer {
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

#[tokio::test]
async fn the_sector_page_sorts_coingeckos_ai_tokens_and_compares_ours_with_btc_and_nvda() {
    let coingecko = fake_coingecko_markets();
    let binance = fake_binance();
    let session = session_full(binance.server.url(), None, Some(coingecko.url()), 600_000).await;
    session.open("sector").await;
    let order = |session: &Session| {
        let session = session.client.clone();
        async move {
            let rows = session
                .find_all(Locator::Css("#sector-table tbody tr"))
                .await
                .expect("rows");
            let mut ids = Vec::new();
            for row in rows {
                ids.push(
                    row.attr("data-coin")
                        .await
                        .expect("attr")
                        .unwrap_or_default(),
                );
            }
            ids
        }
    };
    for _ in 0..200 {
        if order(&session).await.len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        order(&session).await,
        ["bittensor", "near", "internet-computer"],
        "largest market cap first"
    );
    assert!(session
        .text("#sector-status")
        .await
        .starts_with("Live · CoinGecko"));
    session
        .client
        .find(Locator::Css("button[data-sort='change_7d']"))
        .await
        .expect("7d")
        .click()
        .await
        .expect("click");
    session.wait_for_query("sort=change_7d").await;
    assert_eq!(
        order(&session).await,
        ["bittensor", "near", "internet-computer"],
        "unknown 7d change last"
    );
    session
        .client
        .find(Locator::Css("button[data-sort='change_24h']"))
        .await
        .expect("24h")
        .click()
        .await
        .expect("click");
    session.wait_for_query("sort=change_24h").await;
    assert_eq!(
        order(&session).await,
        ["near", "internet-computer", "bittensor"]
    );
    session.client.refresh().await.expect("reload");
    session
        .client
        .wait()
        .for_element(Locator::Css("#sector-table tbody tr"))
        .await
        .expect("rows again");
    assert_eq!(
        order(&session).await,
        ["near", "internet-computer", "bittensor"],
        "the sort is in the link"
    );

    assert!(
        session.painted_pixels("sector-chart").await > 1000,
        "the comparison chart is drawn"
    );
    let caption = session.text("#sector-chart-caption").await;
    assert!(
        caption.contains("Indexed to 100 on") && caption.contains("FET (ends 2025-06-12)"),
        "{caption}"
    );
    for current in [
        "TAO (ends",
        "NEAR (ends",
        "ICP (ends",
        "BTC (ends",
        "NVDA (ends",
    ] {
        assert!(
            !caption.contains(current),
            "{current} is drawn, not left out: {caption}"
        );
    }
    let tao_vol = number(
        session
            .attr(
                "#sector-risk tr[data-token='TAO'] td[data-value]",
                "data-value",
            )
            .await,
    );
    assert_eq!(
        tao_vol,
        volatility(&bundled("TAO"), Range::Year1),
        "the sector table's volatility is the core's"
    );
    session.screenshot("sector-page").await;
    session.assert_no_panic().await;
    session.close().await;
}
