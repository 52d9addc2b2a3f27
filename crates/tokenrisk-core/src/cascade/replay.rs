//! A recorded price path replayed over the liquidation ladder: the ladder is built at the
//! path's first price, then the market goes through each recorded price in turn and every
//! cohort whose liquidation price it crosses is liquidated, once.
//!
//! # What it answers, and what it does not
//! The path is what happened, forced selling included, so the replay counts who the path
//! liquidates; it does not move the price itself (that is [`super::simulate`]'s job for a
//! shock). Liquidated notional is then proportional to open interest (the ladder's sizes are,
//! and which cohorts a path crosses does not depend on it): a reported total divided by the
//! replay's share of open interest is the open interest that produces it under the same long
//! share, entries and leverage mix.
//!
//! # Path from bars
//! A bar gives four prices, not their order: [`bar_path`] takes the open, then the high before
//! the low for a bar that closed at or below its open (the low first for one that closed
//! above), then the close. A bar's extremes in the other order would cross the same cohorts;
//! only which step they fall in can differ. Positions opened during the path are not in the
//! ladder.

use super::ladder::{ladder, LadderInput};
use super::{CascadeError, Cohort};
use crate::leverage::Side;

/// Which of a bar's four prices a path point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The bar's open.
    Open,
    /// Its high.
    High,
    /// Its low.
    Low,
    /// Its close.
    Close,
}

/// One price of a bar: `(open time of the bar, which price, the price)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathPoint {
    /// Open time of the bar, Unix seconds.
    pub bar_start: i64,
    /// Which of the bar's prices.
    pub mark: Mark,
    /// The price.
    pub price: f64,
}

/// A bar's open time and prices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ohlc {
    /// Open time, Unix seconds.
    pub start: i64,
    /// Open price.
    pub open: f64,
    /// High price.
    pub high: f64,
    /// Low price.
    pub low: f64,
    /// Close price.
    pub close: f64,
}

/// The bars as a path of four points each: open, high then low for a bar that closed at or
/// below its open (low then high otherwise), close.
pub fn bar_path(bars: &[Ohlc]) -> Vec<PathPoint> {
    bars.iter()
        .flat_map(|b| {
            let extremes = if b.close <= b.open {
                [(Mark::High, b.high), (Mark::Low, b.low)]
            } else {
                [(Mark::Low, b.low), (Mark::High, b.high)]
            };
            [
                (Mark::Open, b.open),
                extremes[0],
                extremes[1],
                (Mark::Close, b.close),
            ]
            .map(|(mark, price)| PathPoint {
                bar_start: b.start,
                mark,
                price,
            })
        })
        .collect()
}

/// What the replay liquidated at one point of the path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplayStep {
    /// The point.
    pub point: PathPoint,
    /// Cohorts liquidated here.
    pub cohorts: usize,
    /// Long notional liquidated here (size · liquidation price).
    pub liquidated_long: f64,
    /// Short notional liquidated here.
    pub liquidated_short: f64,
    /// Base units the longs liquidated here sell.
    pub sold_base: f64,
    /// Base units the shorts liquidated here buy.
    pub bought_base: f64,
}

/// What the whole path liquidated.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayReport {
    /// Each point of the path, in order.
    pub steps: Vec<ReplayStep>,
    /// Long notional liquidated in all.
    pub liquidated_long: f64,
    /// Short notional liquidated in all.
    pub liquidated_short: f64,
    /// Open interest the ladder was built from (quote units at the first price).
    pub open_interest: f64,
    /// Share of the long side's weight dropped as already liquidated at the first price.
    pub dropped_long: f64,
    /// The same for shorts.
    pub dropped_short: f64,
}

impl ReplayReport {
    /// Long and short notional liquidated, over open interest (0 without open interest).
    pub fn share_of_open_interest(&self) -> f64 {
        if self.open_interest > 0.0 {
            (self.liquidated_long + self.liquidated_short) / self.open_interest
        } else {
            0.0
        }
    }
}

/// Replays `path` over the ladder `input` describes, built at the path's first price (its
/// `start_price` is ignored).
///
/// # Formula
/// With `m_i` and `M_i` the lowest and highest price of the path up to point `i`, the longs
/// liquidated by point `i` are the cohorts with liquidation price `≥ m_i`, the shorts those
/// with liquidation price `≤ M_i`; a point's step is what is liquidated by it and not by the
/// point before. Each cohort counts once, at `size · liquidation price`.
///
/// # Errors
/// [`CascadeError::Input`] for an empty path or a price that is not finite and above 0, and
/// the ladder's errors ([`ladder()`]).
pub fn replay(input: &LadderInput<'_>, path: &[PathPoint]) -> Result<ReplayReport, CascadeError> {
    let Some(first) = path.first() else {
        return Err(CascadeError::Input {
            field: "path length",
            value: 0.0,
            rule: "1 or more",
        });
    };
    for point in path {
        super::check("path price", point.price, point.price > 0.0, "above 0")?;
    }
    let ladder = ladder(&LadderInput {
        start_price: first.price,
        ..*input
    })?;
    let by_side = |side: Side| -> Vec<Cohort> {
        let mut cohorts: Vec<Cohort> = ladder
            .cohorts
            .iter()
            .filter(|c| c.side == side)
            .copied()
            .collect();
        // In the order the path reaches them: longs from the highest liquidation price down,
        // shorts from the lowest up.
        cohorts.sort_by(|a, b| match side {
            Side::Long => b.liquidation.total_cmp(&a.liquidation),
            Side::Short => a.liquidation.total_cmp(&b.liquidation),
        });
        cohorts
    };
    let (longs, shorts) = (by_side(Side::Long), by_side(Side::Short));
    let (mut next_long, mut next_short) = (0, 0);
    let mut steps = Vec::with_capacity(path.len());
    for &point in path {
        let mut step = ReplayStep {
            point,
            cohorts: 0,
            liquidated_long: 0.0,
            liquidated_short: 0.0,
            sold_base: 0.0,
            bought_base: 0.0,
        };
        while next_long < longs.len() && longs[next_long].liquidation >= point.price {
            let c = longs[next_long];
            step.liquidated_long += c.size * c.liquidation;
            step.sold_base += c.size;
            step.cohorts += 1;
            next_long += 1;
        }
        while next_short < shorts.len() && shorts[next_short].liquidation <= point.price {
            let c = shorts[next_short];
            step.liquidated_short += c.size * c.liquidation;
            step.bought_base += c.size;
            step.cohorts += 1;
            next_short += 1;
        }
        steps.push(step);
    }
    Ok(ReplayReport {
        liquidated_long: steps.iter().map(|s| s.liquidated_long).sum(),
        liquidated_short: steps.iter().map(|s| s.liquidated_short).sum(),
        steps,
        open_interest: input.open_interest,
        dropped_long: ladder.dropped_long,
        dropped_short: ladder.dropped_short,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cascade::ladder::tests::bracket;
    use crate::cascade::LeverageMix;

    fn point(price: f64) -> PathPoint {
        PathPoint {
            bar_start: 0,
            mark: Mark::Close,
            price,
        }
    }

    #[test]
    fn bars_become_four_points_in_the_assumed_order() {
        let bars = [
            Ohlc {
                start: 0,
                open: 100.0,
                high: 101.0,
                low: 80.0,
                close: 85.0,
            },
            Ohlc {
                start: 86_400,
                open: 85.0,
                high: 97.0,
                low: 79.0,
                close: 96.0,
            },
        ];
        let path = bar_path(&bars);
        let marks: Vec<(i64, Mark, f64)> = path
            .iter()
            .map(|p| (p.bar_start, p.mark, p.price))
            .collect();
        assert_eq!(
            marks,
            vec![
                (0, Mark::Open, 100.0),
                (0, Mark::High, 101.0),
                (0, Mark::Low, 80.0),
                (0, Mark::Close, 85.0),
                (86_400, Mark::Open, 85.0),
                (86_400, Mark::Low, 79.0),
                (86_400, Mark::High, 97.0),
                (86_400, Mark::Close, 96.0),
            ]
        );
    }

    /// OI 1,000,000 at 100, 80 % long, 10× and 50× half each, maintenance 0.4 %: longs
    /// liquidated at 90/0.996 = 90.3614… (10×) and 98/0.996 = 98.3935… (50×), shorts at
    /// 110/1.004 = 109.5617… and 102/1.004 = 101.5936…; 4,000 base in each long cohort, 1,000
    /// in each short one.
    #[test]
    fn a_path_liquidates_each_cohort_once_where_it_first_crosses_it() {
        let mix = LeverageMix {
            buckets: vec![(10.0, 0.5), (50.0, 0.5)],
        };
        let b = bracket();
        let input = LadderInput {
            open_interest: 1e6,
            long_share: 0.8,
            start_price: 1.0,
            entries: &[],
            mix: &mix,
            bracket: &b,
        };
        let path = [100.0, 101.0, 95.0, 102.0, 90.0, 99.0].map(point);
        let r = replay(&input, &path).expect("replay");
        let long = |s: &ReplayStep| s.liquidated_long;
        let short = |s: &ReplayStep| s.liquidated_short;
        let steps = &r.steps;
        assert_eq!(steps.len(), 6);
        assert_eq!((long(&steps[0]), short(&steps[0])), (0.0, 0.0));
        assert_eq!(long(&steps[1]), 0.0);
        // 95 crosses the 50× longs.
        assert!((long(&steps[2]) - 4_000.0 * 98.0 / 0.996).abs() < 1e-6);
        assert!((steps[2].sold_base - 4_000.0).abs() < 1e-9);
        // 102 crosses the 50× shorts.
        assert!((short(&steps[3]) - 1_000.0 * 102.0 / 1.004).abs() < 1e-6);
        assert!((steps[3].bought_base - 1_000.0).abs() < 1e-9);
        // 90 crosses the 10× longs; 99 crosses nothing new.
        assert!((long(&steps[4]) - 4_000.0 * 90.0 / 0.996).abs() < 1e-6);
        assert_eq!(steps[5].cohorts, 0);
        assert!((r.liquidated_long - 4_000.0 * 188.0 / 0.996).abs() < 1e-6);
        assert!((r.liquidated_short - 1_000.0 * 102.0 / 1.004).abs() < 1e-6);
        assert!(r.share_of_open_interest() > 0.0 && r.share_of_open_interest() < 1.0);
    }

    #[test]
    fn an_empty_path_or_a_bad_price_is_a_typed_error() {
        let mix = LeverageMix {
            buckets: vec![(10.0, 1.0)],
        };
        let b = bracket();
        let input = LadderInput {
            open_interest: 1e6,
            long_share: 0.5,
            start_price: 1.0,
            entries: &[],
            mix: &mix,
            bracket: &b,
        };
        assert!(matches!(
            replay(&input, &[]),
            Err(CascadeError::Input {
                field: "path length",
                ..
            })
        ));
        for bad in [f64::NAN, 0.0, -1.0, f64::INFINITY] {
            assert!(matches!(
                replay(&input, &[point(100.0), point(bad)]),
                Err(CascadeError::Input {
                    field: "path price",
                    ..
                })
            ));
        }
    }
}
