//! How values map onto a chart's vertical axis, and where its ticks go.
//!
//! - **Linear**: values as they are.
//! - **Logarithmic**: `ln v`, so equal percentage moves have equal heights (non-positive
//!   values cannot be drawn and are left out).
//! - **Percent change**: `v / base − 1`, with `base` the first visible value.
//! - **Indexed**: `100 · v / base`, the first visible value at 100 (for comparing series).

/// A vertical scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scale {
    /// Values as they are.
    #[default]
    Linear,
    /// Natural logarithm of the values; ticks at 1, 2, 5 × 10ᵏ.
    Log,
    /// Change from the first visible value, as a fraction.
    PercentChange,
    /// Indexed to 100 at the first visible value.
    Indexed,
}

impl Scale {
    /// Every scale, in the order a selector shows them.
    pub const ALL: [Scale; 4] = [
        Scale::Linear,
        Scale::Log,
        Scale::PercentChange,
        Scale::Indexed,
    ];

    /// The name used in links (`linear`, `log`, `percent`, `indexed`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Linear => "linear",
            Self::Log => "log",
            Self::PercentChange => "percent",
            Self::Indexed => "indexed",
        }
    }

    /// The scale named `key` in a link, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    /// Where `value` is drawn, given the first visible value `base`; `None` when it cannot be
    /// (a non-positive value on a log scale, a non-positive base for a relative scale, or a
    /// non-finite result).
    pub fn plot(self, value: f64, base: f64) -> Option<f64> {
        let plotted = match self {
            Self::Linear => value,
            Self::Log if value > 0.0 => value.ln(),
            Self::PercentChange if base > 0.0 => value / base - 1.0,
            Self::Indexed if base > 0.0 => 100.0 * value / base,
            _ => return None,
        };
        plotted.is_finite().then_some(plotted)
    }

    /// The value drawn at `plotted` (the inverse of [`Scale::plot`]).
    pub fn value(self, plotted: f64, base: f64) -> f64 {
        match self {
            Self::Linear => plotted,
            Self::Log => plotted.exp(),
            Self::PercentChange => (plotted + 1.0) * base,
            Self::Indexed => plotted * base / 100.0,
        }
    }
}

/// About `target` "nice" ticks (1, 2 or 5 × 10ᵏ apart) covering `[lo, hi]`.
pub fn linear_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    if !(step.is_finite() && step > 0.0) {
        // A span too wide for f64 (infinite) or too narrow (a step that underflows to 0).
        return Vec::new();
    }
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    if last.saturating_sub(first) > 4 * target.max(1) as i64 + 4 {
        // Positions beyond f64's precision at this step: no honest ticks.
        return Vec::new();
    }
    // Rounded to the step's decimals, so 3 × 0.2 reads 0.6, not 0.6000000000000001.
    let decimals = (-step.log10()).ceil().max(0.0) as i32;
    let unit = 10f64.powi(decimals);
    (first..=last)
        .map(|i| {
            let exact = i as f64 * step;
            let rounded = (exact * unit).round() / unit;
            // Steps near f64's smallest numbers have no decimal unit to round to.
            (if rounded.is_finite() { rounded } else { exact }) + 0.0
        })
        .collect()
}

/// Ticks of a log axis over values `[lo, hi]` (both positive), as values: 1, 2, 5 × 10ᵏ
/// within the range, thinned to 1 × 10ᵏ when that gives too many, refined to 1, 1.5, 2, 3, 4,
/// 5, 7 × 10ᵏ when it gives fewer than three, and linear ticks for narrower ranges.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Vec::new();
    }
    let (k0, k1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let candidates = |mantissas: &[f64]| -> Vec<f64> {
        (k0..=k1)
            .flat_map(|k| mantissas.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|v| (lo..=hi).contains(v))
            .collect()
    };
    let ticks = candidates(&[1.0, 2.0, 5.0]);
    if ticks.len() > 8 {
        return candidates(&[1.0]);
    }
    if ticks.len() >= 3 {
        return ticks;
    }
    let finer = candidates(&[1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0]);
    if finer.len() >= 3 {
        return finer;
    }
    // Linear ticks may round to 0 near the bottom of a range close to 0: not a log value.
    linear_ticks(lo, hi, 4)
        .into_iter()
        .filter(|t| *t > 0.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plot_and_value_are_inverse() {
        for scale in Scale::ALL {
            for v in [0.5, 1.0, 37.2, 91_234.5] {
                let p = scale.plot(v, 40.0).expect("drawable");
                assert!((scale.value(p, 40.0) - v).abs() < 1e-9 * v, "{scale:?} {v}");
            }
            assert_eq!(Scale::from_key(scale.key()), Some(scale));
        }
        assert_eq!(Scale::PercentChange.plot(50.0, 40.0), Some(0.25));
        assert_eq!(Scale::Indexed.plot(50.0, 40.0), Some(125.0));
        assert_eq!(Scale::Log.plot(0.0, 1.0), None);
        assert_eq!(Scale::Indexed.plot(1.0, 0.0), None);
        assert_eq!(Scale::from_key("cubic"), None);
    }

    #[test]
    fn nice_ticks() {
        assert_eq!(
            linear_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(linear_ticks(-0.63, 0.0, 5), vec![-0.6, -0.4, -0.2, 0.0]);
        assert_eq!(linear_ticks(183.0, 497.0, 5), vec![200.0, 300.0, 400.0]);
        assert!(linear_ticks(1.0, 1.0, 5).is_empty());
        assert_eq!(
            log_ticks(180.0, 760.0),
            vec![200.0, 300.0, 400.0, 500.0, 700.0]
        );
        assert_eq!(
            log_ticks(3.0, 800.0),
            vec![5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0]
        );
        assert_eq!(
            log_ticks(0.5, 100_000.0),
            vec![1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0]
        );
        assert_eq!(log_ticks(210.0, 260.0), vec![220.0, 240.0, 260.0]);
        assert!(log_ticks(-1.0, 5.0).is_empty());
    }
}
