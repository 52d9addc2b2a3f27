//! The sizing panel's numbers on the committed real closes, each rule against its closed form
//! computed here by hand, the exit limit on a ladder book solved by hand, the ES cap by its
//! definition, the leverage check against a plain scan.

use super::history::history;
use super::model::book;
use super::sizing_model::{sizing, SizingView};
use super::tests::{dataset, ladder};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::portfolio::exposure_tail_contributions;
use tokenrisk_core::scenario::{Holding, Scenario, Sizing};

/// 100 TAO with a stop at 200, and 0.2 BTC short at 3×.
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
        ..Scenario::default()
    }
}

fn view(s: &Scenario, order_book: Result<&OrderBook, String>) -> SizingView {
    let d = dataset();
    let b = book(&d, s);
    let h = history(&d, &b).expect("history");
    sizing(&h, &b, &s.sizing, s.liquidity_haircut, order_book).expect("a sizing")
}

fn value(v: &SizingView, key: &str) -> Result<f64, String> {
    v.rows
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
        .value
        .clone()
}

/// Annualised mean and volatility (ddof 1) of the first holding's returns, by hand.
fn moments(s: &Scenario) -> (f64, f64, f64) {
    let d = dataset();
    let b = book(&d, s);
    let h = history(&d, &b).expect("history");
    let r = &h.holding_returns()[0];
    let n = r.len() as f64;
    let m = r.iter().sum::<f64>() / n;
    let var = r.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    let p = h.aligned.calendar().periods_per_year();
    (m * p, (var * p).sqrt(), b.equity)
}

#[test]
fn each_rule_is_its_closed_form() {
    let s = scenario();
    let v = view(&s, Err("no book".into()));
    let (mu, sigma, e) = moments(&s);
    let close = v.price;
    assert_eq!(v.name, "long TAO");
    let ff = value(&v, "fixed_fractional").expect("a stop");
    assert!((ff - e * 0.01 * close / (close - 200.0)).abs() < 1e-9 * ff);
    let vt = value(&v, "volatility_target").expect("a volatility");
    assert!((vt - e * 0.2 / sigma).abs() < 1e-9 * vt);
    let k = value(&v, "kelly").expect("a Kelly size");
    assert!((k - e * 0.25 * (mu / (sigma * sigma)).max(0.0)).abs() < 1e-9 * e);
    assert_eq!(value(&v, "exit_liquidity"), Err("no book".into()));
    // The binding row is the smallest size.
    let smallest = v
        .rows
        .iter()
        .filter_map(|r| r.value.clone().ok())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(v.suggestion(), Some(smallest));
}

#[test]
fn the_exit_limit_on_a_ladder_book_is_solved_by_hand() {
    let mut s = scenario();
    s.sizing.slippage_limit_bps = 47.0;
    let close = view(&s, Err(String::new())).price;
    let v = view(&s, Ok(&ladder(close)));
    // Halved, each level holds 5: eight whole levels average 45 bp; the ninth (90 bp) gives
    // x = (5 · 7.964 − 40 · 0.9953) / (0.9953 − 0.991) units more.
    let units = 40.0 + (5.0 * 7.964 - 40.0 * 0.9953) / (0.9953 - 0.991);
    let exit = value(&v, "exit_liquidity").expect("a book");
    assert!(
        (exit - units * close).abs() < 1e-6 * exit,
        "{exit} vs {}",
        units * close
    );
    // A tighter limit than the book's half spread: nothing exits.
    s.sizing.slippage_limit_bps = 5.0;
    let v = view(&s, Ok(&ladder(close)));
    assert_eq!(value(&v, "exit_liquidity"), Ok(0.0));
    assert_eq!(v.rows[v.binding.expect("binds")].key, "exit_liquidity");
}

#[test]
fn the_es_cap_is_where_the_holdings_part_of_the_es_meets_the_cap() {
    let s = scenario();
    let d = dataset();
    let b = book(&d, &s);
    let h = history(&d, &b).expect("history");
    let v = view(&s, Err(String::new()));
    let cap = value(&v, "es_cap").expect("binds");
    let part = |size: f64| {
        let mut w = b.weights();
        w[0] = size / b.equity;
        exposure_tail_contributions(&h.holding_returns(), &w, 0.95)
            .expect("valid")
            .component_es[0]
    };
    assert!(part(cap) <= 0.02 + 1e-12, "{}", part(cap));
    assert!(
        part(cap * (1.0 + 1e-9)) > 0.02,
        "{}",
        part(cap * (1.0 + 1e-9))
    );
}

#[test]
fn a_missing_or_wrong_stop_and_another_holding_say_why() {
    let mut s = scenario();
    s.holdings[0].stop = None;
    let none = value(&view(&s, Err(String::new())), "fixed_fractional").expect_err("no stop");
    assert!(none.contains("no stop"), "{none}");
    s.holdings[0].stop = Some(1e6);
    let wrong = value(&view(&s, Err(String::new())), "fixed_fractional").expect_err("above");
    assert!(wrong.contains("wrong side"), "{wrong}");
    s.sizing = Sizing {
        asset: "BTC".into(),
        ..Sizing::default()
    };
    let btc = view(&s, Err(String::new()));
    assert_eq!(btc.name, "short BTC");
    assert_eq!(btc.holding, 1);
}

#[test]
fn the_leverage_check_scans_the_adverse_days() {
    let mut s = scenario();
    s.sizing.asset = "BTC".into();
    let d = dataset();
    let b = book(&d, &s);
    let h = history(&d, &b).expect("history");
    let v = view(&s, Err(String::new()));
    let check = v.leverage.expect("leveraged").expect("a check");
    // A 3× short BTC: Binance's isolated formula with BTCUSDT's brackets, which at this size
    // is the flat one at the first bracket's rate.
    let rate = tokenrisk_market::brackets::bracket_table("BTCUSDT")
        .expect("snapshot")
        .brackets()[0]
        .maintenance_rate;
    let distance = (4.0 / 3.0) / (1.0 + rate) - 1.0;
    assert!((check.distance - distance).abs() < 1e-12);
    assert!((check.price - v.price * (1.0 + distance)).abs() < 1e-9 * v.price);
    assert!(
        check.maintenance.contains("BTCUSDT"),
        "{}",
        check.maintenance
    );
    let r = &h.holding_returns()[1];
    let beyond = r.iter().filter(|x| **x >= distance).count() as f64 / r.len() as f64;
    assert_eq!(check.days_beyond, beyond);
    assert_eq!(check.worst_day, r.iter().copied().fold(f64::MIN, f64::max));
    assert!(check.var99 >= check.var95 && check.var95 > 0.0);
    // A spot holding has none.
    assert!(view(&scenario(), Err(String::new())).leverage.is_none());
}
