//! What simulated paths give: kept per path so that chunks merge in any order, then
//! summarised into the fan, the terminal distribution and the odds a page shows.

use crate::stats::{histogram, quantile_sorted, Histogram};
use crate::tail::historical;
use crate::MetricError;
use serde::{Deserialize, Serialize};

/// How long a path's deepest drawdown took to recover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// The path never fell below its running peak.
    NoDrawdown,
    /// Days from the deepest drawdown's trough back to its peak.
    Days(u32),
    /// Still below that peak at the horizon.
    NotWithinHorizon,
}

/// Simulated paths, one entry per path in each field, in path order.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Portfolio return over the horizon, `V_H / V_0 − 1`.
    pub terminal: Vec<f64>,
    /// Deepest drawdown along the path (≤ 0), from the running peak, the start included.
    pub max_drawdown: Vec<f64>,
    /// Recovery of that drawdown.
    pub recovery: Vec<Recovery>,
    /// For each barrier, the day of its first crossing in each path (`None`: not crossed).
    pub barrier_day: Vec<Vec<Option<u32>>>,
    /// For each position, the day it was liquidated in each path (`None`: it survived).
    pub liquidation_day: Vec<Vec<Option<u32>>>,
    /// For each fan day, each path's value relative to today (`f32`: a fan chart's precision,
    /// half the memory).
    pub fan: Vec<Vec<f32>>,
}

impl Outcome {
    /// No paths yet.
    pub fn empty(barriers: usize, positions: usize, checkpoints: usize) -> Self {
        Self {
            terminal: Vec::new(),
            max_drawdown: Vec::new(),
            recovery: Vec::new(),
            barrier_day: vec![Vec::new(); barriers],
            liquidation_day: vec![Vec::new(); positions],
            fan: vec![Vec::new(); checkpoints],
        }
    }

    /// Paths simulated.
    pub fn paths(&self) -> usize {
        self.terminal.len()
    }

    /// Appends the next chunk's paths.
    pub fn merge(&mut self, next: Outcome) {
        self.terminal.extend(next.terminal);
        self.max_drawdown.extend(next.max_drawdown);
        self.recovery.extend(next.recovery);
        for (mine, theirs) in self.barrier_day.iter_mut().zip(next.barrier_day) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.liquidation_day.iter_mut().zip(next.liquidation_day) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.fan.iter_mut().zip(next.fan) {
            mine.extend(theirs);
        }
    }

    /// The summary at `levels`.
    ///
    /// # Errors
    /// As [`historical`] (fewer than two paths, a confidence outside (0, 1));
    /// [`MetricError::InvalidParameter`] for a fan level outside `[0, 1]` or a drawdown
    /// threshold that is not a finite number ≥ 0.
    pub fn summary(&self, levels: &SummaryLevels) -> Result<Summary, MetricError> {
        if levels.fan.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(MetricError::InvalidParameter(
                "quantile level outside [0, 1]",
            ));
        }
        if levels
            .drawdowns
            .iter()
            .any(|d| !(d.is_finite() && *d >= 0.0))
        {
            return Err(MetricError::InvalidParameter(
                "a drawdown threshold is not a number of 0 or more",
            ));
        }
        let tail = historical(&self.terminal, levels.confidence)?;
        let terminal_histogram = histogram(&self.terminal, TERMINAL_BINS)?;
        let n = self.paths() as f64;
        let mut terminal = self.terminal.clone();
        terminal.sort_by(f64::total_cmp);
        let fan_sorted: Vec<Vec<f64>> = self
            .fan
            .iter()
            .map(|day| {
                let mut v: Vec<f64> = day.iter().map(|x| f64::from(*x)).collect();
                v.sort_by(f64::total_cmp);
                v
            })
            .collect();
        let share = |count: usize| count as f64 / n;
        let recovered: Vec<f64> = {
            let mut days: Vec<f64> = self
                .recovery
                .iter()
                .filter_map(|r| match r {
                    Recovery::Days(d) => Some(f64::from(*d)),
                    _ => None,
                })
                .collect();
            days.sort_by(f64::total_cmp);
            days
        };
        Ok(Summary {
            paths: self.paths(),
            fan: levels
                .fan
                .iter()
                .map(|&p| fan_sorted.iter().map(|d| quantile_sorted(d, p)).collect())
                .collect(),
            terminal_quantiles: levels
                .fan
                .iter()
                .map(|&p| quantile_sorted(&terminal, p))
                .collect(),
            terminal_mean: self.terminal.iter().sum::<f64>() / n,
            var: tail.var,
            es: tail.es,
            drawdown_odds: levels
                .drawdowns
                .iter()
                .map(|&d| share(self.max_drawdown.iter().filter(|&&m| m <= -d).count()))
                .collect(),
            barriers: self.barrier_day.iter().map(|d| odds(d, n)).collect(),
            liquidations: self.liquidation_day.iter().map(|d| odds(d, n)).collect(),
            no_drawdown: share(
                self.recovery
                    .iter()
                    .filter(|r| **r == Recovery::NoDrawdown)
                    .count(),
            ),
            recovered: share(recovered.len()),
            recovery_days: levels
                .fan
                .iter()
                .map(|&p| (!recovered.is_empty()).then(|| quantile_sorted(&recovered, p)))
                .collect(),
            terminal_histogram,
            recovery_histogram: match (recovered.first(), recovered.last()) {
                (Some(first), Some(last)) => {
                    let bins = ((last - first) as usize).clamp(1, RECOVERY_BINS);
                    Some(histogram(&recovered, bins)?)
                }
                _ => None,
            },
        })
    }
}

/// How often an event happened across `paths` paths, and its median day.
fn odds(days: &[Option<u32>], paths: f64) -> BarrierOdds {
    let mut hit: Vec<f64> = days.iter().flatten().map(|d| f64::from(*d)).collect();
    hit.sort_by(f64::total_cmp);
    BarrierOdds {
        probability: hit.len() as f64 / paths,
        median_day: (!hit.is_empty()).then(|| quantile_sorted(&hit, 0.5)),
    }
}

/// Which quantiles and odds a summary reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLevels {
    /// Quantile levels of the fan, the terminal distribution and the recovery times (0.05,
    /// 0.25, 0.5, 0.75, 0.95 by default).
    pub fan: Vec<f64>,
    /// Confidence of the horizon VaR and ES (0.95 by default).
    pub confidence: f64,
    /// Drawdown depths whose odds are reported, as positive fractions (0.2 is "a fall of 20 %
    /// from a peak").
    pub drawdowns: Vec<f64>,
}

impl Default for SummaryLevels {
    fn default() -> Self {
        Self {
            fan: vec![0.05, 0.25, 0.5, 0.75, 0.95],
            confidence: 0.95,
            drawdowns: vec![0.1, 0.2, 0.3, 0.5],
        }
    }
}

/// A barrier's (or a liquidation's) odds over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BarrierOdds {
    /// Share of paths that crossed it (at a daily close).
    pub probability: f64,
    /// Median day of the first crossing among the paths that crossed it.
    pub median_day: Option<f64>,
}

/// A run's summary. Quantiles use NumPy's linear rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Paths summarised.
    pub paths: usize,
    /// For each fan level, the value relative to today at each fan day.
    pub fan: Vec<Vec<f64>>,
    /// The horizon return's quantile at each fan level.
    pub terminal_quantiles: Vec<f64>,
    /// The mean horizon return.
    pub terminal_mean: f64,
    /// Historical VaR of the horizon return across paths (a positive loss fraction).
    pub var: f64,
    /// Expected shortfall beyond it.
    pub es: f64,
    /// For each drawdown threshold, the share of paths whose deepest drawdown reaches it.
    pub drawdown_odds: Vec<f64>,
    /// Each barrier's odds.
    pub barriers: Vec<BarrierOdds>,
    /// Each position's odds of being liquidated.
    pub liquidations: Vec<BarrierOdds>,
    /// Share of paths never below their running peak.
    pub no_drawdown: f64,
    /// Share of paths whose deepest drawdown recovered within the horizon.
    pub recovered: f64,
    /// Among those, the days to recover at each fan level (`None` when none recovered).
    pub recovery_days: Vec<Option<f64>>,
    /// The horizon returns in [`TERMINAL_BINS`] equal bins (NumPy's `histogram`).
    pub terminal_histogram: Histogram,
    /// The days to recover of the paths that recovered, in equal bins at least a day wide (at
    /// most [`RECOVERY_BINS`]: `min(RECOVERY_BINS, max(longest − shortest, 1))`, NumPy's
    /// `histogram` with that many bins, so whole days do not leave empty bins between them);
    /// `None` when none recovered.
    pub recovery_histogram: Option<Histogram>,
}

/// Bins of [`Summary::terminal_histogram`].
pub const TERMINAL_BINS: usize = 40;
/// Most bins of [`Summary::recovery_histogram`].
pub const RECOVERY_BINS: usize = 30;
