//! A liquidation cascade walked through an order book: a price shock crosses the liquidation
//! prices of leveraged positions, their forced orders walk the book, the new price crosses the
//! next ones, until no new position is liquidated.
//!
//! # The algorithm
//!
//! The synthesis of `shared/design/facts-2026.md` §9.3 (cascade literature: Cheng, Deng, Wang
//! and Yu 2021; Klages-Mundt and Minca's deleveraging spirals), with Binance's liquidation
//! process (§6.4):
//!
//! 1. **Ladder** ([`ladder()`]): open interest split long/short, spread over entry prices
//!    and a leverage mix; each cohort's liquidation price from the USDⓈ-M formula in the
//!    contract's first bracket ([`crate::leverage`]), its bankruptcy price
//!    `entry · (1 − Side / leverage)`.
//! 2. **Book**: the order book rescaled so its mid is the start price (prices times
//!    `start / mid`: the book's shape relative to its mid is what is kept), then stressed by
//!    the depth haircut ([`crate::depth_stress::stressed`]).
//! 3. **Shock**: the price moves from `start` to `start · (1 + shock)`; the resting orders the
//!    move traded through (bids above the shocked price for a fall, asks below it for a rise)
//!    are gone.
//! 4. **Rounds**: every cohort whose liquidation price the price has crossed (a long's at or
//!    above it, a short's at or below it) is liquidated, in the order the price reached them:
//!    its whole size is closed at market (a long sells into the bids, a short buys from the
//!    asks). Binance's engine fills what it can no worse than the bankruptcy price and the
//!    insurance fund takes over the rest at that price and closes it in the market (§6.4), so
//!    all of it walks the book; what is filled beyond the bankruptcy price is the insurance
//!    fund's loss, and a cohort the price has already carried past its bankruptcy price loses
//!    its whole margin, as Binance describes for small positions. What the book cannot fill at
//!    all is left to auto-deleveraging. The price after each order is that of the last level
//!    it traded.
//!    Between rounds, a share `replenishment` of the stressed book's depth is posted again at
//!    the same distances from the new price on the side that was hit.
//! 5. **Stop** ([`Stop`]): when no new cohort is crossed, after `max_rounds` rounds, or when
//!    the side hit is empty (and nothing replenishes it).
//!
//! Beside the cascade: [`liquidation_map`] (the ladder's notional by liquidation price) and
//! [`replay`] (a recorded price path, e.g. 2026-02-05/06, crossing the ladder).
//!
//! # Conventions
//!
//! - Prices in the quote currency; sizes in base units; open interest in quote units at the
//!   start price (Binance's open interest times the mark price).
//! - A cohort's liquidated notional is `size · liquidation price` (the notional when the mark
//!   crossed it); what the book absorbed is the quote value traded; the insurance fund's loss is
//!   `Σ q · (bankruptcy − p)` over the fills `(p, q)` beyond the bankruptcy price (the mirror
//!   for shorts); what is left to auto-deleveraging is the unfilled size times the bankruptcy
//!   price.
//! - `amplification = (final − start) / (shocked − start)`: how many times the shock alone the
//!   cascade moved the price (1 when nothing was liquidated or the book absorbed it all).
//! - The book is one snapshot: liquidity that reacts (other than the stated replenishment),
//!   funding, fees, the liquidation fee and auto-deleveraging are not modelled; cross-margined
//!   accounts are treated as isolated positions.

mod ladder;
mod map;
mod replay;

pub use ladder::{ladder, Cohort, Ladder, LadderInput, LeverageMix, LeverageMixPreset};
pub use map::{liquidation_map, MapBin};
pub use replay::{bar_path, replay, Mark, Ohlc, PathPoint, ReplayReport, ReplayStep};

use crate::depth_stress::{stressed, Haircut, HaircutError};
use crate::execution::mid_of;
use crate::leverage::{Bracket, LeverageError, Side};
use crate::order_book::{BookError, Level, OrderBook};
use ladder::check;

/// Rounds a cascade runs at most unless told otherwise.
pub const DEFAULT_MAX_ROUNDS: usize = 100;

/// Why a cascade cannot be simulated.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CascadeError {
    /// A number is not finite or out of its range.
    #[error("{field} must be {rule} (got {value})")]
    Input {
        /// The input's name.
        field: &'static str,
        /// Its value.
        value: f64,
        /// What it must be.
        rule: &'static str,
    },
    /// A leverage of the mix above what the bracket allows.
    #[error("leverage {leverage}x is above the contract's maximum of {maximum}x")]
    LeverageAboveMaximum {
        /// The leverage asked for.
        leverage: f64,
        /// The first bracket's maximum leverage.
        maximum: f64,
    },
    /// The liquidation price of a cohort does not exist (e.g. a bad bracket).
    #[error(transparent)]
    Leverage(#[from] LeverageError),
    /// The book cannot be traded against ([`OrderBook::validate`]).
    #[error("invalid book: {0}")]
    Book(#[from] BookError),
    /// The haircut is outside `[0, 1)` or its bands are bad.
    #[error(transparent)]
    Haircut(#[from] HaircutError),
}

/// Everything a cascade depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct CascadeInput {
    /// The order book (any venue's, live or recorded).
    pub book: OrderBook,
    /// Price before the shock; the book is rescaled to have this mid.
    pub start_price: f64,
    /// The exogenous move, a fraction: −0.05 is a 5 % fall. Above −1, not 0.
    pub shock: f64,
    /// Open interest in quote units at the start price, ≥ 0.
    pub open_interest: f64,
    /// Share of open interest that is long, `[0, 1]`.
    pub long_share: f64,
    /// Entry prices and weights (e.g. a volume profile); empty: all at the start price.
    pub entries: Vec<(f64, f64)>,
    /// Leverage mix.
    pub mix: LeverageMix,
    /// The contract's first maintenance-margin bracket.
    pub bracket: Bracket,
    /// Depth haircut applied to the book before the shock.
    pub haircut: Haircut,
    /// Share of the stressed book's depth posted again after each round, `[0, 1]`.
    pub replenishment: f64,
    /// Most rounds to run, ≥ 1.
    pub max_rounds: usize,
}

impl CascadeInput {
    /// The ladder the cascade starts from: its open interest, long share, start price,
    /// entries, mix and bracket.
    pub fn ladder_input(&self) -> LadderInput<'_> {
        LadderInput {
            open_interest: self.open_interest,
            long_share: self.long_share,
            start_price: self.start_price,
            entries: &self.entries,
            mix: &self.mix,
            bracket: &self.bracket,
        }
    }
}

/// One round of liquidations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Round {
    /// Price after the round's orders.
    pub price: f64,
    /// Cohorts liquidated.
    pub cohorts: usize,
    /// Long notional liquidated (size · liquidation price).
    pub liquidated_long: f64,
    /// Short notional liquidated.
    pub liquidated_short: f64,
    /// Quote value the book filled.
    pub absorbed: f64,
    /// The insurance fund's loss on fills beyond the bankruptcy prices (quote).
    pub insurance_loss: f64,
    /// Quote value the book could not fill (unfilled size · bankruptcy price), left to
    /// auto-deleveraging.
    pub to_adl: f64,
}

/// Why the cascade stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// No cohort's liquidation price was crossed by the last price.
    Settled,
    /// Cohorts were still crossed after the round limit.
    RoundLimit,
    /// The side hit ran out of orders (the price would have fallen further).
    BookExhausted,
}

/// What the cascade did.
#[derive(Debug, Clone, PartialEq)]
pub struct CascadeReport {
    /// Price before the shock.
    pub start_price: f64,
    /// `start · (1 + shock)`.
    pub shocked_price: f64,
    /// Price after the last round (the shocked price if nothing was liquidated).
    pub final_price: f64,
    /// Each round, in order.
    pub rounds: Vec<Round>,
    /// Long notional liquidated in all.
    pub liquidated_long: f64,
    /// Short notional liquidated in all.
    pub liquidated_short: f64,
    /// Base units liquidated in all.
    pub liquidated_base: f64,
    /// Open interest in base units (`open_interest / start_price`).
    pub open_interest_base: f64,
    /// Quote value the book filled in all.
    pub absorbed: f64,
    /// The insurance fund's loss in all.
    pub insurance_loss: f64,
    /// Quote value left to auto-deleveraging in all.
    pub to_adl: f64,
    /// `(final − start) / (shocked − start)`.
    pub amplification: f64,
    /// Why it stopped.
    pub stop: Stop,
    /// Share of the long side's weight dropped as already liquidated at the start price.
    pub dropped_long: f64,
    /// The same for shorts.
    pub dropped_short: f64,
}

impl CascadeReport {
    /// Start price, shocked price, then the price after each round.
    pub fn price_path(&self) -> Vec<f64> {
        [self.start_price, self.shocked_price]
            .into_iter()
            .chain(self.rounds.iter().map(|r| r.price))
            .collect()
    }
}

/// One side of the book as the cascade consumes it: levels best first, those before `next`
/// gone.
struct Resting {
    levels: Vec<Level>,
    next: usize,
    /// `(distance from the stressed mid, quantity)` of the stressed book, to replenish from.
    profile: Vec<Level>,
    /// −1 for bids (prices below the mid), +1 for asks.
    direction: f64,
}

impl Resting {
    fn new(levels: &[Level], mid: f64, direction: f64) -> Self {
        let profile = levels
            .iter()
            .map(|&(p, q)| (direction * (p / mid - 1.0), q))
            .collect();
        Self {
            levels: levels.to_vec(),
            next: 0,
            profile,
            direction,
        }
    }

    /// Drops the levels the move to `to` traded through: bids above it, asks below it.
    fn trade_through(&mut self, to: f64) {
        while self.next < self.levels.len()
            && self.direction * (self.levels[self.next].0 - to) < 0.0
        {
            self.next += 1;
        }
    }

    /// A market order of `size` base units, the levels best first: `(unfilled base, filled
    /// quote, loss beyond `bankruptcy`, last price traded)`, the loss `Σ q · (bankruptcy − p)`
    /// for a sell and `Σ q · (p − bankruptcy)` for a buy over the fills beyond it. The
    /// unfilled size is exactly 0 unless the side ran out.
    fn take(&mut self, mut size: f64, bankruptcy: f64) -> (f64, f64, f64, Option<f64>) {
        let (mut quote, mut loss, mut last) = (0.0, 0.0, None);
        while size > 0.0 && self.next < self.levels.len() {
            let (price, quantity) = self.levels[self.next];
            let take = quantity.min(size);
            if take > 0.0 {
                quote += take * price;
                loss += take * (self.direction * (price - bankruptcy)).max(0.0);
                size -= take;
                last = Some(price);
            }
            if take >= quantity {
                self.next += 1;
            } else {
                self.levels[self.next].1 = quantity - take;
            }
        }
        (size.max(0.0), quote, loss, last)
    }

    /// Posts `share` of the stressed book's depth again at the same distances from `price`.
    fn replenish(&mut self, price: f64, share: f64) {
        let fresh = self
            .profile
            .iter()
            .map(|&(d, q)| (price * (1.0 + self.direction * d), q * share));
        let rest = &self.levels[self.next..];
        let mut merged = Vec::with_capacity(rest.len() + self.profile.len());
        let mut rest = rest.iter().copied().peekable();
        let mut fresh = fresh.peekable();
        // Both lists are best first; best is the price furthest in `−direction`.
        loop {
            let pick_rest = match (rest.peek(), fresh.peek()) {
                (Some(a), Some(b)) => self.direction * (a.0 - b.0) <= 0.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if pick_rest { rest.next() } else { fresh.next() });
        }
        self.levels = merged;
        self.next = 0;
    }
}

/// Simulates the cascade (see the module documentation for the algorithm and conventions).
///
/// The loop ends: each round liquidates at least one cohort and none twice, so it runs at most
/// `min(max_rounds, cohorts)` rounds.
///
/// # Errors
/// [`CascadeError`] for an invalid book, haircut, number or leverage mix.
pub fn simulate(input: &CascadeInput) -> Result<CascadeReport, CascadeError> {
    check(
        "start price",
        input.start_price,
        input.start_price > 0.0,
        "above 0",
    )?;
    check(
        "shock",
        input.shock,
        input.shock > -1.0 && input.shock != 0.0,
        "above -1 and not 0",
    )?;
    check(
        "replenishment",
        input.replenishment,
        (0.0..=1.0).contains(&input.replenishment),
        "between 0 and 1",
    )?;
    check(
        "round limit",
        input.max_rounds as f64,
        input.max_rounds >= 1,
        "1 or more",
    )?;
    let shocked = input.start_price * (1.0 + input.shock);
    check(
        "shock",
        input.shock,
        shocked > 0.0 && shocked != input.start_price,
        "large enough to move the price",
    )?;
    input.book.validate()?;
    let factor = input.start_price / mid_of(&input.book);
    let rescale = |levels: &[Level]| levels.iter().map(|&(p, q)| (p * factor, q)).collect();
    let rescaled = OrderBook {
        bids: rescale(&input.book.bids),
        asks: rescale(&input.book.asks),
    };
    // A positive factor keeps the order; only an extreme one can overflow or underflow.
    let extremes = [
        rescaled.bids.first(),
        rescaled.bids.last(),
        rescaled.asks.first(),
        rescaled.asks.last(),
    ];
    if extremes
        .into_iter()
        .flatten()
        .any(|&(p, _)| !(p.is_finite() && p > 0.0))
    {
        return Err(CascadeError::Input {
            field: "start price",
            value: input.start_price,
            rule: "within the range the book's prices can be rescaled to",
        });
    }
    let book = stressed(&rescaled, &input.haircut)?;
    let ladder = ladder(&input.ladder_input())?;
    let mid = mid_of(&book);
    let mut bids = Resting::new(&book.bids, mid, -1.0);
    let mut asks = Resting::new(&book.asks, mid, 1.0);
    if input.shock < 0.0 {
        bids.trade_through(shocked);
    } else {
        asks.trade_through(shocked);
    }
    // Longs in the order a fall reaches them (highest liquidation price first), shorts in the
    // order a rise does.
    let mut longs: Vec<Cohort> = ladder
        .cohorts
        .iter()
        .filter(|c| c.side == Side::Long)
        .copied()
        .collect();
    longs.sort_by(|a, b| b.liquidation.total_cmp(&a.liquidation));
    let mut shorts: Vec<Cohort> = ladder
        .cohorts
        .iter()
        .filter(|c| c.side == Side::Short)
        .copied()
        .collect();
    shorts.sort_by(|a, b| a.liquidation.total_cmp(&b.liquidation));

    let mut price = shocked;
    let (mut next_long, mut next_short) = (0, 0);
    let mut rounds = Vec::new();
    let stop = loop {
        let long_end = next_long
            + longs[next_long..]
                .iter()
                .take_while(|c| c.liquidation >= price)
                .count();
        let short_end = next_short
            + shorts[next_short..]
                .iter()
                .take_while(|c| c.liquidation <= price)
                .count();
        if long_end == next_long && short_end == next_short {
            break Stop::Settled;
        }
        if rounds.len() == input.max_rounds {
            break Stop::RoundLimit;
        }
        let mut round = Round::default();
        let mut ran_out = false;
        for (cohorts, side) in [
            (&longs[next_long..long_end], &mut bids),
            (&shorts[next_short..short_end], &mut asks),
        ] {
            for cohort in cohorts {
                let (unfilled, quote, loss, last) = side.take(cohort.size, cohort.bankruptcy);
                let notional = cohort.size * cohort.liquidation;
                match cohort.side {
                    Side::Long => round.liquidated_long += notional,
                    Side::Short => round.liquidated_short += notional,
                }
                round.absorbed += quote;
                round.insurance_loss += loss;
                round.to_adl += unfilled * cohort.bankruptcy;
                round.cohorts += 1;
                if let Some(last) = last {
                    price = last;
                }
                ran_out |= unfilled > 0.0;
            }
        }
        let hit_bids = long_end > next_long;
        let hit_asks = short_end > next_short;
        next_long = long_end;
        next_short = short_end;
        round.price = price;
        rounds.push(round);
        if input.replenishment > 0.0 {
            if hit_bids {
                bids.replenish(price, input.replenishment);
            }
            if hit_asks {
                asks.replenish(price, input.replenishment);
            }
        } else if ran_out {
            break Stop::BookExhausted;
        }
    };

    let sum = |f: fn(&Round) -> f64| rounds.iter().map(f).sum::<f64>();
    let liquidated_base = longs[..next_long]
        .iter()
        .chain(&shorts[..next_short])
        .map(|c| c.size)
        .sum();
    Ok(CascadeReport {
        start_price: input.start_price,
        shocked_price: shocked,
        final_price: price,
        liquidated_long: sum(|r| r.liquidated_long),
        liquidated_short: sum(|r| r.liquidated_short),
        liquidated_base,
        open_interest_base: input.open_interest / input.start_price,
        absorbed: sum(|r| r.absorbed),
        insurance_loss: sum(|r| r.insurance_loss),
        to_adl: sum(|r| r.to_adl),
        amplification: (price - input.start_price) / (shocked - input.start_price),
        rounds,
        stop,
        dropped_long: ladder.dropped_long,
        dropped_short: ladder.dropped_short,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// Mid 100; longs opened at 100 and 99.8 at 100×, 10 base each (open interest 2,000 at
    /// 100), maintenance rate 0.4 %: liquidation prices 99/0.996 = 99.39759… and
    /// 98.802/0.996 = 99.19879…, bankruptcy prices 99 and 98.802.
    fn by_hand() -> CascadeInput {
        CascadeInput {
            book: OrderBook {
                bids: vec![
                    (99.8, 5.0),
                    (99.3, 4.0),
                    (99.1, 3.0),
                    (98.9, 20.0),
                    (97.0, 100.0),
                ],
                asks: vec![(100.2, 5.0), (101.0, 50.0)],
            },
            start_price: 100.0,
            shock: -0.0065,
            open_interest: 2_000.0,
            long_share: 1.0,
            entries: vec![(100.0, 1.0), (99.8, 1.0)],
            mix: LeverageMix {
                buckets: vec![(100.0, 1.0)],
            },
            bracket: Bracket {
                notional_floor: 0.0,
                notional_cap: 50_000.0,
                max_leverage: 125.0,
                maintenance_rate: 0.004,
                maintenance_amount: 0.0,
            },
            haircut: Haircut::Flat(0.0),
            replenishment: 0.0,
            max_rounds: DEFAULT_MAX_ROUNDS,
        }
    }

    #[test]
    fn a_cascade_computed_by_hand() {
        // The shock to 99.35 trades through the bid at 99.8 and crosses the first cohort
        // (99.3976): it sells 10: 4 at 99.3, 3 at 99.1 and 3 at 98.9, below its bankruptcy
        // price 99 (the insurance fund loses 3 · 0.1). The price, 98.9, crosses the second
        // (99.1988): it sells 10 at 98.9, above its bankruptcy price 98.802.
        let r = simulate(&by_hand()).expect("simulates");
        assert_eq!(r.stop, Stop::Settled);
        assert_eq!(r.rounds.len(), 2);
        assert!(near(r.shocked_price, 99.35));
        let path = r.price_path();
        assert_eq!(path.len(), 4);
        assert!(near(path[2], 98.9) && near(path[3], 98.9) && near(r.final_price, 98.9));
        assert!(near(
            r.rounds[0].absorbed,
            4.0 * 99.3 + 3.0 * 99.1 + 3.0 * 98.9
        ));
        assert!(near(r.rounds[0].insurance_loss, 3.0 * 0.1));
        assert!(near(r.rounds[0].liquidated_long, 10.0 * 99.0 / 0.996));
        assert!(near(r.rounds[1].absorbed, 989.0) && r.rounds[1].insurance_loss == 0.0);
        assert!(near(r.liquidated_long, 10.0 * (99.0 + 98.802) / 0.996));
        assert!(r.liquidated_short == 0.0 && near(r.liquidated_base, 20.0));
        assert!(near(r.absorbed, 397.2 + 297.3 + 296.7 + 989.0) && r.to_adl == 0.0);
        assert!(near(r.amplification, 1.1 / 0.65));
        assert!(r.dropped_long == 0.0 && r.dropped_short == 0.0);
    }

    #[test]
    fn the_round_limit_stops_it() {
        let r = simulate(&CascadeInput {
            max_rounds: 1,
            ..by_hand()
        })
        .expect("simulates");
        assert_eq!(r.stop, Stop::RoundLimit);
        assert_eq!(r.rounds.len(), 1);
        assert!(near(r.liquidated_base, 10.0));
    }

    #[test]
    fn an_empty_side_stops_it() {
        // 7 base of bids below the shocked price: the first cohort's last 3 find nothing.
        let mut input = by_hand();
        input.book.bids = vec![(99.8, 5.0), (99.3, 4.0), (99.1, 3.0)];
        let r = simulate(&input).expect("simulates");
        assert_eq!(r.stop, Stop::BookExhausted);
        assert_eq!(r.rounds.len(), 1);
        assert!(near(r.to_adl, 3.0 * 99.0) && near(r.final_price, 99.1));
    }

    #[test]
    fn replenished_depth_is_posted_again_from_the_new_price() {
        // Only 5 at 98.9 before 97: without replenishment the second cohort takes the 2 left
        // at 98.9 and 8 at 97. With the whole book posted again after round 1 at its distances
        // from the mid 100 (0.2 %: 5, 0.7 %: 4, …) below 98.9, it takes 2 at 98.9, 5 at
        // 98.9 · 0.998 and 3 at 98.9 · 0.993.
        let mut input = by_hand();
        input.book.bids = vec![
            (99.8, 5.0),
            (99.3, 4.0),
            (99.1, 3.0),
            (98.9, 5.0),
            (97.0, 100.0),
        ];
        let thin = simulate(&input).expect("simulates");
        assert!(near(thin.final_price, 97.0));
        assert!(near(thin.rounds[1].insurance_loss, 8.0 * (98.802 - 97.0)));
        input.replenishment = 1.0;
        let r = simulate(&input).expect("simulates");
        assert_eq!(r.rounds.len(), 2);
        let (second, third) = (98.9 * 0.998, 98.9 * 0.993);
        assert!(near(
            r.rounds[1].absorbed,
            2.0 * 98.9 + 5.0 * second + 3.0 * third
        ));
        assert!(near(r.final_price, third));
    }

    #[test]
    fn shorts_are_squeezed_by_a_rise_the_same_way() {
        // The mirror: shorts at 100 and 100.2 at 100×, asks mirrored around 100.
        let mut input = by_hand();
        input.long_share = 0.0;
        input.entries = vec![(100.0, 1.0), (100.2, 1.0)];
        input.book = OrderBook {
            bids: vec![(99.8, 5.0), (99.0, 50.0)],
            asks: vec![
                (100.2, 5.0),
                (100.7, 4.0),
                (100.9, 3.0),
                (101.1, 20.0),
                (103.0, 100.0),
            ],
        };
        input.shock = 0.0065;
        let r = simulate(&input).expect("simulates");
        // First cohort: LP 101/1.004 = 100.5976, bankruptcy 101; second: LP 101.202/1.004.
        assert_eq!(r.rounds.len(), 2);
        assert!(near(
            r.rounds[0].absorbed,
            4.0 * 100.7 + 3.0 * 100.9 + 3.0 * 101.1
        ));
        assert!(near(r.rounds[0].insurance_loss, 3.0 * 0.1));
        assert!(near(r.final_price, 101.1));
        assert!(near(r.liquidated_short, 10.0 * (101.0 + 101.202) / 1.004));
        assert!(r.liquidated_long == 0.0);
        assert!(near(r.amplification, 1.1 / 0.65));
    }

    #[test]
    fn the_book_is_rescaled_to_the_start_price() {
        // The same book and positions at ten times the prices give ten times the prices.
        let base = simulate(&by_hand()).expect("simulates");
        let mut input = by_hand();
        input.start_price = 1_000.0;
        input.open_interest = 20_000.0;
        input.entries = vec![(1_000.0, 1.0), (998.0, 1.0)];
        let r = simulate(&input).expect("simulates");
        assert!(near(r.final_price, 10.0 * base.final_price));
        assert!(near(r.liquidated_long, 10.0 * base.liquidated_long));
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let with = |f: fn(&mut CascadeInput)| {
            let mut input = by_hand();
            f(&mut input);
            simulate(&input)
        };
        assert!(matches!(
            with(|i| i.shock = 0.0),
            Err(CascadeError::Input { field: "shock", .. })
        ));
        assert!(matches!(
            with(|i| i.shock = -1.0),
            Err(CascadeError::Input { field: "shock", .. })
        ));
        assert!(matches!(
            with(|i| i.start_price = f64::NAN),
            Err(CascadeError::Input {
                field: "start price",
                ..
            })
        ));
        assert!(matches!(
            with(|i| i.replenishment = 2.0),
            Err(CascadeError::Input {
                field: "replenishment",
                ..
            })
        ));
        assert!(matches!(
            with(|i| i.max_rounds = 0),
            Err(CascadeError::Input {
                field: "round limit",
                ..
            })
        ));
        assert!(matches!(
            with(|i| i.book.bids.clear()),
            Err(CascadeError::Book(_))
        ));
        assert!(matches!(
            with(|i| i.book.asks = vec![(99.0, 1.0)]),
            Err(CascadeError::Book(BookError::Crossed { .. }))
        ));
        assert!(matches!(
            with(|i| i.haircut = Haircut::Flat(1.0)),
            Err(CascadeError::Haircut(_))
        ));
        let message = with(|i| i.long_share = -0.1)
            .expect_err("refused")
            .to_string();
        assert_eq!(message, "long share must be between 0 and 1 (got -0.1)");
    }
}
