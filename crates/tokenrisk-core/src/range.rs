//! History ranges and the numbers of one asset over a range.
//!
//! A [`Range`] is a preset counted back from a series' last observation (`7d`, `30d`, `90d`,
//! `ytd`, `1y`, `all`) or a custom span of dates (`2025-01-03..2025-06-30`, what zooming a chart
//! selects); its text form is what a link carries. [`TokenRisk`] is the volatility and
//! drawdown of a price series over a range.

use crate::drawdown::{drawdown_series, max_drawdown, MaxDrawdown};
use crate::returns::simple_returns;
use crate::series::{Calendar, PriceSeries};
use crate::time::{Date, SECONDS_PER_DAY};
use crate::volatility::annualised_volatility;
use crate::MetricError;
use std::fmt;
use std::str::FromStr;

/// The history a view covers: a preset counted back from the series' last observation, or a
/// custom span of dates (what zooming a chart selects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Range {
    /// The last 7 days.
    Days7,
    /// The last 30 days.
    Days30,
    /// The last 90 days.
    Days90,
    /// From 1 January of the last observation's year.
    YearToDate,
    /// The last 365 days.
    #[default]
    Year1,
    /// The whole history.
    All,
    /// From one date to another, both included (Unix seconds at 00:00 UTC, `from < to`).
    Custom {
        /// First day.
        from: i64,
        /// Last day.
        to: i64,
    },
}

impl Range {
    /// The presets, in the order the selector shows them.
    pub const PRESETS: [Range; 6] = [
        Range::Days7,
        Range::Days30,
        Range::Days90,
        Range::YearToDate,
        Range::Year1,
        Range::All,
    ];

    /// A custom range over the days holding `from` and `to` (Unix seconds, either order);
    /// `None` when they fall on the same day.
    pub fn custom(from: i64, to: i64) -> Option<Self> {
        let (a, b) = (from.min(to), from.max(to));
        let (from, to) = (
            a.div_euclid(SECONDS_PER_DAY) * SECONDS_PER_DAY,
            b.div_euclid(SECONDS_PER_DAY) * SECONDS_PER_DAY,
        );
        (from < to).then_some(Self::Custom { from, to })
    }

    /// Calendar days a preset counts back, `None` for the whole history and the ranges fixed
    /// by dates.
    pub fn days(self) -> Option<i64> {
        match self {
            Self::Days7 => Some(7),
            Self::Days30 => Some(30),
            Self::Days90 => Some(90),
            Self::Year1 => Some(365),
            Self::YearToDate | Self::All | Self::Custom { .. } => None,
        }
    }

    /// The span of `series` this range covers, `(first, last)` in Unix seconds; `None` for an
    /// empty series. A preset of `days` covers `[last − days, last]` (a 30-day range of a daily
    /// crypto series holds 31 prices and so 30 daily returns); year to date starts on 1 January
    /// of the last observation's year; a custom range is taken as it is.
    pub fn span(self, series: &PriceSeries) -> Option<(i64, i64)> {
        let (&first, &last) = (series.times().first()?, series.times().last()?);
        Some(match self {
            Self::Custom { from, to } => (from, to),
            Self::All => (first, last),
            Self::YearToDate => {
                let (year, _, _) = Date::from_unix(last).ymd();
                let jan1 = Date::from_ymd(year, 1, 1).map_or(first, Date::to_unix);
                (jan1, last)
            }
            preset => (last - preset.days().unwrap_or(0) * SECONDS_PER_DAY, last),
        })
    }

    /// The part of `series` this range covers (see [`Range::span`]).
    pub fn window(self, series: &PriceSeries) -> PriceSeries {
        match self.span(series) {
            Some((from, to)) => series.between(from, to),
            None => series.clone(),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Days7 => f.write_str("7d"),
            Self::Days30 => f.write_str("30d"),
            Self::Days90 => f.write_str("90d"),
            Self::YearToDate => f.write_str("ytd"),
            Self::Year1 => f.write_str("1y"),
            Self::All => f.write_str("all"),
            Self::Custom { from, to } => {
                write!(f, "{}..{}", Date::from_unix(*from), Date::from_unix(*to))
            }
        }
    }
}

/// A range that is not a preset nor `YYYY-MM-DD..YYYY-MM-DD` with the first date earlier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown range {0:?}: expected 7d, 30d, 90d, ytd, 1y, all or FROM..TO dates")]
pub struct UnknownRange(pub String);

impl FromStr for Range {
    type Err = UnknownRange;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Some((from, to)) = text.split_once("..") {
            let day = |t: &str| Date::parse_iso(t.trim()).map(Date::to_unix);
            return match (day(from), day(to)) {
                (Some(from), Some(to)) if from < to => Ok(Self::Custom { from, to }),
                _ => Err(UnknownRange(s.to_owned())),
            };
        }
        Self::PRESETS
            .into_iter()
            .find(|r| r.to_string().eq_ignore_ascii_case(text))
            .ok_or_else(|| UnknownRange(s.to_owned()))
    }
}

/// The numbers of a token view over one range.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRisk {
    /// The prices in the range.
    pub prices: PriceSeries,
    /// Drawdown from the running peak within the range, one per price (fractions ≤ 0).
    pub drawdowns: Vec<f64>,
    /// Annualised volatility of daily simple returns (ddof 1, × √periods per year).
    pub volatility: Result<f64, MetricError>,
    /// The deepest drawdown within the range.
    pub max_drawdown: Option<MaxDrawdown>,
    /// Periods per year used for annualisation.
    pub periods_per_year: f64,
}

impl TokenRisk {
    /// Computes the view's numbers for `series` (daily closes) over `range`.
    ///
    /// The drawdown's running peak starts at the range's first price: it answers "how far below
    /// its best level in this range", not since an earlier all-time high.
    pub fn compute(series: &PriceSeries, calendar: Calendar, range: Range) -> Self {
        let prices = range.window(series);
        let periods_per_year = calendar.periods_per_year();
        let returns = simple_returns(prices.values());
        Self {
            drawdowns: drawdown_series(prices.values()),
            volatility: annualised_volatility(&returns, periods_per_year),
            max_drawdown: max_drawdown(prices.values()),
            periods_per_year,
            prices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_round_trips_and_rejects_unknown() {
        for r in Range::PRESETS {
            assert_eq!(r.to_string().parse::<Range>(), Ok(r));
        }
        assert_eq!(" 1Y ".parse::<Range>(), Ok(Range::Year1));
        let custom = "2025-01-03..2025-06-30".parse::<Range>().expect("dates");
        assert_eq!(custom.to_string(), "2025-01-03..2025-06-30");
        assert_eq!(
            Range::custom(86_400 * 10 + 5, 86_400 * 3),
            "1970-01-04..1970-01-11".parse().ok()
        );
        assert_eq!(Range::custom(5, 80_000), None, "one day is not a span");
        for bad in [
            "2w",
            "2025-06-30..2025-01-03",
            "2025-01-03..2025-01-03",
            "2025-13-01..2026-01-01",
            "..",
            "2025-01-03..",
        ] {
            assert!(bad.parse::<Range>().is_err(), "{bad}");
        }
    }

    #[test]
    fn window_counts_calendar_days_back_from_the_last_point() {
        let day = SECONDS_PER_DAY;
        let s =
            PriceSeries::new((0..100).map(|i| i * day).collect(), vec![1.0; 100]).expect("valid");
        assert_eq!(Range::Days7.window(&s).len(), 8);
        assert_eq!(Range::Days30.window(&s).len(), 31);
        assert_eq!(Range::Days90.window(&s).len(), 91);
        assert_eq!(Range::Year1.window(&s).len(), 100);
        assert_eq!(Range::All.window(&s).len(), 100);
        // Day 99 is 1970-04-10: the year to date starts on day 0.
        assert_eq!(Range::YearToDate.window(&s).len(), 100);
        let custom = Range::Custom {
            from: 10 * day,
            to: 19 * day,
        };
        assert_eq!(
            custom.window(&s).times(),
            &(10..20).map(|i| i * day).collect::<Vec<_>>()[..]
        );
        let later = PriceSeries::new(vec![400 * day, 420 * day], vec![1.0, 2.0]).expect("valid");
        // 1971-02-05 and 1971-02-25: the year to date starts on 1971-01-01.
        assert_eq!(Range::YearToDate.span(&later), Some((365 * day, 420 * day)));
    }
}
