//! Format version 1 (stop 5 to stop 25): holdings, the seed and the data date. Frozen: these
//! types read version-1 links and must never change; [`From`] carries them to the current
//! layout.

use super::{Holding, Scenario};
use serde::Deserialize;

/// A version-1 holding: no side (long only) and no stop.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HoldingV1 {
    asset: String,
    quantity: f64,
    entry_price: Option<f64>,
    leverage: Option<f64>,
}

/// A version-1 scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScenarioV1 {
    holdings: Vec<HoldingV1>,
    seed: u64,
    as_of: Option<i32>,
}

impl From<ScenarioV1> for Scenario {
    /// The holdings (long, no stop), seed and date kept; every setting version 1 did not
    /// have takes its default.
    fn from(old: ScenarioV1) -> Self {
        Scenario {
            holdings: old
                .holdings
                .into_iter()
                .map(|h| Holding {
                    asset: h.asset,
                    quantity: h.quantity,
                    entry_price: h.entry_price,
                    leverage: h.leverage,
                    short: false,
                    stop: None,
                })
                .collect(),
            seed: old.seed,
            as_of: old.as_of,
            ..Scenario::default()
        }
    }
}
