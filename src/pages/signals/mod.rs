//! The signals page: what to watch before the next sell-off, each signal beside its own
//! history: Big Tech's capital expenditure and the AI chip makers' revenue (SEC EDGAR, shipped
//! with the site), BTC's drawdown and realised volatility (the bundled closes), funding, open
//! interest and the long/short ratio of each perpetual (Binance USD-M, live), and each token's
//! volume against its 90-day median (the bundled volumes). Each row: the value, its rank in
//! its own history with the window, a sparkline, a state by thresholds kept in the link, the
//! source and its date; and what changed since the last visit (kept in this browser).

use crate::app_state::AppState;
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::components::fields::{link_value, NumberField};
use crate::components::skeleton::{self, Skeleton};
use crate::link::signals::{ELEVATED, STRETCHED};
use crate::link::use_signals_link;
use crate::live::market_now::{self, Positioning};
use crate::live::remote::Remote;
use crate::live::use_remote::use_remote;
use crate::site_data::SiteData;
use leptos::prelude::*;

pub mod model;
pub mod quarters_file;

use model::{
    book_assets, book_row, changes, focused, futures_assets, futures_rows, liquidity_rows,
    rank_text, sparkline_points, spending_rows, stability_rows, state_key, state_label, states,
    FuturesData, Group, Kept, SignalRow,
};

/// Where this browser keeps the states of the last visit.
const KEPT_KEY: &str = "tokenrisk.signals.v1";

/// Waits for the site's data (the bundled closes and volumes), then shows the page.
#[component]
pub fn SignalsPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"Signals"</h1>
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::SIGNALS_PAGE/> }>
            {move || site.loaded(&state).map(|loaded| {
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    {loaded.problem.map(|p| view! { <p class="notice panel" role="status">{p}</p> })}
                    <SignalsView dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// Each crypto asset's spot book now, asked together.
async fn all_books(
    service: std::rc::Rc<crate::live::service::DataService>,
) -> Vec<(&'static str, Remote<market_now::VenueBook>)> {
    let assets = book_assets();
    let asked = assets.iter().map(|asset| market_now::book(&service, asset));
    let answers = futures::future::join_all(asked).await;
    assets.iter().map(|a| a.id).zip(answers).collect()
}

/// Each perpetual's positioning, asked together.
async fn all_positioning(
    service: std::rc::Rc<crate::live::service::DataService>,
) -> Vec<(&'static str, Option<Positioning>)> {
    let assets = futures_assets();
    let asked = assets
        .iter()
        .map(|asset| market_now::positioning(&service, asset));
    let answers = futures::future::join_all(asked).await;
    assets.iter().map(|a| a.id).zip(answers).collect()
}

#[component]
fn SignalsView(dataset: Memo<crate::data::Dataset>) -> impl IntoView {
    let handle = use_signals_link();
    let link = handle.link;
    let set = handle.set;
    let thresholds = Memo::new(move |_| link.with(|l| l.thresholds));
    let quarters = LocalResource::new(quarters_file::load);
    let positioning = use_remote(|| Some(()), |service, ()| all_positioning(service));
    let books = use_remote(|| Some(()), |service, ()| all_books(service));
    let token = Memo::new(move |_| link.with(|l| l.token.clone()));
    let book_rows = Memo::new(move |_| {
        books.with(|answers| {
            answers.as_ref().map(|answers| {
                answers
                    .iter()
                    .filter_map(|(asset, remote)| {
                        let fetched = remote.ready()?;
                        let at = tokenrisk_core::time::format_unix(
                            (fetched.fetched_at_ms / 1000.0) as i64,
                        );
                        book_row(asset, &fetched.value.book, &fetched.value.venue, &at)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let books_status = Signal::derive(move || {
        books.with(|answers| match answers {
            None => describe_remote(&Remote::<()>::Loading, "Spot order books", |_| {
                String::new()
            }),
            Some(answers) => {
                let failed: Vec<String> = answers
                    .iter()
                    .filter_map(|(asset, r)| {
                        r.unavailable_reason().map(|why| format!("{asset}: {why}"))
                    })
                    .collect();
                match answers.iter().map(|(_, r)| r).find(|r| r.ready().is_some()) {
                    Some(remote) if failed.is_empty() => {
                        describe_remote(remote, "Spot order books", |_| String::new())
                    }
                    _ => (
                        "unavailable",
                        format!("Spot order books unavailable for {}", failed.join("; ")),
                    ),
                }
            }
        })
    });
    let kept = StoredValue::new(
        crate::storage::local()
            .and_then(|s| s.get_item(KEPT_KEY).ok().flatten())
            .and_then(|text| Kept::read(&text)),
    );
    let spending = Memo::new(move |_| {
        let t = thresholds.get();
        quarters.with(|q| {
            q.as_ref().map(|answer| match answer {
                Ok((file, dropped)) => {
                    let (rows, missing) = spending_rows(file, t);
                    Ok((rows, missing, dropped.clone()))
                }
                Err(problem) => Err(problem.clone()),
            })
        })
    });
    let futures = Memo::new(move |_| {
        let t = thresholds.get();
        positioning.with(|answers| {
            answers.as_ref().map(|answers| {
                answers
                    .iter()
                    .flat_map(|(asset, p)| {
                        let Some(p) = p else { return Vec::new() };
                        let source = "Binance USD-M futures (live)";
                        let data = FuturesData {
                            funding: p.funding.ready().map(|f| f.value.as_slice()),
                            open_interest: p
                                .open_interest_history
                                .ready()
                                .map(|f| f.value.as_slice()),
                            long_short: p.long_short.ready().map(|f| f.value.as_slice()),
                            source,
                        };
                        futures_rows(asset, &data, t)
                    })
                    .collect::<Vec<SignalRow>>()
            })
        })
    });
    let futures_status = Signal::derive(move || {
        positioning.with(|answers| match answers {
            None => describe_remote(&Remote::<()>::Loading, "Binance USD-M futures", |_| {
                String::new()
            }),
            Some(answers) => {
                let first = answers
                    .iter()
                    .filter_map(|(_, p)| p.as_ref())
                    .map(|p| &p.funding)
                    .next();
                let failed: Vec<String> = answers
                    .iter()
                    .filter_map(|(asset, p)| {
                        let p = p.as_ref()?;
                        p.funding
                            .unavailable_reason()
                            .map(|why| format!("{asset}: {why}"))
                    })
                    .collect();
                match first {
                    Some(remote) if failed.is_empty() => {
                        describe_remote(remote, "Binance USD-M futures", |_| String::new())
                    }
                    _ => (
                        "unavailable",
                        format!(
                            "Binance USD-M futures unavailable for {}",
                            failed.join("; ")
                        ),
                    ),
                }
            }
        })
    });
    let rows = Memo::new(move |_| {
        let t = thresholds.get();
        let mut all = Vec::new();
        if let Some(Ok((rows, _, _))) = spending.get() {
            all.extend(rows);
        }
        dataset.with(|d| {
            all.extend(stability_rows(d.get("BTC"), t));
            all.extend(futures.get().unwrap_or_default());
            all.extend(liquidity_rows(d, t));
        });
        all.extend(book_rows.get().unwrap_or_default());
        focused(all, token.get().as_deref())
    });
    // Keep today's states for the next visit (merged over the kept ones).
    Effect::new(move |_| {
        let now = states(&rows.get());
        if now.is_empty() {
            return;
        }
        let base = kept.get_value().unwrap_or(Kept {
            visited: String::new(),
            states: Vec::new(),
        });
        let visited = tokenrisk_core::time::format_unix((js_sys::Date::now() / 1000.0) as i64);
        if let Some(storage) = crate::storage::local() {
            let _ = storage.set_item(KEPT_KEY, &base.updated(visited, now).text());
        }
    });
    let since = move || {
        let rows = rows.get();
        match kept.get_value() {
            None => {
                "First visit from this browser: the states are kept for the next one.".to_owned()
            }
            Some(kept) => {
                let moved = changes(&kept.states, &rows);
                if moved.is_empty() {
                    format!(
                        "Since your last visit ({}): no signal changed state.",
                        kept.visited
                    )
                } else {
                    format!(
                        "Since your last visit ({}): {}.",
                        kept.visited,
                        moved.join("; ")
                    )
                }
            }
        }
    };
    let notices = move || {
        link.with(|l| {
            l.notices
                .iter()
                .map(|n| view! { <p class="notice panel" role="status">{n.to_string()}</p> })
                .collect_view()
        })
    };
    let group_table = move |group: Group| {
        let shown = move || {
            rows.with(|r| {
                r.iter()
                    .filter(|row| row.group == group)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        };
        view! {
            <section class="panel signals-group" data-group=group.title()>
                <h2>{group.title()}</h2>
                {match group {
                    Group::Spending => view! {
                        <p class="caption" id="spending-status">{move || match spending.get() {
                            None => "Reading the companies' quarters…".to_owned(),
                            Some(Err(problem)) => problem,
                            Some(Ok((_, missing, dropped))) => {
                                let mut parts = Vec::new();
                                if !missing.is_empty() {
                                    parts.push(format!("Not in this build's data: {}.", missing.join(", ")));
                                }
                                if !dropped.is_empty() {
                                    parts.push(format!("Left out: {}.", dropped.join("; ")));
                                }
                                parts.push("Capital expenditure: faster growth than usual ranks as the risk (the sell-off of 2026-02-05/06 began with capital-expenditure guidance far above expectations); revenue: slower growth does.".to_owned());
                                parts.join(" ")
                            }
                        }}</p>
                    }.into_any(),
                    Group::Leverage => view! { <PanelStatus id="futures-status" status=futures_status/> }.into_any(),
                    Group::Liquidity => view! { <PanelStatus id="books-status" status=books_status/> }.into_any(),
                }}
                <div class="table-scroll">
                    <table class="signals-table">
                        <thead><tr>
                            <th scope="col">"Signal"</th>
                            <th scope="col">"Value"</th>
                            <th scope="col">"Rank in its history"</th>
                            <th scope="col">"Recent"</th>
                            <th scope="col">"State"</th>
                            <th scope="col">"Source · as of"</th>
                        </tr></thead>
                        <tbody>
                            <For each=shown key=|row| format!("{}|{}|{}|{:?}|{}", row.key, row.value, row.detail, row.rank, state_label(row.state)) let:row>
                                <SignalRowView row=row/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </section>
        }
    };
    view! {
        {notices}
        <section class="panel controls signals-controls" aria-label="Thresholds">
            <p class="caption">"A signal's rank is the share of its own history at most as risky as today (100: as risky as it has ever been). It is elevated from the first threshold and stretched from the second."</p>
            <NumberField id="signals-elevated" label="Elevated from (percentile)" key=ELEVATED
                value=link_value(link, ELEVATED) set=set step="1" placeholder="80"/>
            <NumberField id="signals-stretched" label="Stretched from (percentile)" key=STRETCHED
                value=link_value(link, STRETCHED) set=set step="1" placeholder="95"/>
        </section>
        <p id="signals-since" class="notice panel" role="status">{since}</p>
        {move || token.get().map(|id| view! {
            <p id="signals-focus" class="panel explain">{format!("{id}'s signals come first in each group (from its page). ")}
                <a href=format!("{}/signals", crate::base_path())>"Every signal in its usual order"</a>
            </p>
        })}
        {group_table(Group::Spending)}
        {group_table(Group::Leverage)}
        {group_table(Group::Liquidity)}
    }
}

/// One signal's row.
#[component]
fn SignalRowView(row: SignalRow) -> impl IntoView {
    let points = sparkline_points(&row.spark, 120.0, 28.0);
    let label = state_label(row.state);
    let key = state_key(row.state);
    let spark_label = format!("{} recent values", row.spark.len());
    view! {
        <tr data-signal=row.key.clone() data-state=key data-asset=row.asset.clone().unwrap_or_default()>
            <th scope="row">
                <span class="signal-label">{row.label.clone()}</span>
                <span class="signal-detail">{row.detail.clone()}</span>
            </th>
            <td class="number" data-field="value" title=row.formula.clone()>{row.value.clone()}</td>
            <td data-field="rank" data-rank=row.rank.map(|r| r.to_string()).unwrap_or_default()>
                {rank_text(row.rank)}<span class="signal-detail">{row.window.clone()}</span>
            </td>
            <td>
                {(!points.is_empty()).then(|| view! {
                    <svg class="sparkline" viewBox="0 0 120 28" width="120" height="28" role="img" aria-label=spark_label>
                        <polyline points=points fill="none" stroke="currentColor" stroke-width="1.5"/>
                    </svg>
                })}
            </td>
            <td data-field="state"><span class=format!("signal-state state-{key}")>{label}</span></td>
            <td class="signal-source">{row.source.clone()}<span class="signal-detail">{format!("as of {}", row.as_of)}</span></td>
        </tr>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
