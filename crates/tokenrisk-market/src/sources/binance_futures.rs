//! Binance USD-M futures market data: mark price and funding (`/fapi/v1/premiumIndex`),
//! funding history (`/fapi/v1/fundingRate`), open interest (`/fapi/v1/openInterest`,
//! `/futures/data/openInterestHist`) and the accounts' long/short ratio
//! (`/futures/data/globalLongShortAccountRatio`). Decimals come as strings; some timestamps too.

use super::json::{
    self, each, object, opt_number, req_number, req_string, req_time_ms, top_array, top_object,
};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::derivatives::{FundingPoint, OpenInterestPoint};

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

/// Parses `/fapi/v1/fundingRate` into the core's funding points (each element must name its
/// contract; the symbol itself is the caller's, who asked for it).
///
/// # Errors
/// [`ParseError`] for anything but an array of fundings.
pub fn parse_funding_rates(body: &str) -> Result<Vec<FundingPoint>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        req_string(o, "symbol")?;
        Ok(FundingPoint {
            rate: req_number(o, "fundingRate")?,
            time_ms: req_time_ms(o, "fundingTime")?,
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

/// Parses `/futures/data/openInterestHist` into the core's open-interest points (timestamps
/// are sent as strings or numbers).
///
/// # Errors
/// [`ParseError`] for anything but an array of points.
pub fn parse_open_interest_history(body: &str) -> Result<Vec<OpenInterestPoint>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        req_string(o, "symbol")?;
        Ok(OpenInterestPoint {
            contracts: req_number(o, "sumOpenInterest")?,
            value: req_number(o, "sumOpenInterestValue")?,
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

/// `/fapi/v1/premiumIndex` of a perpetual (`TAOUSDT`).
pub fn premium_index_url(base: &str, symbol: &str) -> String {
    format!("{base}/fapi/v1/premiumIndex?symbol={symbol}")
}

/// `/fapi/v1/fundingRate`: the last `limit` fundings.
pub fn funding_rates_url(base: &str, symbol: &str, limit: u32) -> String {
    format!("{base}/fapi/v1/fundingRate?symbol={symbol}&limit={limit}")
}

/// `/fapi/v1/depth` of a perpetual, `limit` levels a side (in Binance's depth-response shape,
/// read by [`super::binance::parse_depth`]).
pub fn depth_url(base: &str, symbol: &str, limit: u32) -> String {
    format!("{base}/fapi/v1/depth?symbol={symbol}&limit={limit}")
}

/// `/fapi/v1/openInterest`: open interest now.
pub fn open_interest_url(base: &str, symbol: &str) -> String {
    format!("{base}/fapi/v1/openInterest?symbol={symbol}")
}

/// `/futures/data/openInterestHist`: daily open interest over the last `days` (Binance keeps 30).
pub fn open_interest_history_url(base: &str, symbol: &str, days: u32) -> String {
    format!("{base}/futures/data/openInterestHist?symbol={symbol}&period=1d&limit={days}")
}

/// `/futures/data/globalLongShortAccountRatio`: the daily ratio over the last `days`.
pub fn long_short_url(base: &str, symbol: &str, days: u32) -> String {
    format!(
        "{base}/futures/data/globalLongShortAccountRatio?symbol={symbol}&period=1d&limit={days}"
    )
}

/// The weight a USD-M futures market-data URL counts against Binance's 2,400 a minute per
/// address (derivatives docs, USDⓈ-M market data): premium index, funding rates and open
/// interest 1; klines by limit (below 100: 1, below 500: 2, up to 1,000: 5, beyond: 10);
/// depth by limit (up to 50: 2, 100: 5, 500: 10, 1,000: 20). The `/futures/data/` statistics
/// have no weight but their own limit of 1,000 requests per 5 minutes (200 a minute): counted
/// here as 12, so that a budget of 1,200 weight a minute (half the documented limit) also
/// keeps them at half theirs.
pub fn request_weight(url: &str) -> f64 {
    use super::binance::query_number;
    let limit = query_number(url, "limit");
    if url.contains("/futures/data/") {
        12.0
    } else if url.contains("/fapi/v1/klines") {
        match limit.unwrap_or(500) {
            0..=99 => 1.0,
            100..=499 => 2.0,
            500..=1000 => 5.0,
            _ => 10.0,
        }
    } else if url.contains("/fapi/v1/depth") {
        match limit.unwrap_or(500) {
            0..=50 => 2.0,
            51..=100 => 5.0,
            101..=500 => 10.0,
            _ => 20.0,
        }
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_weights_follow_the_documented_table() {
        let base = "https://fapi.binance.com";
        assert_eq!(request_weight(&premium_index_url(base, "TAOUSDT")), 1.0);
        assert_eq!(
            request_weight(&funding_rates_url(base, "TAOUSDT", 100)),
            1.0
        );
        assert_eq!(request_weight(&open_interest_url(base, "TAOUSDT")), 1.0);
        assert_eq!(
            request_weight(&open_interest_history_url(base, "TAOUSDT", 30)),
            12.0
        );
        assert_eq!(request_weight(&long_short_url(base, "TAOUSDT", 30)), 12.0);
        assert_eq!(
            request_weight(&format!("{base}/fapi/v1/depth?symbol=X&limit=1000")),
            20.0
        );
        let depth = depth_url(base, "TAOUSDT", 500);
        assert_eq!(
            depth,
            "https://fapi.binance.com/fapi/v1/depth?symbol=TAOUSDT&limit=500"
        );
        assert_eq!(request_weight(&depth), 10.0);
    }
}
