//! A token's supply day by day, from composable components: emission that halves by issuance
//! (Bittensor), inflation of total supply with a treasury share and a burn (NEAR), a reward
//! rate declining on a curve to a floor (the Internet Computer), yearly emissions against burns
//! (Render's burn-and-mint equilibrium), vesting cohorts, and a staked share. The formulas and
//! their sources are in `shared/design/facts-2026.md` §1–5 and on each component.
//!
//! # Conventions
//! - One step a day, `days` steps from the start date; day `d`'s flows are computed from the
//!   supply at the day's start and applied at its end (the daily recursion of facts-2026 §1.4).
//! - Annual rates are spread evenly: `rate / 365` of the day-start total a day (NEAR's
//!   time-based minting; crypto trades 365 days a year), except the Internet Computer's curve,
//!   which its code states per 365.25-day year.
//! - New supply and selling pressure are separate: `emission` and `unlocked` are tokens that
//!   come into existence or out of a lock; `sold` is the share each component assumes its
//!   receivers sell (`sell_through`), an assumption, not a fact (under dTAO, for one, emission
//!   goes to subnet pools, not straight to sellers); `bought` is what buybacks take off the
//!   market.
//! - `net_inflation_annualised` = `(emission − burn) / total at the day's start × 365`.
//! - `liquid` = circulating × (1 − staked share): what is neither locked nor staked.

mod absorption;
mod curves;
mod dilution;

pub use absorption::{
    absorption, sellable_within, supply_events, supply_window, Absorption, SupplyEvent,
    SupplyWindow,
};
pub use curves::{declining_rate, halving_emission, vested};
pub use dilution::{backcast_totals, dilution_adjusted};

use crate::time::Date;

/// The most days a schedule runs: 20 years.
pub const MAX_DAYS: usize = 7_305;

/// The supply on the start date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupplyStart {
    /// Tokens in existence (minted, less burnt).
    pub total: f64,
    /// Tokens not locked (vesting cohorts and non-circulating treasuries are the rest).
    pub circulating: f64,
    /// Share of circulating supply staked, `0 ≤ s ≤ 1`.
    pub staked_share: f64,
}

/// One component of a supply schedule.
#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    /// Emission that halves by issuance ([`halving_emission`]): `base_per_day` until issuance
    /// reaches `cap / 2`, then half at each of `cap · (1 − 2^−k)`, nothing at `cap`. Recycled
    /// tokens return to the unissued pool, lowering issuance (and delaying halvings); burnt ones
    /// leave the supply but stay counted in issuance (Bittensor's `recycle_tao` and
    /// `burn_tao`, facts-2026 §1.1).
    HalvingEmission {
        /// Issuance on the start date (what the halvings count), tokens.
        issuance: f64,
        /// Emission a day below half the cap (TAO: 7,200).
        base_per_day: f64,
        /// Issuance at which emission stops (TAO: 21 M).
        cap: f64,
        /// Tokens recycled a day.
        recycled_per_day: f64,
        /// Tokens burnt a day.
        burned_per_day: f64,
        /// Share of the emission assumed sold, `0 ≤ s ≤ 1`.
        sell_through: f64,
    },
    /// Inflation of total supply at an annual rate that changes on given dates, a share of each
    /// day's mint to a treasury, and a burn at an annual rate of supply (NEAR: 5 %, 2.5 % from
    /// protocol 81; 10 % to the treasury; facts-2026 §2).
    SupplyInflation {
        /// `(from, annual rate)`, first date first; before the first, the first rate.
        rates: Vec<(Date, f64)>,
        /// Share of the mint that goes to a treasury, `0 ≤ s ≤ 1`.
        treasury_share: f64,
        /// Whether the treasury's share circulates (else it stays out of circulation).
        treasury_circulates: bool,
        /// Annual burn as a fraction of total supply.
        burn_rate: f64,
        /// Share of the mint outside the treasury assumed sold, `0 ≤ s ≤ 1`.
        sell_through: f64,
    },
    /// A reward rate that declines on [`declining_rate`]'s curve from `genesis`, times an
    /// adjustment factor that changes on given dates, plus other minting and a burn, each a year
    /// of 365.25 days (the Internet Computer's voting rewards, node-provider rewards and cycle
    /// burns; facts-2026 §3). Voting rewards become maturity and are minted when disbursed: the
    /// schedule counts them when they accrue, an upper bound on the mint.
    DecliningReward {
        /// Day 0 of the curve (ICP: 2021-05-10).
        genesis: Date,
        /// Rate at genesis (ICP: 10 %).
        start_rate: f64,
        /// Rate from `decline_days` on (ICP: 5 %).
        floor_rate: f64,
        /// Days to the floor (ICP: 2,922).
        decline_days: f64,
        /// `(from, factor)` multiplying the curve; before the first, 1 (ICP: 0.6329 from
        /// 2026-04-23).
        factors: Vec<(Date, f64)>,
        /// Other minting, annual fraction of supply (ICP's node-provider rewards).
        other_rate: f64,
        /// Burn, annual fraction of supply (ICP's cycle burns and fees).
        burn_rate: f64,
        /// Share of the mint assumed sold, `0 ≤ s ≤ 1`.
        sell_through: f64,
    },
    /// Emissions set per year of a schedule starting on `start` (each year 365 days, spread
    /// evenly), the last year's amount times `damping` for each year after the list, total
    /// supply capped at `max_supply`, against a burn a day (Render's burn-and-mint
    /// equilibrium: 9,126,804 then 5.9 M a year, maximum supply 644,245,094; facts-2026 §4).
    YearlyEmission {
        /// First day of year 1 of the schedule.
        start: Date,
        /// Tokens emitted in years 1, 2, …
        yearly: Vec<f64>,
        /// Factor a year after the listed years, `0 ≤ d ≤ 1` (RNP-001's growth phase: 0.945).
        damping: f64,
        /// Total supply the emission never takes the supply above.
        max_supply: f64,
        /// Tokens burnt a day (Render: 95 % of job revenue buys RENDER and burns it).
        burned_per_day: f64,
        /// Share of the emission assumed sold, `0 ≤ s ≤ 1`.
        sell_through: f64,
    },
    /// Tokens bought on the market a day and burnt, or kept out of circulation (a treasury):
    /// buying that offsets the selling the other components assume (Render's burn-and-mint:
    /// 95 % of job revenue buys RENDER and burns it, RNP-019; facts-2026 §4).
    Buyback {
        /// Tokens bought a day.
        tokens_per_day: f64,
        /// Whether they are burnt (else held out of circulation, still in total supply).
        burn: bool,
    },
    /// A vesting cohort: `amount` locked tokens released from `start`, nothing before the cliff,
    /// then linearly or in steps to the end of `duration_days` ([`vested`]). What vested before
    /// the schedule's start date is taken to circulate already.
    Vesting {
        /// Tokens in the whole cohort; what is still locked on the start date is part of total
        /// supply, not of circulating supply.
        amount: f64,
        /// Start of vesting.
        start: Date,
        /// Days from the start before anything is released.
        cliff_days: f64,
        /// Days from the start to the last release.
        duration_days: f64,
        /// Days between releases (0: daily, linear).
        step_days: f64,
        /// Share of what is released assumed sold, `0 ≤ s ≤ 1`.
        sell_through: f64,
    },
}

/// One day of a schedule: the supply at the day's end and the day's flows, in tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupplyDay {
    /// The day.
    pub date: Date,
    /// Tokens in existence at the day's end.
    pub total: f64,
    /// Tokens not locked at the day's end.
    pub circulating: f64,
    /// Circulating tokens not staked.
    pub liquid: f64,
    /// Tokens minted during the day.
    pub emission: f64,
    /// Tokens burnt or recycled during the day.
    pub burn: f64,
    /// Tokens recycled during the day (part of `burn`): returned to the unissued pool, so the
    /// issuance [`Component::HalvingEmission`] counts falls by them.
    pub recycled: f64,
    /// Tokens released from vesting during the day.
    pub unlocked: f64,
    /// Tokens the components' sell-through assumes sold during the day.
    pub sold: f64,
    /// Tokens bought back during the day ([`Component::Buyback`]).
    pub bought: f64,
    /// `(emission − burn) / total at the day's start × 365`.
    pub net_inflation_annualised: f64,
}

/// Why a schedule cannot be run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenomicsError {
    /// More days than [`MAX_DAYS`].
    #[error("a schedule runs at most {MAX_DAYS} days (20 years), not {0}")]
    TooManyDays(usize),
    /// A value is NaN, infinite or out of its range.
    #[error("{what} must be {expected}, not {value}")]
    Bad {
        /// The value, named for people.
        what: String,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        value: f64,
    },
    /// Circulating supply above total supply.
    #[error("circulating supply {circulating} is above total supply {total}")]
    CirculatingAboveTotal {
        /// Circulating supply.
        circulating: f64,
        /// Total supply.
        total: f64,
    },
    /// Vesting cohorts still lock more than the locked supply (total − circulating).
    #[error("vesting cohorts still lock {allocated} tokens, more than the {locked} locked (total − circulating)")]
    AllocationAboveLocked {
        /// Sum of the cohorts.
        allocated: f64,
        /// Total − circulating at the start.
        locked: f64,
    },
    /// A cohort's cliff falls after its end.
    #[error("vesting cohort {cohort}'s cliff ({cliff_days} days) is after its end ({duration_days} days)")]
    CliffAfterEnd {
        /// The cohort, from 1.
        cohort: usize,
        /// Its cliff.
        cliff_days: f64,
        /// Its duration.
        duration_days: f64,
    },
}

fn check(
    what: impl Into<String>,
    value: f64,
    ok: bool,
    expected: &'static str,
) -> Result<(), TokenomicsError> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(TokenomicsError::Bad {
            what: what.into(),
            expected,
            value,
        })
    }
}

fn share(what: impl Into<String>, v: f64) -> Result<(), TokenomicsError> {
    check(what, v, (0.0..=1.0).contains(&v), "between 0 and 1")
}

fn non_negative(what: impl Into<String>, v: f64) -> Result<(), TokenomicsError> {
    check(what, v, v >= 0.0, "a number 0 or more")
}

fn validate(
    start_date: Date,
    start: &SupplyStart,
    components: &[Component],
    days: usize,
) -> Result<(), TokenomicsError> {
    if days > MAX_DAYS {
        return Err(TokenomicsError::TooManyDays(days));
    }
    non_negative("total supply", start.total)?;
    non_negative("circulating supply", start.circulating)?;
    share("staked share", start.staked_share)?;
    if start.circulating > start.total {
        return Err(TokenomicsError::CirculatingAboveTotal {
            circulating: start.circulating,
            total: start.total,
        });
    }
    let mut allocated = 0.0;
    let mut cohort = 0;
    for c in components {
        match c {
            Component::HalvingEmission {
                issuance,
                base_per_day,
                cap,
                recycled_per_day,
                burned_per_day,
                sell_through,
            } => {
                non_negative("issuance", *issuance)?;
                non_negative("emission a day", *base_per_day)?;
                check("issuance cap", *cap, *cap > 0.0, "above 0")?;
                non_negative("recycled a day", *recycled_per_day)?;
                non_negative("burnt a day", *burned_per_day)?;
                share("sell-through", *sell_through)?;
            }
            Component::SupplyInflation {
                rates,
                treasury_share,
                burn_rate,
                sell_through,
                ..
            } => {
                for (_, r) in rates {
                    check(
                        "inflation rate",
                        *r,
                        (0.0..1.0).contains(r),
                        "from 0 to below 1 (100 %) a year",
                    )?;
                }
                share("treasury share", *treasury_share)?;
                check(
                    "burn rate",
                    *burn_rate,
                    (0.0..1.0).contains(burn_rate),
                    "from 0 to below 1 (100 %) a year",
                )?;
                share("sell-through", *sell_through)?;
            }
            Component::DecliningReward {
                start_rate,
                floor_rate,
                decline_days,
                factors,
                other_rate,
                burn_rate,
                sell_through,
                ..
            } => {
                for (what, r) in [
                    ("start rate", start_rate),
                    ("floor rate", floor_rate),
                    ("other minting rate", other_rate),
                    ("burn rate", burn_rate),
                ] {
                    check(
                        what,
                        *r,
                        (0.0..1.0).contains(r),
                        "from 0 to below 1 (100 %) a year",
                    )?;
                }
                check(
                    "days to the floor",
                    *decline_days,
                    *decline_days > 0.0,
                    "above 0",
                )?;
                for (_, f) in factors {
                    non_negative("adjustment factor", *f)?;
                }
                share("sell-through", *sell_through)?;
            }
            Component::YearlyEmission {
                yearly,
                damping,
                max_supply,
                burned_per_day,
                sell_through,
                ..
            } => {
                for e in yearly {
                    non_negative("yearly emission", *e)?;
                }
                share("damping", *damping)?;
                non_negative("maximum supply", *max_supply)?;
                non_negative("burnt a day", *burned_per_day)?;
                share("sell-through", *sell_through)?;
            }
            Component::Buyback { tokens_per_day, .. } => {
                non_negative("bought back a day", *tokens_per_day)?;
            }
            Component::Vesting {
                amount,
                start: vesting_start,
                cliff_days,
                duration_days,
                step_days,
                sell_through,
            } => {
                cohort += 1;
                non_negative("vesting amount", *amount)?;
                non_negative("cliff", *cliff_days)?;
                non_negative("vesting duration", *duration_days)?;
                non_negative("vesting step", *step_days)?;
                share("sell-through", *sell_through)?;
                if cliff_days > duration_days {
                    return Err(TokenomicsError::CliffAfterEnd {
                        cohort,
                        cliff_days: *cliff_days,
                        duration_days: *duration_days,
                    });
                }
                // What vested before the start date already circulates.
                let before = f64::from(start_date.days() - vesting_start.days()) - 1.0;
                allocated +=
                    amount - vested(*amount, before, *cliff_days, *duration_days, *step_days);
            }
        }
    }
    let locked = start.total - start.circulating;
    if allocated > locked * (1.0 + 1e-12) {
        return Err(TokenomicsError::AllocationAboveLocked { allocated, locked });
    }
    Ok(())
}

/// The value of a step function `(from, value)` (first date first) on `date`; `before` ahead
/// of the first step.
fn step_value(steps: &[(Date, f64)], date: Date, before: f64) -> f64 {
    steps
        .iter()
        .take_while(|(from, _)| *from <= date)
        .last()
        .map_or(before, |(_, v)| *v)
}

/// Runs `components` over `days` days from `start_date` (day 0 is the start date) on the
/// supply `start`, in the order given.
///
/// # Errors
/// [`TokenomicsError`] naming the first bad value: more than [`MAX_DAYS`], a NaN or negative
/// rate or amount, circulating above total supply, cohorts above the locked supply, a cliff
/// after its cohort's end.
pub fn schedule(
    start_date: Date,
    start: SupplyStart,
    components: &[Component],
    days: usize,
) -> Result<Vec<SupplyDay>, TokenomicsError> {
    run(start_date, start, components, days, None)
}

/// [`schedule`], and each component's new supply day by day: `by_component[i][d]` is what
/// component `i` minted on day `d` (for a vesting cohort, what it released), so that a chart
/// can stack where the supply comes from. Burns are the days' [`SupplyDay::burn`].
///
/// # Errors
/// As [`schedule`].
pub fn schedule_by_component(
    start_date: Date,
    start: SupplyStart,
    components: &[Component],
    days: usize,
) -> Result<(Vec<SupplyDay>, Vec<Vec<f64>>), TokenomicsError> {
    let mut by_component = vec![Vec::with_capacity(days); components.len()];
    let out = run(start_date, start, components, days, Some(&mut by_component))?;
    Ok((out, by_component))
}

/// The daily recursion behind [`schedule`]; with `by_component`, each component's new supply
/// is pushed to its own vector each day.
fn run(
    start_date: Date,
    start: SupplyStart,
    components: &[Component],
    days: usize,
    mut by_component: Option<&mut Vec<Vec<f64>>>,
) -> Result<Vec<SupplyDay>, TokenomicsError> {
    validate(start_date, &start, components, days)?;
    let mut total = start.total;
    let mut circulating = start.circulating;
    let mut issuances: Vec<f64> = components
        .iter()
        .map(|c| match c {
            Component::HalvingEmission { issuance, .. } => *issuance,
            _ => 0.0,
        })
        .collect();
    let mut out = Vec::with_capacity(days);
    for d in 0..days {
        let date = Date::from_days(start_date.days().saturating_add(d as i32));
        let day_start_total = total;
        let (mut emission, mut burn, mut unlocked, mut sold, mut locked_mint, mut bought) =
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut recycled = 0.0;
        for (i, (c, issuance)) in components.iter().zip(issuances.iter_mut()).enumerate() {
            let (emission_before, unlocked_before) = (emission, unlocked);
            match c {
                Component::HalvingEmission {
                    base_per_day,
                    cap,
                    recycled_per_day,
                    burned_per_day,
                    sell_through,
                    ..
                } => {
                    let minted = halving_emission(*issuance, *base_per_day, *cap)
                        .min((*cap - *issuance).max(0.0));
                    *issuance += minted - recycled_per_day;
                    emission += minted;
                    recycled += recycled_per_day;
                    burn += recycled_per_day + burned_per_day;
                    sold += minted * sell_through;
                }
                Component::SupplyInflation {
                    rates,
                    treasury_share,
                    treasury_circulates,
                    burn_rate,
                    sell_through,
                } => {
                    let first = rates.first().map_or(0.0, |r| r.1);
                    let minted = step_value(rates, date, first) * day_start_total / 365.0;
                    let treasury = minted * treasury_share;
                    emission += minted;
                    if !treasury_circulates {
                        locked_mint += treasury;
                    }
                    burn += burn_rate * day_start_total / 365.0;
                    sold += (minted - treasury) * sell_through;
                }
                Component::DecliningReward {
                    genesis,
                    start_rate,
                    floor_rate,
                    decline_days,
                    factors,
                    other_rate,
                    burn_rate,
                    sell_through,
                } => {
                    let t = f64::from(date.days() - genesis.days());
                    let rate = declining_rate(t, *start_rate, *floor_rate, *decline_days)
                        * step_value(factors, date, 1.0)
                        + other_rate;
                    let minted = rate * day_start_total / 365.25;
                    emission += minted;
                    burn += burn_rate * day_start_total / 365.25;
                    sold += minted * sell_through;
                }
                Component::YearlyEmission {
                    start,
                    yearly,
                    damping,
                    max_supply,
                    burned_per_day,
                    sell_through,
                } => {
                    let elapsed = date.days() - start.days();
                    let amount = if elapsed < 0 {
                        0.0
                    } else {
                        let year = (elapsed / 365) as usize;
                        match yearly.get(year) {
                            Some(e) => *e,
                            None => {
                                let last = yearly.last().copied().unwrap_or(0.0);
                                let beyond = (year + 1 - yearly.len()) as i32;
                                last * damping.powi(beyond)
                            }
                        }
                    };
                    let room = (max_supply - (day_start_total + emission)).max(0.0);
                    let minted = (amount / 365.0).min(room);
                    emission += minted;
                    burn += burned_per_day;
                    sold += minted * sell_through;
                }
                Component::Buyback {
                    tokens_per_day,
                    burn: burnt,
                } => {
                    bought += tokens_per_day;
                    if *burnt {
                        burn += tokens_per_day;
                    } else {
                        locked_mint += tokens_per_day;
                    }
                }
                Component::Vesting {
                    amount,
                    start,
                    cliff_days,
                    duration_days,
                    step_days,
                    sell_through,
                } => {
                    let elapsed = f64::from(date.days() - start.days());
                    let release =
                        |e: f64| vested(*amount, e, *cliff_days, *duration_days, *step_days);
                    let today = release(elapsed) - release(elapsed - 1.0);
                    unlocked += today;
                    sold += today * sell_through;
                }
            }
            if let Some(by) = by_component.as_deref_mut() {
                by[i].push(emission - emission_before + unlocked - unlocked_before);
            }
        }
        // Burns come out of circulation first, never below zero.
        let burn_applied = burn.min(total + emission);
        total += emission - burn_applied;
        circulating =
            (circulating + emission - locked_mint + unlocked - burn_applied).clamp(0.0, total);
        out.push(SupplyDay {
            date,
            total,
            circulating,
            liquid: circulating * (1.0 - start.staked_share),
            emission,
            burn: burn_applied,
            recycled,
            unlocked,
            sold,
            bought,
            net_inflation_annualised: if day_start_total > 0.0 {
                (emission - burn_applied) / day_start_total * 365.0
            } else {
                0.0
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
