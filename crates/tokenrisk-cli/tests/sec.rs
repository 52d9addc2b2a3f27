//! The companies' quarters beside the snapshot: fetched from a local stand-in for SEC EDGAR
//! that answers as SEC does (the recorded answers reshaped to `companyconcept`, 404 for a tag a
//! company never used, 403 for a `User-Agent` without a contact, 429 and garbage), and read from
//! the saved answers by `tokenrisk snapshot --sec-from`.

use serde_json::{json, Value};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokenrisk_cli::sec::{fetch_live, read_recorded};
use tokenrisk_market::company_quarters::{Obtained, QuartersFile};
use tokenrisk_market::sources::sec_edgar::Measure;
use tokenrisk_testserver::{Response, TestServer};

const PPE: &str = "PaymentsToAcquirePropertyPlantAndEquipment";
const AGENT: &str = "Token Risk Lab tests tests@example.org";

fn sec_dir() -> std::path::PathBuf {
    tokenrisk_testdata::fixtures_dir().join("api-samples/sec_edgar")
}

/// A recorded companyfacts concept as SEC's companyconcept answer for it.
fn concept_body(file: &str, tag: &str) -> String {
    let facts: Value =
        serde_json::from_str(&std::fs::read_to_string(sec_dir().join(file)).expect("cut"))
            .expect("JSON");
    json!({
        "cik": facts["cik"],
        "taxonomy": "us-gaap",
        "tag": tag,
        "label": tag,
        "description": "",
        "entityName": facts["entityName"],
        "units": facts["facts"]["us-gaap"][tag]["units"],
    })
    .to_string()
}

fn stand_in(agents: Arc<Mutex<Vec<String>>>) -> TestServer {
    let microsoft = concept_body("companyfacts_MSFT_trimmed.json", PPE);
    let alphabet = concept_body("companyfacts_GOOGL_trimmed.json", PPE);
    TestServer::start(move |request| {
        let agent = request.user_agent.clone().unwrap_or_default();
        agents.lock().expect("lock").push(agent.clone());
        if !agent.contains('@') {
            return Response::status(403, "Undeclared Automated Tool");
        }
        let path = request.path.as_str();
        let concept = |cik: &str, tag: &str| {
            path == format!("/api/xbrl/companyconcept/CIK{cik}/us-gaap/{tag}.json")
        };
        if concept("0000789019", PPE) {
            Response::ok("application/json", microsoft.clone())
        } else if concept("0001652044", PPE) {
            Response::ok("application/json", alphabet.clone())
        } else if concept("0001018724", "PaymentsToAcquireProductiveAssets") {
            Response::status(429, "Too Many Requests")
        } else if concept("0001326801", PPE) {
            Response::ok("application/json", "<html>maintenance</html>")
        } else {
            Response::status(404, "Not Found")
        }
    })
}

#[test]
fn live_quarters_send_the_user_agent_and_survive_what_sec_answers() {
    let agents = Arc::new(Mutex::new(Vec::new()));
    let server = stand_in(agents.clone());
    let report = fetch_live(&server.url(), AGENT, Duration::from_secs(5));
    let tickers: Vec<&str> = report.companies.iter().map(|c| c.ticker.as_str()).collect();
    assert_eq!(tickers, ["MSFT", "GOOGL"]);
    // Every request named the caller, one tag after another (nine tags in all).
    let sent = agents.lock().expect("lock").clone();
    assert_eq!(sent.len(), 9);
    assert!(sent.iter().all(|a| a == AGENT), "{sent:?}");
    let alphabet = &report.companies[1];
    assert_eq!(
        (
            alphabet.measure,
            alphabet.tag.as_str(),
            alphabet.source.obtained
        ),
        (Measure::CapitalExpenditure, PPE, Obtained::Live)
    );
    assert!(alphabet
        .source
        .location
        .ends_with("/api/xbrl/companyconcept/CIK0001652044/us-gaap/PaymentsToAcquirePropertyPlantAndEquipment.json"));
    let q2 = alphabet.quarters.last().expect("quarters");
    assert_eq!(
        (q2.end.as_str(), q2.value, q2.derived),
        ("2026-06-30", 44_924e6, true)
    );
    let skipped = report.skipped.join("\n");
    assert!(
        skipped.contains("AMZN: ") && skipped.contains("429"),
        "{skipped}"
    );
    assert!(
        skipped.contains("META: ") && skipped.contains("malformed"),
        "{skipped}"
    );
    assert!(skipped.contains("NVDA: no quarters under Revenues or RevenueFromContractWithCustomerExcludingAssessedTax"), "{skipped}");

    // Without a contact SEC refuses every request, and the report says why.
    let refused = fetch_live(&server.url(), "curl/8.0", Duration::from_secs(5));
    assert!(refused.companies.is_empty());
    assert!(
        refused.skipped[0].contains("HTTP 403"),
        "{:?}",
        refused.skipped
    );
}

#[test]
fn the_snapshot_command_writes_the_quarters_from_saved_answers() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-cli-sec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("data/snapshot.json");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
            .args(["snapshot", "--from-csv"])
            .arg(tokenrisk_testdata::fixtures_dir().join("market"))
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs")
    };
    let sec = sec_dir().display().to_string();
    let output = run(&["--sec-from", &sec]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("wrote 2 companies' quarters"), "{stdout}");
    let text =
        std::fs::read_to_string(dir.join("data/quarters.json")).expect("beside the snapshot");
    let (file, dropped) = QuartersFile::from_json(&text).expect("readable");
    assert!(dropped.is_empty());
    assert_eq!(file.companies.len(), 2);
    let microsoft = &file.companies[0];
    assert_eq!(
        (microsoft.ticker.as_str(), microsoft.source.obtained),
        ("MSFT", Obtained::Recorded)
    );
    assert_eq!(microsoft.source.location, "companyfacts_MSFT_trimmed.json");
    let q4 = microsoft.quarters.last().expect("quarters");
    assert_eq!(
        (q4.end.as_str(), q4.value, q4.form.as_str()),
        ("2026-06-30", 35_802e6, "10-K")
    );
    // The same files the reader of saved answers gives.
    assert_eq!(read_recorded(&sec_dir()).companies, file.companies);
    // Built from CSV files without saved answers, SEC is not asked and a stale file goes.
    let output = run(&[]);
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("not asked when building from CSV files")
    );
    assert!(
        !dir.join("data/quarters.json").exists(),
        "stale quarters removed"
    );
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[test]
fn saved_answers_that_are_not_sec_answers_are_named_and_skipped() {
    let dir = std::env::temp_dir().join(format!("tokenrisk-cli-sec-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("garbage.json"), "{\"cik\":").expect("write");
    std::fs::write(dir.join("not-utf8.json"), b"\xff\xfe").expect("write");
    std::fs::write(
        dir.join("other.json"),
        concept_body("companyfacts_GOOGL_trimmed.json", "Revenues"),
    )
    .expect("write");
    std::fs::copy(
        sec_dir().join("companyfacts_GOOGL_trimmed.json"),
        dir.join("alphabet.json"),
    )
    .expect("copy");
    let report = read_recorded(&dir);
    assert_eq!(report.companies.len(), 1);
    assert_eq!(report.companies[0].ticker, "GOOGL");
    let skipped = report.skipped.join("\n");
    for name in ["garbage.json", "not-utf8.json", "other.json"] {
        assert!(skipped.contains(name), "{name}: {skipped}");
    }
    let missing = read_recorded(&dir.join("absent"));
    assert!(missing.companies.is_empty() && missing.skipped.len() == 1);
    std::fs::remove_dir_all(dir).expect("clean up");
}
