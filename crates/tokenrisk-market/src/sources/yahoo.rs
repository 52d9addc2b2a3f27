//! Yahoo Finance's chart API (`/v8/finance/chart/{symbol}?range=…&interval=1d`), read at build
//! time by `tokenrisk snapshot` for the equities (NVDA, AMD, MSFT): Yahoo sends no CORS headers,
//! so a browser page cannot call it, and it is not an official API (its shape is the one
//! community clients such as yfinance read).
//!
//! Shape: `{"chart": {"result": [{"meta": {"symbol", "gmtoffset", …}, "timestamp": [s…],
//! "indicators": {"quote": [{"close": […], …}], "adjclose": [{"adjclose": […]}]}}],
//! "error": null}}`. Timestamps are the sessions' opening times in Unix seconds; values may be
//! `null` (a session without trades).

use super::json::{self, object, top_object};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::series::SeriesError;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::PriceSeries;

/// US regular sessions close at 16:00 New York time, at most 21:00 UTC (20:00 in summer).
const SESSION_CLOSE_UTC_S: i64 = 21 * 3600;

/// Daily bars of one symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The symbol Yahoo answered for.
    pub symbol: String,
    /// The exchange's offset from UTC in seconds (New York: −18,000 or −14,400).
    pub gmt_offset_s: i64,
    /// Bars as `(exchange-local date at 00:00 UTC, close, adjusted close)`, oldest first;
    /// sessions with no close are left out.
    pub bars: Vec<(i64, f64, Option<f64>)>,
}

/// Parses a chart response. A response carrying Yahoo's `error` object (an unknown symbol) is
/// an error with Yahoo's description.
///
/// # Errors
/// [`ParseError`] when the body is not a chart of equal-length series.
pub fn parse_chart(body: &str) -> Result<Chart, ParseError> {
    let value = json::parse(body)?;
    let chart = top_object(&value)?
        .get("chart")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::Malformed("no chart object".to_owned()))?;
    if let Some(error) = chart.get("error").filter(|e| !e.is_null()) {
        let description = error
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("no description");
        return Err(ParseError::Malformed(format!("Yahoo error: {description}")));
    }
    let result = chart
        .get("result")
        .and_then(Value::as_array)
        .and_then(|r| r.first())
        .ok_or_else(|| ParseError::Malformed("no chart result".to_owned()))?;
    read_result(result).map_err(|reason| ParseError::BadElement { index: 0, reason })
}

fn read_result(result: &Value) -> Result<Chart, String> {
    let result = object(result)?;
    let meta = object(result.get("meta").ok_or("no meta")?)?;
    let symbol = json::req_string(meta, "symbol")?;
    let gmt_offset_s = match meta.get("gmtoffset") {
        None | Some(Value::Null) => 0,
        Some(v) => json::number(v)
            .filter(|o| o.fract() == 0.0 && o.abs() <= 14.0 * 3600.0)
            .ok_or(format!("gmtoffset is not an offset: {v}"))? as i64,
    };
    let times: Vec<i64> = result
        .get("timestamp")
        .and_then(Value::as_array)
        .ok_or("no timestamp array")?
        .iter()
        .map(|t| json::time(t).ok_or(format!("timestamp is not a time: {t}")))
        .collect::<Result<_, _>>()?;
    let indicators = object(result.get("indicators").ok_or("no indicators")?)?;
    let first_series = |outer: &str, inner: &str| -> Result<Option<Vec<Option<f64>>>, String> {
        let Some(list) = indicators.get(outer) else {
            return Ok(None);
        };
        let values = list
            .as_array()
            .and_then(|l| l.first())
            .and_then(|o| o.get(inner))
            .and_then(Value::as_array)
            .ok_or(format!("{outer} has no {inner} array"))?;
        if values.len() != times.len() {
            return Err(format!(
                "{} {inner} values for {} timestamps",
                values.len(),
                times.len()
            ));
        }
        Ok(Some(
            values
                .iter()
                .map(|v| json::number(v).filter(|p| *p > 0.0))
                .collect(),
        ))
    };
    let close = first_series("quote", "close")?.ok_or("no quote series")?;
    let adjusted = first_series("adjclose", "adjclose")?;
    let bars = times
        .iter()
        .enumerate()
        .filter_map(|(i, &t)| {
            let local_day = (t + gmt_offset_s).div_euclid(SECONDS_PER_DAY) * SECONDS_PER_DAY;
            let adj = adjusted.as_ref().and_then(|a| a[i]);
            close[i].map(|c| (local_day, c, adj))
        })
        .collect();
    Ok(Chart {
        symbol,
        gmt_offset_s,
        bars,
    })
}

/// Dividend- and split-adjusted closes (total returns, as for CSV exports) of the sessions
/// that are over at `now_s`, dated by the exchange's calendar day; the plain close where Yahoo
/// gives no adjusted one. A session counts as over from 21:00 UTC of its day on.
///
/// # Errors
/// [`SeriesError`] if a close is not a positive number.
pub fn closed_adjusted_closes(chart: &Chart, now_s: i64) -> Result<PriceSeries, SeriesError> {
    PriceSeries::from_unsorted(
        chart
            .bars
            .iter()
            .filter(|(day, _, _)| day + SESSION_CLOSE_UTC_S <= now_s)
            .map(|&(day, close, adj)| (day, adj.unwrap_or(close)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"chart":{"result":[{"meta":{"symbol":"NVDA","gmtoffset":-18000},
        "timestamp":[1764599400,1764685800,1764772200],
        "indicators":{"quote":[{"close":[180.0,null,182.5]}],
                      "adjclose":[{"adjclose":[179.9,null,182.4]}]}}],"error":null}}"#;

    #[test]
    fn reads_sessions_by_new_york_date_and_drops_the_open_one() {
        let chart = parse_chart(BODY).expect("valid");
        assert_eq!(chart.symbol, "NVDA");
        // 2025-12-01 14:30 UTC is 09:30 in New York on 2025-12-01.
        let dec1 = tokenrisk_core::time::Date::from_ymd(2025, 12, 1)
            .expect("valid")
            .to_unix();
        assert_eq!(chart.bars[0], (dec1, 180.0, Some(179.9)));
        assert_eq!(chart.bars.len(), 2, "the null session is left out");
        let dec3 = dec1 + 2 * SECONDS_PER_DAY;
        let before_close = closed_adjusted_closes(&chart, dec3 + 20 * 3600).expect("valid");
        assert_eq!(before_close.values(), &[179.9]);
        let after_close = closed_adjusted_closes(&chart, dec3 + 21 * 3600).expect("valid");
        assert_eq!(after_close.values(), &[179.9, 182.4]);
    }

    #[test]
    fn yahoo_errors_and_ragged_series_are_errors() {
        let unknown = r#"{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}"#;
        let err = parse_chart(unknown).expect_err("invalid").to_string();
        assert!(err.contains("symbol may be delisted"), "{err}");
        let ragged = BODY.replace("[180.0,null,182.5]", "[180.0]");
        assert!(parse_chart(&ragged).is_err());
    }
}
