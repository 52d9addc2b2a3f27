//! `tokenrisk scenario` as a user runs it: the default scenario as JSON, a JSON file (or
//! standard input) to a link fragment and back, a version-1 link opened migrated, and exit code
//! 2 with the reason for a bad file or fragment.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tokenrisk(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("scenario")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    child.wait_with_output().expect("finishes")
}

fn stdout(args: &[&str], stdin: &str) -> String {
    let out = tokenrisk(args, stdin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

fn refused(args: &[&str], stdin: &str) -> String {
    let out = tokenrisk(args, stdin);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).expect("UTF-8")
}

/// A portfolio a user writes by hand: two holdings, one short with a stop, other shocks, a
/// Student-t simulation; every other field left to its default.
const PORTFOLIO: &str = r#"{
  "holdings": [
    {"asset": "TAO", "quantity": 40, "entry_price": 310.5},
    {"asset": "BTC", "quantity": 0.5, "leverage": 3, "short": true, "stop": 82000}
  ],
  "seed": 7,
  "shocks": {"btc": -0.18, "ai_equities": -0.1, "ai_sector": -0.4},
  "simulation": {"model": {"student_t": {"degrees_of_freedom": 4}}, "horizon_days": 365, "paths": 20000}
}"#;

#[test]
fn the_default_scenario_is_the_sell_off_on_an_empty_portfolio() {
    let json: Value = serde_json::from_str(&stdout(&["default"], "")).expect("JSON");
    assert_eq!(json["holdings"], Value::Array(vec![]));
    assert_eq!(json["seed"], 1);
    assert_eq!(json["shocks"]["btc"], -0.14);
    assert_eq!(json["shocks"]["ai_sector"], -0.4);
    assert_eq!(json["legs"]["deleveraging"], true);
    assert_eq!(json["liquidity_haircut"], 0.5);
    assert_eq!(json["simulation"]["model"]["bootstrap"]["mean_block"], 10.0);
    assert_eq!(json["headline"], Value::Null);
    // The default encodes and decodes to itself.
    let fragment = stdout(&["encode", "-"], &stdout(&["default"], ""));
    assert!(fragment.starts_with("#s="), "{fragment}");
    assert_eq!(stdout(&["decode", &fragment], ""), stdout(&["default"], ""));
}

#[test]
fn a_file_encodes_to_a_link_that_decodes_to_the_same_scenario() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let file = dir.join("portfolio.json");
    std::fs::write(&file, PORTFOLIO).expect("writes");
    let fragment = stdout(&["encode", file.to_str().expect("UTF-8 path")], "");
    assert_eq!(fragment, stdout(&["encode", "-"], PORTFOLIO));
    assert!(fragment.len() < 200, "{} characters", fragment.len());
    let json: Value = serde_json::from_str(&stdout(&["decode", &fragment], "")).expect("JSON");
    assert_eq!(json["holdings"][0]["asset"], "TAO");
    assert_eq!(json["holdings"][0]["entry_price"], 310.5);
    assert_eq!(json["holdings"][0]["short"], false);
    assert_eq!(json["holdings"][1]["short"], true);
    assert_eq!(json["holdings"][1]["stop"], 82_000.0);
    assert_eq!(json["holdings"][1]["leverage"], 3.0);
    assert_eq!(json["shocks"]["btc"], -0.18);
    assert_eq!(
        json["simulation"]["model"]["student_t"]["degrees_of_freedom"],
        4.0
    );
    assert_eq!(json["simulation"]["paths"], 20_000);
    // What was left out took its default.
    assert_eq!(json["liquidity_haircut"], 0.5);
    // A whole link and the payload alone decode the same.
    let payload = fragment.trim_start_matches("#s=");
    let link = format!("https://example.org/token-risk-lab/portfolio?range=1y{fragment}");
    assert_eq!(
        stdout(&["decode", &link], ""),
        stdout(&["decode", payload], "")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_version_1_link_opens_migrated() {
    // Made by a build that wrote format 1: TAO, BTC at 3× and ETH, seed 42, 2025-03-01.
    let v1 = "ASXIsQ3AIAwF0e-4SZk1kiXiBCHR0XgZVqOmBIkxGAOEr3o6Zv0idrdQq6uSBPyrs9tfkOkU9hrMlwAPjXxM";
    let json: Value = serde_json::from_str(&stdout(&["decode", v1], "")).expect("JSON");
    assert_eq!(json["seed"], 42);
    assert_eq!(json["as_of"], 20_148);
    assert_eq!(json["holdings"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["holdings"][1]["leverage"], 3.0);
    assert_eq!(json["holdings"][1]["short"], false);
    assert_eq!(json["shocks"]["btc"], -0.14);
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let damaged = refused(&["decode", "#s=AjWOrQoCURCF79wpG30A0az"], "");
    assert!(damaged.contains("damaged"), "{damaged}");
    let characters = refused(&["decode", "#s=not a link!"], "");
    assert!(characters.contains("characters"), "{characters}");
    assert!(refused(&["decode", ""], "").contains("holds no scenario"));
    let future = refused(&["decode", "CQ"], "");
    assert!(future.contains("format 9"), "{future}");
    let not_json = refused(&["encode", "-"], "{ holdings: ");
    assert!(
        not_json.contains("standard input is not a scenario"),
        "{not_json}"
    );
    let typo = refused(&["encode", "-"], r#"{"holdigns": []}"#);
    assert!(typo.contains("unknown field `holdigns`"), "{typo}");
    let rule = refused(
        &["encode", "-"],
        r#"{"holdings": [{"asset": "TAO", "quantity": -1}]}"#,
    );
    assert!(
        rule.contains("holding 1's quantity is not a number of zero or more"),
        "{rule}"
    );
    let shock = refused(&["encode", "-"], r#"{"shocks": {"btc": -1.5}}"#);
    assert!(shock.contains("the BTC shock"), "{shock}");
    let missing = refused(&["encode", "/no/such/file.json"], "");
    assert!(
        missing.contains("cannot read /no/such/file.json"),
        "{missing}"
    );
}
