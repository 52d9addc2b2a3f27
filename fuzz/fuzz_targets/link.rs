//! What a shared link carries: the range and scale of the query, and the scenario fragment
//! (`#s=…`, versioned and compressed), decoded, validated and encoded again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::str::FromStr;
use tokenrisk_charts::Scale;
use tokenrisk_core::range::Range;
use tokenrisk_core::scenario::codec::{decode, encode};
use tokenrisk_core::series::PriceSeries;

fuzz_target!(|data: &[u8]| {
    let Some(text) = tokenrisk_fuzz::text(data) else {
        return;
    };
    if let Ok(range) = Range::from_str(text) {
        assert_eq!(Range::from_str(&range.to_string()), Ok(range), "{text:?}");
        let days: Vec<i64> = (0..400).map(|d| 1_700_000_000 + d * 86_400).collect();
        let prices = PriceSeries::new(days, (1..=400).map(f64::from).collect()).expect("valid");
        let window = range.window(&prices);
        let _ = range.span(&prices);
        assert!(window.len() <= prices.len());
    }
    if let Some(scale) = Scale::from_key(text) {
        assert_eq!(Scale::from_key(scale.key()), Some(scale));
    }
    if let Ok(scenario) = decode(text) {
        if scenario.validate().is_ok() {
            assert_eq!(decode(&encode(&scenario)).as_ref(), Ok(&scenario));
        }
    }
});
