//! A stressed order book: a depth haircut that can depend on a level's distance from the mid,
//! and presets from the evidence on order-book depth in sell-offs
//! (`shared/design/facts-2026.md` §8), each with its source.

use crate::execution::mid_of;
use crate::order_book::{Level, OrderBook};

/// A depth haircut `h(d)`: the share of each level's quantity taken away in a stressed market,
/// as a function of the level's distance from the mid `d = |price − mid| / mid`. Usable depth is
/// `(1 − h) · normal depth` (the convention of the facts file, `shared/design/facts-2026.md`
/// §8). Every `h` must lie in `[0, 1)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Haircut {
    /// The same haircut at every distance.
    Flat(f64),
    /// Piecewise by distance: a level takes the haircut of the first band `(up_to, h)` with
    /// `d ≤ up_to` (bands in increasing `up_to`), and `beyond` past the last band.
    Bands {
        /// `(up_to, h)` pairs, `up_to` a fraction of the mid, increasing.
        bands: Vec<(f64, f64)>,
        /// The haircut past the last band.
        beyond: f64,
    },
}

/// Why a haircut cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HaircutError {
    /// A haircut outside `[0, 1)` (1 would empty the book).
    #[error("haircut {0} is not in [0, 1)")]
    OutOfRange(f64),
    /// Band distances that are not finite, non-negative and increasing.
    #[error("haircut band distance {0} is not finite, non-negative and increasing")]
    BadBand(f64),
}

impl Haircut {
    /// The haircut at distance `d` (a fraction of the mid) from the mid.
    pub fn at(&self, d: f64) -> f64 {
        match self {
            Self::Flat(h) => *h,
            Self::Bands { bands, beyond } => bands
                .iter()
                .find(|(up_to, _)| d <= *up_to)
                .map_or(*beyond, |&(_, h)| h),
        }
    }

    /// Checks every `h` is in `[0, 1)` and band distances are finite, non-negative and
    /// increasing.
    ///
    /// # Errors
    /// The first problem, as a [`HaircutError`].
    pub fn validate(&self) -> Result<(), HaircutError> {
        let check = |h: f64| {
            if (0.0..1.0).contains(&h) {
                Ok(())
            } else {
                Err(HaircutError::OutOfRange(h))
            }
        };
        match self {
            Self::Flat(h) => check(*h),
            Self::Bands { bands, beyond } => {
                let mut previous = -1.0;
                for &(up_to, h) in bands {
                    if !(up_to.is_finite() && up_to >= 0.0 && up_to > previous) {
                        return Err(HaircutError::BadBand(up_to));
                    }
                    previous = up_to;
                    check(h)?;
                }
                check(*beyond)
            }
        }
    }
}

/// Haircut presets from the evidence in `shared/design/facts-2026.md` §8 ("Order-book depth
/// in sell-offs"), each with its source ([`HaircutPreset::source`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HaircutPreset {
    /// Stressed regime, days to weeks after a shock: a flat 30 %. Source: CoinDesk Research
    /// with Kaiko data: BTC 1 % depth ~$20 m → $14 m (−30 %) by 11 Nov 2025 after the
    /// 10 Oct 2025 crash (0.5 %: −35 %, 5 %: −25 %); ETH 1 % −25–30 %.
    StressedRegime,
    /// Crash hour, majors: a flat 50 %. Source: Kaiko, BTC 1 % depth on Binance and Coinbase
    /// "halved in just 2 hours" (Aug 2023); Coinbase BTC-USD 2 % depth −46 % within hours
    /// (2024-10-10); alts' 1 % depth −48 % on 2025-10-10 (CoinDesk Research).
    CrashHour,
    /// Flash-crash minutes, small caps: 90 % within ±1 % of the mid, 70 % from 1 % to 4 %, none
    /// beyond ±4 %. Source: Kaiko Data Debrief 2025-10-13 (BTC books "appeared empty" near the
    /// mid, bids only in the 4 % and 10 % bands) and FTI Consulting (depth "collapsed by more
    /// than 90 %"); the facts file suggests 70–90 % within ±1 % with depth beyond ±4 % kept.
    /// The 1–4 % band taking the low end (70 %) is this preset's assumption.
    FlashCrash,
}

impl HaircutPreset {
    /// Every preset, mildest first.
    pub const ALL: [Self; 3] = [Self::StressedRegime, Self::CrashHour, Self::FlashCrash];

    /// The haircut.
    pub fn haircut(self) -> Haircut {
        match self {
            Self::StressedRegime => Haircut::Flat(0.30),
            Self::CrashHour => Haircut::Flat(0.50),
            Self::FlashCrash => Haircut::Bands {
                bands: vec![(0.01, 0.90), (0.04, 0.70)],
                beyond: 0.0,
            },
        }
    }

    /// Where the numbers come from (a citation, as in the facts file).
    pub fn source(self) -> &'static str {
        match self {
            Self::StressedRegime => {
                "CoinDesk Research with Kaiko data (Nov 2025): BTC 1% depth -30% after the 10 Oct 2025 crash"
            }
            Self::CrashHour => {
                "Kaiko: BTC 1% depth halved in 2 hours (Aug 2023); Coinbase BTC 2% depth -46% (Oct 2024); alts 1% depth -48% (CoinDesk, Oct 2025)"
            }
            Self::FlashCrash => {
                "Kaiko Data Debrief 2025-10-13 and FTI Consulting: depth near the mid down 70-90%, beyond 4% kept"
            }
        }
    }
}

/// The book with each level's quantity multiplied by `1 − h(d)`, `d = |price − mid| / mid`
/// measured from the original mid. Prices are unchanged, so the mid and spread are too. The
/// book itself is not checked: an invalid book gives an invalid result
/// ([`OrderBook::validate`]); a valid one stays valid, as every `h < 1`.
///
/// # Errors
/// [`HaircutError`] for a haircut outside `[0, 1)` or bad bands.
pub fn stressed(book: &OrderBook, haircut: &Haircut) -> Result<OrderBook, HaircutError> {
    haircut.validate()?;
    let mid = mid_of(book);
    let side = |levels: &[Level]| {
        levels
            .iter()
            .map(|&(p, q)| (p, q * (1.0 - haircut.at((p - mid).abs() / mid))))
            .collect()
    };
    Ok(OrderBook {
        bids: side(&book.bids),
        asks: side(&book.asks),
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
    fn haircuts_by_distance() {
        let flash = HaircutPreset::FlashCrash.haircut();
        // 99 and 101 are 1 % away: 90 %; 98 and 103 are 2–3 %: 70 %; 90 and 120: kept.
        let s = stressed(&book(), &flash).expect("valid");
        assert!(near(s.bids[0].1, 0.1) && near(s.bids[1].1, 0.6) && s.bids[2].1 == 10.0);
        assert!(near(s.asks[0].1, 0.1) && near(s.asks[1].1, 1.2) && s.asks[2].1 == 1.0);
        let flat = stressed(&book(), &Haircut::Flat(0.5)).expect("valid");
        assert_eq!(flat.bids[1], (98.0, 1.0));
        assert_eq!(
            stressed(&book(), &Haircut::Flat(1.0)),
            Err(HaircutError::OutOfRange(1.0))
        );
        assert!(stressed(
            &book(),
            &Haircut::Bands {
                bands: vec![(0.02, 0.5), (0.01, 0.5)],
                beyond: 0.0
            }
        )
        .is_err());
        for p in HaircutPreset::ALL {
            assert!(p.haircut().validate().is_ok() && !p.source().is_empty());
        }
    }
}
