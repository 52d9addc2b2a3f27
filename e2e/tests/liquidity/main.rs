//! The liquidity page against local stand-ins of Binance's spot book and ticker and USD-M open
//! interest: the exit calculator, the liquidation price and the cascade show what the core
//! computes for the same book and inputs; the scenario typed into the page lives in the link
//! and survives a reload ([`scenario`]); edited maintenance brackets are the ones the
//! liquidation price uses ([`brackets`]); a recorded book chosen from a file is the one walked
//! ([`recorded_book`]); a bad value in the link is named and replaced by its
//! default ([`bad_values`]). The helpers here compute what the core gives for the stand-ins.

mod bad_values;
mod brackets;
mod recorded_book;
mod scenario;

use fantoccini::Locator;
use tokenrisk_core::cascade::{
    bar_path, replay, simulate, CascadeInput, CascadeReport, LadderInput, LeverageMix,
    LeverageMixPreset, Ohlc, ReplayReport, DEFAULT_MAX_ROUNDS,
};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::execution::{depth_bands, exit_estimate, market_order, Side, Size};
use tokenrisk_core::illiquidity::amihud_from_candles;
use tokenrisk_core::leverage::{
    self, initial_margin, liquidation_price, BracketTable, Liquidation, Margin, Position,
};
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::volume_profile::{volume_profile, Bar};
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{close, number, Session};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sell_off::{btc_daily, BINANCE_BTC_OPEN_INTEREST};
use tokenrisk_market::sources::binance::{parse_depth, parse_klines, parse_ticker_24h};
use tokenrisk_market::sources::binance_futures::parse_open_interest;

async fn figure(session: &Session, table: &str, key: &str) -> f64 {
    number(
        session
            .attr(&format!("#{table} tr[data-key='{key}'] td"), "data-value")
            .await,
    )
}

/// Waits until the cascade table shows a final price, and returns it.
async fn final_price(session: &Session) -> f64 {
    for _ in 0..200 {
        let shown = session
            .client
            .find(Locator::Css(
                "#cascade-figures tr[data-key='final_price'] td",
            ))
            .await;
        if let Ok(cell) = shown {
            let v = number(cell.attr("data-value").await.expect("attribute"));
            if v.is_finite() {
                return v;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the cascade never showed a final price");
}

/// Waits until the figure `key` of `table` shows `expected` (a rerun after an edit), and
/// returns what it shows last.
async fn settled(session: &Session, table: &str, key: &str, expected: f64) -> f64 {
    let mut shown = f64::NAN;
    for _ in 0..100 {
        shown = figure(session, table, key).await;
        if close(shown, expected) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    shown
}

fn book() -> OrderBook {
    parse_depth(&depth_body("TAOUSDT")).expect("valid")
}

/// The core's liquidation price of `size` TAO entered at the stand-in book's mid, backed by
/// `margin` (`None`: the initial margin at `leverage`, isolated), with TAOUSDT's brackets of
/// the snapshot.
fn expected_liquidation(
    side: leverage::Side,
    size: f64,
    leverage: f64,
    margin: Option<Margin>,
) -> Liquidation {
    let table = bracket_table("TAOUSDT").expect("snapshot");
    liquidation_with(&table, side, size, leverage, margin)
}

/// [`expected_liquidation`] with the brackets `table`.
fn liquidation_with(
    table: &BracketTable,
    side: leverage::Side,
    size: f64,
    leverage: f64,
    margin: Option<Margin>,
) -> Liquidation {
    let position = Position {
        side,
        entry: Top::of(&book()).expect("two sides").mid(),
        size,
    };
    let margin = margin.unwrap_or_else(|| Margin::Isolated {
        wallet: initial_margin(&position, leverage, table).expect("allowed"),
    });
    liquidation_price(&position, &margin, table).expect("a price")
}

/// The volume profile (24 bins) of the stand-in's hourly TAO candles: the page's default
/// entry prices.
fn profile_entries() -> Vec<(f64, f64)> {
    let bars: Vec<Bar> = parse_klines(&hourly_klines_body("TAOUSDT"))
        .expect("valid")
        .iter()
        .map(Bar::from)
        .collect();
    volume_profile(&bars, 24).expect("a profile")
}

/// The core's cascade for the stand-ins' TAO book and open interest.
/// `open_interest` in USD, `None`: the stand-in's contracts at the mid.
fn expected_cascade(
    shock: f64,
    long_share: f64,
    mix: LeverageMix,
    haircut: Haircut,
    open_interest: Option<f64>,
    entries: Vec<(f64, f64)>,
    replenishment: f64,
) -> CascadeReport {
    let book = book();
    let mid = Top::of(&book).expect("two sides").mid();
    let contracts = parse_open_interest(&tokenrisk_testdata::read_api_sample(
        "binance_futures_openInterest.json",
    ))
    .expect("sample")
    .open_interest;
    let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
    simulate(&CascadeInput {
        book,
        start_price: mid,
        shock,
        open_interest: open_interest.unwrap_or(contracts * mid),
        long_share,
        entries,
        mix: mix.capped(bracket.max_leverage).0,
        bracket,
        haircut,
        replenishment,
        max_rounds: DEFAULT_MAX_ROUNDS,
    })
    .expect("runs")
}

/// The core's replay of 2026-02-05/06 on the shipped record: entries over the 30 days
/// before (or at the first price), BTCUSDT's first bracket.
fn expected_replay(
    long_share: f64,
    mix: LeverageMixPreset,
    open_interest: f64,
    profile: bool,
) -> ReplayReport {
    let candles = btc_daily();
    let split = candles.len() - 2;
    let bars: Vec<Bar> = candles[split - 30..split].iter().map(Bar::from).collect();
    let entries = if profile {
        volume_profile(&bars, 24).expect("profile")
    } else {
        Vec::new()
    };
    let days: Vec<Ohlc> = candles[split..].iter().map(Ohlc::from).collect();
    let path = bar_path(&days);
    let bracket = bracket_table("BTCUSDT").expect("BTC").brackets()[0];
    let mix = mix.mix();
    replay(
        &LadderInput {
            open_interest,
            long_share,
            start_price: path[0].price,
            entries: &entries,
            mix: &mix,
            bracket: &bracket,
        },
        &path,
    )
    .expect("replay")
}
