//! A token's market right now: valuation and supply, spot liquidity (24-hour ticker, order
//! book), futures positioning, and development activity. Each panel has its own data-status
//! badge: these figures come from live APIs only (a snapshot of an order book would mislead),
//! so a panel whose API cannot be reached says so and the rest of the page is unaffected.

use super::chart::{CandleData, ChartCanvas, ChartSpec, DepthData};
use super::data_status::{describe_remote, PanelStatus};
use crate::app_state::AppState;
use crate::format::{compact, percent, price, ratio};
use crate::live::market_now::{self, Positioning, RepositoryActivity, VenueBook};
use crate::live::remote::Remote;
use crate::live::state::LIVE_ASSETS;
use leptos::prelude::*;
use tokenrisk_charts::Candle;
use tokenrisk_core::assets::repositories;
use tokenrisk_core::derivatives::{
    annualised_funding, funding_interval_hours, mean_funding_since, open_interest_change, premium,
};
use tokenrisk_core::dev_activity::{combined_weeks, summarise};
use tokenrisk_core::liquidity::{cumulative_depth, depth_within, market_sell, Top};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::sources::binance::{closed_candle_closes, Kline, Ticker24h};
use tokenrisk_core::sources::coingecko::CoinMarket;
use tokenrisk_core::time::format_unix;
use tokenrisk_core::volatility::annualised_volatility;

/// How far from the mid the depth chart reaches.
const DEPTH_BAND: f64 = 0.05;

/// Hours in a year of continuous trading: the annualisation of hourly crypto returns.
const HOURS_PER_YEAR: f64 = 24.0 * 365.0;

/// Sell sizes whose slippage the spot panel shows: key, label, USD.
const SELL_SIZES: [(&str, &str, f64); 3] = [
    ("sell_10k", "$10k", 10_000.0),
    ("sell_100k", "$100k", 100_000.0),
    ("sell_1m", "$1m", 1_000_000.0),
];

/// One figure: a key for tests, a label, the value as text, its raw number, how it is made.
struct Figure {
    key: &'static str,
    label: String,
    text: String,
    value: Option<f64>,
    explain: &'static str,
}

impl Figure {
    fn new(
        key: &'static str,
        label: impl Into<String>,
        value: Option<f64>,
        show: impl Fn(f64) -> String,
        explain: &'static str,
    ) -> Self {
        Self {
            key,
            label: label.into(),
            text: value.map_or_else(|| "n/a".to_owned(), show),
            value,
            explain,
        }
    }
}

fn figure_table(id: &'static str, caption: String, figures: Vec<Figure>) -> impl IntoView {
    let rows = figures
        .into_iter()
        .map(|f| {
            let data_value = f.value.map(|v| v.to_string()).unwrap_or_default();
            view! {
                <tr data-key=f.key>
                    <th scope="row">{f.label}</th>
                    <td class="num" data-value=data_value>{f.text}</td>
                    <td class="explain">{f.explain}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="metric-table" id=id>
            <caption>{caption}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The three panels for the token `token` (nothing but a note for assets without live APIs).
#[component]
pub fn MarketNow(
    /// The asset id shown.
    token: Signal<String>,
) -> impl IntoView {
    let state = AppState::use_or_new();
    let ticker = RwSignal::new(Remote::<Ticker24h>::NotAsked);
    let book = RwSignal::new(Remote::<VenueBook>::NotAsked);
    let positioning = RwSignal::new(None::<Positioning>);
    let activity = RwSignal::new(None::<Vec<RepositoryActivity>>);
    let valuation = RwSignal::new(Remote::<CoinMarket>::NotAsked);
    let hourly = RwSignal::new(Remote::<Vec<Kline>>::NotAsked);
    // Asking the APIs for the shown token is synchronising with the outside world.
    Effect::new(move |_| {
        let id = token.get();
        ticker.set(Remote::Loading);
        book.set(Remote::Loading);
        positioning.set(None);
        activity.set(None);
        valuation.set(Remote::Loading);
        hourly.set(Remote::Loading);
        if !LIVE_ASSETS.contains(&id.as_str()) {
            return;
        }
        state.with_service(|service| {
            let service = std::rc::Rc::clone(service);
            leptos::task::spawn_local(async move {
                let (v, h, t, b, p, a) = futures::join!(
                    market_now::valuation(&service, &id),
                    market_now::hourly(&service, &id),
                    market_now::ticker(&service, &id),
                    market_now::book(&service, &id),
                    market_now::positioning(&service, &id),
                    market_now::activity(&service, repositories(&id)),
                );
                // A token changed meanwhile keeps its own answers.
                if token.get_untracked() == id {
                    valuation.set(v);
                    hourly.set(h);
                    ticker.set(t);
                    book.set(b);
                    positioning.set(Some(p));
                    activity.set(Some(a));
                }
            });
        });
    });
    let is_live = move || LIVE_ASSETS.contains(&token.get().as_str());
    view! {
        <Show
            when=is_live
            fallback=move || view! {
                <p class="panel explain" id="market-now-none">
                    {move || format!("{}: no key-less live market API in the browser; its prices come from the site's snapshot.", token.get())}
                </p>
            }
        >
            <section class="market-now" id="market-now" aria-label="The market now">
                <ValuationPanel valuation=valuation/>
                <SpotPanel ticker=ticker hourly=hourly book=book/>
                <FuturesPanel token=token positioning=positioning/>
                <DevelopmentPanel token=token activity=activity/>
            </section>
        </Show>
    }
}

#[component]
fn ValuationPanel(valuation: RwSignal<Remote<CoinMarket>>) -> impl IntoView {
    let status = Signal::derive(move || {
        valuation.with(|v| describe_remote(v, "CoinGecko markets", |_| String::new()))
    });
    let table = move || {
        valuation.with(|v| {
            v.ready().map(|f| {
                let c = &f.value;
                let circulating_share = c
                    .circulating_supply
                    .zip(c.max_supply.or(c.total_supply))
                    .filter(|(_, cap)| *cap > 0.0)
                    .map(|(circ, cap)| circ / cap);
                let overhang = c
                    .fully_diluted_valuation
                    .zip(c.market_cap)
                    .filter(|(_, cap)| *cap > 0.0)
                    .map(|(fdv, cap)| fdv / cap - 1.0);
                figure_table(
                    "valuation",
                    format!("{} · {} (CoinGecko, USD)", c.symbol.to_uppercase(), c.name),
                    vec![
                        Figure::new("market_cap", "Market capitalisation", c.market_cap, compact, "Price × circulating supply, in USD."),
                        Figure::new("rank", "Rank", c.market_cap_rank, |r| format!("#{r:.0}"), "Position by market capitalisation among all coins CoinGecko lists."),
                        Figure::new("fdv", "Fully diluted valuation", c.fully_diluted_valuation, compact, "Price × the largest supply there can be (max supply, else total supply)."),
                        Figure::new("dilution", "Supply still to come, by value", overhang, |v| percent(v, 1), "FDV / market cap − 1: how much the supply not yet circulating adds at today's price. New supply must find buyers."),
                        Figure::new("circulating_share", "Circulating share", circulating_share, |v| percent(v, 1), "Circulating supply / max supply (total supply where there is no max)."),
                        Figure::new("volume_24h", "24h volume, all venues", c.total_volume, compact, "Traded value over 24 hours across the exchanges CoinGecko tracks, in USD."),
                        Figure::new("from_ath", "From the all-time high", c.ath_change_pct.map(|p| p / 100.0), |v| percent(v, 1), "Price / all-time high − 1."),
                    ],
                )
            })
        })
    };
    view! {
        <section class="panel table-panel" id="valuation-now" aria-label="Valuation and supply">
            <h2>"Valuation and supply"</h2>
            <PanelStatus id="valuation-status" status=status/>
            {table}
        </section>
    }
}

#[component]
fn SpotPanel(
    ticker: RwSignal<Remote<Ticker24h>>,
    hourly: RwSignal<Remote<Vec<Kline>>>,
    book: RwSignal<Remote<VenueBook>>,
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
    let week_volatility = move || {
        hourly.with(|h| {
            let klines = &h.ready()?.value;
            let closes = closed_candle_closes(klines, js_sys::Date::now() as i64).ok()?;
            annualised_volatility(&simple_returns(closes.values()), HOURS_PER_YEAR).ok()
        })
    };
    let ticker_table = move || {
        ticker.with(|t| {
            t.ready().map(|f| {
                let t = &f.value;
                figure_table(
                    "spot-ticker",
                    format!("{} over the last 24 hours (Binance)", t.symbol),
                    vec![
                        Figure::new("last", "Last price", Some(t.last_price), price, "The last trade, in USDT."),
                        Figure::new("change_24h", "24h change", Some(t.price_change_pct / 100.0), |v| percent(v, 2), "Last price against the price 24 hours ago."),
                        Figure::new("high_low", "24h range", t.high.zip(t.low).map(|(h, l)| h / l - 1.0), |v| percent(v, 2), "High / low − 1 over the last 24 hours."),
                        Figure::new("quote_volume", "24h volume", t.quote_volume, compact, "Traded value over the last 24 hours, in USDT (this pair on this exchange only)."),
                        Figure::new("volatility_7d_hourly", "7-day volatility, a year", week_volatility(), |v| percent(v, 1), "Sample standard deviation (ddof 1) of the last 7 days' closed hourly simple returns × √8,760 (24 × 365 hours): how turbulent the market is now, against the daily figure above."),
                    ],
                )
            })
        })
    };
    let book_table = move || {
        book.with(|b| {
            b.ready().map(|f| {
                let book = &f.value.book;
                let top = Top::of(book);
                let depth = depth_within(book, 0.02);
                let mut figures = vec![
                    Figure::new("mid", "Mid price", top.map(Top::mid), price, "(best bid + best ask) / 2."),
                    Figure::new("spread_bps", "Spread", top.map(Top::spread_bps), |v| format!("{v:.1} bp"), "(ask − bid) / mid, in basis points (1 bp = 0.01 %)."),
                    Figure::new("bid_depth_2pct", "Bids within 2 %", depth.map(|d| d.0), compact, "Quote value of the bids priced at most 2 % below the mid: what a seller can hit before the price falls 2 %."),
                    Figure::new("ask_depth_2pct", "Asks within 2 %", depth.map(|d| d.1), compact, "Quote value of the asks priced at most 2 % above the mid."),
                ];
                for (key, label, size) in SELL_SIZES {
                    let fill = market_sell(book, size);
                    let exhausted = fill.is_some_and(|f| f.exhausted);
                    figures.push(Figure::new(
                        key,
                        format!("Selling {label} at once"),
                        fill.map(|f| f.slippage),
                        move |v| if exhausted { format!("> {} (book exhausted)", percent(v, 2)) } else { percent(v, 2) },
                        "Market sell walked down the visible bids: 1 − average fill / mid (half the spread included). A snapshot: resting orders refill, and other venues add depth.",
                    ));
                }
                figure_table("spot-book", format!("{} order book, {} levels a side", f.value.pair, book.bids.len().max(book.asks.len())), figures)
            })
        })
    };
    let candles = Signal::derive(move || {
        hourly.with(|h| {
            let now = js_sys::Date::now() as i64;
            let candles = h
                .ready()
                .map(|f| {
                    f.value
                        .iter()
                        .filter(|k| k.close_time_ms < now)
                        .map(|k| Candle {
                            time: k.open_time_ms.div_euclid(1000),
                            open: k.open,
                            high: k.high,
                            low: k.low,
                            close: k.close,
                        })
                        .collect()
                })
                .unwrap_or_default();
            ChartSpec::new(CandleData {
                label: "Hourly candles, last 7 days (Binance, USDT)".to_owned(),
                candles,
            })
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

#[component]
fn FuturesPanel(
    token: Signal<String>,
    positioning: RwSignal<Option<Positioning>>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        positioning.with(|p| match p {
            None => ("updating", "Asking Binance USD-M futures…".to_owned()),
            Some(p) => describe_remote(&p.premium, "Binance USD-M futures", |_| String::new()),
        })
    });
    let table = move || {
        positioning.with(|p| {
            let p = p.as_ref()?;
            let premium_index = p.premium.ready().map(|f| &f.value);
            let funding = p.funding.ready().map(|f| f.value.as_slice()).unwrap_or_default();
            let interval = funding_interval_hours(funding).unwrap_or(8.0);
            let now_ms = premium_index.map_or(0, |i| i.time_ms);
            let month_ago = now_ms - 30 * 86_400_000;
            let mark = premium_index.map(|i| i.mark_price);
            let oi = p.open_interest.ready().map(|f| f.value.open_interest);
            let oi_change = p.open_interest_history.ready().and_then(|f| open_interest_change(&f.value));
            let long_short = p.long_short.ready().and_then(|f| f.value.iter().max_by_key(|r| r.time_ms).cloned());
            let unavailable = [
                ("funding history", p.funding.unavailable_reason()),
                ("open interest", p.open_interest.unavailable_reason()),
                ("open-interest history", p.open_interest_history.unavailable_reason()),
                ("long/short ratio", p.long_short.unavailable_reason()),
            ]
            .into_iter()
            .filter_map(|(what, reason)| reason.map(|r| format!("{what}: {r}")))
            .collect::<Vec<_>>();
            Some(view! {
                {figure_table(
                    "futures-figures",
                    format!("{}USDT perpetual, Binance USD-M (funding every {interval:.0} h)", token.get_untracked()),
                    vec![
                        Figure::new("mark", "Mark price", mark, price, "The exchange's fair price, used for margin and liquidations."),
                        Figure::new("premium", "Premium to index", premium_index.and_then(|i| premium(i.mark_price, i.index_price?)), |v| percent(v, 3), "Mark / index − 1: positive when futures trade above the spot index."),
                        Figure::new("funding_now", "Funding now, a year", premium_index.map(|i| annualised_funding(i.last_funding_rate, interval)), |v| percent(v, 1), "Latest funding rate × payments a day × 365 (simple): positive means longs pay shorts, a sign of crowded longs."),
                        Figure::new("funding_30d", "Funding over 30 days, a year", mean_funding_since(funding, month_ago).map(|r| annualised_funding(r, interval)), |v| percent(v, 1), "Mean funding rate of the last 30 days' payments, in yearly terms."),
                        Figure::new("open_interest", "Open interest", oi.zip(mark).map(|(oi, m)| oi * m), compact, "Contracts open × mark price, in USDT: leverage that can be forced out."),
                        Figure::new("open_interest_change", "Open interest change", oi_change.map(|c| c.0), |v| percent(v, 1), "Daily open interest, newest / oldest of the last 30 days − 1 (in contracts)."),
                        Figure::new("long_short", "Accounts long / short", long_short.as_ref().map(|r| r.long_short_ratio), ratio, "Binance accounts with net long positions / those net short, latest day: above 1, more accounts are long."),
                    ],
                )}
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
        </section>
    }
}

#[component]
fn DevelopmentPanel(
    token: Signal<String>,
    activity: RwSignal<Option<Vec<RepositoryActivity>>>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        activity.with(|a| match a {
            None => ("updating", "Asking GitHub…".to_owned()),
            Some(repos) if repos.is_empty() => (
                "unavailable",
                format!(
                    "No verified public repository for {}",
                    token.get_untracked()
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
            let rows = repos
                .iter()
                .map(|r| {
                    let (cells, note) = match &r.weeks {
                        Remote::Ready(f) => {
                            let s = summarise(&combined_weeks(std::slice::from_ref(&f.value)));
                            let trend = s.quarter_trend().map_or("n/a".to_owned(), |t| percent(t, 0));
                            ([s.last_4_weeks.to_string(), s.last_13_weeks.to_string(), s.total.to_string(), trend], format!("fetched {}", format_unix((f.fetched_at_ms / 1000.0) as i64)))
                        }
                        Remote::Unavailable(reason) => (Default::default(), reason.clone()),
                        _ => (Default::default(), "asking…".to_owned()),
                    };
                    view! {
                        <tr data-repo=r.repository.clone()>
                            <th scope="row">{r.repository.clone()}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            <td class="explain">{note}</td>
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
