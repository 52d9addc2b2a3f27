//! Coinbase Exchange public market data: candles (`/products/{id}/candles`) and the order book
//! (`/products/{id}/book`), the fallback where Binance answers 451 or fails.

use super::book;
use super::json::{self, each, number, top_array, top_object};
use super::ParseError;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::series::{PriceSeries, SeriesError};
use tokenrisk_core::time::SECONDS_PER_DAY;

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
/// `[time, time + 86,400)`), stamped at each candle's start; a repeated candle kept once (the
/// later copy).
///
/// # Errors
/// [`SeriesError`] if a close is not a positive number.
pub fn closed_daily_closes(candles: &[Candle], now_s: i64) -> Result<PriceSeries, SeriesError> {
    PriceSeries::from_unsorted(
        candles
            .iter()
            .filter(|c| c.time + SECONDS_PER_DAY <= now_s)
            .map(|c| (c.time, c.close))
            .collect(),
    )
}

/// Parses `/products/{id}/book` (levels `[price, size, orders]` as strings).
///
/// # Errors
/// [`ParseError`] when `bids` or `asks` is missing or a level is malformed.
pub fn parse_book(body: &str) -> Result<OrderBook, ParseError> {
    let value = json::parse(body)?;
    book::from_object(top_object(&value)?)
}

/// Daily candles of a product (`TAO-USD`): the last 300 days.
pub fn daily_candles_url(base: &str, product: &str) -> String {
    format!("{base}/products/{product}/candles?granularity=86400")
}

/// The aggregated (level 2) order book of a product.
pub fn book_url(base: &str, product: &str) -> String {
    format!("{base}/products/{product}/book?level=2")
}
