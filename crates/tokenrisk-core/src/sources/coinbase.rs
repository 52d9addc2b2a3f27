//! Coinbase Exchange public market data: candles (`/products/{id}/candles`) and the order book
//! (`/products/{id}/book`), the fallback where Binance answers 451 or fails.

use super::binance::{levels_pair, OrderBook};
use super::json::{self, each, number, top_array, top_object};
use super::ParseError;
use crate::series::{PriceSeries, SeriesError};
use crate::time::SECONDS_PER_DAY;
use serde_json::Value;

/// One candle. Coinbase sends `[time s, low, high, open, close, volume]`, newest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candle {
    /// Bucket start, Unix seconds.
    pub time: i64,
    /// Low.
    pub low: f64,
    /// High.
    pub high: f64,
    /// Open.
    pub open: f64,
    /// Close.
    pub close: f64,
    /// Volume in the base asset.
    pub volume: f64,
}

/// Parses `/products/{id}/candles`, returned oldest first.
///
/// # Errors
/// [`ParseError`] for anything but an array of six-number candles with positive prices.
pub fn parse_candles(body: &str) -> Result<Vec<Candle>, ParseError> {
    let value = json::parse(body)?;
    let mut candles = each(top_array(&value)?, |item| {
        let f = item
            .as_array()
            .filter(|a| a.len() >= 6)
            .ok_or_else(|| format!("not a six-field candle: {item}"))?;
        let n: Vec<Option<f64>> = f[1..6].iter().map(number).collect();
        match (json::time(&f[0]), n.as_slice()) {
            (Some(time), [Some(low), Some(high), Some(open), Some(close), Some(volume)])
                if *low > 0.0 && *high > 0.0 && *open > 0.0 && *close > 0.0 && *volume >= 0.0 =>
            {
                Ok(Candle {
                    time,
                    low: *low,
                    high: *high,
                    open: *open,
                    close: *close,
                    volume: *volume,
                })
            }
            _ => Err(format!(
                "candle fields are not a time and positive numbers: {item}"
            )),
        }
    })?;
    candles.sort_by_key(|c| c.time);
    Ok(candles)
}

/// Daily closes of the candles whose day is over at `now_s` (a candle covers
/// `[time, time + 86,400)`), stamped at each candle's start; a repeated candle kept once.
///
/// # Errors
/// [`SeriesError`] if a close is not a positive number.
pub fn closed_daily_closes(candles: &[Candle], now_s: i64) -> Result<PriceSeries, SeriesError> {
    let mut closed: Vec<(i64, f64)> = candles
        .iter()
        .filter(|c| c.time + SECONDS_PER_DAY <= now_s)
        .map(|c| (c.time, c.close))
        .collect();
    closed.sort_by_key(|(t, _)| *t);
    closed.dedup_by_key(|(t, _)| *t);
    let (times, values) = closed.into_iter().unzip();
    PriceSeries::new(times, values)
}

/// Parses `/products/{id}/book` (levels `[price, size, orders]` as strings).
///
/// # Errors
/// [`ParseError`] when `bids` or `asks` is missing or a level is malformed.
pub fn parse_book(body: &str) -> Result<OrderBook, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    let side = |key: &str| -> Result<Vec<(f64, f64)>, ParseError> {
        let levels = o
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| ParseError::Malformed(format!("no {key} array")))?;
        each(levels, |level| levels_pair(level, key))
    };
    let mut bids = side("bids")?;
    let mut asks = side("asks")?;
    bids.sort_by(|a, b| b.0.total_cmp(&a.0));
    asks.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(OrderBook {
        last_update_id: o.get("sequence").and_then(json::time).unwrap_or(0),
        bids,
        asks,
    })
}
