//! The portfolio page's position sizing: how large one holding should be by three rules and
//! two limits (`tokenrisk_core::sizing`), which one binds and why, and how far a leveraged
//! holding is from liquidation against its daily moves.
//!
//! Conventions: sizes are position values (exposure, `q · P` at the last close) for the
//! portfolio's equity `E` (`Σ equity` of the holdings), the other holdings as they are; the
//! asset's mean and volatility from its daily simple returns over the holdings' common history
//! (ddof 1, annualised with `P`, 365 or 252); risk-free rate 0; the ES cap on the portfolio's
//! one-day historical 95 % ES; the exit limit on the live order book thinned by the scenario's
//! liquidity haircut, its units valued at the last close.

use super::history::{History, Span};
use super::maintenance::liquidation_point;
use super::model::{Book, Valued};
use super::risk_model::CONFIDENCE;
use crate::format::{percent, price};
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{max_size_within, Side};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::scenario::Sizing;
use tokenrisk_core::sizing::{es_cap, fixed_fractional, kelly_fraction, volatility_target};
use tokenrisk_core::stats::mean;
use tokenrisk_core::tail::historical;
use tokenrisk_core::volatility::annualised_volatility;

/// The largest exposure the ES cap searches, as a multiple of equity.
pub const MAX_ES_WEIGHT: f64 = 100.0;

/// One rule's or limit's size, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeRow {
    /// Stable key (the row's `data-key`).
    pub key: &'static str,
    /// Its name.
    pub label: &'static str,
    /// The position value it allows, USD, or why it has none.
    pub value: Result<f64, String>,
    /// How it is computed, with this scenario's numbers.
    pub how: String,
    /// Why a larger position breaks it (the sentence shown when it binds).
    pub binds_because: String,
}

/// How far a leveraged holding is from liquidation, against its asset's daily moves.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverageCheck {
    /// The adverse move that liquidates it, a share of the price.
    pub distance: f64,
    /// The price it is liquidated at.
    pub price: f64,
    /// The maintenance margin used, as a clause.
    pub maintenance: String,
    /// One-day historical VaR of the adverse side, 95 %.
    pub var95: f64,
    /// The same, 99 %.
    pub var99: f64,
    /// Share of days in the history whose adverse move reached the distance.
    pub days_beyond: f64,
    /// The largest adverse daily move in the history.
    pub worst_day: f64,
}

/// The sizing of one holding.
#[derive(Debug, Clone, PartialEq)]
pub struct SizingView {
    /// Which holding (its row in the book).
    pub holding: usize,
    /// Its name ("long TAO").
    pub name: String,
    /// Its asset.
    pub asset: String,
    /// Its last close.
    pub price: f64,
    /// Its value now.
    pub current: f64,
    /// The portfolio's equity.
    pub equity: f64,
    /// The three rules, then the two limits.
    pub rows: Vec<SizeRow>,
    /// The row of the smallest size, if any has one.
    pub binding: Option<usize>,
    /// For a leveraged holding.
    pub leverage: Option<Result<LeverageCheck, String>>,
    /// The history used.
    pub span: Span,
}

impl SizingView {
    /// The suggested size: the smallest the rules and limits allow.
    pub fn suggestion(&self) -> Option<f64> {
        self.binding
            .and_then(|i| self.rows.get(i))
            .and_then(|r| r.value.clone().ok())
    }
}

/// The holding sized: the first holding of `settings.asset`, else the first holding (`None`
/// without holdings).
pub fn sized_holding(book: &Book, settings: &Sizing) -> Option<usize> {
    (!book.rows.is_empty()).then(|| {
        book.rows
            .iter()
            .position(|r| r.holding.asset == settings.asset)
            .unwrap_or(0)
    })
}

/// The sizing of the scenario's chosen holding (the first holding of `settings.asset`, else
/// the first), over the holdings' history, with the live order book of its asset if there is
/// one (else why not) thinned by `haircut`.
///
/// # Errors
/// A sentence when the portfolio has no equity.
pub fn sizing(
    history: &History,
    book: &Book,
    settings: &Sizing,
    haircut: f64,
    order_book: Result<&OrderBook, String>,
) -> Result<SizingView, String> {
    if !(book.equity.is_finite() && book.equity > 0.0) {
        return Err("the portfolio has no equity to size against".into());
    }
    let holding = sized_holding(book, settings).ok_or("no holdings")?;
    let row = &book.rows[holding];
    let columns = history.holding_returns();
    let returns = columns.get(holding).ok_or("no history for the holding")?;
    let p = history.aligned.calendar().periods_per_year();
    let e = book.equity;
    let short = row.holding.short;
    let volatility = annualised_volatility(returns, p).map_err(|e| e.to_string())?;
    let drift = mean(returns).map_err(|e| e.to_string())? * p;

    let stop_row = {
        let value = match row.holding.stop {
            None => Err("no stop set on this holding: set one in the holdings table".to_owned()),
            Some(stop) if (stop >= row.price) != short => Err(format!(
                "the stop ({}) is on the wrong side of the last close ({}): the position would be stopped at once",
                price(stop),
                price(row.price)
            )),
            Some(stop) => {
                fixed_fractional(e, settings.risk_per_trade, row.price, stop).map_err(|x| x.to_string())
            }
        };
        SizeRow {
            key: "fixed_fractional",
            label: "Fixed fractional (to the stop)",
            value,
            how: format!(
                "E × risk ÷ stop distance = {} × {} ÷ |P − stop| / P (Van Tharp); a gap through the stop loses more",
                price(e),
                percent(settings.risk_per_trade, 1)
            ),
            binds_because: format!(
                "a larger position loses more than {} of equity if its stop is hit",
                percent(settings.risk_per_trade, 1)
            ),
        }
    };
    let target_row = SizeRow {
        key: "volatility_target",
        label: "Volatility target",
        value: volatility_target(e, settings.volatility_target, volatility)
            .map_err(|x| x.to_string()),
        how: format!(
            "E × target ÷ σ = {} × {} ÷ {} (σ annualised, ddof 1, P = {p})",
            price(e),
            percent(settings.volatility_target, 0),
            percent(volatility, 1)
        ),
        binds_because: format!(
            "a larger position alone makes equity swing more than {} a year",
            percent(settings.volatility_target, 0)
        ),
    };
    let kelly_row = {
        let side = if short { -1.0 } else { 1.0 };
        let full = kelly_fraction(side * drift, 0.0, volatility).map_err(|x| x.to_string());
        SizeRow {
            key: "kelly",
            label: "Fractional Kelly",
            value: full
                .clone()
                .map(|f| e * settings.kelly_fraction * f.max(0.0)),
            how: format!(
                "E × {} × (±μ − r) ÷ σ² with μ = {} a year (the history's mean), r = 0; full Kelly {}. μ is known poorly: its standard error over {:.1} years is about {}, so the fraction bet is small",
                settings.kelly_fraction,
                percent(drift, 1),
                full.map_or("n/a".into(), |f| percent(f, 0)),
                history.span.returns as f64 / p,
                percent(volatility / (history.span.returns as f64 / p).sqrt(), 0)
            ),
            binds_because: if side * drift <= 0.0 {
                "over this history the position lost on average: Kelly says not to hold it".into()
            } else {
                format!(
                    "a larger position bets more than {} of the growth-optimal share",
                    settings.kelly_fraction
                )
            },
        }
    };
    let exit_row = {
        let value = order_book.and_then(|b| {
            let thinned = stressed(b, &Haircut::Flat(haircut)).map_err(|x| x.to_string())?;
            let side = if short { Side::Buy } else { Side::Sell };
            let most = max_size_within(&thinned, side, settings.slippage_limit_bps)
                .map_err(|x| x.to_string())?;
            Ok(most.base * row.price)
        });
        SizeRow {
            key: "exit_liquidity",
            label: "Exit liquidity",
            value,
            how: format!(
                "the largest immediate {} whose average fill stays within {:.0} bp of the mid, on the order book with {} of its depth removed (the scenario's haircut); units valued at the last close",
                if short { "buy (to close the short)" } else { "sale" },
                settings.slippage_limit_bps,
                percent(haircut, 0)
            ),
            binds_because: format!(
                "a larger position could not be closed at once for less than {:.0} bp of slippage on a book thinned by {}",
                settings.slippage_limit_bps,
                percent(haircut, 0)
            ),
        }
    };
    let es_row = {
        let weights = book.weights();
        let value = es_cap(
            &columns,
            &weights,
            holding,
            short,
            settings.es_cap,
            CONFIDENCE,
            MAX_ES_WEIGHT,
        )
        .map_err(|x| x.to_string())
        .and_then(|w| {
            w.map(|w| w * e).ok_or_else(|| {
                format!("its part of the ES stays under the cap up to {MAX_ES_WEIGHT:.0}× equity (it hedges the rest)")
            })
        });
        SizeRow {
            key: "es_cap",
            label: "Tail-risk cap",
            value,
            how: format!(
                "the largest size whose part of the portfolio's one-day 95 % expected shortfall (Euler component ES, historical) is at most {} of equity, the other holdings as they are",
                percent(settings.es_cap, 1)
            ),
            binds_because: format!(
                "a larger position's part of the one-day 95 % expected shortfall exceeds {} of equity",
                percent(settings.es_cap, 1)
            ),
        }
    };
    let rows = vec![stop_row, target_row, kelly_row, exit_row, es_row];
    let binding = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.value.as_ref().ok().map(|v| (i, *v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    let leverage = row
        .holding
        .leverage
        .map(|l| leverage_check(returns, row, l));
    Ok(SizingView {
        holding,
        name: row.name(),
        asset: row.holding.asset.clone(),
        price: row.price,
        current: row.exposure,
        equity: e,
        rows,
        binding,
        leverage,
        span: history.span,
    })
}

/// Where `row` (leverage `leverage`) is liquidated (`maintenance::liquidation_point`: its
/// contract's brackets, or the stated assumption), against the asset's adverse daily moves in
/// `returns`.
fn leverage_check(returns: &[f64], row: &Valued, leverage: f64) -> Result<LeverageCheck, String> {
    let short = row.holding.short;
    let point = liquidation_point(
        &row.holding.asset,
        row.price,
        row.holding.quantity,
        leverage,
        short,
    )?;
    let distance = point.distance;
    // The adverse side: a fall for a long, a rise for a short.
    let adverse: Vec<f64> = returns
        .iter()
        .map(|r| if short { -r } else { *r })
        .collect();
    let var = |c: f64| {
        historical(&adverse, c)
            .map(|t| t.var)
            .map_err(|e| e.to_string())
    };
    let beyond = adverse.iter().filter(|r| -**r >= distance).count();
    Ok(LeverageCheck {
        distance,
        price: point.price,
        maintenance: point.said,
        var95: var(0.95)?,
        var99: var(0.99)?,
        days_beyond: beyond as f64 / adverse.len() as f64,
        worst_day: -adverse.iter().copied().fold(f64::INFINITY, f64::min),
    })
}
