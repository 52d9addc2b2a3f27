//! The token view's risk tables: every metric of the range with its resampled intervals, and
//! the token against its benchmarks. They arrive as their own module once the view's first
//! chart is drawn (`crate::pages::split::token_tables`), with the metric explanations and the
//! resampling code.

use crate::analysis::{with_intervals, TokenAnalysis};
use crate::components::metric_table::{MetricTable, RelativeTable};
use leptos::prelude::*;
use std::time::Duration;
use tokenrisk_core::report::RiskReport;

/// The metric table (its intervals computed after the view is painted) and the relative table.
#[component]
pub fn RiskTables(
    /// The view's analysis of the token over the range.
    analysis: Memo<Option<TokenAnalysis>>,
) -> impl IntoView {
    // The resampled intervals (~70 ms on a long history) are computed once the view with the
    // new range has been painted, and only if the range is still the one shown (and the page
    // is still there: the deferred task reads nothing once its signals are gone).
    // Kept with the report they extend, so a report of another range never shows them.
    let intervals = RwSignal::new(None::<(RiskReport, RiskReport)>);
    Effect::new(move |_| {
        let job = analysis.with(|a| {
            a.as_ref()
                .and_then(|a| a.report.clone().map(|r| (r, a.risk.prices.clone())))
        });
        intervals.set(None);
        let Some((report, prices)) = job else { return };
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let current = analysis.try_with_untracked(|a| {
                        a.as_ref().and_then(|a| a.report.as_ref()) == Some(&report)
                    });
                    if current == Some(true) {
                        let full = with_intervals(report.clone(), &prices);
                        intervals.try_set(Some((report, full)));
                    }
                },
                Duration::ZERO,
            );
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
