//! `tokenrisk slippage` as a user runs it: a hand-computed book (in Binance's, Coinbase's and
//! Bybit's shapes) and a recorded Binance book in, the documented JSON keys or a table out, and
//! exit code 2 with the reason for a bad file, book, size, haircut or a refused Bybit answer.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .args(args)
        .output()
        .expect("runs")
}

/// Writes `body` to a file of this test's own in the target's temporary directory.
fn book_file(name: &str, body: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("slippage");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, body).expect("written");
    path
}

/// Bids 99 × 1, 98 × 2, 90 × 10; asks 101 × 1, 103 × 4, 120 × 1 (mid 100, spread 200 bps), in
/// Binance's depth-response shape.
const HAND_BOOK: &str = r#"{"lastUpdateId":1,"bids":[["99.0","1.0"],["98.0","2.0"],["90.0","10.0"]],"asks":[["101.0","1.0"],["103.0","4.0"],["120.0","1.0"]]}"#;

fn json_run(args: &[&str]) -> Value {
    let out = tokenrisk(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn near(v: &Value, expected: f64) -> bool {
    (v.as_f64().expect("number") - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

#[test]
fn json_fills_by_hand() {
    let book = book_file("hand.json", HAND_BOOK);
    let book = book.to_str().expect("utf-8 path");
    // Sell 2.5: 1 at 99 and 1.5 at 98 → 246 / 2.5 = 98.4, 160 bps below the mid of 100.
    let v = json_run(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "sell",
        "--base-size",
        "2.5",
        "--format",
        "json",
    ]);
    for key in [
        "mid",
        "avg_price",
        "slippage_bps",
        "levels_consumed",
        "filled_base",
        "filled_quote",
        "unfilled_base",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert!(near(&v["mid"], 100.0) && near(&v["avg_price"], 98.4));
    assert!(near(&v["slippage_bps"], 160.0) && near(&v["filled_quote"], 246.0));
    assert_eq!(v["levels_consumed"], 2);
    assert_eq!(
        (v["unfilled_base"].as_f64(), v["exhausted"].as_bool()),
        (Some(0.0), Some(false))
    );

    // Buy 20 of the 6 resting: 633 quote for 6 base, 14 base left over.
    let v = json_run(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "buy",
        "--base-size",
        "20",
        "--format",
        "json",
    ]);
    assert_eq!(v["exhausted"], true);
    assert_eq!(v["levels_consumed"], 3);
    assert!(near(&v["filled_base"], 6.0) && near(&v["filled_quote"], 633.0));
    assert!(near(&v["unfilled_base"], 14.0) && near(&v["avg_price"], 105.5));

    // Buy for 513 quote: exactly the first two ask levels, 5 base at 102.6 (260 bps).
    let v = json_run(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "buy",
        "--quote-size",
        "513",
        "--format",
        "json",
    ]);
    assert!(near(&v["filled_base"], 5.0) && near(&v["slippage_bps"], 260.0));

    // A 50 % haircut: bids 99 × 0.5, 98 × 1, 90 × 5; selling 2.5 reaches 90:
    // (49.5 + 98 + 90) / 2.5 = 95, 500 bps.
    let v = json_run(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "sell",
        "--base-size",
        "2.5",
        "--haircut",
        "0.5",
        "--format",
        "json",
    ]);
    assert!(near(&v["avg_price"], 95.0) && near(&v["slippage_bps"], 500.0));
    assert_eq!(v["levels_consumed"], 3);
}

#[test]
fn table_on_a_recorded_book_says_when_the_book_runs_out() {
    let book = tokenrisk_testdata::orderbook_file("binance_usdm_KEEPUSDT_2021-07-22T222542Z.json");
    let book = book.to_str().expect("utf-8 path");
    let out = tokenrisk(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "sell",
        "--base-size",
        "5000",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // 631 at 0.2463, 1,490 at 0.2459, 2,879 at 0.2458: mid 0.24635.
    assert!(
        text.contains("Slippage against the mid") && text.contains("0.2458929"),
        "{text}"
    );
    assert!(!text.contains("Book exhausted"));
    let out = tokenrisk(&[
        "slippage",
        "--depth",
        book,
        "--side",
        "buy",
        "--base-size",
        "1e12",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Book exhausted: the asks ran out"));
}

#[test]
fn bad_files_books_sizes_and_haircuts_exit_2_with_the_reason() {
    let good = book_file("good.json", HAND_BOOK);
    let cases: [(&str, Option<&str>, &[&str], &str); 10] = [
        ("missing.json", None, &["--base-size", "1"], "missing.json"),
        (
            "garbage.json",
            Some("not json"),
            &["--base-size", "1"],
            "garbage.json",
        ),
        (
            "empty.json",
            Some(r#"{"bids":[],"asks":[]}"#),
            &["--base-size", "1"],
            "the bids side is empty",
        ),
        (
            "one_sided.json",
            Some(r#"{"bids":[["99","1"]],"asks":[]}"#),
            &["--base-size", "1"],
            "the asks side is empty",
        ),
        (
            "crossed.json",
            Some(r#"{"bids":[["101","1"]],"asks":[["100","1"]]}"#),
            &["--base-size", "1"],
            "crossed book",
        ),
        (
            "good.json",
            None,
            &["--base-size", "-1"],
            "order size -1 is not a positive",
        ),
        (
            "good.json",
            None,
            &["--quote-size", "NaN"],
            "--quote-size: order size NaN",
        ),
        ("good.json", None, &["--base-size", "0"], "order size 0"),
        (
            "good.json",
            None,
            &["--base-size", "1", "--haircut", "1.5"],
            "haircut 1.5 is not in [0, 1)",
        ),
        (
            "good.json",
            None,
            &["--base-size", "1", "--haircut", "-0.1"],
            "not in [0, 1)",
        ),
    ];
    for (name, body, extra, reason) in cases {
        let path = match (name, body) {
            ("good.json", _) => good.clone(),
            (_, Some(body)) => book_file(name, body),
            (_, None) => PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("slippage/missing.json"),
        };
        let path = path.to_str().expect("utf-8 path").to_owned();
        let mut args = vec!["slippage", "--depth", &path, "--side", "sell"];
        args.extend_from_slice(extra);
        let out = tokenrisk(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name} {extra:?}: {stderr}");
        assert!(stderr.contains(reason), "{name} {extra:?}: {stderr}");
    }
    // No size, or both sizes: clap's usage error, also status 2.
    let good = good.to_str().expect("utf-8 path");
    for extra in [&[][..], &["--base-size", "1", "--quote-size", "1"][..]] {
        let mut args = vec!["slippage", "--depth", good, "--side", "buy"];
        args.extend_from_slice(extra);
        assert_eq!(tokenrisk(&args).status.code(), Some(2), "{extra:?}");
    }
}

/// The hand book in Coinbase's level-2 shape and in Bybit's v5 envelope (levels out of order).
const HAND_BOOK_COINBASE: &str = r#"{"sequence":7,"bids":[["99.0","1.0","3"],["98.0","2.0","1"],["90.0","10.0","2"]],"asks":[["101.0","1.0","1"],["103.0","4.0","2"],["120.0","1.0","1"]]}"#;
const HAND_BOOK_BYBIT: &str = r#"{"retCode":0,"retMsg":"OK","result":{"s":"TAOUSDT","b":[["98.0","2.0"],["99.0","1.0"],["90.0","10.0"]],"a":[["101.0","1.0"],["120.0","1.0"],["103.0","4.0"]],"ts":1,"u":1,"seq":1,"cts":1},"retExtInfo":{},"time":1}"#;

#[test]
fn coinbase_and_bybit_books_price_as_binances() {
    let sell = |name: &str, body: &str| {
        let path = book_file(name, body);
        json_run(&[
            "slippage",
            "--depth",
            path.to_str().expect("utf-8 path"),
            "--side",
            "sell",
            "--base-size",
            "2.5",
            "--format",
            "json",
        ])
    };
    let binance = sell("hand_binance.json", HAND_BOOK);
    assert!(near(&binance["slippage_bps"], 160.0));
    for (name, body) in [
        ("hand_coinbase.json", HAND_BOOK_COINBASE),
        ("hand_bybit.json", HAND_BOOK_BYBIT),
    ] {
        assert_eq!(sell(name, body), binance, "{name}");
    }
    let refused = book_file(
        "bybit_refused.json",
        r#"{"retCode":10001,"retMsg":"params error","result":{},"retExtInfo":{},"time":1}"#,
    );
    let out = tokenrisk(&[
        "slippage",
        "--depth",
        refused.to_str().expect("utf-8 path"),
        "--side",
        "sell",
        "--base-size",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("retCode 10001 params error"), "{stderr}");
}
