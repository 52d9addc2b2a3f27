//! Value at risk and expected shortfall, reported as **positive loss fractions of one period**
//! (0.08 is "8 % of the position in one day"), at a confidence `c` such as 0.95.
//!
//! Four estimators, each pure (no estimator borrows another's threshold, unlike QuantStats'
//! hybrid CVaR):
//! - [`historical`]: the empirical quantile and the mean beyond it;
//! - [`gaussian`]: a normal distribution with the sample mean and standard deviation;
//! - [`cornish_fisher_var`]: the normal quantile corrected for skewness and kurtosis;
//! - [`monte_carlo`]: the historical estimator on simulated multi-period returns from a
//!   stationary bootstrap of the observed returns.
//!
//! Multi-period horizons: overlapping horizon returns
//! ([`crate::returns::ReturnKind::horizon_returns`], then any estimator) or [`sqrt_time`].

use crate::bootstrap::stationary_indices;
use crate::stats::{excess_kurtosis, mean, quantile_sorted, sample_std, skewness};
use crate::{normal, MetricError};
use rand::Rng;

/// VaR and ES at one confidence, positive loss fractions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TailRisk {
    /// Value at risk: the loss exceeded with probability `1 − c`.
    pub var: f64,
    /// Expected shortfall (CVaR): the mean loss when the loss is at least the VaR.
    pub es: f64,
}

fn check_confidence(confidence: f64) -> Result<(), MetricError> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(MetricError::InvalidParameter("confidence outside (0, 1)"))
    }
}

/// Historical VaR and ES.
///
/// # Formula
/// ```text
/// q = quantile(r, 1 − c)         (linear interpolation, NumPy's default)
/// VaR = −q,   ES = −mean{ r_t : r_t ≤ q }
/// ```
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than two returns;
/// [`MetricError::InvalidParameter`] for a confidence outside (0, 1).
pub fn historical(returns: &[f64], confidence: f64) -> Result<TailRisk, MetricError> {
    let mut sorted = returns.to_vec();
    sorted.sort_by(f64::total_cmp);
    historical_sorted(&sorted, confidence)
}

/// [`historical`] of returns already sorted ascending (sort once, estimate at many
/// confidences): the tail at or below the quantile is then a prefix of the slice.
///
/// # Errors
/// As [`historical`].
pub fn historical_sorted(sorted: &[f64], confidence: f64) -> Result<TailRisk, MetricError> {
    check_confidence(confidence)?;
    if sorted.len() < 2 {
        return Err(MetricError::TooFewObservations {
            needed: 2,
            got: sorted.len(),
        });
    }
    let q = quantile_sorted(sorted, 1.0 - confidence);
    let tail = &sorted[..sorted.partition_point(|r| *r <= q)];
    Ok(TailRisk {
        var: -q,
        es: -mean(tail)?,
    })
}

/// Gaussian (parametric normal) VaR and ES.
///
/// # Formula
/// ```text
/// z = Φ⁻¹(1 − c)
/// VaR = −(μ + z σ),   ES = −μ + σ φ(z) / (1 − c)
/// ```
/// with `μ` the mean and `σ` the sample standard deviation (ddof 1) of the returns.
///
/// # Errors
/// As [`historical`].
pub fn gaussian(returns: &[f64], confidence: f64) -> Result<TailRisk, MetricError> {
    check_confidence(confidence)?;
    let (mu, sigma) = (mean(returns)?, sample_std(returns)?);
    let z = normal::quantile(1.0 - confidence);
    Ok(TailRisk {
        var: -(mu + z * sigma),
        es: -mu + sigma * normal::pdf(z) / (1.0 - confidence),
    })
}

/// Cornish–Fisher (modified) VaR: the Gaussian VaR with the normal quantile corrected for the
/// sample's skewness and excess kurtosis (Favre & Galeano, 2002).
///
/// # Formula
/// ```text
/// z_cf = z + (z² − 1) S/6 + (z³ − 3z) K/24 − (2z³ − 5z) S²/36
/// VaR = −(μ + z_cf σ)
/// ```
/// with `z = Φ⁻¹(1 − c)`, `S` the skewness and `K` the excess kurtosis, both biased (SciPy's
/// defaults), `σ` with ddof 1.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than four returns;
/// [`MetricError::Undefined`] for constant returns.
pub fn cornish_fisher_var(returns: &[f64], confidence: f64) -> Result<f64, MetricError> {
    check_confidence(confidence)?;
    let (mu, sigma) = (mean(returns)?, sample_std(returns)?);
    let (s, k) = (skewness(returns)?, excess_kurtosis(returns)?);
    let z = normal::quantile(1.0 - confidence);
    let z_cf = z + (z * z - 1.0) * s / 6.0 + (z.powi(3) - 3.0 * z) * k / 24.0
        - (2.0 * z.powi(3) - 5.0 * z) * s * s / 36.0;
    Ok(-(mu + z_cf * sigma))
}

/// The longest Monte Carlo horizon, in periods (ten years of days).
pub const MAX_HORIZON: usize = 3_650;

/// The most Monte Carlo paths one estimate simulates.
pub const MAX_PATHS: usize = 1_000_000;

/// How a Monte Carlo estimate simulates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonteCarloConfig {
    /// Simulated paths.
    pub paths: usize,
    /// Periods per path; the VaR is of the compounded return over the horizon.
    pub horizon: usize,
    /// Mean block length of the stationary bootstrap, in periods.
    pub mean_block: f64,
}

impl MonteCarloConfig {
    /// 2 to [`MAX_PATHS`] paths and a horizon of 1 to [`MAX_HORIZON`] periods, so that a
    /// simulation is always bounded in time and memory.
    fn check(self) -> Result<(), MetricError> {
        if !(2..=MAX_PATHS).contains(&self.paths) || !(1..=MAX_HORIZON).contains(&self.horizon) {
            return Err(MetricError::InvalidParameter(
                "Monte Carlo needs 2 to 1,000,000 paths and a horizon of 1 to 3,650 periods",
            ));
        }
        Ok(())
    }
}

/// Monte Carlo VaR and ES over a horizon: [`historical`] applied to `paths` simulated
/// horizon returns `∏(1 + r*) − 1`, each built from a stationary bootstrap of the observed
/// returns (which keeps fat tails and some volatility clustering; no distribution is assumed).
///
/// # Errors
/// As [`historical`]; [`MetricError::InvalidParameter`] for fewer than 2 or more than
/// [`MAX_PATHS`] paths, or a horizon of 0 or beyond [`MAX_HORIZON`].
pub fn monte_carlo<R: Rng + ?Sized>(
    returns: &[f64],
    confidence: f64,
    config: MonteCarloConfig,
    rng: &mut R,
) -> Result<TailRisk, MetricError> {
    config.check()?;
    if returns.len() < 2 {
        return Err(MetricError::TooFewObservations {
            needed: 2,
            got: returns.len(),
        });
    }
    let simulated = (0..config.paths)
        .map(|_| {
            let path = stationary_indices(returns.len(), config.horizon, config.mean_block, rng)?;
            Ok(path.iter().map(|&i| 1.0 + returns[i]).product::<f64>() - 1.0)
        })
        .collect::<Result<Vec<f64>, MetricError>>()?;
    historical(&simulated, confidence)
}

/// Quantile paths of simulated growth (a fan chart): `paths` bootstrapped paths of
/// `config.horizon` periods as in [`monte_carlo`], each turned into its growth of 1 after every
/// period, `∏_{s ≤ t}(1 + r*_s)`; returns, for each level in `levels`, its quantile (NumPy's
/// linear rule) across paths at steps `0..=horizon` (step 0 is 1).
///
/// # Errors
/// As [`monte_carlo`]; [`MetricError::InvalidParameter`] for a level outside `[0, 1]`.
pub fn monte_carlo_fan<R: Rng + ?Sized>(
    returns: &[f64],
    levels: &[f64],
    config: MonteCarloConfig,
    rng: &mut R,
) -> Result<Vec<Vec<f64>>, MetricError> {
    config.check()?;
    if levels.iter().any(|p| !(0.0..=1.0).contains(p)) {
        return Err(MetricError::InvalidParameter(
            "quantile level outside [0, 1]",
        ));
    }
    if returns.len() < 2 {
        return Err(MetricError::TooFewObservations {
            needed: 2,
            got: returns.len(),
        });
    }
    // growth[t][k]: path k's growth after t periods.
    let mut growth = vec![vec![1.0; config.paths]; config.horizon + 1];
    for path_no in 0..config.paths {
        let path = stationary_indices(returns.len(), config.horizon, config.mean_block, rng)?;
        let mut level = 1.0;
        for (step, &i) in growth[1..].iter_mut().zip(&path) {
            level *= 1.0 + returns[i];
            step[path_no] = level;
        }
    }
    for step in &mut growth {
        step.sort_by(f64::total_cmp);
    }
    Ok(levels
        .iter()
        .map(|&p| growth.iter().map(|step| quantile_sorted(step, p)).collect())
        .collect())
}

/// One-period VaR and ES scaled to `horizon` periods by the square root of time (exact for
/// i.i.d. zero-mean normal returns; an approximation otherwise, stated wherever it is shown).
pub fn sqrt_time(one_period: TailRisk, horizon: usize) -> TailRisk {
    let k = (horizon as f64).sqrt();
    TailRisk {
        var: one_period.var * k,
        es: one_period.es * k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fan_is_the_monte_carlo_var_machinery_step_by_step() {
        use rand::SeedableRng;
        let returns: Vec<f64> = (0..200)
            .map(|i| ((i * 37 % 101) as f64 - 50.0) / 1000.0)
            .collect();
        let config = MonteCarloConfig {
            paths: 2_000,
            horizon: 10,
            mean_block: 5.0,
        };
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
        let fan = monte_carlo_fan(&returns, &[0.05, 0.5, 0.95], config, &mut rng).expect("valid");
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
        let tail = monte_carlo(&returns, 0.95, config, &mut rng).expect("valid");
        // Same seed, same paths: the 5 % quantile of growth at the horizon is 1 − VaR.
        assert!(
            (fan[0][10] - (1.0 - tail.var)).abs() < 1e-12,
            "{} vs {}",
            fan[0][10],
            tail.var
        );
        for level in &fan {
            assert_eq!(level.len(), 11);
            assert_eq!(level[0], 1.0);
        }
        for ((low, mid), high) in fan[0].iter().zip(&fan[1]).zip(&fan[2]) {
            assert!(low <= mid && mid <= high, "ordered");
        }
        assert!(
            fan[2][10] - fan[0][10] > fan[2][1] - fan[0][1],
            "the fan widens"
        );
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
        assert!(monte_carlo_fan(&returns, &[1.5], config, &mut rng).is_err());
    }

    #[test]
    fn historical_of_a_worked_example() {
        // r = −0.10, −0.05, 0, 0.02, 0.03 at c = 0.8: h = 4·0.2 = 0.8, q = −0.10 + 0.8·0.05 = −0.06;
        // VaR 0.06, ES = mean(−0.10) = 0.10.
        let t = historical(&[0.03, -0.05, 0.0, -0.10, 0.02], 0.8).expect("valid");
        assert!((t.var - 0.06).abs() < 1e-15 && (t.es - 0.10).abs() < 1e-15);
        assert!(historical(&[0.1], 0.95).is_err());
        assert!(historical(&[0.1, 0.2], 1.0).is_err());
    }

    #[test]
    fn sqrt_time_scaling() {
        let scaled = sqrt_time(
            TailRisk {
                var: 0.05,
                es: 0.07,
            },
            4,
        );
        assert_eq!((scaled.var, scaled.es), (0.1, 0.14));
    }
}
