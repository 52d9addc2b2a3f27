//! The token view's numbers, computed from the dataset by the core: pure, so they are tested
//! natively and the page only displays them.

use crate::data::Dataset;
use tokenrisk_core::align::{align, equal_weight_returns};
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::relative::{two_factor, TwoFactorFit};
use tokenrisk_core::report::{RelativeMetrics, ReportInput, RiskReport, UncertaintyInput};
use tokenrisk_core::PriceSeries;
use tokenrisk_market::registry::{self, Role};

/// The benchmarks a token is compared with, when the data has them: the crypto benchmark
/// (BTC) and the AI equities, from the asset registry.
pub fn benchmarks() -> Vec<&'static str> {
    let mut ids = registry::ids_with_role(Role::CryptoBenchmark);
    ids.extend(registry::ids_with_role(Role::AiEquity));
    ids
}
/// Seed of the bootstrap and Monte Carlo generator (the core's, so tests can reproduce it).
pub use tokenrisk_core::report::VIEW_SEED as UNCERTAINTY_SEED;
/// The view's resampling (see [`tokenrisk_core::report::VIEW_UNCERTAINTY`]).
pub use tokenrisk_core::report::VIEW_UNCERTAINTY as UNCERTAINTY;

/// Everything the token view shows for one token and range.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenAnalysis {
    /// Prices, drawdowns, volatility and maximum drawdown in the range.
    pub risk: TokenRisk,
    /// The full metric report in the range (`None` with fewer than two prices), without the
    /// resampled intervals (computed from [`intervals_input`]).
    pub report: Option<RiskReport>,
    /// The token against each benchmark present, on common dates within the range.
    pub benchmarks: Vec<(String, RelativeMetrics)>,
    /// Regression on BTC and the AI-equity basket (named), when both are present.
    pub two_factor: Option<(TwoFactorFit, String)>,
}

/// Analyses `token` over `range`; `None` when the dataset has no such series.
pub fn analyse(dataset: &Dataset, token: &str, range: Range) -> Option<TokenAnalysis> {
    let asset = dataset.get(token)?;
    let risk = TokenRisk::compute(&asset.prices, asset.calendar, range);
    let report = RiskReport::compute(&ReportInput::new(
        &risk.prices,
        asset.calendar.periods_per_year(),
    ))
    .ok();
    let others = |ids: &[&str]| -> Vec<(String, &PriceSeries)> {
        ids.iter()
            .filter(|id| **id != token)
            .filter_map(|id| dataset.get(id).map(|a| ((*id).to_owned(), &a.prices)))
            .collect()
    };
    let benchmarks = others(&benchmarks())
        .into_iter()
        .map(|(id, prices)| (id, RelativeMetrics::compute(&risk.prices, prices)))
        .filter(|(_, m)| m.pair_observations >= 2)
        .collect();
    let equities = others(&registry::ids_with_role(Role::AiEquity));
    let two_factor = dataset
        .get("BTC")
        .filter(|_| token != "BTC" && !equities.is_empty())
        .and_then(|btc| {
            let mut series = vec![&risk.prices, &btc.prices];
            series.extend(equities.iter().map(|(_, p)| *p));
            let joined = align(&series);
            let returns = joined.returns();
            let basket = equal_weight_returns(&returns[2..]);
            let names = equities
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            two_factor(
                &returns[0],
                &returns[1],
                &basket,
                joined.calendar().periods_per_year(),
            )
            .ok()
            .map(|fit| (fit, names))
        });
    Some(TokenAnalysis {
        risk,
        report,
        benchmarks,
        two_factor,
    })
}

/// What `report`'s bootstrap intervals and Monte Carlo VaR over `prices` (the range's) are
/// computed from, with the fixed seed: the slow part of a view, which the page hands to the
/// simulation worker after showing the rest.
pub fn intervals_input(report: &RiskReport, prices: &PriceSeries) -> UncertaintyInput {
    report.uncertainty_input(prices, UNCERTAINTY, UNCERTAINTY_SEED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import_csv;

    fn dataset() -> Dataset {
        // Three weeks of made-up closes for a token, BTC and one equity (weekdays only).
        let days: Vec<String> = (1..=21).map(|d| format!("2024-04-{d:02}")).collect();
        let csv = |f: &dyn Fn(usize) -> f64, weekdays_only: bool| {
            let mut text = "date,close\n".to_owned();
            for (i, day) in days.iter().enumerate() {
                let weekday = tokenrisk_core::time::Date::parse_iso(day)
                    .expect("date")
                    .weekday();
                if !weekdays_only || weekday < 5 {
                    text.push_str(&format!("{day},{}\n", f(i)));
                }
            }
            text
        };
        let token = import_csv(
            "TAOUSDT.csv",
            &csv(&|i| 100.0 + (i as f64 * 1.3).sin() * 5.0 + i as f64, false),
            "",
        )
        .expect("valid");
        let btc = import_csv(
            "BTCUSDT.csv",
            &csv(&|i| 100.0 + (i as f64 * 1.1).sin() * 3.0 + i as f64, false),
            "",
        )
        .expect("valid");
        let nvda = import_csv(
            "NVDA.csv",
            &csv(&|i| 50.0 + (i as f64 * 0.7).cos() * 2.0, true),
            "",
        )
        .expect("valid");
        Dataset {
            snapshot_created_at: None,
            assets: vec![token, btc, nvda],
        }
    }

    #[test]
    fn token_is_compared_with_the_benchmarks_it_has() {
        let analysis = analyse(&dataset(), "TAO", Range::All).expect("TAO exists");
        let ids: Vec<&str> = analysis
            .benchmarks
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(ids, ["BTC", "NVDA"]);
        assert_eq!(analysis.benchmarks[0].1.pair_observations, 20);
        assert_eq!(
            analysis.benchmarks[1].1.periods_per_year, 252.0,
            "weekday-only common dates"
        );
        assert_eq!(analysis.benchmarks[1].1.pair_observations, 14);
        let report = analysis.report.expect("20 returns are enough");
        assert!(report.uncertainty.is_none(), "intervals come later");
        let intervals = intervals_input(&report, &analysis.risk.prices).compute();
        assert_eq!(
            (intervals.seed, intervals.resamples),
            (UNCERTAINTY_SEED, 500)
        );
        assert_eq!(
            Some(intervals),
            report
                .with_uncertainty(&analysis.risk.prices, UNCERTAINTY, UNCERTAINTY_SEED)
                .uncertainty
        );
        assert_eq!(
            analysis.two_factor.map(|(_, names)| names),
            Some("NVDA".to_owned())
        );
        let btc = analyse(&dataset(), "BTC", Range::All).expect("BTC exists");
        assert!(btc.benchmarks.iter().all(|(id, _)| id != "BTC") && btc.two_factor.is_none());
        assert!(analyse(&dataset(), "DOGE", Range::All).is_none());
    }
}
