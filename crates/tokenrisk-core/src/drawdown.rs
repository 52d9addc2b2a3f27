//! Drawdowns: how far a price (or wealth) path stands below its running peak.
//!
//! Every function takes a *path*: prices, or wealth from returns with [`wealth_from_returns`],
//! which starts at 1 before the first return so that a first-period loss counts (empyrical's
//! convention; QuantStats invents a baseline instead).

use crate::stats::{mean, quantile};
use crate::MetricError;

/// Wealth of 1 invested before the first return: `[1, (1+r_1), (1+r_1)(1+r_2), …]`, one longer
/// than the returns.
pub fn wealth_from_returns(returns: &[f64]) -> Vec<f64> {
    std::iter::once(1.0)
        .chain(returns.iter().scan(1.0, |w, r| {
            *w *= 1.0 + r;
            Some(*w)
        }))
        .collect()
}

/// Drawdown at every point: `DD_t = P_t / max_{s≤t} P_s − 1`, a fraction ≤ 0.
///
/// Applied to prices, the first point is its own peak. To count a loss on the first period of
/// a return series, pass wealth that starts at 1 before the first return (empyrical's
/// convention), never a guessed baseline.
pub fn drawdown_series(path: &[f64]) -> Vec<f64> {
    let mut peak = f64::NEG_INFINITY;
    path.iter()
        .map(|&p| {
            peak = peak.max(p);
            p / peak - 1.0
        })
        .collect()
}

/// The deepest drawdown of a path and where it happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxDrawdown {
    /// Depth, a fraction ≤ 0 (−0.6 is a 60 % fall from the peak).
    pub depth: f64,
    /// Index of the peak the fall started from.
    pub peak: usize,
    /// Index of the lowest point.
    pub trough: usize,
    /// Index where the path first regained the peak, if it did.
    pub recovery: Option<usize>,
}

/// The maximum drawdown `min_t DD_t` with its peak, trough and recovery indices; `None` for an
/// empty path. A path that never falls has depth 0 at index 0.
pub fn max_drawdown(path: &[f64]) -> Option<MaxDrawdown> {
    let first = *path.first()?;
    let mut peak_index = 0;
    let mut peak_value = first;
    let mut worst = MaxDrawdown {
        depth: 0.0,
        peak: 0,
        trough: 0,
        recovery: None,
    };
    for (i, &p) in path.iter().enumerate() {
        if p > peak_value {
            peak_value = p;
            peak_index = i;
        }
        let dd = p / peak_value - 1.0;
        if dd < worst.depth {
            worst = MaxDrawdown {
                depth: dd,
                peak: peak_index,
                trough: i,
                recovery: None,
            };
        }
    }
    let peak_value = path[worst.peak];
    worst.recovery = path[worst.trough..]
        .iter()
        .position(|&p| p >= peak_value)
        .map(|offset| worst.trough + offset);
    Some(worst)
}

/// One drawdown: from a peak, down to a trough, and back to the peak's level (if it got there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawdownEpisode {
    /// Depth, a fraction < 0.
    pub depth: f64,
    /// Index of the peak.
    pub peak: usize,
    /// Index of the lowest point.
    pub trough: usize,
    /// Index where the path first regained the peak, if it did.
    pub recovery: Option<usize>,
}

/// Every drawdown episode of `path`, deepest first: each runs from a running peak to the first
/// point back at or above it (or to the end, unrecovered). The first is the maximum drawdown.
pub fn drawdown_episodes(path: &[f64]) -> Vec<DrawdownEpisode> {
    let mut episodes = Vec::new();
    let mut peak = 0;
    let mut open: Option<DrawdownEpisode> = None;
    for (i, &p) in path.iter().enumerate() {
        if p >= path[peak] {
            if let Some(mut episode) = open.take() {
                episode.recovery = Some(i);
                episodes.push(episode);
            }
            peak = i;
            continue;
        }
        let depth = p / path[peak] - 1.0;
        let episode = open.get_or_insert(DrawdownEpisode {
            depth,
            peak,
            trough: i,
            recovery: None,
        });
        if depth < episode.depth {
            episode.depth = depth;
            episode.trough = i;
        }
    }
    episodes.extend(open);
    episodes.sort_by(|a, b| a.depth.total_cmp(&b.depth));
    episodes
}

/// Ulcer index `√( Σ DD_t² / N )` over the `N` points of the path (Martin & McCann, 1989): the
/// root-mean-square drawdown, as a fraction. (QuantStats divides by `N − 1`.)
///
/// # Errors
/// [`MetricError::TooFewObservations`] for an empty path.
pub fn ulcer_index(path: &[f64]) -> Result<f64, MetricError> {
    let squares: Vec<f64> = drawdown_series(path).iter().map(|d| d * d).collect();
    Ok(mean(&squares)?.sqrt())
}

/// Conditional drawdown at risk at confidence `c`, a positive fraction: the mean drawdown
/// magnitude at or beyond the `c`-quantile of the drawdown magnitudes `d_t = −DD_t` over the
/// path (Chekhlov, Uryasev & Zabarankin, 2005; the drawdown analogue of expected shortfall).
///
/// # Formula
/// ```text
/// DaR_c = quantile(d, c)   (linear interpolation),   CDaR_c = mean{ d_t : d_t ≥ DaR_c }
/// ```
///
/// # Errors
/// [`MetricError::TooFewObservations`] for an empty path;
/// [`MetricError::InvalidParameter`] for a confidence outside (0, 1).
pub fn conditional_drawdown_at_risk(path: &[f64], confidence: f64) -> Result<f64, MetricError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(MetricError::InvalidParameter("confidence outside (0, 1)"));
    }
    let magnitudes: Vec<f64> = drawdown_series(path).iter().map(|d| -d).collect();
    let threshold = quantile(&magnitudes, confidence)?;
    let tail: Vec<f64> = magnitudes.into_iter().filter(|d| *d >= threshold).collect();
    mean(&tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // Peak 120 at 1, trough 60 at 3 (−50 %), regained 120 at 5.
        let path = [100.0, 120.0, 90.0, 60.0, 100.0, 130.0, 125.0];
        let dd = drawdown_series(&path);
        assert_eq!(dd[0], 0.0);
        assert!((dd[3] + 0.5).abs() < 1e-15);
        assert!(dd.iter().all(|&d| d <= 0.0));
        let m = max_drawdown(&path).expect("non-empty");
        assert_eq!((m.peak, m.trough, m.recovery), (1, 3, Some(5)));
        assert!((m.depth + 0.5).abs() < 1e-15);
    }

    #[test]
    fn episodes_of_a_worked_example() {
        let path = [100.0, 120.0, 90.0, 60.0, 100.0, 130.0, 125.0, 140.0, 60.0];
        let episodes = drawdown_episodes(&path);
        let summary: Vec<_> = episodes
            .iter()
            .map(|e| (e.peak, e.trough, e.recovery))
            .collect();
        assert_eq!(summary, [(7, 8, None), (1, 3, Some(5)), (5, 6, Some(7))]);
        assert_eq!(
            episodes[0].depth,
            max_drawdown(&path).expect("non-empty").depth
        );
        assert!(drawdown_episodes(&[1.0, 2.0]).is_empty());
    }

    #[test]
    fn wealth_ulcer_and_cdar() {
        assert_eq!(wealth_from_returns(&[0.5, -0.5]), [1.0, 1.5, 0.75]);
        // Path 1, 1.5, 0.75: DD = 0, 0, −0.5; ulcer = √(0.25/3).
        let path = wealth_from_returns(&[0.5, -0.5]);
        assert!((ulcer_index(&path).expect("non-empty") - (0.25_f64 / 3.0).sqrt()).abs() < 1e-15);
        // d = 0, 0, 0.5; quantile(d, 0.9) = 0.4 → CDaR = mean{0.5} = 0.5.
        assert_eq!(conditional_drawdown_at_risk(&path, 0.9), Ok(0.5));
        assert!(conditional_drawdown_at_risk(&path, 1.0).is_err());
    }

    #[test]
    fn unrecovered_and_monotone_paths() {
        let m = max_drawdown(&[10.0, 8.0, 9.0]).expect("non-empty");
        assert_eq!((m.peak, m.trough, m.recovery), (0, 1, None));
        let up = max_drawdown(&[1.0, 2.0, 3.0]).expect("non-empty");
        assert_eq!(up.depth, 0.0);
        assert_eq!(max_drawdown(&[]), None);
    }
}
