//! A scenario: the holdings and settings a shared link carries, and the rules it must keep.
//!
//! A scenario travels in the link's fragment (`#s=…`, see [`codec`]), which browsers never
//! send to a server, so holdings stay between the sender and the receiver. [`Scenario`] is the
//! current (version 4) layout; [`Scenario::validate`] states what a valid one is, and
//! [`decode`] refuses any link whose scenario breaks it. Version-1, 2 and 3 links ([`v1`],
//! [`v2`], [`v3`]) still open, migrated.
//!
//! The fields of [`Scenario`], [`Holding`], the [`settings`] and the [`assumptions`] types, in
//! their order and with their types, *are* the version-4 binary layout: changing them means a new format version
//! (the migration rule is in [`codec`]).

pub mod assumptions;
pub mod codec;
pub mod settings;
pub mod v1;
pub mod v2;
pub mod v3;

pub use assumptions::{ParamEdit, Positioning, TokenomicsEdits};
pub use codec::{decode, encode, to_fragment, LinkError};
pub use settings::{Headline, Legs, Shocks, Simulation, SimulationModel, Sizing};

use crate::time::Date;
use serde::{Deserialize, Serialize};

/// Most holdings a scenario may have.
pub const MAX_HOLDINGS: usize = 200;
/// Most characters in an asset id.
pub const MAX_ASSET_LEN: usize = 16;
/// Highest leverage a holding may have (the highest any major venue offers).
pub const MAX_LEVERAGE: f64 = 125.0;

/// One position: how much of which asset, long or short, and optionally at what price and
/// leverage, with a stop.
///
/// Two holdings may name the same asset (two lots bought at different prices).
///
/// In JSON (the command line's `tokenrisk scenario`), the optional fields may be left out and
/// an unknown field is an error; the link's binary layout is the fields in order, all present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// Asset id: 1 to [`MAX_ASSET_LEN`] characters of `A–Z` and `0–9` (`"TAO"`, `"BTC"`).
    pub asset: String,
    /// Units held: finite, zero or more.
    pub quantity: f64,
    /// Price paid per unit, in the quote currency: finite and above zero when present.
    #[serde(default)]
    pub entry_price: Option<f64>,
    /// Leverage, in `(0, MAX_LEVERAGE]`; `None` is an unlevered (spot) holding.
    #[serde(default)]
    pub leverage: Option<f64>,
    /// A short position (it gains when the price falls); `false` for a long one.
    #[serde(default)]
    pub short: bool,
    /// Stop price per unit: finite and above zero when present (below the price for a long,
    /// above it for a short; which side of today's price it is on is not checked here, as
    /// the price moves).
    #[serde(default)]
    pub stop: Option<f64>,
}

impl Holding {
    /// A spot holding of `quantity` units of `asset`, with no entry price.
    pub fn spot(asset: impl Into<String>, quantity: f64) -> Self {
        Self {
            asset: asset.into(),
            quantity,
            entry_price: None,
            leverage: None,
            short: false,
            stop: None,
        }
    }
}

/// What a shared analysis carries besides the view: holdings, the stress and simulation
/// settings, the simulations' seed, the sender's data date and headline numbers.
///
/// In JSON, a field left out takes its [`Default`] value and an unknown field is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Positions, at most [`MAX_HOLDINGS`].
    pub holdings: Vec<Holding>,
    /// Seed of every simulation run for this scenario, so a receiver reproduces the sender's
    /// numbers.
    pub seed: u64,
    /// The date of the sender's latest data, as days since 1970-01-01 (see [`Date::days`]),
    /// so a receiver can tell when the numbers were made; `None` if unknown.
    pub as_of: Option<i32>,
    /// The market shock.
    pub shocks: Shocks,
    /// Which legs of the combined stress count.
    pub legs: Legs,
    /// Share of order-book depth removed in the stress, in `[0, 1)`.
    pub liquidity_haircut: f64,
    /// The Monte Carlo.
    pub simulation: Simulation,
    /// The sender's headline numbers, if the sender had computed them.
    pub headline: Option<Headline>,
    /// How one holding is sized.
    pub sizing: Sizing,
    /// Who holds the perpetuals' open interest (the forced-selling leg).
    pub positioning: Positioning,
    /// Edits of the tokens' tokenomics presets (the supply leg).
    pub tokenomics: Vec<TokenomicsEdits>,
}

/// The default liquidity haircut: half the depth, the "crash hour" preset
/// ([`crate::depth_stress::HaircutPreset::CrashHour`]).
pub const DEFAULT_HAIRCUT: f64 = 0.5;

impl Default for Scenario {
    /// An empty portfolio, seed 1, no data date; the 2026-02 sell-off as the shock with every
    /// leg on, half the depth, the default simulation; no headline; the default sizing and
    /// positioning; no tokenomics edits.
    fn default() -> Self {
        Self {
            holdings: Vec::new(),
            seed: 1,
            as_of: None,
            shocks: Shocks::default(),
            legs: Legs::default(),
            liquidity_haircut: DEFAULT_HAIRCUT,
            simulation: Simulation::default(),
            headline: None,
            sizing: Sizing::default(),
            positioning: Positioning::default(),
            tokenomics: Vec::new(),
        }
    }
}

impl Scenario {
    /// The sender's data date, if it is known.
    pub fn as_of_date(&self) -> Option<Date> {
        self.as_of.map(Date::from_days)
    }

    /// Checks the scenario's rules: at most [`MAX_HOLDINGS`] holdings; each with a valid
    /// asset id (1 to [`MAX_ASSET_LEN`] characters, `A–Z0–9`), a finite quantity ≥ 0, an entry
    /// price (if any) finite and > 0, a leverage (if any) in `(0, MAX_LEVERAGE]` and a stop (if
    /// any) finite and > 0; then the settings' rules (see [`settings`]): shocks above −100 %
    /// and at most +1,000 %, a haircut in `[0, 1)`, the simulation's model, horizon and paths
    /// within their bounds, a headline of finite numbers, the sizing's asset (empty or an asset
    /// id) and parameters within their bounds; then the assumptions' rules (see
    /// [`assumptions`]): a long share in `[0, 1]`, well-formed tokenomics edits within their
    /// limits.
    ///
    /// # Errors
    /// The first rule broken, in the order above, holding by holding.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.holdings.len() > MAX_HOLDINGS {
            return Err(ScenarioError::TooManyHoldings(self.holdings.len()));
        }
        self.holdings
            .iter()
            .enumerate()
            .try_for_each(|(index, h)| validate_holding(index, h))?;
        settings::validate(
            &self.shocks,
            self.liquidity_haircut,
            &self.simulation,
            self.headline.as_ref(),
            &self.sizing,
        )?;
        assumptions::validate(&self.positioning, &self.tokenomics)
    }
}

fn validate_holding(index: usize, holding: &Holding) -> Result<(), ScenarioError> {
    let asset = &holding.asset;
    if asset.is_empty() {
        return Err(ScenarioError::EmptyAsset { index });
    }
    if asset.chars().count() > MAX_ASSET_LEN {
        return Err(ScenarioError::AssetTooLong { index });
    }
    if !asset
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(ScenarioError::AssetNotUpperAlphanumeric { index });
    }
    let q = holding.quantity;
    if !q.is_finite() || q < 0.0 {
        return Err(ScenarioError::Quantity { index });
    }
    if holding
        .entry_price
        .is_some_and(|p| !(p.is_finite() && p > 0.0))
    {
        return Err(ScenarioError::EntryPrice { index });
    }
    if holding
        .leverage
        .is_some_and(|l| !(l > 0.0 && l <= MAX_LEVERAGE))
    {
        return Err(ScenarioError::Leverage { index });
    }
    if holding.stop.is_some_and(|p| !(p.is_finite() && p > 0.0)) {
        return Err(ScenarioError::Stop { index });
    }
    Ok(())
}

/// Which rule a scenario breaks. `index` counts holdings from 0; messages count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// More than [`MAX_HOLDINGS`] holdings (the count given).
    #[error("it has {0} holdings, at most {MAX_HOLDINGS} are allowed")]
    TooManyHoldings(usize),
    /// An asset id is empty.
    #[error("holding {} has no asset name", .index + 1)]
    EmptyAsset {
        /// Which holding.
        index: usize,
    },
    /// An asset id is longer than [`MAX_ASSET_LEN`] characters.
    #[error("holding {}'s asset name is longer than {MAX_ASSET_LEN} characters", .index + 1)]
    AssetTooLong {
        /// Which holding.
        index: usize,
    },
    /// An asset id has a character other than `A–Z` and `0–9`.
    #[error("holding {}'s asset name has characters other than A–Z and 0–9", .index + 1)]
    AssetNotUpperAlphanumeric {
        /// Which holding.
        index: usize,
    },
    /// A quantity is NaN, infinite or negative.
    #[error("holding {}'s quantity is not a number of zero or more", .index + 1)]
    Quantity {
        /// Which holding.
        index: usize,
    },
    /// An entry price is NaN, infinite, zero or negative.
    #[error("holding {}'s entry price is not a number above zero", .index + 1)]
    EntryPrice {
        /// Which holding.
        index: usize,
    },
    /// A leverage is outside `(0, MAX_LEVERAGE]` (or NaN).
    #[error("holding {}'s leverage is not above 0 and at most {MAX_LEVERAGE}", .index + 1)]
    Leverage {
        /// Which holding.
        index: usize,
    },
    /// A stop price is NaN, infinite, zero or negative.
    #[error("holding {}'s stop price is not a number above zero", .index + 1)]
    Stop {
        /// Which holding.
        index: usize,
    },
    /// A factor's shock is not above −100 % and at most +1,000 % (the factor named).
    #[error("the {0} shock is not a move above −100 % and at most +1,000 %")]
    Shock(&'static str),
    /// The liquidity haircut is outside `[0, 1)`.
    #[error("the liquidity haircut is not a share of depth from 0 % to below 100 %")]
    Haircut,
    /// The bootstrap's mean block is outside 1 to 365 days.
    #[error("the simulation's mean block is not 1 to 365 days")]
    MeanBlock,
    /// The Student-t's degrees of freedom are not above 2 and at most 1,000.
    #[error("the simulation's degrees of freedom are not above 2 and at most 1,000")]
    DegreesOfFreedom,
    /// The horizon is outside 1 to 730 days.
    #[error("the simulation's horizon is not 1 to 730 days")]
    Horizon,
    /// The paths are outside 100 to 1,000,000.
    #[error("the simulation's paths are not 100 to 1,000,000")]
    Paths,
    /// A headline number is not finite.
    #[error("a headline number is not a number")]
    Headline,
    /// A sizing setting is out of its bounds (the setting named).
    #[error("the sizing's {0} is out of its bounds")]
    Sizing(&'static str),
    /// The long share of open interest is outside `[0, 1]`.
    #[error("the long share of open interest is not from 0 % to 100 %")]
    LongShare,
    /// A tokenomics edit breaks its rules (what, named).
    #[error("the tokenomics edits have {0} out of bounds")]
    Tokenomics(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(holding: Holding) -> Scenario {
        Scenario {
            holdings: vec![Holding::spot("BTC", 1.0), holding],
            ..Scenario::default()
        }
    }

    #[test]
    fn default_is_an_empty_portfolio_with_seed_1_under_the_sell_off() {
        let s = Scenario::default();
        assert!(s.holdings.is_empty());
        assert_eq!(s.seed, 1);
        assert_eq!(s.as_of, None);
        assert_eq!(s.shocks.btc, -0.14);
        assert_eq!(s.shocks.ai_sector, -0.40);
        assert_eq!(s.legs, Legs::default());
        assert_eq!(s.liquidity_haircut, 0.5);
        assert_eq!(s.simulation.paths, 10_000);
        assert_eq!(s.headline, None);
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn as_of_reads_as_a_date() {
        let s = Scenario {
            as_of: Some(Date::from_ymd(2025, 3, 1).expect("a date").days()),
            ..Scenario::default()
        };
        assert_eq!(
            s.as_of_date().map(|d| d.to_string()),
            Some("2025-03-01".into())
        );
    }

    #[test]
    fn valid_holdings_pass() {
        let s = with(Holding {
            asset: "X1234567890ABCDE".into(),
            quantity: 0.0,
            entry_price: Some(1e-9),
            leverage: Some(MAX_LEVERAGE),
            short: true,
            stop: Some(1e-9),
        });
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn each_broken_rule_has_its_error() {
        let cases = [
            (
                Holding::spot("", 1.0),
                ScenarioError::EmptyAsset { index: 1 },
            ),
            (
                Holding::spot("ABCDEFGHIJKLMNOPQ", 1.0),
                ScenarioError::AssetTooLong { index: 1 },
            ),
            (
                Holding::spot("tao", 1.0),
                ScenarioError::AssetNotUpperAlphanumeric { index: 1 },
            ),
            (
                Holding::spot("BTC-USD", 1.0),
                ScenarioError::AssetNotUpperAlphanumeric { index: 1 },
            ),
            (
                Holding::spot("ÉTH", 1.0),
                ScenarioError::AssetNotUpperAlphanumeric { index: 1 },
            ),
            (
                Holding::spot("A", f64::NAN),
                ScenarioError::Quantity { index: 1 },
            ),
            (
                Holding::spot("A", f64::INFINITY),
                ScenarioError::Quantity { index: 1 },
            ),
            (
                Holding::spot("A", -1.0),
                ScenarioError::Quantity { index: 1 },
            ),
        ];
        for (holding, error) in cases {
            assert_eq!(with(holding).validate(), Err(error));
        }
        for price in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let h = Holding {
                entry_price: Some(price),
                ..Holding::spot("A", 1.0)
            };
            assert_eq!(
                with(h).validate(),
                Err(ScenarioError::EntryPrice { index: 1 })
            );
        }
        for leverage in [0.0, -2.0, 125.000_001, f64::NAN, f64::INFINITY] {
            let h = Holding {
                leverage: Some(leverage),
                ..Holding::spot("A", 1.0)
            };
            assert_eq!(
                with(h).validate(),
                Err(ScenarioError::Leverage { index: 1 })
            );
        }
        for stop in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let h = Holding {
                stop: Some(stop),
                short: true,
                ..Holding::spot("A", 1.0)
            };
            assert_eq!(with(h).validate(), Err(ScenarioError::Stop { index: 1 }));
        }
    }

    #[test]
    fn each_broken_setting_has_its_error() {
        let ok = Scenario::default();
        let cases: [(Scenario, ScenarioError); 12] = [
            (
                Scenario {
                    shocks: Shocks {
                        btc: -1.0,
                        ..ok.shocks
                    },
                    ..ok.clone()
                },
                ScenarioError::Shock("BTC"),
            ),
            (
                Scenario {
                    shocks: Shocks {
                        ai_equities: 10.5,
                        ..ok.shocks
                    },
                    ..ok.clone()
                },
                ScenarioError::Shock("AI equities"),
            ),
            (
                Scenario {
                    shocks: Shocks {
                        ai_sector: f64::NAN,
                        ..ok.shocks
                    },
                    ..ok.clone()
                },
                ScenarioError::Shock("AI sector"),
            ),
            (
                Scenario {
                    liquidity_haircut: 1.0,
                    ..ok.clone()
                },
                ScenarioError::Haircut,
            ),
            (
                Scenario {
                    liquidity_haircut: -0.1,
                    ..ok.clone()
                },
                ScenarioError::Haircut,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        model: SimulationModel::Bootstrap { mean_block: 0.5 },
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::MeanBlock,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        model: SimulationModel::StudentT {
                            degrees_of_freedom: 2.0,
                        },
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::DegreesOfFreedom,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        model: SimulationModel::StudentT {
                            degrees_of_freedom: f64::INFINITY,
                        },
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::DegreesOfFreedom,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        horizon_days: 0,
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::Horizon,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        horizon_days: 731,
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::Horizon,
            ),
            (
                Scenario {
                    simulation: Simulation {
                        paths: 99,
                        ..ok.simulation
                    },
                    ..ok.clone()
                },
                ScenarioError::Paths,
            ),
            (
                Scenario {
                    headline: Some(Headline {
                        value: 1e4,
                        var: 0.05,
                        es: f64::NAN,
                        stress_loss: 0.3,
                        simulated_var: Some(0.2),
                    }),
                    ..ok.clone()
                },
                ScenarioError::Headline,
            ),
        ];
        for (scenario, error) in cases {
            assert_eq!(scenario.validate(), Err(error));
        }
        let sizing = |f: &dyn Fn(&mut Sizing)| {
            let mut s = ok.clone();
            f(&mut s.sizing);
            s.validate()
        };
        assert_eq!(sizing(&|z| z.asset = "TAO".into()), Ok(()));
        assert_eq!(
            sizing(&|z| z.asset = "tao".into()),
            Err(ScenarioError::Sizing("asset"))
        );
        assert_eq!(
            sizing(&|z| z.asset = "A".repeat(17)),
            Err(ScenarioError::Sizing("asset"))
        );
        assert_eq!(
            sizing(&|z| z.risk_per_trade = 0.0),
            Err(ScenarioError::Sizing("risk per trade"))
        );
        assert_eq!(
            sizing(&|z| z.volatility_target = f64::NAN),
            Err(ScenarioError::Sizing("volatility target"))
        );
        assert_eq!(
            sizing(&|z| z.kelly_fraction = 1.5),
            Err(ScenarioError::Sizing("Kelly fraction"))
        );
        assert_eq!(
            sizing(&|z| z.slippage_limit_bps = -1.0),
            Err(ScenarioError::Sizing("slippage limit"))
        );
        assert_eq!(
            sizing(&|z| z.es_cap = f64::INFINITY),
            Err(ScenarioError::Sizing("ES cap"))
        );
    }

    #[test]
    fn at_most_200_holdings() {
        let mut s = Scenario {
            holdings: vec![Holding::spot("A", 1.0); MAX_HOLDINGS],
            ..Scenario::default()
        };
        assert_eq!(s.validate(), Ok(()));
        s.holdings.push(Holding::spot("A", 1.0));
        assert_eq!(s.validate(), Err(ScenarioError::TooManyHoldings(201)));
    }

    #[test]
    fn messages_count_holdings_from_one() {
        let e = ScenarioError::Quantity { index: 0 };
        assert_eq!(
            e.to_string(),
            "holding 1's quantity is not a number of zero or more"
        );
    }
}
