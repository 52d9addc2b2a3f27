//! The signals' ranks against pandas and SciPy on real daily Binance candles (script
//! `tests/reference/signals.py`; its output on the committed fixture cuts
//! `signals_fixtures.json`, always checked, and on the full shared histories `signals.json`,
//! checked when present): BTC's and the tokens' drawdown from their peak, 30-day realised
//! volatility and volume against its 90-day median, each value to 1e-12 relative (pandas'
//! rolling standard deviation is incremental) and its rank (`percentileofscore`, weak) to 1e-9.

use serde_json::Value;
use tokenrisk_core::drawdown::drawdown_series;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::signals::{ratio_to_trailing_median, risk_rank, Direction};
use tokenrisk_core::volatility::rolling_volatility;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

fn check(what: &str, history: &[f64], direction: Direction, expected: &Value) {
    let today = *history.last().expect("a history");
    let value = expected["value"].as_f64().expect("value");
    assert!(
        (today - value).abs() <= 1e-12 * value.abs(),
        "{what}: {today} vs {value}"
    );
    assert_eq!(
        history.len() as u64,
        expected["n"].as_u64().expect("n"),
        "{what}"
    );
    let rank = risk_rank(history, today, direction).expect("rank");
    let want = expected["rank"].as_f64().expect("rank");
    assert!((rank - want).abs() <= 1e-9, "{what}: rank {rank} vs {want}");
}

#[test]
fn signal_ranks_match_scipy() {
    for data in DataSet::available() {
        let text = match data {
            DataSet::Fixtures => include_str!("reference/signals_fixtures.json"),
            DataSet::Full => include_str!("reference/signals.json"),
        };
        let reference: Value = serde_json::from_str(text).expect("reference JSON");
        let assets = reference["assets"].as_object().expect("assets");
        assert_eq!(assets.len(), 4);
        for (asset, expected) in assets {
            let file = expected["file"].as_str().expect("file");
            let read = read_price_csv(&data.read_market_file(file), None).expect("valid");
            let closes = read.series.values();
            let what = |signal: &str| format!("{data:?} {asset} {signal}");
            check(
                &what("drawdown"),
                &drawdown_series(closes),
                Direction::LowIsRisk,
                &expected["drawdown"],
            );
            let volatility =
                rolling_volatility(&simple_returns(closes), 30, 365.0).expect("window");
            check(
                &what("volatility"),
                &volatility,
                Direction::HighIsRisk,
                &expected["volatility_30d"],
            );
            let volume = read.volume.expect("quote volume");
            let ratios: Vec<f64> = ratio_to_trailing_median(&volume.values, 90)
                .into_iter()
                .flatten()
                .collect();
            check(
                &what("volume"),
                &ratios,
                Direction::HighIsRisk,
                &expected["volume_ratio_90d"],
            );
        }
    }
}
