//! Return and risk-adjusted performance of one return series.
//!
//! Notation: `r_1 … r_n` simple period returns, `P` periods per year, `W = ∏(1 + r_t)` the
//! final wealth of 1 invested before the first return. Annual rates given by the caller (a
//! risk-free rate, a required return) are turned into per-period rates geometrically,
//! `(1 + rate)^{1/P} − 1` (empyrical's convention for `required_return`).

use crate::normal;
use crate::stats::{excess_kurtosis, mean, quantile_sorted, sample_std, skewness};
use crate::MetricError;

fn non_empty(returns: &[f64]) -> Result<(), MetricError> {
    if returns.is_empty() {
        Err(MetricError::TooFewObservations { needed: 1, got: 0 })
    } else {
        Ok(())
    }
}

/// A per-period rate equivalent to an annual rate: `(1 + annual)^{1/P} − 1`.
pub fn per_period_rate(annual: f64, periods_per_year: f64) -> f64 {
    (1.0 + annual).powf(1.0 / periods_per_year) - 1.0
}

/// Total return `W − 1 = ∏(1 + r_t) − 1`.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns.
pub fn total_return(returns: &[f64]) -> Result<f64, MetricError> {
    non_empty(returns)?;
    Ok(returns.iter().map(|r| 1.0 + r).product::<f64>() - 1.0)
}

/// Compound annual growth rate `W^{P/n} − 1`, with `n` the number of returns (empyrical's
/// `annual_return`).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns.
pub fn cagr(returns: &[f64], periods_per_year: f64) -> Result<f64, MetricError> {
    let wealth = total_return(returns)? + 1.0;
    Ok(wealth.powf(periods_per_year / returns.len() as f64) - 1.0)
}

/// Sharpe ratio, annualised.
///
/// # Formula
/// ```text
/// Sharpe = mean(r − r_f) / std(r − r_f) · √P
/// ```
/// with `r_f` the per-period risk-free rate ([`per_period_rate`] of the annual one) and the
/// standard deviation with ddof 1 (empyrical's `sharpe_ratio`).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than two returns;
/// [`MetricError::Undefined`] for constant returns.
pub fn sharpe(
    returns: &[f64],
    periods_per_year: f64,
    risk_free_annual: f64,
) -> Result<f64, MetricError> {
    let rf = per_period_rate(risk_free_annual, periods_per_year);
    let excess: Vec<f64> = returns.iter().map(|r| r - rf).collect();
    let sd = sample_std(&excess)?;
    if sd == 0.0 {
        return Err(MetricError::Undefined("Sharpe ratio of constant returns"));
    }
    Ok(mean(&excess)? / sd * periods_per_year.sqrt())
}

/// Downside deviation per period below a per-period threshold `mar`:
/// `√( Σ min(r_t − mar, 0)² / n )` over **all** `n` periods (Sortino & Price; empyrical's
/// `downside_risk` before annualisation), not the deviation of the losing periods alone.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns.
pub fn downside_deviation(returns: &[f64], mar: f64) -> Result<f64, MetricError> {
    non_empty(returns)?;
    let sum: f64 = returns.iter().map(|r| (r - mar).min(0.0).powi(2)).sum();
    Ok((sum / returns.len() as f64).sqrt())
}

/// Sortino ratio, annualised: `mean(r − mar) / DD · √P`, with `DD` the [`downside_deviation`]
/// below `mar`, the per-period equivalent of `mar_annual` (empyrical's `sortino_ratio`).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns; [`MetricError::Undefined`] when no
/// return falls below the threshold.
pub fn sortino(
    returns: &[f64],
    periods_per_year: f64,
    mar_annual: f64,
) -> Result<f64, MetricError> {
    let mar = per_period_rate(mar_annual, periods_per_year);
    let dd = downside_deviation(returns, mar)?;
    if dd == 0.0 {
        return Err(MetricError::Undefined(
            "Sortino ratio without a return below the threshold",
        ));
    }
    let excess: Vec<f64> = returns.iter().map(|r| r - mar).collect();
    Ok(mean(&excess)? / dd * periods_per_year.sqrt())
}

/// Calmar ratio `CAGR / |max drawdown|`.
///
/// # Errors
/// [`MetricError::Undefined`] when there was no drawdown.
pub fn calmar(cagr: f64, max_drawdown: f64) -> Result<f64, MetricError> {
    if max_drawdown >= 0.0 {
        return Err(MetricError::Undefined("Calmar ratio without a drawdown"));
    }
    Ok(cagr / max_drawdown.abs())
}

/// Omega ratio at an annual threshold `τ`: `Σ (r_t − τ_p)⁺ / Σ (τ_p − r_t)⁺` with `τ_p` the
/// per-period threshold (Keating & Shadwick, 2002; empyrical's `omega_ratio` with zero
/// risk-free rate).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns; [`MetricError::Undefined`] when no
/// return falls below the threshold.
pub fn omega(
    returns: &[f64],
    periods_per_year: f64,
    threshold_annual: f64,
) -> Result<f64, MetricError> {
    non_empty(returns)?;
    let tau = per_period_rate(threshold_annual, periods_per_year);
    let gains: f64 = returns.iter().map(|r| (r - tau).max(0.0)).sum();
    let losses: f64 = returns.iter().map(|r| (tau - r).max(0.0)).sum();
    if losses == 0.0 {
        return Err(MetricError::Undefined(
            "Omega ratio without a return below the threshold",
        ));
    }
    Ok(gains / losses)
}

/// Tail ratio `|q₀.₉₅| / |q₀.₀₅|` of the returns (linear quantiles; empyrical's `tail_ratio`):
/// above 1, the right tail is fatter than the left.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for no returns; [`MetricError::Undefined`] when the 5 %
/// quantile is zero.
pub fn tail_ratio(returns: &[f64]) -> Result<f64, MetricError> {
    let mut sorted = returns.to_vec();
    sorted.sort_by(f64::total_cmp);
    tail_ratio_sorted(&sorted)
}

/// [`tail_ratio`] of returns already sorted ascending.
///
/// # Errors
/// As [`tail_ratio`].
pub fn tail_ratio_sorted(sorted: &[f64]) -> Result<f64, MetricError> {
    if sorted.is_empty() {
        return Err(MetricError::TooFewObservations { needed: 1, got: 0 });
    }
    let low = quantile_sorted(sorted, 0.05);
    if low == 0.0 {
        return Err(MetricError::Undefined(
            "tail ratio with a zero 5 % quantile",
        ));
    }
    Ok((quantile_sorted(sorted, 0.95) / low).abs())
}

/// Probabilistic Sharpe ratio: the probability that the true per-period Sharpe ratio exceeds
/// `benchmark` (per period, not annualised), given the sample's length, skewness and kurtosis
/// (Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier", *J. of Risk* 15(2), 2012,
/// eq. 11).
///
/// # Formula
/// ```text
/// PSR = Φ( (ŜR − SR*) √(n − 1) / √(1 − γ₃ ŜR + (γ₄ − 1)/4 · ŜR²) )
/// ```
/// with `ŜR = mean(r)/std(r)` (ddof 1, per period), `γ₃` the skewness and `γ₄` the **raw**
/// kurtosis (3 for a normal; QuantStats wrongly uses the excess kurtosis here), both biased.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than four returns;
/// [`MetricError::Undefined`] for constant returns or a negative variance term.
pub fn probabilistic_sharpe(returns: &[f64], benchmark: f64) -> Result<f64, MetricError> {
    let (skew, kurt) = (skewness(returns)?, excess_kurtosis(returns)? + 3.0);
    let sr = mean(returns)? / sample_std(returns)?;
    let variance = 1.0 - skew * sr + (kurt - 1.0) / 4.0 * sr * sr;
    if variance.is_nan() || variance <= 0.0 {
        return Err(MetricError::Undefined("PSR variance term is not positive"));
    }
    let n = returns.len() as f64;
    Ok(normal::cdf(
        (sr - benchmark) * (n - 1.0).sqrt() / variance.sqrt(),
    ))
}

/// Share of winning periods `#(r > 0) / #(r ≠ 0)` (flat periods count neither way, as in
/// QuantStats).
///
/// # Errors
/// [`MetricError::Undefined`] when every return is zero.
pub fn win_rate(returns: &[f64]) -> Result<f64, MetricError> {
    let moved = returns.iter().filter(|r| **r != 0.0).count();
    if moved == 0 {
        return Err(MetricError::Undefined("win rate without a non-zero return"));
    }
    Ok(returns.iter().filter(|r| **r > 0.0).count() as f64 / moved as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples() {
        let r = [0.1, -0.05, 0.02, -0.01];
        // W = 1.1·0.95·1.02·0.99 = 1.055241.
        assert!((total_return(&r).expect("non-empty") - 0.055_241).abs() < 1e-12);
        assert!((cagr(&r, 4.0).expect("non-empty") - 0.055_241).abs() < 1e-12);
        // Downside deviation: √((0.05² + 0.01²)/4) = √0.00065.
        assert!(
            (downside_deviation(&r, 0.0).expect("non-empty") - 0.00065_f64.sqrt()).abs() < 1e-15
        );
        // Omega: (0.1 + 0.02) / (0.05 + 0.01) = 2.
        assert!((omega(&r, 252.0, 0.0).expect("valid") - 2.0).abs() < 1e-12);
        assert_eq!(win_rate(&[0.1, 0.0, -0.1, 0.2]), Ok(2.0 / 3.0));
        assert!((per_period_rate(0.05, 1.0) - 0.05).abs() < 1e-15);
    }

    #[test]
    fn undefined_ratios_are_errors_not_nan() {
        assert!(matches!(
            sharpe(&[0.01; 4], 365.0, 0.0),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(
            sortino(&[0.01; 4], 365.0, 0.0),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(calmar(0.2, 0.0), Err(MetricError::Undefined(_))));
        assert!(matches!(
            win_rate(&[0.0, 0.0]),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(
            cagr(&[], 365.0),
            Err(MetricError::TooFewObservations { .. })
        ));
    }
}
