//! The Data page: every source the app uses, what it gave, and how old it is.

use crate::app_state::AppState;
use crate::components::data_status::describe;
use crate::data::AssetSeries;
use crate::live::cache;
use crate::live::coingecko_key;
use crate::live::service::Source;
use crate::live::state::newest_cached;
use crate::site_data::SiteData;
use leptos::prelude::*;

pub mod model;
use tokenrisk_market::fetch_policy::SiteConfig;
use tokenrisk_market::registry;

/// One table row per series: where it came from and how old its newest close is.
fn source_rows(assets: Vec<AssetSeries>) -> impl IntoView {
    let now = cache::now_ms();
    assets
        .iter()
        .map(|a| {
            let r = model::source_row(a, now);
            view! {
                <tr data-series=r.id>
                    <th scope="row">{r.series}</th>
                    <td data-label="Source">{r.provider}</td>
                    <td class="location" data-label="From">{r.location}</td>
                    <td data-label="Taken">{r.taken}</td>
                    <td data-label="Covers">{r.covers}</td>
                    <td class="num" data-label="Newest close, age">{r.age}</td>
                </tr>
            }
        })
        .collect_view()
}

fn sources_table(id: &'static str, caption: String, assets: Vec<AssetSeries>) -> impl IntoView {
    view! {
        <section class="panel table-panel">
            <table class="metric-table stacked" id=id>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">"Series"</th><th scope="col">"Source"</th><th scope="col">"From"</th>
                    <th scope="col">"Taken"</th><th scope="col">"Covers"</th><th scope="col">"Newest close, age"</th>
                </tr></thead>
                <tbody>{source_rows(assets)}</tbody>
            </table>
        </section>
    }
}

/// Lists the bundled snapshot, the live data of this visit, imported files, and where the APIs
/// are configured to be.
#[component]
pub fn DataPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    let AppState { imports, live, .. } = state;
    let live_rows = move || {
        live.with(|states| {
            let mut rows: Vec<_> = states
                .iter()
                .map(|(id, s)| (id.clone(), s.clone()))
                .collect();
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            rows
        })
    };
    view! {
        <h1 class="page-title">"Data sources"</h1>
        <section class="panel table-panel">
            <table class="metric-table" id="live-sources">
                <caption>"Live data during this visit (asked when a token is shown; answers are cached in this browser)"</caption>
                <thead><tr><th scope="col">"Series"</th><th scope="col">"Status"</th><th scope="col">"Asked"</th></tr></thead>
                <tbody>
                    <For each=live_rows key=|(id, state)| (id.clone(), format!("{state:?}")) let((id, state))>
                        {
                            let placeholder = AssetSeries::placeholder(&id);
                            let text = describe(&placeholder, Some(&state), None).1;
                            let url = state.series().map(|s| s.url.clone()).unwrap_or_default();
                            let label = id.clone();
                            view! { <tr data-series=id><th scope="row">{label}</th><td>{text}</td><td class="location">{url}</td></tr> }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || live.with(|m| m.is_empty())>
                <p class="empty">"No live data asked for yet: open a token to fetch its latest daily candles."</p>
            </Show>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || site.loaded(&state).map(|loaded| {
                let bundled = match loaded.problem {
                    None => {
                        let caption = format!(
                            "Bundled snapshot built {} (served with the site; refreshed when the site is built)",
                            loaded.dataset.snapshot_created_at.clone().unwrap_or_default()
                        );
                        sources_table("bundled-sources", caption, loaded.dataset.assets).into_any()
                    }
                    Some(p) => view! { <p class="notice panel" role="alert">{p}</p> }.into_any(),
                };
                view! {
                    {bundled}
                    <CachePanel state=state/>
                    <AnswersPanel state=state/>
                    <ConfigPanel config=loaded.config problem=loaded.config_problem/>
                }
            })}
            <CoinGeckoKey/>
        </Suspense>
        <Show when=move || imports.with(|i| !i.is_empty())>
            {move || sources_table("imported-sources", "Files imported in this browser (never uploaded)".to_owned(), imports.get())}
        </Show>
    }
}

/// The API answers this browser keeps, from this visit or earlier ones.
#[component]
fn CachePanel(state: AppState) -> impl IntoView {
    let Some(service) = state.service.get_value() else {
        return view! { <p class="empty">"No data service yet."</p> }.into_any();
    };
    let rows = registry::live_crypto()
        .filter_map(|a| newest_cached(&service, a.id).map(|(entry, series)| (a.id, entry, series)))
        .map(|(id, entry, series)| {
            let fetched = model::fetched_text(
                entry.fetched_at_ms,
                service.is_fresh(series.source.api(), &entry),
            );
            view! {
                <tr data-series=id>
                    <th scope="row">{id}</th>
                    <td data-label="Answer">{format!("{} · {fetched}", series.provider_label())}</td>
                    <td class="num" data-label="Daily closes">{series.prices.len()}</td>
                    <td class="location" data-label="Asked">{series.url.clone()}</td>
                </tr>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    kept_table(
        "cached-sources",
        "Answers kept in this browser's storage",
        ["Series", "Answer", "Daily closes", "Asked"],
        rows,
    )
}

/// A table of what this browser keeps, or a line saying nothing is kept yet.
fn kept_table(
    id: &'static str,
    caption: &'static str,
    headers: [&'static str; 4],
    rows: Vec<AnyView>,
) -> AnyView {
    let empty = rows.is_empty();
    view! {
        <section class="panel table-panel">
            <table class="metric-table stacked" id=id>
                <caption>{caption}</caption>
                <thead><tr>{headers.map(|h| view! { <th scope="col">{h}</th> })}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {empty.then(|| view! { <p class="empty">"Nothing cached yet."</p> })}
        </section>
    }
    .into_any()
}

/// Every API answer this browser keeps, by source, with its age.
#[component]
fn AnswersPanel(state: AppState) -> impl IntoView {
    let Some(service) = state.service.get_value() else {
        return ().into_any();
    };
    let rows = cache::urls()
        .into_iter()
        .filter_map(|url| {
            let source = Source::of_url(&service.config, &url)?;
            let entry = service.cached(&url)?;
            let fetched =
                model::fetched_text(entry.fetched_at_ms, service.is_fresh(source, &entry));
            let size = model::size_text(entry.body.len());
            let key = url.clone();
            Some(
                view! {
                    <tr data-url=key>
                        <th scope="row">{source.label()}</th>
                        <td data-label="Age">{fetched}</td>
                        <td class="num" data-label="Size">{size}</td>
                        <td class="location" data-label="Asked">{url}</td>
                    </tr>
                }
                .into_any(),
            )
        })
        .collect::<Vec<_>>();
    kept_table(
        "cached-answers",
        "Every API answer kept in this browser (order books, futures, GitHub, CoinGecko, candles)",
        ["Source", "Age", "Size", "Asked"],
        rows,
    )
}

/// The optional CoinGecko demo key: saved in this browser only, never shown again in full.
#[component]
fn CoinGeckoKey() -> impl IntoView {
    let saved = RwSignal::new(coingecko_key::get().is_some());
    let message = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let save = move |_| {
        let Some(field) = input.get() else { return };
        match coingecko_key::set(&field.value()) {
            Ok(()) => {
                field.set_value("");
                saved.set(true);
                message.set(Some(
                    "Saved in this browser; used for CoinGecko requests from the next page load."
                        .to_owned(),
                ));
            }
            Err(reason) => message.set(Some(reason)),
        }
    };
    let forget = move |_| {
        coingecko_key::clear();
        saved.set(false);
        message.set(Some("Forgotten.".to_owned()));
    };
    view! {
        <section class="panel" id="coingecko-key-panel">
            <h2>"CoinGecko demo key (optional)"</h2>
            <p class="explain">"With a free demo key CoinGecko allows more requests. It stays in this browser's storage, is sent to CoinGecko only, and never appears in a link or on the page."</p>
            <p>{move || if saved.get() { "A key is saved." } else { "No key saved." }}</p>
            <label for="coingecko-key">"Key"</label>
            <input id="coingecko-key" type="password" autocomplete="off" node_ref=input/>
            <button type="button" id="save-coingecko-key" on:click=save>"Save"</button>
            <button type="button" id="forget-coingecko-key" on:click=forget>"Forget"</button>
            {move || message.get().map(|m| view! { <p class="hint" role="status">{m}</p> })}
        </section>
    }
}

/// Where the APIs are, as the site's `config.json` says.
#[component]
fn ConfigPanel(config: SiteConfig, problem: Option<String>) -> impl IntoView {
    view! {
        <section class="panel provenance" id="site-config">
            <h2>"Where the APIs are"</h2>
            {problem.map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <dl>
                {Source::ALL.map(|source| view! {
                    <dt>{source.label()}</dt><dd class="location">{source.base(&config).to_owned()}</dd>
                })}
                <dt>"Timeout"</dt><dd>{format!("{} ms per request; 429, 5xx and 202 (still computing) retried twice with backoff", config.request_timeout_ms)}</dd>
                <dt>"Cache"</dt><dd>{format!("answers kept {} minutes in this browser; GitHub's weekly statistics {} hours", config.cache_ttl_ms / 60_000, Source::GitHub.time_to_live_ms(&config) / 3_600_000.0)}</dd>
            </dl>
            <p class="explain">"From config.json, served with the site so a deployment can use its own proxy; never taken from a link."</p>
        </section>
    }
}
