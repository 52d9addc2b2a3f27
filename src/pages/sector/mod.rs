//! The AI-sector page: how the sector and its tokens are doing, against BTC and AI equities.

use crate::analysis::analyse;
use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec, ComparisonData, HeatMapData};
use crate::components::market_context::MarketContextStrip;
use crate::components::skeleton::{self, Skeleton};
use crate::data::Dataset;
use crate::format::{date, percent, ratio};
use crate::site_data::SiteData;
use leptos::prelude::*;
use tokenrisk_charts::{Scale, ValueFormat};
use tokenrisk_core::range::Range;

pub mod model;
mod table;
use model::{correlations, indexed_caption, indexed_year, tokens};
use table::SectorTable;

/// Waits for the site's data, asks CoinGecko for the sector, and shows the page.
#[component]
pub fn SectorPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"AI sector"</h1>
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::SECTOR_PAGE/> }>
            {move || site.loaded(&state).map(|loaded| {
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    {loaded.problem.map(|p| view! { <p class="notice panel" role="status">{p}</p> })}
                    <MarketContextStrip/>
                    <SectorTable/>
                    <IndexedChart dataset=dataset/>
                    <SectorRisk dataset=dataset/>
                    <CorrelationMap dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// The AI tokens against BTC and NVDA, indexed to 100, over the last year.
#[component]
fn IndexedChart(dataset: Memo<Dataset>) -> impl IntoView {
    let indexed = Memo::new(move |_| dataset.with(indexed_year));
    // Zooming re-indexes the lines to 100 at the left edge of what is shown.
    let window = RwSignal::new(None::<(f64, f64)>);
    let data = Signal::derive(move || {
        indexed.with(|(data, _)| {
            let mut data = data.clone().unwrap_or(ComparisonData {
                times: Vec::new(),
                lines: Vec::new(),
                format: ValueFormat::Price,
                window: None,
                scale: Scale::Indexed,
            });
            data.window = window.get();
            ChartSpec::new(data)
        })
    });
    let caption = move || indexed.with(|(data, stale)| indexed_caption(data.as_ref(), stale));
    view! {
        <figure class="panel">
            <figcaption>"AI tokens against BTC and NVDA"</figcaption>
            <ChartCanvas id="sector-chart" label=Signal::derive(caption) data=data
                on_window=Callback::new(move |w| window.set(Some(w)))
                on_reset=Callback::new(move |()| window.set(None))/>
            <p class="explain" id="sector-chart-caption">{caption}</p>
        </figure>
    }
}

/// Volatility, drawdown and betas over the last year for the tokens the app has histories for.
#[component]
fn SectorRisk(dataset: Memo<Dataset>) -> impl IntoView {
    let rows = move || {
        dataset.with(|d| {
            tokens()
                .iter()
                .filter_map(|id| analyse(d, id, Range::Year1).map(|a| (*id, a)))
                .map(|(id, a)| {
                    let report = a.report.as_ref();
                    let beta = |b: &str| a.benchmarks.iter().find(|(id, _)| id == b).and_then(|(_, m)| m.beta);
                    let cell = |v: Option<f64>, pct: bool| {
                        let text = v.map_or_else(|| "n/a".to_owned(), |v| if pct { percent(v, 1) } else { ratio(v) });
                        view! { <td class="num" data-value=v.map(|v| v.to_string()).unwrap_or_default()>{text}</td> }
                    };
                    view! {
                        <tr data-token=id>
                            <th scope="row">{id}</th>
                            {cell(report.and_then(|r| r.ann_vol), true)}
                            {cell(report.and_then(|r| r.max_drawdown), true)}
                            {cell(beta("BTC"), false)}
                            {cell(beta("NVDA"), false)}
                            <td>{a.risk.prices.times().last().copied().map(date)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel table-panel">
            <table class="metric-table" id="sector-risk">
                <caption>"Risk over each token's last year of daily closes (volatility × √365; betas on the dates both have)"</caption>
                <thead><tr>
                    <th scope="col">"Token"</th><th scope="col">"Volatility"</th><th scope="col">"Max drawdown"</th>
                    <th scope="col">"Beta to BTC"</th><th scope="col">"Beta to NVDA"</th><th scope="col">"Data through"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The correlation heat map of the comparison's series.
#[component]
fn CorrelationMap(dataset: Memo<Dataset>) -> impl IntoView {
    let map =
        Memo::new(move |_| dataset.with(|d| indexed_year(d).0.as_ref().and_then(correlations)));
    let data = Signal::derive(move || {
        ChartSpec::new(map.get().unwrap_or(HeatMapData {
            labels: Vec::new(),
            values: Vec::new(),
        }))
    });
    view! {
        <figure class="panel heat-map-panel">
            <figcaption>"How they move together: correlations of daily returns over the same year"</figcaption>
            <ChartCanvas id="correlation-map" label="Correlation matrix of daily returns" data=data/>
            <p class="explain">"Pearson correlation of daily simple returns on the dates every series has (equities trade on weekdays, so a Monday return spans the weekend for all). 1 moves in lockstep, 0 unrelated; orange is positive, blue negative, and every cell prints its value."</p>
        </figure>
    }
}
