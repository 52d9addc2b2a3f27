//! Illiquidity from history and volume: days to exit at a share of the daily volume, the
//! Amihud (2002) ratio from daily candles, and volume over market capitalisation.

use crate::returns::simple_returns;

/// Days to exit a position trading a share of the average daily volume:
/// `position / (participation · adv)`, all in base units (or all in quote units).
/// `None` unless `position ≥ 0`, `adv > 0` and `0 < participation ≤ 1`, all finite.
pub fn days_to_exit(position: f64, adv: f64, participation: f64) -> Option<f64> {
    let ok = position.is_finite()
        && position >= 0.0
        && adv.is_finite()
        && adv > 0.0
        && participation.is_finite()
        && participation > 0.0
        && participation <= 1.0;
    ok.then(|| position / (participation * adv))
}

/// Amihud (2002) illiquidity: the mean over days of `|r_t| / DV_t`, with `r_t` the day's
/// return (a fraction) and `DV_t` its dollar (quote) volume. Scaling: the result is per unit
/// of quote volume (a return per dollar traded); multiply by 10⁶ for the usual "per million
/// dollars". Days whose volume is not positive and finite or whose return is not finite are
/// left out. `None` when the inputs differ in length or no day is left.
pub fn amihud(returns: &[f64], dollar_volumes: &[f64]) -> Option<f64> {
    if returns.len() != dollar_volumes.len() {
        return None;
    }
    let (sum, n) = returns
        .iter()
        .zip(dollar_volumes)
        .filter(|(r, v)| r.is_finite() && v.is_finite() && **v > 0.0)
        .fold((0.0, 0usize), |(s, n), (r, v)| (s + r.abs() / v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// [`amihud`] from daily candles: `r_t = close_t / close_{t−1} − 1` paired with the quote
/// volume of day `t` (the first day has no return). `None` when the lengths differ or no day
/// is usable.
pub fn amihud_from_candles(closes: &[f64], quote_volumes: &[f64]) -> Option<f64> {
    if closes.len() != quote_volumes.len() || closes.len() < 2 {
        return None;
    }
    amihud(&simple_returns(closes), &quote_volumes[1..])
}

/// Volume over market capitalisation (turnover): `volume / market_cap`, both in the same
/// quote currency over the same period (a day for daily turnover). `None` unless the volume is
/// non-negative and the market cap positive, both finite.
pub fn volume_to_market_cap(volume: f64, market_cap: f64) -> Option<f64> {
    (volume.is_finite() && volume >= 0.0 && market_cap.is_finite() && market_cap > 0.0)
        .then(|| volume / market_cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn days_amihud_and_turnover() {
        assert_eq!(days_to_exit(1000.0, 500.0, 0.1), Some(20.0));
        assert_eq!(days_to_exit(1000.0, 0.0, 0.1), None);
        assert_eq!(days_to_exit(1000.0, 500.0, 1.5), None);
        assert_eq!(days_to_exit(-1.0, 500.0, 0.1), None);
        // |0.1|/1e6 and |−0.05|/5e5: mean 1e-7.
        assert!(near(
            amihud(&[0.1, -0.05], &[1e6, 5e5]).expect("days"),
            1e-7
        ));
        assert_eq!(amihud(&[0.1], &[0.0]), None);
        assert_eq!(amihud(&[0.1], &[1.0, 2.0]), None);
        // Closes 100 → 110 → 99: returns 0.1, −0.1 with volumes 1e6, 2e6.
        let a = amihud_from_candles(&[100.0, 110.0, 99.0], &[5e5, 1e6, 2e6]).expect("days");
        assert!(near(a, (0.1 / 1e6 + 0.1 / 2e6) / 2.0));
        assert_eq!(volume_to_market_cap(5e6, 1e8), Some(0.05));
        assert_eq!(volume_to_market_cap(5e6, 0.0), None);
    }
}
