//! Maintenance-margin brackets (tiers) of a USDⓈ-M contract: a bracket's maintenance margin,
//! and a table of brackets validated against Binance's rules (contiguous notional ranges,
//! rates below `1 / max leverage`, maintenance amounts following
//! `cum_n = floor_n·(MMR_n − MMR_{n−1}) + cum_{n−1}`).

/// One maintenance-margin bracket (tier): positions whose notional is in
/// `[notional_floor, notional_cap)` may use up to `max_leverage` and keep
/// `notional · maintenance_rate − maintenance_amount` as maintenance margin.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bracket {
    /// Lowest notional of the bracket (quote currency), included.
    pub notional_floor: f64,
    /// Notional where the next bracket starts, excluded.
    pub notional_cap: f64,
    /// Highest leverage a position opened in this bracket may use.
    pub max_leverage: f64,
    /// Maintenance margin rate (a fraction, `0.004` is 0.4 %).
    pub maintenance_rate: f64,
    /// Maintenance amount (Binance's `cum`), quote currency.
    pub maintenance_amount: f64,
}

impl Bracket {
    /// Maintenance margin of a position of this notional in this bracket:
    /// `notional · maintenance_rate − maintenance_amount`.
    pub fn maintenance_margin(&self, notional: f64) -> f64 {
        notional * self.maintenance_rate - self.maintenance_amount
    }
}

/// Why a bracket table is not usable.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// No bracket.
    #[error("the bracket table is empty")]
    Empty,
    /// A number is NaN or infinite.
    #[error("bracket {tier} has a value that is not a finite number")]
    NotFinite {
        /// The bracket, from 1.
        tier: usize,
    },
    /// The first bracket does not start at notional 0.
    #[error("bracket 1 starts at notional {floor}, not 0")]
    FirstFloorNotZero {
        /// The first bracket's floor.
        floor: f64,
    },
    /// A bracket's cap is not above its floor.
    #[error("bracket {tier}'s cap is not above its floor")]
    NotIncreasing {
        /// The bracket, from 1.
        tier: usize,
    },
    /// A bracket does not start where the previous one ends.
    #[error("bracket {tier} starts at {floor}, not at the previous cap {previous_cap}")]
    NotContiguous {
        /// The bracket, from 1.
        tier: usize,
        /// Its floor.
        floor: f64,
        /// The previous bracket's cap.
        previous_cap: f64,
    },
    /// A maintenance rate is not in (0, 1), or is below the previous bracket's.
    #[error("bracket {tier}'s maintenance rate {rate} is not in (0, 1) and at least the previous bracket's")]
    Rate {
        /// The bracket, from 1.
        tier: usize,
        /// Its rate.
        rate: f64,
    },
    /// A maximum leverage is below 1, or its initial margin rate `1 / max_leverage` is not above
    /// the maintenance rate (a position opened at the maximum would be liquidated at once).
    #[error("bracket {tier}'s maximum leverage {max_leverage} is below 1 or leaves less initial margin than maintenance margin")]
    MaxLeverage {
        /// The bracket, from 1.
        tier: usize,
        /// Its maximum leverage.
        max_leverage: f64,
    },
    /// A maintenance amount differs from Binance's recursion
    /// `cum_n = floor_n·(MMR_n − MMR_{n−1}) + cum_{n−1}` (`cum_1 = 0`).
    #[error("bracket {tier}'s maintenance amount is {found}, the recursion gives {expected}")]
    Amount {
        /// The bracket, from 1.
        tier: usize,
        /// What the recursion gives.
        expected: f64,
        /// What the table says.
        found: f64,
    },
}

/// A validated bracket table: at least one bracket, the first from notional 0, each starting at
/// the previous cap, rates in (0, 1) and non-decreasing, `1 ≤ max_leverage < 1 / rate`, and
/// maintenance amounts following Binance's recursion (to the cent).
#[derive(Debug, Clone, PartialEq)]
pub struct BracketTable {
    brackets: Vec<Bracket>,
}

impl BracketTable {
    /// Validates `brackets` (lowest notional first).
    ///
    /// # Errors
    /// The first rule a bracket breaks, naming the bracket from 1.
    pub fn new(brackets: Vec<Bracket>) -> Result<Self, TableError> {
        let first = brackets.first().ok_or(TableError::Empty)?;
        if first.notional_floor != 0.0 {
            return Err(TableError::FirstFloorNotZero {
                floor: first.notional_floor,
            });
        }
        let mut previous: Option<&Bracket> = None;
        let mut expected_amount = 0.0;
        for (i, b) in brackets.iter().enumerate() {
            let tier = i + 1;
            let values = [
                b.notional_floor,
                b.notional_cap,
                b.max_leverage,
                b.maintenance_rate,
                b.maintenance_amount,
            ];
            if values.iter().any(|v| !v.is_finite()) {
                return Err(TableError::NotFinite { tier });
            }
            if b.notional_cap <= b.notional_floor {
                return Err(TableError::NotIncreasing { tier });
            }
            let previous_rate = previous.map_or(0.0, |p| p.maintenance_rate);
            if let Some(p) = previous {
                if b.notional_floor != p.notional_cap {
                    return Err(TableError::NotContiguous {
                        tier,
                        floor: b.notional_floor,
                        previous_cap: p.notional_cap,
                    });
                }
            }
            if !(b.maintenance_rate > 0.0
                && b.maintenance_rate < 1.0
                && b.maintenance_rate >= previous_rate)
            {
                return Err(TableError::Rate {
                    tier,
                    rate: b.maintenance_rate,
                });
            }
            if !(b.max_leverage >= 1.0 && b.max_leverage * b.maintenance_rate < 1.0) {
                return Err(TableError::MaxLeverage {
                    tier,
                    max_leverage: b.max_leverage,
                });
            }
            expected_amount += b.notional_floor * (b.maintenance_rate - previous_rate);
            if (b.maintenance_amount - expected_amount).abs() > 0.01 + 1e-9 * expected_amount.abs()
            {
                return Err(TableError::Amount {
                    tier,
                    expected: expected_amount,
                    found: b.maintenance_amount,
                });
            }
            previous = Some(b);
        }
        Ok(Self { brackets })
    }

    /// Builds a table from `(notional_floor, notional_cap, max_leverage, maintenance_rate)`
    /// rows, the maintenance amounts computed by Binance's recursion and rounded to the cent.
    ///
    /// # Errors
    /// As [`BracketTable::new`].
    pub fn from_rates(rows: &[(f64, f64, f64, f64)]) -> Result<Self, TableError> {
        let mut amount = 0.0;
        let mut previous_rate = 0.0;
        let brackets = rows
            .iter()
            .map(|&(floor, cap, max_leverage, rate)| {
                amount += floor * (rate - previous_rate);
                previous_rate = rate;
                Bracket {
                    notional_floor: floor,
                    notional_cap: cap,
                    max_leverage,
                    maintenance_rate: rate,
                    maintenance_amount: (amount * 100.0).round() / 100.0,
                }
            })
            .collect();
        Self::new(brackets)
    }

    /// The brackets, lowest notional first.
    pub fn brackets(&self) -> &[Bracket] {
        &self.brackets
    }

    /// Highest notional the table covers (the last cap).
    pub fn notional_cap(&self) -> f64 {
        self.brackets
            .last()
            .map_or(f64::INFINITY, |b| b.notional_cap)
    }

    /// The bracket holding `notional` as `(tier from 1, bracket)`: `floor ≤ notional < cap`;
    /// notionals at or above the last cap get the last bracket, below 0 (or NaN) none.
    pub fn bracket_at(&self, notional: f64) -> Option<(usize, &Bracket)> {
        if notional.is_nan() || notional < 0.0 {
            return None;
        }
        let last = self.brackets.len().checked_sub(1)?;
        let index = self
            .brackets
            .iter()
            .position(|b| notional < b.notional_cap)
            .unwrap_or(last);
        Some((index + 1, &self.brackets[index]))
    }

    /// Maintenance margin of a position of this notional (0 for a notional that is not ≥ 0).
    pub fn maintenance_margin(&self, notional: f64) -> f64 {
        self.bracket_at(notional)
            .map_or(0.0, |(_, b)| b.maintenance_margin(notional))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BTCUSDT's first three brackets in the 2024-10-24 snapshot.
    fn btc() -> BracketTable {
        BracketTable::from_rates(&[
            (0.0, 50_000.0, 125.0, 0.004),
            (50_000.0, 600_000.0, 100.0, 0.005),
            (600_000.0, 3_000_000.0, 75.0, 0.0065),
        ])
        .expect("valid")
    }

    #[test]
    fn recursion_gives_the_published_amounts() {
        let amounts: Vec<f64> = btc()
            .brackets()
            .iter()
            .map(|b| b.maintenance_amount)
            .collect();
        assert_eq!(amounts, vec![0.0, 50.0, 950.0]);
    }

    #[test]
    fn tables_that_break_a_rule_are_refused() {
        let good = btc().brackets().to_vec();
        assert_eq!(BracketTable::new(vec![]), Err(TableError::Empty));
        let mut gap = good.clone();
        gap[1].notional_floor = 60_000.0;
        assert!(matches!(
            BracketTable::new(gap),
            Err(TableError::NotContiguous { tier: 2, .. })
        ));
        let mut rate = good.clone();
        rate[2].maintenance_rate = 1.0;
        assert!(matches!(
            BracketTable::new(rate),
            Err(TableError::Rate { tier: 3, .. })
        ));
        let mut amount = good.clone();
        amount[2].maintenance_amount = 900.0;
        assert!(matches!(
            BracketTable::new(amount),
            Err(TableError::Amount { tier: 3, .. })
        ));
        let mut nan = good.clone();
        nan[0].notional_cap = f64::NAN;
        assert!(matches!(
            BracketTable::new(nan),
            Err(TableError::NotFinite { tier: 1 })
        ));
        let mut leverage = good;
        leverage[0].max_leverage = 300.0;
        assert!(matches!(
            BracketTable::new(leverage),
            Err(TableError::MaxLeverage { tier: 1, .. })
        ));
    }

    #[test]
    fn bracket_lookup_is_floor_inclusive_cap_exclusive() {
        let table = btc();
        assert_eq!(table.bracket_at(0.0).map(|b| b.0), Some(1));
        assert_eq!(table.bracket_at(49_999.99).map(|b| b.0), Some(1));
        assert_eq!(table.bracket_at(50_000.0).map(|b| b.0), Some(2));
        assert_eq!(table.bracket_at(5e9).map(|b| b.0), Some(3));
        assert_eq!(table.bracket_at(-1.0), None);
        assert_eq!(table.bracket_at(f64::NAN), None);
        // Continuous at a boundary: 50,000 · 0.4 % − 0 = 50,000 · 0.5 % − 50.
        assert!((table.maintenance_margin(50_000.0) - 200.0).abs() < 1e-9);
    }
}
