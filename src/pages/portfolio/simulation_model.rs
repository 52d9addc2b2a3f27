//! The portfolio page's Monte Carlo: the scenario's simulation set up on the holdings'
//! common history (`tokenrisk_core::simulation`), and what its summary shows (figures, the
//! odds of each stop and liquidation, the fan).
//!
//! Conventions: daily **log** returns of the holdings' common closes; each holding opened at
//! the last close (leveraged ones with margin `q P / L`, liquidated at the maintenance margin
//! of their contract at their size, `maintenance::maintenance`); closes only, so a stop or liquidation crossed within a day is missed (the
//! odds are lower bounds); values on equity.

use super::history::{History, Span};
use super::maintenance::maintenance;
use super::model::Book;
use crate::components::chart::{FanData, HistogramData};
use crate::figures::{Figure, FigureTable};
use crate::format::{percent, price};
use tokenrisk_charts::ValueFormat;
use tokenrisk_core::scenario::{Scenario, SimulationModel};
use tokenrisk_core::simulation::job::Request;
use tokenrisk_core::simulation::{Barrier, Crossing, Position, Setup, Simulator, Summary};
use tokenrisk_core::time::Date;

/// Paths per step of a run (between two updates of the page): about 50 ms of a year's
/// paths of five holdings in the browser, so that the pause between steps costs little and a
/// cancel is heard soon.
pub const CHUNK: u64 = 2_000;
/// Most points of the fan.
pub const FAN_POINTS: usize = 60;
/// Most paths the page runs: each path keeps its fan points until the summary (60 × 4 bytes),
/// so 200,000 paths hold about 50 MB, what a phone can spare. A link may ask for more (the
/// scenario allows 1,000,000); the page then says so.
pub const MAX_BROWSER_PATHS: u32 = 200_000;

/// A simulation ready to run, and what its rows mean.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The simulator.
    pub simulator: Simulator,
    /// The history it draws from.
    pub span: Span,
    /// How it draws days (the scenario's choice).
    pub model: SimulationModel,
    /// Its barriers' labels ("stop of long TAO at 250"), in order.
    pub stops: Vec<String>,
    /// Its leveraged holdings' labels and their index among the positions.
    pub leveraged: Vec<(usize, String)>,
    /// The run to send to the worker (the history, the setup, the paths).
    pub request: Request,
}

/// The scenario's simulation over the holdings' common history.
///
/// # Errors
/// A sentence when the scenario asks for more paths than [`MAX_BROWSER_PATHS`], or the model
/// cannot be built (e.g. a normal model over two assets that move as
/// one).
pub fn prepare(history: &History, book: &Book, scenario: &Scenario) -> Result<Prepared, String> {
    if scenario.simulation.paths > MAX_BROWSER_PATHS {
        return Err(format!(
            "the link asks for {} paths; the browser runs at most {MAX_BROWSER_PATHS} (set fewer above)",
            scenario.simulation.paths
        ));
    }
    let column = &history.column;
    let log_returns: Vec<Vec<f64>> = history
        .aligned
        .prices
        .iter()
        .map(|p| p.windows(2).map(|w| (w[1] / w[0]).ln()).collect())
        .collect();
    let positions = book
        .rows
        .iter()
        .zip(column)
        .map(|(r, &asset)| Position {
            asset,
            exposure: r.exposure,
            equity: r.equity,
            maintenance: if r.holding.leverage.is_some() {
                maintenance(&r.holding.asset, r.exposure).share
            } else {
                0.0
            },
            short: r.holding.short,
        })
        .collect();
    let mut stops = Vec::new();
    let barriers = book
        .rows
        .iter()
        .zip(column)
        .filter_map(|(r, &asset)| {
            let stop = r.holding.stop?;
            stops.push(format!("stop of {} at {}", r.name(), price(stop)));
            Some(Barrier {
                asset,
                level: stop / r.price,
                crossing: if r.holding.short {
                    Crossing::Above
                } else {
                    Crossing::Below
                },
            })
        })
        .collect();
    let leveraged = book
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.holding.leverage.is_some() || r.holding.short)
        .map(|(i, r)| {
            (
                i,
                format!("{} at {}×", r.name(), r.holding.leverage.unwrap_or(1.0)),
            )
        })
        .collect();
    let horizon = usize::from(scenario.simulation.horizon_days);
    let setup = Setup {
        model: scenario.simulation.model.into(),
        horizon,
        positions,
        barriers,
        checkpoints: horizon.min(FAN_POINTS),
        seed: scenario.seed,
    };
    let simulator = Simulator::new(&log_returns, setup.clone()).map_err(|e| e.to_string())?;
    Ok(Prepared {
        simulator,
        span: history.span,
        model: scenario.simulation.model,
        stops,
        leveraged,
        request: Request {
            log_returns,
            setup,
            paths: u64::from(scenario.simulation.paths),
            chunk: CHUNK,
        },
    })
}

/// How the model draws days, in words.
pub fn model_words(model: SimulationModel) -> String {
    match model {
        SimulationModel::Bootstrap { mean_block } => format!(
            "stationary bootstrap of whole historical days, blocks of {mean_block} days on average"
        ),
        SimulationModel::Normal => {
            "multivariate normal with the history's mean and covariance of daily log returns".into()
        }
        SimulationModel::StudentT { degrees_of_freedom } => format!(
            "multivariate Student-t with {degrees_of_freedom} degrees of freedom, the history's covariance"
        ),
    }
}

/// The summary's headline figures.
pub fn figures(summary: &Summary, book: &Book, prepared: &Prepared) -> FigureTable {
    let horizon = prepared.simulator.setup().horizon;
    let q = |i: usize| summary.terminal_quantiles.get(i).copied();
    let odds = |i: usize| summary.drawdown_odds.get(i).copied();
    let days = |i: usize| summary.recovery_days.get(i).copied().flatten();
    let shown = |d: Option<f64>| d.map_or("—".to_owned(), |d| format!("{d:.0}"));
    FigureTable {
        caption: format!(
            "{} simulated paths of {horizon} days, drawn from the holdings' history {}",
            summary.paths,
            prepared.span.describe()
        ),
        figures: vec![
            Figure::new(
                "mc_var",
                format!("VaR over {horizon} days, 95 %"),
                Some(summary.var),
                |v| format!("{} ({})", percent(v, 1), price(v * book.equity)),
                "−quantile of the paths' change on equity at the horizon (5 %), NumPy's linear rule; in USD on today's equity",
            ),
            Figure::new(
                "mc_es",
                format!("Expected shortfall over {horizon} days, 95 %"),
                Some(summary.es),
                |v| format!("{} ({})", percent(v, 1), price(v * book.equity)),
                "−mean of the paths at or below the VaR quantile",
            ),
            Figure::new(
                "mc_median",
                "Median change",
                q(2),
                |v| percent(v, 1),
                "The middle path's change on equity at the horizon",
            ),
            Figure::new(
                "mc_range",
                "5 % to 95 % of paths",
                q(0),
                |v| format!("{} to {}", percent(v, 1), q(4).map_or("n/a".into(), |h| percent(h, 1))),
                "The horizon change's 5th and 95th percentiles",
            ),
            Figure::new(
                "mc_dd20",
                "Chance of a drawdown of 20 % or more",
                odds(1),
                |v| percent(v, 1),
                "Share of paths whose value falls 20 % or more below its running peak (today included) before the horizon, at daily closes",
            ),
            Figure::new(
                "mc_dd50",
                "Chance of a drawdown of 50 % or more",
                odds(3),
                |v| percent(v, 1),
                "As above, 50 %",
            ),
            Figure::new(
                "mc_recovered",
                "Deepest drawdown recovered within the horizon",
                Some(summary.recovered),
                |v| percent(v, 1),
                "Paths whose deepest fall regained its peak before the horizon (paths that never fell are not counted)",
            ),
            Figure::new(
                "mc_recovery_days",
                "Days from trough back to peak, among them",
                days(2),
                |median| {
                    format!(
                        "median {median:.0}; 25–75 %: {} to {}; 5–95 %: {} to {}",
                        shown(days(1)),
                        shown(days(3)),
                        shown(days(0)),
                        shown(days(4))
                    )
                },
                "The distribution of the recovery time (days from the deepest drawdown's trough to its peak regained) over the paths that recovered, NumPy's linear quantiles",
            ),
        ],
    }
}

/// The distribution of the paths' change on equity at the horizon, VaR and ES marked.
pub fn terminal(summary: &Summary) -> HistogramData {
    HistogramData {
        label: "change on equity at the horizon".to_owned(),
        edges: summary.terminal_histogram.edges.clone(),
        counts: summary.terminal_histogram.counts.clone(),
        markers: vec![
            (
                format!("VaR 95%: {}", percent(-summary.var, 1)),
                -summary.var,
            ),
            (format!("ES 95%: {}", percent(-summary.es, 1)), -summary.es),
        ],
        format: ValueFormat::Percent,
    }
}

/// The days the paths that recovered took to recover from their deepest drawdown, the median
/// marked; `None` when no path recovered.
pub fn recovery(summary: &Summary) -> Option<HistogramData> {
    let h = summary.recovery_histogram.as_ref()?;
    Some(HistogramData {
        label: "paths that recovered, by days from their deepest trough to a new high".to_owned(),
        edges: h.edges.clone(),
        counts: h.counts.clone(),
        markers: summary
            .recovery_days
            .get(2)
            .copied()
            .flatten()
            .map(|d| vec![(format!("median: {d:.0} days"), d)])
            .unwrap_or_default(),
        format: ValueFormat::Days,
    })
}

/// Rows of the odds table: each stop's and each leveraged or short holding's.
pub fn odds_rows(summary: &Summary, prepared: &Prepared) -> Vec<[String; 3]> {
    let row = |label: &str, what: &str, o: Option<&tokenrisk_core::simulation::BarrierOdds>| {
        o.map(|o| {
            [
                format!("{what} {label}"),
                percent(o.probability, 1),
                o.median_day.map_or("—".to_owned(), |d| format!("{d:.0}")),
            ]
        })
    };
    prepared
        .stops
        .iter()
        .enumerate()
        .filter_map(|(i, label)| row(label, "Hit:", summary.barriers.get(i)))
        .chain(
            prepared
                .leveraged
                .iter()
                .filter_map(|(i, label)| row(label, "Liquidated:", summary.liquidations.get(*i))),
        )
        .collect()
}

/// Column headers of [`odds_rows`].
pub const ODDS_HEADERS: [&str; 3] = ["Event", "Chance within the horizon", "Median day"];

/// The fan of the change on equity, from today (day 0) to the horizon, at 5–95 %, 25–75 % and
/// the median.
pub fn fan(summary: &Summary, prepared: &Prepared) -> FanData {
    let start = prepared.span.last;
    let days = prepared.simulator.checkpoint_days();
    let times: Vec<i64> = std::iter::once(0)
        .chain(days.iter().map(|d| *d as i64))
        .map(|d| Date::from_days(start.days() + d as i32).to_unix())
        .collect();
    let path = |level: usize| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(
                summary
                    .fan
                    .get(level)
                    .map(|p| p.iter().map(|v| v - 1.0).collect::<Vec<_>>())
                    .unwrap_or_default(),
            )
            .collect()
    };
    FanData {
        label: "Change on equity".into(),
        times,
        median: path(2),
        bands: vec![
            ("5–95 %".into(), path(0), path(4)),
            ("25–75 %".into(), path(1), path(3)),
        ],
        format: ValueFormat::Percent,
    }
}
