//! The sector's coins from CoinGecko as a table sortable by any column (the sort lives in the
//! link), with each coin's 7-day volatility and beta to BTC from the hourly sparklines and the
//! sector's 7-day market-cap change.

use crate::components::data_status::{describe_remote, PanelStatus};
use crate::format::{compact, percent, price, ratio};
use crate::link::use_sort_link;
use crate::live::remote::Remote;
use crate::live::sector;
use crate::live::use_remote::use_resource;
use leptos::prelude::*;
use tokenrisk_core::sector::{market_cap_change, sparkline_beta, sparkline_volatility};
use tokenrisk_market::sources::coingecko::CoinMarket;

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

/// The sort keys of [`SORTS`], for the link.
const SORT_KEYS: [&str; 9] = {
    let mut keys = [""; 9];
    let mut i = 0;
    while i < SORTS.len() {
        keys[i] = SORTS[i].0;
        i += 1;
    }
    keys
};

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

/// The sector's coins from CoinGecko, sortable by any column; the sort lives in the URL.
/// `majors` is CoinGecko's list of the app's own coins (BTC's sparkline gives the betas).
#[component]
pub fn SectorTable() -> impl IntoView {
    let state = use_resource(
        || Some(()),
        |service, ()| async move { sector::sector_coins(&service).await },
    );
    let majors = use_resource(
        || Some(()),
        |service, ()| async move { sector::majors(&service).await },
    );
    let (sort_link, set_sort) = use_sort_link(&SORT_KEYS, "market_cap");
    let sort = Memo::new(move |_| sort_link.with(|(key, _)| key.clone()));
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
            {move || sort_link.with(|(_, notice)| notice.as_ref().map(|n| view! { <p class="notice" role="alert">{n.to_string()}</p> }))}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn coin(id: &str, cap: Option<f64>, day: Option<f64>) -> CoinMarket {
        let documented = r#"[{"id":"x"}]"#;
        let mut c = tokenrisk_market::sources::coingecko::parse_coin_markets(documented)
            .expect("valid")
            .remove(0);
        c.id = id.to_owned();
        c.name = id.to_uppercase();
        c.market_cap = cap;
        c.change_24h_pct = day;
        c
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
