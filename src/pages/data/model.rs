//! What the Data page says about each series and each kept answer, apart from the page:
//! coverage, age and freshness as text. Plain functions, tested natively.

use crate::data::AssetSeries;
use crate::format::date;
use tokenrisk_core::time::{format_unix, SECONDS_PER_DAY};

/// One series of a sources table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Asset id.
    pub id: String,
    /// `ID · Name`.
    pub series: String,
    /// Who published the numbers.
    pub provider: String,
    /// The file or URL read.
    pub location: String,
    /// When it was taken.
    pub taken: String,
    /// `first to last` date, empty for no observations.
    pub covers: String,
    /// Whole days from the newest close to now, as `N days` (empty for no observations).
    pub age: String,
}

/// Whole days from the last observation of `asset` to `now_ms` (Unix milliseconds).
pub fn age_days(asset: &AssetSeries, now_ms: f64) -> Option<i64> {
    let last = *asset.prices.times().last()?;
    Some(((now_ms / 1000.0) as i64 - last).div_euclid(SECONDS_PER_DAY))
}

/// The row of `asset` at `now_ms`.
pub fn source_row(asset: &AssetSeries, now_ms: f64) -> SourceRow {
    let times = asset.prices.times();
    let covers = match (times.first(), times.last()) {
        (Some(&f), Some(&l)) => format!("{} to {}", date(f), date(l)),
        _ => String::new(),
    };
    SourceRow {
        id: asset.id.clone(),
        series: format!("{} · {}", asset.id, asset.name),
        provider: asset.provenance.provider.clone(),
        location: asset.provenance.location.clone(),
        taken: asset.provenance.retrieved_at.clone(),
        covers,
        age: age_days(asset, now_ms).map_or_else(String::new, |d| format!("{d} days")),
    }
}

/// When an answer was fetched, and whether it is served as it is or asked for again.
pub fn fetched_text(fetched_at_ms: f64, fresh: bool) -> String {
    let when = format_unix((fetched_at_ms / 1000.0) as i64);
    let state = if fresh {
        "fresh"
    } else {
        "stale: asked again when shown"
    };
    format!("fetched {when} ({state})")
}

/// An answer's size in kilobytes, one decimal.
pub fn size_text(bytes: usize) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import_csv;

    #[test]
    fn rows_say_coverage_and_age() {
        let asset = import_csv(
            "TAOUSDT.csv",
            "date,close\n2026-11-20,1\n2026-11-28,2\n",
            "t",
        )
        .expect("valid");
        // 2026-12-01 06:00 UTC: three whole days after 2026-11-28.
        let now_ms = 1_796_104_800_000.0;
        let row = source_row(&asset, now_ms);
        assert_eq!(row.covers, "2026-11-20 to 2026-11-28");
        assert_eq!(row.age, "3 days");
        assert_eq!(row.series, "TAO · Bittensor");
        assert_eq!(row.taken, "t");
        assert_eq!(
            fetched_text(1_796_104_800_000.0, false),
            "fetched 2026-12-01T06:00:00Z (stale: asked again when shown)"
        );
        assert_eq!(size_text(1_234), "1.2 kB");
    }
}
