//! The portfolio page's history: the portfolio's daily risk and where it comes from, the
//! market shock through each holding's loadings, and the worst windows of history replayed on
//! today's holdings.
//!
//! Conventions: daily closes of the bundled data on the dates every series involved has
//! (inner join), simple returns, sample statistics with ddof 1; annualised by `√P`, `P` = 365,
//! or 252 when an equity in the join limits it to weekdays; historical VaR and ES at 95 % of
//! one period, on equity (exposure weights `±q P / Σ equity`, so leverage and shorts count).

use super::model::Book;
use crate::components::chart::HeatMapData;
use crate::data::Dataset;
use crate::figures::{Figure, FigureTable};
use crate::format::{percent, price, ratio};
use tokenrisk_core::align::{align, equal_weight_returns, Aligned};
use tokenrisk_core::portfolio::{exposure_risk, exposure_tail_contributions};
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::stress::{worst_windows, FactorModel, FactorShocks};
use tokenrisk_core::time::Date;
use tokenrisk_core::PriceSeries;
use tokenrisk_market::registry::{self, Role};

/// Confidence of the page's VaR and ES.
pub const CONFIDENCE: f64 = 0.95;
/// Rows in a worst window (with equities in the join, a calendar week).
pub const WINDOW_ROWS: usize = 5;
/// Worst windows listed.
pub const WINDOWS: usize = 5;

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
    pub(super) fn of(aligned: &Aligned) -> Option<Self> {
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
fn aligned(dataset: &Dataset, ids: &[&str]) -> Option<Aligned> {
    let series: Vec<&PriceSeries> = ids
        .iter()
        .map(|id| dataset.get(id).map(|s| &s.prices))
        .collect::<Option<_>>()?;
    Some(align(&series))
}

/// The aligned columns of each holding, in the book's order, and the dates.
pub(super) fn holding_columns(
    dataset: &Dataset,
    book: &Book,
) -> Result<(Aligned, Vec<usize>), String> {
    let assets = book.assets();
    let joined = aligned(dataset, &assets).ok_or("a holding has no prices")?;
    if joined.times.len() < 30 {
        return Err(format!(
            "the holdings share {} days of prices; at least 30 are needed",
            joined.times.len()
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
    Ok((joined, column))
}

/// The portfolio's daily risk, each holding's share of it, and the holdings' correlations.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskView {
    /// Volatility, VaR, ES, diversification.
    pub figures: FigureTable,
    /// Per holding: asset, exposure weight, share of volatility, share of ES.
    pub rows: Vec<[String; 4]>,
    /// Correlations of the assets held (two or more).
    pub correlations: Option<HeatMapData>,
    /// The dates used.
    pub span: Span,
}

/// Column headers of [`RiskView::rows`].
pub const RISK_HEADERS: [&str; 4] = [
    "Holding",
    "Exposure ÷ equity",
    "Share of volatility",
    "Share of ES (95 %)",
];

/// The portfolio's risk over its holdings' common history.
///
/// # Errors
/// A sentence when there are no holdings, too little common history, or no volatility.
pub fn risk(dataset: &Dataset, book: &Book) -> Result<RiskView, String> {
    if book.rows.is_empty() {
        return Err("no holdings with prices".into());
    }
    let (joined, column) = holding_columns(dataset, book)?;
    let returns = joined.returns();
    let columns: Vec<Vec<f64>> = column.iter().map(|&c| returns[c].clone()).collect();
    let weights = book.weights();
    let p = joined.calendar().periods_per_year();
    let r = exposure_risk(&columns, &weights, p).map_err(|e| e.to_string())?;
    let t =
        exposure_tail_contributions(&columns, &weights, CONFIDENCE).map_err(|e| e.to_string())?;
    let span = Span::of(&joined).ok_or("no common dates")?;
    let rows = book
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            [
                format!(
                    "{} {}",
                    if row.holding.short { "short" } else { "long" },
                    row.holding.asset
                ),
                ratio(weights[i]),
                percent(r.component[i] / r.volatility, 1),
                percent(t.component_es[i] / t.es, 1),
            ]
        })
        .collect();
    let assets = book.assets();
    let correlations = (assets.len() > 1)
        .then(|| correlation_matrix(&returns).ok())
        .flatten()
        .map(|values| HeatMapData {
            labels: assets.iter().map(|a| (*a).to_owned()).collect(),
            values,
        });
    let figures = FigureTable {
        caption: format!(
            "The portfolio's daily risk on equity, {} ({}-day years)",
            span.describe(),
            p
        ),
        figures: vec![
            Figure::new(
                "volatility",
                "Volatility (annualised)",
                Some(r.volatility),
                |v| percent(v, 1),
                "σ_p = √(wᵀΣw)·√P: w the exposure weights (negative for a short), Σ the sample covariance of daily returns (ddof 1)",
            ),
            Figure::new(
                "var",
                "VaR, 1 day, 95 %",
                Some(t.var),
                |v| percent(v, 2),
                "−quantile(r_p, 5 %), NumPy's linear rule, r_p = Σ w_i r_i the daily return on equity",
            ),
            Figure::new(
                "es",
                "Expected shortfall, 1 day, 95 %",
                Some(t.es),
                |v| percent(v, 2),
                "−mean of the days at or below the VaR quantile; each holding's share is −w_i·mean(r_i) on those days (Euler allocation, the shares add up to the ES)",
            ),
            Figure::new(
                "var_usd",
                "VaR in USD",
                Some(t.var * book.equity),
                price,
                "VaR × the equity at the last closes",
            ),
            Figure::new(
                "diversification",
                "Diversification ratio",
                Some(r.diversification_ratio),
                ratio,
                "Σ|w_i|σ_i ÷ σ_p (Choueifaty & Coignard): 1 when the holdings move as one, higher the more they offset",
            ),
            Figure::new(
                "effective_bets",
                "Effective number of bets",
                Some(r.effective_bets),
                ratio,
                "(Σ|w_i|)² ÷ Σw_i²: the number of equal holdings with the same concentration",
            ),
        ],
    };
    Ok(RiskView {
        figures,
        rows,
        correlations,
        span,
    })
}

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
    /// Profit (loss negative) in USD, capped at the holding's equity.
    pub pnl: f64,
    /// Whether the move takes all of the holding's equity (a leveraged position liquidated).
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

/// Each holding's move under `shocks` through its loadings on BTC, the AI-equity basket (the
/// equities in the data, equally weighted) and the sector's surprise (the AI tokens in the
/// data, equally weighted), estimated on the dates all of them and the holdings share.
///
/// # Errors
/// A sentence when a factor has no data, the common history is too short, or a regression is
/// not identified.
pub fn stress(dataset: &Dataset, book: &Book, shocks: FactorShocks) -> Result<StressView, String> {
    if book.rows.is_empty() {
        return Err("no holdings with prices".into());
    }
    let basket = factor_members(dataset, Role::AiEquity);
    let sector = factor_members(dataset, Role::AiToken);
    if basket.is_empty() || sector.is_empty() || dataset.get("BTC").is_none() {
        return Err("the factor model needs BTC, an AI equity and an AI token in the data".into());
    }
    let held = book.assets();
    let mut ids: Vec<&str> = vec!["BTC"];
    ids.extend(&basket);
    ids.extend(&sector);
    for a in &held {
        if !ids.contains(a) {
            ids.push(a);
        }
    }
    let joined = aligned(dataset, &ids).ok_or("a factor has no prices")?;
    if joined.times.len() < 60 {
        return Err(format!(
            "the factors and holdings share {} days of prices; at least 60 are needed",
            joined.times.len()
        ));
    }
    let returns = joined.returns();
    let of = |id: &str| &returns[ids.iter().position(|x| *x == id).unwrap_or(0)];
    let basket_returns =
        equal_weight_returns(&basket.iter().map(|a| of(a).clone()).collect::<Vec<_>>());
    let sector_returns =
        equal_weight_returns(&sector.iter().map(|a| of(a).clone()).collect::<Vec<_>>());
    let model = FactorModel::fit(of("BTC"), &basket_returns, &sector_returns)
        .map_err(|e| format!("the sector's regression: {e}"))?;
    let rows = book
        .rows
        .iter()
        .map(|row| {
            let fit = model
                .fit_holding(of(&row.holding.asset))
                .map_err(|e| format!("{}'s regression: {e}", row.holding.asset))?;
            let m = model
                .holding_move(&fit, shocks)
                .map_err(|e| e.to_string())?;
            let raw = row.side() * row.exposure * m.expected;
            Ok(StressRow {
                holding: format!(
                    "{} {}",
                    if row.holding.short { "short" } else { "long" },
                    row.holding.asset
                ),
                betas: [fit.betas[0], fit.betas[1], fit.betas[2]],
                r_squared: fit.r_squared,
                price_move: m.expected,
                std_error: m.std_error,
                pnl: raw.max(-row.equity),
                wiped_out: raw <= -row.equity,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let pnl: f64 = rows.iter().map(|r| r.pnl).sum();
    Ok(StressView {
        change: pnl / book.equity,
        pnl,
        sector_surprise: model.sector_surprise(shocks),
        rows,
        basket,
        sector,
        span: Span::of(&joined).ok_or("no common dates")?,
    })
}

/// One of the worst windows of history, replayed on today's holdings.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowRow {
    /// Its first date (the holdings bought at that close).
    pub start: Date,
    /// Its last date.
    pub end: Date,
    /// The portfolio's change on equity, `Σ w_i (P_end / P_start − 1)`.
    pub change: f64,
    /// That change on today's equity, USD.
    pub pnl: f64,
    /// The holding that moved most, and its move.
    pub biggest: String,
}

/// Column headers of the worst windows' table.
pub const WINDOW_HEADERS: [&str; 5] = [
    "From",
    "To",
    "Change on equity",
    "On today's equity",
    "Largest move",
];

/// Cells of a window row.
pub fn window_cells(w: &WindowRow) -> [String; 5] {
    [
        w.start.to_string(),
        w.end.to_string(),
        percent(w.change, 1),
        price(w.pnl),
        w.biggest.clone(),
    ]
}

/// The [`WINDOWS`] worst non-overlapping windows of [`WINDOW_ROWS`] common dates for today's
/// exposure weights.
///
/// # Errors
/// A sentence when there are no holdings or too little common history.
pub fn worst(dataset: &Dataset, book: &Book) -> Result<Vec<WindowRow>, String> {
    if book.rows.is_empty() {
        return Err("no holdings with prices".into());
    }
    let (joined, column) = holding_columns(dataset, book)?;
    let prices: Vec<Vec<f64>> = column.iter().map(|&c| joined.prices[c].clone()).collect();
    let windows =
        worst_windows(&prices, &book.weights(), WINDOW_ROWS, WINDOWS).map_err(|e| e.to_string())?;
    Ok(windows
        .into_iter()
        .map(|w| {
            let (i, m) = w
                .holdings
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                .map_or((0, 0.0), |(i, m)| (i, *m));
            WindowRow {
                start: Date::from_unix(joined.times[w.start]),
                end: Date::from_unix(joined.times[w.end]),
                change: w.change,
                pnl: w.change * book.equity,
                biggest: format!("{} {}", book.rows[i].holding.asset, percent(m, 1)),
            }
        })
        .collect())
}
