//! Signals to watch, each against its own history: where today's value ranks among the values
//! the signal has taken, and a state (calm, elevated, stretched) from that rank by thresholds
//! the reader may move.
//!
//! The rank is read in the signal's risky direction, so that 100 always means "as risky as it
//! has ever been": for a signal where a high value is the risk (volatility, funding), the share
//! of the history at or below today's value; where a low value is (a drawdown, falling revenue
//! growth), the share at or above it. This is SciPy's `percentileofscore(history, value,
//! kind="weak")`, on the negated values for the second kind.

use crate::stats::quantile;

/// Which way a signal's risk lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A higher value is riskier (volatility, funding, leverage, spending growth).
    HighIsRisk,
    /// A lower value is riskier (a deeper drawdown, slowing revenue growth).
    LowIsRisk,
}

/// A signal's state by its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Under the elevated threshold.
    Calm,
    /// At or over the elevated threshold, under the stretched one.
    Elevated,
    /// At or over the stretched threshold.
    Stretched,
}

/// The ranks (0–100) at which a signal turns elevated and stretched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Elevated from this rank.
    pub elevated: f64,
    /// Stretched from this rank.
    pub stretched: f64,
}

impl Thresholds {
    /// Elevated from the 80th percentile of the signal's own history, stretched from the 95th:
    /// a signal is stretched on one day in twenty of its history, elevated on three more.
    pub const DEFAULT: Self = Self {
        elevated: 80.0,
        stretched: 95.0,
    };

    /// Thresholds that make sense: `0 ≤ elevated ≤ stretched ≤ 100`, both finite.
    pub fn new(elevated: f64, stretched: f64) -> Option<Self> {
        (elevated.is_finite()
            && stretched.is_finite()
            && (0.0..=100.0).contains(&elevated)
            && (elevated..=100.0).contains(&stretched))
        .then_some(Self {
            elevated,
            stretched,
        })
    }

    /// The state of a signal at `rank`.
    pub fn state(self, rank: f64) -> State {
        if rank >= self.stretched {
            State::Stretched
        } else if rank >= self.elevated {
            State::Elevated
        } else {
            State::Calm
        }
    }
}

/// The rank (0–100) of `value` in `history` in the risky `direction`: the share of the finite
/// values of `history` at most as risky as `value` (see the module). `None` when `value` is
/// not finite or `history` has no finite value.
pub fn risk_rank(history: &[f64], value: f64, direction: Direction) -> Option<f64> {
    if !value.is_finite() {
        return None;
    }
    let finite = history.iter().filter(|v| v.is_finite());
    let (mut count, mut at_most) = (0_usize, 0_usize);
    for &h in finite {
        count += 1;
        let calmer_or_equal = match direction {
            Direction::HighIsRisk => h <= value,
            Direction::LowIsRisk => h >= value,
        };
        at_most += usize::from(calmer_or_equal);
    }
    (count > 0).then(|| 100.0 * at_most as f64 / count as f64)
}

/// Each day's value over the median of the `window` values before it:
/// `x_t / median(x_{t−window} … x_{t−1})`, for every `t ≥ window` whose median is positive
/// (`None` elsewhere), one entry per value. With daily traded volumes this is "volume against
/// its 90-day median", the median taken on the days before so a surge does not raise its own
/// yardstick.
pub fn ratio_to_trailing_median(values: &[f64], window: usize) -> Vec<Option<f64>> {
    values
        .iter()
        .enumerate()
        .map(|(t, &x)| {
            if window == 0 || t < window || !x.is_finite() {
                return None;
            }
            let median = quantile(&values[t - window..t], 0.5).ok()?;
            (median > 0.0 && median.is_finite()).then(|| x / median)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rank_counts_ties_as_calmer_and_reads_the_risky_way() {
        let history = [1.0, 2.0, 2.0, 3.0, f64::NAN];
        // SciPy: percentileofscore([1, 2, 2, 3], 2, kind="weak") = 75.
        assert_eq!(risk_rank(&history, 2.0, Direction::HighIsRisk), Some(75.0));
        // On the negated values: [-1, -2, -2, -3] at -2, weak = 75 as well (ties count).
        assert_eq!(risk_rank(&history, 2.0, Direction::LowIsRisk), Some(75.0));
        assert_eq!(risk_rank(&history, 0.5, Direction::LowIsRisk), Some(100.0));
        assert_eq!(risk_rank(&history, 0.5, Direction::HighIsRisk), Some(0.0));
        assert_eq!(risk_rank(&[], 1.0, Direction::HighIsRisk), None);
        assert_eq!(risk_rank(&history, f64::NAN, Direction::HighIsRisk), None);
    }

    #[test]
    fn states_follow_the_thresholds() {
        let t = Thresholds::DEFAULT;
        assert_eq!(t.state(79.9), State::Calm);
        assert_eq!(t.state(80.0), State::Elevated);
        assert_eq!(t.state(95.0), State::Stretched);
        assert!(Thresholds::new(90.0, 80.0).is_none());
        assert!(Thresholds::new(f64::NAN, 80.0).is_none());
        assert!(Thresholds::new(-1.0, 80.0).is_none());
        assert_eq!(
            Thresholds::new(50.0, 50.0).map(|t| t.state(50.0)),
            Some(State::Stretched)
        );
    }

    #[test]
    fn the_ratio_uses_the_days_before() {
        let v = [1.0, 3.0, 2.0, 8.0, 0.0, 0.0, 0.0, 5.0];
        let r = ratio_to_trailing_median(&v, 3);
        // Day 3: 8 / median(1, 3, 2) = 4; day 4: 0 / median(3, 2, 8) = 0; day 7: median 0.
        assert_eq!(r[..3], [None, None, None]);
        assert_eq!((r[3], r[4]), (Some(4.0), Some(0.0)));
        assert_eq!(r[7], None);
        assert!(ratio_to_trailing_median(&v, 0).iter().all(Option::is_none));
    }
}
