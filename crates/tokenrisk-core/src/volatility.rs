//! Volatility: the sample standard deviation of returns annualised by the square root of time,
//! over a whole sample, over rolling windows, or exponentially weighted (RiskMetrics).

use crate::stats::sample_std;
use crate::MetricError;

/// RiskMetrics' decay factor for daily data (J.P. Morgan/Reuters, *RiskMetrics — Technical
/// Document*, 4th ed., 1996, §5.3).
pub const RISKMETRICS_LAMBDA: f64 = 0.94;

/// Annualised volatility of period returns.
///
/// # Formula
/// ```text
/// σ_ann = s · √P
/// ```
/// where `s` is the sample standard deviation of the returns (ddof 1) and `P` the periods per
/// year: 365 for daily crypto returns, 252 for daily equity returns (see [`crate::Calendar`]).
/// This is empyrical's `annual_volatility` with `P` set for the asset's calendar.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than two returns.
pub fn annualised_volatility(returns: &[f64], periods_per_year: f64) -> Result<f64, MetricError> {
    Ok(sample_std(returns)? * periods_per_year.sqrt())
}

/// Annualised volatility over each window of `window` consecutive returns: element `i` covers
/// returns `i ..= i + window − 1` (pandas `r.rolling(window).std() * √P`, without the leading
/// NaNs). Empty when there are fewer returns than `window`.
///
/// # Errors
/// [`MetricError::InvalidParameter`] for a window under 2.
pub fn rolling_volatility(
    returns: &[f64],
    window: usize,
    periods_per_year: f64,
) -> Result<Vec<f64>, MetricError> {
    if window < 2 {
        return Err(MetricError::InvalidParameter("rolling window under 2"));
    }
    returns
        .windows(window)
        .map(|w| annualised_volatility(w, periods_per_year))
        .collect()
}

/// Exponentially weighted volatility (RiskMetrics), annualised, one value per return.
///
/// # Formula
/// ```text
/// σ²_1 = r_1²,   σ²_t = λ σ²_{t−1} + (1 − λ) r_t²,   σ_ann,t = √(σ²_t · P)
/// ```
/// a zero-mean variance that includes the return of day `t`. This is pandas'
/// `(r**2).ewm(alpha=1−λ, adjust=False).mean()`, square-rooted and annualised.
///
/// # Errors
/// [`MetricError::InvalidParameter`] unless `0 < λ < 1`.
pub fn ewma_volatility(
    returns: &[f64],
    lambda: f64,
    periods_per_year: f64,
) -> Result<Vec<f64>, MetricError> {
    if !(lambda > 0.0 && lambda < 1.0) {
        return Err(MetricError::InvalidParameter("EWMA decay outside (0, 1)"));
    }
    let mut variance = None::<f64>;
    Ok(returns
        .iter()
        .map(|r| {
            let v = variance.map_or(r * r, |v| lambda * v + (1.0 - lambda) * r * r);
            variance = Some(v);
            (v * periods_per_year).sqrt()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_returns_have_zero_volatility() {
        assert_eq!(annualised_volatility(&[0.01; 5], 365.0), Ok(0.0));
        assert_eq!(rolling_volatility(&[0.0; 5], 3, 365.0), Ok(vec![0.0; 3]));
        assert!(rolling_volatility(&[0.0; 5], 1, 365.0).is_err());
        assert!(rolling_volatility(&[0.0; 2], 3, 365.0)
            .expect("valid")
            .is_empty());
    }

    #[test]
    fn ewma_of_a_worked_example() {
        // r = [0.1, −0.2]: σ²₁ = 0.01, σ²₂ = 0.94·0.01 + 0.06·0.04 = 0.0118.
        let v = ewma_volatility(&[0.1, -0.2], 0.94, 1.0).expect("valid λ");
        assert!((v[0] - 0.1).abs() < 1e-15 && (v[1] - 0.0118_f64.sqrt()).abs() < 1e-15);
        assert!(ewma_volatility(&[0.1], 1.0, 1.0).is_err());
    }
}
