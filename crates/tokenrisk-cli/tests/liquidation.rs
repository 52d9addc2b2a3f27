//! `tokenrisk liquidation-price` as a user runs it: the documented JSON keys with hand-computed
//! values (Binance's formula with the 2024-10-24 bracket snapshot, or a saved leverageBracket
//! answer's), the table, and exit code 2 with the reason for bad input, an unknown symbol or a
//! broken answer.

use serde_json::Value;
use std::process::{Command, Output};

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("liquidation-price")
        .args(args)
        .output()
        .expect("runs")
}

fn json(args: &[&str]) -> Value {
    let out = tokenrisk(&[args, &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn number(report: &Value, key: &str) -> f64 {
    report[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key}: {report}"))
}

fn assert_close(report: &Value, key: &str, expected: f64) {
    let actual = number(report, key);
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1e-6),
        "{key}: {actual} ≠ {expected}"
    );
}

#[test]
fn isolated_long_from_leverage_has_the_documented_keys_and_values() {
    let report = json(&[
        "--symbol",
        "BTCUSDT",
        "--side",
        "long",
        "--entry",
        "60000",
        "--size",
        "1",
        "--leverage",
        "20",
    ]);
    for key in [
        "liquidation_price",
        "bracket",
        "maintenance_rate",
        "maintenance_amount",
        "distance",
        "bracket_date",
    ] {
        assert!(report.get(key).is_some(), "{key} missing: {report}");
    }
    // Wallet 60,000 / 20 = 3,000; bracket 2 (50k–600k: 0.5 %, 50):
    // (60,000 − 3,000 − 50) / (1 · (1 − 0.005)) = 57,236.18.
    let price = 56_950.0 / 0.995;
    assert_close(&report, "liquidation_price", price);
    assert_close(&report, "distance", price / 60_000.0 - 1.0);
    assert_close(&report, "maintenance_rate", 0.005);
    assert_close(&report, "maintenance_amount", 50.0);
    assert_close(&report, "wallet", 3_000.0);
    assert_eq!(report["bracket"], 2);
    assert_eq!(report["mode"], "isolated");
    assert_eq!(report["bracket_date"], "2024-10-24");
}

#[test]
fn short_whose_bracket_moves_at_the_liquidation_price() {
    // Wallet 4,800 at 10×, entry notional 48,000 in bracket 1; bracket 1 would give
    // 52,800 / 1.004 = 52,589.64, a notional in bracket 2, which gives
    // (48,000 + 4,800 + 50) / 1.005 = 52,587.06.
    let report = json(&[
        "--symbol",
        "btcusdt",
        "--side",
        "short",
        "--entry",
        "48000",
        "--size",
        "1",
        "--leverage",
        "10",
    ]);
    assert_close(&report, "liquidation_price", 52_850.0 / 1.005);
    assert_eq!(report["bracket"], 2);
    assert_eq!(report["entry_bracket"], 1);
    assert_close(&report, "maintenance_amount", 50.0);
    assert_eq!(report["symbol"], "BTCUSDT");
}

#[test]
fn isolated_wallet_and_cross_account() {
    // TAO long 1,000 @ 164 with 32,800 isolated (5×): bracket 3 (100k–500k: 2 %, 550):
    // (164,000 − 32,800 − 550) / (1,000 · 0.98) = 133.32.
    let report = json(&[
        "--symbol", "TAOUSDT", "--side", "long", "--entry", "164", "--size", "1000", "--wallet",
        "32800",
    ]);
    assert_close(&report, "liquidation_price", 130_650.0 / 980.0);
    assert_eq!(report["bracket"], 3);
    assert_close(&report, "leverage", 5.0);

    // Binance's cross example's BTC position and account (wallet 1,535,443.01; ETH's
    // maintenance 356,512.508122 and unrealised PnL −448,192.88514) with the 2024 brackets:
    // the liquidation notional (≈ 2.84 M) is in bracket 3 (0.65 %, 950), so
    // LP = (109.488 · 32,481.98 − (1,535,443.01 − 356,512.508122 − 448,192.88514) − 950)
    //      / (109.488 · 0.9935) = 25,967.96 (the FAQ's 26,316.89 used its 2021 bracket).
    let report = json(&[
        "--symbol",
        "BTCUSDT",
        "--side",
        "long",
        "--entry",
        "32481.98",
        "--size",
        "109.488",
        "--wallet",
        "1535443.01",
        "--mode",
        "cross",
        "--others-maintenance",
        "356512.508122",
        "--others-pnl",
        "-448192.88514",
    ]);
    let available = 1_535_443.01 - 356_512.508_122 - 448_192.885_14;
    let expected = (109.488 * 32_481.98 - available - 950.0) / (109.488 * (1.0 - 0.0065));
    assert_close(&report, "liquidation_price", expected);
    assert_eq!(format!("{expected:.2}"), "25967.96");
    assert_eq!(report["bracket"], 3);
    assert_eq!(report["mode"], "cross");
}

#[test]
fn a_fully_covered_long_has_no_price() {
    let report = json(&[
        "--symbol",
        "BTCUSDT",
        "--side",
        "long",
        "--entry",
        "60000",
        "--size",
        "1",
        "--leverage",
        "1",
    ]);
    assert!(report["liquidation_price"].is_null());
    assert!(report["distance"].is_null());
    assert!(report["note"]
        .as_str()
        .is_some_and(|n| n.contains("no liquidation")));
}

#[test]
fn table_names_the_price_bracket_and_snapshot_date() {
    let out = tokenrisk(&[
        "--symbol",
        "NEARUSDT",
        "--side",
        "short",
        "--entry",
        "5",
        "--size",
        "1000",
        "--leverage",
        "10",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // Wallet 500, bracket 1 (1 %, 0): (5,000 + 500) / (1,000 · 1.01) = 5.45.
    assert!(text.contains("liquidation price   5.45"), "{text}");
    assert!(text.contains("2024-10-24"), "{text}");
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let base = ["--symbol", "BTCUSDT", "--side", "long", "--entry", "60000"];
    for (extra, reason) in [
        (
            &["--size", "1", "--leverage", "0"][..],
            "leverage must be above 0",
        ),
        (
            &["--size", "1", "--leverage", "-5"],
            "leverage must be above 0",
        ),
        (
            &["--size", "1", "--leverage", "101"],
            "above bracket 2's maximum of 100×",
        ),
        (
            &["--size", "1", "--leverage", "NaN"],
            "leverage is not a finite number",
        ),
        (&["--size", "0", "--leverage", "10"], "size must be above 0"),
        (
            &["--size", "1", "--wallet", "-1"],
            "wallet must not be negative",
        ),
        (
            &["--size", "1", "--wallet", "500"],
            "below the initial margin",
        ),
        (
            &["--size", "1", "--leverage", "10", "--others-pnl", "5"],
            "apply to --mode cross",
        ),
        (
            &["--size", "1", "--leverage", "10", "--wallet", "5"],
            "cannot be used",
        ),
        (&["--size", "1"], "required"),
        (&["--size", "40000", "--wallet", "1e12"], "largest position"),
    ] {
        let out = tokenrisk(&[&base[..], extra].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(stderr.contains(reason), "{extra:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{extra:?}");
    }
    let out = tokenrisk(&[
        "--symbol",
        "DOGEUSDT",
        "--side",
        "long",
        "--entry",
        "1",
        "--size",
        "1",
        "--leverage",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown symbol DOGEUSDT"));
}

/// Writes `body` to a file of this test's own in the target's temporary directory.
fn file(name: &str, body: &str) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("liquidation");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, body).expect("written");
    path.display().to_string()
}

/// An account's saved `GET /fapi/v1/leverageBracket` answer: Binance's documented ETHUSDT
/// example and a one-bracket BTCUSDT table (numbers as strings, as Binance may send them).
const SAVED_ANSWER: &str = r#"[
  {"symbol":"ETHUSDT","notionalCoef":1.50,"brackets":[{"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0.0}]},
  {"symbol":"BTCUSDT","brackets":[{"bracket":"1","initialLeverage":"50","notionalCap":"1000000000","notionalFloor":"0","maintMarginRatio":"0.01","cum":"0"}]}
]"#;

#[test]
fn a_saved_bracket_answer_replaces_the_snapshot() {
    let answer = file("brackets.json", SAVED_ANSWER);
    let run = |symbol: &str, entry: &str, leverage: &str| {
        json(&[
            "--symbol",
            symbol,
            "--side",
            "long",
            "--entry",
            entry,
            "--size",
            "1",
            "--leverage",
            leverage,
            "--brackets",
            &answer,
        ])
    };
    // Wallet 3,000, MMR 1 %, cum 0: (60,000 − 3,000) / (1 − 0.01); the snapshot gives 57,236.18.
    let btc = run("BTCUSDT", "60000", "20");
    assert_close(&btc, "liquidation_price", 57_000.0 / 0.99);
    assert_eq!(btc["bracket_date"], Value::Null);
    assert!(
        btc["bracket_source"]
            .as_str()
            .is_some_and(|s| s.contains("brackets.json") && s.contains("leverageBracket")),
        "{btc}"
    );
    // A contract the snapshot does not have: wallet 200, (2,000 − 200) / (1 − 0.0065).
    let eth = run("ethusdt", "2000", "10");
    assert_close(&eth, "liquidation_price", 1_800.0 / 0.9935);
    assert_close(&eth, "maintenance_rate", 0.0065);
}

#[test]
fn a_broken_bracket_answer_exits_2_with_the_reason() {
    let base = [
        "--side",
        "long",
        "--entry",
        "60000",
        "--size",
        "1",
        "--leverage",
        "20",
        "--symbol",
    ];
    let wrong_cum = SAVED_ANSWER.replace(r#""cum":0.0"#, r#""cum":7"#);
    for (symbol, body, reason) in [
        (
            "ICPUSDT",
            SAVED_ANSWER,
            "no brackets for ICPUSDT in the answer",
        ),
        (
            "ETHUSDT",
            wrong_cum.as_str(),
            "bracket 1's maintenance amount is 7",
        ),
        ("BTCUSDT", "<html>", "malformed response"),
    ] {
        let answer = file(&format!("broken-{symbol}.json"), body);
        let out = tokenrisk(&[&base[..], &[symbol, "--brackets", &answer]].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{symbol}: {stderr}");
        assert!(
            stderr.contains(reason) && stderr.contains(&answer),
            "{symbol}: {stderr}"
        );
    }
    let out = tokenrisk(&[&base[..], &["BTCUSDT", "--brackets", "/nonexistent/b.json"]].concat());
    assert_eq!(out.status.code(), Some(2));
}
