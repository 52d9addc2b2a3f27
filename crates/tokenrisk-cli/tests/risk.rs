//! `tokenrisk risk` as a user runs it: real exports in, JSON or a table out, and exit code 2
//! with the file, line and reason for a malformed file.

use serde_json::Value;
use std::process::{Command, Output};
use tokenrisk_testdata::DataSet;

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .args(args)
        .output()
        .expect("runs")
}

fn market(relative: &str) -> String {
    DataSet::best().market_file(relative).display().to_string()
}

/// The core's reference values (pandas, NumPy, SciPy, empyrical) computed on the files
/// [`market`] names: the full shared histories when there, else the committed fixture cuts.
fn reference() -> Value {
    serde_json::from_str(match DataSet::best() {
        DataSet::Full => include_str!("../../tokenrisk-core/tests/reference/risk_metrics.json"),
        DataSet::Fixtures => {
            include_str!("../../tokenrisk-core/tests/reference/risk_metrics_fixtures.json")
        }
    })
    .expect("reference")
}

fn close(actual: &Value, expected: &Value) -> bool {
    let (a, e) = (
        actual.as_f64().expect("number"),
        expected.as_f64().expect("number"),
    );
    (a - e).abs() <= 1e-9 * e.abs().max(1e-3)
}

#[test]
fn json_report_with_a_benchmark_has_the_documented_keys_and_reference_values() {
    let tao = market("binance_spot_1d/TAOUSDT.csv");
    let btc = market("binance_spot_1d/BTCUSDT.csv");
    let out = tokenrisk(&[
        "risk",
        "--prices",
        &tao,
        "--benchmark",
        &btc,
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "observations",
        "start",
        "end",
        "total_return",
        "cagr",
        "ann_vol",
        "sharpe",
        "sortino",
        "max_drawdown",
        "calmar",
        "var_hist_95",
        "cvar_hist_95",
        "var_hist_99",
        "cvar_hist_99",
        "var_gauss_95",
        "var_cf_95",
        "skew",
        "excess_kurtosis",
        "pair_observations",
        "beta",
        "correlation",
    ] {
        assert!(report.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(
        (report["start"].as_str(), report["end"].as_str()),
        (Some("2024-04-11"), Some("2026-01-02"))
    );
    let reference = reference();
    let (single, pair) = (&reference["single"]["TAO"], &reference["pairs"]["TAO/BTC"]);
    for key in [
        "ann_vol",
        "sharpe",
        "max_drawdown",
        "var_hist_95",
        "cvar_hist_99",
        "var_cf_95",
        "excess_kurtosis",
    ] {
        assert!(
            close(&report[key], &single[key]),
            "{key}: {} vs {}",
            report[key],
            single[key]
        );
    }
    assert_eq!(report["observations"], single["observations"]);
    assert!(
        close(&report["beta"], &pair["beta"])
            && close(&report["correlation"], &pair["correlation"])
    );
    assert_eq!(report["pair_observations"], pair["pair_observations"]);
}

#[test]
fn bootstrap_intervals_and_monte_carlo_var_are_reproducible_from_the_seed() {
    let btc = market("binance_spot_1d/BTCUSDT.csv");
    let run = |seed: &str| {
        let out = tokenrisk(&[
            "risk",
            "--prices",
            &btc,
            "--format",
            "json",
            "--seed",
            seed,
            "--resamples",
            "300",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).expect("JSON")
    };
    let (a, b, c) = (run("7"), run("7"), run("8"));
    assert_eq!(a, b, "the same seed gives the same report");
    assert_ne!(
        a["uncertainty"], c["uncertainty"],
        "another seed resamples differently"
    );
    let u = &a["uncertainty"];
    assert_eq!(
        (
            u["seed"].as_u64(),
            u["resamples"].as_u64(),
            u["horizon"].as_u64()
        ),
        (Some(7), Some(300), Some(10))
    );
    for (key, point) in [
        ("ann_vol", "ann_vol"),
        ("sharpe", "sharpe"),
        ("var_hist", "var_hist"),
    ] {
        let (lo, hi, x) = (
            u[key][0].as_f64().expect("lo"),
            u[key][1].as_f64().expect("hi"),
            a[point].as_f64().expect("x"),
        );
        assert!(lo < x && x < hi, "{key}: {x} outside [{lo}, {hi}]");
    }
    // Ten-day Monte Carlo VaR sits near the overlapping ten-day historical VaR (same data).
    let (mc, hist) = (
        u["var_mc_horizon"].as_f64().expect("mc"),
        a["var_hist_horizon"].as_f64().expect("hist"),
    );
    assert!(
        (mc / hist - 1.0).abs() < 0.25,
        "MC {mc} vs overlapping {hist}"
    );
    let none = tokenrisk(&[
        "risk",
        "--prices",
        &btc,
        "--format",
        "json",
        "--resamples",
        "0",
    ]);
    assert!(serde_json::from_slice::<Value>(&none.stdout)
        .expect("JSON")
        .get("uncertainty")
        .is_none());
}

#[test]
fn log_returns_on_request() {
    let near = market("binance_spot_1d/NEARUSDT.csv");
    let out = tokenrisk(&[
        "risk",
        "--prices",
        &near,
        "--format",
        "json",
        "--returns",
        "log",
        "--resamples",
        "0",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["returns"], "log");
    assert!(close(
        &report["ann_vol"],
        &reference()["single"]["NEAR"]["ann_vol_log"]
    ));
    let bad = tokenrisk(&["risk", "--prices", &near, "--returns", "cubic"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "clap rejects an unknown kind with its usage error"
    );
}

#[test]
fn rows_in_any_order_give_the_same_report_and_the_table_reads() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-risk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let text = std::fs::read_to_string(market("binance_spot_1d/NEARUSDT.csv")).expect("csv");
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let shuffled = dir.join("NEAR-reversed.csv");
    std::fs::write(&shuffled, format!("{header}\n{}\n", lines.join("\n"))).expect("write");
    let json = |path: &str| {
        tokenrisk(&[
            "risk",
            "--prices",
            path,
            "--format",
            "json",
            "--resamples",
            "100",
        ])
        .stdout
    };
    assert_eq!(
        json(&market("binance_spot_1d/NEARUSDT.csv")),
        json(&shuffled.display().to_string())
    );

    let table = tokenrisk(&[
        "risk",
        "--prices",
        &shuffled.display().to_string(),
        "--confidence",
        "0.99",
    ]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(table.status.success());
    assert!(
        text.contains("Annualised volatility")
            && text.contains("VaR 99% historical")
            && text.contains("365 periods a year"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn intraday_and_equity_exports_get_their_own_annualisation() {
    let fet = tokenrisk(&[
        "risk",
        "--prices",
        &market("binance_spot_1h_close/FETUSDT.csv"),
        "--format",
        "json",
    ]);
    let fet: Value = serde_json::from_slice(&fet.stdout).expect("JSON");
    assert_eq!(fet["periods_per_year"], 8760.0);
    let first_hour = DataSet::best().read_market_file("binance_spot_1h_close/FETUSDT.csv");
    let first_hour = first_hour.lines().nth(1).expect("row").split(',').next();
    assert_eq!(
        fet["start"].as_str().and_then(|s| s.get(..19)),
        first_hour.map(|h| h.replace(' ', "T")).as_deref(),
        "the hourly file's first hour"
    );
    let nvda = tokenrisk(&[
        "risk",
        "--prices",
        &market("yahoo_equities_1d/NVDA.csv"),
        "--format",
        "json",
    ]);
    let nvda: Value = serde_json::from_slice(&nvda.stdout).expect("JSON");
    assert_eq!(nvda["periods_per_year"], 252.0);
    assert!(close(
        &nvda["ann_vol"],
        &reference()["single"]["NVDA"]["ann_vol"]
    ));
}

#[test]
fn malformed_input_exits_2_naming_file_line_and_reason() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-risk-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let cases = [
        (
            "negative.csv",
            "date,close\n2024-01-01,5\n2024-01-02,-1\n",
            "line 3",
        ),
        (
            "nan.csv",
            "date,close\n2024-01-01,5\n2024-01-02,NaN\n",
            "line 3",
        ),
        (
            "conflict.csv",
            "date,close\n2024-01-01,5\n2024-01-01,6\n",
            "line 3",
        ),
        (
            "one-price.csv",
            "date,close\n2024-01-01,5\n",
            "at least 2 prices",
        ),
        ("no-time.csv", "when,close\n1,2\n", "no time column"),
    ];
    for (name, text, reason) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        let out = tokenrisk(&["risk", "--prices", &path.display().to_string()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(reason),
            "{name}: {stderr}"
        );
    }
    let missing = tokenrisk(&["risk", "--prices", "/no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    let near = market("binance_spot_1d/NEARUSDT.csv");
    for (flag, value) in [("--periods-per-year", "-3"), ("--confidence", "1.5")] {
        let out = tokenrisk(&["risk", "--prices", &near, flag, value]);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
    std::fs::remove_dir_all(dir).expect("clean up");
}
