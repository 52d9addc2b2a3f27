//! The signals page's numbers: BTC's drawdown, volatility and volume ranks against SciPy on the
//! same real candles (the core's `tests/reference/signals*.json`), the companies' growth from
//! SEC's recorded answers, the futures rows from Binance's documented answers, the sparkline,
//! and what changed since the last visit.

use super::model::*;
use crate::data::{import_csv, Dataset};
use serde_json::Value;
use tokenrisk_core::signals::{State, Thresholds};
use tokenrisk_market::company_quarters::{CompanyQuarters, Obtained, QuarterSource, QuartersFile};
use tokenrisk_market::sources::binance_futures::{
    parse_funding_rates, parse_long_short_ratios, parse_open_interest_history,
};
use tokenrisk_market::sources::sec_edgar::{parse_company_facts, COMPANIES};
use tokenrisk_testdata::DataSet;

fn reference(data: DataSet) -> Value {
    let text = match data {
        DataSet::Fixtures => {
            include_str!("../../../crates/tokenrisk-core/tests/reference/signals_fixtures.json")
        }
        DataSet::Full => {
            include_str!("../../../crates/tokenrisk-core/tests/reference/signals.json")
        }
    };
    serde_json::from_str(text).expect("reference")
}

fn dataset(data: DataSet) -> Dataset {
    let assets = ["BTCUSDT", "TAOUSDT"]
        .iter()
        .map(|pair| {
            let text = data.read_market_file(&format!("binance_spot_1d/{pair}.csv"));
            import_csv(&format!("{pair}.csv"), &text, "2026-01-03T00:00:00Z").expect("series")
        })
        .collect();
    Dataset {
        snapshot_created_at: None,
        assets,
    }
}

fn row<'a>(rows: &'a [SignalRow], key: &str) -> &'a SignalRow {
    rows.iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn btc_and_token_rows_rank_as_scipy_does() {
    for data in DataSet::available() {
        let expected = reference(data);
        let d = dataset(data);
        let t = Thresholds::DEFAULT;
        let stability = stability_rows(d.get("BTC"), t);
        let btc = &expected["assets"]["BTC"];
        let drawdown = row(&stability, "btc-drawdown");
        let want = btc["drawdown"]["rank"].as_f64().expect("rank");
        assert!(
            (drawdown.rank.expect("rank") - want).abs() < 1e-9,
            "{data:?}"
        );
        assert_eq!(
            drawdown.value,
            crate::format::percent(btc["drawdown"]["value"].as_f64().expect("v"), 1)
        );
        assert_eq!(drawdown.state, Some(t.state(want)));
        assert_eq!(drawdown.as_of, btc["last_date"].as_str().expect("date"));
        assert!(drawdown
            .window
            .starts_with(&format!("{} days since", btc["drawdown"]["n"])));
        let volatility = row(&stability, "btc-volatility");
        let want = btc["volatility_30d"]["rank"].as_f64().expect("rank");
        assert!(
            (volatility.rank.expect("rank") - want).abs() < 1e-9,
            "{data:?}"
        );
        assert_eq!(volatility.spark.len(), SPARK_POINTS);
        let liquidity = liquidity_rows(&d, t);
        for (asset, key) in [("BTC", "BTC-volume"), ("TAO", "TAO-volume")] {
            let want = expected["assets"][asset]["volume_ratio_90d"]["rank"]
                .as_f64()
                .expect("rank");
            assert!(
                (row(&liquidity, key).rank.expect("rank") - want).abs() < 1e-9,
                "{data:?} {asset}"
            );
        }
    }
}

fn recorded(file: &str, company: usize) -> CompanyQuarters {
    let text = std::fs::read_to_string(
        tokenrisk_testdata::fixtures_dir()
            .join("api-samples/sec_edgar")
            .join(file),
    )
    .expect("cut");
    let concept = parse_company_facts(&text, "PaymentsToAcquirePropertyPlantAndEquipment", "USD")
        .expect("concept");
    let source = QuarterSource {
        location: file.to_owned(),
        obtained: Obtained::Recorded,
        retrieved_at: "2026-12-03T00:00:00Z".to_owned(),
    };
    CompanyQuarters::new(&COMPANIES[company], &concept, source).expect("quarters")
}

#[test]
fn spending_rows_grow_each_company_over_its_quarter_a_year_before() {
    let file = QuartersFile {
        schema: 1,
        created_at: String::new(),
        companies: vec![
            recorded("companyfacts_MSFT_trimmed.json", 0),
            recorded("companyfacts_GOOGL_trimmed.json", 1),
        ],
    };
    let (rows, missing) = spending_rows(&file, Thresholds::DEFAULT);
    assert_eq!(
        missing,
        ["Amazon", "Meta Platforms", "Oracle", "NVIDIA", "AMD"]
    );
    let alphabet = row(&rows, "GOOGL-capex");
    // Hand-checked: 44,924 in 2026's second quarter against 39,643 − 17,197 = 22,446 a year before.
    let growth = 44_924.0 / 22_446.0 - 1.0;
    assert_eq!(
        alphabet.value,
        format!("+{}", crate::format::percent(growth, 0))
    );
    assert!(
        alphabet
            .detail
            .starts_with("44.9 bn USD in the quarter to 2026-06-30 (derived"),
        "{}",
        alphabet.detail
    );
    // The history of growth: every quarter with one a year before (2024-Q1 onwards: 10).
    assert_eq!(
        alphabet.window,
        "10 quarters to 2026-06-30 with one a year before"
    );
    assert_eq!(alphabet.spark.len(), 14, "the quarters' amounts");
    // Growth of the ten quarters (by hand from the quarters): 91, 91, 62, 30, 43, 70, 83, 95,
    // 107 and 100 %: nine of ten at or under today's.
    assert_eq!(alphabet.rank, Some(90.0));
    assert_eq!(alphabet.state, Some(State::Elevated));
    let microsoft = row(&rows, "MSFT-capex");
    assert!(microsoft
        .detail
        .contains("35.8 bn USD in the quarter to 2026-06-30"));
    assert!(microsoft.source.contains("companyfacts_MSFT_trimmed.json"));
}

#[test]
fn futures_rows_from_binances_documented_answers() {
    let read = tokenrisk_testdata::read_api_sample;
    let funding = parse_funding_rates(&read("binance_futures_fundingRate.json")).expect("funding");
    let history =
        parse_open_interest_history(&read("binance_futures_openInterestHist.json")).expect("oi");
    let ratios = parse_long_short_ratios(&read("binance_futures_globalLongShortAccountRatio.json"))
        .expect("ls");
    let data = FuturesData {
        funding: Some(&funding),
        open_interest: Some(&history),
        long_short: Some(&ratios),
        source: "stand-in",
    };
    let rows = futures_rows("BTC", &data, Thresholds::DEFAULT);
    assert_eq!(rows.len(), 3);
    let f = row(&rows, "BTC-funding");
    let hours = tokenrisk_core::derivatives::funding_interval_hours(&funding).unwrap_or(8.0);
    let last = funding.last().expect("payment").rate;
    assert_eq!(
        f.value,
        crate::format::percent(last * 24.0 / hours * 365.0, 1)
    );
    // Two documented payments: too short a history to rank (a month at least).
    assert_eq!((f.rank, f.state), (None, None));
    assert_eq!(state_label(f.state), "not ranked");
    assert!(
        f.window.ends_with("too short to rank (at least 30)"),
        "{}",
        f.window
    );
    let oi = row(&rows, "BTC-open-interest");
    assert!(oi.detail.ends_with("over 1 day"), "{}", oi.detail);
    assert_eq!(oi.spark.len(), history.len());
    let ls = row(&rows, "BTC-long-short");
    assert_eq!(
        ls.value,
        format!("{:.2}", ratios.last().expect("ratio").long_short_ratio)
    );
    assert!(futures_rows("BTC", &FuturesData::default(), Thresholds::DEFAULT).is_empty());
}

#[test]
fn sparklines_changes_and_the_kept_states() {
    assert_eq!(
        sparkline_points(&[1.0, 3.0, 2.0], 100.0, 10.0),
        "0.0,10.0 50.0,0.0 100.0,5.0"
    );
    assert_eq!(sparkline_points(&[1.0], 100.0, 10.0), "");
    assert_eq!(
        sparkline_points(&[2.0, 2.0], 10.0, 10.0),
        "0.0,10.0 10.0,10.0"
    );
    let d = dataset(DataSet::Fixtures);
    let rows = stability_rows(d.get("BTC"), Thresholds::DEFAULT);
    let now = states(&rows);
    let before = vec![("btc-drawdown".to_owned(), "calm".to_owned())];
    let moved = changes(&before, &rows);
    let drawdown_now = state_label(row(&rows, "btc-drawdown").state);
    if drawdown_now == "calm" {
        assert!(moved.is_empty());
    } else {
        assert_eq!(
            moved,
            [format!("BTC drawdown from its peak: calm → {drawdown_now}")]
        );
    }
    let kept = Kept {
        visited: "2026-12-01T00:00:00Z".to_owned(),
        states: vec![("gone".to_owned(), "calm".to_owned()), before[0].clone()],
    };
    let updated = kept.updated("2026-12-03T00:00:00Z".to_owned(), now.clone());
    assert_eq!(
        updated.states.len(),
        1 + now.len(),
        "a signal not shown now is kept"
    );
    assert_eq!(Kept::read(&updated.text()), Some(updated));
    assert_eq!(Kept::read("{damaged"), None);
}

#[test]
fn ranks_read_as_ordinals() {
    let text = |r: f64| rank_text(Some(r));
    assert_eq!(
        [
            text(3.35),
            text(1.0),
            text(2.0),
            text(11.0),
            text(12.4),
            text(13.0),
            text(21.0),
            text(100.0),
            text(0.2)
        ],
        [
            "3rd percentile",
            "1st percentile",
            "2nd percentile",
            "11th percentile",
            "12th percentile",
            "13th percentile",
            "21st percentile",
            "100th percentile",
            "0th percentile"
        ]
    );
    assert_eq!(rank_text(None), "—");
}

#[test]
fn a_book_now_gives_its_depth_and_spread_unranked_and_a_token_comes_first() {
    let text = tokenrisk_testdata::read_orderbook("binance_spot_RUNEEUR_2021-10-12T002842Z.json");
    let book = tokenrisk_market::sources::binance::parse_depth(&text).expect("book");
    let row = book_row("TAO", &book, "Binance", "2026-12-03T00:00:00Z").expect("a row");
    let (bids, asks) = tokenrisk_core::liquidity::depth_within(&book, 0.02).expect("depth");
    assert_eq!(
        row.value,
        format!(
            "{} / {}",
            crate::format::compact(bids),
            crate::format::compact(asks)
        )
    );
    let spread = tokenrisk_core::liquidity::Top::of(&book)
        .expect("top")
        .spread_bps();
    assert!(
        row.detail.contains(&format!("spread {spread:.1} bp")),
        "{}",
        row.detail
    );
    assert_eq!((row.rank, row.state, row.spark.len()), (None, None, 0));
    assert_eq!(state_key(row.state), "unranked");
    let empty = tokenrisk_core::order_book::OrderBook {
        bids: vec![],
        asks: vec![],
    };
    assert!(book_row("TAO", &empty, "Binance", "").is_none());

    let d = dataset(DataSet::Fixtures);
    let mut rows = stability_rows(d.get("BTC"), Thresholds::DEFAULT);
    rows.extend(liquidity_rows(&d, Thresholds::DEFAULT));
    rows.push(row);
    let keys = |rows: &[SignalRow]| rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    let first = focused(rows.clone(), Some("TAO"));
    assert_eq!(
        keys(&first)[..2],
        ["TAO-volume".to_owned(), "TAO-depth".to_owned()]
    );
    assert_eq!(keys(&focused(rows.clone(), None)), keys(&rows));
}
