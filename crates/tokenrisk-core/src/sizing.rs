//! Position sizing: how large one position should be, by three rules and two limits, and how
//! far a leveraged one is from liquidation.
//!
//! Every size is the position's **value** (its exposure, `q · P`) in the quote currency, for an
//! account of equity `E`; a leveraged position puts up `value / L` of it as margin.
//!
//! - Rules: [`fixed_fractional`] (lose a set share of equity at the stop),
//!   [`volatility_target`] (a set annualised volatility of equity from this position) and
//!   [`kelly_fraction`] (the growth-optimal share, to be scaled down).
//! - Limits: the exit liquidity (the largest sale within a slippage limit,
//!   [`crate::execution::max_size_within`] on a thinned book) and [`es_cap`] (the position's
//!   part of the portfolio's expected shortfall).
//! - [`liquidation_distance`]: the move that liquidates an isolated position.

use crate::portfolio::exposure_tail_contributions;
use crate::MetricError;

/// Fixed-fractional sizing (Van Tharp, *Trade Your Way to Financial Freedom*, ch. 14): the
/// value whose loss at the stop is `risk` of equity,
///
/// ```text
/// V = E · risk · entry / |entry − stop|
/// ```
///
/// (the stop's distance as a share of the entry price; a gap through the stop loses more).
///
/// # Errors
/// [`MetricError::InvalidParameter`] unless `equity > 0`, `0 < risk ≤ 1`, `entry > 0`,
/// `stop > 0`, `stop ≠ entry`, all finite.
pub fn fixed_fractional(equity: f64, risk: f64, entry: f64, stop: f64) -> Result<f64, MetricError> {
    positive(equity, "equity must be a number above 0")?;
    positive(entry, "the entry price must be a number above 0")?;
    positive(stop, "the stop must be a number above 0")?;
    if !(risk > 0.0 && risk <= 1.0) {
        return Err(MetricError::InvalidParameter(
            "the risk per trade must be above 0 and at most 100 %",
        ));
    }
    let distance = (entry - stop).abs() / entry;
    if distance == 0.0 {
        return Err(MetricError::InvalidParameter(
            "the stop is at the entry price",
        ));
    }
    Ok(equity * risk / distance)
}

/// Volatility targeting: the value whose annualised volatility, alone, is `target` of equity,
/// `V = E · target / σ` (σ the asset's annualised volatility).
///
/// # Errors
/// [`MetricError::InvalidParameter`] unless `equity > 0`, `target > 0` and `volatility > 0`,
/// all finite.
pub fn volatility_target(equity: f64, target: f64, volatility: f64) -> Result<f64, MetricError> {
    positive(equity, "equity must be a number above 0")?;
    positive(target, "the volatility target must be a number above 0")?;
    positive(
        volatility,
        "the asset's volatility must be a number above 0",
    )?;
    Ok(equity * target / volatility)
}

/// The full Kelly fraction of equity for one asset with continuous returns (Thorp, 2006, "The
/// Kelly criterion in blackjack, sports betting and the stock market", §7):
///
/// ```text
/// f* = (μ − r) / σ²
/// ```
///
/// with `μ` the annualised arithmetic mean return, `r` the risk-free rate and `σ` the
/// annualised volatility. It maximises the expected log growth **if μ and σ are the true
/// ones**; estimated from a few years of daily data, μ's standard error is about `σ/√years`,
/// often larger than μ itself, so practitioners bet a fraction (¼ to ½) of it. Negative: the
/// rule says not to hold the asset (or to short it).
///
/// # Errors
/// [`MetricError::InvalidParameter`] for a non-finite mean or rate, or a volatility not above
/// 0.
pub fn kelly_fraction(mean: f64, risk_free: f64, volatility: f64) -> Result<f64, MetricError> {
    if !(mean.is_finite() && risk_free.is_finite()) {
        return Err(MetricError::InvalidParameter(
            "the mean return and the risk-free rate must be numbers",
        ));
    }
    positive(
        volatility,
        "the asset's volatility must be a number above 0",
    )?;
    Ok((mean - risk_free) / (volatility * volatility))
}

/// The largest exposure weight (value ÷ equity, ≥ 0) of holding `which`, the other holdings'
/// weights as given, whose component expected shortfall in the portfolio (historical, one
/// period, at `confidence`, [`exposure_tail_contributions`]) stays at most `cap` (a share of
/// equity): the first size at which it passes the cap. `short` sizes a short position.
///
/// Component ES is not monotone in the weight in general (the tail days change with it), so
/// the weight is scanned on a geometric grid up to `max_weight` and the first crossing refined
/// by bisection to 1e-12 relative. `None`: no weight up to `max_weight` passes the cap (e.g. a
/// hedge, whose part of the ES is negative).
///
/// # Errors
/// As [`exposure_tail_contributions`]; [`MetricError::InvalidParameter`] for `which` outside
/// the columns, a cap not above 0 or a `max_weight` not above 0 (both finite).
pub fn es_cap(
    columns: &[Vec<f64>],
    weights: &[f64],
    which: usize,
    short: bool,
    cap: f64,
    confidence: f64,
    max_weight: f64,
) -> Result<Option<f64>, MetricError> {
    positive(cap, "the cap must be a number above 0")?;
    positive(max_weight, "the largest weight must be a number above 0")?;
    if which >= weights.len() {
        return Err(MetricError::InvalidParameter("no such holding"));
    }
    let side = if short { -1.0 } else { 1.0 };
    let mut trial = weights.to_vec();
    let mut over = |x: f64| -> Result<bool, MetricError> {
        trial[which] = side * x;
        let t = exposure_tail_contributions(columns, &trial, confidence)?;
        Ok(t.component_es[which] > cap)
    };
    const STEPS: i32 = 400;
    // From max_weight / 10⁸ up to max_weight, each step ×10^(8/400) ≈ 4.7 %.
    let grid = |k: i32| max_weight * 10_f64.powf(8.0 * f64::from(k - STEPS) / f64::from(STEPS));
    let mut low = 0.0;
    for k in 0..=STEPS {
        let x = grid(k);
        if over(x)? {
            let mut high = x;
            while high - low > 1e-12 * high {
                let mid = 0.5 * (low + high);
                if over(mid)? {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            return Ok(Some(low));
        }
        low = x;
    }
    Ok(None)
}

/// The price move, as a share of today's price, that liquidates an isolated position at
/// leverage `leverage` with maintenance margin `maintenance` (a share of its value): from its
/// equity `X/L + s X (G − 1)` meeting `m X G`,
///
/// ```text
/// long:  G = (1 − 1/L) / (1 − m),  distance 1 − G
/// short: G = (1 + 1/L) / (1 + m),  distance G − 1
/// ```
///
/// `None` for a long that no fall liquidates (`L ≤ 1`).
///
/// # Errors
/// [`MetricError::InvalidParameter`] unless `leverage > 0` and `0 ≤ maintenance < 1`, finite.
pub fn liquidation_distance(
    leverage: f64,
    maintenance: f64,
    short: bool,
) -> Result<Option<f64>, MetricError> {
    positive(leverage, "the leverage must be a number above 0")?;
    if !(0.0..1.0).contains(&maintenance) {
        return Err(MetricError::InvalidParameter(
            "the maintenance margin must be at least 0 and below 100 %",
        ));
    }
    let inverse = 1.0 / leverage;
    Ok(if short {
        Some((1.0 + inverse) / (1.0 + maintenance) - 1.0)
    } else {
        let level = (1.0 - inverse) / (1.0 - maintenance);
        (level > 0.0).then_some(1.0 - level)
    })
}

fn positive(value: f64, why: &'static str) -> Result<(), MetricError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(MetricError::InvalidParameter(why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_fractional_worked_example() {
        // 100,000 equity, 1 % at risk, bought at 250 with a stop at 200: a 20 % stop, so a
        // position of 5,000 (20 units) loses 1,000 there.
        let v = fixed_fractional(100_000.0, 0.01, 250.0, 200.0).expect("valid");
        assert!((v - 5_000.0).abs() < 1e-9);
        // A short's stop above the entry.
        let s = fixed_fractional(100_000.0, 0.01, 250.0, 300.0).expect("valid");
        assert!((s - 5_000.0).abs() < 1e-9);
        for bad in [
            fixed_fractional(0.0, 0.01, 250.0, 200.0),
            fixed_fractional(1.0, 0.0, 250.0, 200.0),
            fixed_fractional(1.0, 1.5, 250.0, 200.0),
            fixed_fractional(1.0, 0.01, 250.0, 250.0),
            fixed_fractional(1.0, f64::NAN, 250.0, 200.0),
            fixed_fractional(1.0, 0.01, -1.0, 200.0),
        ] {
            assert!(bad.is_err());
        }
    }

    #[test]
    fn volatility_target_and_kelly_closed_forms() {
        // 20 % target on an asset of 80 % volatility: a quarter of equity.
        assert_eq!(volatility_target(1_000.0, 0.2, 0.8), Ok(250.0));
        assert!(volatility_target(1_000.0, 0.2, 0.0).is_err());
        // μ 30 %, r 5 %, σ 50 %: f* = 0.25 / 0.25 = 1.
        assert_eq!(kelly_fraction(0.30, 0.05, 0.5), Ok(1.0));
        assert_eq!(kelly_fraction(-0.1, 0.0, 1.0), Ok(-0.1));
        assert!(kelly_fraction(f64::INFINITY, 0.0, 1.0).is_err());
    }

    #[test]
    fn liquidation_distance_matches_the_equity_equation() {
        // 10× long, 1 % maintenance: G = 0.9 / 0.99.
        let long = liquidation_distance(10.0, 0.01, false).expect("valid");
        assert!((long.expect("liquidated") - (1.0 - 0.9 / 0.99)).abs() < 1e-15);
        // 3× short: G = (4/3) / 1.01.
        let short = liquidation_distance(3.0, 0.01, true).expect("valid");
        assert!((short.expect("liquidated") - ((4.0 / 3.0) / 1.01 - 1.0)).abs() < 1e-15);
        // At the distance, equity equals the maintenance margin.
        for (l, m, s) in [(5.0, 0.004, false), (20.0, 0.025, true), (1.5, 0.0, false)] {
            let d = liquidation_distance(l, m, s)
                .expect("valid")
                .expect("a price");
            let g: f64 = if s { 1.0 + d } else { 1.0 - d };
            let side = if s { -1.0 } else { 1.0 };
            let equity = 1.0 / l + side * (g - 1.0);
            assert!((equity - m * g).abs() < 1e-12, "{l} {m} {s}");
        }
        assert_eq!(liquidation_distance(1.0, 0.01, false), Ok(None));
        assert!(liquidation_distance(0.0, 0.01, false).is_err());
        assert!(liquidation_distance(2.0, 1.0, false).is_err());
    }

    #[test]
    fn es_cap_of_one_holding_is_the_cap_over_its_own_es() {
        // Alone, the holding's component ES is x · ES(r): the cap binds at cap / ES(r).
        let r: Vec<f64> = (0..200)
            .map(|t| 0.03 * (f64::from(t) * 0.9).sin())
            .collect();
        let es = crate::tail::historical(&r, 0.95).expect("valid").es;
        let x = es_cap(&[r], &[0.0], 0, false, 0.02, 0.95, 100.0)
            .expect("valid")
            .expect("binds");
        assert!((x - 0.02 / es).abs() < 1e-10 * x, "{x} vs {}", 0.02 / es);
    }

    #[test]
    fn a_hedge_never_reaches_the_cap() {
        let a: Vec<f64> = (0..200)
            .map(|t| 0.03 * (f64::from(t) * 0.9).sin())
            .collect();
        let b: Vec<f64> = a.iter().map(|x| -0.5 * x).collect();
        // b gains on a's worst days: as long as a dominates, b's part of the ES is negative.
        assert_eq!(
            es_cap(&[a, b], &[1.0, 0.0], 1, false, 0.02, 0.95, 1.5),
            Ok(None)
        );
        assert!(es_cap(&[vec![0.1, 0.2]], &[0.0], 1, false, 0.02, 0.95, 1.0).is_err());
        assert!(es_cap(&[vec![0.1, 0.2]], &[0.0], 0, false, 0.0, 0.95, 1.0).is_err());
    }
}
