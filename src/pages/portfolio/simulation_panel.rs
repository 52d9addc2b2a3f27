//! The portfolio page's Monte Carlo panel: its settings (in the link's scenario), a run in
//! the simulation worker (`crate::simulation_worker`: off the page's thread, in steps of
//! [`simulation_model::CHUNK`] paths) with progress, figures that fill in as paths double, and
//! cancel; and its results (`simulation_model`).

use super::checked_change;
use super::history::History;
use super::model::Book;
use super::simulation_model::{
    fan, figures, model_words, odds_rows, prepare, recovery, terminal, Prepared, ODDS_HEADERS,
};
use crate::components::chart::{ChartCanvas, ChartSpec};
use crate::components::table_rows::{header_row, labelled_row};
use crate::figures::figure_table;
use crate::format::percent;
use crate::simulation_worker::{Event, Run};
use leptos::prelude::*;
use std::sync::Arc;
use tokenrisk_core::scenario::{Scenario, SimulationModel};
use tokenrisk_core::simulation::job::{Command, Reply};
use tokenrisk_core::simulation::Summary;

/// Where a run's figures stand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Of the paths run so far; more are coming.
    SoFar,
    /// Of every path asked for.
    Done,
    /// Of the paths run before a cancel.
    Cancelled,
}

/// What the panel shows of a run.
#[derive(Clone)]
struct Shown {
    prepared: Arc<Prepared>,
    summary: Summary,
    stage: Stage,
}

/// The Monte Carlo: its settings (in the scenario), a run in the worker with progress and
/// cancel, and its results.
#[component]
pub(super) fn SimulationPanel(
    history: Memo<Result<History, String>>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    set: Callback<Scenario>,
    /// Set to the scenario run and its VaR when a run ends with every path.
    simulated: RwSignal<Option<(Scenario, f64)>>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<(u64, u64)>);
    let shown = RwSignal::new(None::<Result<Shown, String>>);
    // Set when no worker could start and the run went on on the page.
    let on_page = RwSignal::new(None::<String>);
    // The run under way: dropped (its worker ended) when it is over or the page is left.
    let running = StoredValue::new_local(None::<Run>);
    let problem = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Scenario)| checked_change(scenario, set, problem, f);
    let run = move |_| {
        let prepared = history.with_untracked(|h| {
            book.with_untracked(|b| scenario.with_untracked(|s| prepare(h.as_ref()?, b, s)))
        });
        let prepared = match prepared {
            Ok(p) => Arc::new(p),
            Err(e) => {
                shown.set(Some(Err(e)));
                return;
            }
        };
        shown.set(None);
        on_page.set(None);
        progress.set(Some((0, prepared.request.paths)));
        let request = prepared.request.clone();
        let ran = scenario.get_untracked();
        let on_event = move |event: Event| {
            let show = |summary: Summary, stage: Stage| {
                shown.try_set(Some(Ok(Shown {
                    prepared: prepared.clone(),
                    summary,
                    stage,
                })));
            };
            let reply = match event {
                Event::OnPage(why) => {
                    on_page.try_set(Some(why));
                    return;
                }
                Event::Reply(reply) => *reply,
            };
            match reply {
                Reply::Progress {
                    done,
                    total,
                    summary,
                } => {
                    progress.try_set(Some((done, total)));
                    if let Some(summary) = summary {
                        show(summary, Stage::SoFar);
                    }
                }
                Reply::Finished { summary, cancelled } => {
                    if let (Ok(s), false) = (&summary, cancelled) {
                        simulated.try_set(Some((ran.clone(), s.var)));
                    }
                    match summary {
                        Ok(summary) => show(
                            summary,
                            if cancelled {
                                Stage::Cancelled
                            } else {
                                Stage::Done
                            },
                        ),
                        Err(e) => {
                            shown.try_set(Some(Err(e)));
                        }
                    }
                    progress.try_set(None);
                    running.try_set_value(None);
                }
                Reply::Failed(e) => {
                    shown.try_set(Some(Err(e)));
                    progress.try_set(None);
                    running.try_set_value(None);
                }
                Reply::Ready | Reply::Intervals(_) => {}
            }
        };
        running.set_value(Some(Run::start(Command::Run(request), on_event)));
    };
    let model_key = move || match scenario.with(|s| s.simulation.model) {
        SimulationModel::Bootstrap { .. } => "bootstrap",
        SimulationModel::Normal => "normal",
        SimulationModel::StudentT { .. } => "student_t",
    };
    let set_model = move |key: String| {
        change(&|s: &mut Scenario| {
            s.simulation.model = match key.as_str() {
                "normal" => SimulationModel::Normal,
                "student_t" => SimulationModel::StudentT {
                    degrees_of_freedom: 4.0,
                },
                _ => SimulationModel::Bootstrap { mean_block: 10.0 },
            };
        });
    };
    let number = move |id: &'static str,
                       label: &'static str,
                       get: fn(&Scenario) -> String,
                       put: fn(&mut Scenario, &str) -> bool| {
        view! {
            <div class="control">
                <label for=id>{label}</label>
                <input id=id type="number" step="1" inputmode="numeric"
                    prop:value=move || scenario.with(get)
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        let mut next = scenario.get_untracked();
                        if put(&mut next, v.trim()) {
                            change(&|s: &mut Scenario| *s = next.clone());
                        } else {
                            problem.set(Some(format!("Not applied: “{v}” is not a whole number.")));
                        }
                    }/>
            </div>
        }
    };
    let results = move || {
        shown.get().map(|r| match r {
            Err(e) => view! { <p class="notice" id="simulation-problem">{format!("No simulation: {e}.")}</p> }.into_any(),
            Ok(f) => {
                let rows = odds_rows(&f.summary, &f.prepared)
                    .into_iter()
                    .map(|r| labelled_row(&ODDS_HEADERS, r))
                    .collect_view();
                let figures_table = book.with_untracked(|b| figures(&f.summary, b, &f.prepared));
                view! {
                    {match f.stage {
                        Stage::Cancelled => Some(view! { <p class="notice" role="status" id="simulation-cancelled">{format!("Cancelled: the figures are of the {} paths run.", f.summary.paths)}</p> }.into_any()),
                        Stage::SoFar => Some(view! { <p class="notice" id="simulation-so-far">{format!("So far: the figures are of the first {} paths; more are coming.", f.summary.paths)}</p> }.into_any()),
                        Stage::Done => None,
                    }}
                    {figure_table("simulation-figures", figures_table)}
                    <figure>
                        <figcaption>{format!("Change on equity over the horizon: median, 25–75 % and 5–95 % of paths ({})", model_words(f.prepared.model))}</figcaption>
                        <ChartCanvas id="simulation-fan" label="Simulated change on equity: median and bands" data=ChartSpec::new(fan(&f.summary, &f.prepared))/>
                    </figure>
                    <figure>
                        <figcaption>{format!("Change on equity at the horizon ({} days): how the {} paths end, 95 % VaR and ES marked", f.prepared.simulator.setup().horizon, f.summary.paths)}</figcaption>
                        <ChartCanvas id="simulation-terminal" label="Distribution of the simulated change on equity at the horizon" data=ChartSpec::new(terminal(&f.summary))/>
                    </figure>
                    {recovery(&f.summary).map(|r| view! {
                        <figure>
                            <figcaption>{format!("Time to recover: of the {} paths, {} fell below a peak and were back at a new high within the horizon; how many days that took, from the deepest trough", f.summary.paths, percent(f.summary.recovered, 1))}</figcaption>
                            <ChartCanvas id="simulation-recovery" label="Distribution of the simulated days to recover from the deepest drawdown" data=ChartSpec::new(r)/>
                        </figure>
                    })}
                    <table class="metric-table stacked" id="odds-table">
                        <caption>"Stops and liquidations within the horizon (at daily closes: lower bounds)"</caption>
                        <thead>{header_row(&ODDS_HEADERS)}</thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="simulation-heading">
            <h2 id="simulation-heading">"Monte Carlo"</h2>
            <p class="explain">{move || format!(
                "Paths of all holdings at once, drawn by {}, on daily log returns; each holding opened at the last close and held; a leveraged one liquidated when its equity falls to its contract's maintenance margin at its size (Binance USDⓈ-M's brackets as of {}; an assumed {} of its value for an asset with no contract there). Seeded from the link: the same link gives the same paths. It runs in a background thread (a Web Worker), so the page keeps answering while it does.",
                model_words(scenario.with(|s| s.simulation.model)),
                tokenrisk_market::brackets::BRACKETS_DATE,
                percent(super::maintenance::ASSUMED, 0)
            )}</p>
            <div class="controls">
                <div class="control">
                    <label for="mc-model">"Model"</label>
                    <select id="mc-model" on:change:target=move |ev| set_model(ev.target().value())>
                        <option value="bootstrap" selected=move || model_key() == "bootstrap">"Block bootstrap of history"</option>
                        <option value="normal" selected=move || model_key() == "normal">"Multivariate normal"</option>
                        <option value="student_t" selected=move || model_key() == "student_t">"Student-t (4 degrees of freedom)"</option>
                    </select>
                </div>
                {number("mc-horizon", "Horizon, days", |s| s.simulation.horizon_days.to_string(),
                    |s, v| v.parse().map(|d| s.simulation.horizon_days = d).is_ok())}
                {number("mc-paths", "Paths", |s| s.simulation.paths.to_string(),
                    |s, v| v.parse().map(|p| s.simulation.paths = p).is_ok())}
                {number("mc-seed", "Seed", |s| s.seed.to_string(),
                    |s, v| v.parse().map(|x| s.seed = x).is_ok())}
                <button type="button" id="mc-run" on:click=run disabled=move || progress.get().is_some()>"Run"</button>
                <button type="button" id="mc-cancel" disabled=move || progress.get().is_none()
                    on:click=move |_| running.with_value(|r| if let Some(r) = r { r.cancel(); })>"Cancel"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="mc-problem">{p}</p> })}
            {move || on_page.get().map(|why| view! { <p class="notice" id="mc-on-page">{format!("The simulation runs on this page, not in the background: {why}. The page may answer slowly until it ends.")}</p> })}
            {move || progress.get().map(|(done, total)| view! {
                <p id="mc-progress" role="status">
                    <progress max=total.to_string() value=done.to_string()></progress>
                    {format!(" {done} of {total} paths")}
                </p>
            })}
            {results}
        </section>
    }
}
