//! Binance USD-M futures market data: mark price and funding (`/fapi/v1/premiumIndex`),
//! funding history (`/fapi/v1/fundingRate`), open interest (`/fapi/v1/openInterest`,
//! `/futures/data/openInterestHist`) and the accounts' long/short ratio
//! (`/futures/data/globalLongShortAccountRatio`). Decimals come as strings; some timestamps too.

use super::json::{
    self, each, object, opt_number, req_number, req_string, req_time_ms, top_array, top_object,
};
use super::ParseError;
use serde_json::Value;

/// Mark price and current funding of a perpetual.
#[derive(Debug, Clone, PartialEq)]
pub struct PremiumIndex {
    /// Contract, e.g. `TAOUSDT`.
    pub symbol: String,
    /// Mark price (what liquidations use).
    pub mark_price: f64,
    /// Index price (spot reference).
    pub index_price: Option<f64>,
    /// Funding rate of the current 8-hour period, as a fraction.
    pub last_funding_rate: f64,
    /// Next funding time, Unix milliseconds.
    pub next_funding_time_ms: i64,
    /// Time of the figures, Unix milliseconds.
    pub time_ms: i64,
}

/// Parses `/fapi/v1/premiumIndex`: one object (`symbol=`) or an array of them.
///
/// # Errors
/// [`ParseError`] when a field is missing or not a number.
pub fn parse_premium_index(body: &str) -> Result<Vec<PremiumIndex>, ParseError> {
    let value = json::parse(body)?;
    let one = |item: &Value| -> Result<PremiumIndex, String> {
        let o = object(item)?;
        Ok(PremiumIndex {
            symbol: req_string(o, "symbol")?,
            mark_price: req_number(o, "markPrice")?,
            index_price: opt_number(o, "indexPrice")?,
            last_funding_rate: req_number(o, "lastFundingRate")?,
            next_funding_time_ms: req_time_ms(o, "nextFundingTime")?,
            time_ms: req_time_ms(o, "time")?,
        })
    };
    json::one_or_many(&value, one)
}

/// One settled funding.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingRate {
    /// Contract.
    pub symbol: String,
    /// Rate paid by longs to shorts for the period (negative: shorts pay), as a fraction.
    pub funding_rate: f64,
    /// Settlement time, Unix milliseconds.
    pub funding_time_ms: i64,
    /// Mark price at settlement, when given.
    pub mark_price: Option<f64>,
}

/// Parses `/fapi/v1/fundingRate`.
///
/// # Errors
/// [`ParseError`] for anything but an array of fundings.
pub fn parse_funding_rates(body: &str) -> Result<Vec<FundingRate>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        Ok(FundingRate {
            symbol: req_string(o, "symbol")?,
            funding_rate: req_number(o, "fundingRate")?,
            funding_time_ms: req_time_ms(o, "fundingTime")?,
            mark_price: opt_number(o, "markPrice")?,
        })
    })
}

/// Current open interest.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenInterest {
    /// Contract.
    pub symbol: String,
    /// Open interest in contracts (base asset).
    pub open_interest: f64,
    /// Time, Unix milliseconds.
    pub time_ms: i64,
}

/// Parses `/fapi/v1/openInterest`.
///
/// # Errors
/// [`ParseError`] when a field is missing or not a number.
pub fn parse_open_interest(body: &str) -> Result<OpenInterest, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    let bad = |reason| ParseError::BadElement { index: 0, reason };
    Ok(OpenInterest {
        symbol: req_string(o, "symbol").map_err(bad)?,
        open_interest: req_number(o, "openInterest").map_err(bad)?,
        time_ms: req_time_ms(o, "time").map_err(bad)?,
    })
}

/// One point of open-interest history.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenInterestPoint {
    /// Contract.
    pub symbol: String,
    /// Open interest in contracts.
    pub sum_open_interest: f64,
    /// Open interest in the quote currency.
    pub sum_open_interest_value: f64,
    /// Time, Unix milliseconds (sent as a string).
    pub time_ms: i64,
}

/// Parses `/futures/data/openInterestHist`.
///
/// # Errors
/// [`ParseError`] for anything but an array of points.
pub fn parse_open_interest_history(body: &str) -> Result<Vec<OpenInterestPoint>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        Ok(OpenInterestPoint {
            symbol: req_string(o, "symbol")?,
            sum_open_interest: req_number(o, "sumOpenInterest")?,
            sum_open_interest_value: req_number(o, "sumOpenInterestValue")?,
            time_ms: req_time_ms(o, "timestamp")?,
        })
    })
}

/// The share of accounts long and short.
#[derive(Debug, Clone, PartialEq)]
pub struct LongShortRatio {
    /// Contract.
    pub symbol: String,
    /// Long accounts / short accounts.
    pub long_short_ratio: f64,
    /// Share of accounts net long, a fraction.
    pub long_account: f64,
    /// Share of accounts net short, a fraction.
    pub short_account: f64,
    /// Time, Unix milliseconds (sent as a string).
    pub time_ms: i64,
}

/// Parses `/futures/data/globalLongShortAccountRatio`.
///
/// # Errors
/// [`ParseError`] for anything but an array of ratios.
pub fn parse_long_short_ratios(body: &str) -> Result<Vec<LongShortRatio>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        Ok(LongShortRatio {
            symbol: req_string(o, "symbol")?,
            long_short_ratio: req_number(o, "longShortRatio")?,
            long_account: req_number(o, "longAccount")?,
            short_account: req_number(o, "shortAccount")?,
            time_ms: req_time_ms(o, "timestamp")?,
        })
    })
}
