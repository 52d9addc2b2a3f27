//! `tokenrisk risk`, `tokenrisk quarters` and `tokenrisk snapshot` on hostile input: every file either gives a
//! correct result or exits 2 naming the file (and the line, for a bad row) with the reason;
//! never a panic (exit 101), never a hang. `snapshot --from-csv` skips a bad file by name and
//! keeps the rest; the live snapshot stops when a server repeats a page.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tokenrisk_cli::live::{snapshot_live, LiveSources};
use tokenrisk_market::snapshot::Snapshot;
use tokenrisk_testserver::{Response, TestServer};

/// Runs the command, failing the test if it takes more than 60 s (a hang).
fn tokenrisk(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let started = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("tokenrisk {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tokenrisk-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Hostile files, each with the reason its error must give (`None`: a correct result).
fn hostile_files() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let two_days = |t1: &str, t2: &str| format!("date,close\n{t1},5\n{t2},6\n").into_bytes();
    let mut huge = b"date,close\n".to_vec();
    huge.resize(21 << 20, b'1');
    vec![
        ("empty.csv", Vec::new(), Some("empty")),
        (
            "header-only.csv",
            b"date,close\n".to_vec(),
            Some("no data rows"),
        ),
        (
            "euro-zone.csv",
            two_days("2024-04-11T13:00+\u{20ac}1", "2024-04-12"),
            Some("line 2"),
        ),
        (
            "year-1899.csv",
            two_days("1899-12-30", "1899-12-31"),
            Some("line 2"),
        ),
        (
            "year-0.csv",
            two_days("0000-01-01", "0000-01-02"),
            Some("line 2"),
        ),
        (
            "too-long-epoch.csv",
            two_days("99999999999999999999", "2024-01-01"),
            Some("line 2"),
        ),
        (
            "not-utf8.csv",
            b"date,close\n2024-01-01,5\n2024-01-02,\xff\xfe\n".to_vec(),
            Some("UTF-8"),
        ),
        ("huge.csv", huge, Some("larger than")),
        (
            "infinite.csv",
            two_days("2024-01-01", "2024-01-02")
                .into_iter()
                .chain(b"2024-01-03,1e309\n".to_vec())
                .collect(),
            Some("line 4"),
        ),
        (
            "nul.csv",
            b"date,close\n2024-01-01,5\0\n2024-01-02,6\n".to_vec(),
            Some("line 2"),
        ),
        (
            "many-columns.csv",
            format!(
                "date,close{}\n2024-01-01,5\n2024-01-02,6\n",
                ",x".repeat(100_000)
            )
            .into_bytes(),
            None,
        ),
        // Correct results: the far-future-looking epoch is nanoseconds (1975), microseconds are
        // Binance's 2025 data files, the year 9999 is accepted.
        (
            "nanoseconds.csv",
            two_days("172800000000000000", "172886400000000000"),
            None,
        ),
        (
            "microseconds.csv",
            two_days("1735689600000000", "1735776000000000"),
            None,
        ),
        ("year-9999.csv", two_days("2024-01-01", "9999-12-31"), None),
        (
            "bom-crlf.csv",
            b"\xef\xbb\xbfdate,close\r\n2024-01-01,5\r\n2024-01-02,6\r\n".to_vec(),
            None,
        ),
    ]
}

#[test]
fn risk_on_every_hostile_file_is_a_result_or_exit_2_with_file_line_and_reason() {
    let dir = temp_dir("risk");
    for (name, bytes, reason) in hostile_files() {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write");
        let out = tokenrisk(&[
            "risk",
            "--prices",
            &path.display().to_string(),
            "--format",
            "json",
            "--resamples",
            "50",
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match reason {
            Some(reason) => {
                assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
                assert!(
                    stderr.contains(name) && stderr.contains(reason),
                    "{name}: {stderr}"
                );
            }
            None => {
                assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
                let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
                assert_eq!(
                    report["observations"], 1,
                    "{name}: one return of two prices"
                );
            }
        }
    }
    let micro = dir.join("microseconds.csv").display().to_string();
    let out = tokenrisk(&[
        "risk",
        "--prices",
        &micro,
        "--format",
        "json",
        "--resamples",
        "0",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["start"], "2025-01-01",
        "epoch microseconds are 2025, not year 56,970"
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn quarters_on_every_hostile_file_exits_2_naming_the_file_and_the_reason() {
    let dir = temp_dir("quarters");
    let concept = |units: &str| {
        format!(r#"{{"cik":1,"entityName":"X","taxonomy":"us-gaap","tag":"T","units":{units}}}"#)
            .into_bytes()
    };
    let fact = r#""form":"10-Q","filed":"2025-05-01","val":5"#;
    let mut files: Vec<(&str, Vec<u8>, &str)> = hostile_files()
        .into_iter()
        .map(|(name, bytes, _)| (name, bytes, ""))
        .collect();
    files.extend([
        ("array.json", b"[]".to_vec(), "expected an object"),
        ("html.json", b"<html>403 Undeclared Automated Tool</html>".to_vec(), "malformed"),
        ("truncated.json", concept(r#"{"USD":[{"end":"2025-03-31""#), "malformed"),
        ("no-units.json", concept("{}"), "not reported in USD (its units: none)"),
        (
            "bad-date.json",
            concept(&format!(r#"{{"USD":[{{"start":"2025-01-01","end":"2025-02-30",{fact}}}]}}"#)),
            "element 0: end is not a date",
        ),
        (
            "backwards.json",
            concept(&format!(r#"{{"USD":[{{"start":"2025-04-01","end":"2025-01-01",{fact}}}]}}"#)),
            "start is after end",
        ),
        (
            "nan.json",
            concept(r#"{"USD":[{"start":"2025-01-01","end":"2025-03-31","val":"NaN","form":"10-Q","filed":"2025-05-01"}]}"#),
            "val is not a number",
        ),
        (
            "instants.json",
            concept(&format!(r#"{{"USD":[{{"end":"2025-03-31",{fact}}}]}}"#)),
            "reported at instants",
        ),
        (
            "a-month.json",
            concept(&format!(r#"{{"USD":[{{"start":"2025-01-01","end":"2025-01-31",{fact}}}]}}"#)),
            "no period of 80 to 100 days",
        ),
    ]);
    for (name, bytes, reason) in files {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write");
        let file = path.display().to_string();
        for args in [
            vec!["quarters", "--companyconcept", &file],
            vec!["quarters", "--companyfacts", &file, "--tag", "T"],
        ] {
            let out = tokenrisk(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains(name), "{args:?}: {stderr}");
            if args[1] == "--companyconcept" {
                assert!(stderr.contains(reason), "{name}: {stderr}");
            }
        }
    }
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn absurd_horizons_and_resample_counts_exit_2() {
    let dir = temp_dir("flags");
    let path = dir.join("TAOUSDT.csv");
    std::fs::write(
        &path,
        "date,close\n2024-01-01,5\n2024-01-02,6\n2024-01-03,5.5\n",
    )
    .expect("write");
    let path = path.display().to_string();
    for (flag, value, reason) in [
        ("--horizon", "18446744073709551615", "--horizon"),
        ("--horizon", "1000000", "--horizon"),
        ("--resamples", "18446744073709551615", "--resamples"),
        ("--resamples", "100000000", "--resamples"),
    ] {
        let out = tokenrisk(&["risk", "--prices", &path, flag, value]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(stderr.contains(reason), "{flag} {value}: {stderr}");
    }
    // A horizon longer than the data is allowed and reads "n/a" for the horizon figures.
    let out = tokenrisk(&[
        "risk",
        "--prices",
        &path,
        "--horizon",
        "3650",
        "--format",
        "json",
        "--resamples",
        "10",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn snapshot_from_csv_skips_each_hostile_file_by_name_and_keeps_the_rest() {
    let dir = temp_dir("snapshot");
    for (name, bytes, _) in hostile_files() {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    std::fs::write(
        dir.join("TAOUSDT.csv"),
        "date,close\n2024-01-01,5\n2024-01-02,6\n",
    )
    .expect("write");
    let out_file = dir.join("out/snapshot.json");
    let out = tokenrisk(&[
        "snapshot",
        "--from-csv",
        &dir.display().to_string(),
        "--out",
        &out_file.display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for (name, _, reason) in hostile_files() {
        if let Some(reason) = reason {
            assert!(
                stderr
                    .lines()
                    .any(|l| l.contains(name) && l.contains(reason)),
                "{name} not skipped by name: {stderr}"
            );
        }
    }
    let text = std::fs::read_to_string(&out_file).expect("written");
    let snapshot = Snapshot::from_json(&text).expect("the app reads what the command wrote");
    assert!(snapshot.get("TAO").is_some());
    std::fs::remove_dir_all(dir).expect("clean up");
}

/// A Binance stand-in that answers every klines request with the same full page.
fn repeating_binance() -> TestServer {
    TestServer::start(|_| {
        let day_ms = 86_400_000_i64;
        let first = 1_577_836_800_000_i64; // 2020-01-01
        let klines: Vec<String> = (0..1000)
            .map(|i| {
                let t = first + i * day_ms;
                format!(
                    "[{t},\"1\",\"1\",\"1\",\"{}\",\"5\",{},\"5\",1,\"0\",\"0\",\"0\"]",
                    100 + i,
                    t + day_ms - 1
                )
            })
            .collect();
        Response::ok("application/json", format!("[{}]", klines.join(",")))
    })
}

#[test]
fn a_server_repeating_its_page_ends_the_pagination() {
    let binance = repeating_binance();
    let yahoo = TestServer::start(|_| Response::status(404, "{}"));
    let started = Instant::now();
    let report = snapshot_live(&LiveSources {
        binance: binance.url(),
        yahoo: yahoo.url(),
        timeout: Duration::from_secs(5),
    })
    .expect("the pairs read");
    assert!(started.elapsed() < Duration::from_secs(30));
    let btc = report.series.iter().find(|s| s.id == "BTC").expect("BTC");
    assert_eq!(btc.dates.len(), 1000, "the repeated page counted once");
}
