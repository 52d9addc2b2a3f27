//! The histogram against NumPy's `np.histogram` on the shared data's daily returns (script and
//! output: `tests/reference/histogram.py`, `histogram.json`). Counts must match exactly; edges
//! to 1e-12 relative to the range.

use serde_json::Value;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::stats::histogram;
use tokenrisk_market::csv_prices::read_price_csv;

#[test]
fn histograms_match_numpy() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/histogram.json")).expect("reference JSON");
    let cases = reference["histograms"].as_object().expect("cases");
    assert_eq!(cases.len(), 3);
    for (asset, case) in cases {
        let text = tokenrisk_testdata::read_market_file(case["file"].as_str().expect("file"));
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
        assert_eq!(h.counts, counts, "{asset}");
        let edges: Vec<f64> = case["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e.as_f64().expect("edge"))
            .collect();
        let span = edges[edges.len() - 1] - edges[0];
        for (a, b) in h.edges.iter().zip(&edges) {
            assert!((a - b).abs() <= 1e-12 * span, "{asset}: {a} vs {b}");
        }
    }
}
