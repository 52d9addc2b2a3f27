//! Volatility: sample standard deviation of returns, annualised by the square root of time.

/// Why a metric could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricError {
    /// Too few observations for the estimator.
    #[error("needs at least {needed} observations, has {got}")]
    TooFewObservations {
        /// Minimum the estimator needs.
        needed: usize,
        /// Observations given.
        got: usize,
    },
}

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample standard deviation with `ddof = 1` (NumPy `np.std(x, ddof=1)`, pandas `Series.std()`).
///
/// # Formula
/// ```text
/// s = √( Σ (x_i − x̄)² / (n − 1) )
/// ```
/// computed in two passes (mean first), which keeps the error near machine precision for
/// returns of any magnitude.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than two values.
pub fn sample_std(xs: &[f64]) -> Result<f64, MetricError> {
    if xs.len() < 2 {
        return Err(MetricError::TooFewObservations {
            needed: 2,
            got: xs.len(),
        });
    }
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Ok((ss / (xs.len() - 1) as f64).sqrt())
}

/// Annualised volatility of period returns.
///
/// # Formula
/// ```text
/// σ_ann = s · √P
/// ```
/// where `s` is [`sample_std`] of the returns (ddof 1) and `P` the periods per year: 365 for
/// daily crypto returns, 252 for daily equity returns (see [`crate::Calendar`]). This is
/// empyrical's `annual_volatility` with `P` set for the asset's calendar.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than two returns.
pub fn annualised_volatility(returns: &[f64], periods_per_year: f64) -> Result<f64, MetricError> {
    Ok(sample_std(returns)? * periods_per_year.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_std_of_a_textbook_set() {
        // 2, 4, 4, 4, 5, 5, 7, 9: population σ = 2, sample s = √(32/7) = 2.138089935299395.
        let s = sample_std(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).expect("enough data");
        assert!((s - 2.138_089_935_299_395).abs() < 1e-15);
    }

    #[test]
    fn too_few_or_constant() {
        assert_eq!(
            sample_std(&[1.0]),
            Err(MetricError::TooFewObservations { needed: 2, got: 1 })
        );
        assert_eq!(annualised_volatility(&[0.0, 0.0, 0.0], 365.0), Ok(0.0));
        assert_eq!(mean(&[]), None);
    }
}
