//! Liquidation price of a linear (USDⓈ-margined) perpetual position in one-way mode, isolated or
//! cross, long or short, with tiered maintenance margin ("brackets").
//!
//! # The formula
//!
//! Source: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts"
//! (<https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93>), one-way mode
//! (position side BOTH), as implemented by freqtrade (`freqtrade/exchange/binance.py`):
//!
//! ```text
//! LP = ( WB − TMM₁ + UPNL₁ + cumB − Side·Q·EP ) / ( Q·MMR_B − Side·Q )
//! ```
//!
//! | Binance | here |
//! |---|---|
//! | `WB` (cross or isolated wallet balance) | [`Margin::Isolated::wallet`](Margin::Isolated), [`Margin::Cross::wallet`](Margin::Cross) |
//! | `TMM₁` (maintenance margin of all other positions; 0 isolated) | [`Margin::Cross::others_maintenance`](Margin::Cross) |
//! | `UPNL₁` (unrealised PnL of all other positions; 0 isolated) | [`Margin::Cross::others_unrealised_pnl`](Margin::Cross) |
//! | `cumB` (maintenance amount of the bracket) | [`Bracket::maintenance_amount`] |
//! | `MMR_B` (maintenance margin rate of the bracket) | [`Bracket::maintenance_rate`] |
//! | `Side` (+1 long, −1 short) | [`Side::sign`] |
//! | `Q` (absolute position size, base units) | [`Position::size`] |
//! | `EP` (entry price) | [`Position::entry`] |
//!
//! It solves "margin balance = maintenance margin" at the price `LP`, where the margin balance
//! is `WB − TMM₁ + UPNL₁ + Side·Q·(LP − EP)` and the position's maintenance margin is
//! `Q·LP·MMR − cum` (Binance: "Maintenance Margin = Notional Position Value × Maintenance
//! Margin Rate − Maintenance Amount"). For an isolated position with no other positions this
//! is `LP = (Q·EP − WB − cum) / (Q·(1 − MMR))` for a long and
//! `LP = (Q·EP + WB + cum) / (Q·(1 + MMR))` for a short. The shortcut `EP·(1 ∓ 1/L ± MMR)`
//! is only approximate and is not used.
//!
//! # The bracket
//!
//! The rate and amount are those of the bracket (tier) holding the position's notional. Binance:
//! "If your position (calculated at the liquidation price) and the current position
//! (calculated at the opening price) are of different levels, then you must substitute … the
//! maintenance margin rate and the maintenance amount of the position level [at the
//! liquidation price], to recalculate". [`liquidation_price`] returns the fixed point of that
//! re-check: the price computed with the bracket whose notional range holds `Q·LP`. The
//! maintenance amounts follow Binance's recursion `cum_n = floor_n·(MMR_n − MMR_{n−1}) +
//! cum_{n−1}`, which makes the maintenance margin continuous and convex in the notional, so
//! exactly one price satisfies the condition (two brackets give the same price at a boundary).
//! Above the last bracket's cap (a short's liquidation notional can be), the last bracket
//! applies.
//!
//! # Conventions
//!
//! - Prices in the quote currency (USDT), size in base units, notional `= size · price`.
//! - Liquidation is triggered on the mark price; this module's price is that mark price.
//! - With a leverage instead of a wallet, the isolated wallet is the initial margin
//!   `notional / leverage` at entry ([`initial_margin`]); the leverage may not exceed the
//!   maximum of the bracket holding the entry notional.
//! - Fees, funding and the liquidation fee are not included.
//! - `distance` is `(LP − EP) / EP`: negative for a long, positive for a short.

/// Which way the position is exposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Gains when the price rises.
    Long,
    /// Gains when the price falls.
    Short,
}

impl Side {
    /// Binance's `Side`: +1 for a long, −1 for a short.
    pub fn sign(self) -> f64 {
        match self {
            Side::Long => 1.0,
            Side::Short => -1.0,
        }
    }
}

/// One maintenance-margin bracket (tier): positions whose notional is in
/// `[notional_floor, notional_cap)` may use up to `max_leverage` and keep
/// `notional · maintenance_rate − maintenance_amount` as maintenance margin.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bracket {
    /// Lowest notional of the bracket (quote currency), included.
    pub notional_floor: f64,
    /// Notional where the next bracket starts, excluded.
    pub notional_cap: f64,
    /// Highest leverage a position opened in this bracket may use.
    pub max_leverage: f64,
    /// Maintenance margin rate (a fraction, `0.004` is 0.4 %).
    pub maintenance_rate: f64,
    /// Maintenance amount (Binance's `cum`), quote currency.
    pub maintenance_amount: f64,
}

impl Bracket {
    /// Maintenance margin of a position of this notional in this bracket:
    /// `notional · maintenance_rate − maintenance_amount`.
    pub fn maintenance_margin(&self, notional: f64) -> f64 {
        notional * self.maintenance_rate - self.maintenance_amount
    }
}

/// Why a bracket table is not usable.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// No bracket.
    #[error("the bracket table is empty")]
    Empty,
    /// A number is NaN or infinite.
    #[error("bracket {tier} has a value that is not a finite number")]
    NotFinite {
        /// The bracket, from 1.
        tier: usize,
    },
    /// The first bracket does not start at notional 0.
    #[error("bracket 1 starts at notional {floor}, not 0")]
    FirstFloorNotZero {
        /// The first bracket's floor.
        floor: f64,
    },
    /// A bracket's cap is not above its floor.
    #[error("bracket {tier}'s cap is not above its floor")]
    NotIncreasing {
        /// The bracket, from 1.
        tier: usize,
    },
    /// A bracket does not start where the previous one ends.
    #[error("bracket {tier} starts at {floor}, not at the previous cap {previous_cap}")]
    NotContiguous {
        /// The bracket, from 1.
        tier: usize,
        /// Its floor.
        floor: f64,
        /// The previous bracket's cap.
        previous_cap: f64,
    },
    /// A maintenance rate is not in (0, 1), or is below the previous bracket's.
    #[error("bracket {tier}'s maintenance rate {rate} is not in (0, 1) and at least the previous bracket's")]
    Rate {
        /// The bracket, from 1.
        tier: usize,
        /// Its rate.
        rate: f64,
    },
    /// A maximum leverage is below 1, or its initial margin rate `1 / max_leverage` is not above
    /// the maintenance rate (a position opened at the maximum would be liquidated at once).
    #[error("bracket {tier}'s maximum leverage {max_leverage} is below 1 or leaves less initial margin than maintenance margin")]
    MaxLeverage {
        /// The bracket, from 1.
        tier: usize,
        /// Its maximum leverage.
        max_leverage: f64,
    },
    /// A maintenance amount differs from Binance's recursion
    /// `cum_n = floor_n·(MMR_n − MMR_{n−1}) + cum_{n−1}` (`cum_1 = 0`).
    #[error("bracket {tier}'s maintenance amount is {found}, the recursion gives {expected}")]
    Amount {
        /// The bracket, from 1.
        tier: usize,
        /// What the recursion gives.
        expected: f64,
        /// What the table says.
        found: f64,
    },
}

/// A validated bracket table: at least one bracket, the first from notional 0, each starting at
/// the previous cap, rates in (0, 1) and non-decreasing, `1 ≤ max_leverage < 1 / rate`, and
/// maintenance amounts following Binance's recursion (to the cent).
#[derive(Debug, Clone, PartialEq)]
pub struct BracketTable {
    brackets: Vec<Bracket>,
}

impl BracketTable {
    /// Validates `brackets` (lowest notional first).
    ///
    /// # Errors
    /// The first rule a bracket breaks, naming the bracket from 1.
    pub fn new(brackets: Vec<Bracket>) -> Result<Self, TableError> {
        let first = brackets.first().ok_or(TableError::Empty)?;
        if first.notional_floor != 0.0 {
            return Err(TableError::FirstFloorNotZero {
                floor: first.notional_floor,
            });
        }
        let mut previous: Option<&Bracket> = None;
        let mut expected_amount = 0.0;
        for (i, b) in brackets.iter().enumerate() {
            let tier = i + 1;
            let values = [
                b.notional_floor,
                b.notional_cap,
                b.max_leverage,
                b.maintenance_rate,
                b.maintenance_amount,
            ];
            if values.iter().any(|v| !v.is_finite()) {
                return Err(TableError::NotFinite { tier });
            }
            if b.notional_cap <= b.notional_floor {
                return Err(TableError::NotIncreasing { tier });
            }
            let previous_rate = previous.map_or(0.0, |p| p.maintenance_rate);
            if let Some(p) = previous {
                if b.notional_floor != p.notional_cap {
                    return Err(TableError::NotContiguous {
                        tier,
                        floor: b.notional_floor,
                        previous_cap: p.notional_cap,
                    });
                }
            }
            if !(b.maintenance_rate > 0.0
                && b.maintenance_rate < 1.0
                && b.maintenance_rate >= previous_rate)
            {
                return Err(TableError::Rate {
                    tier,
                    rate: b.maintenance_rate,
                });
            }
            if !(b.max_leverage >= 1.0 && b.max_leverage * b.maintenance_rate < 1.0) {
                return Err(TableError::MaxLeverage {
                    tier,
                    max_leverage: b.max_leverage,
                });
            }
            expected_amount += b.notional_floor * (b.maintenance_rate - previous_rate);
            if (b.maintenance_amount - expected_amount).abs() > 0.01 + 1e-9 * expected_amount.abs()
            {
                return Err(TableError::Amount {
                    tier,
                    expected: expected_amount,
                    found: b.maintenance_amount,
                });
            }
            previous = Some(b);
        }
        Ok(Self { brackets })
    }

    /// Builds a table from `(notional_floor, notional_cap, max_leverage, maintenance_rate)`
    /// rows, the maintenance amounts computed by Binance's recursion and rounded to the cent.
    ///
    /// # Errors
    /// As [`BracketTable::new`].
    pub fn from_rates(rows: &[(f64, f64, f64, f64)]) -> Result<Self, TableError> {
        let mut amount = 0.0;
        let mut previous_rate = 0.0;
        let brackets = rows
            .iter()
            .map(|&(floor, cap, max_leverage, rate)| {
                amount += floor * (rate - previous_rate);
                previous_rate = rate;
                Bracket {
                    notional_floor: floor,
                    notional_cap: cap,
                    max_leverage,
                    maintenance_rate: rate,
                    maintenance_amount: (amount * 100.0).round() / 100.0,
                }
            })
            .collect();
        Self::new(brackets)
    }

    /// The brackets, lowest notional first.
    pub fn brackets(&self) -> &[Bracket] {
        &self.brackets
    }

    /// Highest notional the table covers (the last cap).
    pub fn notional_cap(&self) -> f64 {
        self.brackets
            .last()
            .map_or(f64::INFINITY, |b| b.notional_cap)
    }

    /// The bracket holding `notional` as `(tier from 1, bracket)`: `floor ≤ notional < cap`;
    /// notionals at or above the last cap get the last bracket, below 0 (or NaN) none.
    pub fn bracket_at(&self, notional: f64) -> Option<(usize, &Bracket)> {
        if notional.is_nan() || notional < 0.0 {
            return None;
        }
        let last = self.brackets.len().checked_sub(1)?;
        let index = self
            .brackets
            .iter()
            .position(|b| notional < b.notional_cap)
            .unwrap_or(last);
        Some((index + 1, &self.brackets[index]))
    }

    /// Maintenance margin of a position of this notional (0 for a notional that is not ≥ 0).
    pub fn maintenance_margin(&self, notional: f64) -> f64 {
        self.bracket_at(notional)
            .map_or(0.0, |(_, b)| b.maintenance_margin(notional))
    }
}

/// An open position, one-way mode.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// Long or short.
    pub side: Side,
    /// Entry price (quote currency), > 0.
    pub entry: f64,
    /// Absolute size in base units (e.g. BTC), > 0.
    pub size: f64,
}

impl Position {
    /// Notional at `price`: `size · price`.
    pub fn notional_at(&self, price: f64) -> f64 {
        self.size * price
    }

    /// Unrealised PnL at `mark`: `Side · size · (mark − entry)`.
    pub fn unrealised_pnl(&self, mark: f64) -> f64 {
        self.side.sign() * self.size * (mark - self.entry)
    }
}

/// The margin backing the position.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Margin {
    /// Isolated margin: only `wallet` (the margin allocated to this position) can be lost.
    Isolated {
        /// Isolated wallet balance (Binance's `isolatedWalletBalance`), ≥ 0.
        wallet: f64,
    },
    /// Cross margin: the whole account backs every cross position.
    Cross {
        /// Cross wallet balance (Binance's `crossWalletBalance`), ≥ 0.
        wallet: f64,
        /// Maintenance margin of all other cross positions (`TMM₁`), ≥ 0.
        others_maintenance: f64,
        /// Unrealised PnL of all other cross positions (`UPNL₁`), any sign.
        others_unrealised_pnl: f64,
    },
}

impl Margin {
    /// `WB − TMM₁ + UPNL₁`: what the formula's numerator takes from the account.
    fn available(&self) -> f64 {
        match *self {
            Margin::Isolated { wallet } => wallet,
            Margin::Cross {
                wallet,
                others_maintenance,
                others_unrealised_pnl,
            } => wallet - others_maintenance + others_unrealised_pnl,
        }
    }
}

/// A liquidation price and the bracket it was computed with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Liquidation {
    /// Mark price at which the position is liquidated.
    pub price: f64,
    /// The bracket used, from 1: the one holding the notional at [`Liquidation::price`].
    pub tier: usize,
    /// That bracket (its maintenance rate and amount).
    pub bracket: Bracket,
    /// The bracket holding the notional at entry, from 1 (differs from `tier` when the
    /// re-check moved it).
    pub entry_tier: usize,
    /// `(price − entry) / entry`: negative for a long, positive for a short.
    pub distance: f64,
}

/// Why there is no liquidation price.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LeverageError {
    /// An input is NaN or infinite.
    #[error("{field} is not a finite number")]
    NotFinite {
        /// The input's name.
        field: &'static str,
    },
    /// An input that must be above 0 is not (entry price, size, leverage).
    #[error("{field} must be above 0 (got {value})")]
    NotPositive {
        /// The input's name.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// An input that may not be negative is (wallet, other positions' maintenance margin).
    #[error("{field} must not be negative (got {value})")]
    Negative {
        /// The input's name.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// The leverage is above the maximum of the bracket holding the entry notional.
    #[error("leverage {leverage}× is above bracket {tier}'s maximum of {maximum}× for a notional of {notional}")]
    LeverageAboveMaximum {
        /// The leverage asked for.
        leverage: f64,
        /// The bracket's maximum.
        maximum: f64,
        /// The bracket holding the entry notional, from 1.
        tier: usize,
        /// The entry notional.
        notional: f64,
    },
    /// An isolated wallet below the initial margin at the bracket's maximum leverage.
    #[error("isolated margin {wallet} is below the initial margin {required} that bracket {tier}'s maximum leverage of {maximum}× requires")]
    MarginBelowInitial {
        /// The isolated wallet.
        wallet: f64,
        /// `entry notional / maximum leverage`.
        required: f64,
        /// The bracket's maximum leverage.
        maximum: f64,
        /// The bracket holding the entry notional, from 1.
        tier: usize,
    },
    /// The entry notional is at or above the table's last cap: no bracket allows it.
    #[error("notional {notional} is at or above the largest position the brackets allow ({cap})")]
    NotionalAboveTable {
        /// The entry notional.
        notional: f64,
        /// The last bracket's cap.
        cap: f64,
    },
    /// A bracket given alone has a maintenance rate outside (0, 1) or an amount that is not
    /// finite.
    #[error("the bracket's maintenance rate {rate} is not in (0, 1) or its amount {amount} is not finite")]
    InvalidBracket {
        /// Its maintenance rate.
        rate: f64,
        /// Its maintenance amount.
        amount: f64,
    },
    /// A long whose margin covers the whole notional: the price would have to fall to 0 or
    /// below, so it is never liquidated (Binance shows "--").
    #[error("no liquidation: the margin covers the whole position, the price would have to fall to 0 or below")]
    NeverLiquidated,
    /// A short (in a cross account) whose margin balance is below maintenance at any price.
    #[error("no liquidation price: the account's margin is below maintenance at any price")]
    BelowMaintenanceAtAnyPrice,
}

fn finite(value: f64, field: &'static str) -> Result<f64, LeverageError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(LeverageError::NotFinite { field })
    }
}

fn positive(value: f64, field: &'static str) -> Result<f64, LeverageError> {
    if finite(value, field)? > 0.0 {
        Ok(value)
    } else {
        Err(LeverageError::NotPositive { field, value })
    }
}

fn non_negative(value: f64, field: &'static str) -> Result<f64, LeverageError> {
    if finite(value, field)? >= 0.0 {
        Ok(value)
    } else {
        Err(LeverageError::Negative { field, value })
    }
}

fn check_position(position: &Position) -> Result<(), LeverageError> {
    positive(position.entry, "entry price")?;
    positive(position.size, "size")?;
    if !position.notional_at(position.entry).is_finite() {
        return Err(LeverageError::NotFinite { field: "notional" });
    }
    Ok(())
}

fn check_margin(margin: &Margin) -> Result<(), LeverageError> {
    match *margin {
        Margin::Isolated { wallet } => {
            non_negative(wallet, "wallet")?;
        }
        Margin::Cross {
            wallet,
            others_maintenance,
            others_unrealised_pnl,
        } => {
            non_negative(wallet, "wallet")?;
            non_negative(others_maintenance, "other positions' maintenance margin")?;
            finite(others_unrealised_pnl, "other positions' unrealised PnL")?;
        }
    }
    if !margin.available().is_finite() {
        return Err(LeverageError::NotFinite { field: "margin" });
    }
    Ok(())
}

/// The bracket holding the entry notional, from 1, or why the table does not allow it.
fn entry_bracket(
    position: &Position,
    table: &BracketTable,
) -> Result<(usize, Bracket), LeverageError> {
    let notional = position.notional_at(position.entry);
    if notional >= table.notional_cap() {
        return Err(LeverageError::NotionalAboveTable {
            notional,
            cap: table.notional_cap(),
        });
    }
    table
        .bracket_at(notional)
        .map(|(tier, b)| (tier, *b))
        .ok_or(LeverageError::NotFinite { field: "notional" })
}

/// Initial margin of `position` opened at `leverage`: `entry notional / leverage`. The leverage
/// must be above 0 and at most the maximum of the bracket holding the entry notional.
///
/// # Errors
/// [`LeverageError::NotFinite`], [`LeverageError::NotPositive`],
/// [`LeverageError::NotionalAboveTable`] or [`LeverageError::LeverageAboveMaximum`].
pub fn initial_margin(
    position: &Position,
    leverage: f64,
    table: &BracketTable,
) -> Result<f64, LeverageError> {
    check_position(position)?;
    positive(leverage, "leverage")?;
    let (tier, bracket) = entry_bracket(position, table)?;
    let notional = position.notional_at(position.entry);
    if leverage > bracket.max_leverage {
        return Err(LeverageError::LeverageAboveMaximum {
            leverage,
            maximum: bracket.max_leverage,
            tier,
            notional,
        });
    }
    Ok(notional / leverage)
}

/// The formula with one bracket's rate and amount, no re-check:
/// `(WB − TMM₁ + UPNL₁ + cum − Side·Q·EP) / (Q·MMR − Side·Q)`. This is what Binance's worked
/// example computes when it gives the bracket.
///
/// # Errors
/// Invalid inputs (NaN, size or entry ≤ 0, negative wallet), [`LeverageError::InvalidBracket`],
/// [`LeverageError::NeverLiquidated`] or [`LeverageError::BelowMaintenanceAtAnyPrice`] when the
/// price would be 0 or below.
pub fn liquidation_price_in_bracket(
    position: &Position,
    margin: &Margin,
    bracket: &Bracket,
) -> Result<f64, LeverageError> {
    check_position(position)?;
    check_margin(margin)?;
    let rate = bracket.maintenance_rate;
    if !(rate > 0.0 && rate < 1.0 && bracket.maintenance_amount.is_finite()) {
        return Err(LeverageError::InvalidBracket {
            rate,
            amount: bracket.maintenance_amount,
        });
    }
    let price = formula(position, margin.available(), bracket);
    if price > 0.0 && price.is_finite() {
        Ok(price)
    } else {
        Err(no_price(position.side))
    }
}

fn no_price(side: Side) -> LeverageError {
    match side {
        Side::Long => LeverageError::NeverLiquidated,
        Side::Short => LeverageError::BelowMaintenanceAtAnyPrice,
    }
}

fn formula(position: &Position, available: f64, bracket: &Bracket) -> f64 {
    let s = position.side.sign();
    let q = position.size;
    (available + bracket.maintenance_amount - s * q * position.entry)
        / (q * bracket.maintenance_rate - s * q)
}

/// Liquidation price of `position` backed by `margin`, with the bracket re-checked at the
/// liquidation notional (see the module documentation for the formula and the procedure).
///
/// An isolated wallet must be at least the initial margin at the maximum leverage of the
/// bracket holding the entry notional (`entry notional / max_leverage`); with that, a long's
/// price is below its entry and a short's above. A cross account's other positions can put the
/// price on either side of the entry.
///
/// # Errors
/// Invalid inputs (NaN or infinite, entry or size ≤ 0, negative wallet or other maintenance),
/// [`LeverageError::NotionalAboveTable`], [`LeverageError::MarginBelowInitial`] (isolated),
/// [`LeverageError::NeverLiquidated`] (a long whose margin covers the notional) or
/// [`LeverageError::BelowMaintenanceAtAnyPrice`] (a short whose account is short of
/// maintenance at any price).
pub fn liquidation_price(
    position: &Position,
    margin: &Margin,
    table: &BracketTable,
) -> Result<Liquidation, LeverageError> {
    check_position(position)?;
    check_margin(margin)?;
    let (entry_tier, entry) = entry_bracket(position, table)?;
    if let Margin::Isolated { wallet } = *margin {
        let required = position.notional_at(position.entry) / entry.max_leverage;
        if wallet < required {
            return Err(LeverageError::MarginBelowInitial {
                wallet,
                required,
                maximum: entry.max_leverage,
                tier: entry_tier,
            });
        }
    }
    let available = margin.available();
    // Margin balance at price 0 is `available − Side·Q·EP` and the maintenance margin is 0
    // there: a long still covered at 0, or a short short of it at 0, has no positive price.
    let at_zero = available - position.side.sign() * position.notional_at(position.entry);
    let no_positive_price = match position.side {
        Side::Long => at_zero >= 0.0,
        Side::Short => at_zero <= 0.0,
    };
    if no_positive_price {
        return Err(no_price(position.side));
    }
    let candidates: Vec<(usize, Bracket, f64)> = table
        .brackets()
        .iter()
        .enumerate()
        .map(|(i, b)| (i + 1, *b, formula(position, available, b)))
        .collect();
    let holds = |tier: usize, price: f64| {
        table
            .bracket_at(position.notional_at(price))
            .is_some_and(|(t, _)| t == tier)
    };
    // The fixed point of Binance's re-check. Every bracket's line lies under the convex
    // maintenance curve, so a long's true price is the highest candidate and a short's the
    // lowest; that one is taken should rounding at a boundary leave no exact fixed point.
    let chosen = candidates
        .iter()
        .find(|(tier, _, price)| holds(*tier, *price))
        .or_else(|| {
            let key = |c: &&(usize, Bracket, f64)| position.side.sign() * c.2;
            candidates.iter().max_by(|a, b| key(a).total_cmp(&key(b)))
        })
        .copied();
    let (tier, bracket, price) = chosen.ok_or(LeverageError::NotFinite { field: "table" })?;
    if !(price > 0.0 && price.is_finite()) {
        return Err(no_price(position.side));
    }
    let distance = (price - position.entry) / position.entry;
    if !distance.is_finite() {
        return Err(LeverageError::NotFinite { field: "distance" });
    }
    Ok(Liquidation {
        price,
        tier,
        bracket,
        entry_tier,
        distance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BTCUSDT's first three brackets in the 2024-10-24 snapshot.
    fn btc() -> BracketTable {
        BracketTable::from_rates(&[
            (0.0, 50_000.0, 125.0, 0.004),
            (50_000.0, 600_000.0, 100.0, 0.005),
            (600_000.0, 3_000_000.0, 75.0, 0.0065),
        ])
        .expect("valid")
    }

    #[test]
    fn recursion_gives_the_published_amounts() {
        let amounts: Vec<f64> = btc()
            .brackets()
            .iter()
            .map(|b| b.maintenance_amount)
            .collect();
        assert_eq!(amounts, vec![0.0, 50.0, 950.0]);
    }

    #[test]
    fn tables_that_break_a_rule_are_refused() {
        let good = btc().brackets().to_vec();
        assert_eq!(BracketTable::new(vec![]), Err(TableError::Empty));
        let mut gap = good.clone();
        gap[1].notional_floor = 60_000.0;
        assert!(matches!(
            BracketTable::new(gap),
            Err(TableError::NotContiguous { tier: 2, .. })
        ));
        let mut rate = good.clone();
        rate[2].maintenance_rate = 1.0;
        assert!(matches!(
            BracketTable::new(rate),
            Err(TableError::Rate { tier: 3, .. })
        ));
        let mut amount = good.clone();
        amount[2].maintenance_amount = 900.0;
        assert!(matches!(
            BracketTable::new(amount),
            Err(TableError::Amount { tier: 3, .. })
        ));
        let mut nan = good.clone();
        nan[0].notional_cap = f64::NAN;
        assert!(matches!(
            BracketTable::new(nan),
            Err(TableError::NotFinite { tier: 1 })
        ));
        let mut leverage = good;
        leverage[0].max_leverage = 300.0;
        assert!(matches!(
            BracketTable::new(leverage),
            Err(TableError::MaxLeverage { tier: 1, .. })
        ));
    }

    #[test]
    fn bracket_lookup_is_floor_inclusive_cap_exclusive() {
        let table = btc();
        assert_eq!(table.bracket_at(0.0).map(|b| b.0), Some(1));
        assert_eq!(table.bracket_at(49_999.99).map(|b| b.0), Some(1));
        assert_eq!(table.bracket_at(50_000.0).map(|b| b.0), Some(2));
        assert_eq!(table.bracket_at(5e9).map(|b| b.0), Some(3));
        assert_eq!(table.bracket_at(-1.0), None);
        assert_eq!(table.bracket_at(f64::NAN), None);
        // Continuous at a boundary: 50,000 · 0.4 % − 0 = 50,000 · 0.5 % − 50.
        assert!((table.maintenance_margin(50_000.0) - 200.0).abs() < 1e-9);
    }
}
