//! The portfolio page's combined stress as a user meets it: the exit through order books
//! thinned by the haircut and the forced selling in each market equal the core's on the
//! stand-ins' books and open interest, each leg switches on and off through the link, and the
//! total is the sum of the legs counted.

use std::time::Duration;
use tokenrisk_core::cascade::{simulate, CascadeInput, LeverageMixPreset, DEFAULT_MAX_ROUNDS};
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::scenario::{decode, to_fragment, Holding, Legs, Scenario, Shocks};
use tokenrisk_e2e::served_last_close;
use tokenrisk_e2e::stand_ins::{
    depth_body, fake_binance, fake_futures, session, session_for, Apis,
};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sources::binance::parse_depth;
use tokenrisk_market::sources::binance_futures::parse_open_interest;

/// The core's slippage cost of trading `quantity` of `symbol` on the stand-in's book halved.
fn exit_cost(symbol: &str, side: Side, quantity: f64, value: f64) -> f64 {
    let book = parse_depth(&depth_body(symbol)).expect("the stand-in's book");
    let thinned = stressed(&book, &Haircut::Flat(0.5)).expect("valid");
    let fill = market_order(&thinned, side, Size::Base(quantity)).expect("valid");
    value * fill.slippage_bps / 1e4
}

#[tokio::test]
async fn the_exit_leg_is_the_cores_and_the_legs_add_up() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 0).await;
    let s = Scenario {
        holdings: vec![
            Holding::spot("TAO", 100.0),
            Holding {
                short: true,
                ..Holding::spot("BTC", 0.2)
            },
        ],
        legs: Legs {
            market: false,
            deleveraging: false,
            ..Legs::default()
        },
        ..Scenario::default()
    };
    session.open(&format!("portfolio{}", to_fragment(&s))).await;
    // Without the market leg, out at today's closes.
    let (tao, btc) = (served_last_close("TAO"), served_last_close("BTC"));
    let expected = -(exit_cost("TAOUSDT", Side::Sell, 100.0, 100.0 * tao)
        + exit_cost("BTCUSDT", Side::Buy, 0.2, 0.2 * btc));
    let liquidity = session
        .value_once_set("#legs-table tr[data-key='liquidity']")
        .await;
    assert!(
        (liquidity - expected).abs() < 1e-9 * expected.abs(),
        "{liquidity} vs {expected}"
    );
    assert_eq!(session.value_once_set("#combined-total").await, liquidity);

    // The market leg on: the total is both legs, and the link says so.
    session
        .client
        .find(fantoccini::Locator::Id("leg-market"))
        .await
        .expect("switch")
        .click()
        .await
        .expect("click");
    let mut total = liquidity;
    for _ in 0..100 {
        total = session.value_once_set("#combined-total").await;
        if total != liquidity {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let market = session
        .value_once_set("#legs-table tr[data-key='market']")
        .await;
    let after_shock = session
        .value_once_set("#legs-table tr[data-key='liquidity']")
        .await;
    assert!(
        (total - (market + after_shock)).abs() < 1e-9 * total.abs(),
        "{total} vs {market} + {after_shock}"
    );
    let equity = 100.0 * tao + 0.2 * btc;
    let shock = session.value_once_set("#stress-total").await;
    assert!(
        (market - shock * equity).abs() < 1e-6 * market.abs(),
        "{market} vs {shock}"
    );
    let hash = session.js("return location.hash", vec![]).await;
    let linked = decode(hash.as_str().unwrap_or_default()).expect("a scenario");
    assert!(linked.legs.market && linked.legs.liquidity && !linked.legs.deleveraging);
    session.screenshot_page("portfolio-legs").await;
    session.assert_no_panic().await;
    session.close().await;
}

/// The core's cascade on the stand-in's book of `symbol` halved, with the futures stand-in's
/// open interest at the book's mid, the page's stated positions (72.5 % long, the exchange-retail
/// mix capped at the first bracket, entered at the start price) and `shock`: the move it adds.
fn cascade_added(symbol: &str, shock: f64) -> f64 {
    let book = parse_depth(&depth_body(symbol)).expect("the stand-in's book");
    let mid = Top::of(&book).expect("a mid").mid();
    let contracts = parse_open_interest(&tokenrisk_testdata::read_api_sample(
        "binance_futures_openInterest.json",
    ))
    .expect("sample")
    .open_interest;
    let bracket = bracket_table(symbol).expect("snapshot").brackets()[0];
    let r = simulate(&CascadeInput {
        book,
        start_price: mid,
        shock,
        open_interest: contracts * mid,
        long_share: 0.725,
        entries: Vec::new(),
        mix: LeverageMixPreset::ExchangeRetail
            .mix()
            .capped(bracket.max_leverage)
            .0,
        bracket,
        haircut: Haircut::Flat(0.5),
        replenishment: 0.0,
        max_rounds: DEFAULT_MAX_ROUNDS,
    })
    .expect("runs");
    (r.final_price - r.shocked_price) / r.start_price
}

#[tokio::test]
async fn forced_selling_in_each_market_is_the_cores_cascade() {
    let binance = fake_binance();
    let futures = fake_futures(None);
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        ..Apis::default()
    })
    .await;
    // A small shock, so the moves stay within the stand-in's books (±5 % of the mid).
    let s = Scenario {
        holdings: vec![
            Holding::spot("TAO", 100.0),
            Holding {
                short: true,
                ..Holding::spot("BTC", 0.2)
            },
            Holding::spot("NVDA", 10.0),
        ],
        shocks: Shocks {
            btc: -0.02,
            ai_equities: -0.01,
            ai_sector: -0.03,
        },
        ..Scenario::default()
    };
    session.open(&format!("portfolio{}", to_fragment(&s))).await;
    let leg = session
        .value_once_set("#legs-table tr[data-key='deleveraging']")
        .await;
    let mut expected = 0.0;
    for (asset, symbol, side, quantity) in [
        ("TAO", "TAOUSDT", 1.0, 100.0),
        ("BTC", "BTCUSDT", -1.0, 0.2),
    ] {
        let row = format!("#deleveraging-table tr[data-key='{asset}']");
        let added = session.value_once_set(&row).await;
        let shock: f64 = session
            .attr(&row, "data-shock")
            .await
            .and_then(|v| v.parse().ok())
            .expect("a shock");
        let core = cascade_added(symbol, shock);
        assert!(
            (added - core).abs() <= 1e-12,
            "{asset}: the page adds {added}, the core {core}"
        );
        assert!(core < 0.0, "{asset}: longs liquidated push the price down");
        expected += side * quantity * served_last_close(asset) * added;
    }
    assert!(
        (leg - expected).abs() < 1e-9 * expected.abs(),
        "{leg} vs {expected}"
    );
    // NVDA has no perpetual: nothing is liquidated in its market, and the row says why.
    let nvda = session
        .text("#deleveraging-table tr[data-key='NVDA']")
        .await;
    assert!(nvda.contains("no perpetual"), "{nvda}");
    // NVDA has no order book on a crypto venue, so the exit leg has no number and the total
    // counts the market and the forced selling.
    let exit = session.text("#legs-table tr[data-key='liquidity']").await;
    assert!(exit.contains("not every holding has a book"), "{exit}");
    let total = session.value_once_set("#combined-total").await;
    let market = session
        .value_once_set("#legs-table tr[data-key='market']")
        .await;
    assert!(
        (total - (market + leg)).abs() < 1e-9 * total.abs(),
        "{total} vs {market} + {leg}"
    );
    session.scroll_to("#legs-heading").await;
    session.screenshot("portfolio-deleveraging").await;
    session.assert_no_panic().await;
    session.close().await;
}
