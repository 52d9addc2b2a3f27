//! The combined stress: the market shock (`stress_model`), the forced selling it sets off in
//! each held asset's perpetual market (`deleveraging_model`), then the cost of getting out of
//! every holding at once through its asset's order book thinned by the scenario's liquidity
//! haircut; each leg switchable (the scenario's `legs`) and each leg's part of the loss shown.
//!
//! Conventions: the legs are taken in that order, each counted one from the state the legs
//! before it that are on left. A holding's move is the market leg's `m` (0 when it is off)
//! plus the deleveraging leg's `d` (0 when off); its P&L `±q · P · move`, or its whole equity
//! `−E` once the move reaches its liquidation point (`model::Valued::pnl_at`: a leveraged
//! position liquidated loses its margin, no more), so the deleveraging leg is
//! `Σ [pnl(m + d) − pnl(m)]`. The exit leg sells each long (buys back each short) of `q` units
//! into the live order book of its asset with the share `h` of every level's depth removed
//! (`tokenrisk_core::depth_stress::stressed`, `Haircut::Flat(h)`), costed as the fill's
//! slippage from the mid (half the spread included) on the position's value after the moves
//! counted, `q · P · (1 + m + d) · slippage`: the book's shape in relative terms is assumed to
//! hold at the moved price. A position the moves liquidated has nothing left to exit. When the
//! thinned book runs out, the cost is of the part it holds: a lower bound, and the row says so.

use super::model::Book;
use super::stress_model::StressView;
use crate::format::{percent, price};
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::scenario::Legs;

/// One holding's exit after the shock.
#[derive(Debug, Clone, PartialEq)]
pub struct Exit {
    /// Asset and side.
    pub holding: String,
    /// Its cost in USD (positive), or why there is none.
    pub cost: Result<f64, String>,
    /// The fill's slippage from the mid, in basis points.
    pub slippage_bps: Option<f64>,
    /// Whether the thinned book ran out before the position was out (the cost is then a
    /// lower bound).
    pub book_ran_out: bool,
}

/// A leg of the combined stress.
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    /// Stable key (the row's `data-key`).
    pub key: &'static str,
    /// Its name.
    pub label: &'static str,
    /// Whether the scenario counts it.
    pub on: bool,
    /// Its change in USD (a loss negative), or why there is none.
    pub change: Result<f64, String>,
}

/// The combined stress: its legs, their total and the exits behind the liquidity leg.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    /// The market leg, the deleveraging leg, the supply leg, then the liquidity leg.
    pub legs: Vec<Leg>,
    /// The sum of the legs that are on and have a number, USD.
    pub total: f64,
    /// That total over equity.
    pub change: f64,
    /// Each holding's exit.
    pub exits: Vec<Exit>,
}

/// Column headers of [`exit_cells`].
pub const EXIT_HEADERS: [&str; 3] = ["Holding", "Slippage from the mid", "Cost after the moves"];

/// An exit's cells.
pub fn exit_cells(e: &Exit) -> [String; 3] {
    [
        e.holding.clone(),
        e.slippage_bps
            .map_or("—".to_owned(), |b| format!("{b:.1} bp")),
        match &e.cost {
            Ok(c) if e.book_ran_out => {
                format!("more than {} (the thinned book ran out)", price(*c))
            }
            Ok(c) => price(*c),
            Err(why) => why.clone(),
        },
    ]
}

/// What the markets of holding `i`'s asset hold for the combined stress.
#[derive(Debug, Clone, Copy)]
pub struct RowMarket<'a> {
    /// The asset's order book, or why there is none.
    pub book: Result<&'a OrderBook, &'a str>,
    /// The move forced selling adds to the shock ([`super::deleveraging_model`]), or why
    /// there is none.
    pub forced: Result<f64, &'a str>,
    /// The move new supply sold within the horizon causes ([`super::supply_model`]), or why
    /// there is none.
    pub supply: Result<f64, &'a str>,
}

/// A leg that moves prices, counted from the moves `so_far` of the legs before it: its
/// change `Σ [pnl(so_far + x) − pnl(so_far)]` over the rows' moves `x` (or the first reason a
/// row has none), and `so_far` moved by it when it is `on` and has a number.
fn price_leg(
    book: &Book,
    so_far: &mut [f64],
    moves: impl Iterator<Item = Result<f64, String>>,
    on: bool,
) -> Result<f64, String> {
    let moves = moves.collect::<Result<Vec<f64>, String>>()?;
    let change = book
        .rows
        .iter()
        .zip(so_far.iter())
        .zip(&moves)
        .map(|((row, before), x)| row.pnl_at(before + x) - row.pnl_at(*before))
        .sum();
    if on {
        for (before, x) in so_far.iter_mut().zip(moves) {
            *before += x;
        }
    }
    Ok(change)
}

/// The combined stress of `book` under `shocked`, with `markets[i]` holding `i`'s asset's
/// order book (thinned by `haircut` for the exit) and the moves its forced selling and new
/// supply add, the legs as `legs` says.
pub fn combine(
    book: &Book,
    shocked: &StressView,
    markets: &[RowMarket<'_>],
    haircut: f64,
    legs: Legs,
) -> Combined {
    // Each row's move before the exit: the market leg's, then the other legs' that are on.
    let mut so_far: Vec<f64> = shocked
        .rows
        .iter()
        .map(|r| if legs.market { r.price_move } else { 0.0 })
        .collect();
    let deleveraging = price_leg(
        book,
        &mut so_far,
        markets.iter().map(|m| m.forced.map_err(str::to_owned)),
        legs.deleveraging,
    )
    .map_err(|why| format!("not every market's cascade ran ({why})"));
    let supply = price_leg(
        book,
        &mut so_far,
        markets.iter().map(|m| m.supply.map_err(str::to_owned)),
        legs.supply,
    )
    .map_err(|why| format!("not every token's supply is known ({why})"));
    let exits: Vec<Exit> = book
        .rows
        .iter()
        .zip(&so_far)
        .zip(markets)
        .map(|((row, &moved), market)| {
            let name = row.name();
            if row.liquidated_by(moved) {
                return Exit {
                    holding: name,
                    cost: Ok(0.0),
                    slippage_bps: None,
                    book_ran_out: false,
                };
            }
            let fill = market.book.map_err(str::to_owned).and_then(|b| {
                let thinned = stressed(b, &Haircut::Flat(haircut)).map_err(|e| e.to_string())?;
                let side = if row.holding.short {
                    Side::Buy
                } else {
                    Side::Sell
                };
                market_order(&thinned, side, Size::Base(row.holding.quantity))
                    .map_err(|e| e.to_string())
            });
            // Out at the price the legs counted left, today's when they are off.
            let value_after = row.exposure * (1.0 + moved);
            match fill {
                Ok(f) => Exit {
                    holding: name,
                    cost: Ok(
                        value_after * (f.filled_base / row.holding.quantity) * f.slippage_bps / 1e4,
                    ),
                    slippage_bps: Some(f.slippage_bps),
                    book_ran_out: f.exhausted,
                },
                Err(why) => Exit {
                    holding: name,
                    cost: Err(why),
                    slippage_bps: None,
                    book_ran_out: false,
                },
            }
        })
        .collect();
    let liquidity = exits
        .iter()
        .map(|e| e.cost.clone())
        .try_fold(0.0, |sum, c| c.map(|c| sum - c));
    let legs = vec![
        Leg {
            key: "market",
            label: "Market shock",
            on: legs.market,
            change: Ok(shocked.pnl),
        },
        Leg {
            key: "deleveraging",
            label: "Forced selling in each market",
            on: legs.deleveraging,
            change: deleveraging,
        },
        Leg {
            key: "supply",
            label: "New supply sold within the horizon",
            on: legs.supply,
            change: supply,
        },
        Leg {
            key: "liquidity",
            label: "Exit through thinned books",
            on: legs.liquidity,
            change: liquidity.map_err(|why| format!("not every holding has a book ({why})")),
        },
    ];
    let total: f64 = legs
        .iter()
        .filter(|l| l.on)
        .filter_map(|l| l.change.as_ref().ok())
        .sum();
    Combined {
        change: total / book.equity,
        legs,
        total,
        exits,
    }
}

/// How a leg's change reads, with its share of equity.
pub fn leg_text(change: &Result<f64, String>, equity: f64) -> String {
    match change {
        Ok(c) => format!("{} ({})", price(*c), percent(c / equity, 1)),
        Err(why) => why.clone(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::pages::portfolio::model::book;
    use crate::pages::portfolio::stress_model::StressModel;
    use crate::pages::portfolio::tests::{dataset, ladder};
    use tokenrisk_core::scenario::{Holding, Scenario};

    fn setup(s: &Scenario) -> (Book, StressView) {
        let d = dataset();
        let b = book(&d, s);
        let shocked = StressModel::fit(&d, &b)
            .and_then(|m| m.apply(&b, s.shocks.into()))
            .expect("a shock");
        (b, shocked)
    }

    /// Each row's market: its book, the moves `forced` selling and new `supply` add.
    fn markets<'a>(
        books: [Result<&'a OrderBook, &'a str>; 2],
        forced: [f64; 2],
        supply: [f64; 2],
    ) -> Vec<RowMarket<'a>> {
        books
            .into_iter()
            .zip(forced.into_iter().zip(supply))
            .map(|(book, (f, s))| RowMarket {
                book,
                forced: Ok(f),
                supply: Ok(s),
            })
            .collect()
    }

    fn scenario() -> Scenario {
        Scenario {
            holdings: vec![
                Holding::spot("TAO", 100.0),
                Holding {
                    short: true,
                    ..Holding::spot("BTC", 0.2)
                },
            ],
            ..Scenario::default()
        }
    }

    #[test]
    fn the_exit_leg_is_the_slippage_of_each_holding_on_its_thinned_book() {
        let s = scenario();
        let (b, shocked) = setup(&s);
        let (tao, btc) = (ladder(250.0), ladder(90_000.0));
        let c = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], [0.0; 2], [0.0; 2]),
            0.5,
            Legs::default(),
        );
        // Halved, each level holds 5: 100 TAO take 20 whole levels, 10.5 × 10 bp on average;
        // 0.2 BTC bought back from the first ask level, 10 bp.
        let after = |i: usize| b.rows[i].exposure * (1.0 + shocked.rows[i].price_move);
        let expected = [after(0) * 0.0105, after(1) * 0.001];
        for (e, x) in c.exits.iter().zip(expected) {
            let cost = e.cost.clone().expect("a book");
            assert!((cost - x).abs() < 1e-9 * x, "{}: {cost} vs {x}", e.holding);
        }
        assert_eq!(c.legs[0].change, Ok(shocked.pnl));
        assert_eq!(c.legs[1].change, Ok(0.0), "no forced selling added");
        assert_eq!(c.legs[2].change, Ok(0.0), "no supply sold");
        let liquidity = c.legs[3].change.clone().expect("both books");
        assert!((liquidity + expected[0] + expected[1]).abs() < 1e-9 * expected[0]);
        assert!((c.total - (shocked.pnl + liquidity)).abs() < 1e-9 * c.total.abs());
        assert!((c.change - c.total / b.equity).abs() < 1e-15);
        // A leg switched off does not count; without the market leg the exit is at today's
        // price.
        let no_exit = Legs {
            liquidity: false,
            ..Legs::default()
        };
        assert_eq!(
            combine(
                &b,
                &shocked,
                &markets([Ok(&tao), Ok(&btc)], [0.0; 2], [0.0; 2]),
                0.5,
                no_exit
            )
            .total,
            shocked.pnl
        );
        let exit_only = Legs {
            market: false,
            ..Legs::default()
        };
        let today = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], [0.0; 2], [0.0; 2]),
            0.5,
            exit_only,
        );
        let cost_today = today.exits[0].cost.clone().expect("a book");
        assert!((cost_today - b.rows[0].exposure * 0.0105).abs() < 1e-9 * cost_today);
    }

    #[test]
    fn a_missing_book_or_a_book_that_runs_out_says_so() {
        let s = scenario();
        let (b, shocked) = setup(&s);
        let tao = ladder(250.0);
        let c = combine(
            &b,
            &shocked,
            &markets(
                [Ok(&tao), Err("no order book: offline")],
                [0.0; 2],
                [0.0; 2],
            ),
            0.5,
            Legs::default(),
        );
        assert!(c.legs[3]
            .change
            .as_ref()
            .expect_err("one book missing")
            .contains("offline"));
        assert_eq!(c.total, shocked.pnl, "the market leg alone");
        // 1,000 TAO: the thinned book holds 250.
        let mut big = scenario();
        big.holdings[0].quantity = 1_000.0;
        let (b, shocked) = setup(&big);
        let btc = ladder(90_000.0);
        let c = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], [0.0; 2], [0.0; 2]),
            0.5,
            Legs::default(),
        );
        assert!(c.exits[0].book_ran_out);
        assert!(exit_cells(&c.exits[0])[2].contains("ran out"));
    }

    #[test]
    fn forced_selling_moves_each_holding_further_and_the_exit_starts_from_there() {
        let mut s = scenario();
        // A 5× long TAO: its margin is a fifth of its value.
        s.holdings[0].leverage = Some(5.0);
        let (b, shocked) = setup(&s);
        let (tao, btc) = (ladder(250.0), ladder(90_000.0));
        let m: Vec<f64> = shocked.rows.iter().map(|r| r.price_move).collect();
        let added = [-0.04, -0.03];
        let c = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], added, [0.0; 2]),
            0.5,
            Legs::default(),
        );
        // Long TAO loses 4 % more of its value (unless its margin runs out first); short BTC
        // gains 3 %.
        let pnl = |i: usize, x: f64| b.rows[i].pnl_at(x);
        let expected: f64 = (0..2).map(|i| pnl(i, m[i] + added[i]) - pnl(i, m[i])).sum();
        let leg = c.legs[1].change.clone().expect("both cascades ran");
        assert!(
            (leg - expected).abs() < 1e-9 * expected.abs(),
            "{leg} vs {expected}"
        );
        assert!(
            pnl(1, m[1] + added[1]) - pnl(1, m[1]) > 0.0,
            "the short gains"
        );
        // The exit is costed on the value after both moves.
        let btc_cost = c.exits[1].cost.clone().expect("a book");
        let after = b.rows[1].exposure * (1.0 + m[1] + added[1]);
        assert!((btc_cost - after * 0.001).abs() < 1e-9 * btc_cost);
        // Enough forced selling to take the TAO margin: the loss stops at the margin and
        // there is nothing left to exit.
        let deep = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], [-0.5, 0.0], [0.0; 2]),
            0.5,
            Legs::default(),
        );
        let tao_loss = c.legs[0].change.clone().expect("market") - shocked.rows[1].pnl
            + deep.legs[1].change.clone().expect("ran");
        assert!(
            (tao_loss + b.rows[0].equity).abs() < 1e-9 * b.rows[0].equity,
            "{tao_loss}"
        );
        assert_eq!(deep.exits[0].cost, Ok(0.0));
        // Switched off, the leg moves nothing; a market whose cascade could not run leaves
        // the leg without a number and the total without it.
        let off = Legs {
            deleveraging: false,
            ..Legs::default()
        };
        let without = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], added, [0.0; 2]),
            0.5,
            off,
        );
        let plain = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], [0.0; 2], [0.0; 2]),
            0.5,
            Legs::default(),
        );
        assert_eq!(without.total, plain.total);
        let mut failed = markets([Ok(&tao), Ok(&btc)], added, [0.0; 2]);
        failed[1].forced = Err("no open interest: offline");
        let c = combine(&b, &shocked, &failed, 0.5, Legs::default());
        assert!(c.legs[1]
            .change
            .as_ref()
            .expect_err("one failed")
            .contains("offline"));
        let counted: f64 = [&c.legs[0], &c.legs[2], &c.legs[3]]
            .iter()
            .map(|l| l.change.clone().expect("a number"))
            .sum();
        assert!((c.total - counted).abs() < 1e-9 * c.total.abs());
    }

    #[test]
    fn the_supply_leg_counts_from_where_the_forced_selling_left_the_prices() {
        let s = scenario();
        let (b, shocked) = setup(&s);
        let (tao, btc) = (ladder(250.0), ladder(90_000.0));
        let m: Vec<f64> = shocked.rows.iter().map(|r| r.price_move).collect();
        let (forced, supply) = ([-0.04, -0.03], [-0.02, 0.0]);
        let pnl = |i: usize, x: f64| b.rows[i].pnl_at(x);
        let c = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], forced, supply),
            0.5,
            Legs::default(),
        );
        let expected: f64 = (0..2)
            .map(|i| pnl(i, m[i] + forced[i] + supply[i]) - pnl(i, m[i] + forced[i]))
            .sum();
        let leg = c.legs[2].change.clone().expect("both known");
        assert!(
            (leg - expected).abs() < 1e-9 * expected.abs(),
            "{leg} vs {expected}"
        );
        // TAO is sold at the price all three moves left.
        let tao_cost = c.exits[0].cost.clone().expect("a book");
        let after = b.rows[0].exposure * (1.0 + m[0] + forced[0] + supply[0]);
        assert!((tao_cost - after * 0.0105).abs() < 1e-9 * tao_cost);
        // Without the forced selling, the supply leg counts from the shock alone.
        let no_forced = Legs {
            deleveraging: false,
            ..Legs::default()
        };
        let c = combine(
            &b,
            &shocked,
            &markets([Ok(&tao), Ok(&btc)], forced, supply),
            0.5,
            no_forced,
        );
        let expected: f64 = (0..2)
            .map(|i| pnl(i, m[i] + supply[i]) - pnl(i, m[i]))
            .sum();
        let leg = c.legs[2].change.clone().expect("both known");
        assert!((leg - expected).abs() < 1e-9 * expected.abs());
        // A switched-off leg still shows what it would add, and the total leaves it out.
        let forced_shown = c.legs[1].change.clone().expect("ran");
        assert!(forced_shown < 0.0);
        let counted: f64 = [&c.legs[0], &c.legs[2], &c.legs[3]]
            .iter()
            .map(|l| l.change.clone().expect("a number"))
            .sum();
        assert!((c.total - counted).abs() < 1e-9 * c.total.abs());
    }
}
