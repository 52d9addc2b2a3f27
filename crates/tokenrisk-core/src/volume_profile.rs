//! Traded volume by price (a volume profile) from bars: where recent trading happened, used as
//! the entry prices of open positions in a liquidation cascade.
//!
//! # Formula
//! The bars' range `[L, H]` (lowest low, highest high) is cut into `n` equal bins. Each bar's
//! volume `v` is spread evenly over its own range `[l, h]`: bin `k` (`[b_k, b_{k+1}]`) gets
//! `v · |[l, h] ∩ [b_k, b_{k+1}]| / (h − l)`, and a bar with `h = l` puts all of `v` in the bin
//! holding `l`. This is the usual approximation of a volume profile from bars when trades are
//! not at hand (TradingView's "Volume Profile" built from lower-timeframe bars, Market
//! Profile's time-price opportunities); the total volume is kept exactly. When every bar has
//! the same price, the profile is that one price.

/// One bar's range and traded volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Lowest price of the bar, > 0.
    pub low: f64,
    /// Highest price, ≥ `low`.
    pub high: f64,
    /// Traded volume (base or quote units, the same for every bar), ≥ 0.
    pub volume: f64,
}

/// Why there is no profile.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// No bars, or no bins asked for.
    #[error("a volume profile needs at least one bar and one bin")]
    Empty,
    /// A bar is not finite, not positive, has its high below its low or a negative volume.
    #[error("bar {index} is not a valid bar (low {low}, high {high}, volume {volume})")]
    InvalidBar {
        /// Its position, from 0.
        index: usize,
        /// Its low.
        low: f64,
        /// Its high.
        high: f64,
        /// Its volume.
        volume: f64,
    },
    /// The bars traded nothing.
    #[error("the bars traded no volume")]
    NoVolume,
}

/// The volume profile of `bars` over `bins` equal bins: `(bin centre, volume)` for each bin
/// with volume, lowest price first (see the module documentation for the formula).
///
/// # Errors
/// [`ProfileError::Empty`] without bars or bins, [`ProfileError::InvalidBar`] for a bar that
/// is not finite, not positive, inverted or of negative volume, [`ProfileError::NoVolume`]
/// when every volume is 0.
pub fn volume_profile(bars: &[Bar], bins: usize) -> Result<Vec<(f64, f64)>, ProfileError> {
    if bars.is_empty() || bins == 0 {
        return Err(ProfileError::Empty);
    }
    for (index, b) in bars.iter().enumerate() {
        let ok = b.low.is_finite()
            && b.high.is_finite()
            && b.volume.is_finite()
            && b.low > 0.0
            && b.high >= b.low
            && b.volume >= 0.0;
        if !ok {
            return Err(ProfileError::InvalidBar {
                index,
                low: b.low,
                high: b.high,
                volume: b.volume,
            });
        }
    }
    let total: f64 = bars.iter().map(|b| b.volume).sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(ProfileError::NoVolume);
    }
    let low = bars.iter().map(|b| b.low).fold(f64::INFINITY, f64::min);
    let high = bars
        .iter()
        .map(|b| b.high)
        .fold(f64::NEG_INFINITY, f64::max);
    if high == low {
        return Ok(vec![(low, total)]);
    }
    let width = (high - low) / bins as f64;
    let bin_of = |price: f64| (((price - low) / width) as usize).min(bins - 1);
    let mut volume = vec![0.0; bins];
    for b in bars.iter().filter(|b| b.volume > 0.0) {
        if b.high == b.low {
            volume[bin_of(b.low)] += b.volume;
            continue;
        }
        for (k, v) in volume
            .iter_mut()
            .enumerate()
            .take(bin_of(b.high) + 1)
            .skip(bin_of(b.low))
        {
            let (from, to) = (low + k as f64 * width, low + (k + 1) as f64 * width);
            let overlap = (b.high.min(to) - b.low.max(from)).max(0.0);
            *v += b.volume * overlap / (b.high - b.low);
        }
    }
    Ok(volume
        .into_iter()
        .enumerate()
        .filter(|(_, v)| *v > 0.0)
        .map(|(k, v)| (low + (k as f64 + 0.5) * width, v))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bar(low: f64, high: f64, volume: f64) -> Bar {
        Bar { low, high, volume }
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn a_hand_computed_profile() {
        // Range 100–110 in 5 bins of 2: [100,102) [102,104) [104,106) [106,108) [108,110].
        // Bar 100–104, 40: 20 to each of the first two bins. Bar 103–108, 50: 10 a unit of
        // price → 10 to [102,104), 20 to [104,106), 20 to [106,108). Bar 110–110, 7: the last
        // bin. Bar 105–110, 0: nothing.
        let p = volume_profile(
            &[
                bar(100.0, 104.0, 40.0),
                bar(103.0, 108.0, 50.0),
                bar(110.0, 110.0, 7.0),
                bar(105.0, 110.0, 0.0),
            ],
            5,
        )
        .expect("valid");
        let expected = [
            (101.0, 20.0),
            (103.0, 30.0),
            (105.0, 20.0),
            (107.0, 20.0),
            (109.0, 7.0),
        ];
        assert_eq!(p.len(), expected.len());
        for ((price, v), (ep, ev)) in p.iter().zip(expected) {
            assert!(near(*price, ep) && near(*v, ev), "{p:?}");
        }
    }

    #[test]
    fn flat_bars_and_bad_input() {
        assert_eq!(
            volume_profile(&[bar(5.0, 5.0, 2.0), bar(5.0, 5.0, 3.0)], 10),
            Ok(vec![(5.0, 5.0)])
        );
        assert_eq!(volume_profile(&[], 3), Err(ProfileError::Empty));
        assert_eq!(
            volume_profile(&[bar(1.0, 2.0, 1.0)], 0),
            Err(ProfileError::Empty)
        );
        assert_eq!(
            volume_profile(&[bar(1.0, 2.0, 0.0)], 3),
            Err(ProfileError::NoVolume)
        );
        for bad in [
            bar(2.0, 1.0, 1.0),
            bar(0.0, 1.0, 1.0),
            bar(1.0, f64::NAN, 1.0),
            bar(1.0, 2.0, -1.0),
            bar(1.0, f64::INFINITY, 1.0),
        ] {
            assert!(matches!(
                volume_profile(&[bar(1.0, 2.0, 1.0), bad], 3),
                Err(ProfileError::InvalidBar { index: 1, .. })
            ));
        }
    }

    proptest! {
        #[test]
        fn volume_is_kept_and_prices_stay_in_the_range(
            bars in proptest::collection::vec((1.0..1e5f64, 0.0..0.5f64, 0.0..1e6f64), 1..60),
            bins in 1usize..80,
        ) {
            let bars: Vec<Bar> = bars.iter().map(|&(low, up, v)| bar(low, low * (1.0 + up), v)).collect();
            let total: f64 = bars.iter().map(|b| b.volume).sum();
            match volume_profile(&bars, bins) {
                Ok(p) => {
                    let sum: f64 = p.iter().map(|e| e.1).sum();
                    prop_assert!((sum - total).abs() <= 1e-9 * total);
                    let low = bars.iter().map(|b| b.low).fold(f64::INFINITY, f64::min);
                    let high = bars.iter().map(|b| b.high).fold(0.0, f64::max);
                    prop_assert!(p.iter().all(|(price, v)| *price >= low && *price <= high && *v > 0.0));
                    prop_assert!(p.len() <= bins);
                    prop_assert!(p.windows(2).all(|w| w[0].0 < w[1].0));
                }
                Err(e) => prop_assert_eq!(e, ProfileError::NoVolume),
            }
        }
    }
}
