//! The tokenomics page against local stand-ins of CoinGecko (whose batched answer lacks the AI
//! tokens: the page falls back to the preset's sourced supply, or asks for one) and Binance
//! (daily candles of one token a day, the recorded book): the figures are the market crate's
//! schedule for the same inputs, a parameter edited on the page goes into the link and changes
//! the figures, and a reload gives the same numbers.

use fantoccini::Locator;
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::time::Date;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{close, number, Session};
use tokenrisk_market::sources::binance::parse_depth;
use tokenrisk_market::supply_presets::{preset, start_supply};

/// The figure `key` of the supply table, waiting for the table (it is drawn anew on each
/// change of the scenario).
async fn figure(session: &Session, key: &str) -> f64 {
    let css = format!("#supply-figures tr[data-key='{key}'] td");
    for _ in 0..200 {
        if let Ok(cell) = session.client.find(Locator::Css(&css)).await {
            if let Ok(value) = cell.attr("data-value").await {
                return number(value);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let problem = session.text("main").await;
    panic!("{css} never shown: {problem}");
}

/// Waits until the figure `key` shows `expected`, and returns what it shows last.
async fn settled(session: &Session, key: &str, expected: f64) -> f64 {
    let mut shown = f64::NAN;
    for _ in 0..200 {
        shown = figure(session, key).await;
        if close(shown, expected) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    shown
}

fn today() -> Date {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    Date::from_unix(now as i64)
}

#[tokio::test]
async fn tao_from_its_anchor_an_edit_in_the_link_and_a_reload() {
    let binance = fake_binance();
    let coingecko = fake_coingecko_markets();
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        coingecko: Some(coingecko.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session.open("tokenomics?token=TAO&days=2000").await;
    // CoinGecko's answer has no bittensor: the preset's halving anchor run forward.
    badge(&session, "#coingecko-status", "unavailable").await;
    let tao = preset("tao").expect("preset");
    let start = start_supply(tao, &tao.defaults(), today(), None).expect("anchor");
    assert!(close(
        settled(&session, "start_total", start.supply.total).await,
        start.supply.total
    ));
    assert!(session.text("#start-source").await.contains("run"));
    assert!(close(
        figure(&session, "new_supply_year").await,
        3_600.0 * 365.0
    ));
    assert!(close(
        figure(&session, "assumed_sold_year").await,
        3_600.0 * 365.0
    ));
    session.drawn("supply-chart").await;
    session.drawn("inflation-chart").await;
    let events = session.text("#event-table").await;
    assert!(events.contains("Halving"), "{events}");
    // Volume: one TAO a day in the stand-in's candles; 7 days of 3,600 at 10 % of it.
    badge(&session, "#volume-status", "live").await;
    badge(&session, "#book-status", "live").await;
    let week = session
        .text("#absorption-table tbody tr:nth-child(2)")
        .await;
    assert!(
        week.contains("Next 7 days") && week.contains("252000.0"),
        "{week}"
    );
    let book = parse_depth(&depth_body("TAOUSDT")).expect("valid");
    let fill = market_order(&book, Side::Sell, Size::Base(3_600.0)).expect("fills");
    let shown = if fill.exhausted {
        format!("{:.0} bps, book exhausted", fill.slippage_bps)
    } else {
        format!("{:.1} bps", fill.slippage_bps)
    };
    assert!(week.contains(&shown), "{week} lacks {shown}");

    // Half of the emission assumed sold: into the link, and the figures follow.
    session.type_into("param-sell_through", "0.5").await;
    session.wait_for_query("sp=sell_through").await;
    assert!(close(
        settled(&session, "assumed_sold_year", 1_800.0 * 365.0).await,
        1_800.0 * 365.0
    ));
    session.client.refresh().await.expect("reload");
    assert!(close(
        settled(&session, "assumed_sold_year", 1_800.0 * 365.0).await,
        1_800.0 * 365.0
    ));
    assert_eq!(
        session
            .attr("#param-table tr[data-key='sell_through']", "data-edited")
            .await
            .as_deref(),
        Some("true")
    );
    let caption = session.text("#dilution-caption").await;
    assert!(caption.contains("reconstructed"), "{caption}");
    session.drawn("dilution-chart").await;
    session.screenshot_page("tokenomics-tao").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn near_without_a_supply_asks_for_one_and_a_bad_link_value_is_named() {
    let coingecko = fake_coingecko_markets();
    let session = session_for(Apis {
        coingecko: Some(coingecko.url()),
        ..Apis::default()
    })
    .await;
    session
        .open("tokenomics?token=NEAR&days=abc&sp=warp:9")
        .await;
    badge(&session, "#coingecko-status", "unavailable").await;
    let problem = session.text("#supply-problem").await;
    assert!(
        problem.contains("NEAR") && problem.contains("give it"),
        "{problem}"
    );
    let notices = session.text("main").await;
    assert!(
        notices.contains("abc") && notices.contains("warp:9"),
        "{notices}"
    );
    // The parameters stay editable with no supply; the total typed in starts the schedule:
    // 2.5 % a year less the 0.1 % burn (facts-2026 §2).
    session.type_into("total-input", "1300000000").await;
    session.wait_for_query("total=1300000000").await;
    assert!(close(
        settled(&session, "inflation_now", 0.024).await,
        0.024
    ));
    assert!(close(figure(&session, "start_total").await, 1.3e9));
    // A negative rate is refused with the reason, and the page keeps working.
    session.type_into("param-rate", "-0.5").await;
    let refused = session.text("#supply-problem").await;
    assert!(refused.contains("rate"), "{refused}");
    // Emptied (Backspace), the field goes back to the preset's rate.
    session.type_into("param-rate", "\u{E003}").await;
    assert!(close(
        settled(&session, "inflation_now", 0.024).await,
        0.024
    ));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn the_token_view_links_to_the_tokens_supply_schedule() {
    let session = Session::start().await;
    // BTC has no supply preset: its valuation panel has no link.
    session.open("?token=BTC").await;
    session.text("#valuation-status").await;
    assert!(session
        .client
        .find(Locator::Id("to-tokenomics"))
        .await
        .is_err());
    session.open("?token=NEAR").await;
    session.text("#valuation-status").await;
    session
        .client
        .find(Locator::Id("to-tokenomics"))
        .await
        .expect("a link")
        .click()
        .await
        .expect("click");
    session.text("#param-table").await;
    let url = session.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/tokenomics"), "{url}");
    assert_eq!(url.query(), Some("token=NEAR"));
    session.assert_no_panic().await;
    session.close().await;
}
