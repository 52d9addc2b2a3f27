//! A liquidation map: the ladder's positions by the price at which they are liquidated, in
//! quote units, so a person sees how much would be forced to trade at each level. Vendors'
//! heat maps draw the same cohorts as a relative intensity under undisclosed leverage
//! (`shared/design/facts-2026.md` §9.1); here the open interest, entries and leverage mix are
//! the ladder's, stated, and the amounts are money.

use super::{check, CascadeError, Ladder};
use crate::leverage::Side;

/// One price bin of a liquidation map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapBin {
    /// Lower edge of the bin.
    pub low: f64,
    /// Upper edge.
    pub high: f64,
    /// Long notional liquidated at a price in the bin (size · liquidation price).
    pub long: f64,
    /// Short notional liquidated in the bin.
    pub short: f64,
}

/// The ladder's notional by liquidation price over `bins` equal bins from `low` to `high`.
///
/// # Formula
/// Bin `k` is `[b_k, b_{k+1})` with `b_k = low + k · (high − low) / bins` (the last bin also
/// holds `high`), as NumPy's `histogram` bins; a cohort adds `size · liquidation price` to the
/// bin holding its liquidation price, on its side. Cohorts outside `[low, high]` are left out
/// (a long at 1×, never liquidated, has no liquidation price and is always out).
///
/// # Errors
/// [`CascadeError::Input`] unless `0 < low < high` are finite and `bins ≥ 1`.
pub fn liquidation_map(
    ladder: &Ladder,
    low: f64,
    high: f64,
    bins: usize,
) -> Result<Vec<MapBin>, CascadeError> {
    check("map low", low, low > 0.0, "above 0")?;
    check("map high", high, high > low, "above the map's low")?;
    check("map bins", bins as f64, bins >= 1, "1 or more")?;
    let width = (high - low) / bins as f64;
    let edge = |k: usize| {
        if k == bins {
            high
        } else {
            low + k as f64 * width
        }
    };
    let mut map: Vec<MapBin> = (0..bins)
        .map(|k| MapBin {
            low: edge(k),
            high: edge(k + 1),
            long: 0.0,
            short: 0.0,
        })
        .collect();
    for c in &ladder.cohorts {
        let p = c.liquidation;
        if !(low..=high).contains(&p) {
            continue;
        }
        // The estimate from the width, moved to the bin whose edges hold `p`.
        let mut k = (((p - low) / width) as usize).min(bins - 1);
        while k > 0 && p < map[k].low {
            k -= 1;
        }
        while k + 1 < bins && p >= map[k].high {
            k += 1;
        }
        let notional = c.size * p;
        match c.side {
            Side::Long => map[k].long += notional,
            Side::Short => map[k].short += notional,
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cascade::Cohort;

    fn cohort(side: Side, liquidation: f64, size: f64) -> Cohort {
        Cohort {
            side,
            entry: 100.0,
            leverage: 10.0,
            size,
            liquidation,
            bankruptcy: liquidation,
        }
    }

    #[test]
    fn cohorts_fall_in_the_bin_holding_their_liquidation_price() {
        let ladder = Ladder {
            cohorts: vec![
                cohort(Side::Long, 90.0, 2.0),   // first bin's lower edge
                cohort(Side::Long, 95.0, 1.0),   // an inner edge: the upper bin
                cohort(Side::Long, 0.0, 5.0),    // 1×: never liquidated, out
                cohort(Side::Short, 110.0, 3.0), // the last edge: the last bin
                cohort(Side::Short, 111.0, 4.0), // beyond: out
            ],
            dropped_long: 0.0,
            dropped_short: 0.0,
        };
        let map = liquidation_map(&ladder, 90.0, 110.0, 4).expect("map");
        let edges: Vec<(f64, f64)> = map.iter().map(|b| (b.low, b.high)).collect();
        assert_eq!(
            edges,
            vec![(90.0, 95.0), (95.0, 100.0), (100.0, 105.0), (105.0, 110.0)]
        );
        let longs: Vec<f64> = map.iter().map(|b| b.long).collect();
        let shorts: Vec<f64> = map.iter().map(|b| b.short).collect();
        assert_eq!(longs, vec![180.0, 95.0, 0.0, 0.0]);
        assert_eq!(shorts, vec![0.0, 0.0, 0.0, 330.0]);
    }

    #[test]
    fn a_bad_range_is_a_typed_error() {
        let ladder = Ladder {
            cohorts: Vec::new(),
            dropped_long: 0.0,
            dropped_short: 0.0,
        };
        for (low, high, bins) in [
            (0.0, 1.0, 1),
            (2.0, 1.0, 1),
            (f64::NAN, 1.0, 1),
            (1.0, f64::INFINITY, 1),
            (1.0, 2.0, 0),
        ] {
            assert!(
                matches!(
                    liquidation_map(&ladder, low, high, bins),
                    Err(CascadeError::Input { .. })
                ),
                "{low} {high} {bins}"
            );
        }
    }
}
