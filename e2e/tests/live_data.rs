//! Live market data in real Chromium, against local stand-ins for Binance and Coinbase
//! (`tokenrisk_e2e::stand_ins`) that answer, then fail in the ways the real ones do: 429, 500,
//! 451, garbage, too slow, no CORS headers, not there. The site's `config.json` points the app
//! at them.

use fantoccini::Locator;
use tokenrisk_core::range::Range;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{number, Request, Response};
use tokenrisk_market::sources::binance::{closed_candle_closes, parse_klines};
use tokenrisk_market::sources::coinbase::{closed_daily_closes, parse_candles};
use tokenrisk_testserver::TestServer;

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
            .and_then(|p| p.split_once("-USD/"))
        {
            Some((id, "candles")) => Response::ok("application/json", coinbase_body(id)),
            Some((id, "book")) => Response::ok("application/json", coinbase_book_body(id)),
            _ => Response::status(404, "{\"message\":\"NotFound\"}"),
        }
    });
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coinbase: Some(coinbase.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
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
    let book = badge(&session, "#book-status", "live").await;
    assert!(
        book.starts_with(
            "Live · Coinbase (Binance not available in this region (HTTP 451)) order book"
        ),
        "the order book falls back to Coinbase too: {book}"
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn coingecko_answers_where_both_exchanges_refuse() {
    let binance = fake_binance();
    *binance.mode.lock().expect("lock") = Mode::Status(451);
    let coinbase =
        TestServer::start(|_: &Request| Response::status(404, "{\"message\":\"NotFound\"}"));
    let coingecko = TestServer::start(|request: &Request| match request.path.as_str() {
        "/coins/internet-computer/market_chart" if request.query.contains("vs_currency=usd") => {
            Response::ok("application/json", coingecko_chart_body("ICPUSDT"))
        }
        _ => Response::status(404, "{\"error\":\"coin not found\"}"),
    });
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coinbase: Some(coinbase.url()),
        coingecko: Some(coingecko.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("?token=ICP&range=90d").await;
    let text = status(&session, "live").await;
    assert!(
        text.starts_with(
            "Live · CoinGecko (Binance not available in this region (HTTP 451); Coinbase refused (HTTP 404))"
        ),
        "{text}"
    );
    // The midnight prices are the stand-in's klines, a day later: the same daily closes.
    let klines = parse_klines(&klines_body("ICPUSDT")).expect("valid");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    let live = closed_candle_closes(&klines, now_ms + DAY_MS).expect("valid");
    let expected = volatility(&bundled("ICP").merged_with(&live), Range::Days90);
    let shown = number(session.attr("#volatility .value", "data-value").await);
    assert!(
        (shown - expected).abs() <= 1e-12 * expected,
        "{shown} vs {expected}"
    );
    let provenance = session.text("#provenance").await;
    assert!(
        provenance.contains("CoinGecko market chart"),
        "{provenance}"
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
    badge(&session, "#book-status", "live").await;
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
    let book = session
        .text(&format!(
            "#cached-answers tr[data-url='{}/api/v3/depth?symbol=TAOUSDT&limit=500']",
            binance.server.url()
        ))
        .await;
    assert!(
        book.starts_with("Binance spot") && book.contains("(fresh)"),
        "every kept answer is listed with its source and age: {book}"
    );
    let url = session.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/token-risk-lab/data"), "{url}");
    let fetched = session
        .client
        .execute(
            "return performance.getEntriesByType('resource')
                .filter(e => e.name.endsWith('/data/snapshot.json') || e.name.endsWith('/config.json')).length;",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        fetched.as_u64(),
        Some(2),
        "moving between pages fetches the snapshot and config.json once each"
    );

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
async fn offline_the_page_says_so_at_once_and_shows_the_bundled_data() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 600_000).await;
    // Load the site (and its snapshot) first, then lose the network, then open a token.
    session.open("data").await;
    session
        .cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await;
    let started = std::time::Instant::now();
    session
        .client
        .find(Locator::LinkText("Token"))
        .await
        .expect("nav link")
        .click()
        .await
        .expect("click");
    let text = status(&session, "bundled").await;
    assert!(text.contains("offline"), "{text}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "no retries when the browser knows it is offline: {:?}",
        started.elapsed()
    );
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        volatility(&bundled("TAO"), Range::Year1),
        "the bundled data is shown"
    );
    assert!(
        binance.requests.lock().expect("lock").is_empty(),
        "nothing was sent"
    );
    session.screenshot("offline").await;
    session.assert_no_panic().await;
    session.close().await;
}
