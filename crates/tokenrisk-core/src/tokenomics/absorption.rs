//! Whether the market can absorb new supply: the steps in a schedule's daily new supply
//! (halvings, rate changes, the start or end of an unlock), the new supply and the assumed
//! selling over a window, and that selling against the average daily volume and the order
//! book.

use super::SupplyDay;
use crate::execution::{market_order, Fill, Side, Size};
use crate::illiquidity::days_to_exit;
use crate::order_book::OrderBook;
use crate::time::Date;

/// A day on which the daily new supply (emission + unlocked) steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupplyEvent {
    /// The first day at the new level.
    pub date: Date,
    /// Its index in the schedule.
    pub day: usize,
    /// New supply on the day before, tokens.
    pub before: f64,
    /// New supply on the day, tokens.
    pub after: f64,
    /// Whether the day's emission is half the day before's (within 1 %): a halving.
    pub halving: bool,
}

/// The days on which the daily new supply `n_d = emission_d + unlocked_d` changes by more than
/// `min_step` of the larger of `n_{d−1}` and `n_d` (e.g. 0.05 for 5 %): halvings, rate
/// changes, a new year of a yearly schedule, a cliff, the end of a cohort. Smooth drifts (a
/// curve declining a little each day, inflation compounding) are not events.
pub fn supply_events(schedule: &[SupplyDay], min_step: f64) -> Vec<SupplyEvent> {
    schedule
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let (a, b) = (&pair[0], &pair[1]);
            let (before, after) = (a.emission + a.unlocked, b.emission + b.unlocked);
            let step = (after - before).abs();
            (step.is_finite() && step > min_step * before.max(after)).then(|| SupplyEvent {
                date: b.date,
                day: i + 1,
                before,
                after,
                halving: a.emission > 0.0 && (b.emission / a.emission - 0.5).abs() <= 0.005,
            })
        })
        .collect()
}

/// Tokens of `day`'s circulating supply that could be sold within `window_days`: the liquid
/// supply, and the staked supply too when its unbonding period (`unbonding_days`) is no
/// longer than the window: every staker unbonding at once, an upper bound on the float.
pub fn sellable_within(day: &SupplyDay, unbonding_days: f64, window_days: f64) -> f64 {
    if unbonding_days <= window_days {
        day.circulating
    } else {
        day.liquid
    }
}

/// New supply and assumed selling over `days` days of a schedule from day `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupplyWindow {
    /// The first day.
    pub first: Date,
    /// Days in the window (fewer than asked where the schedule ends).
    pub days: usize,
    /// Tokens minted or released: `Σ (emission + unlocked)`.
    pub new_supply: f64,
    /// Tokens assumed sold: `Σ sold` (the components' sell-through).
    pub sold: f64,
    /// Tokens bought back: `Σ bought`.
    pub bought: f64,
    /// Circulating supply at the end of the day before the window (of its first day where it
    /// is the schedule's first).
    pub circulating: f64,
}

/// The window of `days` days from day `from` of `schedule`; `None` when it starts past the end
/// or is empty.
pub fn supply_window(schedule: &[SupplyDay], from: usize, days: usize) -> Option<SupplyWindow> {
    let end = from.checked_add(days)?.min(schedule.len());
    let span = schedule.get(from..end).filter(|s| !s.is_empty())?;
    let circulating = from
        .checked_sub(1)
        .and_then(|i| schedule.get(i))
        .unwrap_or(&span[0])
        .circulating;
    Some(SupplyWindow {
        first: span[0].date,
        days: span.len(),
        new_supply: span.iter().map(|d| d.emission + d.unlocked).sum(),
        sold: span.iter().map(|d| d.sold).sum(),
        bought: span.iter().map(|d| d.bought).sum(),
        circulating,
    })
}

impl SupplyWindow {
    /// What the market has to take: `max(sold − bought, 0)`.
    pub fn net_sold(&self) -> f64 {
        (self.sold - self.bought).max(0.0)
    }
}

/// A window's assumed selling, net of buybacks, against the market.
#[derive(Debug, Clone, PartialEq)]
pub struct Absorption {
    /// `net_sold / days`, tokens a day ([`SupplyWindow::net_sold`]).
    pub sold_per_day: f64,
    /// `sold_per_day / adv`: the share of an average day's volume the selling takes (`None`
    /// without a positive volume).
    pub share_of_volume: Option<f64>,
    /// Days to sell the window's net selling at `participation` of the average daily volume,
    /// [`days_to_exit`].
    pub days_to_absorb: Option<f64>,
    /// One day's selling (`sold_per_day`) as a market order into the book's bids, when a book
    /// is given and there is selling.
    pub impact: Option<Fill>,
}

/// `window`'s assumed selling net of buybacks against `adv` (average daily volume, tokens),
/// at `participation` (`0 < p ≤ 1`) of it a day, and into `book` at once, a day's worth.
pub fn absorption(
    window: &SupplyWindow,
    adv: f64,
    participation: f64,
    book: Option<&OrderBook>,
) -> Absorption {
    let net = window.net_sold();
    let sold_per_day = if window.days > 0 {
        net / window.days as f64
    } else {
        0.0
    };
    Absorption {
        sold_per_day,
        share_of_volume: (adv.is_finite() && adv > 0.0).then(|| sold_per_day / adv),
        days_to_absorb: days_to_exit(net, adv, participation),
        impact: book
            .filter(|_| sold_per_day > 0.0)
            .and_then(|b| market_order(b, Side::Sell, Size::Base(sold_per_day)).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order_book::worked_example;
    use crate::tokenomics::{schedule, Component, SupplyStart};

    fn date(text: &str) -> Date {
        Date::parse_iso(text).expect("date")
    }

    fn tao_around_the_halving() -> Vec<SupplyDay> {
        let start = 10_496_400.0;
        let tao = Component::HalvingEmission {
            issuance: start,
            base_per_day: 7_200.0,
            cap: 21e6,
            recycled_per_day: 0.0,
            burned_per_day: 0.0,
            sell_through: 0.5,
        };
        let cohort = Component::Vesting {
            amount: 1_000.0,
            start: date("2025-12-10"),
            cliff_days: 10.0,
            duration_days: 10.0,
            step_days: 0.0,
            sell_through: 1.0,
        };
        let supply = SupplyStart {
            total: start + 1_000.0,
            circulating: start,
            staked_share: 0.0,
        };
        schedule(date("2025-12-14"), supply, &[tao, cohort], 10).expect("runs")
    }

    #[test]
    fn the_halving_and_a_cliff_are_events_and_nothing_else() {
        let days = tao_around_the_halving();
        let events = supply_events(&days, 0.05);
        // 12-15: 7,200 → 3,600 (a halving); 12-20: the cliff releases 1,000; 12-21: back.
        let found: Vec<(String, f64, f64, bool)> = events
            .iter()
            .map(|e| (e.date.to_string(), e.before, e.after, e.halving))
            .collect();
        assert_eq!(
            found,
            [
                ("2025-12-15".to_owned(), 7_200.0, 3_600.0, true),
                ("2025-12-20".to_owned(), 3_600.0, 4_600.0, false),
                ("2025-12-21".to_owned(), 4_600.0, 3_600.0, false),
            ]
        );
    }

    #[test]
    fn a_window_sums_new_supply_and_selling() {
        let days = tao_around_the_halving();
        let w = supply_window(&days, 0, 7).expect("window");
        // 7,200 + 6 × 3,600 emitted, half assumed sold; the cliff on day 6 sold whole.
        assert_eq!(w.days, 7);
        assert_eq!(w.new_supply, 7_200.0 + 6.0 * 3_600.0 + 1_000.0);
        assert_eq!(w.sold, 0.5 * (7_200.0 + 6.0 * 3_600.0) + 1_000.0);
        assert_eq!(w.circulating, days[0].circulating);
        let tail = supply_window(&days, 8, 30).expect("window");
        assert_eq!((tail.days, tail.circulating), (2, days[7].circulating));
        assert!(supply_window(&days, 10, 5).is_none());
        assert!(supply_window(&days, 3, 0).is_none());
    }

    #[test]
    fn staked_tokens_reach_the_market_after_their_unbonding() {
        let start = SupplyStart {
            total: 1_000.0,
            circulating: 800.0,
            staked_share: 0.25,
        };
        let days = schedule(date("2026-01-01"), start, &[], 1).expect("runs");
        // 600 liquid, 200 staked: within 7 days only the liquid, within 14 all 800.
        assert_eq!(sellable_within(&days[0], 14.0, 7.0), 600.0);
        assert_eq!(sellable_within(&days[0], 14.0, 14.0), 800.0);
        assert_eq!(sellable_within(&days[0], 0.0, 1.0), 800.0);
    }

    #[test]
    fn selling_against_volume_and_the_book() {
        let window = SupplyWindow {
            first: date("2026-01-01"),
            days: 10,
            new_supply: 30.0,
            sold: 27.0,
            bought: 2.0,
            circulating: 1_000.0,
        };
        // 27 sold less 2 bought back: 2.5 a day against 50 a day, 5 %; 25 at 10 % of 50 a day:
        // 5 days.
        let book = worked_example();
        let a = absorption(&window, 50.0, 0.1, Some(&book));
        assert_eq!(a.sold_per_day, 2.5);
        assert_eq!(a.share_of_volume, Some(0.05));
        assert_eq!(a.days_to_absorb, Some(5.0));
        // 2.5 into the worked example's bids: 1 at 99, 1.5 at 98 → 98.4, 160 bps.
        let fill = a.impact.expect("a fill");
        assert!((fill.slippage_bps - 160.0).abs() < 1e-9);
        let none = absorption(&window, 0.0, 0.1, None);
        assert_eq!((none.share_of_volume, none.days_to_absorb), (None, None));
        assert!(none.impact.is_none());
    }
}
