//! Sample statistics with the conventions of the reference libraries, named after them.
//!
//! | here | NumPy / SciPy / pandas |
//! |---|---|
//! | [`sample_std`] | `np.std(x, ddof=1)`, `Series.std()` |
//! | [`sample_covariance`] | `np.cov(x, y, ddof=1)[0, 1]` |
//! | [`correlation`] | `np.corrcoef(x, y)[0, 1]` |
//! | [`skewness`] | `scipy.stats.skew(x)` (biased, the default) |
//! | [`excess_kurtosis`] | `scipy.stats.kurtosis(x)` (Fisher, biased, the defaults) |
//! | [`quantile`] | `np.quantile(x, p)` (method `linear`, R type 7, the default) |
//!
//! Each needs a minimum number of observations and returns [`MetricError`] below it; none
//! returns NaN for valid input.
//!
//! **Equal values are equal.** Values that differ by no more than [`is_constant`]'s rounding
//! allowance (64 ulps of `max(1, |x|)`, about 1.4 × 10⁻¹⁴ for returns) are treated as one
//! constant: their mean is that value and every central moment is exactly 0, so the ratios
//! built on them (Sharpe, skewness, kurtosis, beta, correlation) are undefined rather than the
//! quotient of two rounding errors. Returns computed from prices carry about 3 ε ≈ 7 × 10⁻¹⁶
//! of rounding each (both prices and the division), so returns of a price growing by the
//! same percentage every day differ by that much; a traded asset's daily returns differ by
//! 10⁻⁴ or more. The exact-arithmetic reference (`tests/reference/degenerate.py`, Python's
//! `fractions`) shows the true standard deviation of such series is 0.

use crate::MetricError;

/// Whether `xs` are one value up to rounding: `max − min ≤ 64 ε · max(1, |max|, |min|)`. An
/// empty slice is not constant.
pub fn is_constant(xs: &[f64]) -> bool {
    let Some(&first) = xs.first() else {
        return false;
    };
    let (lo, hi) = xs
        .iter()
        .fold((first, first), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    let scale = 1f64.max(lo.abs()).max(hi.abs());
    hi - lo <= 64.0 * f64::EPSILON * scale
}

fn require(xs: &[f64], needed: usize) -> Result<(), MetricError> {
    if xs.len() < needed {
        Err(MetricError::TooFewObservations {
            needed,
            got: xs.len(),
        })
    } else {
        Ok(())
    }
}

/// Arithmetic mean `x̄ = Σ x_i / n`.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for an empty slice.
pub fn mean(xs: &[f64]) -> Result<f64, MetricError> {
    require(xs, 1)?;
    if xs.iter().all(|x| *x == xs[0]) {
        // Equal values: the value itself, not a running sum's rounding of it.
        return Ok(xs[0]);
    }
    Ok(xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The biased central moments `m_k = Σ (x_i − x̄)^k / n` for k = 2, 3, 4, computed in two
/// passes (the mean first) with products rather than `powi`; exactly 0 for constant values
/// ([`is_constant`]).
fn central_moments(xs: &[f64]) -> [f64; 3] {
    if is_constant(xs) {
        return [0.0; 3];
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let mut sums = [0.0; 3];
    for x in xs {
        let d = x - m;
        let d2 = d * d;
        sums[0] += d2;
        sums[1] += d2 * d;
        sums[2] += d2 * d2;
    }
    sums.map(|s| s / n)
}

/// The biased variance `m₂` (two passes); exactly 0 for constant values.
fn second_moment(xs: &[f64]) -> f64 {
    if is_constant(xs) {
        return 0.0;
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n
}

/// Sample standard deviation with `ddof = 1`.
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
    require(xs, 2)?;
    let n = xs.len() as f64;
    Ok((second_moment(xs) * n / (n - 1.0)).sqrt())
}

/// Sample covariance with `ddof = 1`: `Σ (x_i − x̄)(y_i − ȳ) / (n − 1)`.
///
/// # Errors
/// [`MetricError::LengthMismatch`] if the slices differ in length;
/// [`MetricError::TooFewObservations`] for fewer than two pairs.
pub fn sample_covariance(xs: &[f64], ys: &[f64]) -> Result<f64, MetricError> {
    if xs.len() != ys.len() {
        return Err(MetricError::LengthMismatch {
            left: xs.len(),
            right: ys.len(),
        });
    }
    require(xs, 2)?;
    if is_constant(xs) || is_constant(ys) {
        return Ok(0.0);
    }
    let (mx, my) = (mean(xs)?, mean(ys)?);
    let sum: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    Ok(sum / (xs.len() - 1) as f64)
}

/// Pearson correlation `cov(x, y) / (s_x s_y)`.
///
/// # Errors
/// As [`sample_covariance`], and [`MetricError::Undefined`] when either series is constant.
pub fn correlation(xs: &[f64], ys: &[f64]) -> Result<f64, MetricError> {
    let cov = sample_covariance(xs, ys)?;
    let scale = sample_std(xs)? * sample_std(ys)?;
    if scale == 0.0 {
        return Err(MetricError::Undefined("correlation with a constant series"));
    }
    Ok((cov / scale).clamp(-1.0, 1.0))
}

/// Skewness, biased: `g₁ = m₃ / m₂^{3/2}` with `m_k` the biased central moments (SciPy's
/// default `bias=True`).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than three values;
/// [`MetricError::Undefined`] for constant values.
pub fn skewness(xs: &[f64]) -> Result<f64, MetricError> {
    require(xs, 3)?;
    let [m2, m3, _] = central_moments(xs);
    if m2 == 0.0 {
        return Err(MetricError::Undefined("skewness of constant values"));
    }
    Ok(m3 / m2.powf(1.5))
}

/// Excess kurtosis, biased: `g₂ = m₄ / m₂² − 3` (SciPy's defaults `fisher=True, bias=True`).
/// The raw (Pearson) kurtosis is `g₂ + 3`.
///
/// # Errors
/// [`MetricError::TooFewObservations`] for fewer than four values;
/// [`MetricError::Undefined`] for constant values.
pub fn excess_kurtosis(xs: &[f64]) -> Result<f64, MetricError> {
    require(xs, 4)?;
    let [m2, _, m4] = central_moments(xs);
    if m2 == 0.0 {
        return Err(MetricError::Undefined("kurtosis of constant values"));
    }
    Ok(m4 / (m2 * m2) - 3.0)
}

/// The `p`-quantile with linear interpolation between order statistics: with the values sorted
/// as `x_(0) ≤ … ≤ x_(n−1)` and `h = (n − 1) p`, the quantile is
/// `x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋))` (NumPy's default `linear`, R's type 7).
///
/// # Errors
/// [`MetricError::TooFewObservations`] for an empty slice;
/// [`MetricError::InvalidParameter`] unless `0 ≤ p ≤ 1`.
pub fn quantile(xs: &[f64], p: f64) -> Result<f64, MetricError> {
    require(xs, 1)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(MetricError::InvalidParameter(
            "quantile level outside [0, 1]",
        ));
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    Ok(quantile_sorted(&sorted, p))
}

/// [`quantile`] of values already sorted ascending (non-empty, `0 ≤ p ≤ 1`).
///
/// A position `h` within 64 ulps of a whole number is that number: a level computed as
/// `1 − 0.8` is `0.19999999999999996` in binary, and without the snap the quantile would sit a
/// rounding error below the order statistic it names, leaving that observation out of every
/// "at or below the quantile" tail (empyrical's `conditional_value_at_risk` includes it).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let whole = h.round();
    let h = if (h - whole).abs() <= 64.0 * f64::EPSILON * whole.max(1.0) {
        whole
    } else {
        h
    };
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Counts of `xs` in `bins` equal-width bins over `[min, max]`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Histogram {
    /// `bins + 1` increasing edges.
    pub edges: Vec<f64>,
    /// Observations per bin.
    pub counts: Vec<u64>,
}

/// NumPy's `np.histogram(xs, bins)`: edges `min + k (max − min) / bins`; bins are half-open
/// `[e_k, e_{k+1})` except the last, which includes `max`. Non-finite values are ignored; all
/// values equal give the range `[v − 0.5, v + 0.5]`, as NumPy does.
///
/// # Errors
/// [`MetricError::TooFewObservations`] without a finite value;
/// [`MetricError::InvalidParameter`] for zero bins.
pub fn histogram(xs: &[f64], bins: usize) -> Result<Histogram, MetricError> {
    if bins == 0 {
        return Err(MetricError::InvalidParameter("a histogram needs a bin"));
    }
    let finite: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    require(&finite, 1)?;
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(*x), b.max(*x))
        });
    if lo == hi {
        (lo, hi) = (lo - 0.5, hi + 0.5);
    }
    let width = (hi - lo) / bins as f64;
    let edges: Vec<f64> = (0..=bins).map(|k| lo + k as f64 * width).collect();
    let mut counts = vec![0_u64; bins];
    for x in finite {
        // NumPy computes the bin from the scaled value, then corrects by comparing with the
        // edges, so a value exactly on an edge goes to the bin starting there.
        let mut k = (((x - lo) / width) as usize).min(bins - 1);
        if k > 0 && x < edges[k] {
            k -= 1;
        } else if k + 1 < bins && x >= edges[k + 1] {
            k += 1;
        }
        counts[k] += 1;
    }
    Ok(Histogram { edges, counts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_edges_and_ties_follow_numpy() {
        // np.histogram([1, 2, 2, 3, 4], bins=3): edges [1, 2, 3, 4], counts [1, 2, 2]
        // (2 and 3 sit on edges and go to the bin starting there; 4 to the last, closed bin).
        let h = histogram(&[1.0, 2.0, 2.0, 3.0, 4.0, f64::NAN], 3).expect("data");
        assert_eq!(h.edges, vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(h.counts, vec![1, 2, 2]);
        // np.histogram([5, 5], bins=2): edges [4.5, 5, 5.5], counts [0, 2].
        let flat = histogram(&[5.0, 5.0], 2).expect("data");
        assert_eq!((flat.edges, flat.counts), (vec![4.5, 5.0, 5.5], vec![0, 2]));
        assert!(histogram(&[1.0], 0).is_err());
        assert!(histogram(&[f64::NAN], 3).is_err());
    }

    // Values from NumPy 2.4 / SciPy 1.17 on x = [2, 4, 4, 4, 5, 5, 7, 9, 1.5]:
    // np.std(x, ddof=1) = 2.3154073315749675, scipy.stats.skew(x) = 0.5307437977205011,
    // scipy.stats.kurtosis(x) = -0.3371869043464253, np.quantile(x, 0.05) = 1.7,
    // np.quantile(x, 0.9) = 7.4.
    const X: [f64; 9] = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0, 1.5];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn moments_match_numpy_and_scipy() {
        assert!(close(
            sample_std(&X).expect("n ≥ 2"),
            2.315_407_331_574_967_5
        ));
        assert!(close(skewness(&X).expect("n ≥ 3"), 0.530_743_797_720_501_1));
        assert!(close(
            excess_kurtosis(&X).expect("n ≥ 4"),
            -0.337_186_904_346_425_3
        ));
        assert!(close(quantile(&X, 0.05).expect("non-empty"), 1.7));
        assert!(close(quantile(&X, 0.9).expect("non-empty"), 7.4));
        assert_eq!(quantile(&X, 0.0), Ok(1.5));
        assert_eq!(quantile(&X, 1.0), Ok(9.0));
    }

    #[test]
    fn degenerate_inputs_are_typed_errors() {
        assert_eq!(
            mean(&[]),
            Err(MetricError::TooFewObservations { needed: 1, got: 0 })
        );
        assert_eq!(
            sample_std(&[1.0]),
            Err(MetricError::TooFewObservations { needed: 2, got: 1 })
        );
        assert!(matches!(
            skewness(&[1.0, 1.0, 1.0]),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(
            correlation(&[1.0, 2.0], &[3.0, 3.0]),
            Err(MetricError::Undefined(_))
        ));
        assert!(matches!(
            sample_covariance(&[1.0], &[1.0, 2.0]),
            Err(MetricError::LengthMismatch { .. })
        ));
        assert!(matches!(
            quantile(&X, 1.5),
            Err(MetricError::InvalidParameter(_))
        ));
    }
}
