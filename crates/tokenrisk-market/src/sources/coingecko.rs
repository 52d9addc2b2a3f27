//! CoinGecko (public API, v3): coin markets, market charts, categories, global figures.
//! Numeric fields CoinGecko may not know are `null`; they parse to `None`.

use super::json::{self, each, object, opt_number, opt_string, req_string, top_array, top_object};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::{PriceSeries, SeriesError};

/// One coin of `/coins/markets`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoinMarket {
    /// CoinGecko id, e.g. `bittensor`.
    pub id: String,
    /// Ticker, e.g. `tao`.
    pub symbol: String,
    /// Name.
    pub name: String,
    /// Price in the quote currency.
    pub current_price: Option<f64>,
    /// Market capitalisation.
    pub market_cap: Option<f64>,
    /// Rank by market capitalisation.
    pub market_cap_rank: Option<f64>,
    /// Fully diluted valuation.
    pub fully_diluted_valuation: Option<f64>,
    /// 24-hour volume.
    pub total_volume: Option<f64>,
    /// 24-hour change in percent.
    pub change_24h_pct: Option<f64>,
    /// 7-day change in percent (when requested with `price_change_percentage=7d`).
    pub change_7d_pct: Option<f64>,
    /// Circulating supply.
    pub circulating_supply: Option<f64>,
    /// Total supply.
    pub total_supply: Option<f64>,
    /// Maximum supply.
    pub max_supply: Option<f64>,
    /// All-time high.
    pub ath: Option<f64>,
    /// Change from the all-time high in percent.
    pub ath_change_pct: Option<f64>,
    /// When CoinGecko last updated the coin (ISO 8601).
    pub last_updated: Option<String>,
    /// The last 7 days of prices, about hourly, oldest first (`sparkline_in_7d.price`, asked
    /// with `sparkline=true`); empty when not given. Gaps CoinGecko sends as `null` are NaN, so
    /// positions stay aligned with other coins'.
    pub sparkline_7d: Vec<f64>,
}

/// Parses `/coins/markets`.
///
/// # Errors
/// [`ParseError`] for anything but an array of coins with an id.
pub fn parse_coin_markets(body: &str) -> Result<Vec<CoinMarket>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        Ok(CoinMarket {
            id: req_string(o, "id")?,
            symbol: opt_string(o, "symbol").unwrap_or_default(),
            name: opt_string(o, "name").unwrap_or_default(),
            current_price: opt_number(o, "current_price")?,
            market_cap: opt_number(o, "market_cap")?,
            market_cap_rank: opt_number(o, "market_cap_rank")?,
            fully_diluted_valuation: opt_number(o, "fully_diluted_valuation")?,
            total_volume: opt_number(o, "total_volume")?,
            change_24h_pct: match opt_number(o, "price_change_percentage_24h_in_currency")? {
                Some(v) => Some(v),
                None => opt_number(o, "price_change_percentage_24h")?,
            },
            change_7d_pct: opt_number(o, "price_change_percentage_7d_in_currency")?,
            circulating_supply: opt_number(o, "circulating_supply")?,
            total_supply: opt_number(o, "total_supply")?,
            max_supply: opt_number(o, "max_supply")?,
            ath: opt_number(o, "ath")?,
            ath_change_pct: opt_number(o, "ath_change_percentage")?,
            last_updated: opt_string(o, "last_updated"),
            sparkline_7d: sparkline(o.get("sparkline_in_7d"))?,
        })
    })
}

/// `sparkline_in_7d`: missing or `null` is empty; otherwise `{"price": [numbers or nulls]}`.
fn sparkline(value: Option<&Value>) -> Result<Vec<f64>, String> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(v) => v
            .get("price")
            .and_then(Value::as_array)
            .map(|prices| {
                prices
                    .iter()
                    .map(|p| json::number(p).unwrap_or(f64::NAN))
                    .collect()
            })
            .ok_or_else(|| "sparkline_in_7d is not {price: [...]}".to_owned()),
    }
}

/// `/coins/{id}/market_chart`: `[time ms, value]` series.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketChart {
    /// Prices.
    pub prices: Vec<(i64, f64)>,
    /// Market capitalisations.
    pub market_caps: Vec<(i64, f64)>,
    /// Volumes.
    pub total_volumes: Vec<(i64, f64)>,
}

/// Parses `/coins/{id}/market_chart` (and `/market_chart/range`).
///
/// # Errors
/// [`ParseError`] when a series is missing or an element is not `[time, number]`.
pub fn parse_market_chart(body: &str) -> Result<MarketChart, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    let series = |key: &str| {
        o.get(key)
            .ok_or_else(|| ParseError::Malformed(format!("no {key}")))
            .and_then(|v| {
                json::time_value_pairs(v, key)
                    .map_err(|reason| ParseError::BadElement { index: 0, reason })
            })
    };
    Ok(MarketChart {
        prices: series("prices")?,
        market_caps: series("market_caps")?,
        total_volumes: series("total_volumes")?,
    })
}

/// Daily closes from a chart's prices (`days` above 90, so one point a day).
///
/// With `days` above 90 CoinGecko gives one price a day stamped 00:00 UTC (the price at that
/// instant, so the previous day's close) and a last point at the time of the request. Each
/// midnight price is dated to the day it closes, as exchanges date daily candles by their
/// opening time; the last, intraday point and any other off-midnight point are left out.
///
/// # Errors
/// [`SeriesError`] if a price is not positive.
pub fn daily_closes(chart: &MarketChart) -> Result<PriceSeries, SeriesError> {
    PriceSeries::from_unsorted(
        chart
            .prices
            .iter()
            .filter(|(t, _)| t.rem_euclid(MS_PER_DAY) == 0)
            .map(|&(t, p)| (t / 1000 - SECONDS_PER_DAY, p))
            .collect(),
    )
}

const MS_PER_DAY: i64 = SECONDS_PER_DAY * 1000;

/// One category of `/coins/categories`.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Category id, e.g. `artificial-intelligence`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Market capitalisation of the category's coins.
    pub market_cap: Option<f64>,
    /// Its 24-hour change in percent.
    pub market_cap_change_24h_pct: Option<f64>,
    /// 24-hour volume.
    pub volume_24h: Option<f64>,
    /// Ids of the three largest coins.
    pub top_3_coins_id: Vec<String>,
    /// When CoinGecko updated the figures (ISO 8601).
    pub updated_at: Option<String>,
}

/// Parses `/coins/categories`.
///
/// # Errors
/// [`ParseError`] for anything but an array of categories with an id.
pub fn parse_categories(body: &str) -> Result<Vec<Category>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        Ok(Category {
            id: req_string(o, "id")?,
            name: opt_string(o, "name").unwrap_or_default(),
            market_cap: opt_number(o, "market_cap")?,
            market_cap_change_24h_pct: opt_number(o, "market_cap_change_24h")?,
            volume_24h: opt_number(o, "volume_24h")?,
            top_3_coins_id: o
                .get("top_3_coins_id")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            updated_at: opt_string(o, "updated_at"),
        })
    })
}

/// `/global`: the whole crypto market.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// Total market capitalisation in USD.
    pub total_market_cap_usd: Option<f64>,
    /// Total 24-hour volume in USD.
    pub total_volume_usd: Option<f64>,
    /// 24-hour change of the total market capitalisation in percent.
    pub market_cap_change_24h_pct: Option<f64>,
    /// Bitcoin's share of the market capitalisation in percent.
    pub btc_dominance_pct: Option<f64>,
    /// When CoinGecko updated the figures (Unix seconds).
    pub updated_at: Option<i64>,
}

/// Parses `/global`.
///
/// # Errors
/// [`ParseError`] when the body is not an object with a `data` object.
pub fn parse_global(body: &str) -> Result<Global, ParseError> {
    let value = json::parse(body)?;
    let data = top_object(&value)?
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::Malformed("no data object".to_owned()))?;
    let nested = |outer: &str, inner: &str| {
        data.get(outer)
            .and_then(Value::as_object)
            .map_or(Ok(None), |o| opt_number(o, inner))
    };
    let bad = |reason| ParseError::BadElement { index: 0, reason };
    Ok(Global {
        total_market_cap_usd: nested("total_market_cap", "usd").map_err(bad)?,
        total_volume_usd: nested("total_volume", "usd").map_err(bad)?,
        market_cap_change_24h_pct: opt_number(data, "market_cap_change_percentage_24h_usd")
            .map_err(bad)?,
        btc_dominance_pct: nested("market_cap_percentage", "btc").map_err(bad)?,
        updated_at: data.get("updated_at").and_then(json::time),
    })
}

/// `/coins/markets` of the coins `ids` (comma-separated), in USD, with 7-day hourly sparklines
/// and 24-hour and 7-day changes.
pub fn markets_by_ids_url(base: &str, ids: &str) -> String {
    format!("{base}/coins/markets?vs_currency=usd&ids={ids}&sparkline=true&price_change_percentage=24h,7d")
}

/// `/coins/markets` of a category's `per_page` largest coins by market cap, as
/// [`markets_by_ids_url`] asks them.
pub fn markets_by_category_url(base: &str, category: &str, per_page: u32) -> String {
    format!("{base}/coins/markets?vs_currency=usd&category={category}&order=market_cap_desc&per_page={per_page}&page=1&sparkline=true&price_change_percentage=24h,7d")
}

/// `/coins/{id}/market_chart`: daily prices in USD over the last `days`.
pub fn daily_chart_url(base: &str, id: &str, days: u32) -> String {
    format!("{base}/coins/{id}/market_chart?vs_currency=usd&days={days}&interval=daily")
}

/// `/coins/categories`: every category's market cap and 24-hour change.
pub fn categories_url(base: &str) -> String {
    format!("{base}/coins/categories")
}

/// `/global`: the whole market's size, change and dominance.
pub fn global_url(base: &str) -> String {
    format!("{base}/global")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_prices_close_the_day_before_and_the_intraday_point_is_dropped() {
        let day = 20_000 * MS_PER_DAY; // 2024-10-04 00:00 UTC
        let chart = MarketChart {
            prices: vec![
                (day, 10.0),
                (day + MS_PER_DAY, 11.0),
                (day + MS_PER_DAY + 3_600_000, 12.0),
            ],
            market_caps: vec![],
            total_volumes: vec![],
        };
        let closes = daily_closes(&chart).expect("valid");
        assert_eq!(
            closes.times(),
            &[19_999 * SECONDS_PER_DAY, 20_000 * SECONDS_PER_DAY]
        );
        assert_eq!(closes.values(), &[10.0, 11.0]);
    }
}
