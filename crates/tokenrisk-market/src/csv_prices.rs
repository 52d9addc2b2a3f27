//! Price tables read from CSV files as exchanges and data vendors export them.
//!
//! Rules (shared by the `tokenrisk` command and the app's CSV import):
//! - a header row; names are matched without regard to case or surrounding spaces;
//! - the time column is the first one named `date`, `time`, `timestamp`, `open_time` or
//!   `datetime`; its values are ISO dates or date-times, or epoch seconds or milliseconds
//!   (see [`tokenrisk_core::time::parse_timestamp`]);
//! - the price column is the one the caller names, else the first of `adjclose`/`adj_close`
//!   (split- and dividend-adjusted, so that returns are total returns), `close`, `price`,
//!   `value` that the header has;
//! - other columns are ignored, and rows may come in any order;
//! - rows repeated exactly are collapsed; two different rows at the same time are an error that
//!   names both lines;
//! - a price that is empty, not a number, zero or negative is an error naming its line;
//! - traded volume is read beside the prices when the header has `quote_asset_volume` or
//!   `quote_volume` (value in the quote currency) or else `volume` (base units or shares); it
//!   is optional: a file whose volume cells are not all non-negative numbers simply has none.

use std::collections::BTreeMap;
use tokenrisk_core::series::{PriceSeries, SeriesError};
use tokenrisk_core::time::parse_timestamp;

const TIME_COLUMNS: [&str; 5] = ["date", "time", "timestamp", "open_time", "datetime"];
const PRICE_COLUMNS: [&str; 5] = ["adjclose", "adj_close", "close", "price", "value"];
const QUOTE_VOLUME_COLUMNS: [&str; 2] = ["quote_asset_volume", "quote_volume"];

/// Why a CSV price file could not be read. Lines count from 1, the header being line 1.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// The file has no header row.
    #[error("the file is empty: expected a header row")]
    Empty,
    /// No column has one of the accepted time names.
    #[error("no time column: expected one named {}", TIME_COLUMNS.join(", "))]
    NoTimeColumn,
    /// No column has the requested or an accepted price name.
    #[error("no price column: expected one named {expected}")]
    NoPriceColumn {
        /// The names looked for.
        expected: String,
    },
    /// A row could not be read.
    #[error("line {line}: {reason}")]
    BadRow {
        /// Line number.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// Two different rows have the same time.
    #[error("line {line}: a different row at the same time as line {first_line}")]
    ConflictingDuplicate {
        /// The later line.
        line: u64,
        /// The earlier line with the same time.
        first_line: u64,
    },
    /// The file has a header but no data row.
    #[error("no data rows")]
    NoRows,
}

/// A price series read from CSV, with the columns it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvPrices {
    /// The prices, sorted by time.
    pub series: PriceSeries,
    /// Header name of the time column used.
    pub time_column: String,
    /// Header name of the price column used.
    pub price_column: String,
    /// Rows dropped because they repeated an earlier row exactly.
    pub duplicates_collapsed: usize,
    /// Traded volume at the same times, when the file has a readable volume column.
    pub volume: Option<CsvVolume>,
}

/// Traded volume read beside the prices, one value per price.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvVolume {
    /// Header name of the column.
    pub column: String,
    /// Whether it is traded value in the quote currency (else base units or shares).
    pub in_quote: bool,
    /// Volumes, in the series' time order.
    pub values: Vec<f64>,
}

impl CsvPrices {
    /// One close a day, as the app and the command analyse it: the file's own prices when
    /// every row is at midnight UTC, else the close of each day's 23:00 UTC bar
    /// ([`PriceSeries::daily_closes_from_hourly`]). The flag says whether they were derived so.
    pub fn daily_closes(&self) -> (PriceSeries, bool) {
        if self.series.is_daily() {
            (self.series.clone(), false)
        } else {
            (self.series.daily_closes_from_hourly(), true)
        }
    }
}

/// Reads a price CSV (see the module rules). `price_column` overrides the price column's name.
///
/// # Errors
/// [`CsvError`] naming the line and the reason.
pub fn read_price_csv(text: &str, price_column: Option<&str>) -> Result<CsvPrices, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| bad_row(1, &e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect::<Vec<_>>();
    if header.iter().all(String::is_empty) {
        return Err(CsvError::Empty);
    }
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let time_at = find(&TIME_COLUMNS).ok_or(CsvError::NoTimeColumn)?;
    let price_at = match price_column {
        Some(name) => {
            let name = name.trim().to_ascii_lowercase();
            header
                .iter()
                .position(|h| *h == name)
                .ok_or(CsvError::NoPriceColumn {
                    expected: name.clone(),
                })?
        }
        None => PRICE_COLUMNS
            .iter()
            .find_map(|name| header.iter().position(|h| h == name))
            .ok_or_else(|| CsvError::NoPriceColumn {
                expected: PRICE_COLUMNS.join(", "),
            })?,
    };

    let quote_volume_at = find(&QUOTE_VOLUME_COLUMNS);
    let volume_at = quote_volume_at.or_else(|| find(&["volume"]));

    // time → (line, price, whole row) of the first row seen at that time.
    let mut rows: BTreeMap<i64, (u64, f64, csv::StringRecord)> = BTreeMap::new();
    let mut duplicates_collapsed = 0;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            bad_row(line, &e)
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |at: usize, what: &str| {
            record
                .get(at)
                .filter(|c| !c.is_empty())
                .ok_or_else(|| CsvError::BadRow {
                    line,
                    reason: format!("no {what}"),
                })
        };
        let time_text = cell(time_at, "time")?;
        let time = parse_timestamp(time_text).ok_or_else(|| CsvError::BadRow {
            line,
            reason: format!("cannot read time {time_text:?}"),
        })?;
        let price_text = cell(price_at, "price")?;
        let price = price_text
            .parse::<f64>()
            .ok()
            .filter(|p| p.is_finite() && *p > 0.0)
            .ok_or_else(|| CsvError::BadRow {
                line,
                reason: format!("price {price_text:?} is not a positive number"),
            })?;
        match rows.get(&time) {
            Some((_, _, first)) if first == &record => duplicates_collapsed += 1,
            Some((first_line, _, _)) => {
                return Err(CsvError::ConflictingDuplicate {
                    line,
                    first_line: *first_line,
                });
            }
            None => {
                rows.insert(time, (line, price, record));
            }
        }
    }
    if rows.is_empty() {
        return Err(CsvError::NoRows);
    }
    let volume = volume_at.and_then(|at| {
        let values = rows
            .values()
            .map(|(_, _, record)| {
                record
                    .get(at)
                    .and_then(|v| v.parse::<f64>().ok())
                    .filter(|v| v.is_finite() && *v >= 0.0)
            })
            .collect::<Option<Vec<f64>>>()?;
        Some(CsvVolume {
            column: header[at].clone(),
            in_quote: quote_volume_at.is_some(),
            values,
        })
    });
    let (times, values) = rows.into_iter().map(|(t, (_, p, _))| (t, p)).unzip();
    let series = PriceSeries::new(times, values).map_err(|e: SeriesError| CsvError::BadRow {
        line: 0,
        reason: e.to_string(),
    })?;
    Ok(CsvPrices {
        series,
        time_column: header[time_at].clone(),
        price_column: header[price_at].clone(),
        duplicates_collapsed,
        volume,
    })
}

fn bad_row(line: u64, error: &csv::Error) -> CsvError {
    CsvError::BadRow {
        line,
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_is_read_beside_the_prices_when_readable() {
        let text =
            "open_time,close,volume,quote_asset_volume\n2024-04-12,2,10,21\n2024-04-11,1,5,5.5\n";
        let read = read_price_csv(text, None).expect("valid");
        let volume = read.volume.expect("a quote volume column");
        assert_eq!(
            (volume.column.as_str(), volume.in_quote),
            ("quote_asset_volume", true)
        );
        assert_eq!(volume.values, vec![5.5, 21.0], "in time order");
        let shares =
            read_price_csv("date,adjclose,volume\n2024-04-11,1,300\n", None).expect("valid");
        assert_eq!(
            shares.volume.map(|v| (v.in_quote, v.values)),
            Some((false, vec![300.0]))
        );
        let broken = read_price_csv("date,close,volume\n2024-04-11,1,\n2024-04-12,1,-3\n", None)
            .expect("prices are still read");
        assert_eq!(
            broken.volume, None,
            "an unreadable volume is no volume, not an error"
        );
    }

    const DAY: i64 = 86_400;
    const APR11: i64 = 1_712_793_600;

    #[test]
    fn binance_export_with_duplicate_trailing_columns() {
        let text = "open_time,open,high,low,close,volume,open_time.1,open_time\n\
                    2024-04-12 00:00:00+00:00,623.6,646.3,500.0,537.5,1,,\n\
                    2024-04-11 00:00:00+00:00,439.8,1249.0,439.8,623.4,1,,\n";
        let read = read_price_csv(text, None).expect("valid");
        assert_eq!(read.series.times(), &[APR11, APR11 + DAY]);
        assert_eq!(read.series.values(), &[623.4, 537.5]);
        assert_eq!(
            (read.time_column.as_str(), read.price_column.as_str()),
            ("open_time", "close")
        );
    }

    #[test]
    fn yahoo_export_prefers_adjusted_close_and_override_works() {
        let text = "time,open,close,adjclose\n2026-06-11,1,10.5,10.0\n2026-06-12,1,11.5,11.0\n";
        let read = read_price_csv(text, None).expect("valid");
        assert_eq!(read.series.values(), &[10.0, 11.0]);
        let close = read_price_csv(text, Some("Close")).expect("valid");
        assert_eq!(close.series.values(), &[10.5, 11.5]);
        assert_eq!(
            read_price_csv(text, Some("mid")),
            Err(CsvError::NoPriceColumn {
                expected: "mid".into()
            })
        );
    }

    #[test]
    fn epoch_milliseconds_and_exact_duplicates() {
        let text = "Timestamp,Price\n1712793600000,5\n1712880000000,6\n1712793600000,5\n";
        let read = read_price_csv(text, None).expect("valid");
        assert_eq!(read.series.len(), 2);
        assert_eq!(read.duplicates_collapsed, 1);
    }

    /// From the `csv_prices` fuzz target's first find: an hourly file must become one close a
    /// day before it is written to a snapshot (hourly times give repeated dates).
    #[test]
    fn hourly_files_give_one_close_a_day() {
        let mut text = "open_time,close\n".to_owned();
        for hour in 0..48 {
            text.push_str(&format!("{},{}\n", 1_735_689_600 + hour * 3600, 100 + hour));
        }
        let read = read_price_csv(&text, None).expect("valid");
        let (daily, from_hourly) = read.daily_closes();
        assert!(from_hourly);
        assert_eq!(daily.values(), [123.0, 147.0], "the 23:00 UTC bars");
        assert!(daily.is_daily());
        let exact =
            read_price_csv("date,close\n2025-01-01,1\n2025-01-02,2\n", None).expect("valid");
        assert_eq!(exact.daily_closes(), (exact.series.clone(), false));
    }

    #[test]
    fn errors_name_the_line() {
        let conflict = "date,close\n2024-04-11,5\n2024-04-12,6\n2024-04-11,7\n";
        assert_eq!(
            read_price_csv(conflict, None),
            Err(CsvError::ConflictingDuplicate {
                line: 4,
                first_line: 2
            })
        );
        let cases = [
            ("date,close\n2024-04-11,5\nnot a date,6\n", 3),
            ("date,close\n2024-04-11,0\n", 2),
            ("date,close\n2024-04-11,-3\n", 2),
            ("date,close\n2024-04-11,NaN\n", 2),
            ("date,close\n2024-04-11,\n", 2),
            ("date,close\n2024-04-11\n", 2),
        ];
        for (text, line) in cases {
            match read_price_csv(text, None) {
                Err(CsvError::BadRow { line: l, .. }) => assert_eq!(l, line, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        assert_eq!(read_price_csv("", None), Err(CsvError::Empty));
        assert_eq!(read_price_csv("date,close\n", None), Err(CsvError::NoRows));
        assert_eq!(
            read_price_csv("when,close\n1,2\n", None),
            Err(CsvError::NoTimeColumn)
        );
        assert!(matches!(
            read_price_csv("date,open\n2024-04-11,1\n", None),
            Err(CsvError::NoPriceColumn { .. })
        ));
    }
}
