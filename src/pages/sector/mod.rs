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
use tokenrisk_core::align::{align, indexed_to_100};
use tokenrisk_core::range::Range;
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::PriceSeries;

mod table;
use table::SectorTable;

/// The AI tokens the app carries histories for, and the benchmarks they are compared with.
const TOKENS: [&str; 5] = ["TAO", "NEAR", "ICP", "FET", "RENDER"];
const BENCHMARKS: [&str; 2] = ["BTC", "NVDA"];

/// The tokens and benchmarks over the year ending at the newest crypto close (the tokens' and
/// BTC's), indexed to 100 on their first common date; and the series left out because they end
/// more than a week before that date. Equities that run later are cut at it.
pub fn indexed_year(dataset: &Dataset) -> (Option<ComparisonData>, Vec<(String, String)>) {
    let last = |id: &str| {
        dataset
            .get(id)
            .and_then(|a| a.prices.times().last().copied())
    };
    let Some(newest) = TOKENS
        .iter()
        .chain(["BTC"].iter())
        .filter_map(|id| last(id))
        .max()
    else {
        return (None, Vec::new());
    };
    let start = newest - 365 * SECONDS_PER_DAY;
    let mut chosen: Vec<(String, PriceSeries, bool)> = Vec::new();
    let mut stale = Vec::new();
    for (id, dashed) in TOKENS
        .iter()
        .map(|t| (*t, false))
        .chain(BENCHMARKS.iter().map(|b| (*b, true)))
    {
        let (Some(asset), Some(end)) = (dataset.get(id), last(id)) else {
            continue;
        };
        if newest - end > 7 * SECONDS_PER_DAY {
            stale.push((id.to_owned(), date(end)));
            continue;
        }
        chosen.push((id.to_owned(), asset.prices.since(start), dashed));
    }
    let series: Vec<&PriceSeries> = chosen.iter().map(|(_, s, _)| s).collect();
    let joined = align(&series);
    if joined.times.len() < 2 {
        return (None, stale);
    }
    let lines = chosen
        .iter()
        .zip(indexed_to_100(&joined))
        .map(|((id, _, dashed), values)| (id.clone(), values, *dashed))
        .collect();
    (
        Some(ComparisonData {
            times: joined.times,
            lines,
            format: ValueFormat::Price,
            window: None,
            scale: Scale::Indexed,
        }),
        stale,
    )
}

/// Correlations of daily returns over the comparison's common dates (the same year and series
/// as [`indexed_year`]; returns of indexed prices are the prices' returns).
pub fn correlations(data: &ComparisonData) -> Option<HeatMapData> {
    let returns: Vec<Vec<f64>> = data
        .lines
        .iter()
        .map(|(_, v, _)| simple_returns(v))
        .collect();
    let values = correlation_matrix(&returns).ok()?;
    Some(HeatMapData {
        labels: data.lines.iter().map(|(id, _, _)| id.clone()).collect(),
        values,
    })
}

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
    let caption = move || {
        indexed.with(|(data, stale)| {
            let start = data.as_ref().and_then(|d| d.times.first().copied()).map(date).unwrap_or_default();
            let mut text = format!(
                "Indexed to 100 on {start}, the first date all series share in the year to the newest crypto close (NVDA trades on weekdays, so weekends are left out); BTC and NVDA dashed."
            );
            if !stale.is_empty() {
                let list: Vec<String> = stale.iter().map(|(id, end)| format!("{id} (ends {end})")).collect();
                text.push_str(&format!(" Left out for ending earlier: {}.", list.join(", ")));
            }
            text
        })
    };
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
            TOKENS
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_year_ends_at_the_newest_crypto_close() {
        use crate::data::import_csv;
        let csv = |days: std::ops::Range<i64>, skip_weekends: bool| {
            let mut text = "date,close\n".to_owned();
            for d in days {
                let date = tokenrisk_core::time::Date::from_days(20_000 + d as i32);
                if !skip_weekends || date.weekday() < 5 {
                    text.push_str(&format!("{date},{}\n", 100.0 + d as f64));
                }
            }
            text
        };
        let assets = vec![
            import_csv("TAOUSDT.csv", &csv(0..400, false), "").expect("valid"),
            import_csv("BTCUSDT.csv", &csv(0..400, false), "").expect("valid"),
            import_csv("FETUSDT.csv", &csv(0..300, false), "").expect("valid"),
            import_csv("NVDA.csv", &csv(0..500, true), "").expect("valid"),
        ];
        let (data, stale) = indexed_year(&Dataset {
            snapshot_created_at: None,
            assets,
        });
        let data = data.expect("enough common dates");
        let ids: Vec<&str> = data.lines.iter().map(|(id, _, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            ["TAO", "BTC", "NVDA"],
            "NVDA running later is cut, not the tokens"
        );
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].0, "FET");
        let last = tokenrisk_core::time::Date::from_days(20_000 + 399).to_unix();
        assert!(*data.times.last().expect("dates") <= last);
        assert!(data.lines.iter().all(|(_, v, _)| v[0] == 100.0));
    }
}
