//! The sender's headline numbers: written into the scenario when its link is copied, and shown
//! beside today's when a link carrying them is opened, so a receiver whose data has moved on
//! sees what the sender saw.
//!
//! The numbers: the portfolio's equity (USD), its one-day historical VaR and ES at 95 %
//! (the risk panel's, `risk_model::RiskView`), the market shock's loss (`stress_model`'s, a positive fraction of equity)
//! and the Monte Carlo's VaR over its horizon when it was run on this very scenario.

use super::model::Book;
use super::risk_model::RiskView;
use super::stress_model::StressView;
use crate::format::{percent, price};
use tokenrisk_core::scenario::{Headline, Scenario};
use tokenrisk_core::time::Date;

/// Today's headline numbers for the portfolio.
///
/// # Errors
/// A sentence when the risk or the shock cannot be computed (then no headline goes in the
/// link).
pub fn today(
    risk: &Result<RiskView, String>,
    book: &Book,
    stress: &Result<StressView, String>,
    simulated_var: Option<f64>,
) -> Result<Headline, String> {
    let risk = risk.as_ref().map_err(Clone::clone)?;
    let stress = stress.as_ref().map_err(Clone::clone)?;
    Ok(Headline {
        value: book.equity,
        var: risk.var,
        es: risk.es,
        stress_loss: -stress.change,
        simulated_var,
    })
}

/// Whether `a` and `b` are the same analysis: equal but for the headline and the data date
/// they carry (a simulation run on one is a simulation of the other).
pub fn same_analysis(a: &Scenario, b: &Scenario) -> bool {
    let bare = |s: &Scenario| Scenario {
        headline: None,
        as_of: None,
        ..s.clone()
    };
    bare(a) == bare(b)
}

/// One headline number, the sender's beside today's.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// Stable key (the row's `data-key`).
    pub key: &'static str,
    /// Its name.
    pub label: &'static str,
    /// The sender's.
    pub sender: Option<f64>,
    /// Today's.
    pub today: Option<f64>,
    /// The sender's and today's as they read (a simulation not run says so).
    pub texts: [String; 2],
}

/// The sender's numbers beside today's, and whether the data has moved on.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One row per number.
    pub rows: Vec<Compared>,
    /// The sender's data date and today's.
    pub sender_date: Option<Date>,
    /// Today's data date.
    pub today_date: Option<Date>,
}

impl Comparison {
    /// Whether the data the numbers come from differ (or the sender's date is unknown).
    pub fn moved_on(&self) -> bool {
        self.sender_date.is_none() || self.sender_date != self.today_date
    }
}

/// `sender`'s numbers (data up to `sender_date`) beside `today`'s (data up to `today_date`).
pub fn compare(
    sender: &Headline,
    today: Option<&Headline>,
    sender_date: Option<Date>,
    today_date: Option<Date>,
) -> Comparison {
    let row = |key, label, get: fn(&Headline) -> Option<f64>, show: fn(f64) -> String| {
        let (sender, today) = (get(sender), today.and_then(get));
        let text = |v: Option<f64>, none: &str| v.map_or(none.to_owned(), show);
        Compared {
            key,
            label,
            sender,
            today,
            texts: [text(sender, "not run"), text(today, "not run here yet")],
        }
    };
    let pct = |v: f64| percent(v, 2);
    Comparison {
        rows: vec![
            row("value", "Equity", |h| Some(h.value), price),
            row("var", "VaR, 1 day, 95 %", |h| Some(h.var), pct),
            row("es", "Expected shortfall, 1 day, 95 %", |h| Some(h.es), pct),
            row(
                "stress_loss",
                "Loss under the market shock",
                |h| Some(h.stress_loss),
                pct,
            ),
            row(
                "simulated_var",
                "Monte Carlo VaR over the horizon, 95 %",
                |h| h.simulated_var,
                pct,
            ),
        ],
        sender_date,
        today_date,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::value;
    use crate::pages::portfolio::history::history;
    use crate::pages::portfolio::model::book;
    use crate::pages::portfolio::risk_model::risk;
    use crate::pages::portfolio::stress_model::StressModel;
    use crate::pages::portfolio::tests::dataset;
    use tokenrisk_core::scenario::Holding;

    fn scenario() -> Scenario {
        Scenario {
            holdings: vec![Holding::spot("TAO", 100.0), Holding::spot("BTC", 0.1)],
            ..Scenario::default()
        }
    }

    #[test]
    fn todays_numbers_are_the_panels_numbers() {
        let d = dataset();
        let s = scenario();
        let b = book(&d, &s);
        let h = history(&d, &b).expect("history");
        let shocked = StressModel::fit(&d, &b).and_then(|m| m.apply(&b, s.shocks.into()));
        let r = risk(&h, &b);
        let t = today(&r, &b, &shocked, Some(0.3)).expect("numbers");
        let r = r.expect("risk");
        assert_eq!(t.value, b.equity);
        assert_eq!(t.var, value(&r.figures, "var"));
        assert_eq!(t.es, value(&r.figures, "es"));
        assert_eq!(t.stress_loss, -shocked.clone().expect("a shock").change);
        assert_eq!(t.simulated_var, Some(0.3));
        assert!(today(&Ok(r), &b, &Err("no fit".into()), None).is_err());
        assert!(today(&Err("no history".into()), &b, &shocked, None).is_err());
    }

    #[test]
    fn the_same_analysis_ignores_the_headline_and_the_date_only() {
        let a = scenario();
        let mut b = a.clone();
        b.as_of = Some(20_000);
        b.headline = Some(Headline {
            value: 1.0,
            var: 0.1,
            es: 0.2,
            stress_loss: 0.3,
            simulated_var: None,
        });
        assert!(same_analysis(&a, &b));
        b.seed = 2;
        assert!(!same_analysis(&a, &b));
    }

    #[test]
    fn the_comparison_says_when_the_data_moved_on() {
        let h = Headline {
            value: 1_000.0,
            var: 0.05,
            es: 0.07,
            stress_loss: 0.2,
            simulated_var: None,
        };
        let day = |d: i32| Some(Date::from_days(d));
        let same = compare(&h, Some(&h), day(20_000), day(20_000));
        assert!(!same.moved_on());
        assert_eq!(same.rows[1].texts, ["5.00%".to_owned(), "5.00%".to_owned()]);
        assert_eq!(
            same.rows[4].texts,
            ["not run".to_owned(), "not run here yet".to_owned()]
        );
        assert!(compare(&h, None, day(20_000), day(20_030)).moved_on());
        assert!(compare(&h, Some(&h), None, day(20_030)).moved_on());
    }
}
