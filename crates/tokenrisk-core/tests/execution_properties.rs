//! Invariants of market orders on generated order books (proptest): cost grows with size, a
//! deeper book never costs more, stressing never lowers cost, filled + unfilled = requested,
//! the largest size within a limit stays within it, and nothing panics on arbitrary input.

use proptest::prelude::*;
use tokenrisk_core::depth_stress::{stressed, Haircut, HaircutPreset};
use tokenrisk_core::execution::{market_order, max_size_within, Side, Size};
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
