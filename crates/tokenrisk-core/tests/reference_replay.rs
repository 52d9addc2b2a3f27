//! The replay of 2026-02-05/06 and the liquidation map against an independent NumPy
//! implementation (script `tests/reference/replay.py`, output `replay.json`) on BTC's real
//! daily candles: the market crate's sell-off record (the app's data, the same rows as the
//! fixture the script reads: `tokenrisk-market/tests/sell_off.rs`), entries over the volume
//! profile of the 30 days before, the three leverage-mix presets and three long shares, open
//! interest the recorded Binance figure. The path exactly; every amount to 1e-9 relative (plus
//! 1e-6 USD absolute for sums of zero).

use serde_json::Value;
use tokenrisk_core::cascade::{
    bar_path, ladder, liquidation_map, replay, LadderInput, LeverageMixPreset, Ohlc,
};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::volume_profile::{volume_profile, Bar};
use tokenrisk_market::sell_off::{btc_daily, BINANCE_BTC_OPEN_INTEREST, FIRST_DAY_MS};

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-6
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn assert_all_close(actual: &[f64], expected: &[f64], what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(close(*a, *e), "{what}[{i}]: {a} against NumPy's {e}");
    }
}

#[test]
fn replay_and_map_match_numpy_on_the_sell_off() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/replay.json")).expect("reference JSON");
    let candles = btc_daily();
    let split = candles
        .iter()
        .position(|k| k.open_time_ms == FIRST_DAY_MS)
        .expect("the first day");
    let bars: Vec<Bar> = candles[split - 30..split].iter().map(Bar::from).collect();
    let entries = volume_profile(&bars, 24).expect("profile");
    let days: Vec<Ohlc> = candles[split..].iter().map(Ohlc::from).collect();
    let path = bar_path(&days);
    let prices: Vec<f64> = path.iter().map(|p| p.price).collect();
    assert_eq!(prices, numbers(&reference["path"]));
    let oi = reference["open_interest"].as_f64().expect("oi");
    assert_eq!(oi, BINANCE_BTC_OPEN_INTEREST.usd);
    let bracket = Bracket {
        notional_floor: 0.0,
        notional_cap: 50_000.0,
        max_leverage: 125.0,
        maintenance_rate: 0.004,
        maintenance_amount: 0.0,
    };
    let edges = numbers(&reference["map_edges"]);
    let cases = reference["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 9);
    for case in cases {
        let preset = match case["mix"].as_str().expect("mix") {
            "exchange_retail" => LeverageMixPreset::ExchangeRetail,
            "hyperliquid_observed" => LeverageMixPreset::HyperliquidObserved,
            "heatmap_vendor" => LeverageMixPreset::HeatmapVendor,
            other => panic!("unknown mix {other}"),
        };
        let long_share = case["long_share"].as_f64().expect("long share");
        let what = format!("{preset:?} long {long_share}");
        let mix = preset.mix();
        let input = LadderInput {
            open_interest: oi,
            long_share,
            start_price: prices[0],
            entries: &entries,
            mix: &mix,
            bracket: &bracket,
        };
        let r = replay(&input, &path).expect("replay");
        let longs: Vec<f64> = r.steps.iter().map(|s| s.liquidated_long).collect();
        let shorts: Vec<f64> = r.steps.iter().map(|s| s.liquidated_short).collect();
        assert_all_close(
            &longs,
            &numbers(&case["step_long"]),
            &format!("{what} longs"),
        );
        assert_all_close(
            &shorts,
            &numbers(&case["step_short"]),
            &format!("{what} shorts"),
        );
        assert!(close(
            r.liquidated_long,
            case["liquidated_long"].as_f64().expect("n")
        ));
        assert!(close(
            r.liquidated_short,
            case["liquidated_short"].as_f64().expect("n")
        ));
        assert!(close(
            r.dropped_long,
            case["dropped_long"].as_f64().expect("n")
        ));
        assert!(close(
            r.dropped_short,
            case["dropped_short"].as_f64().expect("n")
        ));

        let ladder = ladder(&input).expect("ladder");
        let (low, high) = (edges[0], edges[edges.len() - 1]);
        let map = liquidation_map(&ladder, low, high, edges.len() - 1).expect("map");
        let bin_edges: Vec<f64> = map.iter().map(|b| b.low).chain([high]).collect();
        assert_all_close(&bin_edges, &edges, &format!("{what} edges"));
        let map_long: Vec<f64> = map.iter().map(|b| b.long).collect();
        let map_short: Vec<f64> = map.iter().map(|b| b.short).collect();
        assert_all_close(
            &map_long,
            &numbers(&case["map_long"]),
            &format!("{what} map longs"),
        );
        assert_all_close(
            &map_short,
            &numbers(&case["map_short"]),
            &format!("{what} map shorts"),
        );
    }
}
