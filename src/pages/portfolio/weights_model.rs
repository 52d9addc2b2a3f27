//! Holdings entered by weight and total value: the quantities that put each holding's share
//! of a total value in, at the last closes.
//!
//! Conventions: a weight is a holding's share of the portfolio's **equity** (what the holder
//! puts in: the value of a spot holding, the margin of a leveraged one; see `model`). For a
//! total value `V` and weights `w_i` in percent adding up to 100 (within
//! [`WEIGHT_SUM_TOLERANCE`] points, then scaled to exactly 100), holding `i` gets equity
//! `E_i = V · w_i / Σ w`, exposure `E_i · L_i` (`L_i` = 1 for spot) and quantity
//! `q_i = E_i · L_i / P_i` at its last close `P_i`. The link keeps the quantities: weights are a
//! way to enter them, and they drift as prices move.

use super::model::Book;
use tokenrisk_core::scenario::Scenario;
use tokenrisk_core::time::Date;

/// How far from 100 % the weights may add up (in percentage points) before they are refused
/// rather than scaled: room for rounding (three holdings of 33.33 %), not for a typo.
pub const WEIGHT_SUM_TOLERANCE: f64 = 0.5;

/// Each valued holding's share of equity now, in percent (in the book's order).
pub fn current_weights(book: &Book) -> Vec<f64> {
    book.rows
        .iter()
        .map(|r| 100.0 * r.equity / book.equity)
        .collect()
}

/// The number typed as `what`, finite.
///
/// # Errors
/// A sentence naming `what` and the text when it is not a finite number.
pub fn typed_number(text: &str, what: &str) -> Result<f64, String> {
    let text = text.trim();
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{what} “{text}” is not a number"))
}

/// `scenario` with the quantity of each of `book`'s holdings set so that it holds
/// `weights[i]` percent of `total` (see the module's conventions); holdings the book left out
/// (no prices) are untouched. The scenario's data date becomes `as_of`.
///
/// # Errors
/// A sentence when the total is not above zero, a weight is negative, there is not one
/// weight per holding, the weights do not add up to 100 % within the tolerance, or the
/// quantities break the scenario's rules.
pub fn from_weights(
    scenario: &Scenario,
    book: &Book,
    total: f64,
    weights: &[f64],
    as_of: Option<Date>,
) -> Result<Scenario, String> {
    if !(total.is_finite() && total > 0.0) {
        return Err(format!("The total value must be above zero (got {total})."));
    }
    if weights.len() != book.rows.len() {
        return Err(format!(
            "There are {} holdings with prices and {} weights.",
            book.rows.len(),
            weights.len()
        ));
    }
    if let Some(i) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(format!(
            "The weight of {} must be 0 % or more (got {}).",
            book.rows[i].name(),
            weights[i]
        ));
    }
    let sum: f64 = weights.iter().sum();
    if (sum - 100.0).abs() > WEIGHT_SUM_TOLERANCE {
        return Err(format!(
            "The weights add up to {sum:.2} %, not 100 %: a weight is a share of the total value."
        ));
    }
    let mut next = scenario.clone();
    for (row, w) in book.rows.iter().zip(weights) {
        let equity = total * w / sum;
        let leverage = row.holding.leverage.unwrap_or(1.0);
        if let Some(h) = next.holdings.get_mut(row.index) {
            h.quantity = equity * leverage / row.price;
        }
    }
    next.as_of = as_of.map(Date::days).or(next.as_of);
    next.validate()
        .map_err(|e| format!("Those weights give {e}."))?;
    Ok(next)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::pages::portfolio::model::book;
    use crate::pages::portfolio::tests::dataset;
    use tokenrisk_core::scenario::Holding;

    fn scenario() -> Scenario {
        Scenario {
            holdings: vec![
                Holding::spot("TAO", 3.0),
                Holding {
                    leverage: Some(5.0),
                    ..Holding::spot("BTC", 0.1)
                },
                Holding::spot("ZZZ", 1.0),
                Holding {
                    short: true,
                    ..Holding::spot("NEAR", 10.0)
                },
            ],
            ..Scenario::default()
        }
    }

    #[test]
    fn the_quantities_put_each_weight_of_the_total_in() {
        let d = dataset();
        let s = scenario();
        let b = book(&d, &s);
        assert_eq!(b.rows.len(), 3, "ZZZ has no prices");
        let next = from_weights(&s, &b, 25_000.0, &[50.0, 30.0, 20.0], None).expect("valid");
        let after = book(&d, &next);
        // Equity is the total, each holding's share its weight.
        assert!((after.equity - 25_000.0).abs() < 1e-9 * 25_000.0);
        for (got, want) in current_weights(&after).iter().zip([50.0, 30.0, 20.0]) {
            assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        }
        // The 5× BTC puts 30 % in as margin: its exposure is five times that.
        let btc = &after.rows[1];
        assert!((btc.exposure - 5.0 * 7_500.0).abs() < 1e-6);
        assert!((btc.holding.quantity - 5.0 * 7_500.0 / btc.price).abs() < 1e-12);
        // The holding without prices, the side and the leverage are untouched.
        assert_eq!(next.holdings[2], s.holdings[2]);
        assert!(next.holdings[3].short);
        assert_eq!(next.holdings[1].leverage, Some(5.0));
    }

    #[test]
    fn weights_that_round_are_scaled_and_others_are_refused() {
        let d = dataset();
        let s = scenario();
        let b = book(&d, &s);
        let third = 100.0 / 3.0;
        let rounded = from_weights(&s, &b, 9_000.0, &[33.33, 33.33, 33.33], None).expect("close");
        for w in current_weights(&book(&d, &rounded)) {
            assert!((w - third).abs() < 1e-9, "{w}");
        }
        let short = from_weights(&s, &b, 9_000.0, &[50.0, 30.0, 10.0], None).expect_err("90 %");
        assert!(short.contains("90.00 %"), "{short}");
        assert!(from_weights(&s, &b, 0.0, &[50.0, 30.0, 20.0], None).is_err());
        assert!(from_weights(&s, &b, f64::NAN, &[50.0, 30.0, 20.0], None).is_err());
        assert!(from_weights(&s, &b, 1e4, &[120.0, -20.0, 0.0], None)
            .expect_err("negative")
            .contains("0 % or more"));
        assert!(from_weights(&s, &b, 1e4, &[100.0], None).is_err());
        assert!(typed_number(" 12.5 ", "w").is_ok());
        assert!(typed_number("inf", "the weight")
            .expect_err("not finite")
            .contains("the weight"));
        // The current weights give back the current quantities.
        let same = from_weights(&s, &b, b.equity, &current_weights(&b), None).expect("valid");
        for (a, z) in same.holdings.iter().zip(&s.holdings) {
            assert!((a.quantity - z.quantity).abs() < 1e-9 * z.quantity, "{a:?}");
        }
    }
}
