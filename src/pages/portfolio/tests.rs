//! The portfolio page's models on the committed cuts of real closes (BTC, TAO, NEAR, ICP,
//! FET, RENDER, NVDA, MSFT): valuation and edits, the risk shares, the shock's signs and
//! liquidations, the worst windows against a plain scan, and the Monte Carlo's wiring.

use super::history::history;
use super::model::Book;
use super::model::{add, book, edit, remove, Field};
use super::risk_model::{risk, worst, WINDOW_ROWS};
use super::simulation_model::{fan, figures, odds_rows, prepare, recovery, terminal, Prepared};
use super::stress_model::{StressModel, StressView};
use crate::data::{import_csv, Dataset};
use crate::figures::testing::value;
use tokenrisk_core::scenario::{Holding, Scenario, Simulation, SimulationModel};
use tokenrisk_core::simulation::job::{Job, Reply};
use tokenrisk_core::simulation::SummaryLevels;
use tokenrisk_core::stress::SELL_OFF_2026_02;
use tokenrisk_core::time::Date;
use tokenrisk_testdata::DataSet;

pub(super) fn dataset() -> Dataset {
    let files = [
        ("BTCUSDT.csv", "binance_spot_1d/BTCUSDT.csv"),
        ("TAOUSDT.csv", "binance_spot_1d/TAOUSDT.csv"),
        ("NEARUSDT.csv", "binance_spot_1d/NEARUSDT.csv"),
        ("ICPUSDT.csv", "binance_spot_1d/ICPUSDT.csv"),
        ("FETUSDT.csv", "binance_spot_1h_close/FETUSDT.csv"),
        ("RENDERUSDT.csv", "binance_spot_1h_close/RENDERUSDT.csv"),
        ("NVDA.csv", "yahoo_equities_1d/NVDA.csv"),
        ("MSFT.csv", "yahoo_equities_1d/MSFT.csv"),
    ];
    Dataset {
        snapshot_created_at: None,
        assets: files
            .iter()
            .map(|(name, rel)| {
                import_csv(name, &DataSet::Fixtures.read_market_file(rel), "").expect("valid")
            })
            .collect(),
    }
}

/// An order book around `mid`: 50 levels a side, 10 units each, 0.1 % of the mid apart from
/// 0.1 % (the sizing's and the combined stress's tests solve fills on it by hand).
pub(super) fn ladder(mid: f64) -> tokenrisk_core::order_book::OrderBook {
    let level = |k: u32, sign: f64| (mid * (1.0 + sign * 0.001 * f64::from(k)), 10.0);
    tokenrisk_core::order_book::OrderBook::from_unsorted(
        (1..=50).map(|k| level(k, -1.0)).collect(),
        (1..=50).map(|k| level(k, 1.0)).collect(),
    )
}

fn holdings(list: Vec<Holding>) -> Scenario {
    Scenario {
        holdings: list,
        ..Scenario::default()
    }
}

/// The shock through the model fitted on `b`.
fn stress(
    d: &Dataset,
    b: &Book,
    shocks: tokenrisk_core::stress::FactorShocks,
) -> Result<StressView, String> {
    StressModel::fit(d, b)?.apply(b, shocks)
}

/// The simulation of `s` on `b`'s history.
fn prepared(d: &Dataset, b: &Book, s: &Scenario) -> Result<Prepared, String> {
    prepare(&history(d, b)?, b, s)
}

fn last_close(d: &Dataset, id: &str) -> f64 {
    *d.get(id)
        .expect("asset")
        .prices
        .values()
        .last()
        .expect("a close")
}

#[test]
fn holdings_are_valued_at_the_last_close() {
    let d = dataset();
    let s = holdings(vec![
        Holding {
            entry_price: Some(300.0),
            ..Holding::spot("TAO", 10.0)
        },
        Holding {
            leverage: Some(4.0),
            short: true,
            entry_price: Some(90_000.0),
            ..Holding::spot("BTC", 0.5)
        },
        Holding::spot("DOGE", 5.0),
        Holding::spot("NEAR", 0.0),
    ]);
    let b = book(&d, &s);
    assert_eq!(b.rows.len(), 2);
    let (tao, btc) = (last_close(&d, "TAO"), last_close(&d, "BTC"));
    assert_eq!(b.rows[0].exposure, 10.0 * tao);
    assert_eq!(b.rows[0].equity, 10.0 * tao);
    assert_eq!(b.rows[0].pnl, Some(10.0 * (tao - 300.0)));
    assert_eq!(b.rows[1].equity, 0.5 * btc / 4.0);
    assert_eq!(b.rows[1].pnl, Some(-0.5 * (btc - 90_000.0)));
    assert_eq!(b.equity, 10.0 * tao + 0.5 * btc / 4.0);
    let w = b.weights();
    assert_eq!(w[1], -0.5 * btc / b.equity);
    assert_eq!(
        b.left_out,
        [
            "holding 3 (DOGE): no prices for it in the data",
            "holding 4 (NEAR): no quantity"
        ]
    );
}

#[test]
fn edits_are_checked_and_keep_the_scenario_when_refused() {
    let s = holdings(vec![Holding::spot("TAO", 1.0)]);
    let at = Date::from_ymd(2025, 5, 1);
    let e = edit(&s, 0, Field::Quantity, " 12.5 ", at).expect("a number");
    assert_eq!(e.holdings[0].quantity, 12.5);
    assert_eq!(e.as_of, at.map(Date::days));
    let e = edit(&e, 0, Field::Side, "short", None).expect("a side");
    assert!(e.holdings[0].short);
    let e = edit(&e, 0, Field::Leverage, "3", None).expect("a leverage");
    assert_eq!(e.holdings[0].leverage, Some(3.0));
    assert_eq!(
        edit(&e, 0, Field::Leverage, "1", None)
            .expect("spot")
            .holdings[0]
            .leverage,
        None
    );
    assert_eq!(
        edit(&e, 0, Field::Leverage, "", None)
            .expect("spot")
            .holdings[0]
            .leverage,
        None
    );
    assert_eq!(
        edit(&e, 0, Field::Leverage, "200", None),
        Err("Holding 1's leverage is not above 0 and at most 125".into())
    );
    assert_eq!(
        edit(&e, 0, Field::Quantity, "lots", None),
        Err("the quantity “lots” is not a number".into())
    );
    assert_eq!(
        edit(&e, 0, Field::Stop, "NaN", None),
        Err("the stop price “NaN” is not a number".into())
    );
    assert!(edit(&e, 3, Field::Stop, "1", None).is_err());
    assert_eq!(
        edit(&e, 0, Field::Asset, "near", None)
            .expect("an asset")
            .holdings[0]
            .asset,
        "NEAR"
    );
    let more = add(&e, "BTC").expect("room");
    assert_eq!(more.holdings[1], Holding::spot("BTC", 1.0));
    assert_eq!(remove(&more, 0).holdings, vec![Holding::spot("BTC", 1.0)]);
    assert_eq!(remove(&more, 9), more);
}

#[test]
fn risk_shares_add_up_and_one_holding_is_its_own_volatility() {
    let d = dataset();
    let single = book(&d, &holdings(vec![Holding::spot("TAO", 3.0)]));
    let r = risk(&history(&d, &single).expect("history"), &single).expect("figures");
    let tao = &d.get("TAO").expect("TAO").prices;
    let returns = tokenrisk_core::returns::simple_returns(tao.values());
    let sigma = tokenrisk_core::stats::sample_std(&returns).expect("σ") * 365_f64.sqrt();
    assert!((value(&r.figures, "volatility") - sigma).abs() < 1e-12);
    assert_eq!(r.rows[0][2], "100.0%");
    assert!(r.correlations.is_none());
    // One spot holding's returns are the asset's: its closes from first to last, its deepest
    // fall from a running peak.
    let closes = tao.values();
    let (first, last) = (closes[0], closes[closes.len() - 1]);
    assert!((value(&r.figures, "total_return") - (last / first - 1.0)).abs() < 1e-9);
    let years = (closes.len() - 1) as f64 / 365.0;
    let cagr = (last / first).powf(1.0 / years) - 1.0;
    assert!((value(&r.figures, "cagr") - cagr).abs() < 1e-9);
    let mut peak = f64::MIN;
    let deepest = closes.iter().fold(0.0_f64, |worst, &c| {
        peak = peak.max(c);
        worst.min(c / peak - 1.0)
    });
    assert!((value(&r.figures, "max_drawdown") - deepest).abs() < 1e-9);
    let mean = returns.iter().sum::<f64>() / returns.len() as f64;
    let sharpe = mean / (sigma / 365_f64.sqrt()) * 365_f64.sqrt();
    assert!((value(&r.figures, "sharpe") - sharpe).abs() < 1e-9);
    let mixed = book(
        &d,
        &holdings(vec![
            Holding::spot("TAO", 3.0),
            Holding::spot("NVDA", 5.0),
            Holding {
                short: true,
                ..Holding::spot("NEAR", 100.0)
            },
        ]),
    );
    let r = risk(&history(&d, &mixed).expect("history"), &mixed).expect("figures");
    let var = value(&r.figures, "var");
    assert!((value(&r.figures, "var_usd") - var * mixed.equity).abs() < 1e-9);
    assert_eq!(
        r.correlations.expect("three assets").labels,
        ["TAO", "NVDA", "NEAR"]
    );
    assert!(r.span.returns > 30);
}

#[test]
fn the_sell_off_hurts_longs_helps_shorts_and_liquidates_high_leverage() {
    let d = dataset();
    let shocks = SELL_OFF_2026_02.shocks();
    let s = holdings(vec![
        Holding::spot("TAO", 10.0),
        Holding {
            short: true,
            ..Holding::spot("TAO", 10.0)
        },
        Holding {
            leverage: Some(10.0),
            ..Holding::spot("TAO", 10.0)
        },
    ]);
    let b = book(&d, &s);
    let v = stress(&d, &b, shocks).expect("a shock");
    let (long, short, levered) = (&v.rows[0], &v.rows[1], &v.rows[2]);
    assert!(
        long.price_move < -0.2,
        "TAO falls with the sector: {}",
        long.price_move
    );
    assert!(long.std_error > 0.0 && long.std_error < 0.1);
    assert!((long.pnl - b.rows[0].exposure * long.price_move).abs() < 1e-9);
    assert!((short.pnl + long.pnl).abs() < 1e-9);
    assert!(!long.wiped_out && !short.wiped_out);
    // 10× a fall of over 20 % takes all the margin, and no more.
    assert!(levered.wiped_out);
    assert_eq!(levered.pnl, -b.rows[2].equity);
    // It is liquidated before its margin is gone: at TAOUSDT's maintenance margin, by
    // Binance's isolated formula (`tokenrisk_core::leverage`), a fall a little under 10 %.
    let row = &b.rows[2];
    let table = tokenrisk_market::brackets::bracket_table("TAOUSDT").expect("snapshot");
    let core = tokenrisk_core::leverage::liquidation_price(
        &tokenrisk_core::leverage::Position {
            side: tokenrisk_core::leverage::Side::Long,
            entry: row.price,
            size: 10.0,
        },
        &tokenrisk_core::leverage::Margin::Isolated { wallet: row.equity },
        &table,
    )
    .expect("a price");
    let point = 1.0 - core.price / row.price;
    assert_eq!(row.liquidation, Some(point));
    assert!(point > 0.08 && point < 0.1, "{point}");
    assert!(!row.liquidated_by(-0.99 * point));
    assert!((row.pnl_at(-0.99 * point) + row.exposure * 0.99 * point).abs() < 1e-9);
    assert!(row.liquidated_by(-point));
    assert_eq!(
        row.pnl_at(-point),
        -row.equity,
        "the whole margin, not 10 × the move of it"
    );
    assert!((v.pnl - (long.pnl + short.pnl + levered.pnl)).abs() < 1e-9);
    assert_eq!(v.basket, ["NVDA", "MSFT"]);
    // FET's and RENDER's cuts end in 2025-06, months before the others: left out of the
    // sector so that the loadings are estimated up to the last close.
    assert_eq!(v.sector, ["TAO", "NEAR", "ICP"]);
    assert_eq!(v.span.last, Date::from_ymd(2026, 1, 2).expect("a date"));
    // BTC on itself: loading 1 on BTC, the move is BTC's shock.
    let btc = book(&d, &holdings(vec![Holding::spot("BTC", 1.0)]));
    let v = stress(&d, &btc, shocks).expect("a shock");
    assert!((v.rows[0].price_move - shocks.btc).abs() < 1e-9);
}

#[test]
fn the_worst_window_is_the_plain_scan_minimum() {
    let d = dataset();
    let b = book(&d, &holdings(vec![Holding::spot("ICP", 50.0)]));
    let w = worst(&history(&d, &b).expect("history"), &b).expect("windows");
    let icp = &d.get("ICP").expect("ICP").prices;
    let p = icp.values();
    let (start, change) = (0..p.len() - WINDOW_ROWS)
        .map(|t| (t, p[t + WINDOW_ROWS] / p[t] - 1.0))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("windows");
    assert_eq!(w[0].start, Date::from_unix(icp.times()[start]));
    assert!((w[0].change - change).abs() < 1e-12);
    assert!((w[0].pnl - change * b.equity).abs() < 1e-6);
    assert!(w[0].biggest.starts_with("ICP "));
    // Windows never overlap.
    for (i, a) in w.iter().enumerate() {
        for z in &w[i + 1..] {
            assert!(a.end <= z.start || z.end <= a.start, "{a:?} and {z:?}");
        }
    }
}

#[test]
fn the_simulation_runs_the_scenario_and_reproduces_from_its_seed() {
    let d = dataset();
    let s = Scenario {
        holdings: vec![
            Holding {
                stop: Some(last_close(&d, "TAO") * 0.7),
                ..Holding::spot("TAO", 10.0)
            },
            Holding {
                leverage: Some(20.0),
                ..Holding::spot("BTC", 0.1)
            },
        ],
        simulation: Simulation {
            model: SimulationModel::Bootstrap { mean_block: 5.0 },
            horizon_days: 60,
            paths: 400,
        },
        seed: 3,
        ..Scenario::default()
    };
    let b = book(&d, &s);
    let p = prepared(&d, &b, &s).expect("a simulation");
    assert_eq!(p.request.paths, 400);
    assert_eq!(p.stops.len(), 1);
    assert_eq!(p.leveraged, [(1, "long BTC at 20×".to_owned())]);
    let summary = p
        .simulator
        .run(0..400)
        .summary(&SummaryLevels::default())
        .expect("a summary");
    // What the worker is sent runs the same paths.
    let mut job = Job::new(p.request.clone()).expect("the request runs");
    let sent = loop {
        if let Reply::Finished { summary, .. } = job.step() {
            break summary;
        }
    };
    assert_eq!(sent, Ok(summary.clone()));
    // 20× on BTC over 60 days: a 5 % fall liquidates it, which most paths see.
    assert!(
        summary.liquidations[1].probability > 0.3,
        "{:?}",
        summary.liquidations
    );
    assert_eq!(summary.liquidations[0].probability, 0.0);
    let rows = odds_rows(&summary, &p);
    assert_eq!(rows.len(), 2);
    assert!(rows[0][0].starts_with("Hit: stop of long TAO"));
    assert!(rows[1][0].starts_with("Liquidated: long BTC at 20×"));
    let f = fan(&summary, &p);
    assert_eq!(f.median[0], 0.0);
    assert_eq!(f.times.len(), 61);
    assert_eq!(
        Date::from_unix(*f.times.last().expect("a day")).days() - p.span.last.days(),
        60
    );
    // Every path in the terminal distribution, VaR and ES marked where the summary has them.
    let t = terminal(&summary);
    assert_eq!(t.counts.iter().sum::<u64>(), 400);
    assert_eq!(t.markers[0].1, -summary.var);
    assert_eq!(t.markers[1].1, -summary.es);
    // Every recovered path in the recovery chart, its median marked, in days.
    let r = recovery(&summary).expect("some paths recover");
    let recovered = (summary.recovered * 400.0).round() as u64;
    assert_eq!(r.counts.iter().sum::<u64>(), recovered);
    assert_eq!(Some(r.markers[0].1), summary.recovery_days[2]);
    assert_eq!(r.format, tokenrisk_charts::ValueFormat::Days);
    let shown = figures(&summary, &b, &p);
    assert_eq!(
        shown
            .figures
            .iter()
            .find(|f| f.key == "mc_recovery_days")
            .and_then(|f| f.value),
        summary.recovery_days[2]
    );
    // The same scenario gives the same numbers; another seed others.
    let again = prepared(&d, &b, &s)
        .expect("a simulation")
        .simulator
        .run(0..400);
    assert_eq!(again.terminal, p.simulator.run(0..400).terminal);
    let other = prepared(
        &d,
        &b,
        &Scenario {
            seed: 4,
            ..s.clone()
        },
    )
    .expect("a simulation");
    assert_ne!(other.simulator.run(0..400).terminal, again.terminal);
    // Two lots of one asset share its column, so even the normal model can be built.
    let twice = holdings(vec![Holding::spot("TAO", 1.0), Holding::spot("TAO", 2.0)]);
    let normal = Scenario {
        simulation: Simulation {
            model: SimulationModel::Normal,
            ..Simulation::default()
        },
        ..twice
    };
    assert!(prepared(&d, &book(&d, &normal), &normal).is_ok());
    let huge = Scenario {
        simulation: Simulation {
            paths: 500_000,
            ..Simulation::default()
        },
        ..s
    };
    let refused = prepared(&d, &b, &huge).expect_err("too many for a browser");
    assert!(refused.contains("at most 200000"), "{refused}");
}
