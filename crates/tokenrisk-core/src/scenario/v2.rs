//! Format version 2 (stop 26): holdings with side and stop, the shock, the legs, the haircut,
//! the simulation and the headline. Frozen: this type reads version-2 links and must never
//! change; [`From`] carries it to the current layout. (Its parts, [`Holding`] and the settings
//! types, are unchanged in version 3; freeze a copy of one here before changing it.)

use super::{Headline, Holding, Legs, Scenario, Shocks, Simulation};
use serde::Deserialize;

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
    headline: Option<Headline>,
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
            headline: old.headline,
            ..Scenario::default()
        }
    }
}
