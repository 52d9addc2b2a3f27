//! The signals page against the site's own files (the snapshot, the companies' quarters) and
//! a Binance USD-M stand-in answering the documented samples: each row's value and rank are
//! the core's on the very data served, the thresholds live in the link and move the states,
//! the last visit's states are kept in this browser; and the page stays usable when the
//! futures are refused (429) or the quarters file is missing or damaged.

use fantoccini::Locator;
use std::time::Duration;
use tokenrisk_core::drawdown::drawdown_series;
use tokenrisk_core::quarters::year_on_year;
use tokenrisk_core::signals::{risk_rank, Direction};
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{close, served_series, site_dir, Session};
use tokenrisk_market::company_quarters::QuartersFile;
use tokenrisk_market::sources::binance_futures::parse_funding_rates;
use tokenrisk_testserver::{Request, Response, TestServer};

/// The row of `key` once shown: `(value text, rank, state)`.
async fn row(session: &Session, key: &str) -> (String, f64, String) {
    let css = format!("tr[data-signal='{key}']");
    session.text(&css).await;
    let value = session.text(&format!("{css} td[data-field='value']")).await;
    let rank = session
        .attr(&format!("{css} td[data-field='rank']"), "data-rank")
        .await
        .and_then(|r| r.parse().ok())
        .unwrap_or(f64::NAN);
    let state = session.attr(&css, "data-state").await.unwrap_or_default();
    (value, rank, state)
}

/// Waits until the row of `key` is in `state`.
async fn in_state(session: &Session, key: &str, state: &str) {
    for _ in 0..200 {
        if row(session, key).await.2 == state {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{key} never became {state}: {:?}", row(session, key).await);
}

fn served_quarters() -> QuartersFile {
    let text = std::fs::read_to_string(site_dir().join("data/quarters.json")).expect("served");
    QuartersFile::from_json(&text).expect("readable").0
}

/// A Binance spot stand-in with the books of the assets that have daily candles (BTC, TAO,
/// NEAR, ICP); other symbols are not found.
fn spot_books() -> TestServer {
    TestServer::start(|request: &Request| {
        let symbol = request
            .query
            .split('&')
            .find_map(|kv| kv.strip_prefix("symbol="))
            .unwrap_or("");
        match (request.path.as_str(), symbol) {
            ("/api/v3/depth", "BTCUSDT" | "TAOUSDT" | "NEARUSDT" | "ICPUSDT") => {
                Response::ok("application/json", depth_body(symbol))
            }
            _ => Response::status(404, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"),
        }
    })
}

#[tokio::test]
async fn rows_are_the_cores_numbers_on_the_served_data_and_thresholds_live_in_the_link() {
    let futures = fake_futures(None);
    let spot = spot_books();
    let session = session_for(Apis {
        futures: Some(futures.url()),
        binance: Some(spot.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("signals").await;

    // BTC's drawdown: the served closes' drawdown and its rank, read the risky way.
    let btc = served_series("BTC");
    let drawdown = drawdown_series(&btc.closes);
    let today = *drawdown.last().expect("closes");
    let expected_rank = risk_rank(&drawdown, today, Direction::LowIsRisk).expect("rank");
    let (value, rank, state) = row(&session, "btc-drawdown").await;
    assert_eq!(value, format!("{:.1}%", today * 100.0).replace('-', "−"));
    assert!(close(rank, expected_rank), "{rank} vs {expected_rank}");
    let expected_state = if expected_rank >= 95.0 {
        "stretched"
    } else if expected_rank >= 80.0 {
        "elevated"
    } else {
        "calm"
    };
    assert_eq!(state, expected_state);
    assert!(session.text("#signals-since").await.contains("First visit"));

    // Each company in the served quarters file: growth over the quarter a year before.
    let file = served_quarters();
    assert!(!file.companies.is_empty());
    for company in &file.companies {
        let quarters = company.parsed().expect("sound");
        let growth = year_on_year(&quarters);
        let latest = growth.last().copied().flatten().expect("a year before");
        let key = format!("{}-capex", company.ticker);
        let (value, _, _) = row(&session, &key).await;
        assert_eq!(value, format!("+{:.0}%", latest * 100.0), "{key}");
    }
    assert!(session
        .text("#spending-status")
        .await
        .contains("Not in this build's data"));

    // Each perpetual's funding in yearly terms from the stand-in's documented answer.
    let funding = parse_funding_rates(&tokenrisk_testdata::read_api_sample(
        "binance_futures_fundingRate.json",
    ))
    .expect("sample");
    let hours = tokenrisk_core::derivatives::funding_interval_hours(&funding).unwrap_or(8.0);
    let yearly = funding.last().expect("payment").rate * 24.0 / hours * 365.0;
    for asset in ["BTC", "TAO"] {
        let (value, rank, state) = row(&session, &format!("{asset}-funding")).await;
        assert_eq!(
            value,
            format!("{:.1}%", yearly * 100.0).replace('-', "−"),
            "{asset}"
        );
        // Two documented payments are too short a history to rank.
        assert!(rank.is_nan() && state == "unranked", "{rank} {state}");
    }
    badge(&session, "#futures-status", "live").await;

    // The book now: depth within 2 % of the mid each side, from the stand-in's book; FET's and
    // RENDER's books are not found, which the group's badge names.
    let book =
        tokenrisk_market::sources::binance::parse_depth(&depth_body("TAOUSDT")).expect("book");
    let (bids, asks) = tokenrisk_core::liquidity::depth_within(&book, 0.02).expect("depth");
    let (value, rank, state) = row(&session, "TAO-depth").await;
    assert_eq!(
        value,
        format!(
            "{} / {}",
            tokenrisk_charts::format::compact(bids),
            tokenrisk_charts::format::compact(asks)
        )
    );
    assert!(rank.is_nan() && state == "unranked");
    let books = badge(&session, "#books-status", "unavailable").await;
    assert!(
        books.contains("FET") && books.contains("RENDER") && !books.contains("TAO:"),
        "{books}"
    );
    session.screenshot_page("signals-with-futures").await;

    // Thresholds at 1 and 2: every ranked row at 2 or more is stretched; kept in the link.
    session.type_into("signals-stretched", "2").await;
    session.type_into("signals-elevated", "1").await;
    session.wait_for_query("elevated=1").await;
    assert!(session.query().await.contains("stretched=2"));
    if expected_rank >= 2.0 {
        in_state(&session, "btc-drawdown", "stretched").await;
    }
    // The last visit's states: the reload compares with what the first visit kept.
    tokio::time::sleep(Duration::from_millis(300)).await;
    session.open("signals").await;
    row(&session, "btc-drawdown").await;
    let since = session.text("#signals-since").await;
    assert!(since.starts_with("Since your last visit"), "{since}");
    if expected_state != "stretched" && expected_rank >= 2.0 {
        assert!(
            since.contains(&format!(
                "BTC drawdown from its peak: stretched → {expected_state}"
            )),
            "{since}"
        );
    }
    // From TAO's page: its signals come first in each group.
    session.open("?token=TAO").await;
    session.text("#to-signals").await;
    session
        .client
        .find(Locator::Id("to-signals"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    session.wait_for_query("token=TAO").await;
    assert!(session
        .text("#signals-focus")
        .await
        .contains("TAO's signals come first"));
    row(&session, "TAO-volume").await;
    let first_liquidity = session
        .attr("section[data-group='Liquidity'] tbody tr", "data-asset")
        .await;
    assert_eq!(first_liquidity.as_deref(), Some("TAO"));
    // A bad threshold keeps the defaults and says why.
    session.open("signals?elevated=99&stretched=10").await;
    assert!(session
        .text("main")
        .await
        .contains("the elevated threshold at or under the stretched one"));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn the_page_stays_usable_without_futures_or_quarters() {
    let refused = fake_futures(Some(429));
    for (answer, expected) in [
        (Response::status(404, "not found"), "no companies' quarters"),
        (
            Response::ok("application/json", "{\"schema\":1,\"companies\":["),
            "damaged",
        ),
    ] {
        let futures_url = refused.url();
        let config = serde_json::json!({
            "binance_futures_base": futures_url,
            "request_timeout_ms": 1500,
            "cache_ttl_ms": 0,
        })
        .to_string();
        let session = Session::start_with(move |request| {
            if request.path.ends_with("/data/quarters.json") {
                Some(answer.clone())
            } else if request.path.ends_with("/config.json") {
                Some(Response::ok("application/json", config.clone()))
            } else {
                None
            }
        })
        .await;
        session.open("signals").await;
        let status = badge(&session, "#futures-status", "unavailable").await;
        assert!(status.contains("BTC"), "{status}");
        row(&session, "btc-drawdown").await;
        row(&session, "BTC-volume").await;
        let spending = session.text("#spending-status").await;
        for _ in 0..100 {
            if session.text("#spending-status").await.contains(expected) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            session.text("#spending-status").await.contains(expected),
            "{spending}"
        );
        assert!(session
            .client
            .find(Locator::Css("tr[data-signal='BTC-funding']"))
            .await
            .is_err());
        session.assert_no_panic().await;
        session.close().await;
    }
}
