//! The tokenomics page: a token's supply day by day from its preset (TAO, NEAR, ICP, RENDER,
//! FET), every parameter editable with its source and confidence; the supply stacked by where
//! it comes from with halvings marked, net inflation, the steps in new supply, whether the
//! market can absorb what is assumed sold (30-day volume, the order book now), and the price
//! beside the dilution-adjusted price over the last year. The scenario lives in the link; the
//! start supply and the price come live from CoinGecko, the volume and the book from Binance,
//! the closes from the bundled snapshot.

use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec};
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::components::fields::{link_value, ChoiceField, NumberField};
use crate::components::skeleton::{self, Skeleton};
use crate::components::table_rows::{header_row, labelled_row};
use crate::data::Dataset;
use crate::figures::figure_table;
use crate::format::{compact, percent};
use crate::link::params::TOKEN;
use crate::link::tokenomics::{
    TokenomicsLink, CIRCULATING, DAYS, PARAMS, PARTICIPATION, STAKING_YIELD, TOKENS, TOTAL,
};
use crate::link::use_tokenomics_link;
use crate::live::market_now::{self, VenueBook};
use crate::live::remote::Remote;
use crate::live::use_remote::use_resource;
use crate::site_data::SiteData;
use leptos::prelude::*;
use tokenrisk_core::time::Date;
use tokenrisk_market::registry::{self, Asset};
use tokenrisk_market::sources::binance::Kline;
use tokenrisk_market::sources::coingecko::CoinMarket;

pub mod absorption_model;
pub mod dilution_model;
pub mod model;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use absorption_model::{
    absorption_cells, absorption_rows, average_daily_volume, event_cells, event_rows,
    ABSORPTION_HEADERS, EVENT_HEADERS,
};
use model::{
    inflation_chart, start_caption, supply_chart, supply_figures, supply_view, SupplyView,
};

/// Waits for the site's data (the closes of the dilution chart are bundled), then shows the
/// page.
#[component]
pub fn TokenomicsPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"Tokenomics"</h1>
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::TOKENOMICS_PAGE/> }>
            {move || site.loaded(&state).map(|loaded| {
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    {loaded.problem.map(|p| view! { <p class="notice panel" role="status">{p}</p> })}
                    <TokenomicsView dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// Today, UTC, from the browser's clock.
fn today() -> Date {
    Date::from_unix((js_sys::Date::now() / 1000.0) as i64)
}

/// The controls and the panels over the link's scenario.
#[component]
fn TokenomicsView(dataset: Memo<Dataset>) -> impl IntoView {
    let handle = use_tokenomics_link();
    let link = handle.link;
    let set = handle.set;
    let asset = Memo::new(move |_| link.with(|l| registry::get(&l.token)));
    let key = move || asset.get();
    let valuation = use_resource(key, |s, a: &'static Asset| async move {
        market_now::valuation(&s, a).await
    });
    let daily = use_resource(key, |s, a: &'static Asset| async move {
        market_now::daily(&s, a).await
    });
    let book = use_resource(key, |s, a: &'static Asset| async move {
        market_now::book(&s, a).await
    });
    let today = today();
    let live = Memo::new(move |_| valuation.with(|v| v.ready().map(|f| f.value.clone())));
    let supply = Memo::new(move |_| {
        link.with(|l| live.with(|m| supply_view(l, today, m.as_ref())))
            .map_err(|e| match valuation.with(|v| matches!(v, Remote::Loading)) {
                true => format!("{e} (CoinGecko's live supply is still being asked for)"),
                false => e,
            })
    });
    let token_price = Memo::new(move |_| {
        live.with(|m| m.as_ref().and_then(|m| m.current_price))
            .filter(|p| p.is_finite() && *p > 0.0)
            .or_else(|| {
                link.with(|l| {
                    dataset.with(|d| {
                        d.get(&l.token)
                            .and_then(|s| s.prices.values().last().copied())
                    })
                })
            })
    });
    let notices = move || {
        link.with(|l| {
            l.notices
                .iter()
                .map(|n| view! { <p class="notice panel" role="status">{n.to_string()}</p> })
                .collect_view()
        })
    };
    let coingecko_status = Signal::derive(move || {
        valuation.with(|v| {
            describe_remote(v, "CoinGecko supply and price", |m: &CoinMarket| {
                format!(
                    "total {}, circulating {}",
                    m.total_supply.map_or("n/a".to_owned(), compact),
                    m.circulating_supply.map_or("n/a".to_owned(), compact)
                )
            })
        })
    });
    view! {
        {notices}
        <Controls link=link set=set/>
        <PanelStatus id="coingecko-status" status=coingecko_status/>
        {move || match supply.get() {
            Err(reason) => view! {
                <p class="notice panel" role="alert" id="supply-problem">
                    {format!("No schedule: {reason}. Enter the total (and circulating) supply above, or change the parameter.")}
                </p>
            }.into_any(),
            Ok(_) => ().into_any(),
        }}
        <SupplyPanel link=link supply=supply token_price=token_price/>
        <ParametersPanel link=link set=set/>
        <AbsorptionPanel link=link supply=supply token_price=token_price daily=daily book=book/>
        <DilutionPanel dataset=dataset link=link supply=supply/>
    }
}

/// The scenario's inputs, each read from and written to the link.
#[component]
fn Controls(link: Memo<TokenomicsLink>, set: Callback<(&'static str, String)>) -> impl IntoView {
    let value = move |key: &'static str| link_value(link, key);
    let tokens = TOKENS.map(|t| (t, t.to_owned())).to_vec();
    view! {
        <section class="controls panel" aria-label="Scenario">
            <ChoiceField id="token-select" label="Token" key=TOKEN options=tokens selected=value(TOKEN) set=set/>
            <NumberField id="days-input" label="Horizon (days, to 7305)" key=DAYS step="1"
                value=value(DAYS) set=set/>
            <NumberField id="total-input" label="Total supply now (tokens)" key=TOTAL placeholder="CoinGecko, live"
                value=value(TOTAL) set=set/>
            <NumberField id="circulating-input" label="Circulating supply now" key=CIRCULATING placeholder="the total"
                value=value(CIRCULATING) set=set/>
            <NumberField id="yield-input" label="Your staking yield (% a year)" key=STAKING_YIELD placeholder="nominal"
                value=value(STAKING_YIELD) set=set/>
            <NumberField id="participation-input" label="Share of daily volume (%)" key=PARTICIPATION step="1"
                value=value(PARTICIPATION) set=set/>
        </section>
    }
}

/// The figures, where the start supply comes from, the preset's notes, and the supply and
/// inflation charts.
#[component]
fn SupplyPanel(
    link: Memo<TokenomicsLink>,
    supply: Memo<Result<SupplyView, String>>,
    token_price: Memo<Option<f64>>,
) -> impl IntoView {
    let ready = move || supply.with(Result::is_ok);
    let supply_spec = Signal::derive(move || {
        supply.with(|s| match s {
            Ok(v) => ChartSpec::new(supply_chart(v)),
            Err(_) => no_data(),
        })
    });
    let inflation_spec = Signal::derive(move || {
        supply.with(|s| match s {
            Ok(v) => ChartSpec::new(inflation_chart(v)),
            Err(_) => no_data(),
        })
    });
    let asset = move || link.with(|l| l.token.clone());
    view! {
        <section class="panel" aria-labelledby="supply-heading">
            <h2 id="supply-heading">"Supply"</h2>
            <Show when=ready>
                {move || supply.with(|s| s.as_ref().ok().map(|v| {
                    let yield_pct = link.with(|l| l.staking_yield_pct);
                    let table = supply_figures(v, token_price.get(), yield_pct);
                    let notes = v.preset.notes.iter().map(|n| view! { <li>{*n}</li> }).collect_view();
                    view! {
                        {figure_table("supply-figures", table)}
                        <p class="provenance" id="start-source">{start_caption(v)}</p>
                        <ul class="notes">
                            {notes}
                            <li>"New supply is not selling pressure: each component's share assumed sold is a parameter below (sell-through, 1 = all of it, the worst case)."</li>
                            <li>"Conventions: one step a day, 365 days a year; net inflation = (emission − burn) ÷ total supply × 365; dilution is of a holder's share of total supply."</li>
                        </ul>
                    }
                }))}
            </Show>
            <figure class="market-chart">
                <figcaption>{move || format!("{} supply by where it comes from: the start supply less burns, then each component's new supply; circulating supply and the maximum as dashed lines; halvings marked", asset())}</figcaption>
                <ChartCanvas id="supply-chart" label=Signal::derive(move || format!("{} supply by component", asset())) data=supply_spec/>
            </figure>
            <figure class="market-chart">
                <figcaption>"Net inflation a day, annualised: (emission − burn) ÷ total supply × 365"</figcaption>
                <ChartCanvas id="inflation-chart" label=Signal::derive(move || format!("{} net inflation", asset())) data=inflation_spec/>
            </figure>
        </section>
    }
}

/// Every parameter of the preset: its value (edited in the link), unit, source and
/// confidence.
#[component]
fn ParametersPanel(
    link: Memo<TokenomicsLink>,
    set: Callback<(&'static str, String)>,
) -> impl IntoView {
    let rows = move || {
        link.with(|l| {
            let preset = l.preset();
            preset
                .params
                .iter()
                .map(|p| {
                    let edited = l.edits.iter().find(|(k, _)| k == p.key).map(|(_, v)| *v);
                    let shown = edited.unwrap_or(p.default).to_string();
                    let key = p.key;
                    let id = format!("param-{key}");
                    let on_change = move |ev: leptos::ev::Event| {
                        let text = event_target_value(&ev);
                        let value = text.trim().parse::<f64>().ok();
                        let sp = link.with_untracked(|l| l.edited(key, value));
                        set.run((PARAMS, sp));
                    };
                    view! {
                        <tr data-key=key data-edited=edited.is_some().to_string()>
                            <th scope="row"><label for=id.clone()>{p.label}</label></th>
                            <td class="num">
                                <input id=id type="number" step="any" inputmode="decimal"
                                    prop:value=shown on:change=on_change/>
                            </td>
                            <td>{p.unit.label()}</td>
                            <td>{if edited.is_some() { format!("edited (preset: {})", p.default) } else { "preset".to_owned() }}</td>
                            <td>{p.confidence.label()}</td>
                            <td class="explain">{p.source}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel" aria-labelledby="params-heading">
            <h2 id="params-heading">"Parameters"</h2>
            <p class="provenance">"Each parameter with its source (shared/design/facts-2026.md §1–5) and how sure it is; an edit goes into the link, an empty field goes back to the preset."</p>
            <table class="metric-table stacked" id="param-table">
                <thead><tr><th>"Parameter"</th><th>"Value"</th><th>"Unit"</th><th>"Set by"</th><th>"Confidence"</th><th>"Source"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The steps in new supply and the absorption table, with the volume's and the book's status.
#[component]
fn AbsorptionPanel(
    link: Memo<TokenomicsLink>,
    supply: Memo<Result<SupplyView, String>>,
    token_price: Memo<Option<f64>>,
    daily: Signal<Remote<Vec<Kline>>>,
    book: Signal<Remote<VenueBook>>,
) -> impl IntoView {
    let now_ms = js_sys::Date::now() as i64;
    let adv = Memo::new(move |_| {
        daily.with(|d| {
            d.ready()
                .and_then(|f| average_daily_volume(&f.value, now_ms))
        })
    });
    let volume_status = Signal::derive(move || {
        daily.with(|d| {
            describe_remote(d, "Binance daily candles", |_| {
                adv.get().map_or("no volume".to_owned(), |v| {
                    format!("average daily volume {} tokens (30 days)", compact(v))
                })
            })
        })
    });
    let book_status = Signal::derive(move || {
        book.with(|b| {
            let venue = b
                .ready()
                .map_or("Binance", |f| f.value.venue.as_str())
                .to_owned();
            describe_remote(b, &format!("{venue} order book"), |v: &VenueBook| {
                format!("{} bids", v.book.bids.len())
            })
        })
    });
    let events = move || {
        supply.with(|s| {
            let v = s.as_ref().ok()?;
            let rows = event_rows(v, token_price.get());
            Some(if rows.is_empty() {
                view! { <p id="no-events">"No step in the daily new supply within the horizon."</p> }.into_any()
            } else {
                let rows = rows
                    .into_iter()
                    .map(|r| labelled_row(&EVENT_HEADERS, event_cells(&r)))
                    .collect_view();
                view! {
                    <table class="metric-table stacked" id="event-table">
                        <caption>"Steps in the daily new supply (emission + unlocks): halvings, rate changes, cliffs and ends of unlocks"</caption>
                        <thead>{header_row(&EVENT_HEADERS)}</thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            })
        })
    };
    let absorption = move || {
        supply.with(|s| {
            let v = s.as_ref().ok()?;
            let participation = link.with(|l| l.participation_pct) / 100.0;
            let rows = book.with(|b| {
                absorption_rows(
                    v,
                    token_price.get(),
                    adv.get(),
                    participation,
                    b.ready().map(|f| &f.value.book),
                )
            });
            let rows = rows
                .iter()
                .map(|r| labelled_row(&ABSORPTION_HEADERS, absorption_cells(r)))
                .collect_view();
            Some(view! {
                <table class="metric-table stacked" id="absorption-table">
                    <caption>{format!("What is assumed sold against the market: at {} of the average daily volume a day, and one day's selling into the bids now", percent(participation, 0))}</caption>
                    <thead>{header_row(&ABSORPTION_HEADERS)}</thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="absorption-heading">
            <h2 id="absorption-heading">"Can the market absorb it?"</h2>
            <PanelStatus id="volume-status" status=volume_status/>
            <PanelStatus id="book-status" status=book_status/>
            {events}
            {absorption}
        </section>
    }
}

/// What a chart canvas shows while there is nothing to draw: "No data".
fn no_data() -> ChartSpec {
    ChartSpec::new(tokenrisk_charts::ComparisonData {
        times: Vec::new(),
        lines: Vec::new(),
        format: tokenrisk_charts::ValueFormat::Compact,
        window: None,
        scale: tokenrisk_charts::Scale::Linear,
    })
}

/// The price beside the dilution-adjusted price over the last year of bundled closes.
#[component]
fn DilutionPanel(
    dataset: Memo<Dataset>,
    link: Memo<TokenomicsLink>,
    supply: Memo<Result<SupplyView, String>>,
) -> impl IntoView {
    let result = Memo::new(move |_| {
        let token = link.with(|l| l.token.clone());
        supply.with(|s| {
            let v = s.as_ref().map_err(Clone::clone)?;
            dataset.with(|d| {
                let series = d
                    .get(&token)
                    .ok_or_else(|| format!("no daily closes of {token} in the bundled data"))?;
                dilution_model::dilution(v, &series.prices)
            })
        })
    });
    let spec = Signal::derive(move || {
        result.with(|r| match r {
            Ok(d) => ChartSpec::new(d.chart.clone()),
            Err(_) => no_data(),
        })
    });
    view! {
        <section class="panel" aria-labelledby="dilution-heading">
            <h2 id="dilution-heading">"Price and a holder's share of the network"</h2>
            <p class="provenance" id="dilution-caption">{move || result.with(|r| match r {
                Ok(d) => d.caption.clone(),
                Err(e) => format!("No dilution-adjusted price: {e}."),
            })}</p>
            <figure class="market-chart">
                <figcaption>"Daily closes (bundled snapshot) indexed to 100, and the price times T₀ ÷ T_t: what a constant share of the total supply is worth"</figcaption>
                <ChartCanvas id="dilution-chart" label="Price and dilution-adjusted price, a year" data=spec/>
            </figure>
        </section>
    }
}
