//! What new supply does to a holder who does not stake: the price of a constant share of the
//! network, and the supply over a past window reconstructed from the supply known today.

use super::{schedule, Component, SupplyStart, TokenomicsError};
use crate::time::Date;

/// The dilution-adjusted price: `p_t · T₀ / T_t`, the price times the share of the total
/// supply a token held since the first day still represents. A holder of `q` tokens owns
/// `q / T_t` of the network, worth `p_t · T_t` in all, so `p_t · T₀ / T_t` is what the share
/// `1 / T₀` they started with is worth per token: its change is the dilution-adjusted return
/// `(1 + r) · T₀ / T_t − 1` of a price return `r` (what the holder's share of the network did,
/// not just the price).
///
/// `None` when the lengths differ, the series is empty or `T₀` is not positive and finite;
/// a day whose total is not positive and finite is NaN.
pub fn dilution_adjusted(prices: &[f64], totals: &[f64]) -> Option<Vec<f64>> {
    let t0 = *totals.first()?;
    if prices.len() != totals.len() || !(t0.is_finite() && t0 > 0.0) {
        return None;
    }
    Some(
        prices
            .iter()
            .zip(totals)
            .map(|(p, t)| {
                if t.is_finite() && *t > 0.0 {
                    p * t0 / t
                } else {
                    f64::NAN
                }
            })
            .collect(),
    )
}

/// The total supply at the end of each of `days` days from `start_date`, for the start total
/// `X` with which the components `build(X)` end the last day at `end_total`: the supply over a
/// past window, reconstructed from the supply known at its end by the same rules that run it
/// forward. `build` receives the start total (TAO's halvings count issuance, so a start
/// supply is also a start issuance). Vesting cohorts are left out: they move tokens between
/// locked and circulating, not the total.
///
/// `X` is found by bisection on `[0, 4 · end_total]` (the end total rises with the start
/// total for every component) to a relative tolerance of 10⁻¹². Where a halving falls inside
/// the window the end jumps with the day it falls on, so two starts a day's emission apart can
/// reach the same end: the start is then known to within a day's emission.
///
/// # Errors
/// [`TokenomicsError::Bad`] for an end total that is not positive and finite or that no start
/// total in the bracket reaches; the schedule's own errors for its values.
pub fn backcast_totals(
    start_date: Date,
    days: usize,
    end_total: f64,
    build: impl Fn(f64) -> Vec<Component>,
) -> Result<Vec<f64>, TokenomicsError> {
    if !(end_total.is_finite() && end_total > 0.0) || days == 0 {
        return Err(TokenomicsError::Bad {
            what: "the total supply a reconstructed window ends at".to_owned(),
            expected: "positive and finite, over at least one day",
            value: end_total,
        });
    }
    let run = |x: f64| -> Result<Vec<f64>, TokenomicsError> {
        let components: Vec<Component> = build(x)
            .into_iter()
            .filter(|c| !matches!(c, Component::Vesting { .. }))
            .collect();
        let start = SupplyStart {
            total: x,
            circulating: x,
            staked_share: 0.0,
        };
        Ok(schedule(start_date, start, &components, days)?
            .iter()
            .map(|d| d.total)
            .collect())
    };
    let end = |x: f64| run(x).map(|t| t.last().copied().unwrap_or(x));
    let (mut lo, mut hi) = (0.0, 4.0 * end_total);
    if end(lo)? > end_total || end(hi)? < end_total {
        return Err(TokenomicsError::Bad {
            what: "the total supply a reconstructed window ends at".to_owned(),
            expected: "reachable from a start supply between 0 and 4 times it",
            value: end_total,
        });
    }
    while hi - lo > 1e-12 * end_total {
        let mid = 0.5 * (lo + hi);
        if end(mid)? < end_total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    run(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(burn_rate: f64) -> Vec<Component> {
        vec![Component::SupplyInflation {
            rates: vec![(Date::parse_iso("2020-01-01").expect("date"), 0.025)],
            treasury_share: 0.1,
            treasury_circulates: false,
            burn_rate,
            sell_through: 1.0,
        }]
    }

    #[test]
    fn a_constant_share_loses_what_the_supply_grows() {
        // Supply +25 % while the price doubles: the share is worth 2 / 1.25 = 1.6 times more.
        let adjusted = dilution_adjusted(&[10.0, 15.0, 20.0], &[100.0, 110.0, 125.0]).expect("ok");
        assert_eq!(adjusted[0], 10.0);
        assert!((adjusted[1] - 15.0 / 1.1).abs() < 1e-12);
        assert!((adjusted[2] - 16.0).abs() < 1e-12);
        assert!(dilution_adjusted(&[1.0], &[0.0]).is_none());
        assert!(dilution_adjusted(&[1.0, 2.0], &[1.0]).is_none());
        assert!(dilution_adjusted(&[1.0, 2.0], &[1.0, 0.0]).expect("ok")[1].is_nan());
    }

    #[test]
    fn backcast_of_compounding_inflation_is_the_closed_form() {
        // T_end = X · (1 + (r − b)/365)^n, so X = T_end / (1 + (r − b)/365)^n; within 1e-10.
        let start = Date::parse_iso("2025-12-01").expect("date");
        for burn in [0.0, 0.004] {
            let totals = backcast_totals(start, 365, 1.3e9, |_| near(burn)).expect("reaches");
            let growth = 1.0 + (0.025 - burn) / 365.0;
            assert_eq!(totals.len(), 365);
            assert!((totals[364] / 1.3e9 - 1.0).abs() < 1e-10);
            let x = 1.3e9 / growth.powi(365);
            assert!(
                (totals[0] / (x * growth) - 1.0).abs() < 1e-10,
                "{}",
                totals[0]
            );
        }
    }

    #[test]
    fn backcast_of_tao_finds_the_supply_before_the_halving() {
        // 30 days at 7,200 then 30 at 3,600 end at 10.5 M + 108,000 from 10.5 M − 216,000;
        // so do 31 then 29 from 3,600 less: a halving a day later gives the same end, so the
        // start is known to within a day's emission.
        let build = |x: f64| {
            vec![Component::HalvingEmission {
                issuance: x,
                base_per_day: 7_200.0,
                cap: 21e6,
                recycled_per_day: 0.0,
                burned_per_day: 0.0,
                sell_through: 1.0,
            }]
        };
        let start = Date::parse_iso("2025-11-15").expect("date");
        let totals = backcast_totals(start, 60, 10_608_000.0, build).expect("reaches");
        assert!((totals[59] - 10_608_000.0).abs() < 1e-4, "{}", totals[59]);
        let start = totals[0] - 7_200.0;
        assert!(
            [10_284_000.0, 10_280_400.0]
                .iter()
                .any(|x: &f64| (start - x).abs() < 1e-4),
            "{start}"
        );
        let halving = totals.windows(2).position(|w| w[1] - w[0] < 7_000.0);
        assert!(matches!(halving, Some(29 | 30)), "{halving:?}");
    }

    #[test]
    fn an_unreachable_or_bad_end_is_an_error() {
        let start = Date::parse_iso("2025-12-01").expect("date");
        for bad in [0.0, -1.0, f64::NAN] {
            assert!(backcast_totals(start, 10, bad, |_| near(0.0)).is_err());
        }
        // A fixed emission of 7,200 a day cannot end at 1,000 after 10 days.
        let fixed = |_| {
            vec![Component::YearlyEmission {
                start,
                yearly: vec![7_200.0 * 365.0],
                damping: 1.0,
                max_supply: 1e12,
                burned_per_day: 0.0,
                sell_through: 0.0,
            }]
        };
        assert!(backcast_totals(start, 10, 1_000.0, fixed).is_err());
    }
}
