//! Sector-wide figures from CoinGecko's market list: each coin's last-7-days volatility and beta
//! to BTC from its hourly sparkline, and the sector's 7-day change from its coins' market caps.
//!
//! Conventions: sparkline prices are about hourly and end at the same moment for every coin, so
//! two sparklines are aligned from their ends; simple returns; ddof 1; hourly volatility is
//! annualised with √(24 · 365) = √8,760 (crypto trades every hour of the year). Seven days of
//! hourly returns is a short sample: these figures describe the last week, not the long run.

use crate::relative::beta;
use crate::returns::simple_returns;
use crate::volatility::annualised_volatility;

/// Hours in a year of continuous trading.
pub const HOURS_PER_YEAR: f64 = 24.0 * 365.0;

/// The returns between consecutive finite prices (a gap breaks the pair on each side).
fn finite_returns(prices: &[f64]) -> Vec<f64> {
    simple_returns(prices)
        .into_iter()
        .filter(|r| r.is_finite())
        .collect()
}

/// Annualised volatility of a sparkline's hourly simple returns: `std(r, ddof = 1) · √8,760`;
/// `None` with fewer than two returns.
pub fn sparkline_volatility(prices: &[f64]) -> Option<f64> {
    annualised_volatility(&finite_returns(prices), HOURS_PER_YEAR).ok()
}

/// Beta of a sparkline to a benchmark's: both cut to their common length from the end, hourly
/// simple returns, periods where either return is not finite dropped, then
/// `cov(r, b) / var(b)` (ddof 1). `None` with fewer than three common returns.
pub fn sparkline_beta(prices: &[f64], benchmark: &[f64]) -> Option<f64> {
    let n = prices.len().min(benchmark.len());
    let (r, b) = (
        simple_returns(&prices[prices.len() - n..]),
        simple_returns(&benchmark[benchmark.len() - n..]),
    );
    let (r, b): (Vec<f64>, Vec<f64>) = r
        .into_iter()
        .zip(b)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .unzip();
    if r.len() < 3 {
        return None;
    }
    beta(&r, &b).ok()
}

/// The 7-day change of the coins' total market cap, from each coin's cap now and its price
/// change: `Σ cap / Σ (cap / (1 + change)) − 1` (a coin's cap a week ago is taken as its cap
/// now over its price change, i.e. supply assumed unchanged over the week). Coins without
/// both figures are left out; `None` when none is left.
pub fn market_cap_change(coins: &[(f64, f64)]) -> Option<f64> {
    let (now, before) = coins
        .iter()
        .filter(|(cap, change)| {
            cap.is_finite() && *cap > 0.0 && change.is_finite() && *change > -1.0
        })
        .fold((0.0, 0.0), |(n, b), (cap, change)| {
            (n + cap, b + cap / (1.0 + change))
        });
    (before > 0.0).then(|| now / before - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn market_cap_change_by_hand() {
        // 100 up 25 % (80 before) and 50 down 50 % (100 before): 150 / 180 − 1.
        let change =
            market_cap_change(&[(100.0, 0.25), (50.0, -0.5), (10.0, f64::NAN)]).expect("two coins");
        assert!((change - (150.0 / 180.0 - 1.0)).abs() < 1e-15);
        assert_eq!(market_cap_change(&[(0.0, 0.1)]), None);
    }

    #[test]
    fn gaps_and_short_sparklines() {
        assert_eq!(
            sparkline_volatility(&[1.0, f64::NAN, 2.0]),
            None,
            "no two finite returns"
        );
        assert_eq!(sparkline_beta(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]), None);
        let x = [1.0, 1.1, 1.0, 1.2, 1.1, 1.3];
        let doubled: Vec<f64> = simple_returns(&x)
            .iter()
            .scan(1.0, |p, r| {
                *p *= 1.0 + 2.0 * r;
                Some(*p)
            })
            .collect();
        let with_start: Vec<f64> = std::iter::once(1.0).chain(doubled).collect();
        let b = sparkline_beta(&with_start, &x).expect("enough");
        assert!(
            (b - 2.0).abs() < 1e-12,
            "returns twice the benchmark's have beta 2: {b}"
        );
    }
}
