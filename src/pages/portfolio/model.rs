//! The portfolio page's holdings: each valued at its asset's last close in the data, and the
//! edits the holdings table makes to the link's scenario.
//!
//! Conventions: a holding's **exposure** is `q · P` (its market value at the last close);
//! its **equity**, what the holder has in it, is the exposure for a spot holding and the
//! margin `q · P / L` for one with leverage `L` (opened at today's price: the page does not
//! know the margin of a position opened earlier). Its **exposure weight** is `±exposure /
//! total equity` (negative for a short), so a portfolio return is a return on equity.

use super::maintenance::liquidation_point;
use crate::data::Dataset;
use tokenrisk_core::scenario::{Holding, Scenario, MAX_HOLDINGS};
use tokenrisk_core::time::Date;

/// One holding valued at its asset's last close.
#[derive(Debug, Clone, PartialEq)]
pub struct Valued {
    /// Its place in the scenario's holdings.
    pub index: usize,
    /// The holding as the scenario has it.
    pub holding: Holding,
    /// The asset's last close.
    pub price: f64,
    /// That close's date.
    pub price_date: Date,
    /// `q · P`.
    pub exposure: f64,
    /// The exposure, or the margin `q · P / L` with leverage.
    pub equity: f64,
    /// Profit or loss since the entry price, `±q (P − entry)`, when there is one.
    pub pnl: Option<f64>,
    /// For a leveraged holding, the adverse move (a share of the price) at which it is
    /// liquidated (`maintenance::liquidation_point`: its contract's brackets, else the stated
    /// assumption); `None` for spot, or where no price liquidates it or its contract does not
    /// allow its leverage (its loss is then capped at its margin alone).
    pub liquidation: Option<f64>,
}

impl Valued {
    /// "long TAO", "short BTC": how the tables name a holding.
    pub fn name(&self) -> String {
        let side = if self.holding.short { "short" } else { "long" };
        format!("{side} {}", self.holding.asset)
    }

    /// `+1` long, `−1` short.
    pub fn side(&self) -> f64 {
        if self.holding.short {
            -1.0
        } else {
            1.0
        }
    }

    /// Whether a move of its price by `x` (a fraction) liquidates it: the adverse move reaches
    /// its liquidation point, or its loss its equity.
    pub fn liquidated_by(&self, x: f64) -> bool {
        let pnl = self.side() * self.exposure * x;
        self.liquidation.is_some_and(|d| -self.side() * x >= d) || pnl <= -self.equity
    }

    /// Its P&L if its price moves by `x`: `±q · P · x`, or its whole equity once the move
    /// liquidates it (an isolated position liquidated loses its margin: what is left of it
    /// goes to the venue's insurance fund), never more.
    pub fn pnl_at(&self, x: f64) -> f64 {
        if self.liquidated_by(x) {
            -self.equity
        } else {
            self.side() * self.exposure * x
        }
    }
}

/// The scenario's holdings valued on the data there is.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// Holdings with prices and a quantity above zero, in the scenario's order.
    pub rows: Vec<Valued>,
    /// `Σ equity`.
    pub equity: f64,
    /// `Σ exposure` (gross).
    pub gross: f64,
    /// Why a holding was left out (no prices for its asset, no quantity).
    pub left_out: Vec<String>,
}

impl Book {
    /// Each holding's exposure weight, `±exposure / Σ equity`.
    pub fn weights(&self) -> Vec<f64> {
        self.rows
            .iter()
            .map(|r| r.side() * r.exposure / self.equity)
            .collect()
    }

    /// The distinct assets held, in the order first held.
    pub fn assets(&self) -> Vec<&str> {
        let mut assets: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !assets.contains(&r.holding.asset.as_str()) {
                assets.push(&r.holding.asset);
            }
        }
        assets
    }
}

/// The scenario's holdings valued at each asset's last close in `dataset`.
pub fn book(dataset: &Dataset, scenario: &Scenario) -> Book {
    let mut left_out = Vec::new();
    let rows: Vec<Valued> = scenario
        .holdings
        .iter()
        .enumerate()
        .filter_map(|(index, h)| {
            let last = dataset.get(&h.asset).and_then(|s| {
                let p = &s.prices;
                Some((*p.values().last()?, *p.times().last()?))
            });
            let Some((price, time)) = last else {
                left_out.push(format!(
                    "holding {} ({}): no prices for it in the data",
                    index + 1,
                    h.asset
                ));
                return None;
            };
            if h.quantity <= 0.0 {
                left_out.push(format!("holding {} ({}): no quantity", index + 1, h.asset));
                return None;
            }
            let exposure = h.quantity * price;
            let mut valued = Valued {
                index,
                holding: h.clone(),
                price,
                price_date: Date::from_unix(time),
                exposure,
                equity: exposure / h.leverage.unwrap_or(1.0),
                pnl: None,
                liquidation: h.leverage.and_then(|l| {
                    liquidation_point(&h.asset, price, h.quantity, l, h.short)
                        .ok()
                        .map(|p| p.distance)
                }),
            };
            valued.pnl = h
                .entry_price
                .map(|e| valued.side() * h.quantity * (price - e));
            Some(valued)
        })
        .collect();
    Book {
        equity: rows.iter().map(|r| r.equity).sum(),
        gross: rows.iter().map(|r| r.exposure).sum(),
        rows,
        left_out,
    }
}

/// A field of a holding the table edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The asset id.
    Asset,
    /// Units held.
    Quantity,
    /// Entry price (empty: none).
    EntryPrice,
    /// Leverage (empty: spot).
    Leverage,
    /// `long` or `short`.
    Side,
    /// Stop price (empty: none).
    Stop,
}

/// `scenario` with holding `index`'s `field` set from the text `value`, checked against the
/// scenario's rules; the scenario's data date (`as_of`) becomes `as_of`.
///
/// # Errors
/// A sentence saying what is wrong with the value; the scenario is then left as it was.
pub fn edit(
    scenario: &Scenario,
    index: usize,
    field: Field,
    value: &str,
    as_of: Option<Date>,
) -> Result<Scenario, String> {
    let mut next = scenario.clone();
    let holding = next
        .holdings
        .get_mut(index)
        .ok_or_else(|| format!("there is no holding {}", index + 1))?;
    let value = value.trim();
    let number = |what: &str| -> Result<f64, String> {
        value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{what} “{value}” is not a number"))
    };
    let optional = |what: &str| -> Result<Option<f64>, String> {
        if value.is_empty() {
            Ok(None)
        } else {
            number(what).map(Some)
        }
    };
    match field {
        Field::Asset => holding.asset = value.to_ascii_uppercase(),
        Field::Quantity => holding.quantity = number("the quantity")?,
        Field::EntryPrice => holding.entry_price = optional("the entry price")?,
        Field::Leverage => {
            holding.leverage = optional("the leverage")?.filter(|l| *l != 1.0);
        }
        Field::Side => holding.short = value == "short",
        Field::Stop => holding.stop = optional("the stop price")?,
    }
    next.as_of = as_of.map(Date::days).or(next.as_of);
    next.validate().map_err(|e| {
        let e = e.to_string();
        format!("{}{}", e[..1].to_uppercase(), &e[1..])
    })?;
    Ok(next)
}

/// `scenario` with a holding of `asset` added (quantity 1, spot), unless it already has the
/// most holdings allowed.
///
/// # Errors
/// A sentence when the scenario is full.
pub fn add(scenario: &Scenario, asset: &str) -> Result<Scenario, String> {
    if scenario.holdings.len() >= MAX_HOLDINGS {
        return Err(format!(
            "A portfolio holds at most {MAX_HOLDINGS} holdings."
        ));
    }
    let mut next = scenario.clone();
    next.holdings.push(Holding::spot(asset, 1.0));
    Ok(next)
}

/// `scenario` without holding `index` (unchanged when there is none).
pub fn remove(scenario: &Scenario, index: usize) -> Scenario {
    let mut next = scenario.clone();
    if index < next.holdings.len() {
        next.holdings.remove(index);
    }
    next
}
