//! The portfolio page's history: the portfolio's daily risk and where it comes from, and the
//! worst windows of history replayed on today's holdings.
//!
//! Conventions: the holdings' common daily closes ([`super::history`]), simple returns, sample
//! statistics with ddof 1; annualised by `√P`, `P` = 365, or 252 when an equity in the join
//! limits it to weekdays; historical VaR and ES at 95 % of one period, on equity (exposure
//! weights `±q P / Σ equity`, so leverage and shorts count).

use super::history::{History, Span};
use super::model::Book;
use crate::components::chart::HeatMapData;
use crate::figures::{Figure, FigureTable};
use crate::format::{percent, price, ratio};
use tokenrisk_core::drawdown::{max_drawdown, wealth_from_returns};
use tokenrisk_core::performance::{cagr, sharpe, sortino, total_return};
use tokenrisk_core::portfolio::{exposure_returns, exposure_risk, exposure_tail_contributions};
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::stress::worst_windows;
use tokenrisk_core::time::Date;

/// Confidence of the page's VaR and ES.
pub const CONFIDENCE: f64 = 0.95;
/// Rows in a worst window (with equities in the join, a calendar week).
pub const WINDOW_ROWS: usize = 5;
/// Worst windows listed.
pub const WINDOWS: usize = 5;

/// The portfolio's daily risk, each holding's share of it, and the holdings' correlations.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskView {
    /// Returns, volatility, VaR, ES, diversification.
    pub figures: FigureTable,
    /// One-day historical VaR at [`CONFIDENCE`], a positive fraction of equity.
    pub var: f64,
    /// Expected shortfall beyond it.
    pub es: f64,
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
/// A sentence when the portfolio has no volatility.
pub fn risk(history: &History, book: &Book) -> Result<RiskView, String> {
    let columns = history.holding_returns();
    let weights = book.weights();
    let p = history.aligned.calendar().periods_per_year();
    let r = exposure_risk(&columns, &weights, p).map_err(|e| e.to_string())?;
    let daily = exposure_returns(&columns, &weights).map_err(|e| e.to_string())?;
    let t =
        exposure_tail_contributions(&columns, &weights, CONFIDENCE).map_err(|e| e.to_string())?;
    let span = history.span;
    let rows = book
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            [
                row.name(),
                ratio(weights[i]),
                percent(r.component[i] / r.volatility, 1),
                percent(t.component_es[i] / t.es, 1),
            ]
        })
        .collect();
    let assets = book.assets();
    let correlations = (assets.len() > 1)
        .then(|| correlation_matrix(&history.aligned.returns()).ok())
        .flatten()
        .map(|values| HeatMapData {
            labels: assets.iter().map(|a| (*a).to_owned()).collect(),
            values,
        });
    let figures = FigureTable {
        caption: format!(
            "The portfolio's returns and daily risk on equity, {} ({}-day years)",
            span.describe(),
            p
        ),
        figures: vec![
            Figure::new(
                "total_return",
                "Return over the history",
                total_return(&daily).ok(),
                |v| percent(v, 1),
                "∏(1 + r_p) − 1, r_p = Σ w_i r_i the daily return on equity of today's holdings rebalanced to today's weights each day (a leveraged portfolio can lose more than its equity in a day; then no figure)",
            ),
            Figure::new(
                "cagr",
                "Annualised return",
                cagr(&daily, p).ok().filter(|v| v.is_finite()),
                |v| percent(v, 1),
                "(1 + total)^(P ÷ days) − 1 (empyrical's annual_return)",
            ),
            Figure::new(
                "max_drawdown",
                "Maximum drawdown",
                Some(wealth_from_returns(&daily))
                    .filter(|w| w.iter().all(|v| *v > 0.0))
                    .and_then(|w| max_drawdown(&w))
                    .map(|m| m.depth),
                |v| percent(v, 1),
                "The deepest fall of the equity curve ∏(1 + r_p) from a running peak",
            ),
            Figure::new(
                "sharpe",
                "Sharpe ratio",
                sharpe(&daily, p, 0.0).ok(),
                ratio,
                "mean(r_p) ÷ std(r_p) · √P, ddof 1, risk-free rate 0 (empyrical's sharpe_ratio)",
            ),
            Figure::new(
                "sortino",
                "Sortino ratio",
                sortino(&daily, p, 0.0).ok().filter(|v| v.is_finite()),
                ratio,
                "mean(r_p) ÷ downside deviation below 0 over all days · √P (empyrical's sortino_ratio)",
            ),
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
        var: t.var,
        es: t.es,
        rows,
        correlations,
        span,
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
/// A sentence when the core refuses the windows (history not longer than one window).
pub fn worst(history: &History, book: &Book) -> Result<Vec<WindowRow>, String> {
    let joined = &history.aligned;
    let prices: Vec<Vec<f64>> = history
        .column
        .iter()
        .map(|&c| joined.prices[c].clone())
        .collect();
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
