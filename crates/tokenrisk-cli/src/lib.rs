//! The `tokenrisk` command's work, as functions the tests call directly.

pub mod brackets;
pub mod cascade;
pub mod csv_dir;
pub mod liquidation;
pub mod live;
pub mod quarters;
pub mod risk;
pub mod scenario;
pub mod sec;
pub mod slippage;
pub mod supply;

use std::io::Read;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};
use tokenrisk_core::time::format_unix;
use tokenrisk_market::fetch_policy::MAX_CSV_FILE_BYTES;
use tokenrisk_market::snapshot::{Snapshot, SnapshotSeries, SCHEMA_VERSION};

/// The text of a CSV file of at most [`MAX_CSV_FILE_BYTES`], read without ever taking more
/// (so a device such as `/dev/zero` or a huge file ends in an error, not a hang).
///
/// # Errors
/// The reason, without the path (callers name the file): unreadable, too large, not UTF-8.
pub fn read_text_file(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CSV_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_CSV_FILE_BYTES {
        return Err(format!(
            "larger than the {} MB a price file may be",
            MAX_CSV_FILE_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (byte {} is not valid)",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// The series a snapshot source produced, and the problems it skipped past.
#[derive(Debug, Default)]
pub struct SnapshotReport {
    /// The series read, in display order.
    pub series: Vec<SnapshotSeries>,
    /// One line per input that was skipped, naming it and saying why.
    pub skipped: Vec<String>,
}

impl SnapshotReport {
    /// This report plus the series of `other` for assets it lacks (its own are never
    /// replaced); what `other` skipped is kept, and its series that were not needed are listed.
    pub fn filled_from(mut self, other: SnapshotReport) -> Self {
        self.skipped.extend(other.skipped);
        for series in other.series {
            if let Some(kept) = self.series.iter().find(|s| s.id == series.id) {
                let kept = kept.provenance.location.clone();
                self.skipped.push(format!(
                    "{}: {} is live from {kept}",
                    series.provenance.location, series.id
                ));
            } else {
                self.series.push(series);
            }
        }
        self.sort();
        self
    }

    /// Puts the registry's assets first in its order (BTC, the AI tokens, the AI equities),
    /// others after in id order.
    pub fn sort(&mut self) {
        let order = &tokenrisk_market::registry::ASSETS;
        let rank = |id: &str| order.iter().position(|a| a.id == id).unwrap_or(order.len());
        self.series
            .sort_by(|a, b| (rank(&a.id), &a.id).cmp(&(rank(&b.id), &b.id)));
    }
}

/// Now, as ISO 8601 UTC.
pub fn now_iso() -> String {
    format_unix(unix_now())
}

/// Now, Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Writes the snapshot JSON and returns a summary for the terminal. Skipped inputs are listed
/// on standard error.
///
/// # Errors
/// When no series was read, or the file cannot be written.
pub fn write_snapshot(report: &SnapshotReport, out: &Path) -> Result<String, String> {
    for line in &report.skipped {
        eprintln!("skipped {line}");
    }
    if report.series.is_empty() {
        return Err("no series could be read".to_owned());
    }
    let snapshot = Snapshot {
        schema: SCHEMA_VERSION,
        created_at: now_iso(),
        series: report.series.clone(),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(out, snapshot.to_json()).map_err(|e| format!("{}: {e}", out.display()))?;
    let listing = report
        .series
        .iter()
        .map(|s| {
            format!(
                "  {:<7} {:>5} days {} → {}  ({})",
                s.id,
                s.dates.len(),
                s.dates.first().map_or("", String::as_str),
                s.dates.last().map_or("", String::as_str),
                s.provenance.location
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(format!(
        "wrote {} series to {}\n{listing}",
        report.series.len(),
        out.display()
    ))
}
