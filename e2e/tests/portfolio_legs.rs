//! The portfolio page's combined stress as a user meets it: the exit through order books
//! thinned by the haircut equals the core's on the stand-in's books, each leg switches on and
//! off through the link, and the total is the sum of the legs counted.

use std::time::Duration;
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::scenario::{decode, to_fragment, Holding, Legs, Scenario};
use tokenrisk_e2e::served_last_close;
use tokenrisk_e2e::stand_ins::{depth_body, fake_binance, session};
use tokenrisk_market::sources::binance::parse_depth;

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
    assert!(linked.legs.market && linked.legs.liquidity);
    session.screenshot_page("portfolio-legs").await;
    session.assert_no_panic().await;
    session.close().await;
}
