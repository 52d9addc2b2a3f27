//! What an order book says about trading now: mid price, spread, the depth near the mid, the
//! cumulative curves a depth chart draws, and what a market sell of a given size would fetch.
//!
//! Conventions: prices in the quote currency (USDT or USD); "depth" is quote notional
//! `Σ price · quantity`; slippage is measured from the mid price, so it includes half the
//! spread. A book is a snapshot: it says nothing about liquidity that refills after a trade.
//!
//! [`crate::execution`] builds on these: typed book validation, buys and sells of a base or
//! quote size with the unfilled remainder, stressed books and exit estimates.

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

/// What a market sell would do to the book.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SellFill {
    /// Base quantity sold (less than asked when the book ran out).
    pub quantity: f64,
    /// Quote received.
    pub proceeds: f64,
    /// `proceeds / quantity`.
    pub average_price: f64,
    /// The worst price reached.
    pub last_price: f64,
    /// Loss against the mid: `1 − average_price / mid` (half the spread included).
    pub slippage: f64,
    /// Whether the visible bids were all used up before the order was filled.
    pub exhausted: bool,
}

/// Sells quote notional `notional` (valued at the mid) into the bids, best first.
///
/// # Formula
/// `q = notional / mid`; levels are taken whole while `q` lasts, the last one partly;
/// `average = Σ pᵢ·qᵢ / Σ qᵢ`, `slippage = 1 − average / mid`.
/// Returns `None` for an empty side or a size that is not positive and finite.
pub fn market_sell(book: &OrderBook, notional: f64) -> Option<SellFill> {
    let mid = Top::of(book)?.mid();
    if !(notional.is_finite() && notional > 0.0) {
        return None;
    }
    let wanted = notional / mid;
    let (mut left, mut proceeds, mut last_price) = (wanted, 0.0, book.bids[0].0);
    for &(price, quantity) in &book.bids {
        if left <= 0.0 {
            break;
        }
        let take = quantity.min(left);
        proceeds += take * price;
        left -= take;
        last_price = price;
    }
    let quantity = wanted - left.max(0.0);
    let average_price = proceeds / quantity;
    Some(SellFill {
        quantity,
        proceeds,
        average_price,
        last_price,
        slippage: 1.0 - average_price / mid,
        exhausted: left > wanted * 1e-12,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked example: bids 99 × 1, 98 × 2, 90 × 10; asks 101 × 1, 103 × 4, 120 × 1.
    fn book() -> OrderBook {
        OrderBook {
            bids: vec![(99.0, 1.0), (98.0, 2.0), (90.0, 10.0)],
            asks: vec![(101.0, 1.0), (103.0, 4.0), (120.0, 1.0)],
        }
    }

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
    fn market_sell_walks_the_bids() {
        // $250 at mid 100 is 2.5 units: 1 at 99 and 1.5 at 98 → 246 / 2.5 = 98.4.
        let fill = market_sell(&book(), 250.0).expect("valid");
        assert!((fill.quantity - 2.5).abs() < 1e-12);
        assert!((fill.proceeds - 246.0).abs() < 1e-9);
        assert!((fill.average_price - 98.4).abs() < 1e-9);
        assert!((fill.slippage - 0.016).abs() < 1e-12);
        assert_eq!(fill.last_price, 98.0);
        assert!(!fill.exhausted);
        // $2,000 is 20 units, but only 13 rest on the bids.
        let big = market_sell(&book(), 2000.0).expect("valid");
        assert!(big.exhausted);
        assert!((big.quantity - 13.0).abs() < 1e-12);
        assert!((big.proceeds - 1195.0).abs() < 1e-9);
    }

    #[test]
    fn empty_sides_and_bad_sizes_give_nothing() {
        let mut one_sided = book();
        one_sided.asks.clear();
        assert_eq!(Top::of(&one_sided), None);
        assert_eq!(depth_within(&one_sided, 0.02), None);
        assert_eq!(market_sell(&one_sided, 10.0), None);
        for size in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(market_sell(&book(), size), None);
        }
    }
}
