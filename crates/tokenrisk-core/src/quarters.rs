//! Fiscal quarters from the period values a company reports (quarterly capital expenditure,
//! quarterly revenue), and their year-on-year growth.
//!
//! Companies report many flows only cumulatively: a cash-flow statement in a quarterly report
//! covers the fiscal year to date (three, six, nine months), the annual report the whole year,
//! and each report repeats earlier periods as comparatives (restated or not). The quarter is
//! then a difference, following SEC EDGAR's XBRL practice (and the check against the companies'
//! own quarterly tables, e.g. Alphabet's capital expenditure in 2026's second quarter
//! = 80,598 − 35,674 = 44,924 USD m):
//!
//! 1. **The latest filing wins.** Values of the same period (start, end) are one value: the one
//!    filed last (on a tie, the later in the input).
//! 2. **A quarter is 80–100 days** from start to end (`end − start`; 89–92 for calendar
//!    quarters, 13 weeks = 90 days on 52/53-week calendars). Every reported quarter is kept as
//!    reported.
//! 3. **Other quarters are differences** of a longer period `B = (S, E)` (six or nine months to
//!    date, a year): `Q = B − (amount from S to e₁)`, the quarter running from `e₁ + 1 day` to
//!    `E`, where the amount to `e₁` is a reported period `(S, e₁)` (the year to date one
//!    quarter earlier: Q2 = six months − three, Q3 = nine − six, Q4 = year − nine months) or,
//!    where none was reported, the sum of the quarters that chain from `S` to `e₁` (Q4 = year
//!    − Q1 − Q2 − Q3 for a company that reports standalone quarters). Longer periods are
//!    worked through in order of their end, so a quarter derived from one can serve a later
//!    one. No quarter is derived where one already ends on `E`.
//!
//! A derived quarter keeps the form of the longer period's filing and the latest filing date
//! of the values it used.

use crate::time::Date;
use std::collections::BTreeMap;

/// The days from start to end (`end − start`) of a quarter: 80 to 100.
pub const QUARTER_DAYS: std::ops::RangeInclusive<i32> = 80..=100;

/// Days between a quarter and the one a year before it: 364 ± 7 (the same calendar quarter
/// is 364 to 366 days back; a 52/53-week fiscal calendar moves its quarter ends by a week).
pub const YEAR_AGO_DAYS: std::ops::RangeInclusive<i32> = 357..=371;

/// A value reported for a period, e.g. capital expenditure from `start` to `end` (both days
/// included) in one filing.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodValue {
    /// First day of the period.
    pub start: Date,
    /// Last day of the period.
    pub end: Date,
    /// The amount over the period.
    pub value: f64,
    /// The kind of filing that reported it (e.g. `10-Q`, `10-K`).
    pub form: String,
    /// When that filing was made.
    pub filed: Date,
}

/// One fiscal quarter's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarter {
    /// First day of the quarter.
    pub start: Date,
    /// Last day of the quarter.
    pub end: Date,
    /// The amount over the quarter.
    pub value: f64,
    /// True where computed from longer periods (year to date, a year), not reported as is.
    pub derived: bool,
    /// The form of the filing it was reported in (derived: the longer period's).
    pub form: String,
    /// The latest filing date of the values it comes from.
    pub filed: Date,
}

fn is_quarter(start: Date, end: Date) -> bool {
    QUARTER_DAYS.contains(&(end.days() - start.days()))
}

fn next_day(date: Date) -> Date {
    Date::from_days(date.days() + 1)
}

/// The fiscal quarters in `values`, reported and derived (see the module's rules), ordered by
/// end. Values with a start after their end, or not finite, are left out.
pub fn fiscal_quarters(values: &[PeriodValue]) -> Vec<Quarter> {
    let mut latest: BTreeMap<(Date, Date), &PeriodValue> = BTreeMap::new();
    for v in values
        .iter()
        .filter(|v| v.start <= v.end && v.value.is_finite())
    {
        let kept = latest.entry((v.start, v.end)).or_insert(v);
        if v.filed >= kept.filed {
            *kept = v;
        }
    }
    let mut quarters: Vec<Quarter> = latest
        .values()
        .filter(|v| is_quarter(v.start, v.end))
        .map(|v| Quarter {
            start: v.start,
            end: v.end,
            value: v.value,
            derived: false,
            form: v.form.clone(),
            filed: v.filed,
        })
        .collect();
    let mut longer: Vec<&PeriodValue> = latest
        .values()
        .copied()
        .filter(|v| v.end.days() - v.start.days() > *QUARTER_DAYS.end())
        .collect();
    longer.sort_by_key(|v| (v.end, v.start));
    for period in longer {
        if quarters.iter().any(|q| q.end == period.end) {
            continue;
        }
        let reported = latest
            .values()
            .filter(|v| {
                v.start == period.start
                    && v.end < period.end
                    && is_quarter(next_day(v.end), period.end)
            })
            .max_by_key(|v| v.end)
            .map(|v| (v.end, v.value, v.filed));
        if let Some((through, amount, filed)) =
            reported.or_else(|| chained(&quarters, period.start, period.end))
        {
            quarters.push(Quarter {
                start: next_day(through),
                end: period.end,
                value: period.value - amount,
                derived: true,
                form: period.form.clone(),
                filed: filed.max(period.filed),
            });
        }
    }
    quarters.sort_by_key(|q| (q.end, q.start));
    quarters
}

/// The sum of the quarters that chain from `start` (each starting the day after the one
/// before ends) to the last end one quarter before `end`: `(last end, sum, latest filing)`.
fn chained(quarters: &[Quarter], start: Date, end: Date) -> Option<(Date, f64, Date)> {
    let mut from = start;
    let mut sum = 0.0;
    let mut filed: Option<Date> = None;
    let mut found = None;
    while let Some(q) = quarters.iter().find(|q| q.start == from && q.end < end) {
        sum += q.value;
        let latest = filed.map_or(q.filed, |f| f.max(q.filed));
        filed = Some(latest);
        if is_quarter(next_day(q.end), end) {
            found = Some((q.end, sum, latest));
        }
        from = next_day(q.end);
    }
    found
}

/// Each quarter's growth over the quarter a year before it (ending [`YEAR_AGO_DAYS`] earlier):
/// `value / value a year ago − 1`; `None` where there is no such quarter or its value is not
/// positive. One entry per quarter, in the same order.
pub fn year_on_year(quarters: &[Quarter]) -> Vec<Option<f64>> {
    quarters
        .iter()
        .map(|q| {
            quarters
                .iter()
                .find(|p| YEAR_AGO_DAYS.contains(&(q.end.days() - p.end.days())))
                .filter(|p| p.value > 0.0)
                .map(|p| q.value / p.value - 1.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("date")
    }

    fn v(start: &str, end: &str, value: f64, form: &str, filed: &str) -> PeriodValue {
        PeriodValue {
            start: d(start),
            end: d(end),
            value,
            form: form.to_owned(),
            filed: d(filed),
        }
    }

    fn rows(quarters: &[Quarter]) -> Vec<(String, String, f64, bool)> {
        quarters
            .iter()
            .map(|q| (q.start.to_string(), q.end.to_string(), q.value, q.derived))
            .collect()
    }

    fn row(start: &str, end: &str, value: f64, derived: bool) -> (String, String, f64, bool) {
        (start.to_owned(), end.to_owned(), value, derived)
    }

    #[test]
    fn year_to_date_filer_differences_each_quarter() {
        // Alphabet's 2025 capital expenditure (USD m), filed only year to date.
        let values = [
            v("2025-01-01", "2025-03-31", 17_197.0, "10-Q", "2025-04-25"),
            v("2025-01-01", "2025-06-30", 39_643.0, "10-Q", "2025-07-24"),
            v("2025-01-01", "2025-09-30", 63_596.0, "10-Q", "2025-10-30"),
            v("2025-01-01", "2025-12-31", 91_447.0, "10-K", "2026-02-05"),
        ];
        let quarters = fiscal_quarters(&values);
        assert_eq!(
            rows(&quarters),
            [
                row("2025-01-01", "2025-03-31", 17_197.0, false),
                row("2025-04-01", "2025-06-30", 22_446.0, true),
                row("2025-07-01", "2025-09-30", 23_953.0, true),
                row("2025-10-01", "2025-12-31", 27_851.0, true),
            ]
        );
        assert_eq!(quarters[3].form, "10-K");
        assert_eq!(quarters[3].filed, d("2026-02-05"));
    }

    #[test]
    fn standalone_quarters_give_the_fourth_from_the_year() {
        let values = [
            v("2024-07-01", "2024-09-30", 10.0, "10-Q", "2024-10-30"),
            v("2024-10-01", "2024-12-31", 20.0, "10-Q", "2025-01-29"),
            v("2025-01-01", "2025-03-31", 30.0, "10-Q", "2025-04-30"),
            v("2024-07-01", "2025-06-30", 100.0, "10-K", "2025-07-30"),
        ];
        let quarters = fiscal_quarters(&values);
        assert_eq!(quarters.len(), 4);
        assert_eq!(
            rows(&quarters[3..]),
            [row("2025-04-01", "2025-06-30", 40.0, true)]
        );
        assert_eq!(quarters[3].filed, d("2025-07-30"));
    }

    #[test]
    fn the_latest_filing_wins_and_a_reported_quarter_is_not_derived_again() {
        let values = [
            v("2025-01-01", "2025-03-31", 10.0, "10-Q", "2025-04-30"),
            v("2025-01-01", "2025-03-31", 12.0, "10-Q/A", "2025-06-01"),
            v("2025-04-01", "2025-06-30", 5.0, "10-Q", "2025-07-30"),
            v("2025-01-01", "2025-06-30", 99.0, "10-Q", "2025-07-30"),
        ];
        let quarters = fiscal_quarters(&values);
        assert_eq!(
            rows(&quarters),
            [
                row("2025-01-01", "2025-03-31", 12.0, false),
                row("2025-04-01", "2025-06-30", 5.0, false),
            ]
        );
        assert_eq!(quarters[0].form, "10-Q/A");
    }

    #[test]
    fn a_restated_comparative_moves_the_derived_quarter_and_its_filing_date() {
        let values = [
            v("2025-01-01", "2025-03-31", 10.0, "10-Q", "2025-04-30"),
            v("2025-01-01", "2025-06-30", 30.0, "10-Q", "2025-07-30"),
            // The first quarter restated in next year's report.
            v("2025-01-01", "2025-03-31", 11.0, "10-Q", "2026-04-30"),
        ];
        let quarters = fiscal_quarters(&values);
        assert_eq!(
            rows(&quarters),
            [
                row("2025-01-01", "2025-03-31", 11.0, false),
                row("2025-04-01", "2025-06-30", 19.0, true),
            ]
        );
        assert_eq!(quarters[1].filed, d("2026-04-30"));
    }

    #[test]
    fn nothing_is_derived_without_the_period_before() {
        let values = [
            v("2025-01-01", "2025-09-30", 30.0, "10-Q", "2025-10-30"),
            v("2025-01-01", "2025-12-31", 40.0, "10-K", "2026-02-01"),
            v("2025-12-31", "2025-12-30", 1.0, "10-K", "2026-02-01"),
            v("2024-01-01", "2024-03-31", f64::NAN, "10-Q", "2024-04-30"),
        ];
        // Q4 = year − nine months; nothing else can be had.
        assert_eq!(
            rows(&fiscal_quarters(&values)),
            [row("2025-10-01", "2025-12-31", 10.0, true)]
        );
        assert!(fiscal_quarters(&[]).is_empty());
    }

    #[test]
    fn growth_is_against_the_quarter_a_year_before() {
        let q = |end: &str, value: f64| Quarter {
            start: Date::from_days(d(end).days() - 90),
            end: d(end),
            value,
            derived: false,
            form: "10-Q".to_owned(),
            filed: d(end),
        };
        // A 52/53-week calendar: the quarter ends move by days from year to year.
        let quarters = [
            q("2024-03-30", 100.0),
            q("2024-06-29", 0.0),
            q("2025-03-29", 150.0),
            q("2025-06-28", 10.0),
            q("2025-09-27", 10.0),
        ];
        let growth = year_on_year(&quarters);
        assert_eq!(growth[..2], [None, None]);
        assert!((growth[2].expect("a year before") - 0.5).abs() < 1e-15);
        assert_eq!(growth[3..], [None, None]);
    }
}
