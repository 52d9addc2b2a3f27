//! The exit calculator's numbers: what selling a position into an order book costs now and on
//! the book thinned by each haircut preset, the depth near the mid, the days an exit takes and
//! the largest sale within a slippage limit. Plain functions over the core's execution model,
//! tested natively.
//!
//! Conventions: prices, depths and amounts in the book's quote currency (USDT at Binance);
//! slippage from the mid (half the spread included) in basis points; days at
//! [`PARTICIPATION`] of the last 24 hours' volume.

use crate::figures::{Figure, FigureTable};
use crate::format::{compact, price};
use tokenrisk_core::depth_stress::HaircutPreset;
use tokenrisk_core::execution::{depth_bands, exit_estimate, Fill};
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;

/// Share of a day's volume the exit may take: 10 %, a common ceiling for orders meant not to
/// move the market (participation-rate execution).
pub const PARTICIPATION: f64 = 0.10;

/// The slippage limit of the largest immediate sale, in basis points.
pub const SLIPPAGE_LIMIT_BPS: f64 = 50.0;

/// The position exited when the link names none: 100,000 USD worth at the mid.
pub const DEFAULT_EXIT_USD: f64 = 100_000.0;

/// Distances from the mid whose depth the exit table shows.
pub const DEPTH_BANDS: [(&str, &str, f64); 4] = [
    ("bid_depth_half_pct", "Bids within 0.5 %", 0.005),
    ("bid_depth_1pct", "Bids within 1 %", 0.01),
    ("bid_depth_2pct", "Bids within 2 %", 0.02),
    ("bid_depth_5pct", "Bids within 5 %", 0.05),
];

/// The position to exit in tokens: the link's, else [`DEFAULT_EXIT_USD`] at the mid (`None`
/// for a book without two sides).
pub fn exit_size(book: &OrderBook, size: Option<f64>) -> Option<f64> {
    size.or_else(|| Top::of(book).map(|t| DEFAULT_EXIT_USD / t.mid()))
}

fn bps(v: f64) -> String {
    format!("{v:.1} bp")
}

fn tokens(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// The slippage text of a fill, saying when the book ran out.
fn slippage(fill: &Fill) -> impl Fn(f64) -> String {
    let (exhausted, unfilled) = (fill.exhausted, fill.unfilled_base);
    move |v| {
        if exhausted {
            format!("> {} (book exhausted, {} unsold)", bps(v), tokens(unfilled))
        } else {
            bps(v)
        }
    }
}

/// The key and label of each haircut preset's row.
fn preset_row(preset: HaircutPreset) -> (&'static str, &'static str) {
    match preset {
        HaircutPreset::StressedRegime => (
            "slippage_stressed",
            "Same sale, stressed regime (−30 % depth)",
        ),
        HaircutPreset::CrashHour => ("slippage_crash", "Same sale, crash hour (−50 % depth)"),
        HaircutPreset::FlashCrash => (
            "slippage_flash",
            "Same sale, flash crash (−90 % within 1 %, −70 % to 4 %)",
        ),
    }
}

/// The exit of `size` tokens sold at market into `book`'s bids: depth near the mid, the cost
/// now and on the book stressed by each haircut preset, days at [`PARTICIPATION`] of
/// `volume_24h` (base units; `None`: not known), and the largest sale within
/// [`SLIPPAGE_LIMIT_BPS`].
///
/// # Errors
/// The core's message for a book without two sides or a size that is not positive.
pub fn exit(book: &OrderBook, size: f64, volume_24h: Option<f64>) -> Result<FigureTable, String> {
    let e = exit_estimate(
        book,
        size,
        volume_24h.unwrap_or(f64::NAN),
        PARTICIPATION,
        SLIPPAGE_LIMIT_BPS,
    )
    .map_err(|e| e.to_string())?;
    let bands = depth_bands(book, &DEPTH_BANDS.map(|b| b.2)).map_err(|e| e.to_string())?;
    let mut figures = vec![
        Figure::new(
            "mid",
            "Mid price",
            Some(e.now.mid),
            price,
            "(best bid + best ask) / 2.",
        ),
        Figure::new(
            "spread",
            "Spread",
            Top::of(book).map(Top::spread_bps),
            bps,
            "(best ask − best bid) / mid × 10⁴ bp: half of it is paid on any market sale.",
        ),
        Figure::new(
            "position",
            "Position",
            Some(e.now.filled_base + e.now.unfilled_base),
            tokens,
            "Tokens to sell (the link's size, else 100,000 USD at the mid).",
        ),
        Figure::new(
            "position_value",
            "Position at the mid",
            Some(size * e.now.mid),
            compact,
            "Tokens × mid, in USDT.",
        ),
    ];
    for ((key, label, _), band) in DEPTH_BANDS.into_iter().zip(&bands) {
        figures.push(Figure::new(key, label, Some(band.bids_quote), compact, "Quote value of the bids priced at most this far below the mid: what a seller can hit before the price falls that much."));
    }
    figures.extend([
        Figure::new("slippage_now", "Selling it all now", Some(e.now.slippage_bps), slippage(&e.now), "Market sell walked down the visible bids: (1 − average fill / mid) × 10⁴ bp, half the spread included."),
        Figure::new("cost_now", "Cost of selling now", Some(e.now.cost_quote()), compact, "Mid value of what was sold − what it fetched, in USDT."),
        Figure::new("levels_now", "Price levels consumed", Some(e.now.levels_consumed as f64), |v| format!("{v:.0}"), "Bid levels the sale reaches."),
        Figure::new("worst_price", "Lowest fill", Some(e.now.worst_price), price, "The last level the sale reaches."),
    ]);
    for (preset, fill) in &e.stressed {
        let (key, label) = preset_row(*preset);
        figures.push(Figure::new(
            key,
            label,
            Some(fill.slippage_bps),
            slippage(fill),
            preset.source(),
        ));
    }
    figures.extend([
        Figure::new("days_to_exit", "Days to exit at 10 % of daily volume", e.days_to_exit, |v| format!("{v:.2} days"), "Position / (10 % × the last 24 hours' volume on this pair): selling no more than a tenth of what trades each day."),
        Figure::new("max_within_limit", "Largest sale within 50 bp", Some(e.max_within_limit.base), move |v| {
            let whole = if e.max_within_limit.whole_side { " (all the bids shown)" } else { "" };
            format!("{}{whole}", tokens(v))
        }, "The largest market sell whose average fill stays within 50 bp of the mid, by an exact walk of the levels."),
    ]);
    Ok(FigureTable {
        caption: format!("Selling {} tokens into the bids", tokens(size)),
        figures,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::{text, value};
    use crate::pages::liquidity::test_books::{hand_book, recorded};
    use tokenrisk_core::execution::{market_order, Side, Size};

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn exit_of_a_hand_computed_book() {
        // 2.5 sold: 1 at 99, 1.5 at 98 → 246 for 250 at the mid: 160 bp, cost 4. With 250
        // traded a day, 10 % of it is 25: 0.1 days. Within 50 bp of 100: nothing below 99.5
        // on average beyond the first level's 99 → the answer is 0 (half the spread is 100 bp).
        let t = exit(&hand_book(), 2.5, Some(250.0)).expect("valid");
        assert!(near(value(&t, "slippage_now"), 160.0));
        assert!(near(value(&t, "cost_now"), 4.0));
        assert_eq!(value(&t, "levels_now"), 2.0);
        assert_eq!(value(&t, "worst_price"), 98.0);
        assert!(near(value(&t, "days_to_exit"), 0.1));
        assert_eq!(value(&t, "max_within_limit"), 0.0);
        // Bids within 2 %: 99 + 196 = 295; within 1 %: 99; within 0.5 %: none; within 5 %:
        // still 295. Spread 101 − 99 = 2 on a mid of 100: 200 bp.
        assert_eq!(value(&t, "bid_depth_half_pct"), 0.0);
        assert!(near(value(&t, "spread"), 200.0));
        assert!(near(value(&t, "bid_depth_1pct"), 99.0));
        assert!(near(value(&t, "bid_depth_2pct"), 295.0));
        assert!(near(value(&t, "bid_depth_5pct"), 295.0));
        assert_eq!(text(&t, "slippage_now"), "160.0 bp");
    }

    #[test]
    fn an_exhausted_book_says_so() {
        // 20 into 13 resting: 7 unsold.
        let t = exit(&hand_book(), 20.0, None).expect("valid");
        assert!(
            text(&t, "slippage_now").contains("book exhausted, 7.0000 unsold"),
            "{}",
            text(&t, "slippage_now")
        );
        assert_eq!(text(&t, "days_to_exit"), "n/a");
    }

    #[test]
    fn exit_on_a_recorded_book_is_the_cores() {
        let book = recorded();
        let size = exit_size(&book, None).expect("two sides");
        let mid = Top::of(&book).expect("two sides").mid();
        assert!(near(size * mid, DEFAULT_EXIT_USD));
        let t = exit(&book, size, Some(1e7)).expect("valid");
        let now = market_order(&book, Side::Sell, Size::Base(size)).expect("fills");
        assert!(near(value(&t, "slippage_now"), now.slippage_bps));
        let e = exit_estimate(&book, size, 1e7, PARTICIPATION, SLIPPAGE_LIMIT_BPS).expect("valid");
        for (preset, fill) in &e.stressed {
            assert!(near(value(&t, preset_row(*preset).0), fill.slippage_bps));
            assert!(fill.slippage_bps >= now.slippage_bps);
        }
        assert!(near(value(&t, "max_within_limit"), e.max_within_limit.base));
    }

    #[test]
    fn bad_books_and_sizes_are_messages() {
        let empty = OrderBook {
            bids: vec![],
            asks: vec![(1.0, 1.0)],
        };
        assert!(exit(&empty, 1.0, None).is_err());
        assert_eq!(exit_size(&empty, None), None);
        for size in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(exit(&hand_book(), size, Some(1.0)).is_err(), "{size}");
        }
    }
}
