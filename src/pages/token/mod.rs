//! The token risk page: pick a token and a range (a preset, dates, or by zooming a chart); see
//! its price on any scale, its drawdown and return distribution, every risk metric, the market
//! now, and where every number came from.

use crate::analysis::analyse;
use crate::app_state::AppState;
use crate::components::csv_import::CsvImport;
use crate::components::data_status::{describe, DataStatus};
use crate::components::lazy::Lazy;
use crate::components::market_context::MarketContextStrip;
use crate::components::provenance::ProvenancePanel;
use crate::components::range_controls::{range_label, RangeControls, ScaleSelect};
use crate::components::skeleton::{self, Skeleton};
use crate::data::{AssetSeries, Dataset};
use crate::link::{use_token_link, TokenLinkHandle};
use crate::live::state::refresh;
use crate::pages::split;
use crate::site_data::SiteData;
use charts::TokenCharts;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use metrics::Metrics;
use std::time::Duration;
use tokenrisk_core::range::Range;

mod charts;
pub mod details;
pub mod market_now;
mod metrics;
pub mod model;

/// How long after the last wheel or drag step a zoom is written to the link (and the numbers
/// follow it): the charts follow the gesture at once.
const ZOOM_COMMIT: Duration = Duration::from_millis(300);

/// Waits for the bundled data and the site configuration, then shows the token view over
/// them, with live data from the configured APIs replacing bundled data as it arrives.
#[component]
pub fn TokenPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::TOKEN_PAGE/> }>
            {move || site.loaded(&state).map(|loaded| {
                view! {
                    {loaded.config_problem.map(|p| view! { <p class="notice panel" role="alert">{p}</p> })}
                    <MarketContextStrip/>
                    <TokenView bundled=loaded.dataset problem=loaded.problem/>
                }
            })}
        </Suspense>
    }
}

/// The token view over a dataset. The token and range come from the URL (`?token=&range=`);
/// unknown values show a notice and the defaults.
#[component]
pub fn TokenView(
    /// The bundled series (possibly none).
    bundled: Dataset,
    /// Why bundled data is missing, if it is.
    problem: Option<String>,
) -> impl IntoView {
    // Imports, live data and the data service are the visit's (see [`AppState`]); without a
    // data service the view shows what it is given.
    let AppState {
        imports,
        live,
        service,
        import_notices,
        ..
    } = AppState::use_or_new();
    let snapshot_created_at = StoredValue::new(bundled.snapshot_created_at.clone());
    let state = AppState::use_or_new();
    let dataset = Memo::new(move |_| state.dataset(&bundled));
    let available =
        Signal::derive(move || dataset.with(|d| d.ids().into_iter().map(str::to_owned).collect()));
    let TokenLinkHandle {
        link: selection,
        set_token,
        set_range,
        set_scale,
    } = use_token_link(available);
    let scale = Memo::new(move |_| selection.with(|s| s.scale));
    let asset = Memo::new(move |_| {
        let token = selection.with(|s| s.token.clone());
        dataset.with(|d| d.get(&token).cloned())
    });
    // Asking the network for the shown token is synchronising with the outside world.
    Effect::new(move |_| {
        let token = selection.with(|s| s.token.clone());
        service.with_value(|s| {
            if let Some(s) = s {
                refresh(s, &token, live);
            }
        });
    });
    let status = Signal::derive(move || {
        let token = selection.with(|s| s.token.clone());
        let bundled_at = snapshot_created_at.get_value();
        asset.with(|a| {
            a.as_ref().map_or(("none", String::new()), |a| {
                live.with(|m| describe(a, m.get(&token), bundled_at.as_deref()))
            })
        })
    });
    let analysis = Memo::new(move |_| {
        let (token, range) = selection.with(|s| (s.token.clone(), s.range));
        dataset.with(|d| analyse(d, &token, range))
    });
    let risk = Memo::new(move |_| analysis.with(|a| a.as_ref().map(|a| a.risk.clone())));
    let on_import = Callback::new(move |series: AssetSeries| {
        let id = series.id.clone();
        imports.update(|list| {
            list.retain(|s| s.id != id);
            list.push(series);
        });
        set_token.run(id);
    });
    let range = Memo::new(move |_| selection.with(|s| s.range));
    // The span the range covers (dates for the custom-range fields, days for the charts).
    let span = Memo::new(move |_| {
        let range = range.get();
        asset.with(|a| a.as_ref().and_then(|a| range.span(&a.prices)))
    });
    // While the user zooms or pans, the charts follow the gesture at once; the range in the
    // link (and the numbers computed over it) follows when the gesture pauses.
    let zooming = RwSignal::new(None::<(f64, f64)>);
    let window = Signal::derive(move || zooming.get().or_else(|| span.get().map(model::window_of)));
    // The pending zoom commit is cancelled when the page goes, so it never runs without it.
    let commit = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = commit.try_get_value().flatten() {
            handle.clear();
        }
    });
    let on_window = Callback::new(move |w: (f64, f64)| {
        zooming.set(Some(w));
        if let Some(handle) = commit.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(custom) = model::range_of_window(w) {
                    set_range.run(custom);
                }
                zooming.set(None);
            },
            ZOOM_COMMIT,
        )
        .ok();
        commit.set_value(handle);
    });
    // Reset returns to the last preset chosen (the default one for a link that came zoomed).
    let last_preset = RwSignal::new(Range::default());
    Effect::new(move |_| {
        let r = range.get();
        if !matches!(r, Range::Custom { .. }) {
            last_preset.set(r);
        }
    });
    let on_range = Callback::new(move |r: Range| {
        zooming.set(None);
        set_range.run(r);
    });
    let on_reset = Callback::new(move |()| {
        on_range.run(model::reset_target(
            range.get_untracked(),
            last_preset.get_untracked(),
        ));
    });
    let on_scale = set_scale;
    let token = Signal::from(Memo::new(move |_| selection.with(|s| s.token.clone())));
    let caption = Signal::derive(move || selection.with(|s| model::caption(&s.token, s.range)));

    view! {
        <section class="controls panel" aria-label="What to show">
            <div class="control">
                <label for="token-select">"Token"</label>
                <select id="token-select" on:change:target=move |ev| set_token.run(ev.target().value())>
                    <Show when=move || dataset.with(|d| d.assets.is_empty())>
                        <option value="" disabled selected>"No series loaded"</option>
                    </Show>
                    {move || dataset.with(|d| d.assets.iter().map(|a| {
                        let id = a.id.clone();
                        let selected = move || selection.with(|s| s.token == id);
                        view! { <option value=a.id.clone() prop:selected=selected>{format!("{} · {}", a.id, a.name)}</option> }
                    }).collect_view())}
                </select>
            </div>
            <RangeControls range=range span=span on_range=on_range/>
            <ScaleSelect scale=scale on_scale=on_scale/>
            <Show when=move || matches!(range.get(), Range::Custom { .. })>
                <button type="button" id="reset-zoom" class="reset-zoom"
                    on:click=move |_| on_reset.run(())>
                    {move || format!("Reset to {}", range_label(last_preset.get()))}
                </button>
            </Show>
            <CsvImport on_import=on_import/>
        </section>
        {problem.map(|p| view! {
            <p class="notice panel" role="status">{p}" Load a CSV price file to analyse one."</p>
        })}
        <For each=move || import_notices.get() key=|n| n.clone() let(notice)>
            <p class="notice panel" role="alert">{notice}</p>
        </For>
        <For each=move || selection.get().notices.into_iter().enumerate() key=|(i, n)| (*i, n.to_string()) let((_, notice))>
            <p class="notice panel" role="alert">{notice.to_string()}</p>
        </For>
        <Show
            when=move || asset.with(Option::is_some)
            fallback=|| view! { <p class="empty panel">"No series to show yet."</p> }
        >
            <DataStatus status=status/>
            {move || asset.get().zip(risk.get()).map(|(asset, risk)| view! { <Metrics asset=asset risk=risk/> })}
            <TokenCharts asset=asset risk=risk window=window scale=scale.into() caption=caption
                on_window=on_window on_reset=on_reset/>
            <Lazy load=move || split::token_tables(analysis) heights=skeleton::RISK_TABLES
                what="part of the page (the risk tables)" defer=true/>
            <Lazy load=move || split::market_now(token) heights=skeleton::MARKET_NOW
                what="part of the page (the market now)" defer=true/>
            {move || asset.get().map(|asset| {
                let bundled_at = snapshot_created_at.get_value();
                view! { <ProvenancePanel asset=asset snapshot_created_at=bundled_at/> }
            })}
        </Show>
    }
}
