//! Every API parser on the providers' documented example responses
//! (`../shared/data/api-samples/`), then on hostile variants built from each sample: truncated
//! JSON, non-JSON bodies, numbers as strings and strings as numbers, every field removed, set
//! to null or given the wrong type, and huge arrays. Each gives a value or a typed error; none
//! panics.

use serde_json::Value;
use std::fmt::Debug;
use tokenrisk_market::sources::{
    binance, binance_futures, coinbase, coingecko, github, sec_edgar, yahoo, ParseError,
};

fn sample(name: &str) -> String {
    tokenrisk_testdata::read_api_sample(name)
}

/// Every value reachable in `value`, as a JSON pointer.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| pointers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

/// Numbers turned into strings (`1.5` → `"1.5"`) or numeric strings into numbers.
fn swap_numbers(value: &Value, to_strings: bool) -> Value {
    match value {
        Value::Number(n) if to_strings => Value::String(n.to_string()),
        Value::String(s) if !to_strings => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(value.clone(), Value::Number),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| swap_numbers(v, to_strings)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), swap_numbers(v, to_strings)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Removes (or replaces) the value at a JSON pointer.
fn edit(value: &Value, pointer: &str, replacement: Option<Value>) -> Value {
    let mut copy = value.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    match copy.pointer_mut(parent) {
        Some(Value::Object(map)) => match replacement {
            Some(v) => {
                map.insert(key.to_owned(), v);
            }
            None => {
                map.remove(key);
            }
        },
        Some(Value::Array(items)) => {
            let i: usize = key.parse().expect("index");
            match replacement {
                Some(v) => items[i] = v,
                None => {
                    items.remove(i);
                }
            }
        }
        _ => unreachable!("pointer came from this value"),
    }
    copy
}

/// Runs the hostile battery on `parse`, built from the sample `name`; returns the sample's
/// own parse for further checks.
fn hostile<T: Debug + PartialEq>(name: &str, parse: fn(&str) -> Result<T, ParseError>) -> T {
    hostile_body(name, &sample(name), parse)
}

/// The hostile battery on `parse`, built from the valid body `text`.
fn hostile_body<T: Debug + PartialEq>(
    name: &str,
    text: &str,
    parse: fn(&str) -> Result<T, ParseError>,
) -> T {
    let text = text.to_owned();
    let parsed =
        parse(&text).unwrap_or_else(|e| panic!("{name}: the documented example must parse: {e}"));
    let value: Value = serde_json::from_str(&text).expect("sample is JSON");

    for cut in [1, text.len() / 4, text.len() / 2, text.len() - 2] {
        assert!(
            matches!(parse(&text[..cut]), Err(ParseError::Malformed(_))),
            "{name} truncated at {cut}"
        );
    }
    for body in [
        "",
        "null",
        "true",
        "\"text\"",
        "<html><body>429 Too Many Requests</body></html>",
        "{\"code\":-1003,\"msg\":\"Too many requests\"}",
    ] {
        if let Ok(v) = parse(body) {
            panic!("{name}: {body:?} parsed as {v:?}");
        }
    }
    for to_strings in [true, false] {
        let swapped = swap_numbers(&value, to_strings).to_string();
        assert_eq!(
            parse(&swapped).as_ref().ok(),
            Some(&parsed),
            "{name}: numbers as strings={to_strings}"
        );
    }
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    for pointer in &all {
        for replacement in [
            None,
            Some(Value::Null),
            Some(serde_json::json!({"x": 1})),
            Some(serde_json::json!([[1]])),
            Some(serde_json::json!("not a number")),
            Some(serde_json::json!(-1)),
        ] {
            // Returning at all (Ok or a typed Err) is the point: no input panics.
            let _ = parse(&edit(&value, pointer, replacement).to_string());
        }
    }
    if let Value::Array(items) = &value {
        if let Some(first) = items.first() {
            let huge = Value::Array(vec![first.clone(); 100_000]).to_string();
            let _ = parse(&huge);
        }
    }
    parsed
}

#[test]
fn binance_spot() {
    let klines = hostile("binance_spot_klines.json", binance::parse_klines);
    assert_eq!(
        (klines[0].open_time_ms, klines[0].close),
        (1_499_040_000_000, 0.015_771)
    );
    let book = hostile("binance_spot_depth.json", binance::parse_depth);
    assert_eq!(
        (book.bids, book.asks),
        (vec![(4.0, 431.0)], vec![(4.000_002, 12.0)])
    );
    let ticker = hostile("binance_spot_ticker_24hr.json", binance::parse_ticker_24h);
    assert_eq!(
        (
            ticker[0].symbol.as_str(),
            ticker[0].last_price,
            ticker[0].price_change_pct
        ),
        ("BNBBTC", 4.000_002, -95.96)
    );
    let both = format!("[{0},{0}]", sample("binance_spot_ticker_24hr.json"));
    assert_eq!(
        binance::parse_ticker_24h(&both).expect("array form").len(),
        2
    );
    assert!(
        matches!(
            binance::parse_depth("{\"bids\":[[\"0\",\"1\"]],\"asks\":[]}"),
            Err(ParseError::BadElement { .. })
        ),
        "a zero price is refused"
    );
}

#[test]
fn binance_futures() {
    let p = hostile(
        "binance_futures_premiumIndex.json",
        binance_futures::parse_premium_index,
    );
    assert_eq!(
        (
            p[0].mark_price,
            p[0].last_funding_rate,
            p[0].next_funding_time_ms
        ),
        (11_793.631_045_62, 0.000_382_46, 1_597_392_000_000)
    );
    let f = hostile(
        "binance_futures_fundingRate.json",
        binance_futures::parse_funding_rates,
    );
    assert_eq!(
        (f.len(), f[0].rate, f[1].time_ms),
        (2, -0.0375, 1_570_636_800_000)
    );
    let oi = hostile(
        "binance_futures_openInterest.json",
        binance_futures::parse_open_interest,
    );
    assert_eq!(
        (oi.open_interest, oi.time_ms),
        (10_659.509, 1_589_437_530_011)
    );
    let hist = hostile(
        "binance_futures_openInterestHist.json",
        binance_futures::parse_open_interest_history,
    );
    assert_eq!(
        (hist[0].value, hist[0].time_ms),
        (150_570_784.078_099_8, 1_583_127_900_000)
    );
    let ls = hostile(
        "binance_futures_globalLongShortAccountRatio.json",
        binance_futures::parse_long_short_ratios,
    );
    assert_eq!(
        (ls[1].long_short_ratio, ls[1].long_account, ls[1].time_ms),
        (1.9559, 0.6617, 1_583_139_900_000)
    );
}

#[test]
fn coingecko() {
    let m = hostile(
        "coingecko_coins_markets.json",
        coingecko::parse_coin_markets,
    );
    assert_eq!(
        (m[0].id.as_str(), m[0].market_cap, m[0].change_7d_pct),
        (
            "bitcoin",
            Some(1_555_886_872_303.0),
            Some(-4.042_267_423_689_584)
        )
    );
    assert_eq!(m[0].change_24h_pct, Some(-0.953_016_474_377_419_1));
    let chart = hostile(
        "coingecko_coins_id_market_chart.json",
        coingecko::parse_market_chart,
    );
    assert_eq!(
        (chart.prices.len(), chart.prices[1]),
        (2, (1_779_028_199_661, 78_052.875_433_987_88))
    );
    assert_eq!(chart.market_caps[0].1, 1_560_631_481_361.804_2);
    let range = hostile(
        "coingecko_coins_id_market_chart_range.json",
        coingecko::parse_market_chart,
    );
    assert!(!range.prices.is_empty());
    let cats = hostile(
        "coingecko_coins_categories.json",
        coingecko::parse_categories,
    );
    assert_eq!(
        (cats[1].id.as_str(), cats[1].market_cap_change_24h_pct),
        ("layer-1", Some(-0.538_526_079_299_288))
    );
    let g = hostile("coingecko_global.json", coingecko::parse_global);
    assert_eq!(
        (g.total_market_cap_usd, g.btc_dominance_pct, g.updated_at),
        (
            Some(2_621_040_321_355.040_5),
            Some(57.953_933_256_626_5),
            Some(1_779_878_351)
        )
    );
    let nulls = coingecko::parse_coin_markets(
        "[{\"id\":\"bittensor\",\"current_price\":null,\"market_cap\":null}]",
    )
    .expect("nulls are unknowns");
    assert_eq!((nulls[0].current_price, nulls[0].market_cap), (None, None));
}

#[test]
fn coinbase_and_github() {
    let candles = hostile(
        "coinbase_exchange_product_candles.json",
        coinbase::parse_candles,
    );
    assert_eq!(
        candles[0],
        coinbase::Candle {
            time: 1_415_398_768,
            low: 0.32,
            high: 4.2,
            open: 0.35,
            close: 4.2,
            volume: 12.3
        }
    );
    let newest_first = "[[200,1,2,1,2,5],[100,1,2,1,2,5]]";
    let sorted = coinbase::parse_candles(newest_first).expect("valid");
    assert_eq!(
        (sorted[0].time, sorted[1].time),
        (100, 200),
        "returned oldest first"
    );
    // Coinbase's documented book shape: {"sequence": n, "bids": [[price, size, num_orders]], "asks": …}.
    let book = coinbase::parse_book("{\"sequence\":3,\"bids\":[[\"295.96\",\"4.39\",2],[\"296.1\",\"1\",1]],\"asks\":[[\"296.12\",\"0.5\",1]]}").expect("valid");
    assert_eq!((book.bids[0], book.asks[0]), ((296.1, 1.0), (296.12, 0.5)));
    let day = 86_400;
    let days = coinbase::parse_candles(&format!(
        "[[{},1,2,1,3,5],[0,1,2,1,2,5],[{day},1,2,1,2.5,5]]",
        2 * day
    ))
    .expect("valid");
    let closed = coinbase::closed_daily_closes(&days, 2 * day + 10).expect("valid");
    assert_eq!(
        (closed.times(), closed.values()),
        (&[0, day][..], &[2.0, 2.5][..]),
        "the day still open is left out"
    );
    let weeks = hostile(
        "github_repos_stats_commit_activity.json",
        github::parse_commit_activity,
    );
    assert_eq!(
        weeks[0],
        tokenrisk_core::dev_activity::WeeklyCommits {
            week: 1_336_280_400,
            total: 89,
            days: [0, 3, 26, 20, 39, 1, 0]
        }
    );
    assert!(
        github::parse_commit_activity("{}").is_err(),
        "the empty body of a 202 is not data"
    );
}

/// Yahoo's chart API has no provider-documented example in `shared/`; the body replays the
/// real NVDA export in the shape community clients (yfinance) read.
#[test]
fn yahoo_chart() {
    let body = tokenrisk_testdata::yahoo_chart_body("NVDA", "yahoo_equities_1d/NVDA.csv", 30);
    let chart = hostile_body("yahoo NVDA chart", &body, yahoo::parse_chart);
    assert_eq!(chart.symbol, "NVDA");
    assert_eq!(chart.bars.len(), 30);
    let csv = tokenrisk_testdata::read_market_file("yahoo_equities_1d/NVDA.csv");
    let last: Vec<&str> = csv.lines().last().expect("valid").split(',').collect();
    let closes = yahoo::closed_adjusted_closes(&chart, i64::MAX / 2).expect("valid");
    assert_eq!(
        tokenrisk_core::time::format_unix(*closes.times().last().expect("valid")),
        format!("{}T00:00:00Z", last[0]),
        "sessions are dated by their New York day"
    );
    assert_eq!(
        *closes.values().last().expect("valid"),
        last[5].parse::<f64>().expect("valid")
    );
}

/// SEC EDGAR's recorded answers: the companyconcept answer, and companyfacts through the
/// committed cut (the battery edits every value of a file, so it runs on the cut, not on the
/// 137 KB shared answer).
#[test]
fn sec_edgar_answers() {
    let concept = hostile(
        "sec_edgar/companyconcept_AAPL_EntityCommonStockSharesOutstanding.json",
        |body| sec_edgar::parse_company_concept(body, "shares"),
    );
    assert_eq!(
        (
            concept.cik,
            concept.entity.as_str(),
            concept.taxonomy.as_str()
        ),
        (320_193, "Apple Inc.", "dei")
    );
    assert!(concept.facts.iter().all(|f| f.start.is_none()), "instants");
    assert!(concept.period_values().is_empty());
    let refused = sec_edgar::parse_company_concept(
        &sample("sec_edgar/companyconcept_AAPL_EntityCommonStockSharesOutstanding.json"),
        "USD",
    );
    assert!(
        matches!(&refused, Err(ParseError::Malformed(m)) if m.contains("its units: shares")),
        "{refused:?}"
    );

    let cut = std::fs::read_to_string(
        tokenrisk_testdata::fixtures_dir()
            .join("api-samples/sec_edgar/companyfacts_GOOGL_trimmed.json"),
    )
    .expect("the committed cut");
    let capex = hostile_body("Alphabet's companyfacts (cut)", &cut, |body| {
        sec_edgar::parse_company_facts(body, "PaymentsToAcquirePropertyPlantAndEquipment", "USD")
    });
    assert_eq!((capex.cik, capex.unit.as_str()), (1_652_044, "USD"));
    assert_eq!(capex.facts.len(), 25);
    let last = capex.facts.last().expect("facts");
    assert_eq!(
        (
            last.start.map(|d| d.to_string()),
            last.end.to_string(),
            last.value,
            last.frame.as_deref()
        ),
        (
            Some("2026-01-01".to_owned()),
            "2026-06-30".to_owned(),
            80_598e6,
            None
        ),
        "six months to date, no calendar frame"
    );
    assert_eq!(
        capex.latest_end().map(|d| d.to_string()).as_deref(),
        Some("2026-06-30")
    );
    let missing =
        sec_edgar::parse_company_facts(&cut, "paymentstoacquirepropertyplantandequipment", "USD");
    assert!(
        matches!(&missing, Err(ParseError::Malformed(m)) if m.contains("case-sensitive")),
        "{missing:?}"
    );
    let backwards = r#"{"cik":1,"entityName":"X","taxonomy":"us-gaap","tag":"T","units":{"USD":[{"start":"2025-02-01","end":"2025-01-01","val":1,"form":"10-Q","filed":"2025-03-01"}]}}"#;
    assert!(matches!(
        sec_edgar::parse_company_concept(backwards, "USD"),
        Err(ParseError::BadElement { index: 0, .. })
    ));
    assert_eq!(
        sec_edgar::company_concept_url("https://data.sec.gov", 2_488, "us-gaap", "Revenues"),
        "https://data.sec.gov/api/xbrl/companyconcept/CIK0000002488/us-gaap/Revenues.json"
    );
}
