//! Format version 2 (stop 26): holdings with side and stop, the shock, the legs, the haircut,
//! the simulation and the headline. Frozen: these types read version-2 links and must never
//! change; [`From`] carries them to the current layout. (Its other parts, [`Holding`] and the
//! settings types but the headline, are unchanged in version 3; freeze a copy of one here
//! before changing it.)

use super::{Headline, Holding, Legs, Scenario, Shocks, Simulation};
use serde::Deserialize;

/// A version-2 headline: the simulated VaR always there.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct HeadlineV2 {
    value: f64,
    var: f64,
    es: f64,
    stress_loss: f64,
    simulated_var: f64,
}

impl From<HeadlineV2> for Headline {
    fn from(h: HeadlineV2) -> Self {
        Headline {
            value: h.value,
            var: h.var,
            es: h.es,
            stress_loss: h.stress_loss,
            simulated_var: Some(h.simulated_var),
        }
    }
}

/// A version-2 scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScenarioV2 {
    holdings: Vec<Holding>,
    seed: u64,
    as_of: Option<i32>,
    shocks: Shocks,
    legs: Legs,
    liquidity_haircut: f64,
    simulation: Simulation,
    headline: Option<HeadlineV2>,
}

impl From<ScenarioV2> for Scenario {
    /// Everything kept; the sizing version 2 did not have takes its default.
    fn from(old: ScenarioV2) -> Self {
        Scenario {
            holdings: old.holdings,
            seed: old.seed,
            as_of: old.as_of,
            shocks: old.shocks,
            legs: old.legs,
            liquidity_haircut: old.liquidity_haircut,
            simulation: old.simulation,
            headline: old.headline.map(Headline::from),
            ..Scenario::default()
        }
    }
}
