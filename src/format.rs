//! How numbers and dates read on the page: the charts' text (prices, percentages, amounts,
//! dates, shared with the charts' tooltips and tables) and ratios.

pub use tokenrisk_charts::format::{compact, date, days, percent, price};

/// A ratio with three significant decimals and a true minus sign: `-0.0421` → `−0.042`.
pub fn ratio(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    format!("{value:.3}").replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios() {
        assert_eq!(ratio(-0.042_14), "−0.042");
        assert_eq!(ratio(1.597_26), "1.597");
        assert_eq!(ratio(f64::NAN), "—");
    }
}
