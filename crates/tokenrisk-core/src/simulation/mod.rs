//! Correlated Monte Carlo of a portfolio's holdings over a horizon of days.
//!
//! # Models (of daily **log** returns, so a simulated price never goes below zero)
//!
//! - [`Model::Bootstrap`] (the default): a stationary bootstrap (Politis & Romano, 1994) of
//!   whole historical days: each simulated day is one row of the assets' joint returns, so
//!   their correlation, fat tails and some volatility clustering are kept; no distribution is
//!   assumed.
//! - [`Model::Normal`]: `x = μ + L z`, `z ~ N(0, I)`, with `μ` the sample mean and `L` the
//!   Cholesky factor of the sample covariance (ddof 1) of the historical log returns.
//! - [`Model::StudentT`]: `x = μ + √((ν − 2)/W) · L z`, `W ~ χ²_ν`: a multivariate
//!   Student-t with `ν` degrees of freedom scaled to the same covariance (its tails are
//!   fatter, its variance the same; `ν > 2`).
//!
//! # A path
//!
//! Each position is opened today and held (no rebalancing): asset `a`'s price after `t` days
//! is `P_a,0 · G_a,t`, `G_a,t = exp(Σ_{s ≤ t} x_a,s)`. Position `i` (exposure `X_i = q_i P_0`,
//! equity `E_i` put in, the exposure for a spot holding or the margin `X_i / L_i` for a
//! leveraged one, side `s_i = +1` long or `−1` short) is worth
//!
//! ```text
//! E_i,t = E_i + s_i X_i (G_a,t − 1)
//! ```
//!
//! until the day it falls to its maintenance margin `m_i X_i G_a,t` (0 for spot holdings):
//! it is then liquidated, worth 0 from that day (the margin is lost, no negative balance:
//! isolated margin). The portfolio is `V_t = Σ_i E_i,t`, reported as `V_t / V_0`. Prices are
//! daily closes: a stop or liquidation price crossed within a day and recovered by its close
//! is not seen, so hit and liquidation probabilities are lower bounds.
//!
//! # Reproducible in pieces
//!
//! Path `p` draws from its own generator, `Pcg64Mcg` seeded with a mix of the scenario's seed
//! and `p`, so paths `0..n` are the same numbers whether run at once or in chunks, in any
//! order, in a worker or natively: a run can stream, be cancelled and resume, and a shared
//! link reproduces it.

pub mod job;
mod outcome;

pub use outcome::{
    BarrierOdds, Outcome, Recovery, Summary, SummaryLevels, RECOVERY_BINS, TERMINAL_BINS,
};

/// One position as the simulation values it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Which asset (its column).
    pub asset: usize,
    /// Today's market value, `q · P₀`: finite, ≥ 0.
    pub exposure: f64,
    /// What the holder has in it today: the exposure for a spot holding, the margin
    /// (exposure ÷ leverage) for a leveraged one; finite, > 0.
    pub equity: f64,
    /// Maintenance margin as a share of the position's value at the day's price, in `[0, 1)`
    /// (0 for spot: a long spot holding is never liquidated).
    pub maintenance: f64,
    /// Gains when the price falls.
    pub short: bool,
}

impl Position {
    /// A long spot holding worth `value` today.
    pub fn spot(asset: usize, value: f64) -> Self {
        Self {
            asset,
            exposure: value,
            equity: value,
            maintenance: 0.0,
            short: false,
        }
    }
}

use crate::linalg::{covariance_matrix, Cholesky};
use crate::stats::mean;
use crate::MetricError;
use rand::{Rng, SeedableRng};
use rand_distr::{ChiSquared, Distribution, StandardNormal};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The longest horizon, in days (two years).
pub const MAX_HORIZON: usize = 730;
/// Most points of the fan chart a run records.
pub const MAX_CHECKPOINTS: usize = 128;
/// Most assets a run simulates.
pub const MAX_ASSETS: usize = 50;

/// How daily returns are simulated (see the module's doc).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Model {
    /// Stationary bootstrap of historical days, blocks of mean length `mean_block` days (≥ 1).
    Bootstrap {
        /// Mean block length, in days.
        mean_block: f64,
    },
    /// Multivariate normal with the historical mean and covariance.
    Normal,
    /// Multivariate Student-t with `degrees_of_freedom` (> 2), the historical covariance.
    StudentT {
        /// `ν`.
        degrees_of_freedom: f64,
    },
}

/// A price level whose first crossing a run records: a stop, or a liquidation price.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Barrier {
    /// Which asset (its column).
    pub asset: usize,
    /// The price as a multiple of today's (0.8 for a stop 20 % below).
    pub level: f64,
    /// Crossed from above (a long's stop or liquidation) or from below (a short's).
    pub crossing: Crossing,
}

/// Which way a barrier is crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Crossing {
    /// The price closes at or below the level.
    Below,
    /// The price closes at or above the level.
    Above,
}

/// What a run simulates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// How days are drawn.
    pub model: Model,
    /// Days per path, 1 to [`MAX_HORIZON`].
    pub horizon: usize,
    /// The positions (several may share an asset), at least one.
    pub positions: Vec<Position>,
    /// Levels whose first crossing is recorded.
    pub barriers: Vec<Barrier>,
    /// Days of the fan chart: this many evenly spaced days up to the horizon (1 to
    /// [`MAX_CHECKPOINTS`]; fewer when the horizon is shorter).
    pub checkpoints: usize,
    /// The scenario's seed.
    pub seed: u64,
}

/// Draws paths for a [`Setup`] over historical log-return columns.
#[derive(Debug, Clone)]
pub struct Simulator {
    setup: Setup,
    /// Historical log returns by day (rows), for the bootstrap.
    rows: Vec<Vec<f64>>,
    mean: Vec<f64>,
    cholesky: Option<Cholesky>,
    chi_squared: Option<ChiSquared<f64>>,
    days: Vec<usize>,
    log_levels: Vec<f64>,
    linear: Vec<LinearPosition>,
}

/// A position's equity as a line in its asset's relative price `G`:
/// `E + s X (G − 1) = (E − s X) + s X · G`, and its maintenance margin `m X · G`.
#[derive(Debug, Clone, Copy)]
struct LinearPosition {
    asset: usize,
    fixed: f64,
    per_price: f64,
    maintenance_per_price: f64,
}

impl From<&Position> for LinearPosition {
    fn from(p: &Position) -> Self {
        let side = if p.short { -1.0 } else { 1.0 };
        Self {
            asset: p.asset,
            fixed: p.equity - side * p.exposure,
            per_price: side * p.exposure,
            maintenance_per_price: p.maintenance * p.exposure,
        }
    }
}

impl Simulator {
    /// Prepares a run over `log_returns`, one column per asset, aligned (the same days).
    ///
    /// # Errors
    /// [`MetricError::InvalidParameter`] for a setup outside its bounds (see [`Setup`]), a
    /// barrier on no asset or with a level not above 0, a block length under 1, `ν` not a finite
    /// number above 2, or a non-finite return; [`MetricError::LengthMismatch`] for columns of
    /// other lengths; [`MetricError::TooFewObservations`]
    /// for fewer than two days; [`MetricError::Undefined`] for a covariance that is not positive definite
    /// (the parametric models need every asset to move and none to be a mix of the others).
    pub fn new(log_returns: &[Vec<f64>], setup: Setup) -> Result<Self, MetricError> {
        check_setup(log_returns, &setup)?;
        let n = log_returns[0].len();
        let rows: Vec<Vec<f64>> = (0..n)
            .map(|t| log_returns.iter().map(|c| c[t]).collect())
            .collect();
        let mean = log_returns
            .iter()
            .map(|c| mean(c))
            .collect::<Result<Vec<_>, _>>()?;
        let (cholesky, chi_squared) = match setup.model {
            Model::Bootstrap { .. } => (None, None),
            Model::Normal => (Some(Cholesky::new(&covariance_matrix(log_returns)?)?), None),
            Model::StudentT { degrees_of_freedom } => (
                Some(Cholesky::new(&covariance_matrix(log_returns)?)?),
                Some(ChiSquared::new(degrees_of_freedom).map_err(|_| {
                    MetricError::InvalidParameter("degrees of freedom must be above 2")
                })?),
            ),
        };
        let count = setup.checkpoints.min(setup.horizon);
        let days = (1..=count)
            .map(|j| (j * setup.horizon).div_ceil(count))
            .collect();
        let log_levels = setup.barriers.iter().map(|b| b.level.ln()).collect();
        let linear = setup.positions.iter().map(LinearPosition::from).collect();
        Ok(Self {
            linear,
            rows,
            mean,
            cholesky,
            chi_squared,
            days,
            log_levels,
            setup,
        })
    }

    /// The days the fan chart records (1-based, the last is the horizon).
    pub fn checkpoint_days(&self) -> &[usize] {
        &self.days
    }

    /// An outcome of no paths for this setup, to [`Outcome::merge`] runs into.
    pub fn no_paths(&self) -> Outcome {
        Outcome::empty(
            self.setup.barriers.len(),
            self.setup.positions.len(),
            self.days.len(),
        )
    }

    /// The setup this simulator runs.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// Simulates paths `paths` (by number; the same number is the same path in any run).
    pub fn run(&self, paths: Range<u64>) -> Outcome {
        let positions = &self.setup.positions;
        let mut outcome = self.no_paths();
        let k = self.mean.len();
        let total: f64 = positions.iter().map(|p| p.equity).sum();
        let mut log_growth = vec![0.0; k];
        let mut level = vec![1.0; k];
        let mut draw = vec![0.0; k];
        let mut z = vec![0.0; k];
        let mut barrier_day = vec![None; self.setup.barriers.len()];
        let mut liquidated = vec![None; positions.len()];
        for path in paths {
            let mut rng = Pcg64Mcg::seed_from_u64(path_seed(self.setup.seed, path));
            log_growth.iter_mut().for_each(|g| *g = 0.0);
            barrier_day.iter_mut().for_each(|d| *d = None);
            liquidated.iter_mut().for_each(|d| *d = None);
            let mut tracker = DrawdownTracker::default();
            let mut row = rng.random_range(0..self.rows.len());
            let mut next_checkpoint = 0;
            let mut value = 1.0;
            for day in 1..=self.setup.horizon {
                self.draw_day(&mut rng, day, &mut row, &mut z, &mut draw);
                for i in 0..k {
                    log_growth[i] += draw[i];
                    level[i] = log_growth[i].exp();
                }
                value = 0.0;
                for (p, gone) in self.linear.iter().zip(liquidated.iter_mut()) {
                    if gone.is_some() {
                        continue;
                    }
                    let price = level[p.asset];
                    let equity = p.fixed + p.per_price * price;
                    if equity <= p.maintenance_per_price * price {
                        *gone = Some(day as u32);
                    } else {
                        value += equity;
                    }
                }
                value /= total;
                tracker.step(day, value);
                for (b, (barrier, log_level)) in
                    self.setup.barriers.iter().zip(&self.log_levels).enumerate()
                {
                    let g = log_growth[barrier.asset];
                    let crossed = match barrier.crossing {
                        Crossing::Below => g <= *log_level,
                        Crossing::Above => g >= *log_level,
                    };
                    if crossed && barrier_day[b].is_none() {
                        barrier_day[b] = Some(day as u32);
                    }
                }
                if self.days.get(next_checkpoint) == Some(&day) {
                    outcome.fan[next_checkpoint].push(value as f32);
                    next_checkpoint += 1;
                }
            }
            outcome.terminal.push(value - 1.0);
            outcome.max_drawdown.push(tracker.deepest);
            outcome.recovery.push(tracker.recovery());
            for (days, day) in outcome.barrier_day.iter_mut().zip(&barrier_day) {
                days.push(*day);
            }
            for (days, day) in outcome.liquidation_day.iter_mut().zip(&liquidated) {
                days.push(*day);
            }
        }
        outcome
    }

    /// [`Self::run`] split into `threads` contiguous pieces run at once on native threads
    /// (the same paths, so the same outcome, as one run). In the browser, paths run in chunks
    /// in a Web Worker instead.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn run_threaded(&self, paths: Range<u64>, threads: usize) -> Outcome {
        let threads = threads.max(1) as u64;
        let step = (paths.end.saturating_sub(paths.start))
            .div_ceil(threads)
            .max(1);
        let pieces: Vec<Range<u64>> = (0..threads)
            .map(|t| {
                let start = paths.start.saturating_add(t * step).min(paths.end);
                start..start.saturating_add(step).min(paths.end)
            })
            .collect();
        std::thread::scope(|scope| {
            let handles: Vec<_> = pieces
                .into_iter()
                .map(|piece| scope.spawn(move || self.run(piece)))
                .collect();
            let mut outcome = self.no_paths();
            for handle in handles {
                // A piece only panics if `run` does, which would be a bug to surface.
                outcome.merge(
                    handle
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
            outcome
        })
    }

    /// One simulated day's log returns into `draw`.
    fn draw_day(
        &self,
        rng: &mut Pcg64Mcg,
        day: usize,
        row: &mut usize,
        z: &mut [f64],
        draw: &mut [f64],
    ) {
        match self.setup.model {
            Model::Bootstrap { mean_block } => {
                if day > 1 {
                    *row = if rng.random::<f64>() < 1.0 / mean_block {
                        rng.random_range(0..self.rows.len())
                    } else {
                        (*row + 1) % self.rows.len()
                    };
                }
                draw.copy_from_slice(&self.rows[*row]);
            }
            Model::Normal | Model::StudentT { .. } => {
                for zi in z.iter_mut() {
                    *zi = StandardNormal.sample(rng);
                }
                let scale = match (self.setup.model, &self.chi_squared) {
                    (Model::StudentT { degrees_of_freedom }, Some(chi)) => {
                        ((degrees_of_freedom - 2.0) / chi.sample(rng)).sqrt()
                    }
                    _ => 1.0,
                };
                if let Some(l) = &self.cholesky {
                    l.correlate(z, draw);
                }
                for (d, m) in draw.iter_mut().zip(&self.mean) {
                    *d = m + scale * *d;
                }
            }
        }
    }
}

/// A path's own seed: SplitMix64's finaliser over the scenario's seed and the path number,
/// so neighbouring paths (and seeds) get unrelated generators.
fn path_seed(seed: u64, path: u64) -> u64 {
    let mut x = seed ^ path.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The deepest drawdown of a path from its running peak (the start counts as a peak), and
/// how long that drawdown took to recover from its trough.
#[derive(Debug, Default)]
struct DrawdownTracker {
    peak: Option<f64>,
    current: f64,
    current_trough: usize,
    deepest: f64,
    deepest_is_current: bool,
    deepest_recovered_in: Option<u32>,
}

impl DrawdownTracker {
    fn step(&mut self, day: usize, value: f64) {
        let peak = *self.peak.get_or_insert(1.0);
        if value >= peak {
            if self.deepest_is_current {
                self.deepest_recovered_in = Some((day - self.current_trough) as u32);
                self.deepest_is_current = false;
            }
            self.peak = Some(value);
            self.current = 0.0;
            return;
        }
        let depth = value / peak - 1.0;
        if depth < self.current {
            self.current = depth;
            self.current_trough = day;
        }
        if self.current < self.deepest {
            self.deepest = self.current;
            self.deepest_is_current = true;
            self.deepest_recovered_in = None;
        }
    }

    fn recovery(&self) -> Recovery {
        match (self.deepest < 0.0, self.deepest_recovered_in) {
            (false, _) => Recovery::NoDrawdown,
            (true, Some(days)) => Recovery::Days(days),
            (true, None) => Recovery::NotWithinHorizon,
        }
    }
}

fn check_setup(log_returns: &[Vec<f64>], setup: &Setup) -> Result<(), MetricError> {
    let k = log_returns.len();
    if k == 0 || k > MAX_ASSETS {
        return Err(MetricError::InvalidParameter("simulate 1 to 50 assets"));
    }
    let n = log_returns[0].len();
    if let Some(c) = log_returns.iter().find(|c| c.len() != n) {
        return Err(MetricError::LengthMismatch {
            left: n,
            right: c.len(),
        });
    }
    if n < 2 {
        return Err(MetricError::TooFewObservations { needed: 2, got: n });
    }
    if log_returns.iter().flatten().any(|x| !x.is_finite()) {
        return Err(MetricError::InvalidParameter("a return is not a number"));
    }
    if !(1..=MAX_HORIZON).contains(&setup.horizon) {
        return Err(MetricError::InvalidParameter(
            "the horizon must be 1 to 730 days",
        ));
    }
    if !(1..=MAX_CHECKPOINTS).contains(&setup.checkpoints) {
        return Err(MetricError::InvalidParameter(
            "the fan chart needs 1 to 128 points",
        ));
    }
    let valid = |p: &Position| {
        p.asset < k
            && p.exposure.is_finite()
            && p.exposure >= 0.0
            && p.equity.is_finite()
            && p.equity > 0.0
            && (0.0..1.0).contains(&p.maintenance)
    };
    if setup.positions.is_empty() || !setup.positions.iter().all(valid) {
        return Err(MetricError::InvalidParameter(
            "each position needs an asset, an exposure of 0 or more, equity above 0 and a maintenance margin from 0 to below 1",
        ));
    }
    if setup
        .barriers
        .iter()
        .any(|b| b.asset >= k || !(b.level.is_finite() && b.level > 0.0))
    {
        return Err(MetricError::InvalidParameter(
            "a stop or liquidation level is on no asset or not above 0",
        ));
    }
    match setup.model {
        Model::Bootstrap { mean_block } if !(mean_block >= 1.0 && mean_block.is_finite()) => Err(
            MetricError::InvalidParameter("the mean block length must be at least 1 day"),
        ),
        Model::StudentT { degrees_of_freedom }
            if !(degrees_of_freedom > 2.0 && degrees_of_freedom.is_finite()) =>
        {
            Err(MetricError::InvalidParameter(
                "degrees of freedom must be a number above 2",
            ))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
