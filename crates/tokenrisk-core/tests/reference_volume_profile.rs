//! The volume profile against NumPy on the last 30 daily Binance candles of TAO and BTC, to
//! 1e-9 relative (script `tests/reference/volume_profile.py`, output on the committed fixture
//! cuts `volume_profile_fixtures.json`).

use serde_json::Value;
use tokenrisk_core::volume_profile::{volume_profile, Bar};

/// The last `days` bars of a Binance daily export (columns by name), oldest first.
fn last_bars(csv: &str, days: usize) -> Vec<Bar> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (low, high, volume) = (column("low"), column("high"), column("volume"));
    let bars: Vec<Bar> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            let number = |i: usize| fields[i].parse::<f64>().expect("number");
            Bar {
                low: number(low),
                high: number(high),
                volume: number(volume),
            }
        })
        .collect();
    bars[bars.len() - days..].to_vec()
}

#[test]
fn volume_profile_matches_numpy() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/volume_profile_fixtures.json"))
            .expect("reference JSON");
    let assets = reference["assets"].as_object().expect("assets");
    assert_eq!(assets.len(), 2);
    for (asset, expected) in assets {
        let file = expected["file"].as_str().expect("file");
        let csv =
            std::fs::read_to_string(tokenrisk_testdata::fixtures_dir().join("market").join(file))
                .expect("fixture");
        let days = expected["days"].as_u64().expect("days") as usize;
        let bins = expected["bins"].as_u64().expect("bins") as usize;
        let profile = volume_profile(&last_bars(&csv, days), bins).expect("valid bars");
        let prices = expected["prices"].as_array().expect("prices");
        let volumes = expected["volumes"].as_array().expect("volumes");
        assert_eq!(profile.len(), prices.len(), "{asset}");
        for ((price, volume), (want_price, want_volume)) in
            profile.iter().zip(prices.iter().zip(volumes))
        {
            let (wp, wv) = (
                want_price.as_f64().expect("price"),
                want_volume.as_f64().expect("volume"),
            );
            assert!(
                (price - wp).abs() <= 1e-9 * wp,
                "{asset}: price {price} vs {wp}"
            );
            assert!(
                (volume - wv).abs() <= 1e-9 * wv,
                "{asset}: volume {volume} vs {wv}"
            );
        }
    }
}
