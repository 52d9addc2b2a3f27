//! `tokenrisk quarters` as a user runs it on SEC EDGAR's recorded answers: the documented CSV
//! columns, every row as the independent pandas derivation has it (core's
//! `tests/reference/quarters.json`), the JSON form, a companyconcept file, and exit code 2 with
//! the reason for a concept that is not there.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const PPE: &str = "PaymentsToAcquirePropertyPlantAndEquipment";

fn sec_file(name: &str) -> String {
    let path: PathBuf = tokenrisk_testdata::fixtures_dir()
        .join("api-samples/sec_edgar")
        .join(name);
    path.display().to_string()
}

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("quarters")
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

fn reference_rows(company: &str, tag: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tokenrisk-core/tests/reference/quarters.json");
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("reference")).expect("JSON");
    reference["companies"][company]["tags"][tag]
        .as_array()
        .expect("rows")
        .clone()
}

#[test]
fn alphabet_capital_expenditure_as_csv_matches_pandas_row_for_row() {
    let file = sec_file("companyfacts_GOOGL_trimmed.json");
    let text = stdout(&["--companyfacts", &file, "--tag", PPE]);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("end,start,value,derived,form,filed"));
    let rows: Vec<&str> = lines.collect();
    let expected = reference_rows("Alphabet Inc.", PPE);
    assert_eq!(rows.len(), expected.len());
    for (row, want) in rows.iter().zip(&expected) {
        let text = |key: &str| want[key].as_str().expect("text").to_owned();
        let value = want["value"].as_f64().expect("value");
        assert_eq!(
            *row,
            format!(
                "{},{},{value},{},{},{}",
                text("end"),
                text("start"),
                want["derived"],
                text("form"),
                text("filed")
            )
        );
    }
    // Hand-checked: the second quarter of 2026, six months to date less the first quarter.
    assert!(rows.contains(&"2026-06-30,2026-04-01,44924000000,true,10-Q,2026-07-23"));
}

#[test]
fn microsoft_revenue_as_json() {
    let file = sec_file("companyfacts_MSFT_trimmed.json");
    let tag = "RevenueFromContractWithCustomerExcludingAssessedTax";
    let report: Value = serde_json::from_str(&stdout(&[
        "--companyfacts",
        &file,
        "--tag",
        tag,
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(
        (
            &report["cik"],
            &report["entity"],
            &report["tag"],
            &report["unit"]
        ),
        (
            &Value::from(789_019),
            &Value::from("MICROSOFT CORPORATION"),
            &Value::from(tag),
            &Value::from("USD")
        )
    );
    let quarters = report["quarters"].as_array().expect("quarters");
    let expected = reference_rows("MICROSOFT CORPORATION", tag);
    assert_eq!(quarters.len(), expected.len());
    for (q, want) in quarters.iter().zip(&expected) {
        for key in ["end", "start", "derived", "form", "filed"] {
            assert_eq!(q[key], want[key], "{key}");
        }
        assert!(
            q["value"].is_i64(),
            "whole dollars as integers: {}",
            q["value"]
        );
        assert_eq!(q["value"].as_f64(), want["value"].as_f64());
    }
    // A fiscal year to June: its fourth quarter is the year less nine months, from the 10-K.
    let last = quarters.last().expect("a quarter");
    assert_eq!(
        (&last["end"], &last["derived"], &last["form"]),
        (
            &Value::from("2026-06-30"),
            &Value::from(true),
            &Value::from("10-K")
        )
    );
}

#[test]
fn a_concept_that_is_not_there_or_has_no_periods_exits_2_with_the_reason() {
    let facts = sec_file("companyfacts_GOOGL_trimmed.json");
    let out = tokenrisk(&["--companyfacts", &facts, "--tag", "CapitalExpenditure"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("companyfacts_GOOGL_trimmed.json")
            && stderr.contains("no concept CapitalExpenditure"),
        "{stderr}"
    );

    let concept = sec_file("companyconcept_AAPL_EntityCommonStockSharesOutstanding.json");
    let out = tokenrisk(&["--companyconcept", &concept, "--unit", "shares"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reported at instants"));
    let out = tokenrisk(&[
        "--companyconcept",
        &concept,
        "--tag",
        PPE,
        "--unit",
        "shares",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("holds EntityCommonStockSharesOutstanding, not"));
    let out = tokenrisk(&["--companyfacts", &facts]);
    assert_eq!(out.status.code(), Some(2), "--companyfacts needs --tag");
}
