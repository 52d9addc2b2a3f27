//! Order books as both exchanges send them: `bids` and `asks` arrays of `[price, quantity, …]`
//! levels, decimals as strings or numbers.

use super::json::{self, each, number};
use super::ParseError;
use serde_json::{Map, Value};

/// An order book: bids best (highest) first, asks best (lowest) first, as `(price, quantity)`.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderBook {
    /// The exchange's update or sequence number of the snapshot.
    pub last_update_id: i64,
    /// Bids, highest price first.
    pub bids: Vec<(f64, f64)>,
    /// Asks, lowest price first.
    pub asks: Vec<(f64, f64)>,
}

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

/// The book in a response object, its update number under `id_key`, levels sorted best first
/// whatever order they came in.
pub(crate) fn from_object(o: &Map<String, Value>, id_key: &str) -> Result<OrderBook, ParseError> {
    let side = |key: &str| -> Result<Vec<(f64, f64)>, ParseError> {
        let levels = o
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| ParseError::Malformed(format!("no {key} array")))?;
        each(levels, |l| level(l, key))
    };
    let mut bids = side("bids")?;
    let mut asks = side("asks")?;
    bids.sort_by(|a, b| b.0.total_cmp(&a.0));
    asks.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(OrderBook {
        last_update_id: o.get(id_key).and_then(json::time).unwrap_or(0),
        bids,
        asks,
    })
}
