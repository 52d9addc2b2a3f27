//! The liquidity and leverage page: what selling a position would cost now and in a crash, the
//! liquidation price of the position held with leverage, and the liquidation cascade a price
//! shock sets off through the token's real order book (swept over shocks and haircuts, and its
//! positions drawn as a liquidation map), then the replay of the sell-off of 2026-02-05/06 over
//! BTC's ladder (its data shipped with the page), then the perpetual's funding, open interest
//! and accounts long over the last month. The scenario (token, size, the leveraged position,
//! shock, open interest, long share, leverage mix, haircut, the replay's open interest) lives
//! in the link; the book, the 24-hour volume and the futures figures come live from Binance.

use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec, DepthData};
use crate::components::data_status::{describe_remote, PanelStatus};
use crate::components::skeleton::{self, Skeleton};
use crate::figures::figure_table;
use crate::format::{compact, percent, price};
use crate::link::liquidity::{
    BookVenue, Entries, LiquidityLink, PositionLink, BOOK, BOOKS, CUSTOM_MIX, CUT, CUTS, ENTRIES,
    ENTRY_MODELS, LONG, MIX, MIXES, OPEN_INTEREST, REFILL, SHOCK, SIZE,
};
use crate::link::{params::TOKEN, use_liquidity_link};
use crate::live::market_now::{self, VenueBook};
use crate::live::remote::{Remote, Unavailable};
use crate::live::use_remote::{use_remote, use_resource};
use crate::saved_book::{self, SavedBook};
use crate::site_data::SiteData;
use leptos::prelude::*;
use tokenrisk_charts::{GridMapData, LiquidationMapData};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::liquidity::{cumulative_depth, Top};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::time::format_unix;
use tokenrisk_market::registry::{self, Asset};
use tokenrisk_market::sources::binance::{Kline, Ticker24h};
use tokenrisk_market::sources::binance_futures::OpenInterest;
use tokenrisk_market::sources::coingecko::CoinMarket;

pub mod brackets_model;
pub mod cascade_model;
pub mod exit_model;
pub mod illiquidity_model;
pub mod liquidation_model;
mod liquidation_panel;
pub mod map_model;
pub mod positioning_model;
mod positioning_panel;
pub mod replay_model;
mod replay_panel;
pub mod sweep_model;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod test_books;

use crate::components::fields::{link_value, ChoiceField, NumberField, TextField};
use liquidation_panel::LiquidationPanel;
use positioning_panel::PositioningPanel;
use replay_panel::ReplayPanel;

/// The tokens with a spot book and a USD-M perpetual at Binance.
pub const TOKENS: [&str; 6] = ["TAO", "BTC", "NEAR", "ICP", "FET", "RENDER"];

/// How far from the mid the depth chart reaches.
const DEPTH_BAND: f64 = 0.05;

/// Waits for the site's configuration (not the bundled snapshot: the page shows live data
/// only), then shows the page.
#[component]
pub fn LiquidityPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"Liquidity and leverage"</h1>
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::LIQUIDITY_PAGE/> }>
            {move || site.configured(&state).map(|(_, problem)| view! {
                {problem.map(|p| view! { <p class="notice panel" role="alert">{p}</p> })}
                <LiquidityView/>
            })}
        </Suspense>
    }
}

/// The controls, the exit panel and the cascade panel over the link's scenario.
#[component]
fn LiquidityView() -> impl IntoView {
    let handle = use_liquidity_link(&TOKENS);
    let link = handle.link;
    let asset = Memo::new(move |_| link.with(|l| registry::get(&l.token)));
    let key = move || asset.get();
    let venue = Memo::new(move |_| link.with(|l| l.book));
    let book_key = move || Some((asset.get()?, venue.get())).filter(|(_, v)| *v != BookVenue::File);
    let fetched_book = use_resource(
        book_key,
        |s, (a, venue): (&'static Asset, BookVenue)| async move {
            match venue {
                BookVenue::Perpetual => market_now::perpetual_book(&s, a).await,
                _ => market_now::book(&s, a).await,
            }
        },
    );
    // The recorded book of `book=file`: read from this browser once, replaced by a chosen
    // file, parsed once per change.
    let chosen = RwSignal::new(saved_book::restore());
    let chosen_book = Memo::new(move |_| {
        chosen.with(|c| match c {
            Some(Ok(saved)) => saved.remote(),
            Some(Err(reason)) => Remote::Unavailable(Unavailable::Local(reason.clone())),
            None => Remote::Unavailable(Unavailable::Local(
                "no recorded book chosen in this browser: choose a file above".to_owned(),
            )),
        })
    });
    let book = Signal::derive(move || match venue.get() {
        BookVenue::File => chosen_book.get(),
        _ => fetched_book.get(),
    });
    let ticker = use_resource(key, |s, a: &'static Asset| async move {
        market_now::ticker(&s, a).await
    });
    let daily = use_resource(key, |s, a: &'static Asset| async move {
        market_now::daily(&s, a).await
    });
    let valuation = use_resource(key, |s, a: &'static Asset| async move {
        market_now::valuation(&s, a).await
    });
    let open_interest = use_resource(key, |s, a: &'static Asset| async move {
        market_now::open_interest(&s, a).await
    });
    let positioning = use_remote(key, |s, a: &'static Asset| async move {
        market_now::positioning(&s, a).await
    });
    let notices = move || {
        link.with(|l| {
            l.notices
                .iter()
                .map(|n| view! { <p class="notice panel" role="status">{n.to_string()}</p> })
                .collect_view()
        })
    };
    let hourly = use_resource(key, |s, a: &'static Asset| async move {
        market_now::hourly(&s, a).await
    });
    let setup = cascade_setup(link, asset, book, open_interest, hourly);
    let cascade = Memo::new(move |_| {
        setup.with(|s| {
            let s = s.as_ref()?;
            Some(cascade_model::cascade(
                &s.book,
                &s.scenario,
                s.open_interest,
                s.bracket,
                &s.entries,
            ))
        })
    });
    let sweep = Memo::new(move |_| {
        setup.with(|s| {
            let s = s.as_ref()?;
            Some(sweep_model::sweep(
                &s.book,
                &s.scenario,
                s.open_interest,
                s.bracket,
                &s.entries.prices,
            ))
        })
    });
    let liquidation_map = Memo::new(move |_| {
        setup.with(|s| {
            let s = s.as_ref()?;
            Some(map_model::map(
                &s.book,
                &s.scenario,
                s.open_interest,
                s.bracket,
                &s.entries,
            ))
        })
    });
    view! {
        {notices}
        <Controls link=link set=handle.set chosen=chosen/>
        <ExitPanel link=link book=book ticker=ticker daily=daily valuation=valuation/>
        <LiquidationPanel link=link set=handle.set asset=asset book=book cascade=cascade/>
        <CascadePanel link=link asset=asset open_interest=open_interest view=cascade sweep=sweep liquidation_map=liquidation_map/>
        <ReplayPanel link=link set=handle.set/>
        <PositioningPanel asset=asset positioning=positioning/>
    }
}

/// The scenario's inputs, each read from and written to the link; with `book=file`, the file
/// picker of the recorded book (kept in `chosen` and in this browser).
#[component]
fn Controls(
    link: Memo<LiquidityLink>,
    set: Callback<(&'static str, String)>,
    chosen: RwSignal<Option<Result<SavedBook, String>>>,
) -> impl IntoView {
    let value = move |key: &'static str| link_value(link, key);
    let tokens = TOKENS.map(|t| (t, t.to_owned())).to_vec();
    let books = BOOKS
        .map(|(k, b)| (k, cascade_model::book_name(b).to_owned()))
        .to_vec();
    let mixes = MIXES
        .map(|(k, m)| (k, cascade_model::mix_name(m).to_owned()))
        .to_vec();
    let entry_models = ENTRY_MODELS
        .map(|(k, e)| (k, cascade_model::entries_name(e).to_owned()))
        .to_vec();
    let cuts = CUTS
        .map(|(k, c)| (k, cascade_model::cut_name(c).to_owned()))
        .to_vec();
    view! {
        <section class="controls panel" aria-label="Scenario">
            <ChoiceField id="token-select" label="Token" key=TOKEN options=tokens selected=value(TOKEN) set=set/>
            <ChoiceField id="book-select" label="Order book" key=BOOK options=books selected=value(BOOK) set=set/>
            <NumberField id="size-input" label="Position (tokens)" key=SIZE placeholder="$100k worth"
                value=value(SIZE) set=set/>
            <NumberField id="shock-input" label="Shock (%)" key=SHOCK step="0.5"
                value=value(SHOCK) set=set/>
            <NumberField id="oi-input" label="Open interest (USD)" key=OPEN_INTEREST placeholder="live"
                value=value(OPEN_INTEREST) set=set/>
            <NumberField id="long-input" label="Long share (%)" key=LONG step="0.5"
                value=value(LONG) set=set/>
            <ChoiceField id="mix-select" label="Leverage mix" key=MIX options=mixes selected=value(MIX) set=set/>
            <TextField id="custom-mix-input" label="Own mix, replaces it (lev:share)" key=CUSTOM_MIX
                placeholder="e.g. 3:50,10:30,25:20" value=value(CUSTOM_MIX) set=set/>
            <ChoiceField id="cut-select" label="Depth haircut" key=CUT options=cuts selected=value(CUT) set=set/>
            <NumberField id="refill-input" label="Book refill per round (%)" key=REFILL step="5"
                value=value(REFILL) set=set/>
            <ChoiceField id="entries-select" label="Entry prices" key=ENTRIES options=entry_models selected=value(ENTRIES) set=set/>
            <Show when=move || link.with(|l| l.book == BookVenue::File)>
                <BookFile chosen=chosen/>
            </Show>
        </section>
    }
}

/// The file picker of a recorded book: a usable file replaces the book and is kept in this
/// browser; an unusable one is a message, and the book in use stays.
#[component]
fn BookFile(chosen: RwSignal<Option<Result<SavedBook, String>>>) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        if file.size() > saved_book::MAX_BOOK_BYTES {
            problem.set(Some(format!(
                "{name}: larger than the 2 MB a book file may be; the book in use stays."
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                problem.try_set(Some(format!(
                    "{name}: the browser could not read it; the book in use stays."
                )));
                return;
            };
            let saved = SavedBook {
                name,
                chosen_at_ms: js_sys::Date::now(),
                text,
            };
            match saved.book() {
                Ok(_) => {
                    let kept = saved_book::remember(&saved)
                        .err()
                        .map(|e| format!("Used for this visit, not kept: {e}."));
                    problem.try_set(kept);
                    chosen.try_set(Some(Ok(saved)));
                }
                Err(e) => {
                    // The picker shows the book in use, not the refused file.
                    input.set_value("");
                    problem.try_set(Some(format!("{e}; the book in use stays.")));
                }
            }
        });
    };
    view! {
        <div class="control">
            <label for="book-file">"Recorded book (JSON)"</label>
            <input id="book-file" type="file" accept=".json,application/json" on:change=on_change/>
        </div>
        {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="book-file-problem">{p}</p> })}
    }
}

/// The book's status line: venue, levels, when fetched (for a recorded book from a file:
/// which file, when chosen).
fn book_status(venue: BookVenue, book: &Remote<VenueBook>) -> (&'static str, String) {
    let levels = |v: &VenueBook| format!("{} bids, {} asks", v.book.bids.len(), v.book.asks.len());
    if venue == BookVenue::File {
        return match book {
            Remote::Ready(f) => (
                "set",
                format!(
                    "Recorded book from {}, chosen {} · {}",
                    f.value.venue,
                    format_unix((f.fetched_at_ms / 1000.0) as i64),
                    levels(&f.value)
                ),
            ),
            other => describe_remote(other, "Recorded order book", levels),
        };
    }
    let venue = book
        .ready()
        .map_or("Binance", |f| f.value.venue.as_str())
        .to_owned();
    describe_remote(book, &format!("{venue} order book"), levels)
}

/// Exit cost now and stressed, days to exit, and the depth chart.
#[component]
fn ExitPanel(
    link: Memo<LiquidityLink>,
    book: Signal<Remote<VenueBook>>,
    ticker: Signal<Remote<Ticker24h>>,
    daily: Signal<Remote<Vec<Kline>>>,
    valuation: Signal<Remote<CoinMarket>>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        let venue = link.with(|l| l.book);
        book.with(|b| book_status(venue, b))
    });
    let daily_status = Signal::derive(move || {
        daily.with(|d| describe_remote(d, "Binance daily candles", |k| format!("{} days", k.len())))
    });
    let valuation_status = Signal::derive(move || {
        valuation.with(|v| {
            describe_remote(v, "CoinGecko market cap", |c| {
                c.market_cap.map_or_else(
                    || "no market cap".to_owned(),
                    |m| format!("{} USD", compact(m)),
                )
            })
        })
    });
    let history = move || {
        let position = link.with(|l| l.size);
        let position_quote = book.with(|b| {
            let book = &b.ready()?.value.book;
            let mid = Top::of(book)?.mid();
            exit_model::exit_size(book, position).map(|size| size * mid)
        });
        let worth = valuation.with(|v| {
            v.ready().map(|f| illiquidity_model::Valuation {
                market_cap: f.value.market_cap,
                volume_24h: f.value.total_volume,
            })
        });
        let table = daily.with(|d| {
            let f = d.ready()?;
            let now = f.fetched_at_ms as i64;
            Some(illiquidity_model::illiquidity(
                &f.value,
                now,
                position_quote,
                worth,
            ))
        })?;
        Some(figure_table("illiquidity-figures", table))
    };
    let volume_status = Signal::derive(move || {
        ticker.with(|t| {
            describe_remote(t, "Binance 24-hour volume", |t| {
                t.volume.map_or_else(
                    || "no volume".to_owned(),
                    |v| format!("{} tokens", compact(v)),
                )
            })
        })
    });
    let table = move || {
        let size = link.with(|l| l.size);
        book.with(|b| {
            let book = &b.ready()?.value.book;
            let volume = ticker.with(|t| t.ready().and_then(|f| f.value.volume));
            let table = exit_model::exit_size(book, size)
                .ok_or_else(|| "the book has no two sides".to_owned())
                .and_then(|size| exit_model::exit(book, size, volume));
            Some(match table {
                Ok(table) => figure_table("exit-figures", table).into_any(),
                Err(e) => view! { <p class="notice" role="alert" id="exit-problem">{format!("Cannot price the exit: {e}.")}</p> }.into_any(),
            })
        })
    };
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
        <section class="panel table-panel" id="exit" aria-label="Exit cost">
            <h2>"What selling the position costs"</h2>
            <PanelStatus id="book-status" status=status/>
            <PanelStatus id="volume-status" status=volume_status/>
            {table}
            <Show when=move || book.with(|b| b.ready().is_some())>
                <figure class="market-chart">
                    <figcaption>"Order book depth within ±5 % of the mid"</figcaption>
                    <ChartCanvas id="liquidity-depth" label="Cumulative order book depth" data=depth/>
                </figure>
            </Show>
            <PanelStatus id="daily-status" status=daily_status/>
            <PanelStatus id="valuation-status" status=valuation_status/>
            {history}
        </section>
    }
}

/// What the cascade runs on: the token's book, the open interest in USD (the link's or the
/// live one at the mid), the contract's first bracket, and the link's scenario without the
/// positions (editing those does not run the cascade again).
#[derive(Debug, Clone, PartialEq)]
struct CascadeSetup {
    book: OrderBook,
    open_interest: f64,
    bracket: Bracket,
    scenario: LiquidityLink,
    entries: cascade_model::EntryPrices,
}

/// The cascade's inputs, once the book, the open interest and (for entries over the volume
/// profile) the hourly candles are there or known to be missing.
fn cascade_setup(
    link: Memo<LiquidityLink>,
    asset: Memo<Option<&'static Asset>>,
    book: Signal<Remote<VenueBook>>,
    open_interest: Signal<Remote<OpenInterest>>,
    hourly: Signal<Remote<Vec<Kline>>>,
) -> Memo<Option<CascadeSetup>> {
    let scenario = Memo::new(move |_| {
        let mut l = link.get();
        l.size = None;
        l.position = PositionLink::default();
        l.notices.clear();
        l
    });
    Memo::new(move |_| {
        let symbol = asset.get()?.binance_futures?;
        book.with(|b| {
            let book = &b.ready()?.value.book;
            let scenario = scenario.get();
            let bracket = brackets_model::for_symbol(&scenario, symbol)?
                .table
                .brackets()[0];
            let usd = match scenario.open_interest {
                Some(usd) => usd,
                None => {
                    let mid = Top::of(book).map(Top::mid)?;
                    open_interest.with(|o| o.ready().map(|f| f.value.open_interest))? * mid
                }
            };
            let entries = hourly.with(|h| {
                let bars = match (h.ready(), h.unavailable_reason()) {
                    (Some(f), _) => Ok(f.value.as_slice()),
                    (None, Some(reason)) => Err(reason.to_string()),
                    (None, None) if scenario.entries == Entries::StartPrice => Ok(&[][..]),
                    (None, None) => return None,
                };
                Some(cascade_model::entry_prices(scenario.entries, bars))
            })?;
            Some(CascadeSetup {
                book: book.clone(),
                open_interest: usd,
                bracket,
                scenario,
                entries,
            })
        })
    })
}

/// The cascade's figures, rounds and assumptions.
#[component]
fn CascadePanel(
    link: Memo<LiquidityLink>,
    asset: Memo<Option<&'static Asset>>,
    open_interest: Signal<Remote<OpenInterest>>,
    view: Memo<Option<Result<cascade_model::CascadeView, String>>>,
    sweep: Memo<Option<GridMapData>>,
    liquidation_map: Memo<Option<Result<map_model::MapView, String>>>,
) -> impl IntoView {
    let oi_status = Signal::derive(move || {
        if let Some(usd) = link.with(|l| l.open_interest) {
            return (
                "set",
                format!("Open interest set in the link: {} USD", compact(usd)),
            );
        }
        open_interest.with(|o| {
            describe_remote(o, "Binance USD-M open interest", |o| {
                format!("{} contracts", compact(o.open_interest))
            })
        })
    });
    let ran = move || view.with(|v| matches!(v, Some(Ok(_))));
    let waterfall = Signal::derive(move || {
        view.with(|v| match v {
            Some(Ok(c)) => ChartSpec::new(c.waterfall.clone()),
            _ => ChartSpec::new(cascade_model::move_by_step(&[])),
        })
    });
    let mapped = move || liquidation_map.with(|m| matches!(m, Some(Ok(_))));
    let map_spec = Signal::derive(move || {
        liquidation_map.with(|m| match m {
            Some(Ok(v)) => ChartSpec::new(v.map.clone()),
            _ => ChartSpec::new(LiquidationMapData::default()),
        })
    });
    let swept = move || sweep.with(Option::is_some);
    let sweep_spec = Signal::derive(move || ChartSpec::new(sweep.get().unwrap_or_default()));
    let shown = move || {
        view.with(|v| match v.as_ref()? {
            Err(e) => Some(view! { <p class="notice" role="alert" id="cascade-problem">{format!("Cannot run the cascade: {e}.")}</p> }.into_any()),
            Ok(c) => {
                let rows = c.rounds.iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.round}</th>
                        <td class="num" data-value=r.price.to_string()>{price(r.price)}</td>
                        <td class="num">{percent(r.move_from_start, 2)}</td>
                        <td class="num">{compact(r.long)}</td>
                        <td class="num">{compact(r.short)}</td>
                    </tr>
                }).collect_view();
                let assumptions = c.assumptions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view();
                Some(view! {
                    {figure_table("cascade-figures", c.figures.clone())}
                    <table class="metric-table" id="cascade-rounds">
                        <caption>"Round by round"</caption>
                        <thead><tr>
                            <th scope="col">"Round"</th>
                            <th scope="col">"Price after"</th>
                            <th scope="col">"From the start"</th>
                            <th scope="col">"Longs liquidated"</th>
                            <th scope="col">"Shorts liquidated"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <ul class="explain" id="cascade-assumptions">{assumptions}</ul>
                }.into_any())
            }
        })
    };
    let brackets_said = move || {
        let symbol = asset.get().and_then(|a| a.binance_futures)?;
        link.with(|l| brackets_model::for_symbol(l, symbol))
            .map(|b| format!(" Maintenance brackets: {}.", b.provenance()))
    };
    view! {
        <section class="panel table-panel" id="cascade" aria-label="Liquidation cascade">
            <h2>"Liquidation cascade"</h2>
            <p class="explain">
                "Positions whose liquidation price the shock crosses are closed at market into the book; their selling moves the price, which liquidates the next ones, round after round."
                {brackets_said}
            </p>
            <PanelStatus id="oi-status" status=oi_status/>
            <Show when=ran>
                <figure class="market-chart">
                    <figcaption>"The move from the start price: the shock, then each round of liquidations"</figcaption>
                    <ChartCanvas id="cascade-waterfall" label="Price move by cascade round" data=waterfall/>
                </figure>
            </Show>
            {shown}
            <Show when=swept>
                <figure class="market-chart">
                    <figcaption>"The move after the cascade for other shocks (rows) and depth haircuts (columns), with the same open interest, long share, leverage mix and entry prices"</figcaption>
                    <ChartCanvas id="cascade-sweep" label="Move after the cascade by shock and depth haircut" data=sweep_spec/>
                </figure>
            </Show>
            <Show when=mapped>
                <figure class="market-chart">
                    <figcaption>"Liquidation map: the same positions by the price at which each is liquidated, in USDT (longs filled below the price, shorts outlined above it), within ±30 % of the mid, with the assumptions on the chart"</figcaption>
                    <ChartCanvas id="liquidation-map" label="Leveraged notional by liquidation price" data=map_spec/>
                </figure>
            </Show>
        </section>
    }
}
