//! The worst windows of history, replayed on today's holdings.
//!
//! For today's value weights `w` and aligned prices, the change over the window of `h`
//! periods starting at `t`, each holding bought at `t` and held to `t + h`:
//!
//! ```text
//! R_t = Σ_i w_i (P_i,t+h / P_i,t − 1)
//! ```
//!
//! The worst windows are chosen greedily: the lowest `R_t` (the earliest on a tie), then the
//! lowest among the windows that share no period with one already chosen, and so on, so a
//! single crash is reported once rather than as `h` overlapping windows.
//!
//! A window counts rows of the aligned prices: with equities in the portfolio, those are
//! weekdays, and 5 rows are a calendar week.

use crate::MetricError;

/// One window of history and what it would do to today's holdings.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Row where the window starts (the holdings are bought at its price).
    pub start: usize,
    /// Row where it ends, `start + h`.
    pub end: usize,
    /// The portfolio's change `R_t`, a simple return.
    pub change: f64,
    /// Each holding's own change over the window, `P_i,end / P_i,start − 1`.
    pub holdings: Vec<f64>,
}

/// The `count` worst non-overlapping windows of `periods` rows for `weights` over aligned
/// price columns, worst first (fewer when history holds fewer).
///
/// # Errors
/// [`MetricError::LengthMismatch`] when weights and columns differ in number or columns in
/// length; [`MetricError::InvalidParameter`] for a window of 0 rows, weights that are not
/// finite, or a price that is not finite and above zero; [`MetricError::TooFewObservations`]
/// when history is not longer than one window.
pub fn worst_windows(
    prices: &[Vec<f64>],
    weights: &[f64],
    periods: usize,
    count: usize,
) -> Result<Vec<Window>, MetricError> {
    if prices.len() != weights.len() {
        return Err(MetricError::LengthMismatch {
            left: prices.len(),
            right: weights.len(),
        });
    }
    if periods == 0 {
        return Err(MetricError::InvalidParameter("a window of no periods"));
    }
    if weights.iter().any(|w| !w.is_finite()) {
        return Err(MetricError::InvalidParameter("a weight is not a number"));
    }
    let n = prices.first().map_or(0, Vec::len);
    if let Some(c) = prices.iter().find(|c| c.len() != n) {
        return Err(MetricError::LengthMismatch {
            left: n,
            right: c.len(),
        });
    }
    if prices
        .iter()
        .flatten()
        .any(|p| !(p.is_finite() && *p > 0.0))
    {
        return Err(MetricError::InvalidParameter(
            "a price is not a number above zero",
        ));
    }
    if n <= periods {
        return Err(MetricError::TooFewObservations {
            needed: periods + 1,
            got: n,
        });
    }
    let change_of = |start: usize| -> Vec<f64> {
        prices
            .iter()
            .map(|c| c[start + periods] / c[start] - 1.0)
            .collect()
    };
    let mut starts: Vec<(usize, f64)> = (0..n - periods)
        .map(|t| {
            let r = change_of(t).iter().zip(weights).map(|(c, w)| c * w).sum();
            (t, r)
        })
        .collect();
    starts.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<Window> = Vec::new();
    for (start, change) in starts {
        if chosen.len() == count {
            break;
        }
        if chosen.iter().all(|w| w.start.abs_diff(start) >= periods) {
            chosen.push(Window {
                start,
                end: start + periods,
                change,
                holdings: change_of(start),
            });
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_is_reported_once() {
        // One asset falling 50 % between rows 3 and 4, and a milder dip at rows 7–8.
        let p = vec![vec![
            100.0, 100.0, 100.0, 100.0, 50.0, 50.0, 50.0, 50.0, 45.0, 45.0,
        ]];
        let w = worst_windows(&p, &[1.0], 2, 3).expect("valid");
        assert_eq!(w.len(), 3);
        assert_eq!((w[0].start, w[0].end), (2, 4));
        assert!((w[0].change + 0.5).abs() < 1e-15);
        assert_eq!(w[1].start, 6);
        assert!((w[1].change + 0.1).abs() < 1e-15);
        // Rows 0–2 are flat: the third window is the first that overlaps neither.
        assert_eq!(w[2].start, 0);
        assert_eq!(w[2].holdings, vec![0.0]);
    }

    #[test]
    fn weights_mix_the_holdings_changes() {
        let p = vec![vec![10.0, 8.0, 8.0], vec![1.0, 1.1, 1.1]];
        let w = worst_windows(&p, &[0.75, 0.25], 1, 1).expect("valid");
        assert_eq!(w[0].start, 0);
        assert!((w[0].change - (0.75 * -0.2 + 0.25 * 0.1)).abs() < 1e-15);
    }

    #[test]
    fn refuses_bad_input() {
        let p = vec![vec![1.0, 2.0, 3.0]];
        assert!(worst_windows(&p, &[1.0], 0, 1).is_err());
        assert!(worst_windows(&p, &[1.0], 3, 1).is_err());
        assert!(worst_windows(&p, &[1.0, 1.0], 1, 1).is_err());
        assert!(worst_windows(&p, &[f64::NAN], 1, 1).is_err());
        assert!(worst_windows(&[vec![1.0, 0.0, 1.0]], &[1.0], 1, 1).is_err());
        assert!(worst_windows(&[vec![1.0, 2.0], vec![1.0]], &[1.0, 1.0], 1, 1).is_err());
        assert_eq!(worst_windows(&p, &[1.0], 1, 0), Ok(vec![]));
    }
}
