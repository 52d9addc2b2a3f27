//! The bundled snapshot reader (`data/snapshot.json`, or a file a user serves), chained into
//! the merge of several files of one asset and the risk numbers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_market::snapshot::Snapshot;

fuzz_target!(|data: &[u8]| {
    let Some(text) = tokenrisk_fuzz::text(data) else {
        return;
    };
    let Ok(snapshot) = Snapshot::from_json(text) else {
        return;
    };
    let mut merged: Option<tokenrisk_market::snapshot::SnapshotSeries> = None;
    for series in &snapshot.series {
        let prices = series.prices().expect("validated on reading");
        tokenrisk_fuzz::consume_prices(&prices);
        merged = Some(match merged {
            None => series.clone(),
            Some(m) => m.merged_with(series.clone()),
        });
    }
    if let Some(m) = merged {
        let _ = m.prices();
    }
    assert_eq!(
        Snapshot::from_json(&snapshot.to_json()).as_ref(),
        Ok(&snapshot)
    );
});
