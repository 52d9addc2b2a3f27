//! `tokenrisk slippage`: what a market order of a given size would do to a recorded order book
//! (Binance's depth-response shape, Coinbase's level-2 book or Bybit's v5 order book), now or
//! with the book's depth cut by a flat haircut.

use crate::risk::Format;
use std::path::Path;
use tokenrisk_core::depth_stress::{stressed, Haircut};
use tokenrisk_core::execution::{market_order, Fill, Side, Size};
use tokenrisk_core::liquidity::Top;
use tokenrisk_market::sources::bybit::parse_any_book;

/// The order's direction on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SideArg {
    /// Sell base into the bids.
    Sell,
    /// Buy base from the asks.
    Buy,
}

impl From<SideArg> for Side {
    fn from(side: SideArg) -> Self {
        match side {
            SideArg::Sell => Side::Sell,
            SideArg::Buy => Side::Buy,
        }
    }
}

/// What to price.
#[derive(Debug, Clone)]
pub struct SlippageOptions<'a> {
    /// The order book's JSON file (Binance's, Coinbase's or Bybit's shape).
    pub depth: &'a Path,
    /// Sell or buy.
    pub side: SideArg,
    /// The order size, in base or quote units.
    pub size: Size,
    /// A flat haircut `0 ≤ H < 1`: every level keeps `(1 − H)` of its quantity.
    pub haircut: Option<f64>,
    /// JSON or a table.
    pub format: Format,
}

/// Reads the book, applies the haircut, prices the order and renders it.
///
/// # Errors
/// A message naming the file or the option and the reason (the command exits with status 2):
/// an unreadable file, a body that is not a depth response, an invalid book (empty, crossed or
/// one-sided; bad prices or quantities), a size that is not positive and finite, a haircut
/// outside `[0, 1)`.
pub fn run(options: &SlippageOptions<'_>) -> Result<String, String> {
    let file = options.depth.display();
    let text = std::fs::read_to_string(options.depth).map_err(|e| format!("{file}: {e}"))?;
    let mut book = parse_any_book(&text).map_err(|e| format!("{file}: {e}"))?;
    book.validate()
        .map_err(|e| format!("{file}: invalid book: {e}"))?;
    if let Some(h) = options.haircut {
        book = stressed(&book, &Haircut::Flat(h)).map_err(|e| format!("--haircut: {e}"))?;
    }
    let fill = market_order(&book, options.side.into(), options.size).map_err(|e| match e {
        tokenrisk_core::execution::ExecutionError::BadSize(_) => {
            format!("{}: {e}", size_flag(options.size))
        }
        _ => format!("{file}: {e}"),
    })?;
    let spread_bps = Top::of(&book).map_or(f64::NAN, Top::spread_bps);
    Ok(match options.format {
        Format::Json => json(&fill, options, spread_bps),
        Format::Table => table(&fill, options, spread_bps),
    })
}

fn size_flag(size: Size) -> &'static str {
    match size {
        Size::Base(_) => "--base-size",
        Size::Quote(_) => "--quote-size",
    }
}

fn side_name(side: SideArg) -> &'static str {
    match side {
        SideArg::Sell => "sell",
        SideArg::Buy => "buy",
    }
}

fn requested(size: Size) -> (&'static str, f64) {
    match size {
        Size::Base(q) => ("base", q),
        Size::Quote(q) => ("quote", q),
    }
}

fn json(fill: &Fill, options: &SlippageOptions<'_>, spread_bps: f64) -> String {
    let (unit, amount) = requested(options.size);
    let value = serde_json::json!({
        "side": side_name(options.side),
        "size_unit": unit,
        "size": amount,
        "haircut": options.haircut.unwrap_or(0.0),
        "mid": fill.mid,
        "spread_bps": spread_bps,
        "avg_price": fill.avg_price,
        "worst_price": fill.worst_price,
        "slippage_bps": fill.slippage_bps,
        "levels_consumed": fill.levels_consumed,
        "filled_base": fill.filled_base,
        "filled_quote": fill.filled_quote,
        "unfilled_base": fill.unfilled_base,
        "unfilled_quote": fill.unfilled_quote,
        "exhausted": fill.exhausted,
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| unreachable!("plain data: {e}"))
}

fn table(fill: &Fill, options: &SlippageOptions<'_>, spread_bps: f64) -> String {
    let (unit, amount) = requested(options.size);
    let mut out = format!(
        "{}: market {} of {amount} {unit}{}\n",
        options.depth.display(),
        side_name(options.side),
        options.haircut.map_or(String::new(), |h| format!(
            ", depth cut by {:.1}%",
            h * 100.0
        )),
    );
    let rows = [
        ("Mid price", format!("{}", fill.mid)),
        ("Spread", format!("{spread_bps:.2} bps")),
        ("Average price", format!("{}", fill.avg_price)),
        ("Worst price reached", format!("{}", fill.worst_price)),
        (
            "Slippage against the mid",
            format!("{:.2} bps", fill.slippage_bps),
        ),
        ("Levels consumed", fill.levels_consumed.to_string()),
        ("Filled (base)", format!("{}", fill.filled_base)),
        ("Filled (quote)", format!("{}", fill.filled_quote)),
        ("Unfilled (base)", format!("{}", fill.unfilled_base)),
    ];
    for (label, value) in rows {
        out.push_str(&format!("  {label:<26} {value:>22}\n"));
    }
    if fill.exhausted {
        out.push_str(&format!(
            "Book exhausted: the {} ran out with {} base ({} quote at the mid) unfilled.\n",
            match options.side {
                SideArg::Sell => "bids",
                SideArg::Buy => "asks",
            },
            fill.unfilled_base,
            fill.unfilled_quote
        ));
    }
    out.push_str("Slippage is measured from the mid, so it includes half the spread; positive is a cost. The book is a snapshot: no refill after the trade.");
    out
}
