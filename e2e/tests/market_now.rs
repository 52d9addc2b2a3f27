//! The token view's "market now" panels against local stand-ins: Binance's ticker and order
//! book, Binance USD-M futures, and GitHub (whose first answer is a 202). The figures shown are
//! the core's formulas applied to what the stand-ins served; a geo-blocked futures API leaves
//! the rest of the page working and says why.

use serde_json::Value;
use tokenrisk_core::derivatives::{annualised_funding, funding_interval_hours};
use tokenrisk_core::dev_activity::{combined_weeks, summarise};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::liquidity::{depth_within, Top};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::volatility::annualised_volatility;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{close, number, Request, Response, Session};
use tokenrisk_market::sources::binance::{parse_depth, parse_klines};
use tokenrisk_market::sources::binance_futures::{parse_funding_rates, parse_premium_index};
use tokenrisk_market::sources::coingecko::parse_coin_markets;
use tokenrisk_market::sources::github::parse_commit_activity;
use tokenrisk_testserver::TestServer;

async fn figure(session: &Session, table: &str, key: &str) -> f64 {
    number(
        session
            .attr(&format!("#{table} tr[data-key='{key}'] td"), "data-value")
            .await,
    )
}

#[tokio::test]
async fn spot_futures_and_development_figures_come_from_the_apis() {
    let binance = fake_binance();
    let futures = fake_futures(None);
    let (github, github_requests) = fake_github();
    let coingecko = TestServer::start(|request: &Request| {
        let batched = request.path == "/coins/markets"
            && request.query.contains("ids=bitcoin,bittensor,near,");
        if !batched {
            return Response::status(404, "{}");
        }
        let mut coins: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
            "coingecko_coins_markets.json",
        ))
        .expect("sample");
        coins[0]["id"] = "bittensor".into();
        Response::ok("application/json", coins.to_string())
    });
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coingecko: Some(coingecko.url()),
        futures: Some(futures.url()),
        github: Some(github.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("?token=TAO&range=1y").await;

    badge(&session, "#valuation-status", "live").await;
    let coin = &parse_coin_markets(&tokenrisk_testdata::read_api_sample(
        "coingecko_coins_markets.json",
    ))
    .expect("valid")[0];
    let (fdv, cap) = (
        coin.fully_diluted_valuation.expect("fdv"),
        coin.market_cap.expect("cap"),
    );
    assert!(close(
        figure(&session, "valuation", "dilution").await,
        fdv / cap - 1.0
    ));
    assert!(close(
        figure(&session, "valuation", "market_cap").await,
        cap
    ));

    let book_status = badge(&session, "#book-status", "live").await;
    assert!(
        book_status.starts_with("Live · Binance order book · fetched"),
        "{book_status}"
    );
    let book = parse_depth(&depth_body("TAOUSDT")).expect("valid");
    let top = Top::of(&book).expect("two sides");
    assert!(close(
        figure(&session, "spot-book", "spread_bps").await,
        top.spread_bps()
    ));
    let (bids, asks) = depth_within(&book, 0.02).expect("two sides");
    assert!(close(
        figure(&session, "spot-book", "bid_depth_2pct").await,
        bids
    ));
    assert!(close(
        figure(&session, "spot-book", "ask_depth_2pct").await,
        asks
    ));
    let mid = Top::of(&book).expect("two sides").mid();
    let sell = market_order(&book, Side::Sell, Size::Base(100_000.0 / mid)).expect("fills");
    assert!(close(
        figure(&session, "spot-book", "sell_100k").await,
        sell.slippage_bps / 1e4
    ));
    badge(&session, "#ticker-status", "live").await;
    assert!(close(
        figure(&session, "spot-ticker", "last").await,
        last_close("TAOUSDT")
    ));
    let hourly = parse_klines(&hourly_klines_body("TAOUSDT")).expect("valid");
    assert_eq!(hourly.len(), 168);
    let closes: Vec<f64> = hourly.iter().map(|k| k.close).collect();
    let expected = annualised_volatility(&simple_returns(&closes), 8760.0).expect("167 returns");
    assert!(close(
        figure(&session, "spot-ticker", "volatility_7d_hourly").await,
        expected
    ));

    let futures_status = badge(&session, "#futures-status", "live").await;
    assert!(
        futures_status.contains("Binance USD-M futures"),
        "{futures_status}"
    );
    let premium = &parse_premium_index(&tokenrisk_testdata::read_api_sample(
        "binance_futures_premiumIndex.json",
    ))
    .expect("valid")[0];
    let funding = parse_funding_rates(&tokenrisk_testdata::read_api_sample(
        "binance_futures_fundingRate.json",
    ))
    .expect("valid");
    let interval = funding_interval_hours(&funding).expect("two payments");
    assert_eq!(interval, 8.0);
    assert!(close(
        figure(&session, "futures-figures", "funding_now").await,
        annualised_funding(premium.last_funding_rate, interval)
    ));
    assert!(close(
        figure(&session, "futures-figures", "premium").await,
        premium.mark_price / premium.index_price.expect("index") - 1.0
    ));

    // GitHub first answers 202; the service asks again and shows the weeks.
    let dev_status = badge(&session, "#dev-status", "live").await;
    assert!(dev_status.contains("GitHub"), "{dev_status}");
    let weeks = parse_commit_activity(&tokenrisk_testdata::read_api_sample(
        "github_repos_stats_commit_activity.json",
    ))
    .expect("valid");
    let summary = summarise(&combined_weeks(&[weeks]));
    let row = session
        .text("#dev-activity tr[data-repo='opentensor/subtensor']")
        .await;
    assert!(row.contains(&summary.total.to_string()), "{row}");
    let asked = github_requests.lock().expect("lock").clone();
    assert_eq!(
        asked.get("/repos/opentensor/subtensor/stats/commit_activity"),
        Some(&2),
        "one 202, one answer: {asked:?}"
    );
    session.scroll_to("#market-now").await;
    session.screenshot("market-now").await;

    // Another token and back: answers come from the cache, no new request.
    session.open("?token=NEAR&range=1y").await;
    badge(&session, "#book-status", "live").await;
    session.open("?token=TAO&range=1y").await;
    badge(&session, "#book-status", "cached").await;
    assert_eq!(
        github_requests
            .lock()
            .expect("lock")
            .get("/repos/opentensor/subtensor/stats/commit_activity"),
        Some(&2)
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn geo_blocked_futures_say_so_and_spare_the_rest_of_the_page() {
    let binance = fake_binance();
    let futures = fake_futures(Some(451));
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("?token=NEAR&range=1y").await;
    let text = badge(&session, "#futures-status", "unavailable").await;
    assert!(
        text.contains("not available in this region (HTTP 451)"),
        "{text}"
    );
    badge(&session, "#book-status", "live").await;
    status(&session, "live").await;
    let dev = badge(&session, "#dev-status", "unavailable").await;
    assert!(dev.contains("GitHub unavailable"), "no GitHub here: {dev}");
    session.assert_no_panic().await;
    session.close().await;
}
