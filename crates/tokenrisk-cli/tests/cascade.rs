//! `tokenrisk cascade` as a user runs it: a hand-computed cascade through a small book in
//! Binance's depth-response shape, the documented JSON keys, a recorded book, presets capped at
//! a contract's maximum leverage, the open interest asked live from a local stand-in of Binance's
//! USDⓈ-M API when none is given, and exit code 2 with the reason for a bad book, number, mix,
//! symbol or a live answer that fails.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use tokenrisk_testserver::{Response, TestServer};

fn tokenrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenrisk"))
        .arg("cascade")
        .args(args)
        .output()
        .expect("runs")
}

/// Writes `body` to a file of this test's own in the target's temporary directory.
fn file(name: &str, body: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cascade");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, body).expect("written");
    path.display().to_string()
}

/// Mid 100: bids 99.8 × 5, 99.3 × 4, 99.1 × 3, 98.3 × 5, 98.2 × 20, 97 × 100; asks 100.2 × 5,
/// 101 × 50.
const HAND_BOOK: &str = r#"{"lastUpdateId":1,"bids":[["99.8","5"],["99.3","4"],["99.1","3"],["98.3","5"],["98.2","20"],["97","100"]],"asks":[["100.2","5"],["101","50"]]}"#;

fn json_run(args: &[&str]) -> Value {
    let out = tokenrisk(&[args, &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn near(v: &Value, expected: f64) -> bool {
    v.as_f64()
        .is_some_and(|x| (x - expected).abs() <= 1e-9 * expected.abs().max(1.0))
}

fn refused(args: &[&str], reason: &str) {
    let out = tokenrisk(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(reason),
        "{args:?}: {stderr:?} should say {reason:?}"
    );
}

#[test]
fn a_cascade_computed_by_hand() {
    // 2,000 USD of longs at 100 (20 base), half at 100× and half at 50×, BTCUSDT's first
    // bracket (0.4 %): liquidation prices 99/0.996 = 99.3976 and 98/0.996 = 98.3936,
    // bankruptcy prices 99 and 98. The shock to 99.35 trades through 99.8 and crosses the 100×
    // cohort: it sells 10: 4 at 99.3, 3 at 99.1, 3 at 98.3 (the insurance fund loses 3 · 0.7).
    // 98.3 crosses the 50× cohort: it sells 10: 2 at 98.3 and 8 at 98.2. Nothing is left.
    let book = file("hand.json", HAND_BOOK);
    let mix = file("mix.json", "[[100, 0.5], [50, 0.5]]");
    let r = json_run(&[
        "--book",
        &book,
        "--shock",
        "-0.0065",
        "--open-interest",
        "2000",
        "--long-share",
        "1",
        "--leverage-mix",
        &mix,
    ]);
    assert_eq!(r["rounds"], 2);
    assert_eq!(r["stop"], "settled");
    assert!(near(&r["final_price"], 98.2));
    let path: Vec<f64> = r["price_path"]
        .as_array()
        .expect("path")
        .iter()
        .map(|p| p.as_f64().expect("price"))
        .collect();
    assert_eq!(path.len(), 4);
    for (actual, expected) in path.iter().zip([100.0, 99.35, 98.3, 98.2]) {
        assert!((actual - expected).abs() < 1e-9, "{path:?}");
    }
    assert!(near(&r["liquidated_long"], 1970.0 / 0.996));
    assert!(near(&r["liquidated_short"], 0.0));
    assert!(near(&r["amplification"], 1.8 / 0.65));
    assert!(near(
        &r["absorbed"],
        4.0 * 99.3 + 3.0 * 99.1 + 5.0 * 98.3 + 8.0 * 98.2
    ));
    assert!(near(&r["insurance_loss"], 3.0 * 0.7));
    assert!(near(&r["to_adl"], 0.0));
    assert_eq!(r["round_details"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["leverage_mix"]["name"], "file");
    assert!(near(&r["maintenance_rate"], 0.004));
}

#[test]
fn a_recorded_book_with_a_preset_and_the_table() {
    let book = tokenrisk_testdata::orderbook_file("binance_usdm_KEEPUSDT_2021-07-22T222542Z.json");
    let book = book.display().to_string();
    let args = [
        "--book",
        &book,
        "--shock",
        "-0.05",
        "--open-interest",
        "1000000",
        "--haircut",
        "0.3",
        "--leverage-mix",
        "vendor",
        "--symbol",
        "ICPUSDT",
    ];
    let r = json_run(&args);
    // ICPUSDT allows 25× in its first bracket (maintenance 1 %): the vendor preset's 50× and
    // 100× are capped, and a 5 % fall crosses the 25× longs (liquidated 3 % below entry).
    assert_eq!(r["leverage_mix"]["capped_at_maximum"], true);
    assert!(near(&r["max_leverage"], 25.0));
    assert!(r["rounds"].as_u64().is_some_and(|n| n >= 1));
    assert!(r["final_price"].as_f64().expect("price") < r["shocked_price"].as_f64().expect("p"));
    assert!(near(&r["long_share"], 0.725));
    let out = tokenrisk(&args);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    for words in [
        "Amplification",
        "Liquidated longs",
        "capped at 25×",
        "2024-10-24",
    ] {
        assert!(table.contains(words), "{table}");
    }
}

#[test]
fn a_saved_bracket_answer_sets_the_first_bracket() {
    // The account's own table (Binance's signed leverageBracket answer, saved): 1 % and at most
    // 50× in BTCUSDT's first bracket, where the snapshot has 0.4 % and 125×.
    let brackets = file(
        "brackets.json",
        r#"{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":50,"notionalCap":1000000,"notionalFloor":0,"maintMarginRatio":0.01,"cum":0}]}"#,
    );
    let book = file("hand-brackets.json", HAND_BOOK);
    let r = json_run(&[
        "--book",
        &book,
        "--shock",
        "-0.0065",
        "--open-interest",
        "2000",
        "--leverage-mix",
        "vendor",
        "--brackets",
        &brackets,
    ]);
    assert!(near(&r["maintenance_rate"], 0.01));
    assert!(near(&r["max_leverage"], 50.0));
    assert_eq!(r["leverage_mix"]["capped_at_maximum"], true);
    assert_eq!(r["bracket_date"], Value::Null);
    assert!(r["bracket_source"]
        .as_str()
        .is_some_and(|s| s.contains("brackets.json")));
    refused(
        &[
            "--book",
            &book,
            "--shock",
            "-0.05",
            "--open-interest",
            "2000",
            "--symbol",
            "TAOUSDT",
            "--brackets",
            &brackets,
        ],
        "no brackets for TAOUSDT in the answer",
    );
}

#[test]
fn bad_input_exits_2_with_the_reason() {
    let book = file("hand-bad.json", HAND_BOOK);
    let crossed = file(
        "crossed.json",
        r#"{"lastUpdateId":1,"bids":[["101","1"]],"asks":[["100","1"]]}"#,
    );
    let one_sided = file(
        "one_sided.json",
        r#"{"lastUpdateId":1,"bids":[],"asks":[["100","1"]]}"#,
    );
    let too_high = file("high.json", "[[200, 1]]");
    let garbage = file("garbage.json", "{\"bids\": 3}");
    let base = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "--book",
            &book,
            "--shock",
            "-0.05",
            "--open-interest",
            "1e6",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    let check = |extra: &[&str], reason: &str| {
        let args = base(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&args, reason);
    };
    refused(
        &[
            "--book",
            &crossed,
            "--shock",
            "-0.05",
            "--open-interest",
            "1",
        ],
        "crossed",
    );
    refused(
        &[
            "--book",
            &one_sided,
            "--shock",
            "-0.05",
            "--open-interest",
            "1",
        ],
        "empty",
    );
    refused(
        &[
            "--book",
            &garbage,
            "--shock",
            "-0.05",
            "--open-interest",
            "1",
        ],
        "garbage.json",
    );
    refused(
        &[
            "--book",
            "/nonexistent/book.json",
            "--shock",
            "-0.05",
            "--open-interest",
            "1",
        ],
        "/nonexistent/book.json",
    );
    refused(
        &["--book", &book, "--shock", "0", "--open-interest", "1"],
        "shock must be above -1 and not 0",
    );
    check(
        &["--long-share", "1.5"],
        "long share must be between 0 and 1",
    );
    check(
        &["--leverage-mix", &too_high],
        "above the contract's maximum",
    );
    check(&["--leverage-mix", "moon"], "not a preset");
    check(&["--haircut", "1"], "haircut");
    check(&["--symbol", "DOGEUSDT"], "unknown symbol DOGEUSDT");
    check(&["--start-price", "NaN"], "start price must be above 0");
    let nan = base(&[]);
    let mut nan: Vec<&str> = nan.iter().map(String::as_str).collect();
    nan[5] = "NaN";
    refused(&nan, "open interest must be 0 or more (got NaN)");
}

/// A stand-in of Binance's `GET /fapi/v1/openInterest`: the documented sample for BTCUSDT,
/// HTTP 429 for TAOUSDT, garbage for anything else.
fn fake_futures() -> TestServer {
    TestServer::start(|request| {
        if request.path != "/fapi/v1/openInterest" {
            return Response::status(404, "{}");
        }
        if request.query.contains("symbol=BTCUSDT") {
            let sample = tokenrisk_testdata::read_api_sample("binance_futures_openInterest.json");
            Response::ok("application/json", sample)
        } else if request.query.contains("symbol=TAOUSDT") {
            Response::status(429, "{\"code\":-1003}")
        } else {
            Response::ok("application/json", "{\"openInterest\":")
        }
    })
}

#[test]
fn without_open_interest_the_live_one_is_asked_and_priced_at_the_start() {
    let server = fake_futures();
    let book = file("live.json", HAND_BOOK);
    let contracts = tokenrisk_market::sources::binance_futures::parse_open_interest(
        &tokenrisk_testdata::read_api_sample("binance_futures_openInterest.json"),
    )
    .expect("sample")
    .open_interest;
    let base = server.url();
    let v = json_run(&["--book", &book, "--shock", "-0.05", "--futures-base", &base]);
    assert!(near(&v["open_interest"], contracts * 100.0), "{v}");
    let source = v["open_interest_source"].as_str().expect("source");
    assert!(source.starts_with("Binance USD-M live"), "{source}");
    assert!(source.contains("symbol=BTCUSDT"), "{source}");
    // The same cascade as with that open interest given.
    let given = json_run(&[
        "--book",
        &book,
        "--shock",
        "-0.05",
        "--open-interest",
        &(contracts * 100.0).to_string(),
    ]);
    assert_eq!(v["final_price"], given["final_price"]);
    assert_eq!(given["open_interest_source"], "set (--open-interest)");
    // A refused or broken answer is exit 2 with the reason and the way out.
    for (symbol, reason) in [("TAOUSDT", "429"), ("NEARUSDT", "openInterest")] {
        let args = [
            "--book",
            &book,
            "--shock",
            "-0.05",
            "--symbol",
            symbol,
            "--futures-base",
            &base,
        ];
        refused(&args, reason);
        refused(&args, "no --open-interest given");
    }
}
