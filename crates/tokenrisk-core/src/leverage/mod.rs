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

mod brackets;
pub use brackets::{Bracket, BracketTable, TableError};

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
