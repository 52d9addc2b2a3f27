//! The sell-off record (`tokenrisk_market::sell_off`) holds the recorded rows exactly: its
//! candles are the fixture's (and the shared file's, when `../shared` is there) for the same
//! days, and its open interest is the recorded file's last BTC value.

use std::path::Path;
use tokenrisk_market::sell_off::{btc_daily, BINANCE_BTC_OPEN_INTEREST, FIRST_DAY_MS};

/// `(open_time, [open, high, low, close, volume, quote_volume])` of every row of a Binance
/// daily kline export.
fn rows(path: &Path) -> Vec<(i64, [f64; 6])> {
    let text = std::fs::read_to_string(path).expect("candle file");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let columns = ["open", "high", "low", "close", "volume", "quote_volume"].map(column);
    let time = column("open_time");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            let number = |i: usize| fields[i].parse::<f64>().expect("number");
            (
                fields[time].parse().expect("open_time"),
                columns.map(number),
            )
        })
        .collect()
}

fn check_candles(root: &Path) {
    let recorded = rows(&root.join("market-2026/BTCUSDT.csv"));
    let record = btc_daily();
    assert_eq!(
        record.len(),
        32,
        "30 days before the sell-off and its two days"
    );
    for k in &record {
        let (_, values) = recorded
            .iter()
            .find(|(t, _)| *t == k.open_time_ms)
            .unwrap_or_else(|| panic!("{} recorded in {}", k.open_time_ms, root.display()));
        let mine = [
            k.open,
            k.high,
            k.low,
            k.close,
            k.volume,
            k.quote_volume.expect("quote"),
        ];
        assert_eq!(&mine, values, "{}", k.open_time_ms);
        assert_eq!(k.close_time_ms, k.open_time_ms + 86_399_999);
    }
    assert!(record
        .windows(2)
        .all(|w| w[1].open_time_ms - w[0].open_time_ms == 86_400_000));
    assert_eq!(record[record.len() - 2].open_time_ms, FIRST_DAY_MS);
    // The figures the facts file quotes for the two days.
    let (day1, day2) = (&record[record.len() - 2], &record[record.len() - 1]);
    assert_eq!(
        (day1.open, day1.low, day1.close),
        (73_165.84, 62_345.0, 62_909.86)
    );
    assert_eq!(day2.low, 60_000.0);
}

#[test]
fn the_candles_are_the_recorded_rows() {
    check_candles(&tokenrisk_testdata::fixtures_dir());
    if let Some(shared) = tokenrisk_testdata::shared_dir() {
        check_candles(&shared.join("data"));
    }
}

#[test]
fn the_open_interest_is_the_last_recorded_before_the_sell_off() {
    let path =
        tokenrisk_testdata::fixtures_dir().join("futures/BTC_ETH_open_interest_2025-11_12.csv");
    let text = std::fs::read_to_string(path).expect("open interest file");
    let last = text.lines().rfind(|l| !l.trim().is_empty()).expect("a row");
    let fields: Vec<&str> = last.split(',').collect();
    assert_eq!(fields[0], BINANCE_BTC_OPEN_INTEREST.date);
    assert_eq!(
        fields[1].parse::<f64>().expect("usd"),
        BINANCE_BTC_OPEN_INTEREST.usd
    );
}
