//! The AI-sector page: how the sector and its tokens are doing, against BTC and AI equities.

use crate::analysis::analyse;
use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec, ComparisonData};
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::components::market_context::MarketContextStrip;
use crate::data::Dataset;
use crate::format::{compact, date, percent, price, ratio};
use crate::live::market_context::refresh_context;
use crate::live::sector::{refresh_sector, SectorState};
use crate::site_data::SiteData;
use crate::url_state::use_query_param;
use leptos::prelude::*;
use tokenrisk_charts::{Scale, ValueFormat};
use tokenrisk_core::align::{align, indexed_to_100};
use tokenrisk_core::sources::coingecko::CoinMarket;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::view::Range;
use tokenrisk_core::PriceSeries;

/// The AI tokens the app carries histories for, and the benchmarks they are compared with.
const TOKENS: [&str; 5] = ["TAO", "NEAR", "ICP", "FET", "RENDER"];
const BENCHMARKS: [&str; 2] = ["BTC", "NVDA"];

/// The columns the sector table sorts by (the `sort` query value).
const SORTS: [(&str, &str); 7] = [
    ("name", "Token"),
    ("price", "Price"),
    ("change_24h", "24h"),
    ("change_7d", "7d"),
    ("market_cap", "Market cap"),
    ("volume", "Volume 24h"),
    ("from_ath", "From all-time high"),
];

fn sort_value(coin: &CoinMarket, key: &str) -> Option<f64> {
    match key {
        "price" => coin.current_price,
        "change_24h" => coin.change_24h_pct,
        "change_7d" => coin.change_7d_pct,
        "volume" => coin.total_volume,
        "from_ath" => coin.ath_change_pct,
        _ => coin.market_cap,
    }
}

/// The coins sorted by `key`: by name A→Z, else by the value, largest first; unknown values
/// last. An unknown key sorts by market capitalisation.
pub fn sorted(coins: &[CoinMarket], key: &str) -> Vec<CoinMarket> {
    let mut coins = coins.to_vec();
    if key == "name" {
        coins.sort_by_key(|c| c.name.to_lowercase());
    } else {
        coins.sort_by(|a, b| match (sort_value(a, key), sort_value(b, key)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    coins
}

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

/// Waits for the site's data, asks CoinGecko for the sector, and shows the page.
#[component]
pub fn SectorPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"AI sector"</h1>
        <Suspense fallback=|| view! { <p class="loading" aria-live="polite">"Loading market data…"</p> }>
            {move || site.loaded(&state).map(|loaded| {
                state.with_service(|s| {
                    refresh_context(s, state.market);
                    refresh_sector(s, state.sector);
                });
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    <MarketContextStrip state=state.market/>
                    <SectorTable state=state.sector/>
                    <IndexedChart dataset=dataset/>
                    <SectorRisk dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// The sector's coins from CoinGecko, sortable by any column; the sort lives in the URL.
#[component]
fn SectorTable(state: RwSignal<SectorState>) -> impl IntoView {
    let (sort_query, set_sort) = use_query_param("sort");
    let sort = Memo::new(move |_| {
        sort_query
            .get()
            .filter(|s| SORTS.iter().any(|(k, _)| k == s))
            .unwrap_or_else(|| "market_cap".to_owned())
    });
    let headers = SORTS.map(|(key, label)| {
        let aria = move || (sort.get() == key).then_some(if key == "name" { "ascending" } else { "descending" });
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" data-sort=key on:click=move |_| set_sort.run(key.to_owned())>{label}</button>
            </th>
        }
    });
    let pct = |v: Option<f64>| {
        let text = v.map_or_else(|| "n/a".to_owned(), |v| percent(v / 100.0, 1));
        view! { <td class="num" data-value=v.map(|v| v.to_string()).unwrap_or_default()>{text}</td> }
    };
    let rows = move || {
        state.with(|s| match s {
            SectorState::Ready(sector) => sorted(&sector.value, &sort.get())
                .into_iter()
                .map(|c| {
                    view! {
                        <tr data-coin=c.id.clone()>
                            <th scope="row">{format!("{} · {}", c.symbol.to_uppercase(), c.name)}</th>
                            <td class="num">{c.current_price.map_or("n/a".to_owned(), price)}</td>
                            {pct(c.change_24h_pct)}
                            {pct(c.change_7d_pct)}
                            <td class="num">{c.market_cap.map_or("n/a".to_owned(), compact)}</td>
                            <td class="num">{c.total_volume.map_or("n/a".to_owned(), compact)}</td>
                            {pct(c.ath_change_pct)}
                        </tr>
                    }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    };
    let status = Signal::derive(move || {
        state.with(|s| describe_remote(s, "CoinGecko", |coins| format!("{} coins", coins.len())))
    });
    view! {
        <section class="panel table-panel" id="sector">
            <PanelStatus id="sector-status" status=status/>
            <table class="metric-table" id="sector-table">
                <caption>"AI tokens by market capitalisation (CoinGecko's artificial-intelligence category, USD); changes in percent"</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The AI tokens against BTC and NVDA, indexed to 100, over the last year.
#[component]
fn IndexedChart(dataset: Memo<Dataset>) -> impl IntoView {
    let indexed = Memo::new(move |_| dataset.with(indexed_year));
    let data = Signal::derive(move || {
        indexed.with(|(data, _)| {
            ChartSpec::Comparison(data.clone().unwrap_or(ComparisonData {
                times: Vec::new(),
                lines: Vec::new(),
                format: ValueFormat::Price,
                window: None,
                scale: Scale::Indexed,
            }))
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
            <ChartCanvas id="sector-chart" label=Signal::derive(caption) data=data/>
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

#[cfg(test)]
mod tests {
    use super::*;

    fn coin(id: &str, cap: Option<f64>, day: Option<f64>) -> CoinMarket {
        let documented = r#"[{"id":"x"}]"#;
        let mut c = tokenrisk_core::sources::coingecko::parse_coin_markets(documented)
            .expect("valid")
            .remove(0);
        c.id = id.to_owned();
        c.name = id.to_uppercase();
        c.market_cap = cap;
        c.change_24h_pct = day;
        c
    }

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

    #[test]
    fn sorting_puts_unknowns_last_and_names_alphabetically() {
        let coins = [
            coin("b", Some(2.0), None),
            coin("a", None, Some(5.0)),
            coin("c", Some(3.0), Some(-1.0)),
        ];
        let ids = |key: &str| {
            sorted(&coins, key)
                .into_iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("market_cap"), ["c", "b", "a"]);
        assert_eq!(ids("change_24h"), ["a", "c", "b"]);
        assert_eq!(ids("name"), ["a", "b", "c"]);
        assert_eq!(ids("nonsense"), ids("market_cap"));
    }
}
