//! Order books as both exchanges send them: `bids` and `asks` arrays of `[price, quantity, …]`
//! levels, decimals as strings or numbers.

use super::json::{each, number};
use super::ParseError;
use serde_json::{Map, Value};

use tokenrisk_core::order_book::OrderBook;

/// A `[price, quantity, …]` level with a positive price and a non-negative quantity.
fn level(level: &Value, side: &str) -> Result<(f64, f64), String> {
    let fields = level
        .as_array()
        .filter(|a| a.len() >= 2)
        .ok_or_else(|| format!("{side} level is not [price, quantity]: {level}"))?;
    match (number(&fields[0]), number(&fields[1])) {
        (Some(p), Some(q)) if p > 0.0 && q >= 0.0 => Ok((p, q)),
        _ => Err(format!(
            "{side} level has no positive price and quantity: {level}"
        )),
    }
}

/// The book in a response object, levels sorted best first whatever order they came in (the
/// venue's update number is not kept: the core's book is a venue-neutral snapshot).
pub(crate) fn from_object(o: &Map<String, Value>) -> Result<OrderBook, ParseError> {
    let side = |key: &str| -> Result<Vec<(f64, f64)>, ParseError> {
        let levels = o
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| ParseError::Malformed(format!("no {key} array")))?;
        each(levels, |l| level(l, key))
    };
    Ok(OrderBook::from_unsorted(side("bids")?, side("asks")?))
}
