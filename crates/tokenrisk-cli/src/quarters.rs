//! `tokenrisk quarters`: one concept of a saved SEC EDGAR answer (`companyfacts` or
//! `companyconcept`) as fiscal quarters, one row per quarter: `end, start, value, derived,
//! form, filed`, `derived` true where the quarter is computed from year-to-date or annual
//! values ([`tokenrisk_core::quarters::fiscal_quarters`] states the rules).

use crate::read_text_file;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokenrisk_core::quarters::{fiscal_quarters, Quarter};
use tokenrisk_market::sources::sec_edgar::{parse_company_concept, parse_company_facts, Concept};

/// CSV or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuartersFormat {
    /// A header row, then one row per quarter, oldest first.
    Csv,
    /// One object: the company, the concept and its quarters.
    Json,
}

/// What to read.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("answer").required(true).args(["companyfacts", "companyconcept"])))]
pub struct QuartersArgs {
    /// A saved answer of `GET data.sec.gov/api/xbrl/companyfacts/CIK##########.json`.
    #[arg(long, value_name = "FILE.json", requires = "tag")]
    pub companyfacts: Option<PathBuf>,
    /// A saved answer of `GET data.sec.gov/api/xbrl/companyconcept/CIK##########/{taxonomy}/{tag}.json`.
    #[arg(long, value_name = "FILE.json")]
    pub companyconcept: Option<PathBuf>,
    /// The concept, e.g. `PaymentsToAcquirePropertyPlantAndEquipment` (case-sensitive); with
    /// --companyconcept, checked against the file's.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// The unit of the values.
    #[arg(long, value_name = "UNIT", default_value = "USD")]
    pub unit: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuartersFormat::Csv)]
    pub format: QuartersFormat,
}

/// Runs the command: the quarters on standard output and status 0, or the reason on standard
/// error and status 2.
pub fn main(args: &QuartersArgs) -> ExitCode {
    match run(args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tokenrisk quarters: {message}");
            ExitCode::from(2)
        }
    }
}

/// The quarters of the file and concept `args` name.
///
/// # Errors
/// The file and the reason: unreadable, not an SEC answer, no such concept or unit, a bad
/// fact, a concept reported only at instants, or one whose periods give no quarter.
pub fn run(args: &QuartersArgs) -> Result<String, String> {
    let concept = read_concept(args)?;
    let file = args
        .companyfacts
        .as_ref()
        .or(args.companyconcept.as_ref())
        .map_or_else(String::new, |path| path.display().to_string());
    if concept.facts.iter().all(|f| f.start.is_none()) {
        return Err(format!(
            "{file}: {} is reported at instants (a balance on a date), not over periods: it has no quarters",
            concept.tag
        ));
    }
    let quarters = fiscal_quarters(&concept.period_values());
    if quarters.is_empty() {
        return Err(format!(
            "{file}: {} has no period of 80 to 100 days, and none that year-to-date or annual values give",
            concept.tag
        ));
    }
    Ok(match args.format {
        QuartersFormat::Csv => csv(&quarters),
        QuartersFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report(&concept, &quarters))
                .map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
    })
}

fn read_concept(args: &QuartersArgs) -> Result<Concept, String> {
    let named = |path: &Path, e: String| format!("{}: {e}", path.display());
    match (&args.companyfacts, &args.companyconcept, &args.tag) {
        (Some(path), _, Some(tag)) => {
            let text = read_text_file(path).map_err(|e| named(path, e))?;
            parse_company_facts(&text, tag, &args.unit).map_err(|e| named(path, e.to_string()))
        }
        (None, Some(path), tag) => {
            let text = read_text_file(path).map_err(|e| named(path, e))?;
            let concept =
                parse_company_concept(&text, &args.unit).map_err(|e| named(path, e.to_string()))?;
            match tag {
                Some(tag) if *tag != concept.tag => {
                    Err(named(path, format!("holds {}, not {tag}", concept.tag)))
                }
                _ => Ok(concept),
            }
        }
        _ => Err(
            "give --companyfacts FILE.json with --tag TAG, or --companyconcept FILE.json"
                .to_owned(),
        ),
    }
}

/// `end,start,value,derived,form,filed`, oldest first.
fn csv(quarters: &[Quarter]) -> String {
    let mut out = String::from("end,start,value,derived,form,filed\n");
    for q in quarters {
        let form = if q.form.contains([',', '"', '\n']) {
            format!("\"{}\"", q.form.replace('"', "\"\""))
        } else {
            q.form.clone()
        };
        out.push_str(&format!(
            "{},{},{},{},{form},{}\n",
            q.end, q.start, q.value, q.derived, q.filed
        ));
    }
    out
}

fn report(concept: &Concept, quarters: &[Quarter]) -> serde_json::Value {
    json!({
        "cik": concept.cik,
        "entity": concept.entity,
        "taxonomy": concept.taxonomy,
        "tag": concept.tag,
        "unit": concept.unit,
        "rules": "duplicates resolved to the latest filing; a quarter is 80 to 100 days; others are year-to-date or annual values less the period before (Q2, Q3 = year to date − year to date a quarter earlier; Q4 = year − nine months, or − the three quarters)",
        "quarters": quarters.iter().map(|q| json!({
            "end": q.end.to_string(),
            "start": q.start.to_string(),
            "value": whole_or_not(q.value),
            "derived": q.derived,
            "form": q.form,
            "filed": q.filed.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// A whole value (dollars, shares) as a JSON integer, others as they are.
fn whole_or_not(value: f64) -> serde_json::Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}
