//! CoinGecko in real Chromium: the market context strip, the optional demo key kept out of
//! links and pages, and the sector page, against a local stand-in.

use fantoccini::Locator;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokenrisk_core::range::Range;
use tokenrisk_core::sector::{market_cap_change, sparkline_beta, sparkline_volatility};
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{number, Request, Response, Session};
use tokenrisk_testserver::TestServer;

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
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coingecko: Some(coingecko.url()),
        ..Apis::default()
    })
    .await;
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
            .any(|q| q.starts_with("/global?x_cg_demo_api_key=CG-demo_Key123"))
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

#[tokio::test]
async fn the_sector_page_sorts_coingeckos_ai_tokens_and_compares_ours_with_btc_and_nvda() {
    let coingecko = fake_coingecko_markets();
    let binance = fake_binance();
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coingecko: Some(coingecko.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
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
    // 7-day figures from hourly sparklines: the core's volatility and beta to BTC's.
    let btc = stand_in_sparkline("bitcoin").expect("btc");
    let tao = stand_in_sparkline("bittensor").expect("tao");
    let cell = |coin: &str, column: usize| {
        format!("#sector-table tr[data-coin='{coin}'] td:nth-of-type({column})")
    };
    let shown_beta = number(session.attr(&cell("bittensor", 7), "data-value").await);
    assert_eq!(shown_beta, sparkline_beta(&tao, &btc).expect("beta"));
    let shown_vol = number(session.attr(&cell("bittensor", 6), "data-value").await);
    assert_eq!(shown_vol, sparkline_volatility(&tao).expect("vol"));
    assert_eq!(
        session
            .attr(&cell("internet-computer", 6), "data-value")
            .await
            .as_deref(),
        Some(""),
        "no sparkline, no figure"
    );
    // The sector's 7-day change: ICP has no 7-day change and is left out.
    let week = number(session.attr("#sector-7d", "data-value").await);
    let expected = market_cap_change(&[(3.0e9, 0.10), (2.0e9, -0.02)]).expect("two coins");
    assert!((week - expected).abs() < 1e-12, "{week} vs {expected}");
    assert!(
        session.painted_pixels("correlation-map").await > 1000,
        "the correlation heat map is drawn"
    );
    session.screenshot_page("sector-page").await;
    session.assert_no_panic().await;
    session.close().await;
}
