//! What the fuzz targets share: the consumers that a parsed value flows into in the app and the
//! command, so that every target checks the whole path from bytes to numbers, not the parser
//! alone.

use tokenrisk_core::cascade::{simulate, CascadeInput, LeverageMixPreset};
use tokenrisk_core::depth_stress::HaircutPreset;
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::liquidity::{cumulative_depth, depth_within, Top};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::report::{ReportInput, RiskReport};
use tokenrisk_core::series::{Calendar, PriceSeries};

/// The risk numbers the token view computes for a price series, on both calendars and the
/// ranges a link can name. Metrics may be undefined (an error value), never a panic.
pub fn consume_prices(prices: &PriceSeries) {
    for calendar in [Calendar::Continuous, Calendar::Weekdays] {
        let _ = RiskReport::compute(&ReportInput::new(prices, calendar.periods_per_year()));
        for range in [Range::All, Range::Days30, Range::YearToDate, Range::Year1] {
            let _ = TokenRisk::compute(prices, calendar, range);
        }
    }
}

/// What the market-now panel, the exit calculator and the `tokenrisk cascade` command compute
/// from a book (a cascade both ways, on the flash-crash haircut, with replenishment).
pub fn consume_book(book: &OrderBook) {
    let _ = Top::of(book).map(|top| (top.mid(), top.spread_bps()));
    let _ = depth_within(book, 0.02);
    let _ = cumulative_depth(book);
    for side in [Side::Sell, Side::Buy] {
        for size in [Size::Base(1.0), Size::Quote(1e6), Size::Base(f64::MAX)] {
            let _ = market_order(book, side, size);
        }
    }
    let start = Top::of(book).map_or(1.0, |top| top.mid());
    for shock in [-0.1, 0.1] {
        let _ = simulate(&CascadeInput {
            book: book.clone(),
            start_price: start,
            shock,
            open_interest: 1e6,
            long_share: 0.7,
            entries: vec![(start * 0.97, 1.0), (start, 2.0), (start * 1.02, 1.0)],
            mix: LeverageMixPreset::HeatmapVendor.mix(),
            bracket: Bracket {
                notional_floor: 0.0,
                notional_cap: 50e3,
                max_leverage: 125.0,
                maintenance_rate: 0.004,
                maintenance_amount: 0.0,
            },
            haircut: HaircutPreset::FlashCrash.haircut(),
            replenishment: 0.2,
            max_rounds: 100,
        });
    }
}

/// The input as text when it is UTF-8 (the response bodies and files the app reads are text).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The first byte (which endpoint a multi-endpoint target feeds) and the rest as text.
pub fn selector_and_text(data: &[u8]) -> Option<(u8, &str)> {
    let (&which, rest) = data.split_first()?;
    Some((which, text(rest)?))
}

/// The `i`-th little-endian f64 of `bytes` (0 when the bytes run out): any number, the odd
/// ones (NaN, infinities, subnormals) included.
pub fn number(bytes: &[u8], i: usize) -> f64 {
    bytes
        .get(i * 8..i * 8 + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0.0, f64::from_le_bytes)
}
