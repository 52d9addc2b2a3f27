//! Coinbase Exchange responses: daily candles into closes and the risk numbers, the level-2
//! book into the book metrics and market orders. The first byte picks the endpoint.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_market::sources::coinbase;

const NOW_S: i64 = 1_764_547_200; // 2025-12-01

fuzz_target!(|data: &[u8]| {
    let Some((which, body)) = tokenrisk_fuzz::selector_and_text(data) else {
        return;
    };
    if which % 2 == 0 {
        if let Ok(candles) = coinbase::parse_candles(body) {
            if let Ok(closes) = coinbase::closed_daily_closes(&candles, NOW_S) {
                tokenrisk_fuzz::consume_prices(&closes);
            }
        }
    } else if let Ok(book) = coinbase::parse_book(body) {
        tokenrisk_fuzz::consume_book(&book);
    }
});
