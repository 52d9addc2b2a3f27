//! The stationary bootstrap (Politis & Romano, "The Stationary Bootstrap", *JASA* 89, 1994):
//! resamples that keep runs of consecutive returns together, so volatility clustering survives,
//! and percentile confidence intervals built on it.
//!
//! The random number generator is always passed in, seeded by the caller (from the scenario),
//! so the same seed gives the same resamples on every machine.

use crate::stats::quantile_sorted;
use crate::MetricError;
use rand::Rng;

/// Indices of one stationary-bootstrap resample of length `len` from `n` observations.
///
/// Each index starts a new block with probability `1/mean_block` (at a uniformly drawn
/// position) and otherwise continues the current block with the next observation, wrapping
/// from the last to the first. Block lengths are geometric with mean `mean_block`;
/// `mean_block = 1` is the ordinary i.i.d. bootstrap.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for `n = 0`; [`MetricError::InvalidParameter`] for a
/// mean block length under 1.
pub fn stationary_indices<R: Rng + ?Sized>(
    n: usize,
    len: usize,
    mean_block: f64,
    rng: &mut R,
) -> Result<Vec<usize>, MetricError> {
    if n == 0 {
        return Err(MetricError::TooFewObservations { needed: 1, got: 0 });
    }
    if mean_block.is_nan() || mean_block < 1.0 {
        return Err(MetricError::InvalidParameter("mean block length under 1"));
    }
    let restart = 1.0 / mean_block;
    let mut indices = Vec::with_capacity(len);
    let mut current = rng.random_range(0..n);
    for i in 0..len {
        if i > 0 {
            current = if rng.random::<f64>() < restart {
                rng.random_range(0..n)
            } else {
                (current + 1) % n
            };
        }
        indices.push(current);
    }
    Ok(indices)
}

/// A two-sided percentile confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Coverage, e.g. 0.90.
    pub level: f64,
    /// Resamples on which the statistic was defined.
    pub resamples: usize,
}

/// How to resample.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BootstrapConfig {
    /// Number of resamples.
    pub resamples: usize,
    /// Mean block length, in periods.
    pub mean_block: f64,
    /// Two-sided coverage of the interval, e.g. 0.90.
    pub level: f64,
}

impl Default for BootstrapConfig {
    /// 1,000 resamples, blocks of 10 days on average, a 90 % interval.
    fn default() -> Self {
        Self {
            resamples: 1000,
            mean_block: 10.0,
            level: 0.90,
        }
    }
}

/// The most resamples one interval draws (each is a full resample of the returns).
pub const MAX_RESAMPLES: usize = 100_000;

/// The percentile interval of `statistic` over stationary-bootstrap resamples of `returns`
/// (each resample as long as the sample): the `(1 − level)/2` and `(1 + level)/2` quantiles
/// (linear interpolation) of the resampled statistic. Resamples where the statistic is
/// undefined are left out.
///
/// # Errors
/// [`MetricError::InvalidParameter`] for a level outside (0, 1), no resamples or more than
/// [`MAX_RESAMPLES`];
/// [`MetricError::Undefined`] when the statistic is undefined on half the resamples or more.
pub fn percentile_interval<R, F>(
    returns: &[f64],
    statistic: F,
    config: BootstrapConfig,
    rng: &mut R,
) -> Result<Interval, MetricError>
where
    R: Rng + ?Sized,
    F: Fn(&[f64]) -> Result<f64, MetricError>,
{
    if !(config.level > 0.0 && config.level < 1.0)
        || config.resamples == 0
        || config.resamples > MAX_RESAMPLES
    {
        return Err(MetricError::InvalidParameter(
            "bootstrap level or resample count",
        ));
    }
    let mut values = Vec::with_capacity(config.resamples);
    let mut sample = vec![0.0; returns.len()];
    for _ in 0..config.resamples {
        let indices = stationary_indices(returns.len(), returns.len(), config.mean_block, rng)?;
        for (slot, i) in sample.iter_mut().zip(indices) {
            *slot = returns[i];
        }
        if let Ok(v) = statistic(&sample) {
            values.push(v);
        }
    }
    if values.len() * 2 <= config.resamples {
        return Err(MetricError::Undefined(
            "statistic undefined on most resamples",
        ));
    }
    values.sort_by(f64::total_cmp);
    let tail = (1.0 - config.level) / 2.0;
    Ok(Interval {
        lower: quantile_sorted(&values, tail),
        upper: quantile_sorted(&values, 1.0 - tail),
        level: config.level,
        resamples: values.len(),
    })
}
