//! How sure the headline numbers are: stationary-bootstrap confidence intervals, and a Monte
//! Carlo VaR over the report's horizon, all reproducible from a seed.

use crate::bootstrap::{percentile_interval, BootstrapConfig, Interval};
use crate::drawdown::{max_drawdown, wealth_from_returns};
use crate::performance::sharpe;
use crate::returns::simple_returns;
use crate::tail::{historical, monte_carlo, MonteCarloConfig};
use crate::volatility::annualised_volatility;
use crate::MetricError;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

/// How much resampling to do.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UncertaintyConfig {
    /// Bootstrap resamples, mean block length and interval level.
    pub bootstrap: BootstrapConfig,
    /// Monte Carlo paths for the horizon VaR.
    pub paths: usize,
}

impl Default for UncertaintyConfig {
    /// 1,000 resamples with 10-day mean blocks for 90 % intervals; 10,000 Monte Carlo paths.
    fn default() -> Self {
        Self {
            bootstrap: BootstrapConfig::default(),
            paths: 10_000,
        }
    }
}

/// Seed of the token view's bootstrap and Monte Carlo generator: the same view shows the same
/// intervals on every machine.
pub const VIEW_SEED: u64 = 1;

/// The token view's resampling: 500 stationary-bootstrap resamples (10-day mean blocks, 90 %
/// intervals) and 5,000 Monte Carlo paths (~70 ms in the browser on 3,000 days, so the page
/// computes them after showing the rest).
pub const VIEW_UNCERTAINTY: UncertaintyConfig = UncertaintyConfig {
    bootstrap: BootstrapConfig {
        resamples: 500,
        mean_block: 10.0,
        level: 0.90,
    },
    paths: 5_000,
};

/// Intervals `[lower, upper]` and the Monte Carlo VaR and ES, with what produced them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncertainty {
    /// The seed of the `Pcg64Mcg` generator; the same seed gives the same numbers everywhere.
    pub seed: u64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Mean block length of the stationary bootstrap, in periods.
    pub mean_block: f64,
    /// Two-sided level of the intervals.
    pub level: f64,
    /// Interval of the annualised volatility.
    pub ann_vol: Option<[f64; 2]>,
    /// Interval of the Sharpe ratio.
    pub sharpe: Option<[f64; 2]>,
    /// Interval of the maximum drawdown.
    pub max_drawdown: Option<[f64; 2]>,
    /// Interval of the historical VaR at the report's confidence.
    pub var_hist: Option<[f64; 2]>,
    /// Monte Carlo paths.
    pub paths: usize,
    /// Horizon of the Monte Carlo estimate, in periods.
    pub horizon: usize,
    /// Monte Carlo VaR over the horizon at the report's confidence.
    pub var_mc_horizon: Option<f64>,
    /// Monte Carlo ES over the horizon at the report's confidence.
    pub cvar_mc_horizon: Option<f64>,
}

/// What [`Uncertainty::seeded`] takes, as one value: a job a worker can be sent
/// ([`crate::simulation::job::Command::Intervals`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UncertaintyInput {
    /// The prices whose simple returns are resampled.
    pub prices: Vec<f64>,
    /// Periods per year of the annualised figures.
    pub periods_per_year: f64,
    /// Confidence of the VaR.
    pub confidence: f64,
    /// Horizon of the Monte Carlo VaR, in periods.
    pub horizon: usize,
    /// How much resampling.
    pub config: UncertaintyConfig,
    /// The generator's seed.
    pub seed: u64,
}

impl UncertaintyInput {
    /// The intervals and the Monte Carlo VaR.
    pub fn compute(&self) -> Uncertainty {
        Uncertainty::seeded(
            &self.prices,
            self.periods_per_year,
            self.confidence,
            self.horizon,
            self.config,
            self.seed,
        )
    }
}

impl Uncertainty {
    /// Resamples the simple returns of `prices` from a `Pcg64Mcg` seeded with `seed`: one
    /// bootstrap per interval in the order volatility, Sharpe, maximum drawdown, VaR, then the
    /// Monte Carlo paths (stationary bootstrap of the returns, compounded over `horizon`).
    pub fn seeded(
        prices: &[f64],
        periods_per_year: f64,
        confidence: f64,
        horizon: usize,
        config: UncertaintyConfig,
        seed: u64,
    ) -> Self {
        let r = simple_returns(prices);
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        let mut interval = |statistic: &dyn Fn(&[f64]) -> Result<f64, MetricError>| {
            percentile_interval(&r, statistic, config.bootstrap, &mut rng)
                .ok()
                .map(|Interval { lower, upper, .. }| [lower, upper])
        };
        let ann_vol = interval(&|x| annualised_volatility(x, periods_per_year));
        let sharpe_ratio = interval(&|x| sharpe(x, periods_per_year, 0.0));
        let drawdown = interval(&|x| {
            max_drawdown(&wealth_from_returns(x))
                .map(|m| m.depth)
                .ok_or(MetricError::TooFewObservations { needed: 1, got: 0 })
        });
        let var = interval(&|x| historical(x, confidence).map(|t| t.var));
        let mc = monte_carlo(
            &r,
            confidence,
            MonteCarloConfig {
                paths: config.paths,
                horizon,
                mean_block: config.bootstrap.mean_block,
            },
            &mut rng,
        )
        .ok();
        Self {
            seed,
            resamples: config.bootstrap.resamples,
            mean_block: config.bootstrap.mean_block,
            level: config.bootstrap.level,
            ann_vol,
            sharpe: sharpe_ratio,
            max_drawdown: drawdown,
            var_hist: var,
            paths: config.paths,
            horizon,
            var_mc_horizon: mc.map(|t| t.var),
            cvar_mc_horizon: mc.map(|t| t.es),
        }
    }
}
