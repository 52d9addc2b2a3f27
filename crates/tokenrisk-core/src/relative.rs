//! An asset against benchmarks: beta, correlation, capture ratios, a two-factor regression,
//! and correlation matrices. Inputs are **aligned** return series (see [`crate::align`]).

use crate::stats::{correlation, mean, sample_covariance, sample_std};
use crate::MetricError;

fn same_length(r: &[f64], b: &[f64]) -> Result<(), MetricError> {
    if r.len() == b.len() {
        Ok(())
    } else {
        Err(MetricError::LengthMismatch {
            left: r.len(),
            right: b.len(),
        })
    }
}

/// Beta `cov(r, b) / var(b)`, both with ddof 1 (`np.cov`; empyrical's `beta` with zero
/// risk-free rate).
///
/// # Errors
/// As [`sample_covariance`]; [`MetricError::Undefined`] for a constant benchmark.
pub fn beta(returns: &[f64], benchmark: &[f64]) -> Result<f64, MetricError> {
    let cov = sample_covariance(returns, benchmark)?;
    let var = sample_std(benchmark)?.powi(2);
    if var == 0.0 {
        return Err(MetricError::Undefined("beta to a constant benchmark"));
    }
    Ok(cov / var)
}

/// A statistic over each window of `window` consecutive paired returns; element `i` covers
/// pairs `i ..= i + window − 1` (pandas `rolling(window)` without the leading NaNs).
///
/// # Errors
/// [`MetricError::InvalidParameter`] for a window under 2; the statistic's error on a window.
pub fn rolling<F>(
    returns: &[f64],
    benchmark: &[f64],
    window: usize,
    statistic: F,
) -> Result<Vec<f64>, MetricError>
where
    F: Fn(&[f64], &[f64]) -> Result<f64, MetricError>,
{
    same_length(returns, benchmark)?;
    if window < 2 {
        return Err(MetricError::InvalidParameter("rolling window under 2"));
    }
    (0..(returns.len() + 1).saturating_sub(window))
        .map(|i| statistic(&returns[i..i + window], &benchmark[i..i + window]))
        .collect()
}

/// Rolling beta over windows of `window` periods (see [`rolling`]).
///
/// # Errors
/// As [`rolling`] and [`beta`].
pub fn rolling_beta(
    returns: &[f64],
    benchmark: &[f64],
    window: usize,
) -> Result<Vec<f64>, MetricError> {
    rolling(returns, benchmark, window, beta)
}

/// Rolling Pearson correlation over windows of `window` periods (see [`rolling`]).
///
/// # Errors
/// As [`rolling`] and [`correlation`].
pub fn rolling_correlation(
    returns: &[f64],
    benchmark: &[f64],
    window: usize,
) -> Result<Vec<f64>, MetricError> {
    rolling(returns, benchmark, window, correlation)
}

/// Which benchmark periods a capture ratio looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Market {
    /// Periods when the benchmark rose (`b > 0`).
    Up,
    /// Periods when the benchmark fell (`b < 0`).
    Down,
}

/// Up or down capture: the asset's geometric mean return per period over the benchmark's up
/// (or down) periods divided by the benchmark's over the same periods.
///
/// # Formula
/// ```text
/// g(x) = (∏(1 + x_t))^{1/k} − 1 over the k selected periods
/// capture = g(r) / g(b)
/// ```
/// This is Morningstar's capture ratio computed at the data's own frequency: "on the
/// benchmark's up days the asset moved 1.3× as much". empyrical annualises both means first,
/// `(∏(1+x))^{P/k} − 1`, which with daily crypto returns over half the days turns ratios into
/// numbers like 90 that mean nothing to a reader. Above 1 up and below 1 down is the good
/// combination.
///
/// # Errors
/// [`MetricError::Undefined`] when there is no such period or the benchmark's mean over them
/// is zero.
pub fn capture(returns: &[f64], benchmark: &[f64], market: Market) -> Result<f64, MetricError> {
    same_length(returns, benchmark)?;
    let (r, b): (Vec<f64>, Vec<f64>) = returns
        .iter()
        .zip(benchmark)
        .filter(|(_, b)| match market {
            Market::Up => **b > 0.0,
            Market::Down => **b < 0.0,
        })
        .unzip();
    if b.is_empty() {
        return Err(MetricError::Undefined(
            "capture without a benchmark period of that sign",
        ));
    }
    let denominator = geometric_mean(&b);
    if denominator == 0.0 {
        return Err(MetricError::Undefined(
            "capture over a zero benchmark return",
        ));
    }
    Ok(geometric_mean(&r) / denominator)
}

/// Geometric mean return per period, `(∏(1 + x_t))^{1/k} − 1` (non-empty input).
fn geometric_mean(xs: &[f64]) -> f64 {
    let log_sum: f64 = xs.iter().map(|x| (1.0 + x).ln()).sum();
    (log_sum / xs.len() as f64).exp_m1()
}

/// A regression of returns on two factors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoFactorFit {
    /// Intercept, per period.
    pub alpha: f64,
    /// Loading on the first factor.
    pub beta_1: f64,
    /// Loading on the second factor.
    pub beta_2: f64,
    /// Residual (idiosyncratic) volatility, annualised: `√(Σ e_t² / (n − 3)) · √P`.
    pub residual_volatility: f64,
    /// Share of variance explained, `1 − Σe² / Σ(r − r̄)²`.
    pub r_squared: f64,
}

/// Ordinary least squares of `r_t = α + β₁ f₁,t + β₂ f₂,t + e_t` (e.g. on BTC and an AI-equity
/// basket), solved from the centred normal equations; matches `numpy.linalg.lstsq` on the
/// design matrix `[1, f₁, f₂]`.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than four periods;
/// [`MetricError::Undefined`] when the factors are collinear or a factor is constant.
pub fn two_factor(
    returns: &[f64],
    f1: &[f64],
    f2: &[f64],
    periods_per_year: f64,
) -> Result<TwoFactorFit, MetricError> {
    same_length(returns, f1)?;
    same_length(returns, f2)?;
    let n = returns.len();
    if n < 4 {
        return Err(MetricError::TooFewObservations { needed: 4, got: n });
    }
    let (s11, s22, s12) = (
        sample_covariance(f1, f1)?,
        sample_covariance(f2, f2)?,
        sample_covariance(f1, f2)?,
    );
    let (s1y, s2y) = (
        sample_covariance(f1, returns)?,
        sample_covariance(f2, returns)?,
    );
    let det = s11 * s22 - s12 * s12;
    if det.is_nan() || det.abs() <= f64::EPSILON * s11 * s22 {
        return Err(MetricError::Undefined("collinear or constant factors"));
    }
    let beta_1 = (s22 * s1y - s12 * s2y) / det;
    let beta_2 = (s11 * s2y - s12 * s1y) / det;
    let alpha = mean(returns)? - beta_1 * mean(f1)? - beta_2 * mean(f2)?;
    let residuals: Vec<f64> = (0..n)
        .map(|t| returns[t] - alpha - beta_1 * f1[t] - beta_2 * f2[t])
        .collect();
    let ssr: f64 = residuals.iter().map(|e| e * e).sum();
    let r_mean = mean(returns)?;
    let sst: f64 = returns.iter().map(|r| (r - r_mean).powi(2)).sum();
    Ok(TwoFactorFit {
        alpha,
        beta_1,
        beta_2,
        residual_volatility: (ssr / (n - 3) as f64).sqrt() * periods_per_year.sqrt(),
        r_squared: if sst > 0.0 { 1.0 - ssr / sst } else { 0.0 },
    })
}

/// Pearson correlation matrix of aligned return columns (row/column order as given; 1 on the
/// diagonal). Every pair is measured on the same common periods, which keeps the matrix
/// positive semi-definite.
///
/// # Errors
/// As [`correlation`] for any pair.
pub fn correlation_matrix(columns: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, MetricError> {
    let k = columns.len();
    let mut matrix = vec![vec![1.0; k]; k];
    for i in 0..k {
        for j in i + 1..k {
            let c = correlation(&columns[i], &columns[j])?;
            matrix[i][j] = c;
            matrix[j][i] = c;
        }
    }
    Ok(matrix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_of_a_scaled_benchmark() {
        let b = [0.01, -0.02, 0.015, 0.0, -0.005];
        let r: Vec<f64> = b.iter().map(|x| 2.0 * x + 0.001).collect();
        assert!((beta(&r, &b).expect("valid") - 2.0).abs() < 1e-12);
        assert!(matches!(
            beta(&r, &[0.0; 5]),
            Err(MetricError::Undefined(_))
        ));
        assert_eq!(rolling_beta(&r, &b, 5).expect("valid").len(), 1);
    }

    #[test]
    fn two_factor_recovers_exact_loadings() {
        let f1 = [0.01, -0.02, 0.015, 0.003, -0.005, 0.02];
        let f2 = [0.002, 0.01, -0.004, 0.006, -0.01, 0.001];
        let r: Vec<f64> = (0..6).map(|t| 0.001 + 1.5 * f1[t] - 0.7 * f2[t]).collect();
        let fit = two_factor(&r, &f1, &f2, 365.0).expect("identified");
        assert!((fit.beta_1 - 1.5).abs() < 1e-10 && (fit.beta_2 + 0.7).abs() < 1e-10);
        assert!((fit.alpha - 0.001).abs() < 1e-12 && fit.residual_volatility < 1e-9);
        assert!(matches!(
            two_factor(&r, &f1, &f1, 365.0),
            Err(MetricError::Undefined(_))
        ));
    }

    #[test]
    fn capture_and_matrix() {
        let b = [0.1, -0.1, 0.1, -0.1];
        let r = [0.2, -0.05, 0.2, -0.05];
        // Up days: g(r) = 0.2, g(b) = 0.1 → 2; down days: −0.05 / −0.1 → 0.5.
        assert!((capture(&r, &b, Market::Up).expect("up periods") - 2.0).abs() < 1e-12);
        assert!((capture(&r, &b, Market::Down).expect("down periods") - 0.5).abs() < 1e-12);
        let m = correlation_matrix(&[b.to_vec(), r.to_vec()]).expect("valid");
        assert_eq!(m[0][0], 1.0);
        assert_eq!(m[0][1], m[1][0]);
    }
}
