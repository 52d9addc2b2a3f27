//! A portfolio of assets: its returns and how its volatility splits across holdings.
//!
//! Inputs are aligned return columns (see [`crate::align`]) and long-only weights. The
//! portfolio is rebalanced to its weights every period, so its return is `r_p,t = Σ w_i r_i,t`.

use crate::stats::sample_covariance;
use crate::MetricError;

/// Value weights of holdings: `q_i P_i / Σ q_j P_j`.
///
/// # Errors
/// [`MetricError::LengthMismatch`] if the slices differ; [`MetricError::InvalidParameter`] for
/// a negative, non-finite or all-zero holding value.
pub fn weights_from_holdings(quantities: &[f64], prices: &[f64]) -> Result<Vec<f64>, MetricError> {
    if quantities.len() != prices.len() {
        return Err(MetricError::LengthMismatch {
            left: quantities.len(),
            right: prices.len(),
        });
    }
    let values: Vec<f64> = quantities.iter().zip(prices).map(|(q, p)| q * p).collect();
    normalised(&values)
}

/// Weights scaled to sum to 1.
fn normalised(weights: &[f64]) -> Result<Vec<f64>, MetricError> {
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return Err(MetricError::InvalidParameter(
            "weights must be finite and not negative",
        ));
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(MetricError::InvalidParameter("weights sum to zero"));
    }
    Ok(weights.iter().map(|w| w / total).collect())
}

/// The portfolio's risk and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRisk {
    /// Weights used, normalised to sum to 1.
    pub weights: Vec<f64>,
    /// Portfolio returns per period.
    pub returns: Vec<f64>,
    /// Annualised volatility `σ_p = √(wᵀ Σ w) · √P`, Σ the sample covariance (ddof 1).
    pub volatility: f64,
    /// Marginal contributions `∂σ_p/∂w_i = (Σ w)_i / σ_p`, annualised.
    pub marginal: Vec<f64>,
    /// Component contributions `w_i (Σ w)_i / σ_p`, annualised; they sum to `σ_p` (Euler).
    pub component: Vec<f64>,
    /// Diversification ratio `Σ w_i σ_i / σ_p` (Choueifaty & Coignard, 2008): 1 for a single
    /// asset or perfectly correlated ones, larger the more the holdings offset each other.
    pub diversification_ratio: f64,
    /// Effective number of bets on weights, `1 / Σ w_i²` (the inverse Herfindahl–Hirschman
    /// index): `k` for `k` equal weights, 1 for a single holding.
    pub effective_bets: f64,
}

/// Risk of a portfolio with `weights` (normalised to sum to 1) over aligned return `columns`.
///
/// # Errors
/// [`MetricError::LengthMismatch`] if weights and columns differ in number or columns in
/// length; the weights' errors; [`MetricError::Undefined`] for zero portfolio volatility.
pub fn portfolio_risk(
    columns: &[Vec<f64>],
    weights: &[f64],
    periods_per_year: f64,
) -> Result<PortfolioRisk, MetricError> {
    if columns.len() != weights.len() {
        return Err(MetricError::LengthMismatch {
            left: columns.len(),
            right: weights.len(),
        });
    }
    let weights = normalised(weights)?;
    let k = columns.len();
    let n = columns[0].len();
    let mut cov = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in i..k {
            let c = sample_covariance(&columns[i], &columns[j])?;
            cov[i][j] = c;
            cov[j][i] = c;
        }
    }
    let sigma_w: Vec<f64> = (0..k)
        .map(|i| (0..k).map(|j| cov[i][j] * weights[j]).sum())
        .collect();
    let variance: f64 = (0..k).map(|i| weights[i] * sigma_w[i]).sum();
    if variance.is_nan() || variance <= 0.0 {
        return Err(MetricError::Undefined("portfolio with zero volatility"));
    }
    let annual = periods_per_year.sqrt();
    let sigma_p = variance.sqrt();
    let marginal: Vec<f64> = sigma_w.iter().map(|s| s / sigma_p * annual).collect();
    let weighted_vols: f64 = (0..k).map(|i| weights[i] * cov[i][i].sqrt()).sum();
    Ok(PortfolioRisk {
        returns: (0..n)
            .map(|t| (0..k).map(|i| weights[i] * columns[i][t]).sum())
            .collect(),
        volatility: sigma_p * annual,
        component: weights.iter().zip(&marginal).map(|(w, m)| w * m).collect(),
        marginal,
        diversification_ratio: weighted_vols / sigma_p,
        effective_bets: 1.0 / weights.iter().map(|w| w * w).sum::<f64>(),
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_uncorrelated_equal_assets() {
        // Returns with equal variance and zero covariance: σ_p = σ/√2, DR = √2, ENB = 2.
        let a = vec![0.01, -0.01, 0.01, -0.01];
        let b = vec![0.01, 0.01, -0.01, -0.01];
        let p = portfolio_risk(&[a.clone(), b], &[1.0, 1.0], 1.0).expect("valid");
        let sigma = crate::stats::sample_std(&a).expect("n ≥ 2");
        assert!((p.volatility - sigma / 2_f64.sqrt()).abs() < 1e-15);
        assert!((p.diversification_ratio - 2_f64.sqrt()).abs() < 1e-12);
        assert!((p.effective_bets - 2.0).abs() < 1e-15);
        assert!((p.component.iter().sum::<f64>() - p.volatility).abs() < 1e-15);
    }

    #[test]
    fn holdings_and_bad_weights() {
        assert_eq!(
            weights_from_holdings(&[1.0, 3.0], &[30.0, 10.0]),
            Ok(vec![0.5, 0.5])
        );
        assert!(weights_from_holdings(&[0.0, 0.0], &[1.0, 1.0]).is_err());
        assert!(portfolio_risk(&[vec![0.1, 0.2]], &[-1.0], 1.0).is_err());
        assert!(portfolio_risk(&[vec![0.1, 0.2]], &[f64::NAN], 1.0).is_err());
    }
}
