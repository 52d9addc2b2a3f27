//! The AI-sector page: how the sector and its tokens are doing, against BTC and AI equities.

use crate::analysis::analyse;
use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec, ComparisonData, HeatMapData};
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::components::market_context::MarketContextStrip;
use crate::components::skeleton::{self, Skeleton};
use crate::data::Dataset;
use crate::format::{compact, date, percent, price, ratio};
use crate::live::market_context::refresh_context;
use crate::live::remote::Remote;
use crate::live::sector::{refresh_majors, refresh_sector, SectorState};
use crate::site_data::SiteData;
use crate::url_state::use_query_param;
use leptos::prelude::*;
use tokenrisk_charts::{Scale, ValueFormat};
use tokenrisk_core::align::{align, indexed_to_100};
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::sector::{market_cap_change, sparkline_beta, sparkline_volatility};
use tokenrisk_core::sources::coingecko::CoinMarket;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::view::Range;
use tokenrisk_core::PriceSeries;

/// The AI tokens the app carries histories for, and the benchmarks they are compared with.
const TOKENS: [&str; 5] = ["TAO", "NEAR", "ICP", "FET", "RENDER"];
const BENCHMARKS: [&str; 2] = ["BTC", "NVDA"];

/// The columns the sector table sorts by (the `sort` query value), their headers, and what
/// each means (shown on hover and on focus).
const SORTS: [(&str, &str, &str); 9] = [
    ("name", "Token", "Symbol and name, as CoinGecko lists them."),
    ("price", "Price", "Last price in USD (CoinGecko's aggregate across exchanges)."),
    ("change_24h", "24h", "Price change over the last 24 hours."),
    ("change_7d", "7d", "Price change over the last 7 days."),
    ("market_cap", "Market cap", "Price × circulating supply, in USD."),
    ("volume", "Volume 24h", "Traded value over 24 hours across the exchanges CoinGecko tracks, in USD."),
    ("vol_7d", "Volatility 7d", "Annualised volatility of the last 7 days' hourly returns (std, ddof 1, × √8,760): how turbulent the week was."),
    ("beta_btc_7d", "Beta to BTC 7d", "cov(r, r_BTC) / var(r_BTC) of the last 7 days' hourly returns: 1.5 means it moved 1.5× as much as BTC this week."),
    ("from_ath", "From all-time high", "Price / all-time high − 1: the drawdown from the highest price ever."),
];

/// A sector table row: a coin and its figures from the last 7 days' hourly prices.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorRow {
    /// The coin as CoinGecko lists it.
    pub coin: CoinMarket,
    /// Annualised volatility of its sparkline.
    pub volatility_7d: Option<f64>,
    /// Beta of its sparkline to BTC's.
    pub beta_btc_7d: Option<f64>,
}

/// The rows of `coins`, with betas to `btc_sparkline` (empty when BTC's is unknown).
pub fn sector_rows(coins: &[CoinMarket], btc_sparkline: &[f64]) -> Vec<SectorRow> {
    coins
        .iter()
        .map(|c| SectorRow {
            volatility_7d: sparkline_volatility(&c.sparkline_7d),
            beta_btc_7d: sparkline_beta(&c.sparkline_7d, btc_sparkline),
            coin: c.clone(),
        })
        .collect()
}

fn sort_value(row: &SectorRow, key: &str) -> Option<f64> {
    let coin = &row.coin;
    match key {
        "price" => coin.current_price,
        "change_24h" => coin.change_24h_pct,
        "change_7d" => coin.change_7d_pct,
        "volume" => coin.total_volume,
        "from_ath" => coin.ath_change_pct,
        "vol_7d" => row.volatility_7d,
        "beta_btc_7d" => row.beta_btc_7d,
        _ => coin.market_cap,
    }
}

/// The rows sorted by `key`: by name A→Z, else by the value, largest first; unknown values
/// last. An unknown key sorts by market capitalisation.
pub fn sorted(rows: &[SectorRow], key: &str) -> Vec<SectorRow> {
    let mut coins = rows.to_vec();
    if key == "name" {
        coins.sort_by_key(|c| c.coin.name.to_lowercase());
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
                let majors = RwSignal::new(SectorState::NotAsked);
                state.with_service(|s| {
                    refresh_context(s, state.market);
                    refresh_sector(s, state.sector);
                    refresh_majors(s, majors);
                });
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    <MarketContextStrip state=state.market/>
                    <SectorTable state=state.sector majors=majors/>
                    <IndexedChart dataset=dataset/>
                    <SectorRisk dataset=dataset/>
                    <CorrelationMap dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// The sector's coins from CoinGecko, sortable by any column; the sort lives in the URL.
/// `majors` is CoinGecko's list of the app's own coins (BTC's sparkline gives the betas).
#[component]
fn SectorTable(state: RwSignal<SectorState>, majors: RwSignal<SectorState>) -> impl IntoView {
    let (sort_query, set_sort) = use_query_param("sort");
    let sort = Memo::new(move |_| {
        sort_query
            .get()
            .filter(|s| SORTS.iter().any(|(k, _, _)| k == s))
            .unwrap_or_else(|| "market_cap".to_owned())
    });
    let btc_sparkline = Memo::new(move |_| {
        majors.with(|m| {
            m.ready()
                .and_then(|f| f.value.iter().find(|c| c.id == "bitcoin"))
                .map(|c| c.sparkline_7d.clone())
                .unwrap_or_default()
        })
    });
    let table_rows = Memo::new(move |_| {
        state.with(|s| {
            s.ready()
                .map(|f| btc_sparkline.with(|btc| sector_rows(&f.value, btc)))
                .unwrap_or_default()
        })
    });
    let headers = SORTS.map(|(key, label, explain)| {
        let aria = move || {
            (sort.get() == key).then_some(if key == "name" {
                "ascending"
            } else {
                "descending"
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" data-sort=key data-tip=explain
                    aria-describedby=format!("tip-{key}")
                    on:click=move |_| set_sort.run(key.to_owned())>{label}</button>
                <span id=format!("tip-{key}") class="visually-hidden">{explain}</span>
            </th>
        }
    });
    let pct = |v: Option<f64>| {
        let text = v.map_or_else(|| "n/a".to_owned(), |v| percent(v / 100.0, 1));
        view! { <td class="num" data-value=v.map(|v| v.to_string()).unwrap_or_default()>{text}</td> }
    };
    let figure = |v: Option<f64>, show: fn(f64) -> String| {
        let text = v.map_or_else(|| "n/a".to_owned(), show);
        view! { <td class="num" data-value=v.map(|v| v.to_string()).unwrap_or_default()>{text}</td> }
    };
    let rows = move || {
        let key = sort.get();
        table_rows.with(|rows| {
            sorted(rows, &key)
                .into_iter()
                .map(|row| {
                    let c = row.coin;
                    view! {
                        <tr data-coin=c.id.clone()>
                            <th scope="row">{format!("{} · {}", c.symbol.to_uppercase(), c.name)}</th>
                            <td class="num">{c.current_price.map_or("n/a".to_owned(), price)}</td>
                            {pct(c.change_24h_pct)}
                            {pct(c.change_7d_pct)}
                            <td class="num">{c.market_cap.map_or("n/a".to_owned(), compact)}</td>
                            <td class="num">{c.total_volume.map_or("n/a".to_owned(), compact)}</td>
                            {figure(row.volatility_7d, |v| percent(v, 0))}
                            {figure(row.beta_btc_7d, ratio)}
                            {pct(c.ath_change_pct)}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let status = Signal::derive(move || {
        state.with(|s| describe_remote(s, "CoinGecko", |coins| format!("{} coins", coins.len())))
    });
    let week = move || {
        state.with(|s| {
            let coins = &s.ready()?.value;
            let pairs: Vec<(f64, f64)> = coins
                .iter()
                .filter_map(|c| Some((c.market_cap?, c.change_7d_pct? / 100.0)))
                .collect();
            let change = market_cap_change(&pairs)?;
            let total: f64 = coins.iter().filter_map(|c| c.market_cap).sum();
            Some(view! {
                <p class="sector-week" id="sector-7d" data-value=change.to_string()>
                    <strong>{format!("{} largest AI tokens: {} market cap, {} over 7 days", coins.len(), compact(total), percent(change, 1))}</strong>
                    " (each coin's cap a week ago taken as its cap now over its 7-day price change, supply held constant)."
                </p>
            })
        })
    };
    let beta_note = move || {
        majors.with(|m| match m {
            Remote::Unavailable(reason) => Some(format!(
                "Betas to BTC unavailable: BTC's prices from CoinGecko {reason}."
            )),
            _ => None,
        })
    };
    view! {
        <section class="panel table-panel" id="sector">
            <PanelStatus id="sector-status" status=status/>
            {week}
            <table class="metric-table" id="sector-table">
                <caption>"AI tokens by market capitalisation (CoinGecko's artificial-intelligence category, USD); changes in percent; 7-day figures from hourly prices"</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {move || beta_note().map(|n| view! { <p class="explain">{n}</p> })}
        </section>
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
            ChartSpec::Comparison(data)
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
        ChartSpec::HeatMap(map.get().unwrap_or(HeatMapData {
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
        let mut coins = [
            coin("b", Some(2.0), None),
            coin("a", None, Some(5.0)),
            coin("c", Some(3.0), Some(-1.0)),
        ];
        // b moves twice as much as BTC each hour, c the opposite way; a has no sparkline.
        let btc = [100.0, 101.0, 99.0, 102.0, 100.0];
        let scaled = |k: f64| -> Vec<f64> {
            let mut p = vec![10.0];
            for w in btc.windows(2) {
                let last = *p.last().expect("start");
                p.push(last * (1.0 + k * (w[1] / w[0] - 1.0)));
            }
            p
        };
        coins[0].sparkline_7d = scaled(2.0);
        coins[2].sparkline_7d = scaled(-1.0);
        let rows = sector_rows(&coins, &btc);
        assert!((rows[0].beta_btc_7d.expect("b") - 2.0).abs() < 1e-12);
        assert_eq!(rows[1].beta_btc_7d, None);
        let ids = |key: &str| {
            sorted(&rows, key)
                .into_iter()
                .map(|r| r.coin.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("market_cap"), ["c", "b", "a"]);
        assert_eq!(ids("change_24h"), ["a", "c", "b"]);
        assert_eq!(ids("beta_btc_7d"), ["b", "c", "a"]);
        assert_eq!(ids("vol_7d"), ["b", "c", "a"]);
        assert_eq!(ids("name"), ["a", "b", "c"]);
        assert_eq!(ids("nonsense"), ids("market_cap"));
    }
}
