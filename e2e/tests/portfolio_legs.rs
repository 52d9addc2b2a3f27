//! The portfolio page's combined stress as a user meets it: the exit through order books
//! thinned by the haircut and the forced selling in each market equal the core's on the
//! stand-ins' books and open interest, each leg switches on and off through the link, and the
//! total is the sum of the legs counted.

use std::time::Duration;
use tokenrisk_core::cascade::{simulate, CascadeInput, LeverageMixPreset, DEFAULT_MAX_ROUNDS};
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::illiquidity::square_root_impact;
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::scenario::{decode, to_fragment, Holding, Legs, Scenario, Shocks};
use tokenrisk_core::stats::sample_std;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::supply_window;
use tokenrisk_e2e::stand_ins::{
    depth_body, fake_binance, fake_futures, session, session_for, Apis,
};
use tokenrisk_e2e::{served_last_close, served_series};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sources::binance::parse_depth;
use tokenrisk_market::sources::binance_futures::parse_open_interest;
use tokenrisk_market::supply_presets::{for_asset, start_supply};

/// The core's slippage cost of trading `quantity` of `symbol` on the stand-in's book halved.
fn exit_cost(symbol: &str, side: Side, quantity: f64, value: f64) -> f64 {
    let book = parse_depth(&depth_body(symbol)).expect("the stand-in's book");
    let thinned = stressed(&book, &Haircut::Flat(0.5)).expect("valid");
    let fill = market_order(&thinned, side, Size::Base(quantity)).expect("valid");
    value * fill.slippage_bps / 1e4
}

/// 100 TAO long, 0.2 BTC short.
fn long_tao_short_btc() -> Vec<Holding> {
    vec![
        Holding::spot("TAO", 100.0),
        Holding {
            short: true,
            ..Holding::spot("BTC", 0.2)
        },
    ]
}

#[tokio::test]
async fn the_exit_leg_is_the_cores_and_the_legs_add_up() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 0).await;
    let s = Scenario {
        holdings: long_tao_short_btc(),
        legs: Legs {
            market: false,
            deleveraging: false,
            supply: false,
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
/// open interest at the book's mid, `long_share` of it long, the exchange-retail mix capped at
/// the first bracket, entered at the start price, and `shock`: the move it adds.
fn cascade_added(symbol: &str, shock: f64, long_share: f64) -> f64 {
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
        long_share,
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

/// The fall TAO's preset's net selling over `horizon` days from its last served close causes
/// by the square-root law (y = 1, σ of the last 90 daily returns, the mean traded value of the
/// last 30 days), from the preset's sourced start supply (no CoinGecko here).
fn supply_fall(id: &str, horizon: usize) -> f64 {
    let series = served_series(id);
    let today = Date::from_unix(
        *series
            .prices()
            .expect("valid")
            .times()
            .last()
            .expect("a close"),
    );
    let preset = for_asset(id).expect("a preset");
    let values = preset.defaults();
    let start = start_supply(preset, &values, today, None).expect("a sourced start");
    let days = preset.run(&values, today, &start, horizon).expect("runs");
    let sold = supply_window(&days, 0, horizon)
        .expect("a window")
        .net_sold();
    let closes = &series.closes;
    let sigma = sample_std(&simple_returns(&closes[closes.len() - 91..])).expect("σ");
    let volumes = series.volumes.as_ref().expect("volumes");
    let adv = volumes[volumes.len() - 30..].iter().sum::<f64>() / 30.0;
    let close = closes[closes.len() - 1];
    -square_root_impact(sold * close, adv, sigma, 1.0).expect("valid")
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
        holdings: [long_tao_short_btc(), vec![Holding::spot("NVDA", 10.0)]].concat(),
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
        let core = cascade_added(symbol, shock, 0.725);
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
    // New supply: TAO's preset over the Monte Carlo's 90 days (from its sourced start: no
    // CoinGecko here, which the page waits out); BTC and NVDA have none.
    session.text("#supply-table tr[data-key='TAO']").await;
    let tao_fall = session
        .value_once_set("#supply-table tr[data-key='TAO']")
        .await;
    let expected_fall = supply_fall("TAO", 90);
    assert!(
        (tao_fall - expected_fall).abs() <= 1e-12,
        "{tao_fall} vs {expected_fall}"
    );
    assert!(tao_fall < 0.0);
    assert_eq!(
        session
            .value_once_set("#supply-table tr[data-key='BTC']")
            .await,
        0.0
    );
    let supply = session
        .value_once_set("#legs-table tr[data-key='supply']")
        .await;
    let expected = 100.0 * served_last_close("TAO") * tao_fall;
    assert!(
        (supply - expected).abs() < 1e-9 * expected.abs(),
        "{supply} vs {expected}"
    );
    // NVDA has no order book on a crypto venue, so the exit leg has no number and the total
    // counts the market, the forced selling and the new supply.
    let exit = session.text("#legs-table tr[data-key='liquidity']").await;
    assert!(exit.contains("not every holding has a book"), "{exit}");
    let total = session.value_once_set("#combined-total").await;
    let market = session
        .value_once_set("#legs-table tr[data-key='market']")
        .await;
    assert!(
        (total - (market + leg + supply)).abs() < 1e-9 * total.abs(),
        "{total} vs {market} + {leg} + {supply}"
    );
    // Half of TAO's new supply sold and a longer, more levered market, set on the page: the
    // fall is √2 smaller, and the link keeps both.
    session.type_into("sold-TAO", "50").await;
    session.type_into("long-share", "85").await;
    let mut half = tao_fall;
    for _ in 0..100 {
        half = session
            .value_once_set("#supply-table tr[data-key='TAO']")
            .await;
        if half != tao_fall {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        (half - expected_fall / 2f64.sqrt()).abs() <= 1e-12,
        "{half} vs {expected_fall} / √2"
    );
    let hash = session.js("return location.hash", vec![]).await;
    let linked = decode(hash.as_str().unwrap_or_default()).expect("a scenario");
    assert_eq!(
        tokenrisk_core::scenario::assumptions::edited(&linked.tokenomics, "TAO", "sell_through"),
        Some(0.5)
    );
    assert_eq!(linked.positioning.long_share, 0.85);
    let shock: f64 = session
        .attr("#deleveraging-table tr[data-key='TAO']", "data-shock")
        .await
        .and_then(|v| v.parse().ok())
        .expect("a shock");
    let mut added = 0.0;
    let expected = cascade_added("TAOUSDT", shock, 0.85);
    for _ in 0..100 {
        added = session
            .value_once_set("#deleveraging-table tr[data-key='TAO']")
            .await;
        if (added - expected).abs() <= 1e-12 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!((added - expected).abs() <= 1e-12, "{added} vs {expected}");
    session.scroll_to("#legs-heading").await;
    session.screenshot("portfolio-deleveraging").await;
    session.assert_no_panic().await;
    session.close().await;
}
