//! Perpetual-futures positioning: funding in yearly terms, the mark's premium over the index,
//! and the change of open interest.
//!
//! Conventions: a funding rate is paid per funding interval (8 h on most Binance USD-M
//! contracts, 4 h or 1 h on some); positive means longs pay shorts. Yearly figures are simple,
//! not compounded: `rate · periods per day · 365`, the convention of exchange dashboards.

/// One settled funding payment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FundingPoint {
    /// Settlement time, Unix milliseconds.
    pub time_ms: i64,
    /// Rate paid by longs to shorts for the interval (negative: shorts pay), as a fraction.
    pub rate: f64,
    /// Mark price at settlement, when the venue gives it.
    pub mark_price: Option<f64>,
}

/// Open interest at one time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenInterestPoint {
    /// Time, Unix milliseconds.
    pub time_ms: i64,
    /// Open interest in contracts (base units for linear contracts).
    pub contracts: f64,
    /// Open interest valued in the quote currency.
    pub value: f64,
}

/// The funding interval observed in a history, in hours: the median gap between consecutive
/// funding times (robust to a missed payment), or `None` with fewer than two payments.
pub fn funding_interval_hours(history: &[FundingPoint]) -> Option<f64> {
    let mut times: Vec<i64> = history.iter().map(|f| f.time_ms).collect();
    times.sort_unstable();
    let mut gaps: Vec<f64> = times
        .windows(2)
        .map(|w| (w[1] - w[0]) as f64 / 3.6e6)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_by(f64::total_cmp);
    Some(gaps[gaps.len() / 2])
}

/// A per-interval funding rate as a simple yearly rate: `rate · (24 / interval_h) · 365`.
pub fn annualised_funding(rate: f64, interval_hours: f64) -> f64 {
    rate * (24.0 / interval_hours) * 365.0
}

/// The mean funding rate per interval over the payments at or after `since_ms`.
pub fn mean_funding_since(history: &[FundingPoint], since_ms: i64) -> Option<f64> {
    let rates: Vec<f64> = history
        .iter()
        .filter(|f| f.time_ms >= since_ms)
        .map(|f| f.rate)
        .collect();
    crate::stats::mean(&rates).ok()
}

/// The mark price's premium over the index: `mark / index − 1`.
pub fn premium(mark: f64, index: f64) -> Option<f64> {
    (index > 0.0 && mark.is_finite()).then(|| mark / index - 1.0)
}

/// Relative change of open interest (in contracts) from the oldest to the newest point of a
/// history: `OI_last / OI_first − 1`, with the span in days.
pub fn open_interest_change(history: &[OpenInterestPoint]) -> Option<(f64, f64)> {
    let first = history.iter().min_by_key(|p| p.time_ms)?;
    let last = history.iter().max_by_key(|p| p.time_ms)?;
    (first.contracts > 0.0 && last.time_ms > first.time_ms).then(|| {
        (
            last.contracts / first.contracts - 1.0,
            (last.time_ms - first.time_ms) as f64 / 8.64e7,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment(hours: i64, rate: f64) -> FundingPoint {
        FundingPoint {
            rate,
            time_ms: hours * 3_600_000,
            mark_price: None,
        }
    }

    #[test]
    fn interval_is_the_median_gap() {
        // Payments every 8 h with one missed (a 16 h gap) and one out of order.
        let history = [
            payment(16, 0.0001),
            payment(0, 0.0001),
            payment(8, 0.0001),
            payment(32, 0.0001),
            payment(40, 0.0001),
        ];
        assert_eq!(funding_interval_hours(&history), Some(8.0));
        assert_eq!(funding_interval_hours(&history[..1]), None);
    }

    #[test]
    fn yearly_funding_by_hand() {
        // 0.01 % every 8 h: 3 a day, 1,095 a year → 10.95 % a year.
        assert!((annualised_funding(0.0001, 8.0) - 0.1095).abs() < 1e-12);
        assert!((annualised_funding(0.0001, 4.0) - 0.219).abs() < 1e-12);
        let history = [payment(0, 0.0003), payment(8, -0.0001), payment(16, 0.0001)];
        assert!((mean_funding_since(&history, 8 * 3_600_000).expect("valid") - 0.0).abs() < 1e-15);
        assert_eq!(mean_funding_since(&history, 100 * 3_600_000), None);
    }

    #[test]
    fn premium_and_open_interest_change() {
        assert!((premium(101.0, 100.0).expect("valid") - 0.01).abs() < 1e-12);
        assert_eq!(premium(1.0, 0.0), None);
        let point = |day: i64, oi: f64| OpenInterestPoint {
            contracts: oi,
            value: oi * 10.0,
            time_ms: day * 86_400_000,
        };
        let (change, days) =
            open_interest_change(&[point(30, 150.0), point(0, 100.0)]).expect("valid");
        assert!((change - 0.5).abs() < 1e-12);
        assert_eq!(days, 30.0);
        assert_eq!(open_interest_change(&[point(0, 100.0)]), None);
    }
}
