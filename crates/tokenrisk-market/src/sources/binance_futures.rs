//! Binance USD-M futures market data: mark price and funding (`/fapi/v1/premiumIndex`),
//! funding history (`/fapi/v1/fundingRate`), open interest (`/fapi/v1/openInterest`,
//! `/futures/data/openInterestHist`) and the accounts' long/short ratio
//! (`/futures/data/globalLongShortAccountRatio`), and the maintenance brackets a signed
//! `/fapi/v1/leverageBracket` request returns (read from a saved answer: the page and the
//! command cannot sign). Decimals come as strings; some timestamps too.

use super::json::{
    self, each, object, one_or_many, opt_number, req_number, req_string, req_time_ms, top_array,
    top_object,
};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::derivatives::{FundingPoint, OpenInterestPoint};
use tokenrisk_core::leverage::{Bracket, BracketTable};

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

/// Parses a saved answer of `GET /fapi/v1/leverageBracket` (signed, USER_DATA: what an account
/// holder fetches with their key) and returns `symbol`'s brackets (case-insensitive), validated
/// by [`BracketTable::new`]: Binance's `cum` must follow the recursion
/// `cum_n = floor_n·(MMR_n − MMR_{n−1}) + cum_{n−1}`.
///
/// The shape, from Binance's USDⓈ-M documentation ("Notional and Leverage Brackets"): an
/// array of `{"symbol", "notionalCoef"?, "brackets": [{"bracket", "initialLeverage",
/// "notionalCap", "notionalFloor", "maintMarginRatio", "cum"}, …]}`, or one such object when
/// the request named a symbol. The notionals are the account's own (already scaled by
/// `notionalCoef` where Binance shows one); brackets are sorted by `bracket` whatever order
/// they came in.
///
/// # Errors
/// [`ParseError`] for another shape, a field missing or not a number, no entry for `symbol`,
/// or brackets that break a rule of the table (named, with the bracket).
pub fn parse_leverage_brackets(body: &str, symbol: &str) -> Result<BracketTable, ParseError> {
    let value = json::parse(body)?;
    let entries = one_or_many(&value, |item| {
        let o = object(item)?;
        let name = req_string(o, "symbol")?;
        let rows = o
            .get("brackets")
            .and_then(Value::as_array)
            .ok_or("no brackets array")?;
        let mut brackets = rows
            .iter()
            .map(|row| {
                let b = object(row)?;
                Ok((
                    req_number(b, "bracket")?,
                    Bracket {
                        notional_floor: req_number(b, "notionalFloor")?,
                        notional_cap: req_number(b, "notionalCap")?,
                        max_leverage: req_number(b, "initialLeverage")?,
                        maintenance_rate: req_number(b, "maintMarginRatio")?,
                        maintenance_amount: req_number(b, "cum")?,
                    },
                ))
            })
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| format!("{name}: {e}"))?;
        brackets.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok((
            name,
            brackets.into_iter().map(|(_, b)| b).collect::<Vec<_>>(),
        ))
    })?;
    let wanted = symbol.trim();
    let (_, brackets) = entries
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| ParseError::Malformed(format!("no brackets for {wanted} in the answer")))?;
    BracketTable::new(brackets)
        .map_err(|e| ParseError::Malformed(format!("{wanted}'s brackets are not usable: {e}")))
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

    /// Binance's documented example answer (USDⓈ-M "Notional and Leverage Brackets"), in its
    /// array form and in the one-object form of a request that names the symbol.
    const DOCUMENTED: &str = r#"[{"symbol":"ETHUSDT","notionalCoef":1.50,"brackets":[
        {"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,
         "maintMarginRatio":0.0065,"cum":0.0}]}]"#;

    #[test]
    fn the_documented_answer_reads_in_both_forms() {
        let table = parse_leverage_brackets(DOCUMENTED, "ethusdt").expect("documented");
        let one = DOCUMENTED
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']');
        assert_eq!(parse_leverage_brackets(one, "ETHUSDT"), Ok(table.clone()));
        assert_eq!(
            table.brackets(),
            &[Bracket {
                notional_floor: 0.0,
                notional_cap: 10_000.0,
                max_leverage: 75.0,
                maintenance_rate: 0.0065,
                maintenance_amount: 0.0,
            }]
        );
    }

    /// An answer holding the snapshot's BTCUSDT and TAOUSDT brackets, numbers as strings (as
    /// ccxt keeps Binance's raw answer), brackets listed highest first.
    fn answer_from_snapshot() -> String {
        let entry = |symbol: &str| {
            let table = crate::brackets::bracket_table(symbol).expect("snapshot");
            let rows: Vec<_> = table
                .brackets()
                .iter()
                .enumerate()
                .rev()
                .map(|(i, b)| {
                    serde_json::json!({
                        "bracket": (i + 1).to_string(),
                        "initialLeverage": b.max_leverage.to_string(),
                        "notionalCap": b.notional_cap.to_string(),
                        "notionalFloor": b.notional_floor.to_string(),
                        "maintMarginRatio": b.maintenance_rate.to_string(),
                        "cum": b.maintenance_amount.to_string(),
                    })
                })
                .collect();
            serde_json::json!({ "symbol": symbol, "brackets": rows })
        };
        serde_json::json!([entry("BTCUSDT"), entry("TAOUSDT")]).to_string()
    }

    #[test]
    fn an_answer_of_the_snapshot_gives_the_snapshot_back() {
        let body = answer_from_snapshot();
        for symbol in ["BTCUSDT", "TAOUSDT"] {
            assert_eq!(
                parse_leverage_brackets(&body, symbol).ok(),
                crate::brackets::bracket_table(symbol),
                "{symbol}"
            );
        }
        let missing = parse_leverage_brackets(&body, "ICPUSDT").expect_err("not in it");
        assert_eq!(
            missing.to_string(),
            "malformed response: no brackets for ICPUSDT in the answer"
        );
    }

    #[test]
    fn broken_answers_are_reasons() {
        let cases = [
            ("", "malformed"),
            ("[]", "no brackets for ETHUSDT"),
            (r#"{"code":-2015,"msg":"Invalid API-key"}"#, "symbol"),
            (r#"[{"symbol":"ETHUSDT"}]"#, "no brackets array"),
            (
                r#"[{"symbol":"ETHUSDT","brackets":[]}]"#,
                "the bracket table is empty",
            ),
            (
                r#"[{"symbol":"ETHUSDT","brackets":[{"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":"NaN","cum":0}]}]"#,
                "maintMarginRatio",
            ),
            (
                r#"[{"symbol":"ETHUSDT","brackets":[{"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0},{"bracket":2,"initialLeverage":50,"notionalCap":50000,"notionalFloor":10000,"maintMarginRatio":0.01,"cum":99}]}]"#,
                "bracket 2's maintenance amount is 99, the recursion gives 35",
            ),
            (
                r#"[{"symbol":"ETHUSDT","brackets":[{"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0},{"bracket":2,"initialLeverage":50,"notionalCap":50000,"notionalFloor":20000,"maintMarginRatio":0.01,"cum":35}]}]"#,
                "starts at 20000, not at the previous cap 10000",
            ),
        ];
        for (body, reason) in cases {
            let e = parse_leverage_brackets(body, "ETHUSDT").expect_err(body);
            assert!(e.to_string().contains(reason), "{body}: {e}");
        }
    }
}
