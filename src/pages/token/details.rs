//! The token view's risk tables: every metric of the range with its resampled intervals, and
//! the token against its benchmarks. They arrive as their own module once the view's first
//! chart is drawn (`crate::pages::split::token_tables`), with the metric explanations and the
//! resampling code.

use crate::analysis::{intervals_input, TokenAnalysis};
use crate::components::metric_table::{MetricTable, RelativeTable};
use crate::simulation_worker::{Event, Run};
use leptos::prelude::*;
use tokenrisk_core::report::RiskReport;
use tokenrisk_core::simulation::job::{Command, Reply};

/// The metric table (its intervals computed in the simulation worker after the view is
/// painted) and the relative table.
#[component]
pub fn RiskTables(
    /// The view's analysis of the token over the range.
    analysis: Memo<Option<TokenAnalysis>>,
) -> impl IntoView {
    // The resampled intervals (~70 ms on a long history) are computed in the simulation
    // worker once the view with the new range has been painted, and only if the range is still
    // the one shown; a range change ends the run of the one before. Kept with the report they
    // extend, so a report of another range never shows them.
    let intervals = RwSignal::new(None::<(RiskReport, RiskReport)>);
    let running = StoredValue::new_local(None::<Run>);
    Effect::new(move |_| {
        let job = analysis.with(|a| {
            a.as_ref()
                .and_then(|a| a.report.clone().map(|r| (r, a.risk.prices.clone())))
        });
        intervals.set(None);
        running.set_value(None);
        let Some((report, prices)) = job else { return };
        request_animation_frame(move || {
            let current = analysis.try_with_untracked(|a| {
                a.as_ref().and_then(|a| a.report.as_ref()) == Some(&report)
            });
            if current != Some(true) {
                return;
            }
            let input = intervals_input(&report, &prices);
            let run = Run::start(Command::Intervals(input.clone()), move |event| {
                let uncertainty = match event {
                    Event::Reply(reply) => match *reply {
                        Reply::Intervals(u) => u,
                        // The worker stopped: the page computes them itself.
                        Reply::Failed(_) => input.compute(),
                        _ => return,
                    },
                    Event::OnPage(_) => return,
                };
                let mut full = report.clone();
                full.uncertainty = Some(uncertainty);
                intervals.try_set(Some((report.clone(), full)));
            });
            running.try_set_value(Some(run));
        });
    });
    move || {
        analysis.get().map(|a| {
            view! {
                {a.report.map(|report| match intervals.get() {
                    Some((base, full)) if base == report => view! { <MetricTable report=full/> }.into_any(),
                    _ => view! { <MetricTable report=report intervals_pending=true/> }.into_any(),
                })}
                {(!a.benchmarks.is_empty()).then(|| view! {
                    <RelativeTable benchmarks=a.benchmarks two_factor=a.two_factor/>
                })}
            }
        })
    }
}
