//! Leaving a page while its requests are still on their way: every API answers slowly, the
//! user moves to another page before the answers arrive, and the answers land after the page
//! that asked is gone. Nothing may panic (a panic in WebAssembly kills the whole page), and
//! the next pages work.

use fantoccini::Locator;
use std::time::Duration;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{Request, Response};
use tokenrisk_testserver::TestServer;

/// How long every stand-in waits before answering: longer than the page takes to ask, shorter
/// than the configured 1.5 s request timeout (so the answers arrive, after the page is gone).
const SLOW: Duration = Duration::from_millis(1_200);

/// One stand-in for Binance spot and futures, GitHub and CoinGecko, answering every request
/// after [`SLOW`] with the shape its consumer reads.
fn slow_apis() -> TestServer {
    TestServer::start(|request: &Request| {
        let symbol = request
            .query
            .split('&')
            .find_map(|kv| kv.strip_prefix("symbol="))
            .unwrap_or("TAOUSDT")
            .to_owned();
        let sample = |name: &str| tokenrisk_testdata::read_api_sample(name);
        let body = match request.path.as_str() {
            "/api/v3/klines" if request.query.contains("interval=1h") => {
                hourly_klines_body(&symbol)
            }
            "/api/v3/klines" => klines_body(&symbol),
            "/api/v3/ticker/24hr" => ticker_body(&symbol),
            "/api/v3/depth" => depth_body(&symbol),
            "/fapi/v1/premiumIndex" => sample("binance_futures_premiumIndex.json"),
            "/fapi/v1/fundingRate" => sample("binance_futures_fundingRate.json"),
            "/fapi/v1/openInterest" => sample("binance_futures_openInterest.json"),
            "/futures/data/openInterestHist" => sample("binance_futures_openInterestHist.json"),
            "/futures/data/globalLongShortAccountRatio" => {
                sample("binance_futures_globalLongShortAccountRatio.json")
            }
            p if p.ends_with("/stats/commit_activity") => {
                sample("github_repos_stats_commit_activity.json")
            }
            "/coins/markets" => sample("coingecko_coins_markets.json"),
            "/coins/categories" => sample("coingecko_coins_categories.json"),
            "/global" => sample("coingecko_global.json"),
            _ => return Response::status(404, "{}"),
        };
        Response {
            delay: SLOW,
            ..Response::ok("application/json", body)
        }
    })
}

#[tokio::test]
async fn leaving_the_token_page_while_every_request_is_pending_panics_nothing() {
    let apis = slow_apis();
    let session = session_for(Apis {
        binance: Some(apis.url()),
        coingecko: Some(apis.url()),
        futures: Some(apis.url()),
        github: Some(apis.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("?token=TAO&range=1y").await;
    session
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#market-now #ticker-status"))
        .await
        .expect("the market panels are asking");
    // Leave at once, in the page (no reload): the token page's scope is disposed while its
    // ticker, book, candles, futures, GitHub and CoinGecko requests are all in flight.
    session.go_to("/sector").await;
    session
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#sector-table"))
        .await
        .expect("the sector page opens");
    // Leave the sector page too while its CoinGecko requests are in flight.
    session.go_to("/data").await;
    // Every answer lands on a page that is gone.
    tokio::time::sleep(SLOW * 3).await;
    session.assert_no_panic().await;
    // The next pages work: back to the token page, whose panels fill at once from the answers
    // that arrived after the first visit was gone (kept in this browser's cache, still fresh).
    session.go_to("/token-risk-lab/").await;
    badge(&session, "#ticker-status", "cached").await;
    badge(&session, "#book-status", "cached").await;
    session.assert_no_panic().await;
    session.close().await;
}
