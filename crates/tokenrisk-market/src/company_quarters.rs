//! The companies' quarters file served beside the snapshot (`data/quarters.json`): the
//! hyperscalers' capital expenditure and the AI chip makers' revenue by fiscal quarter, from
//! SEC EDGAR, each company with where and when its numbers were taken.
//!
//! Written by `tokenrisk snapshot` (SEC sends no CORS headers, so the browser cannot ask it),
//! read by the page that shows them only: the first view never downloads it.

use crate::sources::sec_edgar::{Company, Concept, Measure};
use serde::{Deserialize, Serialize};
use tokenrisk_core::quarters::{fiscal_quarters, Quarter, QUARTER_DAYS};
use tokenrisk_core::time::Date;

/// The schema version this code writes and reads.
pub const QUARTERS_SCHEMA: u32 = 1;

/// How a company's numbers were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Obtained {
    /// Fetched from SEC EDGAR when the file was built.
    Live,
    /// Read from a saved SEC answer.
    Recorded,
}

/// Where a company's numbers came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterSource {
    /// The URL fetched, or the saved answer's file name.
    pub location: String,
    /// Live or recorded.
    pub obtained: Obtained,
    /// When it was taken (UTC ISO 8601): the fetch, or the saved file's modification time.
    pub retrieved_at: String,
}

/// One quarter as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterRow {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// The amount, in the company's unit.
    pub value: f64,
    /// Computed from year-to-date or annual values.
    pub derived: bool,
    /// The form of the filing it comes from.
    pub form: String,
    /// When that filing was made, `YYYY-MM-DD`.
    pub filed: String,
}

impl QuarterRow {
    fn of(q: &Quarter) -> Self {
        Self {
            start: q.start.to_string(),
            end: q.end.to_string(),
            value: q.value,
            derived: q.derived,
            form: q.form.clone(),
            filed: q.filed.to_string(),
        }
    }

    /// The row as the core's quarter, `None` when its dates or value are not a quarter's.
    pub fn quarter(&self) -> Option<Quarter> {
        let start = Date::parse_iso(&self.start)?;
        let end = Date::parse_iso(&self.end)?;
        (QUARTER_DAYS.contains(&(end.days() - start.days())) && self.value.is_finite()).then(|| {
            Quarter {
                start,
                end,
                value: self.value,
                derived: self.derived,
                form: self.form.clone(),
                filed: Date::parse_iso(&self.filed).unwrap_or(end),
            }
        })
    }
}

/// One company's quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyQuarters {
    /// Ticker, e.g. `GOOGL`.
    pub ticker: String,
    /// Name.
    pub name: String,
    /// Central Index Key.
    pub cik: u64,
    /// What the quarters measure.
    pub measure: Measure,
    /// The `us-gaap` concept read.
    pub tag: String,
    /// The unit, e.g. `USD`.
    pub unit: String,
    /// What the concept holds, where it differs from the company's own headline figure.
    pub note: String,
    /// Where and when the numbers were taken.
    pub source: QuarterSource,
    /// The fiscal quarters, oldest first.
    pub quarters: Vec<QuarterRow>,
}

impl CompanyQuarters {
    /// A company's quarters from its concept, `None` when the concept gives none.
    pub fn new(company: &Company, concept: &Concept, source: QuarterSource) -> Option<Self> {
        let quarters = fiscal_quarters(&concept.period_values());
        (!quarters.is_empty()).then(|| Self {
            ticker: company.ticker.to_owned(),
            name: company.name.to_owned(),
            cik: company.cik,
            measure: company.measure,
            tag: concept.tag.clone(),
            unit: concept.unit.clone(),
            note: company.note.to_owned(),
            source,
            quarters: quarters.iter().map(QuarterRow::of).collect(),
        })
    }

    /// The rows as the core's quarters, in order.
    ///
    /// # Errors
    /// The first row that is not a quarter (bad dates, 80–100 days, a value that is not
    /// finite), or rows out of order.
    pub fn parsed(&self) -> Result<Vec<Quarter>, String> {
        let quarters = self
            .quarters
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.quarter()
                    .ok_or_else(|| format!("{}: quarter {i} is not a quarter", self.ticker))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if quarters.windows(2).any(|w| w[0].end >= w[1].end) {
            return Err(format!("{}: quarters are not in order", self.ticker));
        }
        Ok(quarters)
    }
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuartersFile {
    /// [`QUARTERS_SCHEMA`].
    pub schema: u32,
    /// When the file was built (UTC ISO 8601).
    pub created_at: String,
    /// Each company, in the order of [`crate::sources::sec_edgar::COMPANIES`].
    pub companies: Vec<CompanyQuarters>,
}

impl QuartersFile {
    /// Parses the file and keeps each company whose quarters are sound, with the reason each
    /// other company was left out.
    ///
    /// # Errors
    /// When the text is not this file at all, or of another schema.
    pub fn from_json(text: &str) -> Result<(Self, Vec<String>), String> {
        let mut file: Self =
            serde_json::from_str(text).map_err(|e| format!("not a quarters file: {e}"))?;
        if file.schema != QUARTERS_SCHEMA {
            return Err(format!(
                "quarters file schema {} is not supported (this version reads {QUARTERS_SCHEMA})",
                file.schema
            ));
        }
        let mut dropped = Vec::new();
        file.companies.retain(|c| match c.parsed() {
            Ok(_) => true,
            Err(reason) => {
                dropped.push(reason);
                false
            }
        });
        Ok((file, dropped))
    }

    /// Serialises to compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::sec_edgar::{parse_company_concept, COMPANIES};

    fn concept() -> Concept {
        parse_company_concept(
            r#"{"cik":1652044,"entityName":"Alphabet Inc.","taxonomy":"us-gaap","tag":"PaymentsToAcquirePropertyPlantAndEquipment","units":{"USD":[
                {"start":"2026-01-01","end":"2026-03-31","val":35674000000,"form":"10-Q","filed":"2026-04-30"},
                {"start":"2026-01-01","end":"2026-06-30","val":80598000000,"form":"10-Q","filed":"2026-07-23"}]}}"#,
            "USD",
        )
        .expect("concept")
    }

    fn source() -> QuarterSource {
        QuarterSource {
            location: "companyconcept.json".to_owned(),
            obtained: Obtained::Recorded,
            retrieved_at: "2026-12-03T00:00:00Z".to_owned(),
        }
    }

    #[test]
    fn a_company_round_trips_and_its_rows_read_back_as_quarters() {
        let alphabet = COMPANIES[1];
        let company = CompanyQuarters::new(&alphabet, &concept(), source()).expect("quarters");
        assert_eq!(company.quarters.len(), 2);
        assert_eq!(company.measure, Measure::CapitalExpenditure);
        let file = QuartersFile {
            schema: QUARTERS_SCHEMA,
            created_at: "2026-12-03T00:00:00Z".to_owned(),
            companies: vec![company.clone()],
        };
        let (read, dropped) = QuartersFile::from_json(&file.to_json()).expect("readable");
        assert!(dropped.is_empty());
        assert_eq!(read, file);
        let quarters = read.companies[0].parsed().expect("sound");
        assert_eq!((quarters[1].value, quarters[1].derived), (44_924e6, true));
    }

    #[test]
    fn a_damaged_company_is_left_out_with_its_reason() {
        let mut company = CompanyQuarters::new(&COMPANIES[1], &concept(), source()).expect("q");
        let sound = company.clone();
        company.quarters[1].end = "2026-13-01".to_owned();
        let file = QuartersFile {
            schema: QUARTERS_SCHEMA,
            created_at: String::new(),
            companies: vec![company.clone(), sound],
        };
        let (read, dropped) = QuartersFile::from_json(&file.to_json()).expect("readable");
        assert_eq!(read.companies.len(), 1);
        assert_eq!(dropped, ["GOOGL: quarter 1 is not a quarter"]);
        company.quarters.swap(0, 1);
        company.quarters[0].end = "2026-06-30".to_owned();
        assert_eq!(
            company.parsed().expect_err("order"),
            "GOOGL: quarters are not in order"
        );
        assert!(
            QuartersFile::from_json("{\"schema\":2,\"created_at\":\"\",\"companies\":[]}")
                .expect_err("schema")
                .contains("schema 2")
        );
        assert!(QuartersFile::from_json("[]").is_err());
    }
}
