//! Period returns from prices.

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
    fn simple_and_log_returns_of_a_worked_example() {
        // 100 → 110 → 99: +10 %, then −10 %; ln(1.1) = 0.0953101798043249, ln(0.9) = −0.1053605156578263.
        let r = simple_returns(&[100.0, 110.0, 99.0]);
        assert!((r[0] - 0.1).abs() < 1e-15 && (r[1] + 0.1).abs() < 1e-15);
        let l = log_returns(&[100.0, 110.0, 99.0]);
        assert!((l[0] - 0.095_310_179_804_324_9).abs() < 1e-15);
        assert!((l[1] + 0.105_360_515_657_826_3).abs() < 1e-15);
        assert!(simple_returns(&[5.0]).is_empty());
    }
}
