//! Ordinary least squares on several factors, with the standard errors of its coefficients,
//! so a stress test can say how uncertain a holding's move through its betas is.
//!
//! ```text
//! r_t = α + Σ_j β_j f_j,t + e_t
//! β = S⁻¹ s,   S_jk = Σ_t (f_j,t − f̄_j)(f_k,t − f̄_k),   s_j = Σ_t (f_j,t − f̄_j)(r_t − r̄)
//! α = r̄ − Σ_j β_j f̄_j
//! σ̂² = Σ_t e_t² / (n − k − 1)
//! Cov(β) = σ̂² S⁻¹,   SE(α)² = σ̂² (1/n + f̄ᵀ S⁻¹ f̄)
//! ```
//!
//! The classical (homoskedastic) standard errors: those of `statsmodels.OLS(...).fit().bse`,
//! and of `σ̂² (XᵀX)⁻¹` on the design matrix `X = [1, f_1, …, f_k]`. Daily crypto returns are
//! heteroskedastic, so these understate the uncertainty somewhat; where they are shown, say so.

use crate::linalg::Cholesky;
use crate::stats::mean;
use crate::MetricError;

/// A fitted regression.
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    /// Intercept, per period.
    pub alpha: f64,
    /// Loadings, one per factor, in the factors' order.
    pub betas: Vec<f64>,
    /// Standard error of the intercept.
    pub alpha_std_error: f64,
    /// Covariance matrix of the loadings, `σ̂² S⁻¹` (their standard errors are the square
    /// roots of its diagonal, [`Self::beta_std_errors`]).
    pub beta_covariance: Vec<Vec<f64>>,
    /// Residual volatility per period, `σ̂`.
    pub residual_std: f64,
    /// Share of variance explained, `1 − Σe² / Σ(r − r̄)²` (0 when `r` is constant).
    pub r_squared: f64,
    /// Observations used.
    pub observations: usize,
}

impl Regression {
    /// Standard error of each loading.
    pub fn beta_std_errors(&self) -> Vec<f64> {
        (0..self.betas.len())
            .map(|j| self.beta_covariance[j][j].sqrt())
            .collect()
    }

    /// What the factors' moves `shocks` imply for the regressed series, and its standard
    /// error from the loadings' uncertainty:
    ///
    /// ```text
    /// move = Σ_j β_j s_j,   SE(move) = √(sᵀ Cov(β) s)
    /// ```
    ///
    /// The intercept is left out (a daily drift says nothing about a shock), and so is the
    /// residual: this is the move the factors explain, not a forecast of the whole move.
    ///
    /// # Errors
    /// [`MetricError::LengthMismatch`] when `shocks` has not one move per factor;
    /// [`MetricError::InvalidParameter`] for a non-finite move.
    pub fn implied_move(&self, shocks: &[f64]) -> Result<ImpliedMove, MetricError> {
        if shocks.len() != self.betas.len() {
            return Err(MetricError::LengthMismatch {
                left: self.betas.len(),
                right: shocks.len(),
            });
        }
        if shocks.iter().any(|s| !s.is_finite()) {
            return Err(MetricError::InvalidParameter("a shock is not a number"));
        }
        let expected = self.betas.iter().zip(shocks).map(|(b, s)| b * s).sum();
        let variance: f64 = shocks
            .iter()
            .zip(&self.beta_covariance)
            .map(|(si, row)| si * row.iter().zip(shocks).map(|(c, sj)| c * sj).sum::<f64>())
            .sum();
        Ok(ImpliedMove {
            expected,
            // Rounding can leave a zero variance a hair below zero (or −0): its error is 0.
            std_error: if variance > 0.0 { variance.sqrt() } else { 0.0 },
        })
    }
}

/// A move implied by factor loadings, with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpliedMove {
    /// `Σ β_j s_j`.
    pub expected: f64,
    /// `√(sᵀ Cov(β) s)`.
    pub std_error: f64,
}

/// Ordinary least squares of `returns` on `factors` (each a column as long as `returns`).
///
/// # Errors
/// [`MetricError::InvalidParameter`] for no factor; [`MetricError::LengthMismatch`] when a
/// factor's length differs from the returns'; [`MetricError::TooFewObservations`] for
/// `n ≤ k + 1` (no degree of freedom left for the residual variance);
/// [`MetricError::Undefined`] when a factor is constant or the factors are collinear, or an
/// input is not finite.
pub fn ols(returns: &[f64], factors: &[&[f64]]) -> Result<Regression, MetricError> {
    let k = factors.len();
    if k == 0 {
        return Err(MetricError::InvalidParameter("a regression needs a factor"));
    }
    if let Some(f) = factors.iter().find(|f| f.len() != returns.len()) {
        return Err(MetricError::LengthMismatch {
            left: returns.len(),
            right: f.len(),
        });
    }
    let n = returns.len();
    if n < k + 2 {
        return Err(MetricError::TooFewObservations {
            needed: k + 2,
            got: n,
        });
    }
    let r_mean = mean(returns)?;
    let f_means = factors
        .iter()
        .map(|f| mean(f))
        .collect::<Result<Vec<_>, _>>()?;
    if !r_mean.is_finite() || f_means.iter().any(|m| !m.is_finite()) {
        return Err(MetricError::Undefined("an input is not finite"));
    }
    let centred = |j: usize, t: usize| factors[j][t] - f_means[j];
    let cross = |j: usize, l: usize| (0..n).map(|t| centred(j, t) * centred(l, t)).sum::<f64>();
    let s: Vec<Vec<f64>> = (0..k)
        .map(|j| (0..k).map(|l| cross(j, l)).collect())
        .collect();
    let s_y: Vec<f64> = (0..k)
        .map(|j| (0..n).map(|t| centred(j, t) * (returns[t] - r_mean)).sum())
        .collect();
    let factor = Cholesky::new(&s)
        .map_err(|_| MetricError::Undefined("a factor is constant or the factors are collinear"))?;
    let betas = factor.solve(&s_y)?;
    let alpha = r_mean - betas.iter().zip(&f_means).map(|(b, m)| b * m).sum::<f64>();
    let ssr: f64 = (0..n)
        .map(|t| {
            let fitted: f64 = alpha + (0..k).map(|j| betas[j] * factors[j][t]).sum::<f64>();
            (returns[t] - fitted).powi(2)
        })
        .sum();
    let sst: f64 = returns.iter().map(|r| (r - r_mean).powi(2)).sum();
    let sigma2 = ssr / (n - k - 1) as f64;
    let s_inv = factor.inverse();
    let quad: f64 = (0..k)
        .map(|j| f_means[j] * (0..k).map(|l| s_inv[j][l] * f_means[l]).sum::<f64>())
        .sum();
    Ok(Regression {
        alpha,
        alpha_std_error: (sigma2 * (1.0 / n as f64 + quad)).sqrt(),
        beta_covariance: s_inv
            .iter()
            .map(|row| row.iter().map(|x| sigma2 * x).collect())
            .collect(),
        betas,
        residual_std: sigma2.sqrt(),
        r_squared: if sst > 0.0 { 1.0 - ssr / sst } else { 0.0 },
        observations: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_an_exact_linear_relation() {
        let f1 = [0.01, -0.02, 0.03, 0.0, 0.015, -0.01];
        let f2 = [0.002, 0.01, -0.005, 0.02, -0.01, 0.004];
        let y: Vec<f64> = (0..6).map(|t| 0.001 + 1.5 * f1[t] - 0.5 * f2[t]).collect();
        let fit = ols(&y, &[&f1, &f2]).expect("a fit");
        assert!((fit.alpha - 0.001).abs() < 1e-15);
        assert!((fit.betas[0] - 1.5).abs() < 1e-12);
        assert!((fit.betas[1] + 0.5).abs() < 1e-12);
        assert!((fit.r_squared - 1.0).abs() < 1e-12);
        assert!(fit.residual_std < 1e-12);
        let m = fit.implied_move(&[-0.18, -0.1]).expect("two shocks");
        assert!((m.expected - (-0.27 + 0.05)).abs() < 1e-12);
        assert!(m.std_error < 1e-10);
    }

    #[test]
    fn refuses_what_it_cannot_fit() {
        let f = [0.01, 0.02, 0.03, 0.04];
        let y = [0.0, 0.1, 0.0, 0.1];
        assert!(matches!(
            ols(&y, &[]),
            Err(MetricError::InvalidParameter(_))
        ));
        assert!(matches!(
            ols(&y, &[&f[..3]]),
            Err(MetricError::LengthMismatch { .. })
        ));
        assert!(matches!(
            ols(&y[..3], &[&f[..3], &f[..3]]),
            Err(MetricError::TooFewObservations { needed: 4, got: 3 })
        ));
        let doubled: Vec<f64> = f.iter().map(|x| 2.0 * x).collect();
        assert!(matches!(
            ols(&y, &[&f, &doubled]),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(
            ols(&y, &[&[0.1; 4]]),
            Err(MetricError::Undefined(_))
        ));
        assert!(ols(&[f64::NAN, 0.0, 0.1, 0.2], &[&f]).is_err());
        let fit = ols(&y, &[&f]).expect("a fit");
        assert!(fit.implied_move(&[0.1, 0.2]).is_err());
        assert!(fit.implied_move(&[f64::INFINITY]).is_err());
    }
}
