//! How numbers and dates read, on a chart and beside it: the [`ValueFormat`] of an axis, the
//! axis labels (short: `250k`, `−25%`, decimals that follow the tick spacing) and the text of
//! tooltips, summaries and data tables (`89,902.17`, `−67.4%`, `2.62 tn`, `2026-01-02`). The
//! app's pages use the same functions, so a number reads alike on a chart and in a table.

use tokenrisk_core::time::{format_unix, Date};

/// How a chart's values are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueFormat {
    /// Prices in quote currency.
    Price,
    /// Fractions shown as percentages.
    Percent,
    /// Large amounts with a scale letter (250k, 1.5m, 38bn).
    Compact,
    /// Durations in days (`12 d` on an axis, `12 days` in a tooltip).
    Days,
}

impl ValueFormat {
    /// A value as a tooltip, summary or table reads it: [`price`], [`percent`] with two
    /// decimals, [`compact`], or [`days`].
    pub fn text(self, value: f64) -> String {
        match self {
            Self::Price => price(value),
            Self::Percent => percent(value, 2),
            Self::Compact => compact(value),
            Self::Days => days(value),
        }
    }
}

/// A duration in days, whole days without decimals and others with one: `12` → `12 days`,
/// `10.67` → `10.7 days`, `1` → `1 day`.
pub fn days(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let unit = if value == 1.0 { "day" } else { "days" };
    format!("{} {unit}", text.replace('-', "−"))
}

/// A fraction as a percentage with a true minus sign: `-0.674` → `−67.4%`.
pub fn percent(fraction: f64, decimals: usize) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    format!("{:.*}%", decimals, fraction * 100.0).replace('-', "−")
}

/// A price with thousands separators and precision that follows its magnitude:
/// `89902.17` → `89,902.17`, `0.05275` → `0.05275`.
pub fn price(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let decimals = if value.abs() >= 1.0 { 2 } else { 5 };
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 { "−" } else { "" };
    format!("{sign}{grouped}.{fraction}")
}

/// A large amount with a scale word: `2_621_040_321_355` → `2.62 tn`, `38_200_000_000` →
/// `38.2 bn`, `412_000_000` → `412 m` (three significant digits).
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let (scaled, word) = [(1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")]
        .into_iter()
        .find(|(unit, _)| value.abs() >= *unit)
        .map_or((value, ""), |(unit, word)| (value / unit, word));
    let decimals = if scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{scaled:.decimals$} {word}")
        .trim_end()
        .replace('-', "−")
}

/// The UTC date of a Unix time, `YYYY-MM-DD`.
pub fn date(unix: i64) -> String {
    Date::from_unix(unix).to_string()
}

/// The UTC time of a Unix time to the minute, `YYYY-MM-DD HH:MM`.
pub fn date_time(unix: i64) -> String {
    let full = format_unix(unix);
    full.get(..16).unwrap_or(&full).replace('T', " ")
}

/// Decimals that tell apart the ticks of an axis spanning `span`: enough for a fifth of the
/// span (0 for 200–500, 1 for 1.5–3.0, 3 for 0.05–0.06), at most 8.
pub(crate) fn decimals_for_span(span: f64) -> usize {
    if !(span.is_finite() && span > 0.0) {
        return 2;
    }
    (-(span / 5.0).log10()).ceil().clamp(0.0, 8.0) as usize
}

/// The most decimal places a label shows (beyond f64's 17 significant digits there is nothing
/// to show, and Rust's formatter refuses precisions above 65,535).
const MAX_DECIMALS: usize = 20;

/// A y-axis label with `decimals` places (at most [`MAX_DECIMALS`]): prices as they are,
/// fractions as percentages (−0.25 → `−25%`).
pub(crate) fn value_label(value: f64, format: ValueFormat, decimals: usize) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    match format {
        // Adding 0.0 turns −0 into +0, so the zero line reads "0%", not "−0%".
        ValueFormat::Percent => {
            let unit = 10f64.powi(decimals as i32);
            let percent = (value * 100.0 * unit).round() / unit + 0.0;
            format!("{percent:.decimals$}%").replace('-', "−")
        }
        ValueFormat::Price => format!("{:.*}", decimals, value + 0.0).replace('-', "−"),
        ValueFormat::Compact => compact_label(value),
        ValueFormat::Days => format!("{:.*} d", decimals, value + 0.0).replace('-', "−"),
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

    /// Found by the `chart_view` fuzz target: a log axis near 0 gave a tick whose decimals
    /// came out as `usize::MAX`, which the formatter refuses with a panic.
    #[test]
    fn absurd_decimals_are_capped() {
        assert_eq!(
            value_label(1.5, ValueFormat::Price, usize::MAX),
            format!("{:.20}", 1.5)
        );
        assert!(value_label(0.25, ValueFormat::Percent, 70_000).starts_with("25.000"));
    }

    #[test]
    fn readout_text() {
        assert_eq!(percent(-0.674_2, 1), "−67.4%");
        assert_eq!(percent(0.762_2, 1), "76.2%");
        assert_eq!(percent(f64::NAN, 1), "—");
        assert_eq!(price(89_902.17), "89,902.17");
        assert_eq!(price(1_234_567.0), "1,234,567.00");
        assert_eq!(price(249.2), "249.20");
        assert_eq!(price(0.052_75), "0.05275");
        assert_eq!(date(1_767_312_000), "2026-01-02");
        assert_eq!(
            date_time(1_767_312_000 + 13 * 3600 + 5 * 60),
            "2026-01-02 13:05"
        );
        assert_eq!(compact(2_621_040_321_355.0), "2.62 tn");
        assert_eq!(compact(38_200_000_000.0), "38.2 bn");
        assert_eq!(compact(412_000_000.0), "412 m");
        assert_eq!(compact(950.0), "950");
        assert_eq!(ValueFormat::Percent.text(-0.1234), "−12.34%");
        assert_eq!(ValueFormat::Days.text(12.0), "12 days");
        assert_eq!(days(10.666), "10.7 days");
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(f64::INFINITY), "—");
        assert_eq!(value_label(15.0, ValueFormat::Days, 0), "15 d");
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
