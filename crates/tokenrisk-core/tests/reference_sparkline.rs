//! The sector table's sparkline figures against NumPy on real hourly closes, to 1e-9 relative
//! (script `tests/reference/sparkline.py`; output on the committed fixture cuts
//! `sparkline_fixtures.json`, always checked, and on the full shared histories `sparkline.json`,
//! checked when present).

use serde_json::Value;
use tokenrisk_core::align::align;
use tokenrisk_core::sector::{sparkline_beta, sparkline_volatility};
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

#[test]
fn sparkline_volatility_and_beta_match_numpy() {
    for data in DataSet::available() {
        let text = match data {
            DataSet::Fixtures => include_str!("reference/sparkline_fixtures.json"),
            DataSet::Full => include_str!("reference/sparkline.json"),
        };
        check(data, &serde_json::from_str(text).expect("reference JSON"));
    }
}

fn check(data: DataSet, reference: &Value) {
    let assets = ["FET", "RENDER", "TAO"];
    let series: Vec<_> = assets
        .iter()
        .map(|a| {
            let file = reference["files"][a].as_str().expect("file");
            read_price_csv(&data.read_market_file(file), None)
                .expect("valid")
                .series
        })
        .collect();
    let joined = align(&series.iter().collect::<Vec<_>>());
    let points = reference["points"].as_u64().expect("points") as usize;
    let start = joined.times.len() - points;
    let tail = |i: usize| &joined.prices[i][start..];
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-12);
    for (i, asset) in assets.iter().enumerate() {
        let expected = &reference["assets"][asset];
        let vol = sparkline_volatility(tail(i)).expect("168 returns");
        assert!(
            close(vol, expected["volatility"].as_f64().expect("vol")),
            "{data:?} {asset} {vol}"
        );
        let beta = sparkline_beta(tail(i), tail(2)).expect("168 returns");
        assert!(
            close(beta, expected["beta_to_tao"].as_f64().expect("beta")),
            "{data:?} {asset} {beta}"
        );
    }
}
