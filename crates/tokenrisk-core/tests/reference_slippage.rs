//! Market-order fills, depth bands and the largest order within slippage limits against NumPy
//! on real recorded order books (script `tests/reference/slippage.py`, output
//! `slippage.json`): three Binance depth responses read through `tokenrisk-testdata` (the shared
//! copies when present, else the identical fixtures) and the market crate's `parse_depth`.
//! Every number to 1e-9 relative (plus 1e-12 absolute, for a zero remainder); levels consumed,
//! exhaustion and whole-side answers exactly.

use serde_json::Value;
use tokenrisk_core::execution::{depth_bands, market_order, max_size_within, Side, Size};
use tokenrisk_market::sources::binance::parse_depth;

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-12
}

#[test]
fn fills_and_depth_match_numpy_on_recorded_books() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/slippage.json")).expect("reference JSON");
    let bands: Vec<f64> = reference["bands"]
        .as_array()
        .expect("bands")
        .iter()
        .map(|b| b.as_f64().expect("band"))
        .collect();
    let books = reference["books"].as_object().expect("books");
    assert_eq!(books.len(), 3);
    let mut fills_checked = 0;
    for (name, case) in books {
        let book = parse_depth(&tokenrisk_testdata::read_orderbook(name)).expect("a valid book");
        book.validate().expect("a tradeable book");
        let levels = case["levels"].as_array().expect("levels");
        assert_eq!(
            (book.bids.len() as u64, book.asks.len() as u64),
            (
                levels[0].as_u64().expect("n"),
                levels[1].as_u64().expect("n")
            ),
            "{name}"
        );
        let depth = depth_bands(&book, &bands).expect("valid");
        for (band, expected) in depth.iter().zip(case["depth"].as_array().expect("depth")) {
            for (actual, key) in [
                (band.bids_quote, "bids_quote"),
                (band.asks_quote, "asks_quote"),
            ] {
                let e = expected[key].as_f64().expect("number");
                assert!(
                    close(actual, e),
                    "{name} ±{} {key}: {actual} vs {e}",
                    band.fraction
                );
            }
        }
        for expected in case["fills"].as_array().expect("fills") {
            let side = match expected["side"].as_str() {
                Some("sell") => Side::Sell,
                _ => Side::Buy,
            };
            let amount = expected["size"].as_f64().expect("size");
            let size = match expected["unit"].as_str() {
                Some("base") => Size::Base(amount),
                _ => Size::Quote(amount),
            };
            let fill = market_order(&book, side, size).expect("valid order");
            let what = format!("{name} {side:?} {size:?}");
            assert!(
                close(fill.mid, case["mid"].as_f64().expect("mid")),
                "{what}"
            );
            assert_eq!(
                fill.levels_consumed as u64,
                expected["levels_consumed"].as_u64().expect("levels"),
                "{what}"
            );
            assert_eq!(
                fill.exhausted,
                expected["exhausted"].as_bool().expect("bool"),
                "{what}"
            );
            for (actual, key) in [
                (fill.avg_price, "avg_price"),
                (fill.slippage_bps, "slippage_bps"),
                (fill.filled_base, "filled_base"),
                (fill.filled_quote, "filled_quote"),
                (fill.unfilled_base, "unfilled_base"),
                (fill.unfilled_quote, "unfilled_quote"),
            ] {
                let e = expected[key].as_f64().expect("number");
                assert!(close(actual, e), "{what} {key}: {actual} vs {e}");
            }
            fills_checked += 1;
        }
    }
    assert_eq!(fills_checked, 3 * 2 * 2 * 7);
}

#[test]
fn largest_sizes_within_a_limit_match_numpy_on_recorded_books() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/slippage.json")).expect("reference JSON");
    let mut checked = 0;
    for (name, case) in reference["books"].as_object().expect("books") {
        let book = parse_depth(&tokenrisk_testdata::read_orderbook(name)).expect("a valid book");
        for expected in case["max_within"].as_array().expect("max_within") {
            let side = match expected["side"].as_str() {
                Some("sell") => Side::Sell,
                _ => Side::Buy,
            };
            let limit = expected["limit"].as_f64().expect("limit");
            let m = max_size_within(&book, side, limit).expect("valid");
            let what = format!("{name} {side:?} {limit} bps");
            assert_eq!(
                m.whole_side,
                expected["whole_side"].as_bool().expect("bool"),
                "{what}"
            );
            for (actual, key) in [(m.base, "base"), (m.quote, "quote")] {
                let e = expected[key].as_f64().expect("number");
                assert!(close(actual, e), "{what} {key}: {actual} vs {e}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 3 * 2 * 5);
}
