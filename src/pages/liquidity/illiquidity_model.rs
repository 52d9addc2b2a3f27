//! Illiquidity from history, beside the exit calculator: the Amihud (2002) ratio over the
//! last 30 and 90 closed daily candles (Binance spot), the average daily traded value, the
//! days an exit takes at 10 % of it, and volume over market capitalisation (CoinGecko's 24-hour
//! volume, and Binance's 30-day average, over CoinGecko's market cap). Plain functions over the
//! core's [`illiquidity`](tokenrisk_core::illiquidity), tested natively.
//!
//! Conventions: simple daily returns of closes (UTC days); traded value in the quote currency
//! (USDT); the Amihud ratio per million USDT traded (`|r| / value · 10⁶`, a fraction shown in
//! basis points); only closed candles (a candle whose close time is before the answer was
//! fetched).

use super::exit_model::PARTICIPATION;
use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent};
use tokenrisk_core::illiquidity::{amihud_from_candles, days_to_exit, volume_to_market_cap};
use tokenrisk_market::sources::binance::Kline;

/// The windows of the Amihud ratio and the average daily value, in days.
pub const WINDOWS: [usize; 2] = [30, 90];

/// The closed candles of `klines` (close time before `now_ms`), oldest first, one per open
/// time.
pub fn closed_candles(klines: &[Kline], now_ms: i64) -> Vec<&Kline> {
    let mut days: Vec<&Kline> = klines.iter().filter(|k| k.close_time_ms < now_ms).collect();
    days.sort_by_key(|k| k.open_time_ms);
    days.dedup_by_key(|k| k.open_time_ms);
    days
}

/// The closed candles' closes and quote volumes (candles without one are left out).
fn closed(klines: &[Kline], now_ms: i64) -> Vec<(f64, f64)> {
    closed_candles(klines, now_ms)
        .into_iter()
        .filter_map(|k| Some((k.close, k.quote_volume?)))
        .collect()
}

/// Mean of the last `n` values (`None` with fewer).
pub fn mean_last(values: &[f64], n: usize) -> Option<f64> {
    (values.len() >= n && n > 0).then(|| values[values.len() - n..].iter().sum::<f64>() / n as f64)
}

/// The Amihud ratio over the last `days` returns: the last `days + 1` closes.
fn amihud_last(closes: &[f64], volumes: &[f64], days: usize) -> Option<f64> {
    let n = days + 1;
    (closes.len() >= n)
        .then(|| amihud_from_candles(&closes[closes.len() - n..], &volumes[volumes.len() - n..]))?
}

/// The market capitalisation and 24-hour volume from CoinGecko, USD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valuation {
    /// Market capitalisation.
    pub market_cap: Option<f64>,
    /// Traded volume over 24 hours on every venue CoinGecko follows.
    pub volume_24h: Option<f64>,
}

/// The illiquidity figures from Binance's daily candles of `daily` (fetched at `now_ms`), the
/// position's value at the mid (`position_quote`, USDT) and CoinGecko's valuation; a figure
/// whose data is missing reads "n/a" (`why_missing` says why in the caption).
pub fn illiquidity(
    daily: &[Kline],
    now_ms: i64,
    position_quote: Option<f64>,
    valuation: Option<Valuation>,
) -> FigureTable {
    let days = closed(daily, now_ms);
    let (closes, volumes): (Vec<f64>, Vec<f64>) = days.iter().copied().unzip();
    let per_million = |v: f64| format!("{:.2} bp per 1m USDT", v * 1e6 * 1e4);
    let adv30 = mean_last(&volumes, WINDOWS[0]);
    let adv90 = mean_last(&volumes, WINDOWS[1]);
    let market_cap = valuation.and_then(|v| v.market_cap);
    let volume_24h = valuation.and_then(|v| v.volume_24h);
    let turnover = |volume: Option<f64>| {
        volume
            .zip(market_cap)
            .and_then(|(v, m)| volume_to_market_cap(v, m))
    };
    let figures = vec![
        Figure::new("amihud_30d", "Amihud illiquidity, 30 days", amihud_last(&closes, &volumes, WINDOWS[0]), per_million, "Mean over the last 30 days of |daily return| / the day's traded value (Binance spot, USDT), × 10⁶, in basis points: the price move one million USDT of trading went with."),
        Figure::new("amihud_90d", "Amihud illiquidity, 90 days", amihud_last(&closes, &volumes, WINDOWS[1]), per_million, "The same over the last 90 days: a 30-day figure well above it means the market has thinned."),
        Figure::new("adv_30d", "Average daily traded value, 30 days", adv30, |v| format!("{} USDT", compact(v)), "Mean of the last 30 closed days' quote volume on Binance spot."),
        Figure::new("adv_90d", "Average daily traded value, 90 days", adv90, |v| format!("{} USDT", compact(v)), "Mean of the last 90 closed days' quote volume on Binance spot."),
        Figure::new("days_to_exit_adv30", "Days to exit at 10 % of the 30-day average", position_quote.zip(adv30).and_then(|(p, a)| days_to_exit(p, a, PARTICIPATION)), |v| format!("{v:.2} days"), "Position value at the mid / (10 % × the 30-day average daily value): steadier than the last 24 hours'."),
        Figure::new("turnover_24h", "24-hour volume / market cap", turnover(volume_24h), |v| percent(v, 2), "CoinGecko's 24-hour volume on every venue it follows / its market capitalisation: the share of the float that changes hands in a day."),
        Figure::new("turnover_binance_30d", "Binance 30-day average / market cap", turnover(adv30), |v| percent(v, 3), "Binance spot's 30-day average daily value / CoinGecko's market capitalisation: one venue's share of the float traded a day."),
    ];
    FigureTable {
        caption: format!(
            "Illiquidity from history ({} closed daily candles)",
            days.len()
        ),
        figures,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::{text, value};
    use tokenrisk_market::sources::binance::parse_klines;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1e-12)
    }

    const DAY: i64 = 86_400_000;

    fn kline(day: i64, close: f64, quote: Option<f64>) -> Kline {
        Kline {
            open_time_ms: day * DAY,
            open: close,
            high: close,
            low: close,
            close,
            volume: 1.0,
            close_time_ms: (day + 1) * DAY - 1,
            quote_volume: quote,
        }
    }

    /// 100 days of closes alternating 100 and 110 with value 1m, then 2m: the last 30
    /// returns are each ±10 % or −9.09 %.
    fn days() -> Vec<Kline> {
        (0..100)
            .map(|d| {
                let close = if d % 2 == 0 { 100.0 } else { 110.0 };
                kline(d, close, Some(if d < 70 { 1e6 } else { 2e6 }))
            })
            .collect()
    }

    #[test]
    fn figures_are_the_cores_over_the_closed_days() {
        let mut k = days();
        // Today's candle, still open when fetched: left out.
        k.push(kline(100, 1_000.0, Some(1.0)));
        let now = 100 * DAY + 5;
        let v = Valuation {
            market_cap: Some(5e8),
            volume_24h: Some(2.5e7),
        };
        let t = illiquidity(&k, now, Some(1e6), Some(v));
        let closes: Vec<f64> = days().iter().map(|k| k.close).collect();
        let volumes: Vec<f64> = days()
            .iter()
            .map(|k| k.quote_volume.expect("value"))
            .collect();
        let core30 = amihud_from_candles(&closes[69..], &volumes[69..]).expect("defined");
        assert!(near(value(&t, "amihud_30d"), core30));
        // By hand: 15 rises of 10 % and 15 falls of 1/11, on 2m each.
        let by_hand = (15.0 * 0.1 + 15.0 / 11.0) / 30.0 / 2e6;
        assert!(near(core30, by_hand));
        let core90 = amihud_from_candles(&closes[9..], &volumes[9..]).expect("defined");
        assert!(near(value(&t, "amihud_90d"), core90));
        assert!(near(value(&t, "adv_30d"), 2e6));
        assert!(near(value(&t, "adv_90d"), (60.0 * 1e6 + 30.0 * 2e6) / 90.0));
        assert!(near(value(&t, "days_to_exit_adv30"), 1e6 / (0.1 * 2e6)));
        assert!(near(value(&t, "turnover_24h"), 0.05));
        assert!(near(value(&t, "turnover_binance_30d"), 2e6 / 5e8));
        assert!(t.caption.contains("100 closed daily candles"));
        assert!(text(&t, "amihud_30d").ends_with("per 1m USDT"));
    }

    #[test]
    fn missing_data_reads_na() {
        let short: Vec<Kline> = days().into_iter().take(20).collect();
        let t = illiquidity(&short, i64::MAX, None, None);
        for key in [
            "amihud_30d",
            "amihud_90d",
            "adv_30d",
            "days_to_exit_adv30",
            "turnover_24h",
        ] {
            assert_eq!(text(&t, key), "n/a", "{key}");
        }
        // Candles without a quote volume are left out.
        let no_value: Vec<Kline> = days()
            .iter()
            .map(|k| Kline {
                quote_volume: None,
                ..*k
            })
            .collect();
        let t = illiquidity(&no_value, i64::MAX, Some(1.0), None);
        assert_eq!(text(&t, "adv_30d"), "n/a");
        assert!(t.caption.contains("(0 closed"));
    }

    #[test]
    fn the_documented_sample_gives_a_table() {
        let body = std::fs::read_to_string(
            tokenrisk_testdata::fixtures_dir().join("api-samples/binance_spot_klines.json"),
        )
        .expect("sample");
        let k = parse_klines(&body).expect("valid");
        let t = illiquidity(&k, i64::MAX, Some(1e4), None);
        assert_eq!(t.figures.len(), 7);
    }
}
