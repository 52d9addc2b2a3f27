//! The liquidity page against local stand-ins of Binance's spot book and ticker and USD-M open
//! interest: the exit calculator and the cascade show what the core computes for the same book
//! and inputs; the scenario typed into the page lives in the link and survives a reload; a bad
//! value in the link is named and replaced by its default.

use fantoccini::Locator;
use tokenrisk_core::cascade::{simulate, CascadeInput, LeverageMixPreset, DEFAULT_MAX_ROUNDS};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::execution::{depth_bands, exit_estimate, market_order, Side, Size};
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{number, Session};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sources::binance::{parse_depth, parse_ticker_24h};
use tokenrisk_market::sources::binance_futures::parse_open_interest;

async fn figure(session: &Session, table: &str, key: &str) -> f64 {
    number(
        session
            .attr(&format!("#{table} tr[data-key='{key}'] td"), "data-value")
            .await,
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Waits until the cascade table shows a final price, and returns it.
async fn final_price(session: &Session) -> f64 {
    for _ in 0..200 {
        let shown = session
            .client
            .find(Locator::Css(
                "#cascade-figures tr[data-key='final_price'] td",
            ))
            .await;
        if let Ok(cell) = shown {
            let v = number(cell.attr("data-value").await.expect("attribute"));
            if v.is_finite() {
                return v;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the cascade never showed a final price");
}

/// Types `value` into the field `id` as a user would: select what it holds (Ctrl+A), type
/// over it, leave the field (Tab). WebDriver's own clear would send a change of its own.
async fn type_into(session: &Session, id: &str, value: &str) {
    let field = session.client.find(Locator::Id(id)).await.expect("field");
    field
        .send_keys(&format!("\u{E009}a\u{E000}{value}\u{E004}"))
        .await
        .expect("select, type and tab");
}

fn book() -> OrderBook {
    parse_depth(&depth_body("TAOUSDT")).expect("valid")
}

/// The core's cascade for the stand-ins' TAO book and open interest.
/// `open_interest` in USD, `None`: the stand-in's contracts at the mid.
fn expected_cascade(
    shock: f64,
    long_share: f64,
    mix: LeverageMixPreset,
    haircut: Haircut,
    open_interest: Option<f64>,
) -> f64 {
    let book = book();
    let mid = Top::of(&book).expect("two sides").mid();
    let contracts = parse_open_interest(&tokenrisk_testdata::read_api_sample(
        "binance_futures_openInterest.json",
    ))
    .expect("sample")
    .open_interest;
    let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
    simulate(&CascadeInput {
        book,
        start_price: mid,
        shock,
        open_interest: open_interest.unwrap_or(contracts * mid),
        long_share,
        entries: Vec::new(),
        mix: mix.mix().capped(bracket.max_leverage).0,
        bracket,
        haircut,
        replenishment: 0.0,
        max_rounds: DEFAULT_MAX_ROUNDS,
    })
    .expect("runs")
    .final_price
}

#[tokio::test]
async fn exit_and_cascade_are_the_cores_and_the_scenario_survives_a_reload() {
    let binance = fake_binance();
    let futures = fake_futures(None);
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session
        .open("liquidity?token=TAO&size=500&shock=-8&long=80&mix=vendor&cut=crash")
        .await;

    badge(&session, "#book-status", "live").await;
    badge(&session, "#volume-status", "live").await;
    let book = book();
    let volume = parse_ticker_24h(&ticker_body("TAOUSDT")).expect("valid")[0]
        .volume
        .expect("volume");
    let now = market_order(&book, Side::Sell, Size::Base(500.0)).expect("fills");
    assert!(close(
        figure(&session, "exit-figures", "slippage_now").await,
        now.slippage_bps
    ));
    assert!(close(
        figure(&session, "exit-figures", "cost_now").await,
        now.cost_quote()
    ));
    let top = Top::of(&book).expect("two sides");
    assert!(close(
        figure(&session, "exit-figures", "spread").await,
        top.spread_bps()
    ));
    let half = depth_bands(&book, &[0.005]).expect("valid")[0].bids_quote;
    assert!(close(
        figure(&session, "exit-figures", "bid_depth_half_pct").await,
        half
    ));
    let exit = exit_estimate(&book, 500.0, volume, 0.1, 50.0).expect("valid");
    assert!(close(
        figure(&session, "exit-figures", "days_to_exit").await,
        exit.days_to_exit.expect("volume known")
    ));
    let flash = &exit.stressed[2];
    assert_eq!(flash.0, HaircutPreset::FlashCrash);
    assert!(close(
        figure(&session, "exit-figures", "slippage_flash").await,
        flash.1.slippage_bps
    ));
    assert!(close(
        figure(&session, "exit-figures", "max_within_limit").await,
        exit.max_within_limit.base
    ));
    session.drawn("liquidity-depth").await;

    badge(&session, "#oi-status", "live").await;
    let expected = expected_cascade(
        -0.08,
        0.8,
        LeverageMixPreset::HeatmapVendor,
        HaircutPreset::CrashHour.haircut(),
        None,
    );
    assert!(close(final_price(&session).await, expected));
    let rounds = session
        .client
        .find_all(Locator::Css("#cascade-rounds tbody tr"))
        .await
        .expect("rows")
        .len();
    assert!(rounds > 0, "an 8 % fall liquidates the 50× and 75× longs");
    session.drawn("cascade-waterfall").await;
    let assumptions = session.text("#cascade-assumptions").await;
    assert!(
        assumptions.contains("capped at the contract's 75×"),
        "{assumptions}"
    );
    session.screenshot_page("liquidity-filled").await;

    // A user changes the shock and the haircut: the link follows, the cascade reruns.
    type_into(&session, "shock-input", "-12").await;
    session.wait_for_query("shock=-12").await;
    let select = session
        .client
        .find(Locator::Id("cut-select"))
        .await
        .expect("select");
    select.select_by_value("none").await.expect("choose");
    session.wait_for_query("cut=none").await;
    let expected = expected_cascade(
        -0.12,
        0.8,
        LeverageMixPreset::HeatmapVendor,
        Haircut::Flat(0.0),
        None,
    );
    let mut shown = f64::NAN;
    for _ in 0..100 {
        shown = figure(&session, "cascade-figures", "final_price").await;
        if close(shown, expected) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(close(shown, expected), "shown {shown}, core {expected}");

    // After a reload, the same scenario and the same numbers.
    session.client.refresh().await.expect("reload");
    badge(&session, "#oi-status", "cached").await;
    let field = session
        .js(
            "return document.getElementById('shock-input').value",
            vec![],
        )
        .await;
    assert_eq!(field.as_str(), Some("-12"));
    let cut = session
        .js("return document.getElementById('cut-select').value", vec![])
        .await;
    assert_eq!(cut.as_str(), Some("none"));
    assert!(close(final_price(&session).await, expected));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn bad_values_and_a_missing_api_are_messages_not_failures() {
    // Futures refused (a restricted location), the shock nonsense, the size negative.
    let binance = fake_binance();
    let futures = fake_futures(Some(451));
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session
        .open("liquidity?token=TAO&size=-5&shock=abc&mix=huge")
        .await;
    let notices = session.text("main").await;
    for expected in [
        "Cannot use shock “abc”",
        "Cannot use position size “-5”",
        "Cannot use leverage mix “huge”",
    ] {
        assert!(notices.contains(expected), "{expected}: {notices}");
    }
    badge(&session, "#book-status", "live").await;
    // The default position: 100,000 USD at the mid.
    let mid = Top::of(&book()).expect("two sides").mid();
    assert!(close(
        figure(&session, "exit-figures", "position").await,
        100_000.0 / mid
    ));
    badge(&session, "#oi-status", "unavailable").await;
    // Open interest typed in replaces the refused API: the cascade runs on it.
    type_into(&session, "oi-input", "2000000").await;
    session.wait_for_query("oi=2000000").await;
    badge(&session, "#oi-status", "set").await;
    // The defaults: a 10 % fall, 72.5 % long, the retail mix, the book as it is.
    let expected = expected_cascade(
        -0.10,
        0.725,
        LeverageMixPreset::ExchangeRetail,
        Haircut::Flat(0.0),
        Some(2e6),
    );
    assert!(close(final_price(&session).await, expected));
    session.assert_no_panic().await;
    session.close().await;
}
