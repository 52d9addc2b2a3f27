//! One asset from several sources, merged by date: where two sources hold the same asset (a
//! Yahoo-style `BTC-USD.csv` and an exchange `BTCUSDT.csv`; `RNDRUSDT.csv` and
//! `RENDERUSDT.csv` after the ticker change), every date either holds is kept. On a date both
//! hold, the preferred source's close is taken: a native daily series before one derived from
//! hourly bars, then the source whose history ends later (the newer export), then the longer
//! one. Each span of consecutive dates taken from one source keeps that source's provenance.

use super::{Provenance, SnapshotSeries};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Consecutive dates of a merged series taken from one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSpan {
    /// First date of the span, `YYYY-MM-DD`.
    pub first: String,
    /// Last date of the span, `YYYY-MM-DD`.
    pub last: String,
    /// Closes taken from this source in the span.
    pub days: usize,
    /// The currency that source quotes in, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Where the span's closes came from.
    pub provenance: Provenance,
}

/// One date's close and where it came from.
#[derive(Clone)]
struct Day {
    close: f64,
    volume: Option<(f64, Option<String>)>,
    source: usize,
}

/// The spans of `s`: those it was merged from, else one span of its own provenance over all
/// its dates.
fn spans_of(s: &SnapshotSeries) -> Vec<SourceSpan> {
    if !s.sources.is_empty() {
        return s.sources.clone();
    }
    vec![SourceSpan {
        first: s.dates.first().cloned().unwrap_or_default(),
        last: s.dates.last().cloned().unwrap_or_default(),
        days: s.dates.len(),
        currency: s.currency.clone(),
        provenance: s.provenance.clone(),
    }]
}

/// How strongly a series is preferred on a date both hold (higher wins).
fn preference(s: &SnapshotSeries) -> (bool, Option<&String>, usize) {
    (s.provenance.note.is_none(), s.dates.last(), s.dates.len())
}

impl SnapshotSeries {
    /// This series and `other` (the same asset) merged by date, as the module describes. The
    /// merged entry keeps the preferred source's id, name, calendar, currency and provenance,
    /// and lists every source's span of dates in [`sources`](Self::sources). Volumes are kept
    /// when every date has one in the same unit, else dropped (the sources count differently).
    pub fn merged_with(self, other: SnapshotSeries) -> SnapshotSeries {
        let (preferred, fallback) = if preference(&other) > preference(&self) {
            (other, self)
        } else {
            (self, other)
        };
        // Every input span, and each date's close with the span it came from. The fallback goes
        // first, so that the preferred source overwrites it where both hold a date.
        let mut origins: Vec<SourceSpan> = Vec::new();
        let mut days: BTreeMap<String, Day> = BTreeMap::new();
        for series in [&fallback, &preferred] {
            let spans = spans_of(series);
            for (i, date) in series.dates.iter().enumerate() {
                let within = spans
                    .iter()
                    .position(|s| s.first <= *date && *date <= s.last)
                    .unwrap_or(0);
                days.insert(
                    date.clone(),
                    Day {
                        close: series.closes[i],
                        volume: series
                            .volumes
                            .as_ref()
                            .and_then(|v| v.get(i))
                            .map(|v| (*v, series.volume_unit.clone())),
                        source: origins.len() + within,
                    },
                );
            }
            origins.extend(spans);
        }
        // Consecutive dates from one source make one span of the merged series.
        let mut spans: Vec<SourceSpan> = Vec::new();
        for (date, day) in &days {
            let origin = &origins[day.source];
            match spans.last_mut() {
                Some(span) if span.provenance == origin.provenance => {
                    span.last.clone_from(date);
                    span.days += 1;
                }
                _ => spans.push(SourceSpan {
                    first: date.clone(),
                    last: date.clone(),
                    days: 1,
                    ..origin.clone()
                }),
            }
        }
        let unit = days
            .values()
            .next()
            .and_then(|d| d.volume.clone())
            .map(|(_, u)| u);
        let volumes: Option<Vec<f64>> = days
            .values()
            .map(|d| {
                d.volume
                    .as_ref()
                    .filter(|(_, u)| Some(u) == unit.as_ref())
                    .map(|(v, _)| *v)
            })
            .collect();
        SnapshotSeries {
            dates: days.keys().cloned().collect(),
            closes: days.values().map(|d| d.close).collect(),
            volume_unit: volumes.as_ref().and(unit.flatten()),
            volumes,
            sources: if spans.len() > 1 { spans } else { Vec::new() },
            ..preferred
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Acquisition, Snapshot, SCHEMA_VERSION};
    use super::*;
    use tokenrisk_core::{Calendar, PriceSeries};

    const DAY: i64 = 86_400;

    fn series(file: &str, first_day: i64, closes: &[f64], note: Option<&str>) -> SnapshotSeries {
        let times = (0..closes.len() as i64)
            .map(|i| (first_day + i) * DAY)
            .collect();
        let prices = PriceSeries::new(times, closes.to_vec()).expect("valid");
        let stem = file.trim_end_matches(".csv");
        SnapshotSeries::from_prices(
            stem,
            Calendar::Continuous,
            Provenance {
                provider: "CSV export".into(),
                location: file.into(),
                acquisition: Acquisition::CsvExport,
                retrieved_at: "2026-01-03T00:00:00Z".into(),
                price_field: "close".into(),
                note: note.map(str::to_owned),
            },
            &prices,
        )
    }

    #[test]
    fn the_newer_export_wins_where_both_have_a_date_and_nothing_is_dropped() {
        // A Yahoo-style BTC-USD file of days 0–4, and an exchange BTCUSDT file of days 3–9.
        let yahoo = series("BTC-USD.csv", 0, &[10.0, 11.0, 12.0, 13.0, 14.0], None);
        let exchange = series(
            "BTCUSDT.csv",
            3,
            &[23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0],
            None,
        );
        assert_eq!((yahoo.id.as_str(), exchange.id.as_str()), ("BTC", "BTC"));
        for merged in [
            yahoo.clone().merged_with(exchange.clone()),
            exchange.merged_with(yahoo),
        ] {
            assert_eq!(merged.dates.len(), 10, "every date of either file");
            assert_eq!(
                merged.closes,
                [10.0, 11.0, 12.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0]
            );
            assert_eq!(merged.provenance.location, "BTCUSDT.csv");
            assert_eq!(merged.currency.as_deref(), Some("USDT"));
            let spans: Vec<(&str, &str, &str, usize)> = merged
                .sources
                .iter()
                .map(|s| {
                    (
                        s.provenance.location.as_str(),
                        s.first.as_str(),
                        s.last.as_str(),
                        s.days,
                    )
                })
                .collect();
            assert_eq!(
                spans,
                [
                    ("BTC-USD.csv", "1970-01-01", "1970-01-03", 3),
                    ("BTCUSDT.csv", "1970-01-04", "1970-01-10", 7)
                ]
            );
            assert_eq!(merged.sources[0].currency.as_deref(), Some("USD"));
            assert!(merged.prices().is_ok());
        }
    }

    #[test]
    fn a_native_daily_file_wins_over_closes_derived_from_hourly_bars() {
        let hourly = series("TAOUSDT.csv", 0, &[1.0, 2.0, 3.0, 4.0], Some("from hourly"));
        let daily = series("TAOUSDT.csv", 1, &[20.0, 30.0], None);
        let merged = hourly.merged_with(daily);
        assert_eq!(merged.closes, [1.0, 20.0, 30.0, 4.0]);
        assert_eq!(merged.provenance.note, None);
        assert_eq!(merged.sources.len(), 3, "hourly, daily, hourly again");
    }

    #[test]
    fn renamed_tickers_are_one_asset_and_merges_chain() {
        let rndr = series("RNDRUSDT.csv", 0, &[5.0, 6.0], None);
        let render = series("RENDERUSDT.csv", 2, &[7.0, 8.0], None);
        let later = series("RENDER-USD.csv", 4, &[9.0], None);
        assert_eq!(rndr.id, render.id);
        let merged = rndr.merged_with(render).merged_with(later);
        assert_eq!(merged.closes, [5.0, 6.0, 7.0, 8.0, 9.0]);
        assert_eq!(merged.sources.len(), 3);
        assert_eq!(merged.sources[1].provenance.location, "RENDERUSDT.csv");
        // The merged entry survives the snapshot file.
        let snapshot = Snapshot {
            schema: SCHEMA_VERSION,
            created_at: "2026-12-01T00:00:00Z".into(),
            series: vec![merged],
        };
        assert_eq!(Snapshot::from_json(&snapshot.to_json()), Ok(snapshot));
    }

    #[test]
    fn volumes_stay_only_when_every_date_has_one_in_one_unit() {
        let a = series("BTCUSDT.csv", 0, &[1.0, 2.0], None).with_volumes(vec![5.0, 6.0], "USDT");
        let b = series("BTCUSDT.csv", 2, &[3.0], None).with_volumes(vec![7.0], "USDT");
        let merged = a.clone().merged_with(b);
        assert_eq!(merged.volumes.as_deref(), Some(&[5.0, 6.0, 7.0][..]));
        assert_eq!(merged.volume_unit.as_deref(), Some("USDT"));
        let shares = series("BTC-USD.csv", 2, &[3.0], None).with_volumes(vec![7.0], "BTC");
        let mixed = a.clone().merged_with(shares);
        assert_eq!((mixed.volumes, mixed.volume_unit), (None, None));
        let none = a.merged_with(series("BTC-USD.csv", 2, &[3.0], None));
        assert_eq!(none.volumes, None);
    }
}
