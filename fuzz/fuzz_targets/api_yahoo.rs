//! Yahoo's chart API (equities, read when the snapshot is built), chained into adjusted closes
//! and the risk numbers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_market::sources::yahoo;

const NOW_S: i64 = 1_764_547_200; // 2025-12-01

fuzz_target!(|data: &[u8]| {
    let Some(body) = tokenrisk_fuzz::text(data) else {
        return;
    };
    if let Ok(chart) = yahoo::parse_chart(body) {
        if let Ok(closes) = yahoo::closed_adjusted_closes(&chart, NOW_S) {
            tokenrisk_fuzz::consume_prices(&closes);
        }
    }
});
