//! The companies' quarters beside the snapshot (`quarters.json`): SEC EDGAR's capital
//! expenditure and revenue of the companies in [`COMPANIES`], fetched live (SEC asks for a
//! `User-Agent` naming the caller and a contact, and at most 10 requests a second) or read from
//! saved answers (`companyconcept` or `companyfacts` files). A company filed under several tags
//! takes the one whose values end latest.

use crate::{now_iso, read_text_file};
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};
use tokenrisk_core::time::format_unix;
use tokenrisk_market::company_quarters::{
    CompanyQuarters, Obtained, QuarterSource, QuartersFile, QUARTERS_SCHEMA,
};
use tokenrisk_market::fetch_policy::MAX_API_BODY_BYTES;
use tokenrisk_market::sources::sec_edgar::{
    company_concept_url, parse_company_concept, parse_company_facts, Company, Concept, COMPANIES,
};

/// The pause between two requests to SEC: under its 10 a second.
const SEC_PAUSE: Duration = Duration::from_millis(150);

/// The companies read, and one line per company or file that gave nothing, saying why.
#[derive(Debug, Default)]
pub struct QuartersReport {
    /// Each company with quarters, in the order of [`COMPANIES`].
    pub companies: Vec<CompanyQuarters>,
    /// What was skipped, and why.
    pub skipped: Vec<String>,
}

/// The concept of `candidates` whose values end latest.
fn latest(candidates: Vec<(Concept, QuarterSource)>) -> Option<(Concept, QuarterSource)> {
    candidates.into_iter().max_by_key(|(c, _)| c.latest_end())
}

fn report_of(picked: Vec<(Company, Option<(Concept, QuarterSource)>)>) -> QuartersReport {
    let mut report = QuartersReport::default();
    for (company, found) in picked {
        match found.and_then(|(concept, source)| CompanyQuarters::new(&company, &concept, source)) {
            Some(quarters) => report.companies.push(quarters),
            None => report.skipped.push(format!(
                "{}: no quarters under {}",
                company.ticker,
                company.tags.join(" or ")
            )),
        }
    }
    report
}

/// Fetches every company's tags from SEC EDGAR at `base` (`https://data.sec.gov`), sending
/// `user_agent`, one request at a time.
pub fn fetch_live(base: &str, user_agent: &str, timeout: Duration) -> QuartersReport {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .user_agent(user_agent)
        .http_status_as_error(false)
        .build()
        .into();
    let base = base.trim_end_matches('/');
    let mut failures = Vec::new();
    let mut picked = Vec::new();
    for company in COMPANIES {
        let mut candidates = Vec::new();
        for tag in company.tags {
            let url = company_concept_url(base, company.cik, "us-gaap", tag);
            match fetch_concept(&agent, &url) {
                Ok(Some(concept)) => candidates.push((
                    concept,
                    QuarterSource {
                        location: url,
                        obtained: Obtained::Live,
                        retrieved_at: now_iso(),
                    },
                )),
                Ok(None) => {}
                Err(reason) => failures.push(format!("{}: {reason}", company.ticker)),
            }
            std::thread::sleep(SEC_PAUSE);
        }
        picked.push((company, latest(candidates)));
    }
    let mut report = report_of(picked);
    report.skipped.splice(0..0, failures);
    report
}

/// A concept's answer; `None` when SEC answers 404 (the company never used the tag).
fn fetch_concept(agent: &ureq::Agent, url: &str) -> Result<Option<Concept>, String> {
    let mut response = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
    match response.status().as_u16() {
        200 => {}
        404 => return Ok(None),
        403 => {
            return Err(format!(
                "{url}: HTTP 403 (SEC refuses a User-Agent without a name and contact, and blocks \
                 callers over 10 requests a second)"
            ))
        }
        status => return Err(format!("{url}: HTTP {status}")),
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_API_BODY_BYTES as u64)
        .read_to_string()
        .map_err(|e| format!("{url}: {e}"))?;
    parse_company_concept(&body, "USD")
        .map(Some)
        .map_err(|e| format!("{url}: {e}"))
}

/// Reads the saved SEC answers (`*.json`, companyconcept or companyfacts) in `dir`.
pub fn read_recorded(dir: &Path) -> QuartersReport {
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(e) => {
            return QuartersReport {
                companies: Vec::new(),
                skipped: vec![format!("{}: {e}", dir.display())],
            }
        }
    };
    files.sort();
    let mut skipped = Vec::new();
    let mut concepts: Vec<(Concept, QuarterSource)> = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let text = match read_text_file(path) {
            Ok(text) => text,
            Err(reason) => {
                skipped.push(format!("{name}: {reason}"));
                continue;
            }
        };
        let source = QuarterSource {
            location: name.clone(),
            obtained: Obtained::Recorded,
            retrieved_at: modified(path),
        };
        let found: Vec<Concept> = match parse_company_concept(&text, "USD") {
            Ok(concept) => vec![concept],
            Err(_) => {
                let mut tags: Vec<&str> = COMPANIES
                    .iter()
                    .flat_map(|c| c.tags.iter().copied())
                    .collect();
                tags.sort_unstable();
                tags.dedup();
                tags.into_iter()
                    .filter_map(|tag| parse_company_facts(&text, tag, "USD").ok())
                    .collect()
            }
        };
        let before = concepts.len();
        concepts.extend(
            found
                .into_iter()
                .filter(|c| followed(c).is_some())
                .map(|c| (c, source.clone())),
        );
        if concepts.len() == before {
            skipped.push(format!(
                "{name}: not an answer of SEC EDGAR's XBRL API for a followed company's tag"
            ));
        }
    }
    let picked = COMPANIES
        .iter()
        .map(|company| {
            let mine = concepts
                .iter()
                .filter(|(c, _)| followed(c) == Some(company))
                .cloned()
                .collect::<Vec<_>>();
            (*company, latest(mine))
        })
        .filter(|(_, found)| found.is_some())
        .collect();
    let mut report = report_of(picked);
    report.skipped.splice(0..0, skipped);
    report
}

/// The followed company this concept is one of the tags of.
fn followed(concept: &Concept) -> Option<&'static Company> {
    COMPANIES
        .iter()
        .find(|c| c.cik == concept.cik && c.tags.contains(&concept.tag.as_str()))
}

/// A file's modification time, UTC ISO 8601 (empty when the system does not say).
fn modified(path: &Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or_else(String::new, |d| format_unix(d.as_secs() as i64))
}

/// Writes the quarters file, or removes a stale one when there are no companies (the page then
/// says so rather than show old numbers); returns a summary for the terminal. Skipped inputs are
/// listed on standard error.
///
/// # Errors
/// When the file cannot be written or removed.
pub fn write_quarters(report: &QuartersReport, out: &Path) -> Result<String, String> {
    for line in &report.skipped {
        eprintln!("skipped SEC EDGAR {line}");
    }
    if report.companies.is_empty() {
        if out.exists() {
            std::fs::remove_file(out).map_err(|e| format!("{}: {e}", out.display()))?;
        }
        return Ok(format!(
            "no company quarters: {} not written",
            out.display()
        ));
    }
    let file = QuartersFile {
        schema: QUARTERS_SCHEMA,
        created_at: now_iso(),
        companies: report.companies.clone(),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(out, file.to_json()).map_err(|e| format!("{}: {e}", out.display()))?;
    let listing = report
        .companies
        .iter()
        .map(|c| {
            format!(
                "  {:<6} {:>3} quarters to {}  {}  ({})",
                c.ticker,
                c.quarters.len(),
                c.quarters.last().map_or("", |q| q.end.as_str()),
                c.tag,
                c.source.location
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(format!(
        "wrote {} companies' quarters to {}\n{listing}",
        report.companies.len(),
        out.display()
    ))
}
