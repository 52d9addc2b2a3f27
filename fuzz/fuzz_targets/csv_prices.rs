//! The CSV price reader (file picker, saved imports, `tokenrisk risk`, `snapshot --from-csv`),
//! chained into the snapshot writer, the app's snapshot reader and the risk numbers: a file
//! that reads must survive the round trip unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::series::Calendar;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::snapshot::{
    Acquisition, Provenance, Snapshot, SnapshotSeries, SCHEMA_VERSION,
};

fuzz_target!(|data: &[u8]| {
    let Some(text) = tokenrisk_fuzz::text(data) else {
        return;
    };
    let Ok(read) = read_price_csv(text, None) else {
        return;
    };
    tokenrisk_fuzz::consume_prices(&read.series);
    // As the app's import and `snapshot --from-csv` do: one close a day, at least two.
    let (daily, _) = read.daily_closes();
    if daily.len() < 2 {
        return;
    }
    let provenance = Provenance {
        provider: "fuzz".into(),
        location: "input.csv".into(),
        acquisition: Acquisition::CsvExport,
        retrieved_at: "2026-12-01T00:00:00Z".into(),
        price_field: read.price_column.clone(),
        note: None,
    };
    let series = SnapshotSeries::from_prices("FUZZUSDT", Calendar::Continuous, provenance, &daily);
    let snapshot = Snapshot {
        schema: SCHEMA_VERSION,
        created_at: "2026-12-01T00:00:00Z".into(),
        series: vec![series],
    };
    let back = Snapshot::from_json(&snapshot.to_json()).expect("a written snapshot reads back");
    let prices = back.series[0].prices().expect("its prices read back");
    assert_eq!(
        prices, daily,
        "the app reads back the closes the command wrote"
    );
});
