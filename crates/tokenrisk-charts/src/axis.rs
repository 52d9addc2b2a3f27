//! The date axis: where its ticks go and how they read (value labels are in
//! [`crate::format`]).

use tokenrisk_core::time::{Date, EARLIEST_UNIX, LATEST_UNIX};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date label for an x position in days since 1970-01-01, detailed enough for the visible
/// span: `12 Apr` within ~4 months, `Apr 2025` within ~3 years, else `2025`.
pub(crate) fn date_label(days: f64, span_days: f64) -> String {
    let (year, month, day) = Date::from_days(days.round() as i32).ymd();
    let month = MONTHS[(month as usize).saturating_sub(1).min(11)];
    if span_days <= 120.0 {
        format!("{day} {month}")
    } else if span_days <= 3.0 * 365.0 {
        format!("{month} {year}")
    } else {
        year.to_string()
    }
}

/// Tick positions (days since 1970-01-01) for a date axis over `[x0, x1]`, about `most` at
/// most (at least 2): days (every 1, 2, 7 or 14) within ~8 weeks, month starts (every 1, 2, 3,
/// 6 or 12 months) within ~4 years, else year starts every 1, 2 or 5 × 10ᵏ years. The count is
/// bounded by `most` (plus one) whatever the span, and the range is clipped to the supported
/// years 1900–9999 first.
pub(crate) fn date_ticks(x0: f64, x1: f64, most: usize) -> Vec<f64> {
    let most = most.max(2);
    if !(x0.is_finite() && x1.is_finite() && x1 > x0) {
        return Vec::new();
    }
    let (lowest, highest) = (
        f64::from(Date::from_unix(EARLIEST_UNIX).days()),
        f64::from(Date::from_unix(LATEST_UNIX).days()),
    );
    let (x0, x1) = (x0.max(lowest), x1.min(highest));
    if x1 < x0 {
        return Vec::new();
    }
    let span = x1 - x0;
    // Within [lowest, highest] every day count fits an i32.
    let (first, last) = (x0.ceil() as i32, x1.floor() as i32);
    if span <= 56.0 {
        let step = [1, 2, 7, 14]
            .into_iter()
            .find(|s| span / f64::from(*s) <= most as f64)
            .unwrap_or(14);
        return (first..=last)
            .filter(|d| d.rem_euclid(step) == 0)
            .map(f64::from)
            .collect();
    }
    let (y0, m0, _) = Date::from_days(first).ymd();
    let (y1, _, _) = Date::from_days(last).ymd();
    let in_range = |d: Date| (x0..=x1).contains(&f64::from(d.days()));
    if span <= 4.0 * 365.0 {
        let months = (span / 30.44).ceil() as i32;
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| (months / s) as usize <= most)
            .unwrap_or(12);
        let month_index = |year: i32, month: i32| year * 12 + month - 1;
        return (month_index(y0, m0 as i32)..=month_index(y1, 12))
            .filter(|i| (i % 12).rem_euclid(step) == 0)
            .filter_map(|i| Date::from_ymd(i.div_euclid(12), (i.rem_euclid(12) + 1) as u32, 1))
            .filter(|d| in_range(*d))
            .map(|d| f64::from(d.days()))
            .collect();
    }
    let years = (y1 - y0).max(1);
    let step = nice_year_step(years, most);
    (y0..=y1)
        .filter(|y| y.rem_euclid(step) == 0)
        .filter_map(|y| Date::from_ymd(y, 1, 1))
        .filter(|d| in_range(*d))
        .map(|d| f64::from(d.days()))
        .collect()
}

/// The smallest step of 1, 2 or 5 × 10ᵏ years with at most `most` steps in `years`.
fn nice_year_step(years: i32, most: usize) -> i32 {
    let mut decade = 1;
    loop {
        for step in [decade, 2 * decade, 5 * decade] {
            if (years / step) as usize <= most {
                return step;
            }
        }
        decade *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_labels_follow_the_span() {
        let day = f64::from(Date::parse_iso("2025-04-12").expect("valid").days());
        assert_eq!(date_label(day, 30.0), "12 Apr");
        assert_eq!(date_label(day, 365.0), "Apr 2025");
        assert_eq!(date_label(day, 2000.0), "2025");
    }

    #[test]
    fn date_ticks_fall_on_days_months_or_years() {
        let day = |iso: &str| f64::from(Date::parse_iso(iso).expect("valid").days());
        let label = |d: &f64| Date::from_days(*d as i32).to_string();
        let week: Vec<String> = date_ticks(day("2025-04-01"), day("2025-04-08"), 8)
            .iter()
            .map(label)
            .collect();
        assert_eq!(week.len(), 8);
        let year: Vec<String> = date_ticks(day("2025-01-07"), day("2026-01-07"), 8)
            .iter()
            .map(label)
            .collect();
        assert_eq!(
            year,
            [
                "2025-03-01",
                "2025-05-01",
                "2025-07-01",
                "2025-09-01",
                "2025-11-01",
                "2026-01-01"
            ]
        );
        let all: Vec<String> = date_ticks(day("2018-01-01"), day("2026-01-07"), 8)
            .iter()
            .map(label)
            .collect();
        assert_eq!(
            all,
            [
                "2018-01-01",
                "2019-01-01",
                "2020-01-01",
                "2021-01-01",
                "2022-01-01",
                "2023-01-01",
                "2024-01-01",
                "2025-01-01",
                "2026-01-01"
            ]
        );
        assert!(date_ticks(5.0, 5.0, 8).is_empty());
        let narrow: Vec<String> = date_ticks(day("2025-01-07"), day("2026-01-07"), 3)
            .iter()
            .map(label)
            .collect();
        assert_eq!(
            narrow,
            ["2025-07-01", "2026-01-01"],
            "a phone-wide year: every 6 months"
        );
    }

    #[test]
    fn tick_counts_are_bounded_whatever_the_span() {
        // A CSV from 2024 to the year 9999 viewed on "All" used to build a tick for every
        // month of 8,000 years (and a label lookup for each).
        let far = date_ticks(19_723.0, 2_932_896.0, 8);
        assert!((2..=9).contains(&far.len()), "{}", far.len());
        let label = |d: &f64| Date::from_days(*d as i32).to_string();
        assert_eq!(label(&far[0]), "3000-01-01");
        for (x0, x1) in [
            (-1e300, 1e300),
            (f64::MIN, f64::MAX),
            (-3e9, 3e9),
            (1e12, 2e12),
        ] {
            assert!(date_ticks(x0, x1, 10).len() <= 11, "{x0}..{x1}");
        }
    }
}
