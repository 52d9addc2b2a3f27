//! The closed-form curves the supply components follow: Bittensor's emission by issuance, the
//! Internet Computer's voting-reward rate, and a vesting cohort's cumulative release.

/// Emission per day at `issuance` for a chain that emits `base_per_day` until issuance reaches
/// half of `cap`, then halves at each of `cap · (1 − 2^−k)`: Bittensor's
/// `get_block_emission_for_issuance` (`opentensor/subtensor`,
/// `pallets/subtensor/src/coinbase/block_emission.rs`, as transcribed in
/// `shared/design/facts-2026.md` §1.1):
/// `base · 2^−floor(log2(1 / (1 − I/cap)))`, and 0 once `I ≥ cap`. TAO: `base` 7,200 a day
/// (1 TAO a block, 7,200 blocks), `cap` 21 M, so 3,600 from 10.5 M, 1,800 from 15.75 M, 900
/// from 18.375 M.
///
/// Computed from the thresholds rather than the logarithm, so each threshold is exact in
/// floating point (the chain's own arithmetic is on integers of rao). Negative or NaN issuance
/// emits the base.
pub fn halving_emission(issuance: f64, base_per_day: f64, cap: f64) -> f64 {
    if issuance >= cap {
        return 0.0;
    }
    let mut emission = base_per_day;
    let mut threshold = cap / 2.0;
    // At most 1,100 halvings before the emission underflows to 0.
    while issuance >= threshold && emission > 0.0 {
        emission /= 2.0;
        threshold += (cap - threshold) / 2.0;
        if threshold >= cap {
            break;
        }
    }
    emission
}

/// The Internet Computer's voting-reward rate (a fraction a year of total supply) on day `t`
/// after genesis (2021-05-10): `Rf + (R0 − Rf) · ((T − t) / T)²` while `t ≤ T`, `Rf` after,
/// with `R0 = start_rate`, `Rf = floor_rate`, `T = decline_days` (`dfinity/ic`,
/// `rs/nns/governance/src/reward/calculation.rs`; R0 10 %, Rf 5 %, T = 8 × 365.25 = 2,922
/// days; facts-2026 §3.1). Days before genesis give the start rate.
pub fn declining_rate(t: f64, start_rate: f64, floor_rate: f64, decline_days: f64) -> f64 {
    if t >= decline_days {
        return floor_rate;
    }
    let left = ((decline_days - t.max(0.0)) / decline_days).clamp(0.0, 1.0);
    floor_rate + (start_rate - floor_rate) * left * left
}

/// What a vesting cohort of `amount` has released `elapsed` days after its start: nothing
/// before the cliff; then, released linearly (`step_days` 0) or in equal steps every
/// `step_days`, `amount · min(1, vested_days / duration_days)` with what accrued during the
/// cliff released at the cliff (the common "cliff, then linear" grant); whatever is left is
/// released at the end of the duration. A cohort with no duration releases everything at the
/// cliff.
pub fn vested(
    amount: f64,
    elapsed: f64,
    cliff_days: f64,
    duration_days: f64,
    step_days: f64,
) -> f64 {
    if elapsed < cliff_days || elapsed < 0.0 {
        return 0.0;
    }
    // The last release is at the end, even when the steps do not divide the duration.
    if duration_days <= 0.0 || elapsed >= duration_days {
        return amount;
    }
    let days = if step_days > 0.0 {
        (elapsed / step_days).floor() * step_days
    } else {
        elapsed
    };
    amount * (days / duration_days).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// facts-2026 §1.1's table: TAO a day by issuance reached.
    #[test]
    fn tao_halves_at_each_published_threshold() {
        let day = |i: f64| halving_emission(i, 7_200.0, 21e6);
        for (issuance, per_day) in [
            (0.0, 7_200.0),
            (10_499_999.0, 7_200.0),
            (10_500_000.0, 3_600.0),
            (15_749_999.0, 3_600.0),
            (15_750_000.0, 1_800.0),
            (18_375_000.0, 900.0),
            (19_687_500.0, 450.0),
            (20_343_750.0, 225.0),
            (21e6, 0.0),
            (22e6, 0.0),
        ] {
            assert_eq!(day(issuance), per_day, "{issuance}");
        }
        // The logarithm form of the chain's code, away from the thresholds.
        for issuance in [1.0_f64, 5e6, 12e6, 17e6, 20.9e6, 20.999_999e6] {
            let k = (1.0 / (1.0 - issuance / 21e6)).log2().floor();
            assert_eq!(day(issuance), 7_200.0 / 2f64.powf(k), "{issuance}");
        }
    }

    /// facts-2026 §3.1: 10 % at genesis, 6.25 % after four years, 5 % after eight; 5.88 % on
    /// 2026-01-01 (day 1,697) and 5.47 % on 2026-11-30 (day 2,030), 3.46 % with the
    /// adjustment factor 0.6329.
    #[test]
    fn icp_rate_at_published_dates() {
        let rate = |t: f64| declining_rate(t, 0.10, 0.05, 2_922.0);
        assert_eq!(rate(0.0), 0.10);
        assert!((rate(1_461.0) - 0.0625).abs() < 1e-15);
        assert_eq!(rate(2_922.0), 0.05);
        assert_eq!(rate(10_000.0), 0.05);
        assert_eq!((rate(1_697.0) * 1e4).round() / 1e2, 5.88);
        assert_eq!((rate(2_030.0) * 1e4).round() / 1e2, 5.47);
        assert_eq!((rate(2_030.0) * 0.6329 * 1e4).round() / 1e2, 3.46);
    }

    #[test]
    fn a_cohort_vests_its_amount_by_its_end_and_never_more() {
        // 1,200 over 360 days after a 90-day cliff: 300 at the cliff, 600 at day 180.
        assert_eq!(vested(1_200.0, 89.0, 90.0, 360.0, 0.0), 0.0);
        assert_eq!(vested(1_200.0, 90.0, 90.0, 360.0, 0.0), 300.0);
        assert_eq!(vested(1_200.0, 180.0, 90.0, 360.0, 0.0), 600.0);
        assert_eq!(vested(1_200.0, 360.0, 90.0, 360.0, 0.0), 1_200.0);
        assert_eq!(vested(1_200.0, 5_000.0, 90.0, 360.0, 0.0), 1_200.0);
        // Monthly steps of 30 days: day 119 still 3 steps.
        assert_eq!(vested(1_200.0, 119.0, 90.0, 360.0, 30.0), 300.0);
        assert_eq!(vested(1_200.0, 120.0, 90.0, 360.0, 30.0), 400.0);
        assert_eq!(vested(500.0, 10.0, 10.0, 0.0, 0.0), 500.0);
        // Steps of 50 days over 120: 100 at day 100, all of it at day 120.
        assert_eq!(vested(1_200.0, 119.0, 0.0, 120.0, 50.0), 1_000.0);
        assert_eq!(vested(1_200.0, 120.0, 0.0, 120.0, 50.0), 1_200.0);
    }
}
