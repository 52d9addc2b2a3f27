//! Period returns from prices.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Which returns a report is computed on. The caller says; nothing is inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnKind {
    /// `P_t / P_{t−1} − 1`, the default.
    #[default]
    Simple,
    /// `ln(P_t / P_{t−1})`.
    Log,
}

impl ReturnKind {
    /// One-period returns of `prices`.
    pub fn returns(self, prices: &[f64]) -> Vec<f64> {
        match self {
            Self::Simple => simple_returns(prices),
            Self::Log => log_returns(prices),
        }
    }

    /// Overlapping `horizon`-period returns of `prices`, one per start `t`:
    /// `P_{t+h}/P_t − 1` or `ln(P_{t+h}/P_t)`; none for a horizon of 0 or as long as the prices.
    pub fn horizon_returns(self, prices: &[f64], horizon: usize) -> Vec<f64> {
        if horizon == 0 || horizon >= prices.len() {
            return Vec::new();
        }
        prices
            .windows(horizon + 1)
            .map(|w| match self {
                Self::Simple => w[horizon] / w[0] - 1.0,
                Self::Log => (w[horizon] / w[0]).ln(),
            })
            .collect()
    }
}

impl fmt::Display for ReturnKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Simple => "simple",
            Self::Log => "log",
        })
    }
}

impl FromStr for ReturnKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "simple" => Ok(Self::Simple),
            "log" => Ok(Self::Log),
            other => Err(format!(
                "unknown return kind {other:?}: expected simple or log"
            )),
        }
    }
}

/// Simple returns `r_t = P_t / P_{t−1} − 1`, one fewer than the prices.
///
/// This is pandas' `Series.pct_change().dropna()`. The caller says that the numbers are prices;
/// nothing here guesses (QuantStats' price-or-returns heuristic misreads tokens under $1).
pub fn simple_returns(prices: &[f64]) -> Vec<f64> {
    prices.windows(2).map(|w| w[1] / w[0] - 1.0).collect()
}

/// Log returns `ℓ_t = ln(P_t / P_{t−1})`, one fewer than the prices.
pub fn log_returns(prices: &[f64]) -> Vec<f64> {
    prices.windows(2).map(|w| (w[1] / w[0]).ln()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizons_longer_than_the_prices_give_no_returns() {
        let prices = [1.0, 2.0, 4.0];
        assert_eq!(ReturnKind::Simple.horizon_returns(&prices, 2), vec![3.0]);
        assert!(ReturnKind::Simple.horizon_returns(&prices, 3).is_empty());
        assert!(ReturnKind::Log
            .horizon_returns(&prices, usize::MAX)
            .is_empty());
    }

    #[test]
    fn simple_and_log_returns_of_a_worked_example() {
        // 100 → 110 → 99: +10 %, then −10 %; ln(1.1) = 0.0953101798043249, ln(0.9) = −0.1053605156578263.
        let r = simple_returns(&[100.0, 110.0, 99.0]);
        assert!((r[0] - 0.1).abs() < 1e-15 && (r[1] + 0.1).abs() < 1e-15);
        let l = log_returns(&[100.0, 110.0, 99.0]);
        assert!((l[0] - 0.095_310_179_804_324_9).abs() < 1e-15);
        assert!((l[1] + 0.105_360_515_657_826_3).abs() < 1e-15);
        assert!(simple_returns(&[5.0]).is_empty());
        assert_eq!("LOG".parse::<ReturnKind>(), Ok(ReturnKind::Log));
        let h = ReturnKind::Simple.horizon_returns(&[100.0, 110.0, 99.0, 108.9], 2);
        assert!((h[0] + 0.01).abs() < 1e-12 && (h[1] + 0.01).abs() < 1e-12);
        assert!(ReturnKind::Log.horizon_returns(&[1.0, 2.0], 0).is_empty());
    }
}
