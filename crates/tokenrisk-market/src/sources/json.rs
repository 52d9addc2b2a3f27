//! Reading fields out of API JSON defensively: numbers may come as strings (Binance) or as
//! numbers, optional fields may be `null` or missing, and anything else is a typed error
//! naming the field, never a panic.

use super::ParseError;
use serde_json::{Map, Value};

/// Parses a body as JSON.
pub(crate) fn parse(body: &str) -> Result<Value, ParseError> {
    serde_json::from_str(body).map_err(|e| ParseError::Malformed(e.to_string()))
}

/// A short name for a JSON value's type, for error messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The top-level array of a response.
pub(crate) fn top_array(value: &Value) -> Result<&Vec<Value>, ParseError> {
    value
        .as_array()
        .ok_or_else(|| ParseError::Malformed(format!("expected an array, got {}", kind(value))))
}

/// The top-level object of a response.
pub(crate) fn top_object(value: &Value) -> Result<&Map<String, Value>, ParseError> {
    value
        .as_object()
        .ok_or_else(|| ParseError::Malformed(format!("expected an object, got {}", kind(value))))
}

/// Parses each element of an array, naming the failing element's index.
pub(crate) fn each<T>(
    items: &[Value],
    parse: impl Fn(&Value) -> Result<T, String>,
) -> Result<Vec<T>, ParseError> {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| parse(item).map_err(|reason| ParseError::BadElement { index, reason }))
        .collect()
}

/// Parses a response that is one object (a `symbol=` request) or an array of them
/// (`symbols=`, or no symbol).
pub(crate) fn one_or_many<T>(
    value: &Value,
    parse: impl Fn(&Value) -> Result<T, String>,
) -> Result<Vec<T>, ParseError> {
    match value {
        Value::Array(items) => each(items, parse),
        Value::Object(_) => parse(value)
            .map(|t| vec![t])
            .map_err(|reason| ParseError::BadElement { index: 0, reason }),
        other => Err(ParseError::Malformed(format!(
            "expected an object or an array, got {}",
            kind(other)
        ))),
    }
}

/// A finite number, from a JSON number or a string holding one.
pub(crate) fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|v: &f64| v.is_finite())
}

/// An element's object form.
pub(crate) fn object(value: &Value) -> Result<&Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("expected an object, got {}", kind(value)))
}

/// A required number field.
pub(crate) fn req_number(obj: &Map<String, Value>, key: &str) -> Result<f64, String> {
    let value = obj.get(key).ok_or_else(|| format!("no field {key}"))?;
    number(value).ok_or_else(|| format!("{key} is not a number: {value}"))
}

/// An optional number field: missing or `null` is `None`, anything else must be a number.
pub(crate) fn opt_number(obj: &Map<String, Value>, key: &str) -> Result<Option<f64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => number(value)
            .map(Some)
            .ok_or_else(|| format!("{key} is not a number: {value}")),
    }
}

/// A required non-empty string field.
pub(crate) fn req_string(obj: &Map<String, Value>, key: &str) -> Result<String, String> {
    obj.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| format!("{key} is missing or not a non-empty string"))
}

/// An optional string field.
pub(crate) fn opt_string(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A required Unix time in milliseconds (a whole non-negative number, or a string holding one).
pub(crate) fn req_time_ms(obj: &Map<String, Value>, key: &str) -> Result<i64, String> {
    let value = obj.get(key).ok_or_else(|| format!("no field {key}"))?;
    time(value).ok_or_else(|| format!("{key} is not a time: {value}"))
}

/// A whole, non-negative number below 10^15 (a Unix time in seconds or milliseconds).
pub(crate) fn time(value: &Value) -> Option<i64> {
    number(value)
        .filter(|v| v.fract() == 0.0 && (0.0..1e15).contains(v))
        .map(|v| v as i64)
}

/// `[time, value]` pairs (CoinGecko charts), times in milliseconds.
pub(crate) fn time_value_pairs(value: &Value, key: &str) -> Result<Vec<(i64, f64)>, String> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("{key} is not an array"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, pair)| match pair.as_array().map(Vec::as_slice) {
            Some([t, v]) => match (time(t), number(v)) {
                (Some(t), Some(v)) => Ok((t, v)),
                _ => Err(format!("{key}[{i}] is not [time, number]: {pair}")),
            },
            _ => Err(format!("{key}[{i}] is not a [time, value] pair: {pair}")),
        })
        .collect()
}
