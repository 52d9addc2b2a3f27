//! Bybit's v5 order book, and a saved book in any shape the command reads, into the book
//! metrics, market orders and cascades.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_market::sources::bybit;

fuzz_target!(|data: &[u8]| {
    let Some(body) = tokenrisk_fuzz::text(data) else {
        return;
    };
    if let Ok(book) = bybit::parse_orderbook(body) {
        tokenrisk_fuzz::consume_book(&book);
    }
    if let Ok(book) = bybit::parse_any_book(body) {
        tokenrisk_fuzz::consume_book(&book);
    }
});
