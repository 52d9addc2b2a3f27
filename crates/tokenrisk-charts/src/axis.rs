//! Axis label text: dates on the x axis, prices or percentages on the y axis.

use crate::series_chart::ValueFormat;
use tokenrisk_core::time::Date;

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
/// most (at least 2): days (every 1, 2 or 7) within ~8 weeks, month starts (every 1, 2, 3, 6
/// or 12 months) within ~4 years, else year starts (every 1, 2, 5 or 10 years).
pub(crate) fn date_ticks(x0: f64, x1: f64, most: usize) -> Vec<f64> {
    let most = most.max(2) as f64;
    if !(x0.is_finite() && x1.is_finite() && x1 > x0) {
        return Vec::new();
    }
    let span = x1 - x0;
    let (first, last) = (x0.ceil() as i32, x1.floor() as i32);
    if span <= 56.0 {
        let step = [1, 2, 7, 14]
            .into_iter()
            .find(|s| span / f64::from(*s) <= most)
            .unwrap_or(14);
        return (first..=last)
            .filter(|d| d.rem_euclid(step) == 0)
            .map(f64::from)
            .collect();
    }
    let (y0, m0, _) = Date::from_days(first).ymd();
    let (y1, _, _) = Date::from_days(last).ymd();
    let months = (span / 30.44).ceil() as i32;
    let (step_months, yearly) = if span <= 4.0 * 365.0 {
        (
            [1, 2, 3, 6, 12]
                .into_iter()
                .find(|s| f64::from(months / s) <= most)
                .unwrap_or(12),
            false,
        )
    } else {
        let years = (y1 - y0).max(1);
        (
            [1, 2, 5, 10]
                .into_iter()
                .find(|s| f64::from(years / s) <= most)
                .unwrap_or(10)
                * 12,
            true,
        )
    };
    let mut ticks = Vec::new();
    let (mut year, mut month) = (y0, m0 as i32);
    while year <= y1 {
        let aligned = if yearly {
            month == 1 && year.rem_euclid(step_months / 12) == 0
        } else {
            (month - 1).rem_euclid(step_months) == 0
        };
        if let Some(d) = Date::from_ymd(year, month as u32, 1).filter(|_| aligned) {
            let day = f64::from(d.days());
            if (x0..=x1).contains(&day) {
                ticks.push(day);
            }
        }
        month += 1;
        if month > 12 {
            (year, month) = (year + 1, 1);
        }
    }
    ticks
}

/// Decimals that tell apart the ticks of an axis spanning `span`: enough for a fifth of the
/// span (0 for 200–500, 1 for 1.5–3.0, 3 for 0.05–0.06), at most 8.
pub(crate) fn decimals_for_span(span: f64) -> usize {
    if !(span.is_finite() && span > 0.0) {
        return 2;
    }
    (-(span / 5.0).log10()).ceil().clamp(0.0, 8.0) as usize
}

/// A y-axis label with `decimals` places: prices as they are, fractions as percentages
/// (−0.25 → `−25%`).
pub(crate) fn value_label(value: f64, format: ValueFormat, decimals: usize) -> String {
    match format {
        // Adding 0.0 turns −0 into +0, so the zero line reads "0%", not "−0%".
        ValueFormat::Percent => {
            let unit = 10f64.powi(decimals as i32);
            let percent = (value * 100.0 * unit).round() / unit + 0.0;
            format!("{percent:.decimals$}%").replace('-', "−")
        }
        ValueFormat::Price => format!("{:.*}", decimals, value + 0.0).replace('-', "−"),
        ValueFormat::Compact => compact_label(value),
    }
}

/// A large amount with a scale letter and no needless decimals: 250000 → `250k`, 1.5e6 →
/// `1.5m`, 3.82e10 → `38.2bn`, 0 → `0`.
pub(crate) fn compact_label(value: f64) -> String {
    let (scaled, word) = [(1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")]
        .into_iter()
        .find(|(unit, _)| value.abs() >= *unit)
        .map_or((value, ""), |(unit, word)| (value / unit, word));
    let text = format!("{scaled:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{}{word}", if text == "-0" { "0" } else { text }).replace('-', "−")
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
    fn compact_labels() {
        assert_eq!(compact_label(250_000.0), "250k");
        assert_eq!(compact_label(1_500_000.0), "1.5m");
        assert_eq!(compact_label(38_200_000_000.0), "38.2bn");
        assert_eq!(compact_label(0.0), "0");
        assert_eq!(compact_label(-2_000.0), "−2k");
        assert_eq!(compact_label(12.5), "12.5");
    }

    #[test]
    fn value_labels() {
        assert_eq!(value_label(-0.25, ValueFormat::Percent, 0), "−25%");
        assert_eq!(value_label(-0.0, ValueFormat::Percent, 0), "0%");
        assert_eq!(value_label(-0.001, ValueFormat::Percent, 0), "0%");
        assert_eq!(
            value_label(0.0, ValueFormat::Price, decimals_for_span(360.0)),
            "0"
        );
        assert_eq!(
            value_label(91234.7, ValueFormat::Price, decimals_for_span(40_000.0)),
            "91235"
        );
        assert_eq!(
            value_label(2.5, ValueFormat::Price, decimals_for_span(1.5)),
            "2.5"
        );
        assert_eq!(
            value_label(0.05275, ValueFormat::Price, decimals_for_span(0.01)),
            "0.053"
        );
        assert_eq!(decimals_for_span(f64::NAN), 2);
    }
}
