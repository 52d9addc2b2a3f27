//! An order book as any venue's depth snapshot reads once parsed: price levels of each side,
//! best first, and the checks a book must pass before it is traded against. Providers'
//! response shapes are read into it by the market-data crate.

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

/// Which side of a book a level list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookSide {
    /// Bids (buy orders resting; a market sell takes them).
    Bids,
    /// Asks (sell orders resting; a market buy takes them).
    Asks,
}

impl std::fmt::Display for BookSide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Bids => "bids",
            Self::Asks => "asks",
        })
    }
}

/// Why a book cannot be traded against.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BookError {
    /// A side has no level with a positive quantity.
    #[error("the {0} side is empty (no level with a positive quantity)")]
    EmptySide(BookSide),
    /// The best bid is at or above the best ask.
    #[error("crossed book: best bid {bid} is at or above best ask {ask}")]
    Crossed {
        /// Best bid.
        bid: f64,
        /// Best ask.
        ask: f64,
    },
    /// A level's price is zero, negative, infinite or NaN.
    #[error("{side} level {index}: price {price} is not a positive finite number")]
    BadPrice {
        /// Its side.
        side: BookSide,
        /// Its position, best first, from 0.
        index: usize,
        /// The price.
        price: f64,
    },
    /// A level's quantity is negative, infinite or NaN.
    #[error("{side} level {index}: quantity {quantity} is not a non-negative finite number")]
    BadQuantity {
        /// Its side.
        side: BookSide,
        /// Its position, best first, from 0.
        index: usize,
        /// The quantity.
        quantity: f64,
    },
    /// A side is not sorted best first (bids strictly falling, asks strictly rising).
    #[error("{side} level {index}: price {price} is out of order (levels must be best first, one per price)")]
    Unsorted {
        /// Its side.
        side: BookSide,
        /// Its position, best first, from 0.
        index: usize,
        /// The price.
        price: f64,
    },
}

impl OrderBook {
    /// Checks that the book can be traded against: every price positive and finite, every
    /// quantity non-negative and finite, each side strictly sorted best first with at least one
    /// level of positive quantity, and best bid < best ask.
    ///
    /// # Errors
    /// The first problem found, as a [`BookError`].
    pub fn validate(&self) -> Result<(), BookError> {
        check_side(&self.bids, BookSide::Bids)?;
        check_side(&self.asks, BookSide::Asks)?;
        let (bid, ask) = (self.bids[0].0, self.asks[0].0);
        if bid >= ask {
            return Err(BookError::Crossed { bid, ask });
        }
        Ok(())
    }
}

fn check_side(levels: &[Level], side: BookSide) -> Result<(), BookError> {
    for (index, &(price, quantity)) in levels.iter().enumerate() {
        if !(price.is_finite() && price > 0.0) {
            return Err(BookError::BadPrice { side, index, price });
        }
        if !(quantity.is_finite() && quantity >= 0.0) {
            return Err(BookError::BadQuantity {
                side,
                index,
                quantity,
            });
        }
        if index > 0 {
            let previous = levels[index - 1].0;
            let in_order = match side {
                BookSide::Bids => price < previous,
                BookSide::Asks => price > previous,
            };
            if !in_order {
                return Err(BookError::Unsorted { side, index, price });
            }
        }
    }
    if !levels.iter().any(|&(_, q)| q > 0.0) {
        return Err(BookError::EmptySide(side));
    }
    Ok(())
}

/// The worked book the core's tests share: bids 99 × 1, 98 × 2, 90 × 10; asks 101 × 1,
/// 103 × 4, 120 × 1 (mid 100, spread 200 bp).
#[cfg(test)]
pub(crate) fn worked_example() -> OrderBook {
    OrderBook {
        bids: vec![(99.0, 1.0), (98.0, 2.0), (90.0, 10.0)],
        asks: vec![(101.0, 1.0), (103.0, 4.0), (120.0, 1.0)],
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

    use super::worked_example as book;

    #[test]
    fn bad_books_are_typed() {
        let mut b = book();
        b.asks.clear();
        assert_eq!(b.validate(), Err(BookError::EmptySide(BookSide::Asks)));
        let mut b = book();
        b.bids = vec![(99.0, 0.0)];
        assert_eq!(b.validate(), Err(BookError::EmptySide(BookSide::Bids)));
        let mut b = book();
        b.bids[0].0 = 101.0;
        assert!(matches!(b.validate(), Err(BookError::Crossed { .. })));
        let mut b = book();
        b.asks[1].0 = f64::NAN;
        assert!(matches!(
            b.validate(),
            Err(BookError::BadPrice { index: 1, .. })
        ));
        let mut b = book();
        b.bids[2].0 = -90.0;
        assert!(matches!(b.validate(), Err(BookError::BadPrice { .. })));
        let mut b = book();
        b.bids[1].1 = -2.0;
        assert!(matches!(b.validate(), Err(BookError::BadQuantity { .. })));
        let mut b = book();
        b.asks.swap(1, 2);
        assert!(matches!(b.validate(), Err(BookError::Unsorted { .. })));
    }
}
