//! Drawdowns: how far a price (or wealth) path stands below its running peak.

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
    fn unrecovered_and_monotone_paths() {
        let m = max_drawdown(&[10.0, 8.0, 9.0]).expect("non-empty");
        assert_eq!((m.peak, m.trough, m.recovery), (0, 1, None));
        let up = max_drawdown(&[1.0, 2.0, 3.0]).expect("non-empty");
        assert_eq!(up.depth, 0.0);
        assert_eq!(max_drawdown(&[]), None);
    }
}
