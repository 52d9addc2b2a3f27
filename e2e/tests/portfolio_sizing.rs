//! The portfolio page's position sizing as a user meets it: a holding with a stop sized by
//! the rules and limits, the fixed-fractional size and the exit limit (on the stand-in's order
//! book) equal to the core's, the binding one named; another holding chosen shows its leverage
//! check and goes into the link; a bad setting is refused with a message.

use std::time::Duration;
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{max_size_within, Side};
use tokenrisk_core::leverage::{liquidation_price, Margin, Position, Side as LeverageSide};
use tokenrisk_core::scenario::{decode, to_fragment, Holding, Scenario, Sizing};
use tokenrisk_e2e::stand_ins::{depth_body, fake_binance, session};
use tokenrisk_e2e::{number, served_last_close, Session};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sources::binance::parse_depth;

/// 100 TAO with a stop at 200, 0.2 BTC short at 3×; TAO sized with a 47 bp exit limit.
fn scenario() -> Scenario {
    Scenario {
        holdings: vec![
            Holding {
                stop: Some(200.0),
                ..Holding::spot("TAO", 100.0)
            },
            Holding {
                leverage: Some(3.0),
                short: true,
                ..Holding::spot("BTC", 0.2)
            },
        ],
        sizing: Sizing {
            asset: "TAO".into(),
            slippage_limit_bps: 47.0,
            ..Sizing::default()
        },
        ..Scenario::default()
    }
}

/// The size in a row of the sizing table, once it has one.
async fn size(session: &Session, key: &str) -> f64 {
    session
        .value_once_set(&format!(
            "#sizing-table tr[data-key='{key}'] td[data-value]"
        ))
        .await
}

#[tokio::test]
async fn a_holding_is_sized_by_its_rules_and_limits_and_the_binding_one_is_named() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 0).await;
    let s = scenario();
    session.open(&format!("portfolio{}", to_fragment(&s))).await;

    let (tao, btc) = (served_last_close("TAO"), served_last_close("BTC"));
    let equity = 100.0 * tao + 0.2 * btc / 3.0;
    let fixed = size(&session, "fixed_fractional").await;
    let expected = equity * 0.01 * tao / (tao - 200.0);
    assert!(
        (fixed - expected).abs() < 1e-9 * expected,
        "{fixed} vs {expected}"
    );

    // The exit limit on the stand-in's book, halved by the scenario's haircut.
    let book = parse_depth(&depth_body("TAOUSDT")).expect("the stand-in's book");
    let thinned = stressed(&book, &Haircut::Flat(0.5)).expect("valid");
    let units = max_size_within(&thinned, Side::Sell, 47.0)
        .expect("valid")
        .base;
    let exit = size(&session, "exit_liquidity").await;
    assert!(
        (exit - units * tao).abs() < 1e-9 * exit,
        "{exit} vs {}",
        units * tao
    );

    // The suggestion is the smallest size, and its row says it binds.
    let mut sizes = Vec::new();
    for key in [
        "fixed_fractional",
        "volatility_target",
        "kelly",
        "exit_liquidity",
        "es_cap",
    ] {
        sizes.push((size(&session, key).await, key));
    }
    let (smallest, binding) = sizes
        .iter()
        .copied()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("sizes");
    assert_eq!(
        number(session.attr("#sizing-suggestion", "data-value").await),
        smallest
    );
    let row = session
        .text(&format!("#sizing-table tr[data-key='{binding}']"))
        .await;
    assert!(row.contains("binds"), "{row}");
    assert!(session
        .text("#sizing-suggestion")
        .await
        .contains("Suggested size of long TAO"));
    session.screenshot_page("portfolio-sizing").await;

    // The short BTC at 3×: its leverage check, and the choice in the link.
    session
        .js(
            "const s = document.getElementById('sizing-asset'); s.value = 'BTC'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await;
    // Binance's isolated formula with BTCUSDT's brackets, margin 0.2 BTC × the close ÷ 3.
    let distance = number(session.attr("#leverage-check", "data-value").await);
    let close = served_last_close("BTC");
    let core = liquidation_price(
        &Position {
            side: LeverageSide::Short,
            entry: close,
            size: 0.2,
        },
        &Margin::Isolated {
            wallet: 0.2 * close / 3.0,
        },
        &bracket_table("BTCUSDT").expect("snapshot"),
    )
    .expect("a price");
    assert!(
        (distance - (core.price / close - 1.0)).abs() < 1e-12,
        "{distance} vs {core:?}"
    );
    let check = session.text("#leverage-check").await;
    assert!(check.contains("BTCUSDT bracket 1"), "{check}");
    let hash = session.js("return location.hash", vec![]).await;
    let linked = decode(hash.as_str().unwrap_or_default()).expect("a scenario");
    assert_eq!(linked.sizing.asset, "BTC");

    // A setting that is not a number is refused, and the link keeps the last good one.
    session.type_into("sizing-risk", "abc").await;
    let problem = session.text("#sizing-problem").await;
    assert!(problem.contains("risk per trade"), "{problem}");
    let hash = session.js("return location.hash", vec![]).await;
    let kept = decode(hash.as_str().unwrap_or_default()).expect("a scenario");
    assert_eq!(kept.sizing.risk_per_trade, 0.01);
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn without_an_order_book_the_exit_limit_says_why_and_the_rest_still_sizes() {
    // Every API at a closed port: no book.
    let session = Session::start().await;
    session
        .open(&format!("portfolio{}", to_fragment(&scenario())))
        .await;
    let fixed = size(&session, "fixed_fractional").await;
    assert!(fixed > 0.0);
    let mut row = String::new();
    for _ in 0..200 {
        row = session
            .text("#sizing-table tr[data-key='exit_liquidity']")
            .await;
        if row.contains("no order book") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(row.contains("no order book"), "{row}");
    session.assert_no_panic().await;
    session.close().await;
}
