//! The books the liquidity page's model tests walk: one small enough to check by hand, one
//! recorded at Binance.

use tokenrisk_core::order_book::OrderBook;
use tokenrisk_market::sources::binance::parse_depth;

/// Bids 99 × 1, 98 × 2, 90 × 10; asks 101 × 1, 103 × 4, 120 × 1: mid 100.
pub fn hand_book() -> OrderBook {
    OrderBook {
        bids: vec![(99.0, 1.0), (98.0, 2.0), (90.0, 10.0)],
        asks: vec![(101.0, 1.0), (103.0, 4.0), (120.0, 1.0)],
    }
}

/// Binance USD-M KEEPUSDT's recorded book (2021-07-22, the committed fixture).
pub fn recorded() -> OrderBook {
    parse_depth(&tokenrisk_testdata::read_orderbook(
        "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
    ))
    .expect("recorded book")
}
