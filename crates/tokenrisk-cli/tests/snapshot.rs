//! `tokenrisk snapshot`: from the shared CSV exports, and live against a local stand-in for
//! Binance and Yahoo that also fail in the ways the real ones do.

use std::process::Command;
use std::time::Duration;
use tokenrisk_cli::csv_dir::snapshot_from_csv_dir;
use tokenrisk_cli::live::{snapshot_live, LiveSources};
use tokenrisk_core::Calendar;
use tokenrisk_market::snapshot::{Acquisition, Snapshot};
use tokenrisk_testserver::{Response, TestServer};

/// Runs `tokenrisk snapshot ARGS… DIR --out OUT`.
fn run_snapshot(
    args: &[&str],
    dir: &std::path::Path,
    out: &std::path::Path,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("snapshot")
        .args(args)
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tokenrisk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn shared_exports_become_one_daily_series_per_asset() {
    // The full shared histories when there, else the committed fixture cuts (TAO's daily file
    // is whole in both).
    let dir = tokenrisk_testdata::market_dir();
    let report = snapshot_from_csv_dir(&dir).expect("readable");
    let ids: Vec<&str> = report.series.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["BTC", "TAO", "NEAR", "ICP", "FET", "RENDER", "NVDA", "MSFT"]
    );
    let tao = &report.series[1];
    assert_eq!(tao.provenance.location, "binance_spot_1d/TAOUSDT.csv");
    assert_eq!(
        (tao.dates.len(), tao.dates[0].as_str()),
        (632, "2024-04-11")
    );
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(
        tao.sources.is_empty(),
        "the daily file holds every date of the hourly one, and wins on each"
    );
    let fet = &report.series[4];
    assert!(fet
        .provenance
        .note
        .as_deref()
        .is_some_and(|n| n.contains("23:00")));
    assert_eq!(fet.calendar, Calendar::Continuous);
    let nvda = &report.series[6];
    assert_eq!(
        (nvda.calendar, nvda.provenance.price_field.as_str()),
        (Calendar::Weekdays, "adjclose")
    );
    assert_eq!(nvda.provenance.acquisition, Acquisition::CsvExport);
    // Volumes: Binance's quote volume in USDT, Yahoo's in shares, none for hourly files.
    let csv = tokenrisk_testdata::read_market_file("binance_spot_1d/TAOUSDT.csv");
    let first_quote: f64 = csv
        .lines()
        .nth(1)
        .expect("row")
        .split(',')
        .nth(7)
        .expect("quote volume")
        .parse()
        .expect("number");
    assert_eq!(tao.volume_unit.as_deref(), Some("USDT"));
    assert_eq!(
        tao.volumes.as_ref().map(|v| (v.len(), v[0])),
        Some((632, first_quote.round()))
    );
    assert_eq!(nvda.volume_unit.as_deref(), Some("shares"));
    assert_eq!(fet.volumes, None, "an hourly file's volumes are not summed");
}

#[test]
fn the_command_skips_unreadable_files_by_name_and_fails_only_when_nothing_is_read() {
    let dir = temp_dir("mixed");
    std::fs::create_dir_all(dir.join("nested")).expect("mkdir");
    std::fs::write(
        dir.join("nested/NEARUSDT.csv"),
        "date,close\n2024-01-01,5\n2024-01-02,6\n",
    )
    .expect("write");
    std::fs::write(dir.join("broken.csv"), "date,close\n2024-01-01,abc\n").expect("write");
    std::fs::write(dir.join("notes.txt"), "not a csv").expect("write");
    let out = dir.join("out/snapshot.json");
    let run = run_snapshot(&["--from-csv"], &dir, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("broken.csv: line 2"), "{stderr}");
    let snapshot =
        Snapshot::from_json(&std::fs::read_to_string(&out).expect("written")).expect("valid");
    assert_eq!(snapshot.series.len(), 1);
    assert_eq!(
        snapshot.series[0].provenance.location,
        "nested/NEARUSDT.csv"
    );

    std::fs::remove_file(dir.join("nested/NEARUSDT.csv")).expect("rm");
    let run = run_snapshot(&["--from-csv"], &dir, &dir.join("second.json"));
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no series could be read"));
    std::fs::remove_dir_all(dir).expect("clean up");
}

/// A stand-in for Binance's klines endpoint: 1,500 daily klines from 2020-01-01 for every pair,
/// paginated by `startTime` and `limit` as Binance does; ICP answers 500 and NEAR garbage.
fn fake_binance() -> TestServer {
    TestServer::start(|request| {
        let param = |name: &str| {
            request
                .query
                .split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .unwrap_or("")
        };
        match param("symbol") {
            "ICPUSDT" => return Response::status(500, "internal error"),
            "NEARUSDT" => return Response::ok("application/json", "{\"code\":0,"),
            _ => {}
        }
        let start: i64 = param("startTime").parse().unwrap_or(0);
        let limit: usize = param("limit").parse().unwrap_or(500);
        let day_ms = 86_400_000_i64;
        let first = 1_577_836_800_000_i64; // 2020-01-01
        let klines: Vec<String> = (0..1500)
            .map(|i| first + i * day_ms)
            .filter(|t| *t >= start)
            .take(limit)
            .map(|t| {
                let close = 100.0 + ((t - first) / day_ms) as f64;
                // Five units traded at the close: a quote volume of 5 × close.
                format!(
                    "[{t},\"1\",\"1\",\"1\",\"{close}\",\"5\",{},\"{}\",1,\"0\",\"0\",\"0\"]",
                    t + day_ms - 1,
                    5.0 * close
                )
            })
            .collect();
        Response::ok("application/json", format!("[{}]", klines.join(",")))
    })
}

/// Sessions the Yahoo stand-in replays (all of them when the export has fewer, as the committed
/// fixture cuts do).
const YAHOO_SESSIONS: usize = 2000;

/// A stand-in for Yahoo's chart API replaying the NVDA and MSFT exports (the last
/// [`YAHOO_SESSIONS`] sessions); AMD answers Yahoo's "not found" error.
fn fake_yahoo() -> TestServer {
    TestServer::start(|request| {
        let symbol = request.path.rsplit('/').next().unwrap_or("").to_owned();
        match symbol.as_str() {
            "NVDA" | "MSFT" => Response::ok(
                "application/json",
                tokenrisk_testdata::yahoo_chart_body(
                    &symbol,
                    &format!("yahoo_equities_1d/{symbol}.csv"),
                    YAHOO_SESSIONS,
                ),
            ),
            _ => Response::status(
                404,
                r#"{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}"#,
            ),
        }
    })
}

fn sources(binance: &TestServer, yahoo: &TestServer) -> LiveSources {
    LiveSources {
        binance: binance.url(),
        yahoo: yahoo.url(),
        timeout: Duration::from_secs(5),
    }
}

#[test]
fn live_snapshot_pages_through_history_and_reports_failing_pairs() {
    let (server, yahoo) = (fake_binance(), fake_yahoo());
    let report = snapshot_live(&sources(&server, &yahoo)).expect("some pairs answer");
    let ids: Vec<&str> = report.series.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["BTC", "TAO", "FET", "RENDER", "NVDA", "MSFT"]);
    let btc = &report.series[0];
    assert_eq!(btc.dates.len(), 1500);
    assert_eq!(btc.dates[0], "2020-01-01");
    assert_eq!(btc.closes[1499], 1599.0);
    assert_eq!(btc.provenance.acquisition, Acquisition::Live);
    assert_eq!(
        (
            btc.volumes.as_ref().map(|v| v[1499]),
            btc.volume_unit.as_deref()
        ),
        (Some(5.0 * 1599.0), Some("USDT")),
        "Binance's quote volume rides along"
    );
    assert!(btc.provenance.location.starts_with(&server.url()));
    assert_eq!(report.skipped.len(), 3, "{:?}", report.skipped);
    assert!(report.skipped[0].starts_with("NEARUSDT") && report.skipped[0].contains("malformed"));
    assert!(report.skipped[1].starts_with("ICPUSDT") && report.skipped[1].contains("500"));
    assert!(report.skipped[2].starts_with("AMD") && report.skipped[2].contains("404"));
}

#[test]
fn live_equities_are_the_adjusted_closes_by_new_york_date() {
    let (binance, yahoo) = (fake_binance(), fake_yahoo());
    let report = snapshot_live(&sources(&binance, &yahoo)).expect("live");
    let nvda = report.series.iter().find(|s| s.id == "NVDA").expect("NVDA");
    let csv = tokenrisk_testdata::read_market_file("yahoo_equities_1d/NVDA.csv");
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let sessions = rows.len().min(YAHOO_SESSIONS);
    let tail = &rows[rows.len() - sessions..];
    assert_eq!(nvda.dates.len(), sessions);
    assert_eq!(nvda.calendar, Calendar::Weekdays);
    for (i, row) in tail.iter().enumerate().step_by(97) {
        assert_eq!(nvda.dates[i], row[0]);
        assert_eq!(
            nvda.closes[i],
            row[5].parse::<f64>().expect("valid"),
            "{}",
            row[0]
        );
    }
    assert_eq!(nvda.provenance.price_field, "adjclose");
    assert!(nvda
        .provenance
        .location
        .starts_with(&format!("{}/v8/finance/chart/NVDA", yahoo.url())));
}

#[test]
fn live_snapshot_is_filled_with_the_assets_only_csv_exports_have() {
    let server = fake_binance();
    let dir = temp_dir("fill");
    std::fs::write(
        dir.join("NVDA.csv"),
        "time,close,adjclose\n2026-06-11,10,9.5\n2026-06-12,11,10.5\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("TAOUSDT.csv"),
        "date,close\n2024-01-01,5\n2024-01-02,6\n",
    )
    .expect("write");
    let out = dir.join("snapshot.json");
    let run = run_snapshot(
        &[
            "--binance-url",
            &server.url(),
            "--yahoo-url",
            &server.url(),
            "--timeout",
            "5",
            "--fill-from-csv",
        ],
        &dir,
        &out,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let snapshot =
        Snapshot::from_json(&std::fs::read_to_string(&out).expect("written")).expect("valid");
    let ids: Vec<&str> = snapshot.series.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["BTC", "TAO", "FET", "RENDER", "NVDA"]);
    let tao = snapshot.get("TAO").expect("TAO");
    assert_eq!(
        (tao.provenance.acquisition, tao.dates.len()),
        (Acquisition::Live, 1500),
        "the live series is kept"
    );
    assert_eq!(
        snapshot.get("NVDA").map(|s| s.provenance.acquisition),
        Some(Acquisition::CsvExport)
    );
    assert!(stderr.contains("TAOUSDT.csv: TAO is live from"), "{stderr}");
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn live_snapshot_without_a_server_is_an_error() {
    let url = {
        let server = TestServer::start(|_| Response::status(200, ""));
        server.url()
    };
    std::thread::sleep(Duration::from_millis(50));
    let error = snapshot_live(&LiveSources {
        binance: url.clone(),
        yahoo: url,
        timeout: Duration::from_secs(2),
    })
    .expect_err("nothing answers");
    assert!(error.starts_with("live data unavailable"), "{error}");
}
