//! The Amihud illiquidity ratio against pandas on real daily Binance candles, to 1e-9 relative
//! (script `tests/reference/illiquidity.py`; output on the committed fixture cuts
//! `illiquidity_fixtures.json`, always checked, and on the full shared histories
//! `illiquidity.json`, checked when present).

use serde_json::Value;
use tokenrisk_core::illiquidity::amihud_from_candles;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

#[test]
fn amihud_matches_pandas() {
    for data in DataSet::available() {
        let text = match data {
            DataSet::Fixtures => include_str!("reference/illiquidity_fixtures.json"),
            DataSet::Full => include_str!("reference/illiquidity.json"),
        };
        let reference: Value = serde_json::from_str(text).expect("reference JSON");
        let assets = reference["assets"].as_object().expect("assets");
        assert_eq!(assets.len(), 4);
        for (asset, expected) in assets {
            let file = expected["file"].as_str().expect("file");
            let read = read_price_csv(&data.read_market_file(file), None).expect("valid");
            let volume = read.volume.expect("quote volume");
            assert!(volume.in_quote, "{file}: {}", volume.column);
            let value = amihud_from_candles(read.series.values(), &volume.values).expect("days");
            let want = expected["amihud"].as_f64().expect("amihud");
            assert!(
                (value - want).abs() <= 1e-9 * want.abs(),
                "{data:?} {asset}: {value} vs {want}"
            );
        }
    }
}
