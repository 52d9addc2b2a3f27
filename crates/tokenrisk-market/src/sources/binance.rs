//! Binance spot market data: `/api/v3/klines`, `/api/v3/depth`, `/api/v3/ticker/24hr`.
//!
//! A kline is a 12-element array: open time (ms), open, high, low, close, base volume, close
//! time (ms), quote volume, trades, taker-buy base, taker-buy quote, ignore. Prices and volumes
//! are decimal strings; these parsers also accept them as JSON numbers.

use super::book;
use super::json::{
    self, each, kind, number, object, opt_number, req_number, req_string, req_time_ms, top_array,
    top_object,
};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::series::{PriceSeries, SeriesError};

/// One candle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kline {
    /// Opening time, Unix milliseconds.
    pub open_time_ms: i64,
    /// Open price.
    pub open: f64,
    /// High price.
    pub high: f64,
    /// Low price.
    pub low: f64,
    /// Close price.
    pub close: f64,
    /// Volume in the base asset.
    pub volume: f64,
    /// Closing time, Unix milliseconds (the last millisecond of the bar).
    pub close_time_ms: i64,
    /// Traded value in the quote asset (field 7), when the response has it.
    pub quote_volume: Option<f64>,
}

impl From<&Kline> for tokenrisk_core::volume_profile::Bar {
    /// The bar's range and its volume in the base asset.
    fn from(k: &Kline) -> Self {
        Self {
            low: k.low,
            high: k.high,
            volume: k.volume,
        }
    }
}

impl From<&Kline> for tokenrisk_core::cascade::Ohlc {
    /// The bar's open time (Unix seconds) and prices.
    fn from(k: &Kline) -> Self {
        Self {
            start: k.open_time_ms.div_euclid(1000),
            open: k.open,
            high: k.high,
            low: k.low,
            close: k.close,
        }
    }
}

/// Parses a `/api/v3/klines` response body.
///
/// # Errors
/// [`ParseError`] for anything that is not an array of well-formed klines with positive,
/// finite prices.
pub fn parse_klines(body: &str) -> Result<Vec<Kline>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, parse_kline)
}

fn parse_kline(item: &Value) -> Result<Kline, String> {
    let fields = item
        .as_array()
        .filter(|a| a.len() >= 7)
        .ok_or_else(|| format!("expected an array of 12 fields, got {}", kind(item)))?;
    let price = |i: usize, name: &str| {
        number(&fields[i])
            .filter(|v| *v > 0.0)
            .ok_or_else(|| format!("{name} is not a positive number: {}", fields[i]))
    };
    let time = |i: usize, name: &str| {
        json::time(&fields[i])
            .ok_or_else(|| format!("{name} is not a time in milliseconds: {}", fields[i]))
    };
    Ok(Kline {
        open_time_ms: time(0, "open time")?,
        open: price(1, "open")?,
        high: price(2, "high")?,
        low: price(3, "low")?,
        close: price(4, "close")?,
        volume: number(&fields[5])
            .filter(|v| *v >= 0.0)
            .ok_or_else(|| format!("volume is not a number: {}", fields[5]))?,
        close_time_ms: time(6, "close time")?,
        quote_volume: fields.get(7).and_then(number).filter(|v| *v >= 0.0),
    })
}

/// Daily closes from daily klines, leaving out any candle still open at `now_ms` (its close is
/// not final); stamped at each candle's opening (midnight UTC for daily candles), sorted, with
/// a repeated candle kept once (the later copy).
///
/// # Errors
/// [`SeriesError`] if a close is not a positive number.
pub fn closed_candle_closes(klines: &[Kline], now_ms: i64) -> Result<PriceSeries, SeriesError> {
    PriceSeries::from_unsorted(
        klines
            .iter()
            .filter(|k| k.close_time_ms < now_ms)
            .map(|k| (k.open_time_ms.div_euclid(1000), k.close))
            .collect(),
    )
}

/// The quote volume (traded value in the quote asset) of the kline opening at each of `times`
/// (Unix seconds, as [`closed_candle_closes`] stamps them); `None` unless every one has it.
pub fn quote_volumes(klines: &[Kline], times: &[i64]) -> Option<Vec<f64>> {
    let by_open: std::collections::HashMap<i64, Option<f64>> = klines
        .iter()
        .map(|k| (k.open_time_ms.div_euclid(1000), k.quote_volume))
        .collect();
    times
        .iter()
        .map(|t| by_open.get(t).copied().flatten())
        .collect()
}

/// Parses `/api/v3/depth`. Levels must have a positive price and a non-negative quantity;
/// they are sorted best first whatever order they came in.
///
/// # Errors
/// [`ParseError`] for anything else.
pub fn parse_depth(body: &str) -> Result<OrderBook, ParseError> {
    let value = json::parse(body)?;
    book::from_object(top_object(&value)?)
}

/// A 24-hour ticker.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticker24h {
    /// Pair, e.g. `TAOUSDT`.
    pub symbol: String,
    /// Last price.
    pub last_price: f64,
    /// Change over 24 hours in percent.
    pub price_change_pct: f64,
    /// 24-hour high.
    pub high: Option<f64>,
    /// 24-hour low.
    pub low: Option<f64>,
    /// 24-hour volume in the base asset.
    pub volume: Option<f64>,
    /// 24-hour volume in the quote asset.
    pub quote_volume: Option<f64>,
    /// End of the 24-hour window, Unix milliseconds.
    pub close_time_ms: i64,
}

/// Parses `/api/v3/ticker/24hr`: one object (`symbol=`) or an array of them (`symbols=`).
///
/// # Errors
/// [`ParseError`] when a ticker lacks its symbol, last price, change or close time.
pub fn parse_ticker_24h(body: &str) -> Result<Vec<Ticker24h>, ParseError> {
    let value = json::parse(body)?;
    let one = |item: &Value| -> Result<Ticker24h, String> {
        let o = object(item)?;
        Ok(Ticker24h {
            symbol: req_string(o, "symbol")?,
            last_price: req_number(o, "lastPrice")?,
            price_change_pct: req_number(o, "priceChangePercent")?,
            high: opt_number(o, "highPrice")?,
            low: opt_number(o, "lowPrice")?,
            volume: opt_number(o, "volume")?,
            quote_volume: opt_number(o, "quoteVolume")?,
            close_time_ms: req_time_ms(o, "closeTime")?,
        })
    };
    json::one_or_many(&value, one)
}

/// `/api/v3/klines` of a spot pair (`TAOUSDT`) at `interval` (`1d`, `1h`), the last `limit`.
pub fn klines_url(base: &str, pair: &str, interval: &str, limit: u32) -> String {
    format!("{base}/api/v3/klines?symbol={pair}&interval={interval}&limit={limit}")
}

/// `/api/v3/depth` of a spot pair, `limit` levels a side (request weight 5 up to 100 levels,
/// 25 up to 500, 50 up to 1,000).
pub fn depth_url(base: &str, pair: &str, limit: u32) -> String {
    format!("{base}/api/v3/depth?symbol={pair}&limit={limit}")
}

/// `/api/v3/ticker/24hr` of a spot pair.
pub fn ticker_url(base: &str, pair: &str) -> String {
    format!("{base}/api/v3/ticker/24hr?symbol={pair}")
}

/// The request weight Binance counts for a spot market-data URL against its 6,000 a minute
/// per address (binance-spot-api-docs `rest-api.md`, market data endpoints): klines 2; depth
/// 5 up to 100 levels, 25 up to 500, 50 up to 1,000, 250 beyond (the default limit is 100);
/// 24-hour ticker 2 for one symbol (or 1–20 `symbols`), 40 for 21–100, 80 for more or for all.
/// An endpoint not listed here counts 2.
pub fn request_weight(url: &str) -> f64 {
    let limit = query_number(url, "limit");
    if url.contains("/api/v3/depth") {
        match limit.unwrap_or(100) {
            0..=100 => 5.0,
            101..=500 => 25.0,
            501..=1000 => 50.0,
            _ => 250.0,
        }
    } else if url.contains("/api/v3/ticker/24hr") {
        if url.contains("symbol=") {
            2.0
        } else if let Some(list) = query_value(url, "symbols") {
            match list.matches(',').count() + 1 {
                0..=20 => 2.0,
                21..=100 => 40.0,
                _ => 80.0,
            }
        } else {
            80.0
        }
    } else {
        2.0
    }
}

/// The value of query parameter `name` in `url`, undecoded.
pub(crate) fn query_value<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// Query parameter `name` of `url` as a whole number.
pub(crate) fn query_number(url: &str, name: &str) -> Option<u32> {
    query_value(url, name)?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_weights_follow_the_documented_table() {
        use super::*;
        let base = "https://data-api.binance.vision";
        assert_eq!(
            request_weight(&klines_url(base, "TAOUSDT", "1d", 1000)),
            2.0
        );
        assert_eq!(request_weight(&depth_url(base, "TAOUSDT", 100)), 5.0);
        assert_eq!(request_weight(&depth_url(base, "TAOUSDT", 500)), 25.0);
        assert_eq!(request_weight(&depth_url(base, "TAOUSDT", 1000)), 50.0);
        assert_eq!(request_weight(&depth_url(base, "TAOUSDT", 5000)), 250.0);
        assert_eq!(
            request_weight(&format!("{base}/api/v3/depth?symbol=TAOUSDT")),
            5.0
        );
        assert_eq!(request_weight(&ticker_url(base, "TAOUSDT")), 2.0);
        assert_eq!(request_weight(&format!("{base}/api/v3/ticker/24hr")), 80.0);
    }

    use super::*;

    const DOC_EXAMPLE: &str = r#"[[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100",
        "148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]]"#;

    #[test]
    fn documented_example() {
        let k = parse_klines(DOC_EXAMPLE).expect("valid");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].open_time_ms, 1_499_040_000_000);
        assert_eq!(k[0].close, 0.015_771);
        assert_eq!(k[0].close_time_ms, 1_499_644_799_999);
    }

    #[test]
    fn closes_of_closed_candles_only() {
        let day = 86_400_000;
        let k = |open: i64, close: f64| Kline {
            quote_volume: None,
            open_time_ms: open,
            open: 1.0,
            high: 1.0,
            low: 1.0,
            close,
            volume: 1.0,
            close_time_ms: open + day - 1,
        };
        let candles = [k(day, 2.0), k(0, 1.0), k(day, 2.5), k(2 * day, 3.0)];
        let series = closed_candle_closes(&candles, 2 * day + 5).expect("valid");
        assert_eq!(
            series.times(),
            &[0, 86_400],
            "the open third day is left out"
        );
        assert_eq!(
            series.values(),
            &[1.0, 2.5],
            "a repeated candle keeps the later copy"
        );
    }

    #[test]
    fn numbers_as_numbers_and_empty_array() {
        let k = parse_klines("[[0,1,2,0.5,1.5,10,86399999,0,0,0,0,\"0\"]]").expect("valid");
        assert_eq!(k[0].close, 1.5);
        assert_eq!(parse_klines("[]"), Ok(vec![]));
    }

    #[test]
    fn hostile_bodies_give_typed_errors() {
        let truncated = &DOC_EXAMPLE[..40];
        for body in [
            truncated,
            "",
            "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}",
            "null",
            "<html>",
        ] {
            assert!(
                matches!(parse_klines(body), Err(ParseError::Malformed(_))),
                "{body}"
            );
        }
        for body in [
            "[[1,\"1\"]]",
            "[null]",
            "[[0,\"1\",\"1\",\"1\",null,\"1\",1]]",
            "[[0,\"1\",\"1\",\"1\",\"-1\",\"1\",1]]",
            "[[0,\"1\",\"1\",\"1\",\"abc\",\"1\",1]]",
            "[[\"x\",\"1\",\"1\",\"1\",\"1\",\"1\",1]]",
            "[[1.5,\"1\",\"1\",\"1\",\"1\",\"1\",1]]",
        ] {
            assert!(
                matches!(
                    parse_klines(body),
                    Err(ParseError::BadElement { index: 0, .. })
                ),
                "{body}"
            );
        }
    }
}
