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

/// Decimals that tell apart the ticks of an axis spanning `span`: enough for a fifth of the
/// span (0 for 200–500, 1 for 1.5–3.0, 3 for 0.05–0.06), at most 8.
pub(crate) fn decimals_for_span(span: f64) -> usize {
    if !(span.is_finite() && span > 0.0) {
        return 2;
    }
    (-(span / 5.0).log10()).ceil().clamp(0.0, 8.0) as usize
}

/// A y-axis label: prices with `decimals` places, percentages of a fraction (−0.25 → `−25%`).
pub(crate) fn value_label(value: f64, format: ValueFormat, decimals: usize) -> String {
    match format {
        // Adding 0.0 turns −0 into +0, so the zero line reads "0%", not "−0%".
        ValueFormat::Percent => format!("{:.0}%", (value * 100.0).round() + 0.0).replace('-', "−"),
        ValueFormat::Price => format!("{:.*}", decimals, value + 0.0).replace('-', "−"),
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
