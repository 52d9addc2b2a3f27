//! The data-status badge of a panel: live, cached, bundled or imported, and how old.

use crate::data::AssetSeries;
use crate::live::state::{LiveSeries, LiveState};
use leptos::prelude::*;
use tokenrisk_core::time::format_unix;

fn when(ms: f64) -> String {
    format_unix((ms / 1000.0) as i64)
}

/// The badge's state name (for styling and tests) and text.
pub fn describe(
    asset: &AssetSeries,
    live: Option<&LiveState>,
    snapshot_created_at: Option<&str>,
) -> (&'static str, String) {
    let bundled = snapshot_created_at.map_or_else(
        || "bundled data".to_owned(),
        |t| format!("bundled snapshot of {t}"),
    );
    if asset.provenance.provider.contains("imported") {
        return (
            "imported",
            format!("Imported file {}", asset.provenance.location),
        );
    }
    let fetched =
        |s: &LiveSeries| format!("{} · fetched {}", s.provider_label(), when(s.fetched_at_ms));
    match live {
        None => (
            "bundled",
            format!(
                "{bundled} · no key-less live source for {} (refreshed when the site is built)",
                asset.id
            ),
        ),
        Some(LiveState::Updating(None)) => ("updating", format!("{bundled} · asking Binance…")),
        Some(LiveState::Updating(Some(s))) => (
            "updating",
            format!("Cached · {} · asking again…", fetched(s)),
        ),
        Some(LiveState::Live(s)) => ("live", format!("Live · {}", fetched(s))),
        Some(LiveState::Cached(s, None)) => {
            ("cached", format!("Cached · {} (still fresh)", fetched(s)))
        }
        Some(LiveState::Cached(s, Some(failure))) => (
            "cached",
            format!("Cached · {} · live update failed: {failure}", fetched(s)),
        ),
        Some(LiveState::Unavailable(failure)) => (
            "bundled",
            format!("{bundled} · live data unavailable: {failure}"),
        ),
    }
}

/// The badge.
#[component]
pub fn DataStatus(
    /// `(state name, text)` from [`describe`].
    status: Signal<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <p id="data-status" class="data-status" role="status" aria-live="polite"
            data-state=move || status.with(|s| s.0)>
            {move || status.with(|s| s.1.clone())}
        </p>
    }
}
