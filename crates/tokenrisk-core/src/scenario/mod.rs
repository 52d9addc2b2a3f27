//! A scenario: the holdings and settings a shared link carries, and the rules it must keep.
//!
//! A scenario travels in the link's fragment (`#s=…`, see [`codec`]), which browsers never
//! send to a server, so holdings stay between the sender and the receiver. [`Scenario`] is the
//! current (version 1) layout; [`Scenario::validate`] states what a valid one is, and
//! [`decode`] refuses any link whose scenario breaks it.
//!
//! The fields of [`Scenario`] and [`Holding`], in their order and with their types, *are* the
//! version-1 binary layout: changing them means a new format version (the migration rule is in
//! [`codec`]).

pub mod codec;

pub use codec::{decode, encode, to_fragment, LinkError};

use crate::time::Date;
use serde::{Deserialize, Serialize};

/// Most holdings a scenario may have.
pub const MAX_HOLDINGS: usize = 200;
/// Most characters in an asset id.
pub const MAX_ASSET_LEN: usize = 16;
/// Highest leverage a holding may have (the highest any major venue offers).
pub const MAX_LEVERAGE: f64 = 125.0;

/// One position: how much of which asset, and optionally at what price and leverage.
///
/// Two holdings may name the same asset (two lots bought at different prices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holding {
    /// Asset id: 1 to [`MAX_ASSET_LEN`] characters of `A–Z` and `0–9` (`"TAO"`, `"BTC"`).
    pub asset: String,
    /// Units held: finite, zero or more.
    pub quantity: f64,
    /// Price paid per unit, in the quote currency: finite and above zero when present.
    pub entry_price: Option<f64>,
    /// Leverage, in `(0, MAX_LEVERAGE]`; `None` is an unlevered (spot) holding.
    pub leverage: Option<f64>,
}

impl Holding {
    /// A spot holding of `quantity` units of `asset`, with no entry price.
    pub fn spot(asset: impl Into<String>, quantity: f64) -> Self {
        Self {
            asset: asset.into(),
            quantity,
            entry_price: None,
            leverage: None,
        }
    }
}

/// What a shared analysis carries besides the view: holdings, the simulations' seed and the
/// sender's data date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Positions, at most [`MAX_HOLDINGS`].
    pub holdings: Vec<Holding>,
    /// Seed of every simulation run for this scenario, so a receiver reproduces the sender's
    /// numbers.
    pub seed: u64,
    /// The date of the sender's latest data, as days since 1970-01-01 (see [`Date::days`]),
    /// so a receiver can tell when the numbers were made; `None` if unknown.
    pub as_of: Option<i32>,
}

impl Default for Scenario {
    /// An empty portfolio, seed 1, no data date.
    fn default() -> Self {
        Self {
            holdings: Vec::new(),
            seed: 1,
            as_of: None,
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
    /// price (if any) finite and > 0, and a leverage (if any) in `(0, MAX_LEVERAGE]`.
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
            .try_for_each(|(index, h)| validate_holding(index, h))
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
    fn default_is_an_empty_portfolio_with_seed_1() {
        let s = Scenario::default();
        assert!(s.holdings.is_empty());
        assert_eq!(s.seed, 1);
        assert_eq!(s.as_of, None);
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
