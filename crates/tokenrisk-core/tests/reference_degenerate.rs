//! Edges where a metric is undefined or an observation sits exactly on a quantile, against an
//! independent reference (script `tests/reference/degenerate.py`, output `degenerate.json`):
//! Python's exact `fractions` arithmetic for the degenerate series, empyrical for the tails on
//! real daily TAO returns (the committed fixture cut). Tolerances are stated at each check.

use serde_json::Value;
use tokenrisk_core::report::{ReportInput, RiskReport};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::series::PriceSeries;
use tokenrisk_core::stats::{excess_kurtosis, sample_std, skewness};
use tokenrisk_core::tail::historical;
use tokenrisk_core::MetricError;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

fn reference() -> Value {
    serde_json::from_str(include_str!("reference/degenerate.json")).expect("reference JSON")
}

fn daily(values: Vec<f64>) -> PriceSeries {
    let times = (0..values.len() as i64)
        .map(|d| 1_704_067_200 + d * 86_400)
        .collect();
    PriceSeries::new(times, values).expect("valid prices")
}

fn prices(case: &Value) -> Vec<f64> {
    case["prices"]
        .as_array()
        .expect("prices")
        .iter()
        .map(|p| p.as_f64().expect("price"))
        .collect()
}

/// Prices growing by exactly 1 % a day: the exact reference has every return 1/100 and a
/// standard deviation of 0, where the float libraries report a Sharpe ratio near 2e15.
#[test]
fn constant_growth_has_no_volatility_and_no_sharpe_ratio() {
    let reference = reference();
    let growth = &reference["growth"];
    assert_eq!(growth["exact_std"].as_f64(), Some(0.0));
    assert!(
        growth["empyrical_sharpe_of_rounded_returns"]
            .as_f64()
            .expect("recorded")
            > 1e14
    );
    let series = daily(prices(growth));
    let returns = simple_returns(series.values());
    assert_eq!(sample_std(&returns), Ok(0.0), "exactly the reference's 0");
    assert!(matches!(skewness(&returns), Err(MetricError::Undefined(_))));
    assert!(matches!(
        excess_kurtosis(&returns),
        Err(MetricError::Undefined(_))
    ));
    let report = RiskReport::compute(&ReportInput::new(&series, 365.0)).expect("report");
    assert_eq!(report.ann_vol, Some(0.0));
    assert_eq!(report.sharpe, None, "undefined, not 1e15");
    assert_eq!(report.psr, None);
    // The mean return is 1/100 up to the rounding of the prices (1e-15 absolute).
    assert!((report.mean_return.expect("mean") - 0.01).abs() < 1e-15);
}

/// A pegged price: every return exactly 0 (NumPy's standard deviation 0).
#[test]
fn a_pegged_price_has_zero_volatility_and_undefined_ratios() {
    let reference = reference();
    let pegged = &reference["pegged"];
    assert_eq!(pegged["numpy_std"].as_f64(), Some(0.0));
    let series = daily(prices(pegged));
    let report = RiskReport::compute(&ReportInput::new(&series, 365.0)).expect("report");
    assert_eq!(report.ann_vol, Some(0.0));
    assert_eq!(report.sharpe, None);
    assert_eq!(report.sortino, None);
    assert_eq!(report.max_drawdown, Some(0.0));
    assert_eq!(report.calmar, None);
    assert_eq!(report.var_hist_95, Some(0.0));
    assert_eq!(report.cvar_hist_95, Some(0.0));
}

/// Historical VaR and ES where `(n − 1)(1 − c)` is a whole number: the observation at the
/// quantile belongs to the tail (empyrical includes it). Tolerance 1e-12 relative.
#[test]
fn tails_include_the_observation_at_the_quantile() {
    let reference = reference();
    let tails = &reference["tails"];
    let text = DataSet::Fixtures.read_market_file(tails["file"].as_str().expect("file"));
    let series = read_price_csv(&text, Some("close")).expect("valid").series;
    let returns = simple_returns(series.values());
    let n = tails["returns"].as_u64().expect("n") as usize;
    let window = &returns[returns.len() - n..];
    for (confidence, expected) in tails["by_confidence"].as_object().expect("levels") {
        let c: f64 = confidence.parse().expect("level");
        let tail = historical(window, c).expect("enough returns");
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
        let (var, es) = (
            expected["var"].as_f64().expect("var"),
            expected["es"].as_f64().expect("es"),
        );
        assert!(close(tail.var, var), "VaR at {c}: {} vs {var}", tail.var);
        assert!(close(tail.es, es), "ES at {c}: {} vs {es}", tail.es);
    }
}
