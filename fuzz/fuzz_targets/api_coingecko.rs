//! CoinGecko responses: markets into the sector table's sparkline volatility, beta and 7-day
//! market-cap change; market charts into daily closes and the risk numbers; categories and the
//! global figures. The first byte picks the endpoint.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::sector::{market_cap_change, sparkline_beta, sparkline_volatility};
use tokenrisk_market::sources::coingecko;

fuzz_target!(|data: &[u8]| {
    let Some((which, body)) = tokenrisk_fuzz::selector_and_text(data) else {
        return;
    };
    match which % 4 {
        0 => {
            if let Ok(coins) = coingecko::parse_coin_markets(body) {
                let benchmark = coins
                    .first()
                    .map(|c| c.sparkline_7d.clone())
                    .unwrap_or_default();
                for c in &coins {
                    let _ = sparkline_volatility(&c.sparkline_7d);
                    let _ = sparkline_beta(&c.sparkline_7d, &benchmark);
                }
                let pairs: Vec<(f64, f64)> = coins
                    .iter()
                    .filter_map(|c| Some((c.market_cap?, c.change_7d_pct? / 100.0)))
                    .collect();
                let _ = market_cap_change(&pairs);
            }
        }
        1 => {
            if let Ok(chart) = coingecko::parse_market_chart(body) {
                if let Ok(closes) = coingecko::daily_closes(&chart) {
                    tokenrisk_fuzz::consume_prices(&closes);
                }
            }
        }
        2 => {
            let _ = coingecko::parse_categories(body);
        }
        _ => {
            let _ = coingecko::parse_global(body);
        }
    }
});
