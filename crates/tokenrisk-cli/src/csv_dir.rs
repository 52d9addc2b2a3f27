//! A snapshot from a directory of CSV exports.

use crate::SnapshotReport;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use tokenrisk_core::time::format_unix;
use tokenrisk_core::Calendar;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::snapshot::{Acquisition, Provenance, SnapshotSeries};

/// Reads every `.csv` file under `dir` (recursively, in path order). Each becomes a daily
/// series named after its file (`TAOUSDT.csv` → `TAO`); hourly files give daily closes from
/// their 23:00 UTC bar. Files of the same asset (by the registry's names and aliases:
/// `BTC-USD.csv` and `BTCUSDT.csv`, `RNDRUSDT.csv` and `RENDERUSDT.csv`) are merged by date,
/// each span keeping its file's provenance (see `SnapshotSeries::merged_with`). Unreadable
/// files are skipped with the reason.
///
/// # Errors
/// When `dir` cannot be listed.
pub fn snapshot_from_csv_dir(dir: &Path) -> Result<SnapshotReport, String> {
    let mut files = Vec::new();
    collect_csv_files(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    let mut report = SnapshotReport::default();
    for file in files {
        let relative = file
            .strip_prefix(dir)
            .unwrap_or(&file)
            .display()
            .to_string();
        match read_series(&file, &relative) {
            Ok(series) => add_or_merge(&mut report, series),
            Err(reason) => report.skipped.push(format!("{relative}: {reason}")),
        }
    }
    report.sort();
    Ok(report)
}

fn collect_csv_files(dir: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_csv_files(&path, into)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            into.push(path);
        }
    }
    Ok(())
}

fn read_series(file: &Path, relative: &str) -> Result<SnapshotSeries, String> {
    let text = crate::read_text_file(file)?;
    let read = read_price_csv(&text, None).map_err(|e| e.to_string())?;
    let (prices, from_hourly) = read.daily_closes();
    let daily = !from_hourly;
    let note = from_hourly.then(|| "daily closes taken from the 23:00 UTC hourly bar".to_owned());
    if prices.len() < 2 {
        return Err("fewer than two daily closes".to_owned());
    }
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or_else(|| "unknown".to_owned(), |d| format_unix(d.as_secs() as i64));
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let calendar = Calendar::observed(prices.times());
    let entry = SnapshotSeries::from_prices(
        stem,
        calendar,
        Provenance {
            provider: "CSV export".to_owned(),
            location: relative.to_owned(),
            acquisition: Acquisition::CsvExport,
            retrieved_at: modified,
            price_field: read.price_column,
            note,
        },
        &prices,
    );
    // Volumes of daily rows (an hourly file's would need summing over the day; not done).
    Ok(match read.volume.filter(|_| daily) {
        Some(volume) => {
            let unit = if volume.in_quote {
                entry
                    .currency
                    .clone()
                    .unwrap_or_else(|| "quote currency".to_owned())
            } else if calendar == Calendar::Weekdays {
                "shares".to_owned()
            } else {
                entry.id.clone()
            };
            entry.with_volumes(volume.values, &unit)
        }
        None => entry,
    })
}

/// Adds `series`, or merges it by date into the series of the same asset already read.
fn add_or_merge(report: &mut SnapshotReport, series: SnapshotSeries) {
    match report.series.iter().position(|s| s.id == series.id) {
        Some(i) => {
            let existing = report.series.swap_remove(i);
            report.series.push(existing.merged_with(series));
        }
        None => report.series.push(series),
    }
}
