//! Aligning assets on common dates before comparing them.
//!
//! Two assets are compared on the **inner join of their price dates**, and returns are taken on
//! the joined prices. A crypto asset against an equity thus gets, on a Monday, the return from
//! Friday's close to Monday's close, as the equity has. Gaps are never filled (QuantStats fills
//! them with zero returns, which understates volatility and biases beta).

use crate::returns::simple_returns;
use crate::series::{Calendar, PriceSeries};

/// Prices of several assets on the dates all of them have.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// Common observation times, increasing.
    pub times: Vec<i64>,
    /// Prices, one column per asset in the order given, each as long as `times`.
    pub prices: Vec<Vec<f64>>,
}

impl Aligned {
    /// Simple returns of each column's joined prices (one fewer than the common dates).
    pub fn returns(&self) -> Vec<Vec<f64>> {
        self.prices.iter().map(|p| simple_returns(p)).collect()
    }

    /// The calendar the common dates follow (weekday-only when any asset trades on weekdays).
    pub fn calendar(&self) -> Calendar {
        Calendar::observed(&self.times)
    }
}

/// Inner join of the series on their observation times.
pub fn align(series: &[&PriceSeries]) -> Aligned {
    let Some((first, rest)) = series.split_first() else {
        return Aligned {
            times: Vec::new(),
            prices: Vec::new(),
        };
    };
    // A merge join: every series is sorted by time, so one cursor per series only moves forward.
    let mut cursors = vec![0_usize; rest.len()];
    let mut times = Vec::new();
    let mut prices = vec![Vec::new(); series.len()];
    for (i, &t) in first.times().iter().enumerate() {
        let mut found = Vec::with_capacity(rest.len());
        for (s, cursor) in rest.iter().zip(cursors.iter_mut()) {
            let ts = s.times();
            while *cursor < ts.len() && ts[*cursor] < t {
                *cursor += 1;
            }
            if *cursor < ts.len() && ts[*cursor] == t {
                found.push(s.values()[*cursor]);
            } else {
                break;
            }
        }
        if found.len() == rest.len() {
            times.push(t);
            prices[0].push(first.values()[i]);
            for (column, value) in prices[1..].iter_mut().zip(found) {
                column.push(value);
            }
        }
    }
    Aligned { times, prices }
}

/// Each column of aligned prices rebased to 100 at the first common date:
/// `I_t = 100 · P_t / P_0`, so assets of any price level compare on one axis.
pub fn indexed_to_100(aligned: &Aligned) -> Vec<Vec<f64>> {
    aligned
        .prices
        .iter()
        .map(|column| match column.first() {
            Some(&first) => column.iter().map(|p| 100.0 * p / first).collect(),
            None => Vec::new(),
        })
        .collect()
}

/// Daily returns of an equally weighted basket, rebalanced every period: the mean of the
/// constituents' returns on each common period (`columns` are return series of equal length).
pub fn equal_weight_returns(columns: &[Vec<f64>]) -> Vec<f64> {
    let n = columns.first().map_or(0, Vec::len);
    (0..n)
        .map(|t| columns.iter().map(|c| c[t]).sum::<f64>() / columns.len() as f64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn friday_to_monday_returns_for_crypto_against_an_equity() {
        // Crypto Fri, Sat, Sun, Mon; equity Fri, Mon (2024-04-12 was a Friday).
        let fri = 1_712_880_000;
        let crypto = PriceSeries::new(
            (0..4).map(|i| fri + i * DAY).collect(),
            vec![100.0, 90.0, 95.0, 110.0],
        )
        .expect("valid");
        let equity = PriceSeries::new(vec![fri, fri + 3 * DAY], vec![50.0, 55.0]).expect("valid");
        let joined = align(&[&crypto, &equity]);
        assert_eq!(joined.times, [fri, fri + 3 * DAY]);
        let returns = joined.returns();
        assert!((returns[0][0] - 0.1).abs() < 1e-15 && (returns[1][0] - 0.1).abs() < 1e-15);
        assert_eq!(joined.calendar(), Calendar::Weekdays);
        let reversed = align(&[&equity, &crypto]);
        assert_eq!(
            (reversed.times, reversed.prices[0].clone()),
            (joined.times, joined.prices[1].clone())
        );
    }

    #[test]
    fn indexing_starts_every_asset_at_100() {
        let a = PriceSeries::new(vec![0, DAY, 2 * DAY], vec![50.0, 55.0, 45.0]).expect("valid");
        let b = PriceSeries::new(vec![DAY, 2 * DAY], vec![2.0, 3.0]).expect("valid");
        let joined = align(&[&a, &b]);
        assert_eq!(
            indexed_to_100(&joined),
            [vec![100.0, 100.0 * 45.0 / 55.0], vec![100.0, 150.0]]
        );
    }

    #[test]
    fn basket_is_the_mean_return() {
        assert_eq!(
            equal_weight_returns(&[vec![0.1, 0.0], vec![0.3, -0.2]]),
            [0.2, -0.1]
        );
        assert!(align(&[]).times.is_empty());
    }
}
