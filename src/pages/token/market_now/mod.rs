//! A token's market right now: valuation and supply, spot liquidity (24-hour ticker, order
//! book), futures positioning, and development activity. Each panel has its own data-status
//! badge: these figures come from live APIs only (a snapshot of an order book would mislead),
//! so a panel whose API cannot be reached says so and the rest of the page is unaffected.

use crate::components::chart::{CandleData, ChartCanvas, ChartSpec, DepthData};
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::figures::figure_table;
use crate::live::market_now::{self, Positioning, RepositoryActivity, VenueBook};
use crate::live::remote::Remote;
use crate::live::use_remote::{use_remote, use_resource};
use leptos::prelude::*;
use tokenrisk_core::liquidity::cumulative_depth;
use tokenrisk_market::registry::{self, Asset};
use tokenrisk_market::sources::binance::{Kline, Ticker24h};
use tokenrisk_market::sources::coingecko::CoinMarket;

pub mod model;

/// How far from the mid the depth chart reaches.
const DEPTH_BAND: f64 = 0.05;

/// The panels for the token `token` (nothing but a note for assets without live APIs). Each
/// resource is asked through [`use_remote`], keyed by the token's registry row, so an answer
/// for a token no longer shown, or arriving after the page is gone, is dropped.
#[component]
pub fn MarketNow(
    /// The asset id shown.
    token: Signal<String>,
) -> impl IntoView {
    let asset =
        Memo::new(move |_| token.with(|id| registry::get(id).filter(|a| a.binance_spot.is_some())));
    let key = move || asset.get();
    let valuation = use_resource(key, |s, a: &'static Asset| async move {
        market_now::valuation(&s, a).await
    });
    let hourly = use_resource(key, |s, a: &'static Asset| async move {
        market_now::hourly(&s, a).await
    });
    let ticker = use_resource(key, |s, a: &'static Asset| async move {
        market_now::ticker(&s, a).await
    });
    let book = use_resource(key, |s, a: &'static Asset| async move {
        market_now::book(&s, a).await
    });
    let positioning = use_remote(key, |s, a: &'static Asset| async move {
        market_now::positioning(&s, a).await
    });
    let activity = use_remote(key, |s, a: &'static Asset| async move {
        market_now::activity(&s, a).await
    });
    view! {
        <Show
            when=move || asset.with(Option::is_some)
            fallback=move || view! {
                <p class="panel explain" id="market-now-none">
                    {move || format!("{}: no key-less live market API in the browser; its prices come from the site's snapshot.", token.get())}
                </p>
            }
        >
            <section class="market-now" id="market-now" aria-label="The market now">
                <ValuationPanel valuation=valuation token=token/>
                <SpotPanel ticker=ticker hourly=hourly book=book/>
                <FuturesPanel asset=asset positioning=positioning/>
                <DevelopmentPanel asset=asset activity=activity/>
            </section>
        </Show>
    }
}

/// CoinGecko's valuation and supply, and a link to the token's supply schedule where it has
/// a preset.
#[component]
fn ValuationPanel(valuation: Signal<Remote<CoinMarket>>, token: Signal<String>) -> impl IntoView {
    let status = Signal::derive(move || {
        valuation.with(|v| describe_remote(v, "CoinGecko markets", |_| String::new()))
    });
    let table = move || {
        valuation.with(|v| {
            v.ready()
                .map(|f| figure_table("valuation", model::valuation(&f.value)))
        })
    };
    view! {
        <section class="panel table-panel" id="valuation-now" aria-label="Valuation and supply">
            <h2>"Valuation and supply"</h2>
            <PanelStatus id="valuation-status" status=status/>
            {table}
            {move || {
                let id = token.get();
                let href = format!("{}/signals?token={id}", crate::base_path());
                view! {
                    <p class="explain"><a id="to-signals" href=href>
                        {format!("{id}'s signals to watch: funding, open interest, volume, depth, each against its own history")}
                    </a></p>
                }
            }}
            {move || {
                let id = token.get();
                crate::link::tokenomics::TOKENS.contains(&id.as_str()).then(|| {
                    let href = format!("{}/tokenomics?token={id}", crate::base_path());
                    view! {
                        <p class="explain"><a id="to-tokenomics" href=href>
                            {format!("{id}'s supply schedule, dilution and whether the market can absorb it")}
                        </a></p>
                    }
                })
            }}
        </section>
    }
}

#[component]
fn SpotPanel(
    ticker: Signal<Remote<Ticker24h>>,
    hourly: Signal<Remote<Vec<Kline>>>,
    book: Signal<Remote<VenueBook>>,
) -> impl IntoView {
    let ticker_status = Signal::derive(move || {
        ticker.with(|t| describe_remote(t, "Binance 24-hour ticker", |_| String::new()))
    });
    let book_status = Signal::derive(move || {
        book.with(|b| {
            let venue = b
                .ready()
                .map_or("Binance", |f| f.value.venue.as_str())
                .to_owned();
            describe_remote(b, &format!("{venue} order book"), |v| {
                format!("{} bids, {} asks", v.book.bids.len(), v.book.asks.len())
            })
        })
    });
    let now_ms = || js_sys::Date::now() as i64;
    let ticker_table = move || {
        let week = hourly.with(|h| {
            h.ready()
                .and_then(|f| model::hourly_volatility(&f.value, now_ms()))
        });
        ticker.with(|t| {
            t.ready()
                .map(|f| figure_table("spot-ticker", model::ticker(&f.value, week)))
        })
    };
    let book_table = move || {
        book.with(|b| {
            b.ready()
                .map(|f| figure_table("spot-book", model::book(&f.value)))
        })
    };
    let candles = Signal::derive(move || {
        let candles = hourly.with(|h| {
            h.ready()
                .map(|f| model::closed_candles(&f.value, now_ms()))
                .unwrap_or_default()
        });
        ChartSpec::new(CandleData {
            label: "Hourly candles, last 7 days (Binance, USDT)".to_owned(),
            candles,
        })
    });
    let depth = Signal::derive(move || {
        book.with(|b| {
            let (bids, asks) = b
                .ready()
                .map(|f| cumulative_depth(&f.value.book))
                .unwrap_or_default();
            ChartSpec::new(DepthData {
                bids,
                asks,
                within: DEPTH_BAND,
            })
        })
    });
    view! {
        <section class="panel table-panel" id="spot-now" aria-label="Spot market now">
            <h2>"Spot market now"</h2>
            <PanelStatus id="ticker-status" status=ticker_status/>
            {ticker_table}
            <Show when=move || hourly.with(|h| h.ready().is_some())>
                <figure class="market-chart">
                    <figcaption>"Last 7 days, hourly candles (hollow: rose, filled: fell)"</figcaption>
                    <ChartCanvas id="hourly-candles" label="Hourly candles over the last 7 days" data=candles/>
                </figure>
            </Show>
            <PanelStatus id="book-status" status=book_status/>
            {book_table}
            <Show when=move || book.with(|b| b.ready().is_some())>
                <figure class="market-chart">
                    <figcaption>"Order book depth within ±5 % of the mid"</figcaption>
                    <ChartCanvas id="depth-chart" label="Cumulative order book depth" data=depth/>
                </figure>
            </Show>
        </section>
    }
}

/// The perpetual's positioning figures with their status badge; `children` (the liquidity
/// page's history charts) below them.
#[component]
pub fn FuturesPanel(
    asset: Memo<Option<&'static Asset>>,
    positioning: Signal<Option<Option<Positioning>>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        positioning.with(|p| match p {
            None => ("updating", "Asking Binance USD-M futures…".to_owned()),
            Some(None) => (
                "unavailable",
                "No USD-M perpetual for this token".to_owned(),
            ),
            Some(Some(p)) => {
                describe_remote(&p.premium, "Binance USD-M futures", |_| String::new())
            }
        })
    });
    let table = move || {
        let symbol = asset.get().and_then(|a| a.binance_futures)?;
        positioning.with(|p| {
            let (table, unavailable) = model::futures(symbol, p.as_ref()?.as_ref()?);
            Some(view! {
                {figure_table("futures-figures", table)}
                {(!unavailable.is_empty()).then(|| view! {
                    <p class="notice" id="futures-gaps">{format!("Not shown: {}.", unavailable.join("; "))}</p>
                })}
            })
        })
    };
    view! {
        <section class="panel table-panel" id="futures-now" aria-label="Futures positioning">
            <h2>"Futures positioning"</h2>
            <PanelStatus id="futures-status" status=status/>
            {table}
            {children.map(|c| c())}
        </section>
    }
}

#[component]
fn DevelopmentPanel(
    asset: Memo<Option<&'static Asset>>,
    activity: Signal<Option<Vec<RepositoryActivity>>>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        activity.with(|a| match a {
            None => ("updating", "Asking GitHub…".to_owned()),
            Some(repos) if repos.is_empty() => (
                "unavailable",
                format!(
                    "No verified public repository for {}",
                    asset.with(|a| a.map_or("this token", |a| a.id))
                ),
            ),
            Some(repos) => {
                let first = repos
                    .iter()
                    .find(|r| r.weeks.ready().is_some())
                    .unwrap_or(&repos[0]);
                describe_remote(&first.weeks, "GitHub", |_| {
                    format!("{} repositories", repos.len())
                })
            }
        })
    });
    let table = move || {
        activity.with(|a| {
            let repos = a.as_ref().filter(|r| !r.is_empty())?;
            let rows = model::activity(repos)
                .into_iter()
                .map(|r| {
                    view! {
                        <tr data-repo=r.repository.clone()>
                            <th scope="row">{r.repository.clone()}</th>
                            {r.cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            <td class="explain">{r.note}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="metric-table" id="dev-activity">
                    <caption>"Commits on each repository's default branch (merges excluded), GitHub's weekly statistics"</caption>
                    <thead><tr>
                        <th scope="col">"Repository"</th>
                        <th scope="col" title="The last 4 weeks">"4 weeks"</th>
                        <th scope="col" title="The last 13 weeks">"13 weeks"</th>
                        <th scope="col" title="Up to 52 weeks">"52 weeks"</th>
                        <th scope="col" title="The last 13 weeks against the 13 before: last / previous − 1">"Quarter trend"</th>
                        <th scope="col">"Answer"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    view! {
        <section class="panel table-panel" id="dev-now" aria-label="Development activity">
            <h2>"Development activity"</h2>
            <PanelStatus id="dev-status" status=status/>
            {table}
        </section>
    }
}
