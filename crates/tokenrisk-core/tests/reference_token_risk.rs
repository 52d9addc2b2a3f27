//! The token view's volatility and maximum drawdown on real market data, against values
//! computed independently with pandas/NumPy by `tests/reference/token_risk.py`: on the committed
//! fixture cuts always (output `tests/reference/token_risk_fixtures.json`), and on the full
//! shared histories when `../shared` is there (`tests/reference/token_risk.json`).
//!
//! Tolerance: 1e-9 relative on volatility and drawdown depth (both sides compute in f64; the
//! differences come from summation order only), exact on counts and dates.

use serde_json::Value;
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::time::Date;
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

const RELATIVE_TOLERANCE: f64 = 1e-9;

fn daily_closes(data: DataSet, relative: &str) -> PriceSeries {
    let text = data.read_market_file(relative);
    let series = read_price_csv(&text, None)
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
        .series;
    if series.is_daily() {
        series
    } else {
        series.daily_closes_from_hourly()
    }
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    let scale = expected.abs().max(1e-300);
    assert!(
        (actual - expected).abs() / scale <= RELATIVE_TOLERANCE,
        "{what}: {actual} vs reference {expected}"
    );
}

#[test]
fn volatility_and_drawdown_match_pandas_on_real_data() {
    for data in DataSet::available() {
        let text = match data {
            DataSet::Fixtures => include_str!("reference/token_risk_fixtures.json"),
            DataSet::Full => include_str!("reference/token_risk.json"),
        };
        check(data, &serde_json::from_str(text).expect("reference JSON"));
    }
}

fn check(data: DataSet, reference: &Value) {
    let series = reference["series"].as_object().expect("series map");
    assert_eq!(series.len(), 8, "every shared asset has reference values");
    for (asset, entry) in series {
        let prices = daily_closes(data, entry["file"].as_str().expect("file"));
        let calendar = Calendar::observed(prices.times());
        assert_eq!(
            calendar.periods_per_year(),
            entry["periods_per_year"].as_f64().expect("periods"),
            "{asset} calendar"
        );
        let custom: Range = "2025-01-03..2025-06-30".parse().expect("custom range");
        for range in Range::PRESETS.into_iter().chain([custom]) {
            let expected = &entry["ranges"][range.to_string()];
            let what = format!("{data:?} {asset} {range}");
            let risk = TokenRisk::compute(&prices, calendar, range);
            assert_eq!(
                risk.prices.len() as u64,
                expected["prices"].as_u64().expect("n"),
                "{what}"
            );
            let date = |i: usize| Date::from_unix(risk.prices.times()[i]).to_string();
            assert_eq!(
                date(0),
                expected["first"].as_str().expect("first"),
                "{what}"
            );
            match expected["volatility"].as_f64() {
                Some(vol) => assert_close(risk.volatility.expect("enough returns"), vol, &what),
                // pandas gives NaN for one return (ddof 1); the core says it cannot tell.
                None => assert!(
                    risk.volatility.is_err(),
                    "{what}: one return has no volatility"
                ),
            }
            let mdd = risk.max_drawdown.expect("non-empty");
            assert_close(
                mdd.depth,
                expected["max_drawdown"].as_f64().expect("mdd"),
                &what,
            );
            assert_eq!(
                date(mdd.peak),
                expected["peak"].as_str().expect("peak"),
                "{what} peak"
            );
            assert_eq!(
                date(mdd.trough),
                expected["trough"].as_str().expect("trough"),
                "{what}"
            );
            let deepest = risk.drawdowns.iter().copied().fold(0.0_f64, f64::min);
            assert_eq!(deepest, mdd.depth, "{what}: series and maximum agree");
        }
    }
}
