//! How numbers and dates read on the page.

use tokenrisk_core::time::Date;

/// A fraction as a percentage with a true minus sign: `-0.674` → `−67.4%`.
pub fn percent(fraction: f64, decimals: usize) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    format!("{:.*}%", decimals, fraction * 100.0).replace('-', "−")
}

/// A ratio with three significant decimals and a true minus sign: `-0.0421` → `−0.042`.
pub fn ratio(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    format!("{value:.3}").replace('-', "−")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(percent(-0.674_2, 1), "−67.4%");
        assert_eq!(percent(0.762_2, 1), "76.2%");
        assert_eq!(percent(f64::NAN, 1), "—");
        assert_eq!(price(89_902.17), "89,902.17");
        assert_eq!(price(1_234_567.0), "1,234,567.00");
        assert_eq!(price(249.2), "249.20");
        assert_eq!(price(0.052_75), "0.05275");
        assert_eq!(date(1_767_312_000), "2026-01-02");
        assert_eq!(ratio(-0.042_14), "−0.042");
        assert_eq!(compact(2_621_040_321_355.0), "2.62 tn");
        assert_eq!(compact(38_200_000_000.0), "38.2 bn");
        assert_eq!(compact(412_000_000.0), "412 m");
        assert_eq!(compact(950.0), "950");
        assert_eq!(ratio(1.597_26), "1.597");
    }
}
