//! Binance spot and USD-M futures responses, each parser chained into what consumes it: klines
//! into closes, volumes and the risk numbers; depth into the book metrics and market orders;
//! funding, open interest and premium into the market-now figures; a saved leverage-bracket
//! answer into a liquidation price. The first byte picks the endpoint.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::derivatives::{
    annualised_funding, funding_interval_hours, mean_funding_since, open_interest_change, premium,
};
use tokenrisk_core::leverage::{initial_margin, liquidation_price, Margin, Position, Side};
use tokenrisk_market::sources::{binance, binance_futures};

const NOW_MS: i64 = 1_764_547_200_000; // 2025-12-01

fuzz_target!(|data: &[u8]| {
    let Some((which, body)) = tokenrisk_fuzz::selector_and_text(data) else {
        return;
    };
    match which % 9 {
        0 => {
            if let Ok(klines) = binance::parse_klines(body) {
                if let Ok(closes) = binance::closed_candle_closes(&klines, NOW_MS) {
                    let _ = binance::quote_volumes(&klines, closes.times());
                    tokenrisk_fuzz::consume_prices(&closes);
                }
            }
        }
        1 => {
            if let Ok(book) = binance::parse_depth(body) {
                tokenrisk_fuzz::consume_book(&book);
            }
        }
        2 => {
            let _ = binance::parse_ticker_24h(body);
        }
        3 => {
            if let Ok(index) = binance_futures::parse_premium_index(body) {
                for p in index {
                    let _ = p.index_price.and_then(|i| premium(p.mark_price, i));
                    let _ = annualised_funding(p.last_funding_rate, 8.0);
                }
            }
        }
        4 => {
            if let Ok(funding) = binance_futures::parse_funding_rates(body) {
                let interval = funding_interval_hours(&funding).unwrap_or(8.0);
                let _ = mean_funding_since(&funding, NOW_MS - 30 * 86_400_000)
                    .map(|r| annualised_funding(r, interval));
            }
        }
        5 => {
            let _ = binance_futures::parse_open_interest(body);
        }
        6 => {
            if let Ok(history) = binance_futures::parse_open_interest_history(body) {
                let _ = open_interest_change(&history);
            }
        }
        7 => {
            let _ = binance_futures::parse_long_short_ratios(body);
        }
        _ => {
            if let Ok(table) = binance_futures::parse_leverage_brackets(body, "BTCUSDT") {
                for (side, leverage) in [(Side::Long, 20.0), (Side::Short, 125.0)] {
                    let position = Position {
                        side,
                        entry: 60_000.0,
                        size: 2.5,
                    };
                    if let Ok(wallet) = initial_margin(&position, leverage, &table) {
                        let _ = liquidation_price(&position, &Margin::Isolated { wallet }, &table);
                    }
                }
            }
        }
    }
});
