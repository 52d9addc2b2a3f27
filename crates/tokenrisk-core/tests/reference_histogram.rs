//! The histogram against NumPy's `np.histogram` on real daily returns (script
//! `tests/reference/histogram.py`; output on the committed fixture cuts `histogram_fixtures.json`,
//! always checked, and on the full shared histories `histogram.json`, checked when present). Counts must match exactly; edges
//! to 1e-12 relative to the range.

use serde_json::Value;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::stats::histogram;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_testdata::DataSet;

#[test]
fn histograms_match_numpy() {
    for data in DataSet::available() {
        let text = match data {
            DataSet::Fixtures => include_str!("reference/histogram_fixtures.json"),
            DataSet::Full => include_str!("reference/histogram.json"),
        };
        check(data, &serde_json::from_str(text).expect("reference JSON"));
    }
}

fn check(data: DataSet, reference: &Value) {
    let cases = reference["histograms"].as_object().expect("cases");
    assert_eq!(cases.len(), 3);
    for (asset, case) in cases {
        let text = data.read_market_file(case["file"].as_str().expect("file"));
        let prices = read_price_csv(&text, case["price_column"].as_str())
            .expect("valid")
            .series;
        let bins = case["bins"].as_u64().expect("bins") as usize;
        let h = histogram(&simple_returns(prices.values()), bins).expect("data");
        let counts: Vec<u64> = case["counts"]
            .as_array()
            .expect("counts")
            .iter()
            .map(|c| c.as_u64().expect("count"))
            .collect();
        assert_eq!(h.counts, counts, "{data:?} {asset}");
        let edges: Vec<f64> = case["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e.as_f64().expect("edge"))
            .collect();
        let span = edges[edges.len() - 1] - edges[0];
        for (a, b) in h.edges.iter().zip(&edges) {
            assert!(
                (a - b).abs() <= 1e-12 * span,
                "{data:?} {asset}: {a} vs {b}"
            );
        }
    }
}
