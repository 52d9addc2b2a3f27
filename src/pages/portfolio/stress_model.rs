//! The portfolio page's market shock: each holding moves through its loadings on BTC, the
//! AI-equity basket and the AI-token sector's surprise (`tokenrisk_core::stress`), fitted once
//! per portfolio on daily simple returns of the common closes, then applied to the shocks.

use super::history::{aligned, Span};
use super::model::Book;
use crate::data::Dataset;
use crate::format::{percent, price, ratio};
use tokenrisk_core::align::equal_weight_returns;
use tokenrisk_core::regression::Regression;
use tokenrisk_core::stress::{FactorModel, FactorShocks};
use tokenrisk_market::registry::{self, Role};

/// One holding under the shock.
#[derive(Debug, Clone, PartialEq)]
pub struct StressRow {
    /// Asset and side.
    pub holding: String,
    /// Loadings on BTC, the AI-equity basket and the sector's surprise.
    pub betas: [f64; 3],
    /// Their regression's R².
    pub r_squared: f64,
    /// The move the loadings give, and its standard error.
    pub price_move: f64,
    /// Its standard error.
    pub std_error: f64,
    /// Profit (loss negative) in USD: all of the holding's equity once the move liquidates it,
    /// never more.
    pub pnl: f64,
    /// Whether the move liquidates it (it reaches its liquidation point or takes all of its
    /// equity).
    pub wiped_out: bool,
}

/// The market shock through the factor model.
#[derive(Debug, Clone, PartialEq)]
pub struct StressView {
    /// One row per holding.
    pub rows: Vec<StressRow>,
    /// `Σ P&L`.
    pub pnl: f64,
    /// `Σ P&L ÷ equity`.
    pub change: f64,
    /// The part of the sector's shock that BTC's and the basket's do not explain.
    pub sector_surprise: f64,
    /// The assets in the AI-equity basket and the AI-token sector.
    pub basket: Vec<&'static str>,
    /// The sector's members.
    pub sector: Vec<&'static str>,
    /// The dates the loadings were estimated on.
    pub span: Span,
}

/// Column headers of [`StressView::rows`].
pub const STRESS_HEADERS: [&str; 7] = [
    "Holding",
    "β BTC",
    "β AI equities",
    "β sector surprise",
    "R²",
    "Move (± 1 s.e.)",
    "P&L",
];

/// Cells of a stress row.
pub fn stress_cells(r: &StressRow) -> [String; 7] {
    [
        format!(
            "{}{}",
            r.holding,
            if r.wiped_out { " (liquidated)" } else { "" }
        ),
        ratio(r.betas[0]),
        ratio(r.betas[1]),
        ratio(r.betas[2]),
        ratio(r.r_squared),
        format!("{} ± {}", percent(r.price_move, 1), percent(r.std_error, 1)),
        price(r.pnl),
    ]
}

/// Days a factor member's history may end before BTC's and still count.
pub const MEMBER_LAG_DAYS: i64 = 30;

/// The factors' assets present in `dataset` with history up to within [`MEMBER_LAG_DAYS`] of
/// BTC's last close (so one stale series does not cut the window the loadings are estimated
/// on): the AI-equity basket or the AI-token sector.
fn factor_members(dataset: &Dataset, role: Role) -> Vec<&'static str> {
    let last = |id: &str| {
        dataset
            .get(id)
            .and_then(|s| s.prices.times().last().copied())
    };
    let latest = last("BTC").unwrap_or(i64::MAX);
    registry::ids_with_role(role)
        .into_iter()
        .filter(|id| last(id).is_some_and(|t| t >= latest.saturating_sub(MEMBER_LAG_DAYS * 86_400)))
        .collect()
}

/// The factor model fitted on the portfolio's holdings: the sector's regression and each
/// holding's loadings, estimated once per portfolio; a shock is then [`StressModel::apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct StressModel {
    model: FactorModel,
    /// Each holding's regression, in the book's order.
    fits: Vec<Regression>,
    /// The AI-equity basket's members.
    basket: Vec<&'static str>,
    /// The AI-token sector's members.
    sector: Vec<&'static str>,
    /// The dates the loadings were estimated on.
    span: Span,
}

/// Fewest common dates the loadings are estimated on.
pub const MIN_FACTOR_DATES: usize = 60;

impl StressModel {
    /// Each holding's loadings on BTC, the AI-equity basket (the equities in the data, equally
    /// weighted) and the sector's surprise (the AI tokens in the data, equally weighted),
    /// estimated on the dates all of them and the holdings share.
    ///
    /// # Errors
    /// A sentence when there are no holdings, a factor has no data, the common history is
    /// too short, or a regression is not identified.
    pub fn fit(dataset: &Dataset, book: &Book) -> Result<Self, String> {
        if book.rows.is_empty() {
            return Err("no holdings with prices".into());
        }
        let basket = factor_members(dataset, Role::AiEquity);
        let sector = factor_members(dataset, Role::AiToken);
        if basket.is_empty() || sector.is_empty() || dataset.get("BTC").is_none() {
            return Err(
                "the factor model needs BTC, an AI equity and an AI token in the data".into(),
            );
        }
        let mut ids: Vec<&str> = vec!["BTC"];
        ids.extend(&basket);
        ids.extend(&sector);
        for a in book.assets() {
            if !ids.contains(&a) {
                ids.push(a);
            }
        }
        let joined = aligned(dataset, &ids).ok_or("a factor has no prices")?;
        if joined.times.len() < MIN_FACTOR_DATES {
            return Err(format!(
                "the factors and holdings share {} days of prices; at least {MIN_FACTOR_DATES} are needed",
                joined.times.len()
            ));
        }
        let returns = joined.returns();
        let of = |id: &str| &returns[ids.iter().position(|x| *x == id).unwrap_or(0)];
        let mean_of = |members: &[&str]| {
            equal_weight_returns(&members.iter().map(|a| of(a).clone()).collect::<Vec<_>>())
        };
        let model = FactorModel::fit(of("BTC"), &mean_of(&basket), &mean_of(&sector))
            .map_err(|e| format!("the sector's regression: {e}"))?;
        let fits = book
            .rows
            .iter()
            .map(|row| {
                model
                    .fit_holding(of(&row.holding.asset))
                    .map_err(|e| format!("{}'s regression: {e}", row.holding.asset))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self {
            model,
            fits,
            basket,
            sector,
            span: Span::of(&joined).ok_or("no common dates")?,
        })
    }

    /// Each holding of `book` (the book it was fitted on) under `shocks`.
    ///
    /// # Errors
    /// A sentence when a shock is not a number.
    pub fn apply(&self, book: &Book, shocks: FactorShocks) -> Result<StressView, String> {
        let rows = book
            .rows
            .iter()
            .zip(&self.fits)
            .map(|(row, fit)| {
                let m = self
                    .model
                    .holding_move(fit, shocks)
                    .map_err(|e| e.to_string())?;
                Ok(StressRow {
                    holding: row.name(),
                    betas: [fit.betas[0], fit.betas[1], fit.betas[2]],
                    r_squared: fit.r_squared,
                    price_move: m.expected,
                    std_error: m.std_error,
                    pnl: row.pnl_at(m.expected),
                    wiped_out: row.liquidated_by(m.expected),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let pnl: f64 = rows.iter().map(|r| r.pnl).sum();
        Ok(StressView {
            change: pnl / book.equity,
            pnl,
            sector_surprise: self.model.sector_surprise(shocks),
            rows,
            basket: self.basket.clone(),
            sector: self.sector.clone(),
            span: self.span,
        })
    }
}
