//! The app's data: the snapshot bundled with the site, and CSV files the user imports.

use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::fetch_policy::{MAX_SNAPSHOT_BYTES, SNAPSHOT_TIMEOUT_MS};
use tokenrisk_market::registry::{display_name, split_symbol};
use tokenrisk_market::snapshot::{Acquisition, Provenance, Snapshot, SnapshotError, SourceSpan};

/// Where the bundled snapshot is served, relative to the site's base path.
pub const SNAPSHOT_URL: &str = "data/snapshot.json";

/// One asset's daily closes with where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetSeries {
    /// Asset id, e.g. `TAO`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Trading calendar (sets the annualisation).
    pub calendar: Calendar,
    /// The currency prices are quoted in, when the source says (e.g. `USDT`).
    pub currency: Option<String>,
    /// Source, time, transformation.
    pub provenance: Provenance,
    /// Daily closes.
    pub prices: PriceSeries,
    /// Daily traded volume, when the source has it.
    pub volume: Option<Volume>,
    /// Where each span of dates came from, when the bundled series merges several sources.
    pub sources: Vec<SourceSpan>,
}

/// Daily traded volume: times (Unix seconds at 00:00 UTC), values, and what they count.
#[derive(Debug, Clone, PartialEq)]
pub struct Volume {
    /// Days, increasing.
    pub times: Vec<i64>,
    /// Volume of each day (non-negative).
    pub values: Vec<f64>,
    /// A currency (traded value, e.g. `USDT`), `shares`, or the base asset's id.
    pub unit: String,
}

impl Volume {
    /// `self` with `newer`'s days added and, where both have a day, `newer`'s value.
    pub fn merged_with(&self, newer: &Volume) -> Volume {
        let mut days: std::collections::BTreeMap<i64, f64> = self
            .times
            .iter()
            .copied()
            .zip(self.values.iter().copied())
            .collect();
        days.extend(
            newer
                .times
                .iter()
                .copied()
                .zip(newer.values.iter().copied()),
        );
        let (times, values) = days.into_iter().unzip();
        Volume {
            times,
            values,
            unit: newer.unit.clone(),
        }
    }
}

impl AssetSeries {
    /// A series with nothing but an id, for describing states of assets not loaded.
    pub fn placeholder(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: id.to_owned(),
            calendar: Calendar::Continuous,
            currency: None,
            provenance: Provenance {
                provider: String::new(),
                location: String::new(),
                acquisition: Acquisition::Live,
                retrieved_at: String::new(),
                price_field: String::new(),
                note: None,
            },
            prices: PriceSeries::new(Vec::new(), Vec::new())
                .unwrap_or_else(|e| unreachable!("an empty series is valid: {e}")),
            volume: None,
            sources: Vec::new(),
        }
    }
}

/// Every series the page can show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    /// When the bundled snapshot was built, if one is loaded.
    pub snapshot_created_at: Option<String>,
    /// The series, in display order.
    pub assets: Vec<AssetSeries>,
}

impl Dataset {
    /// The dataset of a parsed snapshot.
    ///
    /// # Errors
    /// [`SnapshotError`] if a series is invalid.
    pub fn from_snapshot(snapshot: &Snapshot) -> Result<Self, SnapshotError> {
        let assets = snapshot
            .series
            .iter()
            .map(|s| {
                Ok(AssetSeries {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    calendar: s.calendar,
                    currency: s.currency.clone(),
                    provenance: s.provenance.clone(),
                    volume: s.volumes.clone().map(|values| {
                        let prices = s.prices().ok();
                        Volume {
                            times: prices.map(|p| p.times().to_vec()).unwrap_or_default(),
                            values,
                            unit: s.volume_unit.clone().unwrap_or_default(),
                        }
                    }),
                    prices: s.prices()?,
                    sources: s.sources.clone(),
                })
            })
            .collect::<Result<_, SnapshotError>>()?;
        Ok(Self {
            snapshot_created_at: Some(snapshot.created_at.clone()),
            assets,
        })
    }

    /// Asset ids in display order.
    pub fn ids(&self) -> Vec<&str> {
        self.assets.iter().map(|a| a.id.as_str()).collect()
    }

    /// The series with this id.
    pub fn get(&self, id: &str) -> Option<&AssetSeries> {
        self.assets.iter().find(|a| a.id == id)
    }

    /// This dataset plus imported series; an import replaces a series with the same id.
    pub fn with_imports(&self, imports: &[AssetSeries]) -> Self {
        let mut merged = self.clone();
        for import in imports {
            match merged.assets.iter_mut().find(|a| a.id == import.id) {
                Some(existing) => *existing = import.clone(),
                None => merged.assets.push(import.clone()),
            }
        }
        merged
    }
}

/// What loading the bundled snapshot gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Bundled {
    /// The snapshot, parsed and validated.
    Loaded(Dataset),
    /// The readable series of a snapshot, and which were left out and why.
    Partial(Dataset, String),
    /// The site carries no snapshot (it was built without data).
    Missing,
    /// The snapshot could not be fetched or read; the message says why.
    Failed(String),
}

impl Bundled {
    /// The dataset, and why it is empty when it is.
    pub fn into_parts(self) -> (Dataset, Option<String>) {
        match self {
            Self::Loaded(dataset) => (dataset, None),
            Self::Partial(dataset, message) => (dataset, Some(message)),
            Self::Missing => (
                Dataset::default(),
                Some("This site was built without bundled market data.".to_owned()),
            ),
            Self::Failed(message) => (Dataset::default(), Some(message)),
        }
    }
}

/// Reads a snapshot response. A missing file (404, or the HTML page a static server answers
/// instead) is [`Bundled::Missing`]; anything else that is not a snapshot is
/// [`Bundled::Failed`] with the reason; a snapshot with unreadable series is
/// [`Bundled::Partial`]: the readable series, and the others named with the reason.
pub fn read_snapshot_response(status: u16, content_type: &str, body: &str) -> Bundled {
    if status == 404 || content_type.contains("text/html") {
        return Bundled::Missing;
    }
    if !(200..300).contains(&status) {
        return Bundled::Failed(format!("The bundled data answered HTTP {status}."));
    }
    let read = Snapshot::from_json_keeping_readable(body)
        .and_then(|(s, dropped)| Ok((Dataset::from_snapshot(&s)?, dropped)));
    match read {
        Ok((dataset, dropped)) if dropped.is_empty() => Bundled::Loaded(dataset),
        Ok((dataset, dropped)) => Bundled::Partial(
            dataset,
            format!(
                "Part of the bundled data is unreadable and was left out: {}.",
                dropped
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ),
        Err(e) => Bundled::Failed(format!("The bundled data is unreadable ({e}).")),
    }
}

/// Fetches and reads the bundled snapshot. Never fails: every problem becomes a [`Bundled`]
/// state the page explains. A network that stalls is given up after
/// [`SNAPSHOT_TIMEOUT_MS`]; a file over [`MAX_SNAPSHOT_BYTES`] is refused unread.
pub async fn load_bundled() -> Bundled {
    match crate::live::http::get(SNAPSHOT_URL, SNAPSHOT_TIMEOUT_MS, MAX_SNAPSHOT_BYTES).await {
        Ok(answer) => read_snapshot_response(answer.status, &answer.content_type, &answer.body),
        Err(failure) => {
            Bundled::Failed(format!("The bundled data could not be fetched: {failure}."))
        }
    }
}

/// A series from an imported CSV file (same rules as `tokenrisk risk`): daily closes, or daily
/// closes derived from hourly bars (the 23:00 UTC bar). The asset id comes from the file name
/// (`TAOUSDT.csv` → `TAO`); `modified_at` is the file's modification time.
///
/// # Errors
/// A message naming the file, the line and the reason.
pub fn import_csv(file_name: &str, text: &str, modified_at: &str) -> Result<AssetSeries, String> {
    let read = read_price_csv(text, None).map_err(|e| format!("{file_name}: {e}"))?;
    let (prices, from_hourly) = read.daily_closes();
    let daily = !from_hourly;
    let note = from_hourly.then(|| "daily closes taken from the 23:00 UTC hourly bar".to_owned());
    if prices.len() < 2 {
        return Err(format!("{file_name}: fewer than two daily closes"));
    }
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let (id, currency) = split_symbol(stem);
    let calendar = Calendar::observed(prices.times());
    // Volumes of daily rows only (an hourly file's would need summing over the day).
    let volume = read.volume.filter(|_| daily).map(|v| Volume {
        times: prices.times().to_vec(),
        values: v.values,
        unit: if v.in_quote {
            currency
                .clone()
                .unwrap_or_else(|| "quote currency".to_owned())
        } else if calendar == Calendar::Weekdays {
            "shares".to_owned()
        } else {
            id.clone()
        },
    });
    Ok(AssetSeries {
        volume,
        sources: Vec::new(),
        name: display_name(&id).to_owned(),
        calendar,
        currency,
        provenance: Provenance {
            provider: "CSV file imported in this browser".to_owned(),
            location: file_name.to_owned(),
            acquisition: Acquisition::CsvExport,
            retrieved_at: modified_at.to_owned(),
            price_field: read.price_column,
            note,
        },
        id,
        prices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "date,close\n2024-04-13,3\n2024-04-11,1\n2024-04-12,2\n";

    #[test]
    fn import_names_the_asset_after_the_file() {
        let a = import_csv("taousdt.csv", CSV, "2026-11-25T07:00:00Z").expect("valid");
        assert_eq!((a.id.as_str(), a.name.as_str()), ("TAO", "Bittensor"));
        assert_eq!(a.currency.as_deref(), Some("USDT"));
        assert_eq!(a.prices.values(), &[1.0, 2.0, 3.0]);
        assert_eq!(a.calendar, Calendar::Continuous);
        let err = import_csv("x.csv", "date,close\n2024-04-11,abc\n", "").expect_err("bad");
        assert!(err.starts_with("x.csv: line 2"), "{err}");
    }

    #[test]
    fn snapshot_responses() {
        assert_eq!(read_snapshot_response(404, "", ""), Bundled::Missing);
        assert_eq!(
            read_snapshot_response(200, "text/html", "<html>"),
            Bundled::Missing
        );
        assert!(
            matches!(read_snapshot_response(500, "", ""), Bundled::Failed(m) if m.contains("500"))
        );
        assert!(matches!(
            read_snapshot_response(200, "application/json", "{\"schema\":1"),
            Bundled::Failed(_)
        ));
    }

    #[test]
    fn one_unreadable_series_costs_only_itself() {
        let series = |id: &str, date: &str| {
            format!(
                r#"{{"id":"{id}","name":"{id}","calendar":"continuous","provenance":{{"provider":"p","location":"l","acquisition":"live","retrieved_at":"r","price_field":"close"}},"dates":["2024-01-01","{date}"],"closes":[5.0,6.0]}}"#
            )
        };
        let body = format!(
            r#"{{"schema":1,"created_at":"2026-01-01T00:00:00Z","series":[{},{}]}}"#,
            series("TAO", "2024-01-02"),
            series("NEAR", "56970-01-01")
        );
        match read_snapshot_response(200, "application/json", &body) {
            Bundled::Partial(dataset, message) => {
                assert_eq!(dataset.ids(), ["TAO"]);
                assert!(message.contains("series NEAR"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn imports_replace_or_extend() {
        let tao = import_csv("TAOUSDT.csv", CSV, "").expect("valid");
        let near = AssetSeries {
            id: "NEAR".into(),
            ..tao.clone()
        };
        let base = Dataset {
            snapshot_created_at: None,
            assets: vec![tao.clone()],
        };
        let merged = base.with_imports(&[near, tao]);
        assert_eq!(merged.ids(), ["TAO", "NEAR"]);
    }
}
