//! The liquidation ladder: open interest split into cohorts of positions by side, entry price
//! and leverage, each with its liquidation and bankruptcy price; the leverage mixes the facts
//! file recommends (`shared/design/facts-2026.md` §9.3), each with its source.

use super::CascadeError;
use crate::leverage::{
    liquidation_price_in_bracket, Bracket, LeverageError, Margin, Position, Side,
};

/// How open interest is spread over leverage: `(leverage, share)` pairs, shares ≥ 0 (they
/// are normalised to sum to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct LeverageMix {
    /// `(leverage, share)`: leverage ≥ 1 and at most the bracket's maximum, share ≥ 0.
    pub buckets: Vec<(f64, f64)>,
}

impl LeverageMix {
    /// The mix with every leverage above `maximum` moved to `maximum` (its share kept), and
    /// whether anything moved: a preset made for BTC's 125× applied to a contract that allows
    /// less.
    pub fn capped(&self, maximum: f64) -> (Self, bool) {
        let mut moved = false;
        let buckets = self
            .buckets
            .iter()
            .map(|&(leverage, share)| {
                if leverage > maximum {
                    moved = true;
                    (maximum, share)
                } else {
                    (leverage, share)
                }
            })
            .collect();
        (Self { buckets }, moved)
    }
}

/// The leverage mixes of `shared/design/facts-2026.md` §9.3, each with its source
/// ([`LeverageMixPreset::source`]). A scenario carries one (its variants' order is part of the
/// link's layout: add new ones at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverageMixPreset {
    /// A retail-heavy exchange mix (the facts file's default, "Hyperliquid observed mix
    /// shifted up for Binance retail"): 2× 15 %, 3–5× 30 % (taken at 4×), 10× 30 %,
    /// 20–25× 17 % (taken at 22.5×), 50× 8 %. The points inside the ranges are this preset's
    /// assumption.
    ExchangeRetail,
    /// The mix observed on Hyperliquid on 2025-12-15 (PANews/Odaily): of $7.63 bn open
    /// interest, 36 % at 0–3×, 48 % at 3–7×, 15 % above 7× (taken at 2×, 5× and 10×, the
    /// missing 1 % spread by normalising). The conservative preset.
    HyperliquidObserved,
    /// The equal-weight 10×/25×/50×/100× mix heat-map vendors use
    /// (`aoki-h-jp/py-liquidation-map`, `liqmap/mapping.py`).
    HeatmapVendor,
}

impl LeverageMixPreset {
    /// Every preset, the default first.
    pub const ALL: [Self; 3] = [
        Self::ExchangeRetail,
        Self::HyperliquidObserved,
        Self::HeatmapVendor,
    ];

    /// The mix.
    pub fn mix(self) -> LeverageMix {
        let buckets = match self {
            Self::ExchangeRetail => vec![
                (2.0, 0.15),
                (4.0, 0.30),
                (10.0, 0.30),
                (22.5, 0.17),
                (50.0, 0.08),
            ],
            Self::HyperliquidObserved => vec![(2.0, 0.36), (5.0, 0.48), (10.0, 0.15)],
            Self::HeatmapVendor => vec![(10.0, 0.25), (25.0, 0.25), (50.0, 0.25), (100.0, 0.25)],
        };
        LeverageMix { buckets }
    }

    /// Where the numbers come from (a citation, as in the facts file).
    pub fn source(self) -> &'static str {
        match self {
            Self::ExchangeRetail => {
                "facts file §9.3 default: Hyperliquid's observed mix shifted up for exchange retail"
            }
            Self::HyperliquidObserved => {
                "Hyperliquid open interest by leverage, 2025-12-15 (PANews/Odaily): 36% at 0-3x, 48% at 3-7x, 15% above 7x"
            }
            Self::HeatmapVendor => {
                "equal weight 10/25/50/100x, as vendors' heat maps assume (py-liquidation-map)"
            }
        }
    }
}

/// A group of positions opened at one entry price with one leverage, on one side, isolated
/// margin in the contract's first bracket (each position small).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cohort {
    /// Long or short.
    pub side: Side,
    /// Entry price.
    pub entry: f64,
    /// Leverage at entry: the isolated margin is `size · entry / leverage`.
    pub leverage: f64,
    /// Base units.
    pub size: f64,
    /// Mark price at which the cohort is liquidated ([`liquidation_price_in_bracket`]); 0 for
    /// a long at 1×, which is never liquidated.
    pub liquidation: f64,
    /// Price at which its margin is gone: `entry · (1 − Side / leverage)`. The liquidation
    /// order is filled no worse than this; the rest is taken over by the insurance fund.
    pub bankruptcy: f64,
}

/// The cohorts of open interest, and the weight dropped because those positions would already
/// be liquidated at the start price.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    /// Every cohort with a positive size.
    pub cohorts: Vec<Cohort>,
    /// Share of the long side's entry × leverage weight dropped (its liquidation price is at
    /// or above the start price), in `[0, 1]`.
    pub dropped_long: f64,
    /// The same for shorts (liquidation price at or below the start price).
    pub dropped_short: f64,
}

/// What the ladder is built from.
#[derive(Debug, Clone, Copy)]
pub struct LadderInput<'a> {
    /// Open interest in quote units at `start_price`.
    pub open_interest: f64,
    /// Share of open interest that is long, `[0, 1]`.
    pub long_share: f64,
    /// Price before the shock.
    pub start_price: f64,
    /// Entry prices and their weights (e.g. a volume profile); empty means every position was
    /// opened at `start_price`.
    pub entries: &'a [(f64, f64)],
    /// Leverage mix.
    pub mix: &'a LeverageMix,
    /// The contract's first maintenance-margin bracket (its rate, amount and maximum
    /// leverage).
    pub bracket: &'a Bracket,
}

/// Splits open interest into cohorts.
///
/// # Formula
/// Open interest in base units is `OI / start_price`; side `s` holds `σ_s` of it (`σ_long` =
/// `long_share`, `σ_short = 1 − long_share`). Each entry price `e` (weight `w_e`) and leverage
/// `l` (share `m_l`) gives a cohort of weight `w_e · m_l`. Cohorts whose liquidation price is
/// already crossed at `start_price` (a long's at or above it, a short's at or below it) cannot
/// be open: they are dropped and the side's remaining weights normalised, so each side still
/// holds `σ_s · OI`. A cohort's size is `OI / start_price · σ_s · w_e · m_l / Σ w·m`
/// (surviving), its liquidation price that of an isolated position with wallet
/// `size · e / l` in `bracket` ([`liquidation_price_in_bracket`]).
///
/// # Errors
/// [`CascadeError::Input`] for a number out of range; [`CascadeError::Leverage`] for a
/// leverage above the bracket's maximum or one whose liquidation price does not exist.
pub fn ladder(input: &LadderInput<'_>) -> Result<Ladder, CascadeError> {
    let LadderInput {
        open_interest,
        long_share,
        start_price,
        entries,
        mix,
        bracket,
    } = *input;
    check(
        "open interest",
        open_interest,
        open_interest >= 0.0,
        "0 or more",
    )?;
    check(
        "long share",
        long_share,
        (0.0..=1.0).contains(&long_share),
        "between 0 and 1",
    )?;
    check("start price", start_price, start_price > 0.0, "above 0")?;
    let at_start = [(start_price, 1.0)];
    let entries = if entries.is_empty() {
        &at_start[..]
    } else {
        entries
    };
    for &(price, weight) in entries {
        check("entry price", price, price > 0.0, "above 0")?;
        check("entry weight", weight, weight >= 0.0, "0 or more")?;
    }
    check_weights("entry weights", entries.iter().map(|e| e.1))?;
    for &(leverage, share) in &mix.buckets {
        check("leverage", leverage, leverage >= 1.0, "1 or more")?;
        check("leverage share", share, share >= 0.0, "0 or more")?;
        if leverage > bracket.max_leverage {
            return Err(CascadeError::LeverageAboveMaximum {
                leverage,
                maximum: bracket.max_leverage,
            });
        }
    }
    check_weights("leverage shares", mix.buckets.iter().map(|b| b.1))?;
    let base = open_interest / start_price;
    let mut cohorts = Vec::with_capacity(2 * entries.len() * mix.buckets.len());
    let mut dropped = [0.0; 2];
    for (k, (side, share)) in [(Side::Long, long_share), (Side::Short, 1.0 - long_share)]
        .into_iter()
        .enumerate()
    {
        let mut side_cohorts = Vec::new();
        let (mut kept, mut total) = (0.0, 0.0);
        for &(entry, weight) in entries {
            for &(leverage, bucket_share) in &mix.buckets {
                let w = weight * bucket_share;
                if w == 0.0 {
                    continue;
                }
                total += w;
                let position = Position {
                    side,
                    entry,
                    size: 1.0,
                };
                let margin = Margin::Isolated {
                    wallet: entry / leverage,
                };
                // A long at 1× keeps margin for the whole notional: never liquidated.
                let liquidation = match liquidation_price_in_bracket(&position, &margin, bracket) {
                    Err(LeverageError::NeverLiquidated) => 0.0,
                    other => other?,
                };
                let open = match side {
                    Side::Long => liquidation < start_price,
                    Side::Short => liquidation > start_price,
                };
                if open {
                    kept += w;
                    let bankruptcy = entry * (1.0 - side.sign() / leverage);
                    side_cohorts.push((w, entry, leverage, liquidation, bankruptcy));
                }
            }
        }
        dropped[k] = if total > 0.0 { 1.0 - kept / total } else { 0.0 };
        for (w, entry, leverage, liquidation, bankruptcy) in side_cohorts {
            let size = base * share * w / kept;
            if size > 0.0 {
                cohorts.push(Cohort {
                    side,
                    entry,
                    leverage,
                    size,
                    liquidation,
                    bankruptcy,
                });
            }
        }
    }
    Ok(Ladder {
        cohorts,
        dropped_long: dropped[0],
        dropped_short: dropped[1],
    })
}

/// `Ok` when `value` is finite and `ok`, else [`CascadeError::Input`] saying it must be
/// `rule`.
pub(super) fn check(
    field: &'static str,
    value: f64,
    ok: bool,
    rule: &'static str,
) -> Result<(), CascadeError> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(CascadeError::Input { field, value, rule })
    }
}

fn check_weights(
    field: &'static str,
    weights: impl Iterator<Item = f64>,
) -> Result<(), CascadeError> {
    let sum: f64 = weights.sum();
    check(field, sum, sum > 0.0, "above 0 in sum")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// BTCUSDT's first bracket (0.4 %, up to 125×), which the cascade's tests use.
    pub(in crate::cascade) fn bracket() -> Bracket {
        Bracket {
            notional_floor: 0.0,
            notional_cap: 50_000.0,
            max_leverage: 125.0,
            maintenance_rate: 0.004,
            maintenance_amount: 0.0,
        }
    }

    #[test]
    fn cohorts_by_hand() {
        // OI 1,000,000 at 100: 10,000 base; 80 % long. Longs at 10x: LP = 100·0.9/0.996.
        let mix = LeverageMix {
            buckets: vec![(10.0, 1.0)],
        };
        let b = bracket();
        let l = ladder(&LadderInput {
            open_interest: 1e6,
            long_share: 0.8,
            start_price: 100.0,
            entries: &[],
            mix: &mix,
            bracket: &b,
        })
        .expect("ladder");
        assert_eq!(l.cohorts.len(), 2);
        let long = l.cohorts[0];
        assert_eq!(long.side, Side::Long);
        assert!((long.size - 8_000.0).abs() < 1e-9);
        assert!((long.liquidation - 90.0 / 0.996).abs() < 1e-9);
        assert!((long.bankruptcy - 90.0).abs() < 1e-12);
        let short = l.cohorts[1];
        assert!((short.size - 2_000.0).abs() < 1e-9);
        assert!((short.liquidation - 110.0 / 1.004).abs() < 1e-9);
        assert!((short.bankruptcy - 110.0).abs() < 1e-12);
    }

    #[test]
    fn cohorts_already_under_water_are_dropped_and_the_side_keeps_its_share() {
        // Entries at 100 and 125 at 10x: a long from 125 has LP ≈ 112.95 > 100, so it is gone.
        let mix = LeverageMix {
            buckets: vec![(10.0, 1.0)],
        };
        let b = bracket();
        let l = ladder(&LadderInput {
            open_interest: 1e6,
            long_share: 1.0,
            start_price: 100.0,
            entries: &[(100.0, 1.0), (125.0, 3.0)],
            mix: &mix,
            bracket: &b,
        })
        .expect("ladder");
        assert!((l.dropped_long - 0.75).abs() < 1e-12);
        let longs: Vec<_> = l.cohorts.iter().filter(|c| c.side == Side::Long).collect();
        assert_eq!(longs.len(), 1);
        assert!((longs[0].size - 10_000.0).abs() < 1e-9);
        // No shorts at all: long share 1.
        assert!(l.cohorts.iter().all(|c| c.side == Side::Long));
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let b = bracket();
        let good = LeverageMixPreset::ExchangeRetail.mix();
        let input = |oi: f64, share: f64, mix: &LeverageMix| {
            ladder(&LadderInput {
                open_interest: oi,
                long_share: share,
                start_price: 100.0,
                entries: &[],
                mix,
                bracket: &b,
            })
        };
        assert!(matches!(
            input(f64::NAN, 0.5, &good),
            Err(CascadeError::Input {
                field: "open interest",
                ..
            })
        ));
        assert!(matches!(
            input(1e6, 1.5, &good),
            Err(CascadeError::Input {
                field: "long share",
                ..
            })
        ));
        let too_high = LeverageMix {
            buckets: vec![(200.0, 1.0)],
        };
        assert!(matches!(
            input(1e6, 0.5, &too_high),
            Err(CascadeError::LeverageAboveMaximum { .. })
        ));
        let zero = LeverageMix {
            buckets: vec![(0.0, 1.0)],
        };
        assert!(matches!(
            input(1e6, 0.5, &zero),
            Err(CascadeError::Input {
                field: "leverage",
                ..
            })
        ));
        let no_weight = LeverageMix {
            buckets: vec![(10.0, 0.0)],
        };
        assert!(matches!(
            input(1e6, 0.5, &no_weight),
            Err(CascadeError::Input {
                field: "leverage shares",
                ..
            })
        ));
        for preset in LeverageMixPreset::ALL {
            assert!(input(1e6, 0.5, &preset.mix()).is_ok(), "{preset:?}");
            assert!(!preset.source().is_empty());
        }
        // Capped to a contract that allows 25×: 50× and 100× become 25×.
        let (capped, moved) = LeverageMixPreset::HeatmapVendor.mix().capped(25.0);
        assert!(moved);
        assert_eq!(
            capped.buckets,
            vec![(10.0, 0.25), (25.0, 0.25), (25.0, 0.25), (25.0, 0.25)]
        );
        assert!(!LeverageMixPreset::HyperliquidObserved.mix().capped(25.0).1);
    }
}
