//! The token risk page: pick a token and a range; see its price and drawdown, its annualised
//! volatility and maximum drawdown, and where every number came from.

use crate::analysis::analyse;
use crate::app_state::AppState;
use crate::components::chart_canvas::{ChartCanvas, ChartData, ChartSpec};
use crate::components::csv_import::CsvImport;
use crate::components::data_status::{describe, DataStatus};
use crate::components::market_context::MarketContextStrip;
use crate::components::market_now::MarketNow;
use crate::components::metric_table::{MetricTable, RelativeTable};
use crate::components::provenance::ProvenancePanel;
use crate::data::{AssetSeries, Dataset};
use crate::format::{date, percent, price};
use crate::live::market_context::refresh_context;
use crate::live::state::refresh;
use crate::site_data::SiteData;
use crate::url_state::use_query_param;
use leptos::prelude::*;
use tokenrisk_charts::{SeriesStyle, ValueFormat};
use tokenrisk_core::view::{Range, TokenRisk, ViewSelection};

/// Waits for the bundled data and the site configuration, then shows the token view over
/// them, with live data from the configured APIs replacing bundled data as it arrives.
#[component]
pub fn TokenPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-live="polite">"Loading market data…"</p> }>
            {move || site.loaded(&state).map(|loaded| {
                state.with_service(|s| refresh_context(s, state.market));
                view! {
                    {loaded.config_problem.map(|p| view! { <p class="notice panel" role="alert">{p}</p> })}
                    <MarketContextStrip state=state.market/>
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
    let (token_query, set_token_query) = use_query_param("token");
    let (range_query, set_range_query) = use_query_param("range");
    let selection = Memo::new(move |_| {
        dataset.with(|d| {
            ViewSelection::resolve(
                token_query.get().as_deref(),
                range_query.get().as_deref(),
                &d.ids(),
            )
        })
    });
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
        set_token_query.run(id);
    });
    let chart = move |values: fn(&TokenRisk) -> Vec<f64>, format, style| {
        Signal::derive(move || {
            risk.with(|r| {
                ChartSpec::Series(ChartData {
                    times: r
                        .as_ref()
                        .map(|r| r.prices.times().to_vec())
                        .unwrap_or_default(),
                    values: r.as_ref().map(values).unwrap_or_default(),
                    format,
                    style,
                })
            })
        })
    };
    let price_chart = chart(
        |r| r.prices.values().to_vec(),
        ValueFormat::Price,
        SeriesStyle::Line,
    );
    let drawdown_chart = chart(
        |r| r.drawdowns.clone(),
        ValueFormat::Percent,
        SeriesStyle::AreaToZero,
    );
    // One crosshair for both panes: hovering either shows the same date on both.
    let hover = RwSignal::new(None::<i64>);
    let caption = move |what: &'static str| {
        Signal::derive(move || {
            selection.with(|s| format!("{} {what}, range {}", s.token, range_label(s.range)))
        })
    };

    view! {
        <section class="controls panel" aria-label="What to show">
            <div class="control">
                <label for="token-select">"Token"</label>
                <select id="token-select" on:change:target=move |ev| set_token_query.run(ev.target().value())>
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
            <div class="control">
                <span id="range-label">"Range"</span>
                <div class="range-buttons" role="group" aria-labelledby="range-label">
                    {Range::ALL.map(|r| view! {
                        <button type="button" data-range=r.to_string()
                            aria-pressed=move || selection.with(|s| (s.range == r).to_string())
                            on:click=move |_| set_range_query.run(r.to_string())>
                            {range_label(r)}
                        </button>
                    })}
                </div>
            </div>
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
            <section class="charts">
                <figure class="panel">
                    <figcaption>"Price"</figcaption>
                    <ChartCanvas id="price-chart" label=caption("daily close") data=price_chart hover=hover/>
                </figure>
                <figure class="panel">
                    <figcaption>"Drawdown from the range's running peak"</figcaption>
                    <ChartCanvas id="drawdown-chart" label=caption("drawdown") data=drawdown_chart hover=hover/>
                </figure>
            </section>
            {move || analysis.get().map(|a| view! {
                {a.report.map(|report| view! { <MetricTable report=report/> })}
                {(!a.benchmarks.is_empty()).then(|| view! {
                    <RelativeTable benchmarks=a.benchmarks two_factor=a.two_factor/>
                })}
            })}
            <MarketNow token=Signal::from(Memo::new(move |_| selection.with(|s| s.token.clone())))/>
            {move || asset.get().map(|asset| {
                let bundled_at = snapshot_created_at.get_value();
                view! { <ProvenancePanel asset=asset snapshot_created_at=bundled_at/> }
            })}
        </Show>
    }
}

/// The headline numbers, each with its convention.
#[component]
fn Metrics(asset: AssetSeries, risk: TokenRisk) -> impl IntoView {
    let periods = risk.periods_per_year;
    let times = risk.prices.times();
    let (first, last) = (times.first().copied(), times.last().copied());
    let volatility =
        match risk.volatility {
            Ok(v) => view! { <span class="value" data-value=v.to_string()>{percent(v, 1)}</span> }
                .into_any(),
            Err(e) => view! { <span class="value unavailable" title=e.to_string()>"n/a"</span> }
                .into_any(),
        };
    let drawdown = risk.max_drawdown.map(|m| {
        let when = format!(
            "peak {} → trough {}; {}",
            date(times[m.peak]),
            date(times[m.trough]),
            m.recovery
                .map_or("not recovered in this range".to_owned(), |i| format!(
                    "recovered {}",
                    date(times[i])
                ))
        );
        view! {
            <span class="value loss" data-value=m.depth.to_string()>{percent(m.depth, 1)}</span>
            <span class="detail">{when}</span>
        }
    });
    let last_price = risk.prices.values().last().copied().unwrap_or(f64::NAN);
    let unit = asset
        .currency
        .clone()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    view! {
        <section class="metrics" aria-label="Risk metrics">
            <div class="metric panel" id="volatility">
                <h2>"Annualised volatility"</h2>
                {volatility}
                <p class="convention">{format!(
                    "Sample standard deviation (ddof 1) of daily simple returns P_t/P_t−1 − 1, × √{periods}: {}.",
                    asset.calendar)}</p>
            </div>
            <div class="metric panel" id="max-drawdown">
                <h2>"Maximum drawdown"</h2>
                {drawdown}
                <p class="convention">"Deepest fall of the daily close below its running peak within the range."</p>
            </div>
            <div class="metric panel" id="last-price">
                <h2>"Last close"</h2>
                <span class="value">{price(last_price)}<small>{unit}</small></span>
                <span class="detail">{last.map(date)}</span>
                <p class="convention">{format!("{} daily closes, {} to {}.", risk.prices.len(),
                    first.map(date).unwrap_or_default(), last.map(date).unwrap_or_default())}</p>
            </div>
        </section>
    }
}

/// The label of a range button.
fn range_label(range: Range) -> &'static str {
    match range {
        Range::Days30 => "30 days",
        Range::Days90 => "90 days",
        Range::Year1 => "1 year",
        Range::All => "All",
    }
}
