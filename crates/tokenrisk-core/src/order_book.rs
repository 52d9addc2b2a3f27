//! An order book as any venue's depth snapshot reads once parsed: price levels of each side,
//! best first. Providers' response shapes are read into it by the market-data crate.

/// One price level: `(price, quantity)`, the price in the quote currency, the quantity in base
/// units.
pub type Level = (f64, f64);

/// An order book: bids best (highest) first, asks best (lowest) first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderBook {
    /// Bids, highest price first.
    pub bids: Vec<Level>,
    /// Asks, lowest price first.
    pub asks: Vec<Level>,
}

impl OrderBook {
    /// A book from levels in any order: each side sorted best first (prices compared with
    /// `total_cmp`, so the order is total even for values a parser should have refused).
    pub fn from_unsorted(mut bids: Vec<Level>, mut asks: Vec<Level>) -> Self {
        bids.sort_by(|a, b| b.0.total_cmp(&a.0));
        asks.sort_by(|a, b| a.0.total_cmp(&b.0));
        Self { bids, asks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_sort_best_first() {
        let book = OrderBook::from_unsorted(
            vec![(98.0, 1.0), (99.0, 2.0)],
            vec![(103.0, 1.0), (101.0, 4.0)],
        );
        assert_eq!(book.bids[0], (99.0, 2.0));
        assert_eq!(book.asks[0], (101.0, 4.0));
    }
}
