//! SEC EDGAR's XBRL API (`data.sec.gov/api/xbrl`): the values companies report in their
//! filings, one concept (`companyconcept`, one tag) or all of them (`companyfacts`), and the
//! companies whose capital expenditure and revenue the signals follow.
//!
//! SEC asks every caller for a `User-Agent` naming it and a contact (without one it answers
//! 403), at most 10 requests a second, and sends no CORS headers: the browser cannot call it,
//! so the snapshot fetches it when it is built. A fact is `{start?, end, val, accn, fy, fp,
//! form, filed, frame?}`; instants (balance-sheet values) have no start.

use super::json::{self, kind, object, opt_string, req_string, top_object};
use super::ParseError;
use serde_json::{Map, Value};
use tokenrisk_core::quarters::PeriodValue;
use tokenrisk_core::time::Date;

/// Base URL of the XBRL API's host.
pub const SEC_DATA_API: &str = "https://data.sec.gov";

/// One value as a filing reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// First day of the period; `None` for an instant (a balance at `end`).
    pub start: Option<Date>,
    /// Last day of the period, or the instant.
    pub end: Date,
    /// The value, in the concept's unit.
    pub value: f64,
    /// The filing's form, e.g. `10-Q`, `10-K`, `8-K`.
    pub form: String,
    /// When the filing was made.
    pub filed: Date,
    /// The filing's fiscal year (`fy`), which labels the filing, not the period.
    pub fiscal_year: Option<i32>,
    /// The filing's fiscal period (`fp`: `Q1`…`Q3`, `FY`).
    pub fiscal_period: Option<String>,
    /// The calendar frame SEC assigned the value to (`CY2025Q3`), when it did.
    pub frame: Option<String>,
    /// The filing's accession number.
    pub accession: Option<String>,
}

/// One concept of one company in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The company's Central Index Key.
    pub cik: u64,
    /// The company's name as filed.
    pub entity: String,
    /// The taxonomy, e.g. `us-gaap`.
    pub taxonomy: String,
    /// The concept's tag, e.g. `PaymentsToAcquirePropertyPlantAndEquipment`.
    pub tag: String,
    /// The unit, e.g. `USD`.
    pub unit: String,
    /// Every value reported, as in the file.
    pub facts: Vec<Fact>,
}

impl Concept {
    /// The values reported over a period (instants left out), for
    /// [`tokenrisk_core::quarters::fiscal_quarters`].
    pub fn period_values(&self) -> Vec<PeriodValue> {
        self.facts
            .iter()
            .filter_map(|f| {
                Some(PeriodValue {
                    start: f.start?,
                    end: f.end,
                    value: f.value,
                    form: f.form.clone(),
                    filed: f.filed,
                })
            })
            .collect()
    }

    /// The last day any value covers.
    pub fn latest_end(&self) -> Option<Date> {
        self.facts.iter().map(|f| f.end).max()
    }
}

/// Parses a `companyconcept` answer's facts in `unit` (e.g. `USD`).
///
/// # Errors
/// [`ParseError`] for anything but a concept with that unit, naming the units it has and the
/// first bad fact.
pub fn parse_company_concept(body: &str, unit: &str) -> Result<Concept, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    let field = |key: &str| req_string(o, key).map_err(ParseError::Malformed);
    concept(
        cik(o)?,
        field("entityName")?,
        field("taxonomy")?,
        field("tag")?,
        o,
        unit,
    )
}

/// Parses the concept `tag` out of a `companyfacts` answer (every taxonomy searched,
/// `us-gaap` first), its facts in `unit`.
///
/// # Errors
/// [`ParseError`] when the file is not a companyfacts answer, has no such tag (naming how many
/// it has) or not in that unit, or a fact is bad.
pub fn parse_company_facts(body: &str, tag: &str, unit: &str) -> Result<Concept, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    let entity = req_string(o, "entityName").map_err(ParseError::Malformed)?;
    let facts = o
        .get("facts")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::Malformed("no facts object".to_owned()))?;
    let mut taxonomies: Vec<(&String, &Value)> = facts.iter().collect();
    taxonomies.sort_by_key(|(name, _)| name.as_str() != "us-gaap");
    let mut count = 0;
    for (taxonomy, tags) in taxonomies {
        let tags = tags
            .as_object()
            .ok_or_else(|| ParseError::Malformed(format!("facts.{taxonomy} is {}", kind(tags))))?;
        if let Some(concept_value) = tags.get(tag) {
            let c = concept_value.as_object().ok_or_else(|| {
                ParseError::Malformed(format!("facts.{taxonomy}.{tag} is {}", kind(concept_value)))
            })?;
            return concept(cik(o)?, entity, taxonomy.clone(), tag.to_owned(), c, unit);
        }
        count += tags.len();
    }
    Err(ParseError::Malformed(format!(
        "no concept {tag} among this file's {count} (tags are case-sensitive)"
    )))
}

fn cik(o: &Map<String, Value>) -> Result<u64, ParseError> {
    let value = o
        .get("cik")
        .ok_or_else(|| ParseError::Malformed("no field cik".to_owned()))?;
    json::number(value)
        .filter(|n| n.fract() == 0.0 && (1.0..1e10).contains(n))
        .map(|n| n as u64)
        .ok_or_else(|| ParseError::Malformed(format!("cik is not a Central Index Key: {value}")))
}

fn concept(
    cik: u64,
    entity: String,
    taxonomy: String,
    tag: String,
    o: &Map<String, Value>,
    unit: &str,
) -> Result<Concept, ParseError> {
    let units = o
        .get("units")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::Malformed(format!("{tag}: no units object")))?;
    let Some(items) = units.get(unit) else {
        let found: Vec<&str> = units.keys().map(String::as_str).take(8).collect();
        return Err(ParseError::Malformed(format!(
            "{tag} is not reported in {unit} (its units: {})",
            if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            }
        )));
    };
    let items = items
        .as_array()
        .ok_or_else(|| ParseError::Malformed(format!("units.{unit} is {}", kind(items))))?;
    Ok(Concept {
        cik,
        entity,
        taxonomy,
        tag,
        unit: unit.to_owned(),
        facts: json::each(items, fact)?,
    })
}

fn fact(item: &Value) -> Result<Fact, String> {
    let o = object(item)?;
    let date = |key: &str| -> Result<Option<Date>, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Date::parse_iso(text)
                .map(Some)
                .ok_or_else(|| format!("{key} is not a date (YYYY-MM-DD): {text:?}")),
            Some(other) => Err(format!("{key} is {}, not a date", kind(other))),
        }
    };
    let end = date("end")?.ok_or("no field end")?;
    let start = date("start")?;
    if start.is_some_and(|s| s > end) {
        return Err(format!("start is after end ({end})"));
    }
    Ok(Fact {
        start,
        end,
        value: json::req_number(o, "val")?,
        form: req_string(o, "form")?,
        filed: date("filed")?.ok_or("no field filed")?,
        fiscal_year: o
            .get("fy")
            .and_then(json::number)
            .filter(|y| y.fract() == 0.0 && (1900.0..=9999.0).contains(y))
            .map(|y| y as i32),
        fiscal_period: opt_string(o, "fp"),
        frame: opt_string(o, "frame"),
        accession: opt_string(o, "accn"),
    })
}

/// `companyconcept` of one company's tag: `{base}/api/xbrl/companyconcept/CIK##########/{taxonomy}/{tag}.json`.
pub fn company_concept_url(base: &str, cik: u64, taxonomy: &str, tag: &str) -> String {
    format!("{base}/api/xbrl/companyconcept/CIK{cik:010}/{taxonomy}/{tag}.json")
}

/// What a company's quarters measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Cash paid for property, plant and equipment (the cash-flow statement's capital
    /// expenditure line).
    CapitalExpenditure,
    /// Revenue.
    Revenue,
}

/// A company the signals follow, and the `us-gaap` tags its measure is filed under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Company {
    /// Ticker, e.g. `MSFT`.
    pub ticker: &'static str,
    /// Name.
    pub name: &'static str,
    /// Central Index Key.
    pub cik: u64,
    /// What is followed.
    pub measure: Measure,
    /// The tags to try: the one whose values end latest is used (a company moves between
    /// tags over the years).
    pub tags: &'static [&'static str],
    /// What the tag holds, where it differs from the company's own headline figure.
    pub note: &'static str,
}

const PPE: &str = "PaymentsToAcquirePropertyPlantAndEquipment";

/// The hyperscalers' capital expenditure and the AI chip makers' revenue. Tags from SEC's
/// filings as summarised in `shared/design/signals-sources.md` (checked there against each
/// company's quarterly tables).
pub const COMPANIES: [Company; 7] = [
    Company {
        ticker: "MSFT",
        name: "Microsoft",
        cik: 789_019,
        measure: Measure::CapitalExpenditure,
        tags: &[PPE],
        note: "additions to property and equipment; Microsoft's headline capital expenditure also counts finance leases, which XBRL does not carry",
    },
    Company {
        ticker: "GOOGL",
        name: "Alphabet",
        cik: 1_652_044,
        measure: Measure::CapitalExpenditure,
        tags: &[PPE],
        note: "purchases of property and equipment, filed year to date",
    },
    Company {
        ticker: "AMZN",
        name: "Amazon",
        cik: 1_018_724,
        measure: Measure::CapitalExpenditure,
        tags: &["PaymentsToAcquireProductiveAssets"],
        note: "purchases of property and equipment, gross (Amazon's own cash capital expenditure is net of proceeds and incentives)",
    },
    Company {
        ticker: "META",
        name: "Meta Platforms",
        cik: 1_326_801,
        measure: Measure::CapitalExpenditure,
        tags: &[PPE],
        note: "purchases of property and equipment; Meta's headline figure adds principal payments on finance leases",
    },
    Company {
        ticker: "ORCL",
        name: "Oracle",
        cik: 1_341_439,
        measure: Measure::CapitalExpenditure,
        tags: &[PPE],
        note: "fiscal quarters end a month before calendar quarters (August, November, February, May)",
    },
    Company {
        ticker: "NVDA",
        name: "NVIDIA",
        cik: 1_045_810,
        measure: Measure::Revenue,
        tags: &["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax"],
        note: "fiscal quarters end in late April, July, October and January",
    },
    Company {
        ticker: "AMD",
        name: "AMD",
        cik: 2_488,
        measure: Measure::Revenue,
        tags: &["RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues"],
        note: "fiscal quarters end on the last Saturday of March, June, September and December",
    },
];
