//! The full metric table of a risk report, each metric with its convention, and the table of
//! the asset against its benchmarks.

use crate::format::{percent, ratio};
use leptos::prelude::*;
use tokenrisk_core::relative::TwoFactorFit;
use tokenrisk_core::report::{DrawdownRow, RelativeMetrics, RiskReport, Uncertainty};
use tokenrisk_glossary::Unit;

fn value_text(value: Option<f64>, unit: Unit) -> String {
    match (value, unit) {
        (None, _) => "n/a".to_owned(),
        (Some(v), Unit::Percent) => percent(v, 2),
        (Some(v), Unit::Ratio) => ratio(v),
    }
}

/// Every metric of `report`: name, value, and how it is computed.
#[component]
pub fn MetricTable(
    /// The report to show.
    report: RiskReport,
    /// Whether its resampled intervals are still being computed (a placeholder holds their
    /// place).
    #[prop(optional)]
    intervals_pending: bool,
) -> impl IntoView {
    let caption = format!(
        "Risk metrics over {} daily returns, {} to {}, annualised with P = {}",
        report.observations, report.start, report.end, report.periods_per_year
    );
    let rows = tokenrisk_glossary::rows(&report).into_iter().map(|row| {
        let data_value = row.value.map(|v| v.to_string()).unwrap_or_default();
        view! {
            <tr data-key=row.key>
                <th scope="row">{row.label}</th>
                <td class="num" data-value=data_value>{value_text(row.value, row.unit)}</td>
                <td class="explain">{row.explanation}</td>
            </tr>
        }
    });
    let uncertainty = report
        .uncertainty
        .clone()
        .map(|u| view! { <UncertaintyTable u=u/> });
    let drawdowns = (!report.worst_drawdowns.is_empty())
        .then(|| view! { <DrawdownTable rows=report.worst_drawdowns.clone()/> });
    view! {
        <section class="panel table-panel" id="metric-table">
            <table class="metric-table cards">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Metric"</th><th scope="col">"Value"</th><th scope="col">"How it is computed"</th></tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
            {drawdowns}
            {uncertainty}
            {intervals_pending.then(|| view! {
                <p class="loading intervals-pending" role="status">
                    "Computing 90 % bootstrap intervals and a 10-day Monte Carlo VaR for this range…"
                </p>
            })}
        </section>
    }
}

/// The deepest drawdown episodes of the range.
#[component]
fn DrawdownTable(rows: Vec<DrawdownRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|d| {
            view! {
                <tr>
                    <td class="num" data-value=d.depth.to_string()>{percent(d.depth, 1)}</td>
                    <td>{d.peak}</td>
                    <td>{d.trough}</td>
                    <td>{d.recovery.unwrap_or_else(|| "not recovered".to_owned())}</td>
                    <td class="num">{d.days}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="metric-table" id="worst-drawdowns">
            <caption>"Worst drawdowns in the range, deepest first (days: from the peak to the recovery, or to the last date)"</caption>
            <thead><tr>
                <th scope="col">"Depth"</th><th scope="col">"Peak"</th><th scope="col">"Trough"</th>
                <th scope="col">"Recovered"</th><th scope="col">"Days"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Bootstrap intervals of the headline metrics and the Monte Carlo VaR over the horizon.
#[component]
fn UncertaintyTable(u: Uncertainty) -> impl IntoView {
    let interval = |x: Option<[f64; 2]>, unit: Unit| {
        let data = x.map(|[lo, hi]| format!("{lo} {hi}")).unwrap_or_default();
        let text = x.map_or_else(
            || "n/a".to_owned(),
            |[lo, hi]| {
                format!(
                    "{} to {}",
                    value_text(Some(lo), unit),
                    value_text(Some(hi), unit)
                )
            },
        );
        view! { <td class="num" data-interval=data>{text}</td> }
    };
    let caption = format!(
        "How sure: {:.0}% intervals from {} stationary-bootstrap resamples (mean block {} days), and Monte Carlo over {} days from {} bootstrapped paths; seed {}",
        u.level * 100.0, u.resamples, u.mean_block, u.horizon, u.paths, u.seed
    );
    view! {
        <table class="metric-table cards" id="uncertainty">
            <caption>{caption}</caption>
            <tbody>
                <tr><th scope="row">"Annualised volatility"</th>{interval(u.ann_vol, Unit::Percent)}</tr>
                <tr><th scope="row">"Sharpe ratio"</th>{interval(u.sharpe, Unit::Ratio)}</tr>
                <tr><th scope="row">"Maximum drawdown"</th>{interval(u.max_drawdown, Unit::Percent)}</tr>
                <tr><th scope="row">"Historical VaR"</th>{interval(u.var_hist, Unit::Percent)}</tr>
                <tr><th scope="row">{format!("Monte Carlo VaR / ES over {} days", u.horizon)}</th>
                    <td class="num">{format!("{} / {}", value_text(u.var_mc_horizon, Unit::Percent), value_text(u.cvar_mc_horizon, Unit::Percent))}</td></tr>
            </tbody>
        </table>
    }
}

/// The asset against each benchmark, and the two-factor regression when there is one.
#[component]
pub fn RelativeTable(
    /// `(benchmark id, metrics)` for each benchmark with data.
    benchmarks: Vec<(String, RelativeMetrics)>,
    /// The regression on BTC and the AI-equity basket, with the basket's members.
    two_factor: Option<(TwoFactorFit, String)>,
) -> impl IntoView {
    let rows = benchmarks.into_iter().map(|(id, m)| {
        let cell = |v: Option<f64>| {
            let data_value = v.map(|v| v.to_string()).unwrap_or_default();
            view! { <td class="num" data-value=data_value>{value_text(v, Unit::Ratio)}</td> }
        };
        let label = id.clone();
        view! {
            <tr data-benchmark=id>
                <th scope="row">{label}</th>
                <td class="num">{m.pair_observations}</td>
                {cell(m.beta)}{cell(m.correlation)}{cell(m.up_capture)}{cell(m.down_capture)}
            </tr>
        }
    });
    view! {
        <section class="panel table-panel" id="relative-table">
            <table class="metric-table">
                <caption>"Against BTC and AI equities, on the dates both have (returns taken after the join, so an equity's Monday return spans the weekend)"</caption>
                <thead><tr>
                    <th scope="col">"Benchmark"</th><th scope="col">"Paired returns"</th><th scope="col">"Beta"</th>
                    <th scope="col">"Correlation"</th><th scope="col">"Up capture"</th><th scope="col">"Down capture"</th>
                </tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
            <p class="explain">"Beta = cov(r, b) / var(b) (ddof 1); correlation is Pearson's. Up (down) capture = the asset's geometric mean return per period on the benchmark's up (down) periods / the benchmark's own: 1.5 means it moved 1.5× as much. Up above 1 and down below 1 is the good combination."</p>
            {two_factor.map(|(fit, basket)| view! {
                <p id="two-factor" class="two-factor">
                    {format!(
                        "Two-factor regression r = α + β₁·BTC + β₂·AI equities ({basket}, equal weight): β₁ = {}, β₂ = {}, R² = {}, idiosyncratic volatility {} a year.",
                        ratio(fit.beta_1), ratio(fit.beta_2), ratio(fit.r_squared), percent(fit.residual_volatility, 1)
                    )}
                </p>
            })}
        </section>
    }
}
