//! `tokenrisk snapshot --from-csv` with several files of one asset: merged by date, not one
//! whole file kept.

use std::process::Command;
use tokenrisk_market::snapshot::Snapshot;

#[test]
fn files_of_one_asset_merge_by_date_with_provenance_per_span() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-cli-merge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("yahoo")).expect("temp dir");
    // A Yahoo-style BTC-USD export ending in January 2025, longer than the exchange file that
    // ends in November 2025; and Render under its old and new ticker.
    let yahoo: String = (1..=31)
        .map(|d| format!("2025-01-{d:02},{}\n", 90_000 + d))
        .collect();
    std::fs::write(
        dir.join("yahoo/BTC-USD.csv"),
        format!("date,close\n2024-12-31,89000\n{yahoo}"),
    )
    .expect("write");
    std::fs::write(
        dir.join("BTCUSDT.csv"),
        "date,close\n2025-01-31,95000\n2025-11-01,110000\n2025-11-02,111000\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("RNDRUSDT.csv"),
        "date,close\n2024-07-01,6\n2024-07-02,6.5\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("RENDERUSDT.csv"),
        "date,close\n2024-07-03,7\n2024-07-04,7.5\n",
    )
    .expect("write");
    let out = dir.join("snapshot.json");
    let run = Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .args(["snapshot", "--from-csv"])
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let snapshot =
        Snapshot::from_json(&std::fs::read_to_string(&out).expect("written")).expect("valid");
    let ids: Vec<&str> = snapshot.series.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["BTC", "RENDER"], "one series per asset");
    let btc = &snapshot.series[0];
    assert_eq!(btc.dates.len(), 34, "32 Yahoo days + 2 newer exchange days");
    assert_eq!(btc.dates.last().map(String::as_str), Some("2025-11-02"));
    let jan31 = btc
        .dates
        .iter()
        .position(|d| d == "2025-01-31")
        .expect("date");
    assert_eq!(
        btc.closes[jan31], 95_000.0,
        "the newer source wins where both have a date"
    );
    let spans: Vec<(&str, &str, &str)> = btc
        .sources
        .iter()
        .map(|s| {
            (
                s.provenance.location.as_str(),
                s.first.as_str(),
                s.last.as_str(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("yahoo/BTC-USD.csv", "2024-12-31", "2025-01-30"),
            ("BTCUSDT.csv", "2025-01-31", "2025-11-02")
        ]
    );
    let render = &snapshot.series[1];
    assert_eq!((render.name.as_str(), render.closes.len()), ("Render", 4));
    let _ = std::fs::remove_dir_all(&dir);
}
