//! The holdings' closes on the dates they all have: aligned once per portfolio and read by the
//! risk figures, the worst windows and the simulation.
//!
//! Conventions: daily closes of the bundled data on the dates every series involved has (an
//! inner join), so a portfolio with an equity is read on weekdays only.

use super::model::Book;
use crate::data::Dataset;
use tokenrisk_core::align::{align, Aligned};
use tokenrisk_core::time::Date;
use tokenrisk_core::PriceSeries;

/// Fewest common dates the page computes on.
pub const MIN_DATES: usize = 30;

/// The dates a computation used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First common date.
    pub first: Date,
    /// Last common date.
    pub last: Date,
    /// Daily returns used.
    pub returns: usize,
}

impl Span {
    pub fn of(aligned: &Aligned) -> Option<Self> {
        Some(Self {
            first: Date::from_unix(*aligned.times.first()?),
            last: Date::from_unix(*aligned.times.last()?),
            returns: aligned.times.len().saturating_sub(1),
        })
    }

    /// "from 2024-04-11 to 2026-02-06, 293 daily returns".
    pub fn describe(&self) -> String {
        format!(
            "from {} to {}, {} daily returns",
            self.first, self.last, self.returns
        )
    }
}

/// The price columns of `ids` on their common dates (`None` for an id without data).
pub fn aligned(dataset: &Dataset, ids: &[&str]) -> Option<Aligned> {
    let series: Vec<&PriceSeries> = ids
        .iter()
        .map(|id| dataset.get(id).map(|s| &s.prices))
        .collect::<Option<_>>()?;
    Some(align(&series))
}

/// The holdings' closes on their common dates, and each holding's column among them.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The distinct assets' closes ([`Book::assets`]' order) on their common dates.
    pub aligned: Aligned,
    /// Each holding's column in [`History::aligned`], in the book's order.
    pub column: Vec<usize>,
    /// The dates.
    pub span: Span,
}

impl History {
    /// Each holding's daily simple returns, in the book's order.
    pub fn holding_returns(&self) -> Vec<Vec<f64>> {
        let returns = self.aligned.returns();
        self.column.iter().map(|&c| returns[c].clone()).collect()
    }
}

/// The book's history.
///
/// # Errors
/// A sentence when there are no holdings with prices or fewer than [`MIN_DATES`] common dates.
pub fn history(dataset: &Dataset, book: &Book) -> Result<History, String> {
    if book.rows.is_empty() {
        return Err("no holdings with prices".into());
    }
    let assets = book.assets();
    let aligned = aligned(dataset, &assets).ok_or("a holding has no prices")?;
    if aligned.times.len() < MIN_DATES {
        return Err(format!(
            "the holdings share {} days of prices; at least {MIN_DATES} are needed",
            aligned.times.len()
        ));
    }
    let column = book
        .rows
        .iter()
        .map(|r| {
            assets
                .iter()
                .position(|a| *a == r.holding.asset)
                .unwrap_or(0)
        })
        .collect();
    Ok(History {
        span: Span::of(&aligned).ok_or("no common dates")?,
        aligned,
        column,
    })
}
