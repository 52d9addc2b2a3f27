//! Invariants of market orders and liquidation cascades on generated order books (proptest):
//! cost grows with size, a deeper book never costs more, stressing never lowers cost, filled +
//! unfilled = requested, the largest size within a limit stays within it; a cascade moves the
//! price only the way of its shock and never ends short of the shocked price, liquidates each
//! position at most once (never more than the open interest), ends within its round limit and
//! gives the same result for the same input; a replayed path liquidates in proportion to open
//! interest and never more than it, a deeper low never fewer longs; a liquidation map holds
//! every liquidation price in its range once; and nothing panics on arbitrary input.

use proptest::prelude::*;
use tokenrisk_core::cascade::{
    ladder, liquidation_map, replay, simulate, CascadeInput, Cohort, LeverageMix, Mark, PathPoint,
};
use tokenrisk_core::depth_stress::{stressed, Haircut, HaircutPreset};
use tokenrisk_core::execution::{market_order, max_size_within, Side, Size};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::order_book::OrderBook;

/// A valid book around 100: 1 to 40 levels a side, price steps of 0.001 to 2, quantities
/// 0.001 to 100, a half-spread of 0.001 to 1.
fn book() -> impl Strategy<Value = OrderBook> {
    let side = || prop::collection::vec((0.001..2.0f64, 0.001..100.0f64), 1..40);
    (0.001..1.0f64, side(), side()).prop_map(|(half, bids, asks)| {
        let walk = |levels: Vec<(f64, f64)>, start: f64, sign: f64| {
            levels
                .into_iter()
                .scan(start, |price, (step, quantity)| {
                    let level = (*price, quantity);
                    *price += sign * step;
                    Some(level)
                })
                .filter(|(p, _)| *p > 0.0)
                .collect::<Vec<_>>()
        };
        OrderBook {
            bids: walk(bids, 100.0 - half, -1.0),
            asks: walk(asks, 100.0 + half, 1.0),
        }
    })
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Sell), Just(Side::Buy)]
}

fn size(amount: f64, quote: bool) -> Size {
    if quote {
        Size::Quote(amount * 100.0)
    } else {
        Size::Base(amount)
    }
}

/// Slack for comparing costs computed along different float paths.
fn slack(x: f64) -> f64 {
    1e-9 * x.abs().max(1.0)
}

proptest! {
    #[test]
    fn cost_grows_with_size(book in book(), side in side(), a in 0.001..500.0f64, b in 0.001..500.0f64, quote: bool) {
        let (small, large) = (a.min(b), a.max(b));
        let s = market_order(&book, side, size(small, quote)).expect("valid");
        let l = market_order(&book, side, size(large, quote)).expect("valid");
        prop_assert!(s.slippage_bps <= l.slippage_bps + slack(l.slippage_bps));
        prop_assert!(s.cost_quote() <= l.cost_quote() + slack(l.cost_quote()));
        prop_assert!(s.levels_consumed <= l.levels_consumed);
    }

    #[test]
    fn a_deeper_book_never_costs_more(
        book in book(),
        side in side(),
        amount in 0.001..500.0f64,
        quote: bool,
        factors in prop::collection::vec(1.0..5.0f64, 80),
    ) {
        let mut deeper = book.clone();
        for (level, factor) in deeper.bids.iter_mut().chain(deeper.asks.iter_mut()).zip(&factors) {
            level.1 *= factor;
        }
        let normal = market_order(&book, side, size(amount, quote)).expect("valid");
        let deep = market_order(&deeper, side, size(amount, quote)).expect("valid");
        // Past exhaustion the deeper book fills more, at worse levels: compare filled orders.
        if !normal.exhausted {
            prop_assert!(deep.slippage_bps <= normal.slippage_bps + slack(normal.slippage_bps));
            prop_assert!(!deep.exhausted);
        }
    }

    #[test]
    fn stressing_never_lowers_cost(book in book(), side in side(), amount in 0.001..500.0f64, quote: bool, h in 0.0..0.99f64, preset in 0usize..3) {
        for haircut in [Haircut::Flat(h), HaircutPreset::ALL[preset].haircut()] {
            let thin = stressed(&book, &haircut).expect("a valid haircut");
            prop_assert!(thin.validate().is_ok());
            let normal = market_order(&book, side, size(amount, quote)).expect("valid");
            let stress = market_order(&thin, side, size(amount, quote)).expect("valid");
            prop_assert_eq!(stress.mid, normal.mid);
            if !stress.exhausted {
                prop_assert!(stress.slippage_bps + slack(stress.slippage_bps) >= normal.slippage_bps);
            }
        }
    }

    #[test]
    fn filled_plus_unfilled_is_requested(book in book(), side in side(), amount in 0.001..5000.0f64, quote: bool) {
        let order = size(amount, quote);
        let f = market_order(&book, side, order).expect("valid");
        let (filled, unfilled, requested) = match order {
            Size::Base(q) => (f.filled_base, f.unfilled_base, q),
            Size::Quote(q) => (f.filled_quote, f.unfilled_quote, q),
        };
        prop_assert!((filled + unfilled - requested).abs() <= 1e-9 * requested);
        prop_assert_eq!(f.exhausted, unfilled > 0.0);
        prop_assert!(f.slippage_bps >= 0.0);
    }

    #[test]
    fn the_largest_size_within_a_limit_stays_within_it(book in book(), side in side(), limit in 0.0..5000.0f64) {
        let m = max_size_within(&book, side, limit).expect("valid");
        if m.base > 0.0 {
            let f = market_order(&book, side, Size::Base(m.base)).expect("valid");
            prop_assert!(f.slippage_bps <= limit + 1e-6 * limit.max(1.0));
            if !m.whole_side {
                // At the answer the limit binds.
                prop_assert!((f.slippage_bps - limit).abs() <= 1e-6 * limit.max(1.0));
            }
        }
    }

    #[test]
    fn arbitrary_input_never_panics(
        bids in prop::collection::vec((any::<f64>(), any::<f64>()), 0..6),
        asks in prop::collection::vec((any::<f64>(), any::<f64>()), 0..6),
        amount in any::<f64>(),
        quote: bool,
        h in any::<f64>(),
        limit in any::<f64>(),
    ) {
        let book = OrderBook { bids, asks };
        let order = if quote { Size::Quote(amount) } else { Size::Base(amount) };
        for side in [Side::Sell, Side::Buy] {
            let filled = market_order(&book, side, order);
            if book.validate().is_err() || !(amount.is_finite() && amount > 0.0) {
                prop_assert!(filled.is_err());
            }
            let _ = max_size_within(&book, side, limit);
        }
        if let Ok(thin) = stressed(&book, &Haircut::Flat(h)) {
            let _ = market_order(&thin, Side::Sell, order);
        }
    }
}

/// A cascade on a generated book: open interest up to 50× the book's quote depth, any long
/// share, up to six entry prices within ±8 % of the start, a mix of up to five leverages from
/// 1× to 125×, a flat haircut, optional replenishment.
fn cascade_input() -> impl Strategy<Value = CascadeInput> {
    (
        book(),
        -0.5..0.5f64,
        0.0..50.0f64,
        0.0..=1.0f64,
        prop::collection::vec((-0.08..0.08f64, 0.0..1.0f64), 0..6),
        prop::collection::vec((1.0..125.0f64, 0.01..1.0f64), 1..5),
        0.0..0.95f64,
        prop_oneof![Just(0.0), 0.0..=1.0f64],
        1..200usize,
    )
        .prop_filter("a move", |t| t.1.abs() > 1e-4)
        .prop_map(
            |(book, shock, oi, long_share, entries, mix, haircut, replenishment, max_rounds)| {
                let depth: f64 = book.bids.iter().chain(&book.asks).map(|(p, q)| p * q).sum();
                CascadeInput {
                    book,
                    start_price: 100.0,
                    shock,
                    open_interest: oi * depth,
                    long_share,
                    entries: entries
                        .into_iter()
                        .map(|(d, w)| (100.0 * (1.0 + d), w + 0.01))
                        .collect(),
                    mix: LeverageMix { buckets: mix },
                    bracket: Bracket {
                        notional_floor: 0.0,
                        notional_cap: 1e15,
                        max_leverage: 125.0,
                        maintenance_rate: 0.004,
                        maintenance_amount: 0.0,
                    },
                    haircut: Haircut::Flat(haircut),
                    replenishment,
                    max_rounds,
                }
            },
        )
}

proptest! {
    #[test]
    fn a_cascade_moves_the_price_only_the_way_of_the_shock(input in cascade_input()) {
        let r = simulate(&input).expect("valid input");
        let path = r.price_path();
        let s = input.shock.signum();
        // Each round's price is at or beyond the last: a fall never ends above the shocked
        // price, a rise never below it, and the cascade only adds to the shock.
        for w in path.windows(2) {
            prop_assert!(s * (w[1] - w[0]) >= -slack(w[0]), "{path:?}");
        }
        prop_assert!(r.amplification >= 1.0 - 1e-9);
        if s < 0.0 {
            prop_assert!(r.final_price <= r.shocked_price + slack(r.shocked_price));
            prop_assert!(r.liquidated_short == 0.0);
            prop_assert!(r.liquidated_long <= input.open_interest * input.long_share + slack(input.open_interest));
        } else {
            prop_assert!(r.final_price >= r.shocked_price - slack(r.shocked_price));
            prop_assert!(r.liquidated_long == 0.0);
        }
    }

    #[test]
    fn a_cascade_liquidates_each_position_at_most_once_and_ends(input in cascade_input()) {
        let r = simulate(&input).expect("valid input");
        prop_assert!(r.liquidated_base <= r.open_interest_base + slack(r.open_interest_base));
        prop_assert!(r.rounds.len() <= input.max_rounds);
        let cohorts: usize = r.rounds.iter().map(|round| round.cohorts).sum();
        prop_assert!(r.rounds.iter().all(|round| round.cohorts >= 1));
        let most = 2 * input.entries.len().max(1) * input.mix.buckets.len();
        prop_assert!(cohorts <= most);
        prop_assert!(r.absorbed >= 0.0 && r.insurance_loss >= 0.0 && r.to_adl >= 0.0);
        prop_assert_eq!(simulate(&input).expect("valid input"), r);
    }

    #[test]
    fn a_cascade_never_panics_on_arbitrary_numbers(
        input in cascade_input(),
        start in any::<f64>(),
        shock in any::<f64>(),
        oi in any::<f64>(),
        share in any::<f64>(),
        leverage in any::<f64>(),
        entry in any::<f64>(),
    ) {
        let mut input = input;
        input.start_price = start;
        input.shock = shock;
        input.open_interest = oi;
        input.long_share = share;
        input.mix.buckets.push((leverage, 1.0));
        input.entries.push((entry, 1.0));
        if let Ok(r) = simulate(&input) {
            prop_assert!(r.final_price.is_finite() && r.final_price > 0.0);
        }
    }
}

/// A path of 1 to 12 prices from 100, each within ±30 % of the one before.
fn price_path() -> impl Strategy<Value = Vec<PathPoint>> {
    prop::collection::vec(-0.3..0.3f64, 0..12).prop_map(|moves| {
        std::iter::once(0.0)
            .chain(moves)
            .scan(100.0, |price, m| {
                *price *= 1.0 + m;
                Some(PathPoint {
                    bar_start: 0,
                    mark: Mark::Close,
                    price: *price,
                })
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn a_replay_liquidates_in_proportion_to_open_interest_and_never_more_than_it(
        input in cascade_input(),
        path in price_path(),
        scale in 0.01..100.0f64,
    ) {
        let r = replay(&input.ladder_input(), &path).expect("valid input");
        let oi = input.open_interest;
        // Liquidation prices are below the first price for longs and above it for shorts,
        // so a side's liquidated notional is under its notional at the first price scaled by
        // the widest move.
        let top = path.iter().map(|p| p.price).fold(0.0, f64::max) / 100.0;
        prop_assert!(r.liquidated_long <= oi * input.long_share + slack(oi));
        prop_assert!(r.liquidated_short <= oi * (1.0 - input.long_share) * top + slack(oi * top));
        let step_sum: f64 = r.steps.iter().map(|s| s.liquidated_long + s.liquidated_short).sum();
        prop_assert!((step_sum - r.liquidated_long - r.liquidated_short).abs() <= slack(oi));
        let mut bigger = input.clone();
        bigger.open_interest = oi * scale;
        let b = replay(&bigger.ladder_input(), &path).expect("valid input");
        prop_assert!((b.liquidated_long - scale * r.liquidated_long).abs() <= 1e-9 * b.liquidated_long.max(1.0));
        prop_assert!((b.liquidated_short - scale * r.liquidated_short).abs() <= 1e-9 * b.liquidated_short.max(1.0));
        prop_assert_eq!(replay(&input.ladder_input(), &path).expect("valid"), r);
    }

    #[test]
    fn a_deeper_low_never_liquidates_fewer_longs(
        input in cascade_input(),
        path in price_path(),
        deeper in 0.5..1.0f64,
    ) {
        let r = replay(&input.ladder_input(), &path).expect("valid input");
        let mut lower = path.clone();
        lower.push(PathPoint {
            bar_start: 0,
            mark: Mark::Low,
            price: path.iter().map(|p| p.price).fold(f64::INFINITY, f64::min) * deeper,
        });
        let l = replay(&input.ladder_input(), &lower).expect("valid input");
        prop_assert!(l.liquidated_long >= r.liquidated_long - slack(r.liquidated_long));
        prop_assert!((l.liquidated_short - r.liquidated_short).abs() <= slack(r.liquidated_short));
    }

    #[test]
    fn a_map_holds_every_liquidation_price_in_its_range(input in cascade_input(), bins in 1..200usize) {
        let ladder = ladder(&input.ladder_input()).expect("valid input");
        let map = liquidation_map(&ladder, 1.0, 1_000.0, bins).expect("valid range");
        prop_assert_eq!(map.len(), bins);
        let inside = |c: &&Cohort| (1.0..=1_000.0).contains(&c.liquidation);
        let want: f64 = ladder.cohorts.iter().filter(inside).map(|c| c.size * c.liquidation).sum();
        let got: f64 = map.iter().map(|b| b.long + b.short).sum();
        prop_assert!((got - want).abs() <= slack(want));
        prop_assert!(map.windows(2).all(|w| w[0].high == w[1].low));
    }
}
