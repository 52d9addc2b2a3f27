//! The bundled-data snapshot: daily closes for every asset, each with its provenance.
//!
//! Written by `tokenrisk snapshot`, served beside the app as a static JSON file, and read by the
//! app when live data is not (yet) there. Every series says where it came from and when; a
//! series merged from several sources ([`SnapshotSeries::merged_with`]) says it for each span of
//! dates.

use crate::registry::{display_name, split_symbol};
use serde::{Deserialize, Serialize};

mod dates;
mod merge;
pub use merge::SourceSpan;
use tokenrisk_core::series::{Calendar, PriceSeries, SeriesError};
use tokenrisk_core::time::Date;

/// The schema version this code writes: 2 writes a series' dates as day steps (see
/// `dates.rs`); schema 1 files, with every date written out, are still read.
pub const SCHEMA_VERSION: u32 = 2;

/// The schema versions this code reads.
pub const READABLE_SCHEMAS: std::ops::RangeInclusive<u32> = 1..=SCHEMA_VERSION;

/// Why a snapshot could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// Not JSON of the snapshot's shape.
    #[error("not a snapshot file: {0}")]
    Malformed(String),
    /// Written by an incompatible version.
    #[error("snapshot schema {found} is not supported (this version reads 1 to {SCHEMA_VERSION})")]
    Schema {
        /// The version found in the file.
        found: u32,
    },
    /// A date is not `YYYY-MM-DD`.
    #[error("series {id}: date {date:?} is not YYYY-MM-DD")]
    BadDate {
        /// Series id.
        id: String,
        /// The offending text.
        date: String,
    },
    /// The prices do not form a valid series.
    #[error("series {id}: {source}")]
    BadSeries {
        /// Series id.
        id: String,
        /// What is wrong.
        source: SeriesError,
    },
    /// The volumes are not one non-negative number per date.
    #[error("series {id}: volumes are not one non-negative number per date")]
    BadVolumes {
        /// Series id.
        id: String,
    },
}

/// How a series was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acquisition {
    /// Fetched from the provider's API when the snapshot was built.
    Live,
    /// Read from an exported CSV file.
    CsvExport,
}

/// Where a series came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Who published the numbers, e.g. "Binance spot klines (1d)".
    pub provider: String,
    /// The URL fetched (without keys) or the CSV file read.
    pub location: String,
    /// Live fetch or CSV export.
    pub acquisition: Acquisition,
    /// When the data was taken: the fetch time, or the CSV file's modification time (UTC ISO 8601).
    pub retrieved_at: String,
    /// The field the prices were taken from, e.g. `close` or `adjclose`.
    pub price_field: String,
    /// Any transformation applied, e.g. daily closes derived from hourly bars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One asset's daily closes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotSeries {
    /// Asset id, e.g. `TAO`.
    pub id: String,
    /// Display name, e.g. `Bittensor`.
    pub name: String,
    /// Trading calendar, which sets the annualisation.
    pub calendar: Calendar,
    /// The currency prices are quoted in (e.g. `USDT`), when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Provenance of the numbers.
    pub provenance: Provenance,
    /// UTC dates, `YYYY-MM-DD`, increasing (written as day steps, see `dates.rs`).
    #[serde(with = "dates")]
    pub dates: Vec<String>,
    /// Daily closes, one per date.
    pub closes: Vec<f64>,
    /// Daily traded volume, one per date, when the source has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Vec<f64>>,
    /// What the volumes count: a currency (traded value, e.g. `USDT`), or `shares`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_unit: Option<String>,
    /// Where each span of dates came from, when the series was merged from several sources
    /// (oldest span first); empty when [`provenance`](Self::provenance) covers every date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceSpan>,
}

impl SnapshotSeries {
    /// A series entry from validated daily prices, named after an exchange symbol or file stem
    /// (`TAOUSDT` → id `TAO`, name `Bittensor`, currency `USDT`; see [`split_symbol`]).
    pub fn from_prices(
        symbol: &str,
        calendar: Calendar,
        provenance: Provenance,
        prices: &PriceSeries,
    ) -> Self {
        let (id, currency) = split_symbol(symbol);
        Self {
            name: display_name(&id).to_owned(),
            id,
            calendar,
            currency,
            provenance,
            dates: prices
                .times()
                .iter()
                .map(|&t| Date::from_unix(t).to_string())
                .collect(),
            closes: prices.values().to_vec(),
            volumes: None,
            volume_unit: None,
            sources: Vec::new(),
        }
    }

    /// This entry with daily volumes (one per date) counted in `unit`, rounded to whole units
    /// (a fraction of a dollar or a share says nothing about liquidity, and the digits would
    /// double the snapshot's size).
    pub fn with_volumes(self, volumes: Vec<f64>, unit: &str) -> Self {
        Self {
            volumes: Some(volumes.into_iter().map(f64::round).collect()),
            volume_unit: Some(unit.to_owned()),
            ..self
        }
    }

    /// Checks the series: its dates and prices form a valid daily series, and its volumes
    /// (when present) are one non-negative number per date.
    ///
    /// # Errors
    /// [`SnapshotError`] naming the series and what is wrong.
    pub fn validate(&self) -> Result<(), SnapshotError> {
        self.prices()?;
        if let Some(volumes) = &self.volumes {
            if volumes.len() != self.closes.len()
                || volumes.iter().any(|v| !(v.is_finite() && *v >= 0.0))
            {
                return Err(SnapshotError::BadVolumes {
                    id: self.id.clone(),
                });
            }
        }
        Ok(())
    }

    /// The validated price series (times at midnight UTC).
    ///
    /// # Errors
    /// [`SnapshotError::BadDate`] or [`SnapshotError::BadSeries`].
    pub fn prices(&self) -> Result<PriceSeries, SnapshotError> {
        let times = self
            .dates
            .iter()
            .map(|d| {
                Date::parse_iso(d)
                    .map(Date::to_unix)
                    .ok_or_else(|| SnapshotError::BadDate {
                        id: self.id.clone(),
                        date: d.clone(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        PriceSeries::new(times, self.closes.clone()).map_err(|source| SnapshotError::BadSeries {
            id: self.id.clone(),
            source,
        })
    }
}

/// The whole bundled snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Schema version, [`SCHEMA_VERSION`].
    pub schema: u32,
    /// When the snapshot was built (UTC ISO 8601).
    pub created_at: String,
    /// The series, in display order.
    pub series: Vec<SnapshotSeries>,
}

impl Snapshot {
    /// Parses and validates a snapshot: the schema version, and every series' dates and prices.
    ///
    /// # Errors
    /// [`SnapshotError`] saying what is wrong, never a panic, whatever the input.
    pub fn from_json(text: &str) -> Result<Self, SnapshotError> {
        let (snapshot, mut dropped) = Self::from_json_keeping_readable(text)?;
        if dropped.is_empty() {
            Ok(snapshot)
        } else {
            Err(dropped.swap_remove(0))
        }
    }

    /// Parses a snapshot and keeps every series that validates, with the reason each other
    /// series was left out: one damaged series (a hand-edited file, an older writer) costs only
    /// itself.
    ///
    /// # Errors
    /// [`SnapshotError::Malformed`] when the text is not a snapshot at all,
    /// [`SnapshotError::Schema`] for another schema version.
    pub fn from_json_keeping_readable(
        text: &str,
    ) -> Result<(Self, Vec<SnapshotError>), SnapshotError> {
        let mut snapshot: Self =
            serde_json::from_str(text).map_err(|e| SnapshotError::Malformed(e.to_string()))?;
        if !READABLE_SCHEMAS.contains(&snapshot.schema) {
            return Err(SnapshotError::Schema {
                found: snapshot.schema,
            });
        }
        let mut dropped = Vec::new();
        snapshot.series.retain(|series| match series.validate() {
            Ok(()) => true,
            Err(e) => {
                dropped.push(e);
                false
            }
        });
        Ok((snapshot, dropped))
    }

    /// Serialises to compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }

    /// The series with this id.
    pub fn get(&self, id: &str) -> Option<&SnapshotSeries> {
        self.series.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        let prices = PriceSeries::new(vec![0, 86_400], vec![1.5, 2.0]).expect("valid");
        Snapshot {
            schema: SCHEMA_VERSION,
            created_at: "2026-11-25T07:00:00Z".into(),
            series: vec![SnapshotSeries::from_prices(
                "TAOUSDT",
                Calendar::Continuous,
                Provenance {
                    provider: "Binance spot klines (1d)".into(),
                    location: "TAOUSDT.csv".into(),
                    acquisition: Acquisition::CsvExport,
                    retrieved_at: "2026-01-03T00:00:00Z".into(),
                    price_field: "close".into(),
                    note: None,
                },
                &prices,
            )],
        }
    }

    #[test]
    fn round_trips_through_json() {
        let snapshot = sample();
        let json = snapshot.to_json();
        assert!(
            json.contains(r#""dates":{"start":"1970-01-01","steps":[1]}"#),
            "{json}"
        );
        let back = Snapshot::from_json(&json).expect("valid");
        assert_eq!(back, snapshot);
        assert_eq!(back.series[0].dates, ["1970-01-01", "1970-01-02"]);
        // A schema 1 file, every date written out, reads the same.
        let schema_1 = json.replace(r#""schema":2"#, r#""schema":1"#).replace(
            r#"{"start":"1970-01-01","steps":[1]}"#,
            r#"["1970-01-01","1970-01-02"]"#,
        );
        assert_eq!(
            Snapshot::from_json(&schema_1).expect("schema 1").series,
            back.series
        );
        assert!(matches!(
            Snapshot::from_json(&json.replace(r#""schema":2"#, r#""schema":3"#)),
            Err(SnapshotError::Schema { found: 3 })
        ));
        assert_eq!(
            (back.series[0].id.as_str(), back.series[0].name.as_str()),
            ("TAO", "Bittensor")
        );
        assert_eq!(back.series[0].currency.as_deref(), Some("USDT"));
    }

    #[test]
    fn volumes_round_trip_and_must_match_the_dates() {
        let mut snapshot = sample();
        snapshot.series[0] = snapshot.series[0]
            .clone()
            .with_volumes(vec![10.0, 0.0], "USDT");
        let back = Snapshot::from_json(&snapshot.to_json()).expect("valid");
        assert_eq!(back.series[0].volumes.as_deref(), Some(&[10.0, 0.0][..]));
        assert_eq!(back.series[0].volume_unit.as_deref(), Some("USDT"));
        assert!(
            !sample().to_json().contains("volumes"),
            "absent when unknown"
        );
        for bad in [vec![1.0], vec![1.0, -2.0]] {
            let mut broken = sample();
            broken.series[0] = broken.series[0].clone().with_volumes(bad, "USDT");
            assert!(matches!(
                Snapshot::from_json(&broken.to_json()),
                Err(SnapshotError::BadVolumes { .. })
            ));
        }
    }

    #[test]
    fn hostile_inputs_give_typed_errors() {
        assert!(matches!(
            Snapshot::from_json(""),
            Err(SnapshotError::Malformed(_))
        ));
        assert!(matches!(
            Snapshot::from_json("{\"schema\":1"),
            Err(SnapshotError::Malformed(_))
        ));
        assert!(matches!(
            Snapshot::from_json("[1,2]"),
            Err(SnapshotError::Malformed(_))
        ));
        let mut future = sample();
        future.schema = 99;
        assert_eq!(
            Snapshot::from_json(&future.to_json()),
            Err(SnapshotError::Schema { found: 99 })
        );
        let mut bad_date = sample();
        bad_date.series[0].dates[1] = "1970-13-01".into();
        assert!(matches!(
            Snapshot::from_json(&bad_date.to_json()),
            Err(SnapshotError::BadDate { .. })
        ));
        let text = sample().to_json().replace("2.0]", "-2.0]");
        assert!(matches!(
            Snapshot::from_json(&text),
            Err(SnapshotError::BadSeries { .. })
        ));
        let text = sample().to_json().replace("[1.5,2.0]", "[1.5]");
        assert!(matches!(
            Snapshot::from_json(&text),
            Err(SnapshotError::BadSeries { .. })
        ));
    }
}
