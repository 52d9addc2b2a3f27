//! Supply presets for the registry's AI tokens (TAO, NEAR, ICP, RENDER, FET): the core's
//! supply components ([`tokenrisk_core::tokenomics`]) with each parameter's value, unit, source
//! and confidence (`shared/design/facts-2026.md` §1–5), every parameter editable by key, and
//! the supply a schedule starts from.
//!
//! # Where the start supply comes from
//! In this order: the user's figures (the command's `--total-supply`, a saved CoinGecko
//! answer, the page's fields); else a preset's sourced anchor (a dated supply, such as TAO's
//! 10.5 M issuance at the first halving) run forward to the start date by the preset's own
//! rules ([`start_supply`]), which is an upper bound where burns and recycling are unknown.
//! NEAR and the Internet Computer have no sourced supply at a date, so they need a figure.

mod presets;

pub use presets::PRESETS;

use crate::sources::coingecko::CoinMarket;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::{schedule, Component, SupplyStart, TokenomicsError, MAX_DAYS};

/// How sure a value is (facts-2026's scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// Read in source code or an official specification.
    High,
    /// An official post or several consistent secondary reports.
    Medium,
    /// A single secondary report or an inference.
    Low,
    /// Not a fact: a modelling choice the user should set (such as the share of new supply sold).
    Assumption,
}

impl Confidence {
    /// One word for tables and links.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
            Confidence::Assumption => "assumption",
        }
    }
}

/// What a parameter's number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Tokens.
    Tokens,
    /// Tokens a day.
    TokensPerDay,
    /// A fraction a year (0.025 is 2.5 % a year).
    PerYear,
    /// A fraction from 0 to 1.
    Share,
    /// Days.
    Days,
}

impl Unit {
    /// The unit in words ("tokens a day", "fraction a year", …).
    pub fn label(self) -> &'static str {
        match self {
            Self::Tokens => "tokens",
            Self::TokensPerDay => "tokens a day",
            Self::PerYear => "fraction a year",
            Self::Share => "fraction",
            Self::Days => "days",
        }
    }
}

/// One editable number of a preset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Its key in links and on the command line (`recycled_per_day`).
    pub key: &'static str,
    /// What it is, for people.
    pub label: &'static str,
    /// Its unit.
    pub unit: Unit,
    /// The preset's value.
    pub default: f64,
    /// Where the value comes from.
    pub source: &'static str,
    /// How sure it is.
    pub confidence: Confidence,
}

/// A sourced supply on a date, from which a later start supply is projected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// The date, ISO.
    pub date: &'static str,
    /// Tokens in existence.
    pub total: f64,
    /// The parameter whose tokens were locked on the date (circulating = total − its value),
    /// if any.
    pub locked: Option<&'static str>,
    /// Where the figures come from.
    pub source: &'static str,
    /// How sure they are.
    pub confidence: Confidence,
}

/// A token's supply model.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Its key (`tao`).
    pub key: &'static str,
    /// The registry's asset id (`TAO`).
    pub asset: &'static str,
    /// Its parameters, in display order.
    pub params: &'static [Param],
    /// A sourced dated supply, where one exists.
    pub anchor: Option<Anchor>,
    /// The most tokens there can be, where there is a cap.
    pub max_supply: Option<f64>,
    /// What a reader must know about the model (sentences).
    pub notes: &'static [&'static str],
    /// The components for the parameter values `v` (in `params` order) and the issuance on
    /// the start date (what TAO's halvings count).
    build: fn(preset: &Preset, v: &Values, issuance: f64) -> Vec<Component>,
}

/// The values of a preset's parameters, in its `params` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Values(Vec<f64>);

/// Why a preset cannot be run as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PresetError {
    /// No preset by that key.
    #[error("no supply preset {0}: there are {list}", list = keys())]
    UnknownPreset(String),
    /// No parameter by that key.
    #[error("{preset} has no parameter {key}: it has {list}")]
    UnknownParam {
        /// The preset.
        preset: &'static str,
        /// The key asked for.
        key: String,
        /// Its keys.
        list: String,
    },
    /// No start supply: neither given nor sourced.
    #[error("{asset}'s supply on {date} is not in the sourced facts: give it (CoinGecko's total_supply and circulating_supply)")]
    NoStartSupply {
        /// The asset.
        asset: &'static str,
        /// The start date.
        date: Date,
    },
    /// A start date before the anchor, with no supply given.
    #[error("{asset}'s sourced supply is from {anchor}, after the start {date}: give the supply on {date}")]
    BeforeAnchor {
        /// The asset.
        asset: &'static str,
        /// The anchor's date.
        anchor: &'static str,
        /// The start date.
        date: Date,
    },
    /// A value the schedule refuses.
    #[error(transparent)]
    Schedule(#[from] TokenomicsError),
}

fn keys() -> String {
    PRESETS.iter().map(|p| p.key).collect::<Vec<_>>().join(", ")
}

/// The preset `key` (case-insensitive).
///
/// # Errors
/// [`PresetError::UnknownPreset`] naming the presets there are.
pub fn preset(key: &str) -> Result<&'static Preset, PresetError> {
    PRESETS
        .iter()
        .find(|p| p.key.eq_ignore_ascii_case(key.trim()))
        .ok_or_else(|| PresetError::UnknownPreset(key.trim().to_owned()))
}

/// The preset of the registry's asset `asset` (`TAO`), if there is one.
pub fn for_asset(asset: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.asset == asset)
}

impl Values {
    /// The value of parameter `key`; NaN for a key the preset lacks, which the schedule
    /// refuses with a typed error (a builder asking for a key it does not have fails its
    /// preset's tests, never silently reads 0).
    pub fn get(&self, preset: &Preset, key: &str) -> f64 {
        preset
            .params
            .iter()
            .position(|p| p.key == key)
            .and_then(|i| self.0.get(i).copied())
            .unwrap_or(f64::NAN)
    }

    /// The values in the preset's order.
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }
}

/// A supply a schedule starts from, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// The supply.
    pub supply: SupplyStart,
    /// Issuance (what TAO's halvings count).
    pub issuance: f64,
    /// Where it comes from, in a sentence.
    pub source: String,
    /// How sure it is.
    pub confidence: Confidence,
}

/// A supply the user gives for the start date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GivenSupply {
    /// Total supply.
    pub total: f64,
    /// Circulating supply (total when not known).
    pub circulating: Option<f64>,
    /// Issuance, where it differs from total supply (TAO's burnt tokens stay counted in
    /// issuance); total supply when not given.
    pub issuance: Option<f64>,
}

impl GivenSupply {
    /// CoinGecko's total and circulating supply of `coin` (circulating capped at the total;
    /// issuance taken as the total); `None` without a positive, finite total.
    pub fn from_coin_market(coin: &CoinMarket) -> Option<Self> {
        let total = coin.total_supply.filter(|t| t.is_finite() && *t > 0.0)?;
        Some(Self {
            total,
            circulating: coin
                .circulating_supply
                .filter(|c| c.is_finite() && *c > 0.0)
                .map(|c| c.min(total)),
            issuance: None,
        })
    }
}

impl Preset {
    /// The preset's values.
    pub fn defaults(&self) -> Values {
        Values(self.params.iter().map(|p| p.default).collect())
    }

    /// The parameter `key`.
    ///
    /// # Errors
    /// [`PresetError::UnknownParam`] listing the keys there are.
    pub fn param(&self, key: &str) -> Result<(usize, &'static Param), PresetError> {
        self.params
            .iter()
            .enumerate()
            .find(|(_, p)| p.key == key.trim())
            .ok_or_else(|| PresetError::UnknownParam {
                preset: self.key,
                key: key.trim().to_owned(),
                list: self
                    .params
                    .iter()
                    .map(|p| p.key)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The defaults with `edits` (`(key, value)`) applied; the schedule checks the values.
    ///
    /// # Errors
    /// [`PresetError::UnknownParam`] for a key the preset lacks.
    pub fn values(&self, edits: &[(String, f64)]) -> Result<Values, PresetError> {
        let mut values = self.defaults();
        for (key, value) in edits {
            let (i, _) = self.param(key)?;
            values.0[i] = *value;
        }
        Ok(values)
    }

    /// The components for `values` from the supply `start`.
    pub fn components(&self, values: &Values, start: &Start) -> Vec<Component> {
        (self.build)(self, values, start.issuance)
    }

    /// The staked share the values set.
    fn staked_share(&self, values: &Values) -> f64 {
        values.get(self, "staked_share")
    }

    /// The daily schedule of `days` days from `start_date` on the start supply `start`.
    ///
    /// # Errors
    /// The schedule's refusal of a value ([`TokenomicsError`]).
    pub fn run(
        &self,
        values: &Values,
        start_date: Date,
        start: &Start,
        days: usize,
    ) -> Result<Vec<tokenrisk_core::tokenomics::SupplyDay>, PresetError> {
        Ok(schedule(
            start_date,
            start.supply,
            &self.components(values, start),
            days,
        )?)
    }
}

/// The supply on `date`: `given` when there is one, else the preset's anchor run forward to
/// `date` by `values` (an upper bound where burns and recycling are not known).
///
/// # Errors
/// No figure and no anchor ([`PresetError::NoStartSupply`]), a date before the anchor
/// ([`PresetError::BeforeAnchor`]), a gap over 20 years, or a value the schedule refuses.
pub fn start_supply(
    preset: &'static Preset,
    values: &Values,
    date: Date,
    given: Option<GivenSupply>,
) -> Result<Start, PresetError> {
    let staked_share = preset.staked_share(values);
    if let Some(g) = given {
        return Ok(Start {
            supply: SupplyStart {
                total: g.total,
                circulating: g.circulating.unwrap_or(g.total),
                staked_share,
            },
            issuance: g.issuance.unwrap_or(g.total),
            source: match g.circulating {
                Some(_) => "given".to_owned(),
                None => "given (circulating taken as the total)".to_owned(),
            },
            confidence: Confidence::High,
        });
    }
    let anchor = preset.anchor.ok_or(PresetError::NoStartSupply {
        asset: preset.asset,
        date,
    })?;
    let anchor_date = Date::parse_iso(anchor.date).expect("a preset's anchor date is ISO");
    let gap = date.days() - anchor_date.days();
    if gap < 0 {
        return Err(PresetError::BeforeAnchor {
            asset: preset.asset,
            anchor: anchor.date,
            date,
        });
    }
    let at_anchor = Start {
        supply: SupplyStart {
            total: anchor.total,
            circulating: anchor.total - anchor.locked.map_or(0.0, |k| values.get(preset, k)),
            staked_share,
        },
        issuance: anchor.total,
        source: String::new(),
        confidence: anchor.confidence,
    };
    let gap = gap as usize;
    if gap > MAX_DAYS {
        return Err(TokenomicsError::TooManyDays(gap).into());
    }
    let days = preset.run(values, anchor_date, &at_anchor, gap)?;
    // Issuance rises by what is minted and falls by what is recycled (burnt tokens stay
    // counted in it).
    let (total, circulating, issued) = days.iter().fold(
        (at_anchor.supply.total, at_anchor.supply.circulating, 0.0),
        |(_, _, issued), d| (d.total, d.circulating, issued + d.emission - d.recycled),
    );
    Ok(Start {
        supply: SupplyStart {
            total,
            circulating,
            staked_share,
        },
        issuance: at_anchor.issuance + issued,
        source: if gap == 0 {
            anchor.source.to_owned()
        } else {
            format!(
                "{} on {}, run {gap} days forward by this model's parameters",
                anchor.source, anchor.date
            )
        },
        confidence: if gap == 0 {
            anchor.confidence
        } else {
            Confidence::Low
        },
    })
}

#[cfg(test)]
mod tests;
