//! Fiscal quarters from SEC EDGAR's recorded companyfacts answers (Microsoft, whose fiscal
//! year ends in June, and Alphabet, which files its cash flows only year to date) against an
//! independent pandas derivation (script `tests/reference/quarters.py`, output
//! `quarters.json`): every row exactly (the values are whole dollars, exact in `f64`), for every
//! concept of the shared files, or of the committed cuts (capital expenditure and revenue) when
//! `../shared` is absent. Then the quarters checked by hand against the filings.

use serde_json::Value;
use tokenrisk_core::quarters::{fiscal_quarters, year_on_year, Quarter};
use tokenrisk_core::time::Date;
use tokenrisk_market::sources::sec_edgar::parse_company_facts;
use tokenrisk_testdata::{read_api_sample, DataSet};

fn quarters_of(file: &str, tag: &str) -> Option<Vec<Quarter>> {
    let body = read_api_sample(&format!("sec_edgar/{file}"));
    let concept = parse_company_facts(&body, tag, "USD").ok()?;
    Some(fiscal_quarters(&concept.period_values()))
}

#[test]
fn quarters_match_pandas_on_recorded_sec_answers() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/quarters.json")).expect("reference JSON");
    let companies = reference["companies"].as_object().expect("companies");
    assert_eq!(companies.len(), 2);
    for (company, expected) in companies {
        let file = expected["file"].as_str().expect("file");
        let tags = expected["tags"].as_object().expect("tags");
        let mut checked = 0;
        let mut derived = 0;
        for (tag, rows) in tags {
            let Some(quarters) = quarters_of(file, tag) else {
                continue;
            };
            let rows = rows.as_array().expect("rows");
            assert_eq!(quarters.len(), rows.len(), "{company} {tag}");
            for (q, row) in quarters.iter().zip(rows) {
                let text = |key: &str| row[key].as_str().expect("text").to_owned();
                assert_eq!(
                    (q.start.to_string(), q.end.to_string(), q.derived),
                    (
                        text("start"),
                        text("end"),
                        row["derived"].as_bool().expect("bool")
                    ),
                    "{company} {tag}"
                );
                assert_eq!(
                    Some(q.value),
                    row["value"].as_f64(),
                    "{company} {tag} {}",
                    q.end
                );
                assert_eq!(
                    (q.form.clone(), q.filed.to_string()),
                    (text("form"), text("filed"))
                );
                derived += usize::from(q.derived);
            }
            checked += 1;
        }
        let least = if DataSet::best() == DataSet::Full {
            tags.len()
        } else {
            2
        };
        assert!(
            checked >= least,
            "{company}: {checked} of {} concepts read",
            tags.len()
        );
        assert!(derived > 0, "{company}: nothing derived");
    }
}

fn quarter_ending(quarters: &[Quarter], end: &str) -> Quarter {
    let end = Date::parse_iso(end).expect("date");
    quarters
        .iter()
        .find(|q| q.end == end)
        .cloned()
        .expect("the quarter")
}

/// Checked by hand against the filings (SEC EDGAR, accession numbers as in the answers).
#[test]
fn hand_checked_quarters() {
    const PPE: &str = "PaymentsToAcquirePropertyPlantAndEquipment";
    // Alphabet, 10-Q for 2026's second quarter (0001652044-26-000071, filed 2026-07-23):
    // purchases of property and equipment over the six months to 2026-06-30 are 80,598 USD m;
    // the first quarter's 10-Q (0001652044-26-000048) has 35,674; so the second quarter is
    // 80,598 − 35,674 = 44,924.
    let alphabet = quarters_of("companyfacts_GOOGL_trimmed.json", PPE).expect("Alphabet");
    let q2 = quarter_ending(&alphabet, "2026-06-30");
    assert_eq!((q2.value, q2.derived), (44_924e6, true));
    assert_eq!(q2.start, Date::parse_iso("2026-04-01").expect("date"));
    assert_eq!(
        (q2.form.as_str(), q2.filed.to_string().as_str()),
        ("10-Q", "2026-07-23")
    );
    // Its first quarter as reported, and 2025's year to date differenced: Q3 2025 = 63,596 −
    // 39,643 = 23,953 (10-Q 0001652044-25-000091); Q4 2025 = 91,447 − 63,596 = 27,851 (10-K
    // 0001652044-26-000018).
    let q1 = quarter_ending(&alphabet, "2026-03-31");
    assert_eq!((q1.value, q1.derived), (35_674e6, false));
    assert_eq!(quarter_ending(&alphabet, "2025-09-30").value, 23_953e6);
    assert_eq!(quarter_ending(&alphabet, "2025-12-31").value, 27_851e6);
    // Year on year: 44,924 against 2025's second quarter, 39,643 − 17,197 = 22,446.
    let growth = year_on_year(&alphabet);
    let at = alphabet.iter().position(|q| q.end == q2.end).expect("row");
    let want = 44_924.0 / 22_446.0 - 1.0;
    assert!((growth[at].expect("a year before") - want).abs() < 1e-12);

    // Microsoft, 10-K for the fiscal year to 2026-06-30 (0001193125-26-323660, filed
    // 2026-07-29): additions to property and equipment 115,948 USD m; nine months to
    // 2026-03-31 (10-Q 0001193125-26-191507) 80,146; the fourth quarter 35,802.
    let microsoft = quarters_of("companyfacts_MSFT_trimmed.json", PPE).expect("Microsoft");
    let q4 = quarter_ending(&microsoft, "2026-06-30");
    assert_eq!((q4.value, q4.derived), (35_802e6, true));
    assert_eq!(
        (q4.form.as_str(), q4.filed.to_string().as_str()),
        ("10-K", "2026-07-29")
    );
    // Its third quarter is filed on its own (frame CY2026Q1): 30,876, as reported.
    let q3 = quarter_ending(&microsoft, "2026-03-31");
    assert_eq!((q3.value, q3.derived), (30_876e6, false));
}
