//! Property tests over arbitrary text for every reader of outside input (in the normal test
//! run; the fuzz targets in `fuzz/` search the same entry points much longer): API parsers,
//! the CSV reader, the snapshot reader, the site configuration, the cache entry, the request
//! log and `Retry-After`. Inputs are arbitrary strings and the documented samples with random
//! bytes changed, removed or inserted. Each reader gives a value or an error, never a panic,
//! and what it accepts keeps its invariants.

use proptest::prelude::*;
use tokenrisk_core::time::is_supported_unix;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::fetch_policy::{parse_retry_after, CacheEntry, RequestLog, SiteConfig};
use tokenrisk_market::snapshot::Snapshot;
use tokenrisk_market::sources::{
    binance, binance_futures, bybit, coinbase, coingecko, github, sec_edgar, yahoo,
};

/// `text` with each of `edits` applied: at a position (a fraction of the length), remove a
/// character, or insert or replace one with `c`.
fn mutate(text: &str, edits: &[(f64, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op, c) in edits {
        let i = ((chars.len() as f64) * at) as usize;
        match (op % 3, i < chars.len()) {
            (0, true) => {
                chars.remove(i);
            }
            (1, _) => chars.insert(i.min(chars.len()), c),
            (_, true) => chars[i] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn edits() -> impl Strategy<Value = Vec<(f64, u8, char)>> {
    prop::collection::vec(
        (
            0.0..1.0_f64,
            any::<u8>(),
            prop::sample::select(vec![
                '"', ',', '[', ']', '{', '}', ':', '-', '.', 'e', '0', '9', 'n', ' ', '\n', '€',
                '\u{0}',
            ]),
        ),
        1..12,
    )
}

/// A sample's text; SEC's answers from the committed cuts (the shared companyfacts files are
/// eight times larger, and every case parses the text once per parser).
fn sample(name: &str) -> String {
    if name.starts_with("sec_edgar/") {
        let path = tokenrisk_testdata::fixtures_dir()
            .join("api-samples")
            .join(name);
        std::fs::read_to_string(path).expect("committed cut")
    } else {
        tokenrisk_testdata::read_api_sample(name)
    }
}

/// Every API parser, each followed by what consumes its output, on `body`.
fn parse_everything(body: &str) {
    if let Ok(klines) = binance::parse_klines(body) {
        if let Ok(closes) = binance::closed_candle_closes(&klines, 1_764_547_200_000) {
            assert!(closes.times().iter().all(|t| is_supported_unix(*t)));
            let _ = binance::quote_volumes(&klines, closes.times());
        }
    }
    for book in [
        binance::parse_depth(body),
        coinbase::parse_book(body),
        bybit::parse_orderbook(body),
        bybit::parse_any_book(body),
    ]
    .into_iter()
    .flatten()
    {
        let _ = tokenrisk_core::liquidity::depth_within(&book, 0.02);
        assert!(
            book.bids.windows(2).all(|w| w[0].0 >= w[1].0),
            "bids best first"
        );
        assert!(
            book.asks.windows(2).all(|w| w[0].0 <= w[1].0),
            "asks best first"
        );
    }
    let _ = binance::parse_ticker_24h(body);
    let _ = binance_futures::parse_premium_index(body);
    if let Ok(funding) = binance_futures::parse_funding_rates(body) {
        let _ = tokenrisk_core::derivatives::funding_interval_hours(&funding);
    }
    let _ = binance_futures::parse_open_interest(body);
    if let Ok(history) = binance_futures::parse_open_interest_history(body) {
        let _ = tokenrisk_core::derivatives::open_interest_change(&history);
    }
    let _ = binance_futures::parse_long_short_ratios(body);
    if let Ok(candles) = coinbase::parse_candles(body) {
        let _ = coinbase::closed_daily_closes(&candles, 1_764_547_200);
    }
    if let Ok(coins) = coingecko::parse_coin_markets(body) {
        for c in &coins {
            let _ = tokenrisk_core::sector::sparkline_volatility(&c.sparkline_7d);
        }
    }
    if let Ok(chart) = coingecko::parse_market_chart(body) {
        let _ = coingecko::daily_closes(&chart);
    }
    let _ = coingecko::parse_categories(body);
    let _ = coingecko::parse_global(body);
    if let Ok(weeks) = github::parse_commit_activity(body) {
        let _ = tokenrisk_core::dev_activity::summarise(
            &tokenrisk_core::dev_activity::combined_weeks(&[weeks]),
        );
    }
    if let Ok(chart) = yahoo::parse_chart(body) {
        let _ = yahoo::closed_adjusted_closes(&chart, 1_764_547_200);
    }
    let concepts = [
        sec_edgar::parse_company_concept(body, "USD"),
        sec_edgar::parse_company_concept(body, "shares"),
        sec_edgar::parse_company_facts(body, "PaymentsToAcquirePropertyPlantAndEquipment", "USD"),
    ];
    for concept in concepts.iter().flatten() {
        let quarters = tokenrisk_core::quarters::fiscal_quarters(&concept.period_values());
        assert!(
            quarters.windows(2).all(|w| w[0].end <= w[1].end),
            "quarters by end"
        );
        assert!(quarters
            .iter()
            .all(|q| tokenrisk_core::quarters::QUARTER_DAYS
                .contains(&(q.end.days() - q.start.days()))));
        let _ = tokenrisk_core::quarters::year_on_year(&quarters);
    }
    if let Ok((file, _)) = tokenrisk_market::company_quarters::QuartersFile::from_json(body) {
        for company in &file.companies {
            assert!(company.parsed().is_ok(), "a kept company parses");
        }
    }
}

/// The quarters file of Alphabet's recorded capital expenditure, as the snapshot writes it.
fn quarters_file() -> String {
    use tokenrisk_market::company_quarters::*;
    use tokenrisk_market::sources::sec_edgar::{parse_company_facts, COMPANIES};
    let concept = parse_company_facts(
        &sample("sec_edgar/companyfacts_GOOGL_trimmed.json"),
        "PaymentsToAcquirePropertyPlantAndEquipment",
        "USD",
    )
    .expect("recorded answer");
    let source = QuarterSource {
        location: "companyfacts_GOOGL_trimmed.json".to_owned(),
        obtained: Obtained::Recorded,
        retrieved_at: "2026-12-03T00:00:00Z".to_owned(),
    };
    let company = CompanyQuarters::new(&COMPANIES[1], &concept, source).expect("quarters");
    QuartersFile {
        schema: QUARTERS_SCHEMA,
        created_at: "2026-12-03T00:00:00Z".to_owned(),
        companies: vec![company],
    }
    .to_json()
}

const SAMPLES: [&str; 16] = [
    "binance_spot_klines.json",
    "binance_spot_depth.json",
    "binance_spot_ticker_24hr.json",
    "binance_futures_premiumIndex.json",
    "binance_futures_fundingRate.json",
    "binance_futures_openInterest.json",
    "binance_futures_openInterestHist.json",
    "binance_futures_globalLongShortAccountRatio.json",
    "coinbase_exchange_product_candles.json",
    "coingecko_coins_markets.json",
    "coingecko_coins_id_market_chart.json",
    "coingecko_coins_categories.json",
    "coingecko_global.json",
    "github_repos_stats_commit_activity.json",
    "sec_edgar/companyconcept_AAPL_EntityCommonStockSharesOutstanding.json",
    "sec_edgar/companyfacts_GOOGL_trimmed.json",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn api_parsers_take_any_text(body in ".{0,400}") {
        parse_everything(&body);
    }

    #[test]
    fn api_parsers_take_any_damaged_sample(which in 0..SAMPLES.len(), e in edits()) {
        parse_everything(&mutate(&sample(SAMPLES[which]), &e));
    }

    #[test]
    fn the_quarters_file_reader_takes_any_damaged_file(e in edits()) {
        parse_everything(&mutate(&quarters_file(), &e));
    }

    #[test]
    fn the_csv_reader_takes_any_text_and_keeps_its_times_in_range(e in edits(), text in ".{0,200}") {
        let damaged = mutate(
            "date,close,volume\n2024-01-01,5,1\n2024-01-02,6,2\n1735689600000000,7,3\n",
            &e,
        );
        for candidate in [damaged, text] {
            if let Ok(read) = read_price_csv(&candidate, None) {
                prop_assert!(read.series.times().iter().all(|t| is_supported_unix(*t)));
                let (daily, _) = read.daily_closes();
                prop_assert!(daily.len() <= read.series.len());
            }
        }
    }

    #[test]
    fn the_snapshot_reader_takes_any_damaged_snapshot(e in edits()) {
        let good = r#"{"schema":1,"created_at":"2026-01-01T00:00:00Z","series":[{"id":"TAO","name":"Bittensor","calendar":"continuous","provenance":{"provider":"p","location":"l","acquisition":"live","retrieved_at":"r","price_field":"close"},"dates":["2024-01-01","2024-01-02"],"closes":[5.0,6.0],"volumes":[1.0,2.0],"volume_unit":"USDT"}]}"#;
        // Schema 2: the dates as the first date and day steps.
        let compact = r#"{"schema":2,"created_at":"2026-01-01T00:00:00Z","series":[{"id":"NVDA","name":"NVIDIA","calendar":"weekdays","provenance":{"provider":"p","location":"l","acquisition":"live","retrieved_at":"r","price_field":"adjclose"},"dates":{"start":"2026-01-29","steps":[1,3,1]},"closes":[5.0,6.0,5.5,6.5]}]}"#;
        for text in [good, compact] {
            prop_assert!(Snapshot::from_json(text).is_ok());
            if let Ok(snapshot) = Snapshot::from_json(&mutate(text, &e)) {
                for series in &snapshot.series {
                    prop_assert!(series.prices().is_ok());
                }
            }
        }
    }

    #[test]
    fn any_increasing_dates_are_written_as_steps_and_read_back(
        start in 0i32..2_900_000,
        steps in proptest::collection::vec(1u32..2_000, 0..200),
    ) {
        use tokenrisk_core::time::Date;
        let mut day = start;
        let mut dates = vec![Date::from_days(start).to_string()];
        for step in &steps {
            day += *step as i32;
            dates.push(Date::from_days(day).to_string());
        }
        prop_assume!(dates.iter().all(|d| Date::parse_iso(d).is_some()));
        let prices = tokenrisk_core::PriceSeries::new(
            dates.iter().map(|d| Date::parse_iso(d).map(Date::to_unix).unwrap_or_default()).collect(),
            vec![1.0; dates.len()],
        );
        prop_assume!(prices.is_ok());
        let series = tokenrisk_market::snapshot::SnapshotSeries::from_prices(
            "TAOUSDT",
            tokenrisk_core::Calendar::Continuous,
            tokenrisk_market::snapshot::Provenance {
                provider: "p".into(),
                location: "l".into(),
                acquisition: tokenrisk_market::snapshot::Acquisition::Live,
                retrieved_at: "r".into(),
                price_field: "close".into(),
                note: None,
            },
            &prices.expect("checked"),
        );
        let snapshot = Snapshot {
            schema: tokenrisk_market::snapshot::SCHEMA_VERSION,
            created_at: "2026-01-01T00:00:00Z".into(),
            series: vec![series],
        };
        let json = snapshot.to_json();
        prop_assert!(json.contains("\"steps\""));
        let back = Snapshot::from_json(&json).expect("round trip");
        prop_assert_eq!(&back.series[0].dates, &dates);
    }

    #[test]
    fn stored_and_served_settings_take_any_text(text in ".{0,300}", e in edits(), now in -1e15..1e15_f64) {
        let config = r#"{"binance_base":"https://data-api.binance.vision","request_timeout_ms":10000,"cache_ttl_ms":600000}"#;
        for candidate in [text.clone(), mutate(config, &e)] {
            if let Ok(config) = SiteConfig::from_json(&candidate) {
                prop_assert!((100..=120_000).contains(&config.request_timeout_ms));
            }
            if let Some(entry) = CacheEntry::from_json(&candidate) {
                let _ = entry.is_fresh(now, 600_000.0);
            }
            let mut log = RequestLog::from_json(&candidate);
            if let Err(wait) = log.try_send(now, 60, 3_600_000.0) {
                prop_assert!(wait.is_finite() && wait >= 0.0);
            }
            if let Some(wait) = parse_retry_after(&candidate, now) {
                prop_assert!(wait.is_finite() && wait >= 0.0);
            }
        }
    }
}
