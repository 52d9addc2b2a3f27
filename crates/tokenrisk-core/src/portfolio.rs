//! A portfolio of assets: its returns and how its volatility splits across holdings.
//!
//! Inputs are aligned return columns (see [`crate::align`]) and long-only weights. The
//! portfolio is rebalanced to its weights every period, so its return is `r_p,t = Σ w_i r_i,t`.

use crate::linalg::covariance_matrix;
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

/// One finite weight per column, columns of one length.
fn check_exposures(columns: &[Vec<f64>], weights: &[f64]) -> Result<(), MetricError> {
    if columns.len() != weights.len() {
        return Err(MetricError::LengthMismatch {
            left: columns.len(),
            right: weights.len(),
        });
    }
    let Some(first) = columns.first() else {
        return Err(MetricError::InvalidParameter("a portfolio needs a holding"));
    };
    if let Some(c) = columns.iter().find(|c| c.len() != first.len()) {
        return Err(MetricError::LengthMismatch {
            left: first.len(),
            right: c.len(),
        });
    }
    if weights.iter().any(|w| !w.is_finite()) {
        return Err(MetricError::InvalidParameter("a weight is not a number"));
    }
    Ok(())
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
    /// Diversification ratio `Σ |w_i| σ_i / σ_p` (Choueifaty & Coignard, 2008): 1 for a
    /// single asset or perfectly correlated ones, larger the more the holdings offset each
    /// other.
    pub diversification_ratio: f64,
    /// Effective number of bets on weights, `(Σ |w_i|)² / Σ w_i²` (the inverse
    /// Herfindahl–Hirschman index of the gross weights): `k` for `k` equal weights, 1 for a
    /// single holding.
    pub effective_bets: f64,
}

/// Risk of a long-only portfolio with `weights` (normalised to sum to 1) over aligned return
/// `columns`: [`exposure_risk`] of the normalised weights.
///
/// # Errors
/// [`MetricError::LengthMismatch`] if weights and columns differ in number or columns in
/// length; the weights' errors; [`MetricError::Undefined`] for zero portfolio volatility.
pub fn portfolio_risk(
    columns: &[Vec<f64>],
    weights: &[f64],
    periods_per_year: f64,
) -> Result<PortfolioRisk, MetricError> {
    check_exposures(columns, weights)?;
    exposure_risk(columns, &normalised(weights)?, periods_per_year)
}

/// Risk of a portfolio whose holdings have the signed **exposure weights** `w_i` as given
/// (each holding's market value over the holder's equity, negative for a short, summing to
/// more than 1 with leverage), so `r_p,t = Σ w_i r_i,t` is the return on equity.
///
/// # Errors
/// [`MetricError::LengthMismatch`] if weights and columns differ in number or columns in
/// length; [`MetricError::InvalidParameter`] for no column or a weight that is not finite;
/// [`MetricError::Undefined`] for zero portfolio volatility.
pub fn exposure_risk(
    columns: &[Vec<f64>],
    weights: &[f64],
    periods_per_year: f64,
) -> Result<PortfolioRisk, MetricError> {
    check_exposures(columns, weights)?;
    let weights = weights.to_vec();
    let k = columns.len();
    let n = columns[0].len();
    let cov = covariance_matrix(columns)?;
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
    let weighted_vols: f64 = (0..k).map(|i| weights[i].abs() * cov[i][i].sqrt()).sum();
    let gross: f64 = weights.iter().map(|w| w.abs()).sum();
    Ok(PortfolioRisk {
        returns: (0..n)
            .map(|t| (0..k).map(|i| weights[i] * columns[i][t]).sum())
            .collect(),
        volatility: sigma_p * annual,
        component: weights.iter().zip(&marginal).map(|(w, m)| w * m).collect(),
        marginal,
        diversification_ratio: weighted_vols / sigma_p,
        effective_bets: gross * gross / weights.iter().map(|w| w * w).sum::<f64>(),
        weights,
    })
}

/// A portfolio's historical VaR and expected shortfall, and each holding's part of the ES.
#[derive(Debug, Clone, PartialEq)]
pub struct TailContributions {
    /// The portfolio's one-period historical VaR (a positive loss fraction).
    pub var: f64,
    /// The portfolio's one-period historical ES (a positive loss fraction).
    pub es: f64,
    /// Component ES of each holding, `−w_i · mean{ r_i,t : t in the tail }`; they sum to
    /// [`Self::es`]. A negative one is a holding that gained, on average, on the portfolio's
    /// worst days (a hedge).
    pub component_es: Vec<f64>,
    /// Periods in the tail.
    pub tail_periods: usize,
}

/// Historical expected-shortfall contributions (the Euler allocation of historical ES,
/// Tasche 2002, "Expected shortfall and beyond"):
///
/// ```text
/// r_p,t = Σ w_i r_i,t,   q = quantile(r_p, 1 − c)  (NumPy's linear rule)
/// tail = { t : r_p,t ≤ q },   ES = −mean_{t ∈ tail} r_p,t,   ES_i = −w_i mean_{t ∈ tail} r_i,t
/// ```
///
/// The tail is the one [`crate::tail::historical`] uses, so `Σ ES_i = ES` exactly. The
/// weights are normalised to sum to 1 (a long-only portfolio); [`exposure_tail_contributions`]
/// takes signed exposure weights as given.
///
/// # Errors
/// As [`portfolio_risk`] for the inputs; as [`crate::tail::historical`] for the confidence
/// and the number of periods.
pub fn tail_contributions(
    columns: &[Vec<f64>],
    weights: &[f64],
    confidence: f64,
) -> Result<TailContributions, MetricError> {
    check_exposures(columns, weights)?;
    exposure_tail_contributions(columns, &normalised(weights)?, confidence)
}

/// The portfolio's return each period on signed exposure weights as given (see
/// [`exposure_risk`]): `r_p,t = Σ w_i r_i,t`, the return on equity of a portfolio rebalanced
/// to the weights every period.
///
/// # Errors
/// As [`exposure_risk`] for the inputs.
pub fn exposure_returns(columns: &[Vec<f64>], weights: &[f64]) -> Result<Vec<f64>, MetricError> {
    check_exposures(columns, weights)?;
    Ok((0..columns[0].len())
        .map(|t| columns.iter().zip(weights).map(|(c, w)| w * c[t]).sum())
        .collect())
}

/// [`tail_contributions`] with signed exposure weights as given (see [`exposure_risk`]).
///
/// # Errors
/// As [`exposure_risk`] for the inputs; as [`crate::tail::historical`] for the confidence
/// and the number of periods.
pub fn exposure_tail_contributions(
    columns: &[Vec<f64>],
    weights: &[f64],
    confidence: f64,
) -> Result<TailContributions, MetricError> {
    let returns = exposure_returns(columns, weights)?;
    let n = returns.len();
    let total = crate::tail::historical(&returns, confidence)?;
    let q = -total.var;
    let tail: Vec<usize> = (0..n).filter(|&t| returns[t] <= q).collect();
    let count = tail.len() as f64;
    Ok(TailContributions {
        var: total.var,
        es: total.es,
        component_es: columns
            .iter()
            .zip(weights)
            .map(|(c, w)| -w * tail.iter().map(|&t| c[t]).sum::<f64>() / count)
            .collect(),
        tail_periods: tail.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposure_returns_weigh_each_period() {
        // 2 × (1 %, −2 %) and −0.5 × (4 %, 2 %): 2 % − 2 % = 0, −4 % − 1 % = −5 %.
        let r =
            exposure_returns(&[vec![0.01, -0.02], vec![0.04, 0.02]], &[2.0, -0.5]).expect("valid");
        assert!(
            (r[0] - 0.0).abs() < 1e-15 && (r[1] + 0.05).abs() < 1e-15,
            "{r:?}"
        );
        assert!(exposure_returns(&[vec![0.01]], &[1.0, 2.0]).is_err());
    }

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
    fn tail_contributions_add_up_and_find_a_hedge() {
        // Five periods; the portfolio's 80 % tail is its worst period (t = 0) alone.
        let a = vec![-0.10, 0.02, 0.01, 0.03, -0.01];
        let b = vec![0.04, -0.01, 0.00, 0.01, 0.02];
        let t = tail_contributions(&[a, b], &[3.0, 1.0], 0.8).expect("valid");
        assert_eq!(t.tail_periods, 1);
        assert!((t.component_es[0] - 0.075).abs() < 1e-15);
        assert!((t.component_es[1] + 0.01).abs() < 1e-15);
        assert!((t.component_es.iter().sum::<f64>() - t.es).abs() < 1e-15);
        assert!(tail_contributions(&[vec![0.1, 0.2], vec![0.1]], &[1.0, 1.0], 0.9).is_err());
        assert!(tail_contributions(&[vec![0.1, 0.2]], &[1.0], 1.5).is_err());
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
