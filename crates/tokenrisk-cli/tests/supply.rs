//! `tokenrisk supply` as a user runs it: the documented CSV columns with the published figures
//! of each preset (TAO's halving, NEAR's 2.5 %), the JSON with every parameter's source, a
//! NEAR schedule against the NumPy reference, a saved CoinGecko answer as the start supply,
//! and exit code 2 with the reason for bad input.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("supply")
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(args: &[&str]) -> String {
    let out = tokenrisk(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(&[args, &["--format", "json"]].concat())).expect("JSON")
}

fn refused(args: &[&str]) -> String {
    let out = tokenrisk(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn tao_from_the_first_halving_as_csv() {
    let text = stdout(&["--preset", "tao", "--start", "2025-12-15", "--days", "3"]);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[0],
        "date,total_supply,circulating_supply,emission,burn,net_inflation_annualised,unlocked,assumed_sold,liquid_supply,bought_back"
    );
    assert_eq!(rows.len(), 4);
    // 10.5 M issued at the halving (facts-2026 §1.2), then 3,600 TAO a day.
    let first: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(
        first[..5],
        ["2025-12-15", "10503600", "10503600", "3600", "0"]
    );
    let inflation: f64 = first[5].parse().expect("number");
    assert!((inflation - 3_600.0 / 10.5e6 * 365.0).abs() < 1e-15);
    assert!(rows[3].starts_with("2025-12-17,10510800,"));
}

#[test]
fn tao_issuance_at_start_sets_when_it_halves() {
    let report = json(&[
        "--preset",
        "tao",
        "--start",
        "2029-06-01",
        "--issuance-at-start",
        "15749000",
        "--days",
        "2",
    ]);
    let emission: Vec<f64> = report["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["emission"].as_f64().expect("emission"))
        .collect();
    assert_eq!(emission, [3_600.0, 1_800.0]);
    assert_eq!(
        report["start"]["source"],
        "given (circulating taken as the total)"
    );
}

#[test]
fn json_lists_every_parameter_with_its_source_and_applies_edits() {
    let report = json(&[
        "--preset",
        "near",
        "--start",
        "2026-01-01",
        "--days",
        "365",
        "--total-supply",
        "1e9",
        "--set",
        "burn_rate=0",
        "--set",
        "treasury_share = 0.2",
    ]);
    let params = report["parameters"].as_array().expect("parameters");
    let keys: Vec<&str> = params
        .iter()
        .map(|p| p["key"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        [
            "rate_before",
            "rate",
            "treasury_share",
            "burn_rate",
            "sell_through",
            "staked_share",
            "unbonding_days"
        ]
    );
    assert!(params
        .iter()
        .all(|p| !p["source"].as_str().expect("source").is_empty()));
    assert_eq!(params[1]["confidence"], "high");
    assert_eq!(params[2]["value"], 0.2);
    // 2.5 % a year minted daily on the day's supply (nearcore 81.json), a fifth to the treasury.
    let days = report["days"].as_array().expect("days");
    let minted: f64 = days
        .iter()
        .map(|d| d["emission"].as_f64().expect("e"))
        .sum();
    let expected = 1e9 * ((1.0 + 0.025 / 365.0_f64).powi(365) - 1.0);
    assert!((minted - expected).abs() < 1e-6 * expected, "{minted}");
    let last = &days[364];
    let locked =
        last["total_supply"].as_f64().expect("t") - last["circulating_supply"].as_f64().expect("c");
    assert!((locked - minted * 0.2).abs() < 1e-3, "{locked}");
}

#[test]
fn near_over_20_years_matches_numpy() {
    // The market crate's reference: NumPy's schedule of the NEAR preset from 1.25e9 total,
    // 1.2e9 circulating on 2026-01-01; every 73rd day to 1e-9 relative.
    let reference: Value = serde_json::from_str(include_str!(
        "../../tokenrisk-market/tests/reference/supply_presets.json"
    ))
    .expect("reference");
    let report = json(&[
        "--preset",
        "near",
        "--start",
        "2026-01-01",
        "--days",
        "7305",
        "--total-supply",
        "1.25e9",
        "--circulating-supply",
        "1.2e9",
    ]);
    let days = report["days"].as_array().expect("days");
    assert_eq!(days.len(), 7305);
    let r = &reference["near"];
    for (i, e) in r["days"]
        .as_array()
        .expect("days")
        .iter()
        .zip(r["sampled"]["total"].as_array().expect("total"))
    {
        let i = i.as_u64().expect("i") as usize;
        let (a, e) = (
            days[i]["total_supply"].as_f64().expect("a"),
            e.as_f64().expect("e"),
        );
        assert!((a - e).abs() <= 1e-9 * e, "day {i}: {a} against {e}");
    }
}

fn coingecko_answer(name: &str, id: &str, total: Value, circulating: Value) -> PathBuf {
    let mut sample: Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
        "coingecko_coins_markets.json",
    ))
    .expect("sample");
    let coin = &mut sample[0];
    coin["id"] = id.into();
    coin["total_supply"] = total;
    coin["circulating_supply"] = circulating;
    let path = std::env::temp_dir().join(format!(
        "tokenrisk-supply-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, sample.to_string()).expect("write");
    path
}

#[test]
fn a_saved_coingecko_answer_starts_the_schedule() {
    let file = coingecko_answer("icp", "internet-computer", 5.4e8.into(), 5.3e8.into());
    let report = json(&[
        "--preset",
        "icp",
        "--start",
        "2026-11-30",
        "--days",
        "1",
        "--coingecko",
        file.to_str().expect("path"),
    ]);
    assert_eq!(report["start"]["total_supply"], 5.4e8);
    assert_eq!(report["start"]["circulating_supply"], 5.3e8);
    // 3.46 % of voting rewards with Mission 70's factor plus 3.84 % to node providers (§3).
    let rate = report["days"][0]["emission"].as_f64().expect("e") / 5.4e8 * 365.25;
    assert!((rate - 0.073).abs() < 5e-5, "{rate}");

    let missing = coingecko_answer("nosupply", "internet-computer", Value::Null, 1.0.into());
    let e = refused(&[
        "--preset",
        "icp",
        "--coingecko",
        missing.to_str().expect("path"),
    ]);
    assert!(e.contains("has no total_supply"), "{e}");
    let other = coingecko_answer("other", "bitcoin", 1.0.into(), 1.0.into());
    let e = refused(&[
        "--preset",
        "icp",
        "--coingecko",
        other.to_str().expect("path"),
    ]);
    assert!(e.contains("no record of internet-computer"), "{e}");
    std::fs::write(&other, "{\"not\": \"a list\"}").expect("write");
    refused(&[
        "--preset",
        "icp",
        "--coingecko",
        other.to_str().expect("path"),
    ]);
    for f in [file, missing, other] {
        let _ = std::fs::remove_file(f);
    }
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    for (args, reason) in [
        (&["--preset", "doge"][..], "no supply preset doge"),
        (&["--preset", "near"][..], "not in the sourced facts"),
        (
            &["--preset", "tao", "--start", "2024-01-01"][..],
            "after the start",
        ),
        (
            &["--preset", "tao", "--start", "2026-13-01"][..],
            "not a date",
        ),
        (
            &["--preset", "tao", "--days", "8000"][..],
            "at most 7305 days",
        ),
        (
            &["--preset", "tao", "--set", "speed=2"][..],
            "has no parameter speed",
        ),
        (
            &["--preset", "tao", "--set", "sell_through"][..],
            "KEY=VALUE",
        ),
        (
            &["--preset", "tao", "--set", "sell_through=lots"][..],
            "not a number",
        ),
        (
            &["--preset", "tao", "--set", "sell_through=1.5"][..],
            "between 0 and 1",
        ),
        (
            &["--preset", "near", "--total-supply", "-5"][..],
            "total supply must be",
        ),
        (
            &["--preset", "near", "--total-supply", "NaN"][..],
            "total supply must be",
        ),
        (
            &[
                "--preset",
                "near",
                "--total-supply",
                "1e9",
                "--circulating-supply",
                "2e9",
            ][..],
            "is above total supply",
        ),
        (
            &[
                "--preset",
                "near",
                "--total-supply",
                "1e9",
                "--set",
                "rate=-0.1",
            ][..],
            "inflation rate must be",
        ),
        (
            &["--preset", "fet", "--set", "claim=3e9"][..],
            "circulating supply",
        ),
    ] {
        let e = refused(args);
        assert!(e.contains(reason), "{args:?}: {e}");
    }
}
