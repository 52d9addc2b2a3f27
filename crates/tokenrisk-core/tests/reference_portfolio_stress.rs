//! The portfolio and stress core on real daily closes against NumPy and pandas
//! (`tests/reference/portfolio_stress.py`): least squares with classical standard errors, the
//! three-factor stress model under the 2026-02 sell-off, expected-shortfall contributions and
//! the worst windows on today's weights, and a leveraged long/short portfolio's volatility and
//! ES contributions on signed exposure weights, and position sizing on its holdings (Kelly,
//! volatility target, the ES cap). On the committed fixture cuts always
//! (`portfolio_stress_fixtures.json`), on the full shared histories when `../shared` is there
//! (`portfolio_stress.json`).
//!
//! Tolerance: 1e-9 relative (1e-12 absolute near zero). Both sides compute in f64; NumPy
//! solves the uncentred design by SVD, the core the centred normal equations by Cholesky,
//! which agree to ~1e-12 on these well-conditioned factors.

use serde_json::Value;
use tokenrisk_core::align::{align, equal_weight_returns};
use tokenrisk_core::portfolio::{exposure_risk, exposure_tail_contributions, tail_contributions};
use tokenrisk_core::regression::Regression;
use tokenrisk_core::sizing::{es_cap, kelly_fraction, volatility_target};
use tokenrisk_core::stress::{worst_windows, FactorModel, SELL_OFF_2026_02};
use tokenrisk_core::PriceSeries;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

const RELATIVE: f64 = 1e-9;
const ABSOLUTE: f64 = 1e-12;

fn references() -> Vec<(DataSet, Value)> {
    DataSet::available()
        .into_iter()
        .map(|data| {
            let text = match data {
                DataSet::Fixtures => include_str!("reference/portfolio_stress_fixtures.json"),
                DataSet::Full => include_str!("reference/portfolio_stress.json"),
            };
            (data, serde_json::from_str(text).expect("reference JSON"))
        })
        .collect()
}

fn check(actual: f64, expected: &Value, what: &str) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: no reference value"));
    let error = (actual - expected).abs();
    assert!(
        error <= ABSOLUTE || error <= RELATIVE * expected.abs(),
        "{what}: {actual} vs reference {expected} (error {error:e})"
    );
}

fn check_all(actual: &[f64], expected: &Value, what: &str) {
    let expected = expected.as_array().expect("array");
    assert_eq!(actual.len(), expected.len(), "{what}: length");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        check(*a, e, &format!("{what}[{i}]"));
    }
}

fn check_fit(fit: &Regression, expected: &Value, what: &str) {
    check(fit.alpha, &expected["alpha"], &format!("{what} alpha"));
    check_all(&fit.betas, &expected["betas"], &format!("{what} betas"));
    check(
        fit.alpha_std_error,
        &expected["alpha_se"],
        &format!("{what} SE(alpha)"),
    );
    check_all(
        &fit.beta_std_errors(),
        &expected["beta_se"],
        &format!("{what} SE(beta)"),
    );
    for (i, row) in fit.beta_covariance.iter().enumerate() {
        check_all(row, &expected["beta_cov"][i], &format!("{what} Cov(beta)"));
    }
    check(
        fit.residual_std,
        &expected["residual_std"],
        &format!("{what} σ"),
    );
    check(fit.r_squared, &expected["r_squared"], &format!("{what} R²"));
    assert_eq!(
        fit.observations as u64,
        expected["observations"].as_u64().expect("n")
    );
}

/// The reference's assets on their common dates, in its order.
fn joined(data: DataSet, reference: &Value) -> (Vec<String>, Vec<Vec<f64>>) {
    let order: Vec<String> = reference["order"]
        .as_array()
        .expect("order")
        .iter()
        .map(|a| a.as_str().expect("name").to_owned())
        .collect();
    let series: Vec<PriceSeries> = order
        .iter()
        .map(|asset| {
            let file = reference["files"][asset].as_str().expect("file");
            let s = read_price_csv(&data.read_market_file(file), None)
                .expect("valid")
                .series;
            if s.is_daily() {
                s
            } else {
                s.daily_closes_from_hourly()
            }
        })
        .collect();
    let refs: Vec<&PriceSeries> = series.iter().collect();
    (order, align(&refs).prices)
}

fn column<'a>(order: &[String], columns: &'a [Vec<f64>], asset: &str) -> &'a Vec<f64> {
    &columns[order.iter().position(|a| a == asset).expect("asset")]
}

fn returns_of(prices: &[f64]) -> Vec<f64> {
    prices.windows(2).map(|w| w[1] / w[0] - 1.0).collect()
}

#[test]
fn sell_off_through_the_factor_model_matches_numpy() {
    for (data, reference) in references() {
        let (order, prices) = joined(data, &reference);
        let returns: Vec<Vec<f64>> = prices.iter().map(|p| returns_of(p)).collect();
        assert_eq!(
            returns[0].len() as u64,
            reference["observations"].as_u64().expect("n")
        );
        let r = |asset: &str| column(&order, &returns, asset).clone();
        let equities = equal_weight_returns(&[r("NVDA"), r("MSFT")]);
        let sector = equal_weight_returns(&[r("TAO"), r("NEAR"), r("ICP"), r("FET")]);
        let model = FactorModel::fit(&r("BTC"), &equities, &sector).expect("a model");
        check_fit(
            &model.sector_on_markets,
            &reference["sector_on_markets"],
            "sector",
        );
        let shocks = SELL_OFF_2026_02.shocks();
        check(
            model.sector_surprise(shocks),
            &reference["shock_surprise"],
            "surprise",
        );
        for asset in &order {
            let expected = &reference["holdings"][asset];
            let fit = model.fit_holding(&r(asset)).expect("a fit");
            check_fit(&fit, expected, asset);
            let m = model.holding_move(&fit, shocks).expect("a move");
            check(m.expected, &expected["move"], &format!("{asset} move"));
            check(m.std_error, &expected["move_se"], &format!("{asset} SE"));
        }
    }
}

#[test]
fn tail_contributions_and_worst_windows_match_numpy() {
    for (data, reference) in references() {
        let (order, prices) = joined(data, &reference);
        let assets: Vec<&str> = reference["portfolio"]["assets"]
            .as_array()
            .expect("assets")
            .iter()
            .map(|a| a.as_str().expect("name"))
            .collect();
        let weights: Vec<f64> = reference["portfolio"]["weights"]
            .as_array()
            .expect("weights")
            .iter()
            .map(|w| w.as_f64().expect("weight"))
            .collect();
        let held: Vec<Vec<f64>> = assets
            .iter()
            .map(|a| column(&order, &prices, a).clone())
            .collect();
        let returns: Vec<Vec<f64>> = held.iter().map(|p| returns_of(p)).collect();
        for (confidence, expected) in reference["tail_contributions"]
            .as_object()
            .expect("by confidence")
        {
            let c: f64 = confidence.parse().expect("a confidence");
            let t = tail_contributions(&returns, &weights, c).expect("valid");
            check(t.var, &expected["var"], "VaR");
            check(t.es, &expected["es"], "ES");
            check_all(&t.component_es, &expected["component_es"], "component ES");
            assert_eq!(
                t.tail_periods as u64,
                expected["tail_periods"].as_u64().expect("n")
            );
        }
        for (h, expected) in reference["worst_windows"].as_object().expect("by length") {
            let h: usize = h.parse().expect("a length");
            let windows = worst_windows(&held, &weights, h, 5).expect("valid");
            let expected = expected.as_array().expect("windows");
            assert_eq!(windows.len(), expected.len());
            for (w, e) in windows.iter().zip(expected) {
                assert_eq!(w.start as u64, e["start"].as_u64().expect("start"), "{h}");
                check(w.change, &e["change"], "window change");
                check_all(&w.holdings, &e["holdings"], "window holdings");
            }
        }
    }
}

#[test]
fn a_leveraged_long_short_portfolio_matches_numpy() {
    for (data, reference) in references() {
        let expected = &reference["exposure_portfolio"];
        let (order, prices) = joined(data, &reference);
        let returns: Vec<Vec<f64>> = expected["assets"]
            .as_array()
            .expect("assets")
            .iter()
            .map(|a| returns_of(column(&order, &prices, a.as_str().expect("name"))))
            .collect();
        let weights: Vec<f64> = expected["weights"]
            .as_array()
            .expect("weights")
            .iter()
            .map(|w| w.as_f64().expect("weight"))
            .collect();
        let p = expected["periods_per_year"].as_f64().expect("P");
        let risk = exposure_risk(&returns, &weights, p).expect("valid");
        check(risk.volatility, &expected["volatility"], "volatility");
        check_all(&risk.component, &expected["component"], "component");
        check(
            risk.diversification_ratio,
            &expected["diversification_ratio"],
            "DR",
        );
        check(risk.effective_bets, &expected["effective_bets"], "ENB");
        let tail = exposure_tail_contributions(&returns, &weights, 0.95).expect("valid");
        check(tail.var, &expected["var"], "VaR");
        check(tail.es, &expected["es"], "ES");
        check_all(
            &tail.component_es,
            &expected["component_es"],
            "component ES",
        );
        sizing_matches_numpy(&returns, &weights, p, &reference["sizing"]);
    }
}

/// Position sizing on the same leveraged portfolio's holdings: each asset's Kelly fraction and
/// 20 % volatility target from its annualised mean and volatility, and the ES caps (the first
/// weight of one holding whose component ES passes the cap; NumPy scans a uniform grid, the
/// core a geometric one, each then bisects: they agree to the bisection's precision, 1e-9
/// relative).
fn sizing_matches_numpy(returns: &[Vec<f64>], weights: &[f64], p: f64, expected: &Value) {
    for (i, r) in returns.iter().enumerate() {
        let mean = tokenrisk_core::stats::mean(r).expect("returns") * p;
        let volatility = tokenrisk_core::volatility::annualised_volatility(r, p).expect("returns");
        check(mean, &expected["mean"][i], "annualised mean");
        check(
            volatility,
            &expected["volatility"][i],
            "annualised volatility",
        );
        check(
            kelly_fraction(mean, 0.0, volatility).expect("valid"),
            &expected["kelly"][i],
            "Kelly fraction",
        );
        check(
            volatility_target(1.0, 0.2, volatility).expect("valid"),
            &expected["volatility_target_20"][i],
            "volatility target",
        );
    }
    for case in expected["es_caps"].as_array().expect("caps") {
        let which = case["holding"].as_u64().expect("holding") as usize;
        let weight = es_cap(
            returns,
            weights,
            which,
            case["short"].as_bool().expect("side"),
            case["cap"].as_f64().expect("cap"),
            0.95,
            case["max_weight"].as_f64().expect("max"),
        )
        .expect("valid")
        .expect("the cap binds");
        check(weight, &case["weight"], "ES cap");
    }
}
