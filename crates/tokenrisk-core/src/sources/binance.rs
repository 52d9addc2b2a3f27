//! Binance spot market data (`/api/v3/klines`).
//!
//! A kline is a 12-element array: open time (ms), open, high, low, close, base volume, close
//! time (ms), quote volume, trades, taker-buy base, taker-buy quote, ignore. Prices and volumes
//! are decimal strings; this parser also accepts them as JSON numbers.

use super::ParseError;
use serde_json::Value;

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
}

/// Parses a `/api/v3/klines` response body.
///
/// # Errors
/// [`ParseError`] for anything that is not an array of well-formed klines with positive,
/// finite prices.
pub fn parse_klines(body: &str) -> Result<Vec<Kline>, ParseError> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| ParseError::Malformed(e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| ParseError::Malformed(format!("expected an array, got {}", kind(&value))))?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            parse_kline(item).map_err(|reason| ParseError::BadElement { index, reason })
        })
        .collect()
}

fn parse_kline(item: &Value) -> Result<Kline, String> {
    let fields = item
        .as_array()
        .filter(|a| a.len() >= 7)
        .ok_or_else(|| format!("expected an array of 12 fields, got {}", kind(item)))?;
    let price = |i: usize, name: &str| {
        number(&fields[i])
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(|| format!("{name} is not a positive number: {}", fields[i]))
    };
    let time = |i: usize, name: &str| {
        number(&fields[i])
            .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v < 1e15)
            .map(|v| v as i64)
            .ok_or_else(|| format!("{name} is not a time in milliseconds: {}", fields[i]))
    };
    Ok(Kline {
        open_time_ms: time(0, "open time")?,
        open: price(1, "open")?,
        high: price(2, "high")?,
        low: price(3, "low")?,
        close: price(4, "close")?,
        volume: number(&fields[5])
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| format!("volume is not a number: {}", fields[5]))?,
        close_time_ms: time(6, "close time")?,
    })
}

/// A JSON number, or a string holding one.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
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
