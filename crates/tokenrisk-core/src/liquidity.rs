//! What an order book says about trading now: mid price, spread, the depth near the mid and
//! the cumulative curves a depth chart draws.
//!
//! Conventions: prices in the quote currency (USDT or USD); "depth" is quote notional
//! `Σ price · quantity`. A book is a snapshot: it says nothing about liquidity that refills
//! after a trade. What an order of a given size would fetch is [`crate::execution`]'s.

use crate::order_book::OrderBook;

/// The best bid and ask and what follows from them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Top {
    /// Highest bid.
    pub bid: f64,
    /// Lowest ask.
    pub ask: f64,
}

impl Top {
    /// The top of `book`, when both sides have a level.
    pub fn of(book: &OrderBook) -> Option<Self> {
        Some(Self {
            bid: book.bids.first()?.0,
            ask: book.asks.first()?.0,
        })
    }

    /// `(bid + ask) / 2`.
    pub fn mid(self) -> f64 {
        (self.bid + self.ask) / 2.0
    }

    /// Quoted spread in basis points of the mid: `(ask − bid) / mid · 10⁴`.
    pub fn spread_bps(self) -> f64 {
        (self.ask - self.bid) / self.mid() * 1e4
    }
}

/// Quote notional resting within `fraction` of the mid on each side, as `(bids, asks)`:
/// bids priced at or above `mid · (1 − fraction)`, asks at or below `mid · (1 + fraction)`.
/// The usual liquidity yardstick is ±2 % (`fraction = 0.02`).
pub fn depth_within(book: &OrderBook, fraction: f64) -> Option<(f64, f64)> {
    let mid = Top::of(book)?.mid();
    let notional = |levels: &[(f64, f64)], inside: &dyn Fn(f64) -> bool| {
        levels
            .iter()
            .take_while(|(p, _)| inside(*p))
            .map(|(p, q)| p * q)
            .sum::<f64>()
    };
    Some((
        notional(&book.bids, &|p| p >= mid * (1.0 - fraction)),
        notional(&book.asks, &|p| p <= mid * (1.0 + fraction)),
    ))
}

/// `(price, cumulative quote notional)` steps of one side of a book.
pub type DepthCurve = Vec<(f64, f64)>;

/// A depth chart's two step curves: for each level, its price and the quote notional of that
/// level and every better one; bids from the best (highest) price down, asks from the best
/// (lowest) price up.
pub fn cumulative_depth(book: &OrderBook) -> (DepthCurve, DepthCurve) {
    let cumulate = |levels: &[(f64, f64)]| {
        levels
            .iter()
            .scan(0.0, |sum, (p, q)| {
                *sum += p * q;
                Some((*p, *sum))
            })
            .collect()
    };
    (cumulate(&book.bids), cumulate(&book.asks))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::order_book::worked_example as book;

    #[test]
    fn top_spread_and_depth_by_hand() {
        let top = Top::of(&book()).expect("valid");
        assert_eq!(top.mid(), 100.0);
        assert!((top.spread_bps() - 200.0).abs() < 1e-9);
        // Within ±2 % of 100: bids ≥ 98 (99 + 196), asks ≤ 102 (101).
        assert_eq!(depth_within(&book(), 0.02), Some((295.0, 101.0)));
        // Within ±5 %: asks ≤ 105 add 412.
        assert_eq!(depth_within(&book(), 0.05), Some((295.0, 513.0)));
    }

    #[test]
    fn cumulative_curves_by_hand() {
        let (bids, asks) = cumulative_depth(&book());
        assert_eq!(bids, vec![(99.0, 99.0), (98.0, 295.0), (90.0, 1195.0)]);
        assert_eq!(asks, vec![(101.0, 101.0), (103.0, 513.0), (120.0, 633.0)]);
    }

    #[test]
    fn an_empty_side_gives_nothing() {
        let mut one_sided = book();
        one_sided.asks.clear();
        assert_eq!(Top::of(&one_sided), None);
        assert_eq!(depth_within(&one_sided, 0.02), None);
    }
}
