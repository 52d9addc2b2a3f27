//! Format version 3 (stop 27): version 2 with the sizing. Frozen: this type reads version-3
//! links and must never change; [`From`] carries it to the current layout. (Its parts,
//! [`Holding`] and the settings types, are unchanged in version 4; freeze a copy of one here
//! before changing it.)

use super::{Headline, Holding, Legs, Scenario, Shocks, Simulation, Sizing};
use serde::Deserialize;

/// A version-3 scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScenarioV3 {
    holdings: Vec<Holding>,
    seed: u64,
    as_of: Option<i32>,
    shocks: Shocks,
    legs: Legs,
    liquidity_haircut: f64,
    simulation: Simulation,
    headline: Option<Headline>,
    sizing: Sizing,
}

impl From<ScenarioV3> for Scenario {
    /// Everything kept; the positioning and tokenomics edits version 3 did not have take their
    /// defaults.
    fn from(old: ScenarioV3) -> Self {
        Scenario {
            holdings: old.holdings,
            seed: old.seed,
            as_of: old.as_of,
            shocks: old.shocks,
            legs: old.legs,
            liquidity_haircut: old.liquidity_haircut,
            simulation: old.simulation,
            headline: old.headline,
            sizing: old.sizing,
            ..Scenario::default()
        }
    }
}
