//! Illiquidity from history and volume: days to exit at a share of the daily volume, the
//! Amihud (2002) ratio from daily candles, volume over market capitalisation, and the
//! square-root law of the impact of selling spread over days.

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

/// The square-root law of market impact: selling (or buying) `quantity` in all, spread over a
/// day or more, moves the price by about `I = y · σ · √(quantity / adv)` (a fraction of the
/// price), with `adv` the average daily volume in the same units as `quantity`, `σ` the daily
/// volatility (a fraction) and `y` a constant of order one. It is the peak impact, when the
/// selling ends (part of it then relaxes), and it is an empirical law for orders up to a few
/// days' volume, an order of magnitude beyond.
///
/// Sources: Tóth, Lemperière, Deremble, de Lataillade, Kockelkoren and Bouchaud (2011),
/// "Anomalous price impact and the critical nature of liquidity in financial markets",
/// Physical Review X 1, 021006 (y of order one across markets, Bitcoin among them in later
/// work); Bouchaud, Bonart, Donier and Gould (2018), *Trades, Quotes and Prices*, ch. 12.
///
/// `Some(0)` for nothing sold; `None` unless `quantity ≥ 0`, `adv > 0`, `σ ≥ 0` and `y ≥ 0`,
/// all finite.
pub fn square_root_impact(quantity: f64, adv: f64, daily_volatility: f64, y: f64) -> Option<f64> {
    let ok = [quantity, adv, daily_volatility, y]
        .iter()
        .all(|v| v.is_finite())
        && quantity >= 0.0
        && adv > 0.0
        && daily_volatility >= 0.0
        && y >= 0.0;
    ok.then(|| y * daily_volatility * (quantity / adv).sqrt())
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

    #[test]
    fn the_square_root_law_worked_by_hand() {
        // 1 % of a day's volume at 2 % daily volatility, y = 1: 0.02 · √0.01 = 0.2 %, a tenth
        // of a day's move.
        assert!(near(
            square_root_impact(1.0, 100.0, 0.02, 1.0).expect("valid"),
            0.002
        ));
        // Four days' volume at 5 %, y = 0.5: 0.5 · 0.05 · 2 = 5 %.
        assert!(near(
            square_root_impact(400.0, 100.0, 0.05, 0.5).expect("valid"),
            0.05
        ));
        // Four times the quantity, twice the impact.
        let (a, b) = (
            square_root_impact(9.0, 50.0, 0.03, 1.0).expect("valid"),
            square_root_impact(36.0, 50.0, 0.03, 1.0).expect("valid"),
        );
        assert!(near(b, 2.0 * a));
        assert_eq!(square_root_impact(0.0, 100.0, 0.02, 1.0), Some(0.0));
        for bad in [
            square_root_impact(-1.0, 100.0, 0.02, 1.0),
            square_root_impact(1.0, 0.0, 0.02, 1.0),
            square_root_impact(1.0, 100.0, f64::NAN, 1.0),
            square_root_impact(1.0, 100.0, 0.02, -1.0),
            square_root_impact(f64::INFINITY, 100.0, 0.02, 1.0),
        ] {
            assert_eq!(bad, None);
        }
    }
}
