//! Executing against an order book: market orders of a size in base or quote units, depth
//! within bands, the largest size that stays within a slippage limit, and the exit of one
//! position ([`exit_estimate`]: cost now and on books stressed by
//! [`crate::depth_stress`]'s presets, days to exit from [`crate::illiquidity`]). The book is
//! checked by [`OrderBook::validate`].
//!
//! Conventions (the same as [`crate::liquidity`]):
//! - Prices in the quote currency, quantities in base units, levels best first.
//! - `mid = (best bid + best ask) / 2`; slippage is measured from the mid, so it includes half
//!   the spread.
//! - `slippage_bps = (avg_price / mid − 1) · 10⁴` for a buy and `(1 − avg_price / mid) · 10⁴`
//!   for a sell: signed so that a cost is positive on both sides.
//! - A book is a snapshot: nothing here models liquidity that refills after a trade, hidden
//!   orders or other traders reacting.

use crate::depth_stress::{stressed, HaircutPreset};
use crate::illiquidity::days_to_exit;
use crate::liquidity::{depth_within, Top};
use crate::order_book::{BookError, Level, OrderBook};

/// The usual depth bands: ±0.5 %, ±1 %, ±2 % and ±5 % of the mid, as fractions.
pub const DEPTH_BANDS: [f64; 4] = [0.005, 0.01, 0.02, 0.05];

/// The direction of a market order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sell base for quote: takes the bids, best (highest) first.
    Sell,
    /// Buy base with quote: takes the asks, best (lowest) first.
    Buy,
}

impl Side {
    /// The side of the book this order takes.
    pub fn levels(self, book: &OrderBook) -> &[Level] {
        match self {
            Self::Sell => &book.bids,
            Self::Buy => &book.asks,
        }
    }

    /// `+1` for a buy, `−1` for a sell: `sign · (avg / mid − 1)` is a cost on both sides.
    fn sign(self) -> f64 {
        match self {
            Self::Buy => 1.0,
            Self::Sell => -1.0,
        }
    }
}

/// The size of a market order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Size {
    /// Base units to sell or buy.
    Base(f64),
    /// Quote units to receive (sell) or spend (buy), at the prices of the levels taken.
    Quote(f64),
}

impl Size {
    fn amount(self) -> f64 {
        match self {
            Self::Base(q) | Self::Quote(q) => q,
        }
    }
}

/// Why a market order could not be priced.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ExecutionError {
    /// The book is not valid ([`OrderBook::validate`]).
    #[error("invalid book: {0}")]
    Book(#[from] BookError),
    /// The order size is zero, negative, infinite or NaN.
    #[error("order size {0} is not a positive finite number")]
    BadSize(f64),
    /// A slippage limit is negative or not finite.
    #[error("slippage limit {0} bps is not a non-negative finite number")]
    BadLimit(f64),
}

/// What a market order does against a book.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// The order's direction.
    pub side: Side,
    /// The size asked for.
    pub requested: Size,
    /// Mid price before the order.
    pub mid: f64,
    /// `filled_quote / filled_base`.
    pub avg_price: f64,
    /// `(avg_price / mid − 1) · 10⁴` for a buy, `(1 − avg_price / mid) · 10⁴` for a sell:
    /// positive when the order costs against the mid (half the spread included).
    pub slippage_bps: f64,
    /// Levels something was taken from (the last one possibly in part).
    pub levels_consumed: usize,
    /// The price of the last (worst) level taken from.
    pub worst_price: f64,
    /// Base units traded: `Σ qᵢ` over the quantities taken.
    pub filled_base: f64,
    /// Quote units traded: `Σ pᵢ · qᵢ`.
    pub filled_quote: f64,
    /// What was not filled, in base units: exact for a base-size order
    /// (`requested − filled_base`); for a quote-size order the unfilled quote divided by the
    /// mid (it has no price in the book). Zero unless [`Fill::exhausted`].
    pub unfilled_base: f64,
    /// What was not filled, in quote units: exact for a quote-size order
    /// (`requested − filled_quote`); for a base-size order the unfilled base times the mid.
    pub unfilled_quote: f64,
    /// Whether the side ran out before the order was filled.
    pub exhausted: bool,
}

impl Fill {
    /// Slippage cost in quote units against trading the filled size at the mid:
    /// `s · (filled_quote − filled_base · mid)` with `s = +1` for a buy and `−1` for a sell, so
    /// positive is a cost, like [`Fill::slippage_bps`].
    pub fn cost_quote(&self) -> f64 {
        self.side.sign() * (self.filled_quote - self.filled_base * self.mid)
    }
}

/// A market order of `size` on `side`, walking the levels best first.
///
/// # Formula
/// Levels are taken whole while the size lasts, the last one in part: for a base size `Q`,
/// `qᵢ = min(levelᵢ, Q − Σ_{j<i} qⱼ)`; for a quote size `V`, each level's quote `pᵢ·levelᵢ` is
/// taken whole or in part up to `V`, so `qᵢ = min(levelᵢ, (V − Σ_{j<i} pⱼqⱼ) / pᵢ)`.
/// `avg_price = Σ pᵢqᵢ / Σ qᵢ`; slippage as in [`Fill::slippage_bps`]. When the side runs out
/// the fill is what the book holds and [`Fill::exhausted`] is set, with the remainder in
/// `unfilled_base`/`unfilled_quote`.
///
/// # Errors
/// [`ExecutionError::Book`] for an invalid book, [`ExecutionError::BadSize`] for a size that
/// is not positive and finite.
pub fn market_order(book: &OrderBook, side: Side, size: Size) -> Result<Fill, ExecutionError> {
    book.validate()?;
    fill_valid(book, side, size)
}

/// A slippage curve: [`market_order`] for each size, the book validated once.
///
/// # Errors
/// As [`market_order`], for the book or the first bad size.
pub fn slippage_curve(
    book: &OrderBook,
    side: Side,
    sizes: &[Size],
) -> Result<Vec<Fill>, ExecutionError> {
    book.validate()?;
    sizes.iter().map(|&s| fill_valid(book, side, s)).collect()
}

pub(crate) fn mid_of(book: &OrderBook) -> f64 {
    Top::of(book).map_or(f64::NAN, Top::mid)
}

/// [`market_order`] on a book already validated.
fn fill_valid(book: &OrderBook, side: Side, size: Size) -> Result<Fill, ExecutionError> {
    let amount = size.amount();
    if !(amount.is_finite() && amount > 0.0) {
        return Err(ExecutionError::BadSize(amount));
    }
    let mid = mid_of(book);
    let levels = side.levels(book);
    let (mut left, mut base, mut quote, mut consumed, mut worst) =
        (amount, 0.0, 0.0, 0, levels[0].0);
    for &(price, quantity) in levels {
        if left <= 0.0 {
            break;
        }
        if quantity <= 0.0 {
            continue;
        }
        let take = match size {
            Size::Base(_) => {
                if quantity >= left {
                    let take = left;
                    left = 0.0;
                    take
                } else {
                    left -= quantity;
                    quantity
                }
            }
            Size::Quote(_) => {
                let level_quote = price * quantity;
                if level_quote >= left {
                    let take = left / price;
                    left = 0.0;
                    take
                } else {
                    left -= level_quote;
                    quantity
                }
            }
        };
        base += take;
        quote += take * price;
        consumed += 1;
        worst = price;
    }
    let avg_price = quote / base;
    let (unfilled_base, unfilled_quote) = match size {
        Size::Base(_) => (left, left * mid),
        Size::Quote(_) => (left / mid, left),
    };
    Ok(Fill {
        side,
        requested: size,
        mid,
        avg_price,
        slippage_bps: side.sign() * (avg_price / mid - 1.0) * 1e4,
        levels_consumed: consumed,
        worst_price: worst,
        filled_base: base,
        filled_quote: quote,
        unfilled_base,
        unfilled_quote,
        exhausted: left > 0.0,
    })
}

/// Quote notional resting within a band of the mid on each side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandDepth {
    /// Half-width of the band as a fraction of the mid (0.02 for ±2 %).
    pub fraction: f64,
    /// `Σ p·q` of bids priced at or above `mid · (1 − fraction)`.
    pub bids_quote: f64,
    /// `Σ p·q` of asks priced at or below `mid · (1 + fraction)`.
    pub asks_quote: f64,
}

/// [`depth_within`] for each band of `fractions` (e.g. [`DEPTH_BANDS`]) on a validated book.
///
/// # Errors
/// [`BookError`] for an invalid book.
pub fn depth_bands(book: &OrderBook, fractions: &[f64]) -> Result<Vec<BandDepth>, BookError> {
    book.validate()?;
    Ok(fractions
        .iter()
        .map(|&fraction| {
            let (bids_quote, asks_quote) = depth_within(book, fraction).unwrap_or((0.0, 0.0));
            BandDepth {
                fraction,
                bids_quote,
                asks_quote,
            }
        })
        .collect())
}

/// The largest order that stays within a slippage limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxSize {
    /// Base units.
    pub base: f64,
    /// Quote units at the fill's prices.
    pub quote: f64,
    /// Whether the whole side fits within the limit (the book, not the limit, is the bound).
    pub whole_side: bool,
}

/// The largest base size whose market order on `side` has `slippage_bps ≤ limit_bps`, by an
/// exact walk of the levels.
///
/// # Formula
/// Let `target = mid · (1 + limit/10⁴)` for a buy, `mid · (1 − limit/10⁴)` for a sell. The
/// average price only worsens with size, so levels are taken whole while the average stays
/// within `target`; in the level `(p, q)` that would cross it, with `Q, C` the base and quote
/// of the levels before, the size is `Q + x`, `x = (C − target · Q) / (target − p)`, which
/// solves `(C + p·x) / (Q + x) = target`. When even the best level is worse than the limit
/// (half the spread exceeds it), the answer is 0.
///
/// # Errors
/// [`ExecutionError::Book`] for an invalid book, [`ExecutionError::BadLimit`] for a negative
/// or non-finite limit.
pub fn max_size_within(
    book: &OrderBook,
    side: Side,
    limit_bps: f64,
) -> Result<MaxSize, ExecutionError> {
    book.validate()?;
    if !(limit_bps.is_finite() && limit_bps >= 0.0) {
        return Err(ExecutionError::BadLimit(limit_bps));
    }
    let target = mid_of(book) * (1.0 + side.sign() * limit_bps / 1e4);
    let worse = |p: f64| match side {
        Side::Buy => p > target,
        Side::Sell => p < target,
    };
    let (mut base, mut quote) = (0.0, 0.0);
    for &(p, q) in side.levels(book) {
        if q <= 0.0 {
            continue;
        }
        if worse(p) {
            // Average of the levels so far is within target; this level would take it past
            // target once x exceeds the solution below (x ≥ 0, and < q if the whole level
            // does not fit).
            let x = ((quote - target * base) / (target - p)).max(0.0);
            if x < q {
                return Ok(MaxSize {
                    base: base + x,
                    quote: quote + p * x,
                    whole_side: false,
                });
            }
        }
        base += q;
        quote += p * q;
    }
    Ok(MaxSize {
        base,
        quote,
        whole_side: true,
    })
}

/// What exiting a position would cost: now, on the book stressed by each preset, how long at a
/// share of the daily volume, and how much exits within a slippage limit.
#[derive(Debug, Clone, PartialEq)]
pub struct ExitEstimate {
    /// A market sell of the whole position on the book as it is.
    pub now: Fill,
    /// The same sell on the book stressed by each of [`HaircutPreset::ALL`], in that order.
    pub stressed: Vec<(HaircutPreset, Fill)>,
    /// [`days_to_exit`] of the position at `participation` of the average daily volume
    /// (`None` for a volume or participation out of range).
    pub days_to_exit: Option<f64>,
    /// The largest sell within the slippage limit, on the book as it is ([`max_size_within`]).
    pub max_within_limit: MaxSize,
}

/// The exit of a long position of `position_base` (sold into the bids): [`ExitEstimate`].
/// `adv_base` is the average daily volume in base units, `participation` the share of it the
/// exit may take each day, `limit_bps` the slippage limit for the largest immediate sale.
///
/// # Errors
/// As [`market_order`] (invalid book, position not positive and finite) and
/// [`max_size_within`] (bad limit).
pub fn exit_estimate(
    book: &OrderBook,
    position_base: f64,
    adv_base: f64,
    participation: f64,
    limit_bps: f64,
) -> Result<ExitEstimate, ExecutionError> {
    let size = Size::Base(position_base);
    let now = market_order(book, Side::Sell, size)?;
    let stressed = HaircutPreset::ALL
        .iter()
        .map(|&preset| {
            let thin = stressed(book, &preset.haircut())
                .unwrap_or_else(|e| unreachable!("presets are valid haircuts: {e}"));
            fill_valid(&thin, Side::Sell, size).map(|fill| (preset, fill))
        })
        .collect::<Result<_, _>>()?;
    Ok(ExitEstimate {
        now,
        stressed,
        days_to_exit: days_to_exit(position_base, adv_base, participation),
        max_within_limit: max_size_within(book, Side::Sell, limit_bps)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::order_book::worked_example as book;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn sell_across_levels_with_a_partial_last_level() {
        // 2.5 base: 1 at 99, 1.5 at 98 → 246 / 2.5 = 98.4; (1 − 0.984)·10⁴ = 160 bps.
        let f = market_order(&book(), Side::Sell, Size::Base(2.5)).expect("valid");
        assert!(near(f.avg_price, 98.4) && near(f.slippage_bps, 160.0));
        assert_eq!((f.levels_consumed, f.worst_price), (2, 98.0));
        assert!(near(f.filled_base, 2.5) && near(f.filled_quote, 246.0));
        assert_eq!((f.unfilled_base, f.exhausted), (0.0, false));
        assert!(near(f.cost_quote(), 4.0));
    }

    #[test]
    fn buy_across_levels() {
        // 3 base: 1 at 101, 2 at 103 → 307 / 3; slippage (307/300 − 1)·10⁴ = 233.33… bps.
        let f = market_order(&book(), Side::Buy, Size::Base(3.0)).expect("valid");
        assert!(near(f.avg_price, 307.0 / 3.0));
        assert!(near(f.slippage_bps, 70.0 / 0.3));
        assert_eq!(f.levels_consumed, 2);
        assert!(near(f.cost_quote(), 7.0));
    }

    #[test]
    fn exhaustion_reports_the_remainder() {
        // 20 base into 13 resting: fills 13 for 1,195, 7 left.
        let f = market_order(&book(), Side::Sell, Size::Base(20.0)).expect("valid");
        assert!(f.exhausted);
        assert_eq!(f.levels_consumed, 3);
        assert!(near(f.filled_base, 13.0) && near(f.filled_quote, 1195.0));
        assert!(near(f.unfilled_base, 7.0) && near(f.unfilled_quote, 700.0));
        assert!(near(f.avg_price, 1195.0 / 13.0));
    }

    #[test]
    fn quote_size_orders() {
        // Buy for 513 quote: 101 + 412 → exactly the first two levels, 5 base.
        let f = market_order(&book(), Side::Buy, Size::Quote(513.0)).expect("valid");
        assert!(near(f.filled_base, 5.0) && near(f.avg_price, 102.6) && !f.exhausted);
        // Sell for 148 quote: 99 from the first level, 49 / 98 = 0.5 from the second.
        let f = market_order(&book(), Side::Sell, Size::Quote(148.0)).expect("valid");
        assert!(near(f.filled_base, 1.5) && near(f.filled_quote, 148.0));
        assert_eq!(f.levels_consumed, 2);
        // Buy for 1,000 quote: the asks hold 633; 367 left, 3.67 base at the mid.
        let f = market_order(&book(), Side::Buy, Size::Quote(1000.0)).expect("valid");
        assert!(f.exhausted && near(f.unfilled_quote, 367.0) && near(f.unfilled_base, 3.67));
    }

    #[test]
    fn bad_sizes_are_typed() {
        for size in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                market_order(&book(), Side::Sell, Size::Base(size)),
                Err(ExecutionError::BadSize(_))
            ));
            assert!(matches!(
                market_order(&book(), Side::Buy, Size::Quote(size)),
                Err(ExecutionError::BadSize(_))
            ));
        }
    }

    #[test]
    fn depth_in_bands() {
        let d = depth_bands(&book(), &DEPTH_BANDS).expect("valid");
        assert_eq!(d.len(), 4);
        assert_eq!((d[2].bids_quote, d[2].asks_quote), (295.0, 101.0));
        assert_eq!((d[3].bids_quote, d[3].asks_quote), (295.0, 513.0));
        assert_eq!((d[0].bids_quote, d[0].asks_quote), (0.0, 0.0));
    }

    #[test]
    fn max_size_within_a_limit_by_hand() {
        // Sell, 160 bps: target 98.4; the first level (99) fits, then in 98:
        // x = (99 − 98.4·1) / (98.4 − 98) = 1.5 → 2.5 base (the 2.5 sale above costs 160 bps).
        let m = max_size_within(&book(), Side::Sell, 160.0).expect("valid");
        assert!(near(m.base, 2.5) && near(m.quote, 246.0) && !m.whole_side);
        let f = market_order(&book(), Side::Sell, Size::Base(m.base)).expect("valid");
        assert!(near(f.slippage_bps, 160.0));
        // Below half the spread (100 bps) nothing fits.
        assert_eq!(
            max_size_within(&book(), Side::Buy, 50.0)
                .expect("valid")
                .base,
            0.0
        );
        // A huge limit takes the whole side.
        let m = max_size_within(&book(), Side::Buy, 1e6).expect("valid");
        assert!(m.whole_side && near(m.base, 6.0));
        assert!(matches!(
            max_size_within(&book(), Side::Buy, f64::NAN),
            Err(ExecutionError::BadLimit(_))
        ));
    }

    #[test]
    fn exit_estimate_by_hand() {
        // Sell 2.5 (the 160 bps sale above); ADV 5 at 10 % → 5 days; within 160 bps: 2.5.
        let e = exit_estimate(&book(), 2.5, 5.0, 0.1, 160.0).expect("valid");
        assert!(near(e.now.slippage_bps, 160.0));
        assert_eq!(e.days_to_exit, Some(5.0));
        assert!(near(e.max_within_limit.base, 2.5));
        // Crash hour (50 %): bids 99 × 0.5, 98 × 1, 90 × 5 → (49.5 + 98 + 90) / 2.5 = 95.
        assert_eq!(e.stressed.len(), 3);
        let (preset, crash) = e.stressed[1];
        assert_eq!(preset, HaircutPreset::CrashHour);
        assert!(near(crash.avg_price, 95.0) && near(crash.slippage_bps, 500.0));
        // Costs rise with the severity of the preset here.
        assert!(e
            .stressed
            .windows(2)
            .all(|w| w[0].1.slippage_bps <= w[1].1.slippage_bps));
        assert!(e.now.slippage_bps <= e.stressed[0].1.slippage_bps);
        assert!(matches!(
            exit_estimate(&book(), -1.0, 5.0, 0.1, 160.0),
            Err(ExecutionError::BadSize(_))
        ));
    }
}
