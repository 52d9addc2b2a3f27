//! Whether the market can absorb the coming supply: the steps in the daily new supply
//! (halvings, rate changes, unlock cliffs and ends) and, for the next day, week, month,
//! quarter and year and the month after each step, the new supply, the part assumed sold, its
//! share of circulating supply, of the average daily volume, the days it takes at the page's
//! share of that volume, and one day's selling walked through the order book now.
//!
//! Conventions: the average daily volume is the mean base volume of the last 30 complete
//! daily candles (Binance); selling takes the bids of the spot book as it is now.

use super::model::SupplyView;
use crate::format::{compact, percent};
use crate::pages::liquidity::illiquidity_model::{closed_candles, mean_last};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::tokenomics::{absorption, supply_window, SupplyWindow};
use tokenrisk_market::sources::binance::Kline;

/// Days of candles the average daily volume is taken over.
pub const ADV_DAYS: usize = 30;
/// Most events the table lists.
const MAX_EVENTS: usize = 12;
/// Most events whose following month gets an absorption row.
const MAX_EVENT_WINDOWS: usize = 4;

/// The mean base volume of the last [`ADV_DAYS`] closed candles (the last candle, still open
/// at `now_ms`, left out); `None` with fewer, or without a positive mean.
pub fn average_daily_volume(candles: &[Kline], now_ms: i64) -> Option<f64> {
    let volumes: Vec<f64> = closed_candles(candles, now_ms)
        .iter()
        .map(|k| k.volume)
        .collect();
    mean_last(&volumes, ADV_DAYS).filter(|m| m.is_finite() && *m > 0.0)
}

/// One step in the daily new supply, as the events table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The first day at the new level.
    pub date: String,
    /// What happens.
    pub what: &'static str,
    /// New supply a day before and from the day, tokens.
    pub per_day: (f64, f64),
    /// New supply over the 30 days from the day, tokens.
    pub month_tokens: f64,
    /// … in USD at today's price.
    pub month_usd: Option<f64>,
    /// … as a share of circulating supply the day before.
    pub month_share: Option<f64>,
}

/// The schedule's steps (at most [`MAX_EVENTS`]).
pub fn event_rows(view: &SupplyView, token_price: Option<f64>) -> Vec<EventRow> {
    view.events
        .iter()
        .take(MAX_EVENTS)
        .filter_map(|e| {
            let w = supply_window(&view.days, e.day, 30)?;
            Some(EventRow {
                date: e.date.to_string(),
                what: if e.halving {
                    "Halving"
                } else if e.after > e.before {
                    "New supply steps up"
                } else {
                    "New supply steps down"
                },
                per_day: (e.before, e.after),
                month_tokens: w.new_supply,
                month_usd: token_price.map(|p| p * w.new_supply),
                month_share: share(w.new_supply, w.circulating),
            })
        })
        .collect()
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// One window of the absorption table.
#[derive(Debug, Clone, PartialEq)]
pub struct AbsorptionRow {
    /// Which window.
    pub label: String,
    /// The window.
    pub window: SupplyWindow,
    /// Assumed sold net of buybacks, USD at today's price.
    pub sold_usd: Option<f64>,
    /// New supply ÷ circulating supply before the window.
    pub share_of_circulating: Option<f64>,
    /// Assumed selling a day ÷ average daily volume.
    pub share_of_volume: Option<f64>,
    /// Days to sell the window's assumed selling at the participation rate.
    pub days_to_absorb: Option<f64>,
    /// One day's selling into the bids now: slippage in basis points, and whether the book ran
    /// out.
    pub impact: Option<(f64, bool)>,
}

/// The next day, week, 30 days, 90 days and year (those within the horizon), then the 30
/// days from each of the first [`MAX_EVENT_WINDOWS`] events, against `adv` (tokens a day) at
/// `participation` (a fraction) and into `book`.
pub fn absorption_rows(
    view: &SupplyView,
    token_price: Option<f64>,
    adv: Option<f64>,
    participation: f64,
    book: Option<&OrderBook>,
) -> Vec<AbsorptionRow> {
    let ahead = [
        (1, "Next day"),
        (7, "Next 7 days"),
        (30, "Next 30 days"),
        (90, "Next 90 days"),
        (365, "Next 365 days"),
    ]
    .into_iter()
    .filter(|(days, _)| *days <= view.days.len())
    .map(|(days, label)| (0, days, label.to_owned()));
    let after_events = view.events.iter().take(MAX_EVENT_WINDOWS).map(|e| {
        let what = if e.halving { "halving" } else { "step" };
        (e.day, 30, format!("30 days from the {what} on {}", e.date))
    });
    ahead
        .chain(after_events)
        .filter_map(|(from, days, label)| {
            let window = supply_window(&view.days, from, days)?;
            let a = absorption(&window, adv.unwrap_or(f64::NAN), participation, book);
            Some(AbsorptionRow {
                label,
                sold_usd: token_price.map(|p| p * window.net_sold()),
                share_of_circulating: share(window.new_supply, window.circulating),
                share_of_volume: a.share_of_volume,
                days_to_absorb: a.days_to_absorb,
                impact: a.impact.map(|f| (f.slippage_bps, f.exhausted)),
                window,
            })
        })
        .collect()
}

/// The absorption table's column names, in [`absorption_cells`]' order.
pub const ABSORPTION_HEADERS: [&str; 8] = [
    "Window",
    "From",
    "New supply",
    "Assumed sold, net of buybacks",
    "% of circulating",
    "A day's selling ÷ daily volume",
    "Days to absorb",
    "A day's selling into the book",
];

/// The events table's column names.
pub const EVENT_HEADERS: [&str; 6] = [
    "From",
    "What",
    "New supply a day",
    "Next 30 days, tokens",
    "USD",
    "% of circulating",
];

/// An event's cells, as text, in [`EVENT_HEADERS`]' order.
pub fn event_cells(row: &EventRow) -> [String; 6] {
    [
        row.date.clone(),
        row.what.to_owned(),
        format!("{} → {}", compact(row.per_day.0), compact(row.per_day.1)),
        compact(row.month_tokens),
        row.month_usd.map_or("n/a".to_owned(), compact),
        row.month_share.map_or("n/a".to_owned(), |v| percent(v, 3)),
    ]
}

/// The table's cells of a row, as text: window, first day, new supply, assumed sold (tokens
/// and USD), % of circulating, % of daily volume, days to absorb, slippage of a day's selling.
pub fn absorption_cells(row: &AbsorptionRow) -> [String; 8] {
    let or_na = |v: Option<String>| v.unwrap_or_else(|| "n/a".to_owned());
    [
        row.label.clone(),
        row.window.first.to_string(),
        compact(row.window.new_supply),
        {
            let w = &row.window;
            let net = match row.sold_usd {
                Some(usd) => format!("{} ({} USD)", compact(w.net_sold()), compact(usd)),
                None => compact(w.net_sold()),
            };
            if w.bought > 0.0 {
                format!(
                    "{net}: {} sold less {} bought back",
                    compact(w.sold),
                    compact(w.bought)
                )
            } else {
                net
            }
        },
        or_na(row.share_of_circulating.map(|v| percent(v, 3))),
        or_na(row.share_of_volume.map(|v| percent(v, 2))),
        or_na(row.days_to_absorb.map(|d| format!("{d:.1}"))),
        or_na(row.impact.map(|(bps, exhausted)| {
            if exhausted {
                format!("{bps:.0} bps, book exhausted")
            } else {
                format!("{bps:.1} bps")
            }
        })),
    ]
}
