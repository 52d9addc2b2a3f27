//! The standard normal distribution: density, distribution function and quantile.

use std::f64::consts::{PI, SQRT_2};

/// Density `φ(x) = e^{−x²/2} / √(2π)`.
pub fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * PI).sqrt()
}

/// Distribution function `Φ(x) = ½ erfc(−x/√2)`, with musl's `erfc` (via `libm`), accurate to
/// about one ulp in both tails.
pub fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / SQRT_2)
}

/// Quantile function `Φ⁻¹(p)` for `0 < p < 1` (SciPy's `norm.ppf`; R's `qnorm`); ±∞ at 0 and
/// 1, NaN outside [0, 1].
///
/// A starting value from Abramowitz & Stegun 26.2.23 (error below 4.5·10⁻⁴) is refined by three
/// Halley steps on `Φ(x) − p`, which converge cubically to full double precision.
pub fn quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let tail = p.min(1.0 - p);
    let t = (-2.0 * tail.ln()).sqrt();
    let approx = t
        - (2.515_517 + 0.802_853 * t + 0.010_328 * t * t)
            / (1.0 + 1.432_788 * t + 0.189_269 * t * t + 0.001_308 * t * t * t);
    let mut x = if p < 0.5 { -approx } else { approx };
    for _ in 0..3 {
        let error = cdf(x) - p;
        let density = pdf(x);
        if density == 0.0 {
            break;
        }
        let step = error / density;
        x -= step / (1.0 + 0.5 * x * step);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    // (x, Φ(x)) from mpmath's ncdf at 50 digits, rounded to double (SciPy's norm.cdf differs
    // from it by up to 7e-15 relative in the far tail, so it is not the reference there).
    const CDF: [(f64, f64); 5] = [
        (-3.0, 0.001_349_898_031_630_094_5),
        (-1.0, 0.158_655_253_931_457_05),
        (0.0, 0.5),
        (1.644_853_626_951_472_2, 0.95),
        (-8.0, 6.220_960_574_271_784e-16),
    ];
    // (p, Φ⁻¹(p)) from scipy.stats.norm.ppf (SciPy 1.17).
    const PPF: [(f64, f64); 6] = [
        (0.05, -1.644_853_626_951_472_9),
        (0.01, -2.326_347_874_040_840_8),
        (0.975, 1.959_963_984_540_054),
        (0.5, 0.0),
        (1e-10, -6.361_340_902_404_056),
        (0.999, 3.090_232_306_167_813),
    ];

    #[test]
    fn cdf_matches_scipy() {
        for (x, expected) in CDF {
            let got = cdf(x);
            assert!(
                (got - expected).abs() <= 1e-14 * expected,
                "Φ({x}) = {got}, SciPy {expected}"
            );
        }
    }

    #[test]
    fn quantile_matches_scipy() {
        for (p, expected) in PPF {
            let got = quantile(p);
            assert!(
                (got - expected).abs() <= 1e-12 * expected.abs().max(1.0),
                "Φ⁻¹({p}) = {got}, SciPy {expected}"
            );
        }
        assert_eq!(quantile(0.0), f64::NEG_INFINITY);
        assert!(quantile(1.5).is_nan());
    }
}
