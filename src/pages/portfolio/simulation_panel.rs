//! The portfolio page's Monte Carlo panel: its settings (in the link's scenario), a run in
//! pieces of [`simulation_model::CHUNK`] paths on the page's thread with progress and cancel,
//! and its results (`simulation_model`).

use super::checked_change;
use super::history::History;
use super::model::Book;
use super::simulation_model::{
    self, fan, figures, model_words, odds_rows, prepare, Prepared, ODDS_HEADERS,
};
use crate::components::chart::{ChartCanvas, ChartSpec};
use crate::components::table_rows::{header_row, labelled_row};
use crate::figures::figure_table;
use crate::format::percent;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokenrisk_core::scenario::{Scenario, SimulationModel};
use tokenrisk_core::simulation::SummaryLevels;

/// What a finished run shows.
#[derive(Clone)]
struct Finished {
    prepared: Prepared,
    summary: tokenrisk_core::simulation::Summary,
    cancelled: bool,
}

/// The Monte Carlo: its settings (in the scenario), a run in pieces with progress and cancel,
/// and its results.
#[component]
pub(super) fn SimulationPanel(
    history: Memo<Result<History, String>>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    set: Callback<Scenario>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<(u64, u64)>);
    let finished = RwSignal::new(None::<Result<Finished, String>>);
    let cancel = RwSignal::new(None::<Arc<AtomicBool>>);
    let problem = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Scenario)| checked_change(scenario, set, problem, f);
    let run = move |_| {
        let prepared = history.with_untracked(|h| {
            book.with_untracked(|b| scenario.with_untracked(|s| prepare(h.as_ref()?, b, s)))
        });
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                finished.set(Some(Err(e)));
                return;
            }
        };
        let stop = Arc::new(AtomicBool::new(false));
        cancel.set(Some(stop.clone()));
        finished.set(None);
        let total = prepared.paths;
        progress.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            let mut outcome = prepared.simulator.no_paths();
            let mut done = 0;
            while done < total && !stop.load(Ordering::Relaxed) {
                let end = (done + simulation_model::CHUNK).min(total);
                outcome.merge(prepared.simulator.run(done..end));
                done = end;
                if progress.try_set(Some((done, total))).is_some() {
                    return; // the page is gone
                }
                // Let the page answer input between pieces.
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            let result = outcome
                .summary(&SummaryLevels::default())
                .map(|summary| Finished {
                    prepared,
                    summary,
                    cancelled: done < total,
                })
                .map_err(|e| e.to_string());
            finished.try_set(Some(result));
            progress.try_set(None);
            cancel.try_set(None);
        });
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
        finished.get().map(|r| match r {
            Err(e) => view! { <p class="notice" id="simulation-problem">{format!("No simulation: {e}.")}</p> }.into_any(),
            Ok(f) => {
                let rows = odds_rows(&f.summary, &f.prepared)
                    .into_iter()
                    .map(|r| labelled_row(&ODDS_HEADERS, r))
                    .collect_view();
                let figures_table = book.with_untracked(|b| figures(&f.summary, b, &f.prepared));
                view! {
                    {f.cancelled.then(|| view! { <p class="notice" role="status" id="simulation-cancelled">{format!("Cancelled: the figures are of the {} paths run.", f.summary.paths)}</p> })}
                    {figure_table("simulation-figures", figures_table)}
                    <figure>
                        <figcaption>{format!("Change on equity over the horizon: median, 25–75 % and 5–95 % of paths ({})", model_words(f.prepared.model))}</figcaption>
                        <ChartCanvas id="simulation-fan" label="Simulated change on equity: median and bands" data=ChartSpec::new(fan(&f.summary, &f.prepared))/>
                    </figure>
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
                "Paths of all holdings at once, drawn by {}, on daily log returns; each holding opened at the last close and held; a leveraged one liquidated when its equity falls to a maintenance margin of {} of its value (an assumption). Seeded from the link: the same link gives the same paths.",
                model_words(scenario.with(|s| s.simulation.model)),
                percent(simulation_model::MAINTENANCE, 0)
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
                    on:click=move |_| { if let Some(c) = cancel.get_untracked() { c.store(true, Ordering::Relaxed); } }>"Cancel"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="mc-problem">{p}</p> })}
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
