//! A scenario's settings besides its holdings: the shock, which of its legs count, the
//! liquidity haircut, the simulation, the sender's headline numbers, and position sizing. Their fields, in
//! order, are part of the link's binary layout (see [`super::codec`]).

use super::ScenarioError;
use crate::simulation::{Model, MAX_HORIZON};
use crate::stress::{FactorShocks, SELL_OFF_2026_02};
use serde::{Deserialize, Serialize};

/// Most simulated paths a scenario may ask for.
pub const MAX_PATHS: u32 = 1_000_000;
/// Fewest simulated paths a scenario may ask for.
pub const MIN_PATHS: u32 = 100;
/// Longest mean bootstrap block, in days.
pub const MAX_MEAN_BLOCK: f64 = 365.0;
/// Most degrees of freedom of the Student-t model (beyond, it is the normal).
pub const MAX_DEGREES_OF_FREEDOM: f64 = 1_000.0;
/// Largest rise a shock may set (+1,000 %).
pub const MAX_RISE: f64 = 10.0;

/// The factors' moves over the shock, as simple returns (`−0.14` is a fall of 14 %): each
/// above −1 (a price stays above zero) and at most [`MAX_RISE`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Shocks {
    /// BTC.
    pub btc: f64,
    /// The AI-equity basket (NVDA, AMD, MSFT, equally weighted).
    pub ai_equities: f64,
    /// The AI-token sector.
    pub ai_sector: f64,
}

impl Default for Shocks {
    /// The 2026-02-05/06 sell-off ([`SELL_OFF_2026_02`]).
    fn default() -> Self {
        let s = SELL_OFF_2026_02.shocks();
        Self {
            btc: s.btc,
            ai_equities: s.ai_equities,
            ai_sector: s.ai_sector,
        }
    }
}

impl From<Shocks> for FactorShocks {
    fn from(s: Shocks) -> Self {
        Self {
            btc: s.btc,
            ai_equities: s.ai_equities,
            ai_sector: s.ai_sector,
        }
    }
}

/// Which legs of the combined stress count towards its loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Legs {
    /// The market shock through each holding's loadings.
    pub market: bool,
    /// Forced selling of leveraged positions (the liquidation cascade).
    pub deleveraging: bool,
    /// The cost of exiting through an order book cut by the haircut.
    pub liquidity: bool,
    /// New supply unlocked within the horizon.
    pub supply: bool,
}

impl Default for Legs {
    /// Every leg on.
    fn default() -> Self {
        Self {
            market: true,
            deleveraging: true,
            liquidity: true,
            supply: true,
        }
    }
}

/// How the simulation draws daily returns (see [`crate::simulation::Model`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimulationModel {
    /// Stationary bootstrap of historical days, mean block in days, 1 to [`MAX_MEAN_BLOCK`].
    Bootstrap {
        /// Mean block length, in days.
        mean_block: f64,
    },
    /// Multivariate normal.
    Normal,
    /// Multivariate Student-t, degrees of freedom above 2 and at most
    /// [`MAX_DEGREES_OF_FREEDOM`].
    StudentT {
        /// `ν`.
        degrees_of_freedom: f64,
    },
}

impl From<SimulationModel> for Model {
    fn from(m: SimulationModel) -> Self {
        match m {
            SimulationModel::Bootstrap { mean_block } => Model::Bootstrap { mean_block },
            SimulationModel::Normal => Model::Normal,
            SimulationModel::StudentT { degrees_of_freedom } => {
                Model::StudentT { degrees_of_freedom }
            }
        }
    }
}

/// The Monte Carlo a scenario runs (its seed is the scenario's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Simulation {
    /// How days are drawn.
    pub model: SimulationModel,
    /// Days simulated, 1 to [`MAX_HORIZON`].
    pub horizon_days: u16,
    /// Paths, [`MIN_PATHS`] to [`MAX_PATHS`].
    pub paths: u32,
}

impl Default for Simulation {
    /// A 10-day-block bootstrap (the token page's), 90 days, 10,000 paths.
    fn default() -> Self {
        Self {
            model: SimulationModel::Bootstrap { mean_block: 10.0 },
            horizon_days: 90,
            paths: 10_000,
        }
    }
}

/// The sender's headline numbers when the link was made, so a receiver whose data has moved
/// on sees them beside today's. Each finite. (Version 3 made the simulated VaR optional: a
/// sender need not have run the simulation.)
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// The portfolio's value, USD.
    pub value: f64,
    /// One-day historical VaR at 95 %, a positive loss fraction.
    pub var: f64,
    /// One-day historical expected shortfall at 95 %, a positive loss fraction.
    pub es: f64,
    /// The market shock's loss, a positive fraction of the value (the legs that need live
    /// order books would differ between sender and receiver).
    pub stress_loss: f64,
    /// The simulation's VaR at 95 % over its horizon, a positive loss fraction, if the sender
    /// ran it on this scenario.
    #[serde(default)]
    pub simulated_var: Option<f64>,
}

/// How one holding is sized (`crate::sizing`): the rules' parameters and the limits'.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sizing {
    /// The holding sized, by asset id (the first holding of it); empty for the first holding.
    pub asset: String,
    /// Fixed-fractional: the share of equity lost at the stop, in `(0, 1]`.
    pub risk_per_trade: f64,
    /// Volatility targeting: the annualised volatility of equity from this position, in
    /// `(0, 10]`.
    pub volatility_target: f64,
    /// The fraction of the full Kelly fraction bet, in `(0, 1]`.
    pub kelly_fraction: f64,
    /// Exit liquidity: the most slippage from the mid of an immediate exit, in basis points,
    /// in `(0, 10,000]`.
    pub slippage_limit_bps: f64,
    /// Tail risk: the most the holding's part of the portfolio's one-day 95 % expected
    /// shortfall may be, as a share of equity, in `(0, 1]`.
    pub es_cap: f64,
}

impl Default for Sizing {
    /// The first holding; 1 % of equity at risk to the stop, a 20 % volatility target, a
    /// quarter Kelly, a 50 bp exit, 2 % of equity of one-day ES.
    fn default() -> Self {
        Self {
            asset: String::new(),
            risk_per_trade: 0.01,
            volatility_target: 0.20,
            kelly_fraction: 0.25,
            slippage_limit_bps: 50.0,
            es_cap: 0.02,
        }
    }
}

/// Checks the settings' rules, in the order of the fields.
pub(super) fn validate(
    shocks: &Shocks,
    haircut: f64,
    simulation: &Simulation,
    headline: Option<&Headline>,
    sizing: &Sizing,
) -> Result<(), ScenarioError> {
    for (name, s) in [
        ("BTC", shocks.btc),
        ("AI equities", shocks.ai_equities),
        ("AI sector", shocks.ai_sector),
    ] {
        if !(s > -1.0 && s <= MAX_RISE) {
            return Err(ScenarioError::Shock(name));
        }
    }
    if !(0.0..1.0).contains(&haircut) {
        return Err(ScenarioError::Haircut);
    }
    match simulation.model {
        SimulationModel::Bootstrap { mean_block }
            if !(1.0..=MAX_MEAN_BLOCK).contains(&mean_block) =>
        {
            return Err(ScenarioError::MeanBlock)
        }
        SimulationModel::StudentT { degrees_of_freedom }
            if !(degrees_of_freedom > 2.0 && degrees_of_freedom <= MAX_DEGREES_OF_FREEDOM) =>
        {
            return Err(ScenarioError::DegreesOfFreedom)
        }
        _ => {}
    }
    if !(1..=MAX_HORIZON).contains(&usize::from(simulation.horizon_days)) {
        return Err(ScenarioError::Horizon);
    }
    if !(MIN_PATHS..=MAX_PATHS).contains(&simulation.paths) {
        return Err(ScenarioError::Paths);
    }
    if headline.is_some_and(|h| {
        [h.value, h.var, h.es, h.stress_loss]
            .into_iter()
            .chain(h.simulated_var)
            .any(|x| !x.is_finite())
    }) {
        return Err(ScenarioError::Headline);
    }
    validate_sizing(sizing)
}

fn validate_sizing(sizing: &Sizing) -> Result<(), ScenarioError> {
    let asset = &sizing.asset;
    if asset.chars().count() > super::MAX_ASSET_LEN
        || !asset
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(ScenarioError::Sizing("asset"));
    }
    let within = |x: f64, most: f64| x > 0.0 && x <= most;
    for (name, ok) in [
        ("risk per trade", within(sizing.risk_per_trade, 1.0)),
        ("volatility target", within(sizing.volatility_target, 10.0)),
        ("Kelly fraction", within(sizing.kelly_fraction, 1.0)),
        (
            "slippage limit",
            within(sizing.slippage_limit_bps, 10_000.0),
        ),
        ("ES cap", within(sizing.es_cap, 1.0)),
    ] {
        if !ok {
            return Err(ScenarioError::Sizing(name));
        }
    }
    Ok(())
}
