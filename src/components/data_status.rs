//! The data-status badge of a panel: live, cached, bundled or imported, and how old.

use crate::data::AssetSeries;
use crate::live::remote::Remote;
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

/// The badge of a panel showing one API answer: `(state name, text)`, the text naming the
/// provider, when the answer was fetched, and why it is not fresh when a request failed.
/// `summary` adds what the answer holds (e.g. "50 coins").
pub fn describe_remote<T>(
    remote: &Remote<T>,
    provider: &str,
    summary: impl Fn(&T) -> String,
) -> (&'static str, String) {
    let text = match remote {
        Remote::Loading => format!("Asking {provider}…"),
        Remote::Ready(f) => {
            let fetched = format!("{provider} · fetched {}", when(f.fetched_at_ms));
            let summary = summary(&f.value);
            let summary = if summary.is_empty() {
                summary
            } else {
                format!(" · {summary}")
            };
            match (f.live, &f.failure) {
                (true, _) => format!("Live · {fetched}{summary}"),
                (false, None) => format!("Cached · {fetched} (still fresh){summary}"),
                (false, Some(failure)) => {
                    format!("Cached · {fetched} · update failed: {failure}{summary}")
                }
            }
        }
        Remote::Unavailable(reason) => format!("{provider} unavailable: {reason}"),
    };
    (remote.status_name(), text)
}

/// A panel's badge, for panels that show several on a page (`id` tells them apart).
#[component]
pub fn PanelStatus(
    /// The element id, for tests and links.
    id: &'static str,
    /// `(state name, text)` from [`describe_remote`].
    status: Signal<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <p id=id class="data-status" role="status" aria-live="polite"
            data-state=move || status.with(|s| s.0)>
            {move || status.with(|s| s.1.clone())}
        </p>
    }
}
