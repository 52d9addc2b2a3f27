//! Validated price series keyed by UTC time.

use crate::time::{is_supported_unix, Date, SECONDS_PER_DAY};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a price series is not usable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SeriesError {
    /// Times and values differ in length.
    #[error("{times} times but {values} prices")]
    LengthMismatch {
        /// Number of times.
        times: usize,
        /// Number of values.
        values: usize,
    },
    /// Times are not strictly increasing at this index.
    #[error("times are not strictly increasing at observation {index}")]
    Unordered {
        /// Index of the first out-of-order observation.
        index: usize,
    },
    /// A time lies outside the supported years 1900–9999 (a unit error, say epoch microseconds
    /// read as milliseconds).
    #[error("time {time} at observation {index} is outside the years 1900–9999")]
    TimeOutOfRange {
        /// Index of the observation.
        index: usize,
        /// The offending Unix time.
        time: i64,
    },
    /// A price is NaN, infinite, zero or negative.
    #[error("price {value} at observation {index} is not a positive finite number")]
    InvalidPrice {
        /// Index of the observation.
        index: usize,
        /// The offending value.
        value: f64,
    },
}

/// The trading calendar of an asset, which fixes how many return periods make a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    /// Trades every day of the year (crypto): 365 daily periods a year.
    Continuous,
    /// Trades on weekdays (equities): 252 daily periods a year.
    Weekdays,
}

impl Calendar {
    /// Daily return periods in a year: 365 or 252.
    pub fn periods_per_year(self) -> f64 {
        match self {
            Self::Continuous => 365.0,
            Self::Weekdays => 252.0,
        }
    }

    /// The calendar observed in a daily series: [`Calendar::Continuous`] if any observation falls on
    /// a Saturday or Sunday, else [`Calendar::Weekdays`].
    ///
    /// The rule is stated in the UI beside every annualised figure; a caller that knows the asset
    /// class should say so instead of inferring it.
    pub fn observed(times: &[i64]) -> Self {
        if times.iter().any(|&t| Date::from_unix(t).weekday() >= 5) {
            Self::Continuous
        } else {
            Self::Weekdays
        }
    }
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Continuous => "trades every day (365 periods a year)",
            Self::Weekdays => "trades on weekdays (252 periods a year)",
        })
    }
}

/// Prices at strictly increasing UTC times (Unix seconds), every price positive and finite.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceSeries {
    times: Vec<i64>,
    values: Vec<f64>,
}

impl PriceSeries {
    /// A series from parallel vectors of times and prices.
    ///
    /// # Errors
    /// [`SeriesError`] if the lengths differ, the times are not strictly increasing or lie
    /// outside the years 1900–9999, or a price is not a positive finite number.
    pub fn new(times: Vec<i64>, values: Vec<f64>) -> Result<Self, SeriesError> {
        if times.len() != values.len() {
            return Err(SeriesError::LengthMismatch {
                times: times.len(),
                values: values.len(),
            });
        }
        if let Some((index, &time)) = times
            .iter()
            .enumerate()
            .find(|(_, t)| !is_supported_unix(**t))
        {
            return Err(SeriesError::TimeOutOfRange { index, time });
        }
        if let Some(index) = times.windows(2).position(|w| w[1] <= w[0]) {
            return Err(SeriesError::Unordered { index: index + 1 });
        }
        if let Some((index, &value)) = values
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v > 0.0))
        {
            return Err(SeriesError::InvalidPrice { index, value });
        }
        Ok(Self { times, values })
    }

    /// A series from `(time, price)` points in any order; of points at the same time the later
    /// one in `points` is kept (a corrected candle, say).
    ///
    /// # Errors
    /// [`SeriesError::InvalidPrice`] if a price is not a positive finite number.
    pub fn from_unsorted(mut points: Vec<(i64, f64)>) -> Result<Self, SeriesError> {
        points.reverse();
        points.sort_by_key(|(t, _)| *t);
        points.dedup_by_key(|(t, _)| *t);
        let (times, values) = points.into_iter().unzip();
        Self::new(times, values)
    }

    /// Observation times, Unix seconds.
    pub fn times(&self) -> &[i64] {
        &self.times
    }

    /// Prices, in the order of [`Self::times`].
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// True when there is no observation.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// True when every observation is at midnight UTC, i.e. the series is one price per day.
    pub fn is_daily(&self) -> bool {
        self.times
            .iter()
            .all(|t| t.rem_euclid(SECONDS_PER_DAY) == 0)
    }

    /// The observations from `start` to `end` (Unix seconds), both included.
    pub fn between(&self, start: i64, end: i64) -> Self {
        let from = self.times.partition_point(|&t| t < start);
        let to = self.times.partition_point(|&t| t <= end).max(from);
        Self {
            times: self.times[from..to].to_vec(),
            values: self.values[from..to].to_vec(),
        }
    }

    /// The observations at or after `start` (Unix seconds).
    pub fn since(&self, start: i64) -> Self {
        let from = self.times.partition_point(|&t| t < start);
        Self {
            times: self.times[from..].to_vec(),
            values: self.values[from..].to_vec(),
        }
    }

    /// This series extended and corrected by `newer`: the union of both, `newer`'s price where
    /// both have a time (live data over a bundled snapshot).
    pub fn merged_with(&self, newer: &PriceSeries) -> Self {
        let mut points: Vec<(i64, f64)> = Vec::with_capacity(self.len() + newer.len());
        let (mut i, mut j) = (0, 0);
        while i < self.len() || j < newer.len() {
            let take_newer =
                j < newer.len() && (i == self.len() || newer.times[j] <= self.times[i]);
            if take_newer {
                if i < self.len() && self.times[i] == newer.times[j] {
                    i += 1;
                }
                points.push((newer.times[j], newer.values[j]));
                j += 1;
            } else {
                points.push((self.times[i], self.values[i]));
                i += 1;
            }
        }
        let (times, values) = points.into_iter().unzip();
        Self { times, values }
    }

    /// Daily closes from an hourly series whose times are the bars' opening hours.
    ///
    /// A day's close is the close of its 23:00 UTC bar, which equals the exchange's daily close
    /// (verified on Binance spot TAOUSDT: the 23:00 hourly close equals the 1d kline close).
    /// Days without a 23:00 bar (an incomplete first or last day, a gap) are left out rather
    /// than given a close from another hour. Each close is stamped at its day's midnight.
    pub fn daily_closes_from_hourly(&self) -> Self {
        let last_bar = 23 * 3600;
        let (times, values) = self
            .times
            .iter()
            .zip(&self.values)
            .filter(|(t, _)| t.rem_euclid(SECONDS_PER_DAY) == last_bar)
            .map(|(t, v)| (t - last_bar, *v))
            .unzip();
        Self { times, values }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = SECONDS_PER_DAY;

    #[test]
    fn rejects_bad_input_with_typed_errors() {
        assert_eq!(
            PriceSeries::new(vec![0, DAY], vec![1.0]),
            Err(SeriesError::LengthMismatch {
                times: 2,
                values: 1
            })
        );
        assert_eq!(
            PriceSeries::new(vec![0, 0], vec![1.0, 2.0]),
            Err(SeriesError::Unordered { index: 1 })
        );
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                PriceSeries::new(vec![0, DAY], vec![1.0, bad]),
                Err(SeriesError::InvalidPrice { index: 1, .. })
            ));
        }
        // Epoch microseconds of 2025-01-01 taken for seconds: year 55 million.
        let micros_as_seconds = 1_735_689_600_000_000;
        assert_eq!(
            PriceSeries::new(vec![0, micros_as_seconds], vec![1.0, 2.0]),
            Err(SeriesError::TimeOutOfRange {
                index: 1,
                time: micros_as_seconds
            })
        );
        assert!(PriceSeries::new(vec![crate::time::EARLIEST_UNIX - 1], vec![1.0]).is_err());
    }

    #[test]
    fn since_keeps_the_tail() {
        let s = PriceSeries::new(vec![0, DAY, 2 * DAY], vec![1.0, 2.0, 3.0]).expect("valid");
        assert_eq!(s.since(DAY).values(), &[2.0, 3.0]);
        assert_eq!(s.since(3 * DAY).len(), 0);
    }

    #[test]
    fn daily_closes_take_the_23h_bar_and_drop_incomplete_days() {
        let hour = 3600;
        let times = vec![
            22 * hour,
            23 * hour,
            DAY + 23 * hour,
            2 * DAY,
            2 * DAY + hour,
        ];
        let s = PriceSeries::new(times, vec![1.0, 2.0, 3.0, 4.0, 5.0]).expect("valid");
        let daily = s.daily_closes_from_hourly();
        assert_eq!(daily.times(), &[0, DAY]);
        assert_eq!(daily.values(), &[2.0, 3.0]);
        assert!(daily.is_daily());
    }

    #[test]
    fn merging_prefers_the_newer_series() {
        let old = PriceSeries::new(vec![0, DAY, 2 * DAY], vec![1.0, 2.0, 3.0]).expect("valid");
        let new = PriceSeries::new(vec![2 * DAY, 3 * DAY], vec![3.5, 4.0]).expect("valid");
        let merged = old.merged_with(&new);
        assert_eq!(merged.times(), &[0, DAY, 2 * DAY, 3 * DAY]);
        assert_eq!(merged.values(), &[1.0, 2.0, 3.5, 4.0]);
        assert_eq!(new.merged_with(&old).values(), &[1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn calendar_from_weekends() {
        // 2024-04-12 (Fri) and 2024-04-15 (Mon): weekdays only.
        let fri = 1_712_880_000;
        assert_eq!(
            Calendar::observed(&[fri, fri + 3 * DAY]),
            Calendar::Weekdays
        );
        assert_eq!(Calendar::observed(&[fri, fri + DAY]), Calendar::Continuous);
        assert_eq!(Calendar::Continuous.periods_per_year(), 365.0);
        assert_eq!(Calendar::Weekdays.periods_per_year(), 252.0);
    }
}
