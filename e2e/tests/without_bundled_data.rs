//! A site whose bundled snapshot is missing or corrupt still opens, says why, and analyses a
//! CSV file the user loads with the file picker.

use fantoccini::Locator;
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::Calendar;
use tokenrisk_e2e::{number, Response, Session};
use tokenrisk_market::csv_prices::read_price_csv;

fn snapshot_answer(
    status: u16,
    body: &'static str,
) -> impl Fn(&tokenrisk_e2e::Request) -> Option<Response> {
    move |request| {
        request
            .path
            .ends_with("/data/snapshot.json")
            .then(|| Response {
                status,
                ..Response::ok("application/json", body)
            })
    }
}

#[tokio::test]
async fn without_a_snapshot_the_page_says_so_and_a_loaded_csv_is_analysed() {
    let session = Session::start_with(snapshot_answer(404, "")).await;
    session.open("?range=90d").await;
    let main = session.text("main").await;
    assert!(
        main.contains("This site was built without bundled market data."),
        "{main}"
    );
    assert!(main.contains("Load a CSV price file"), "{main}");

    // The sector page says why it has nothing to compare, not an empty date.
    session.go_to("sector").await;
    let notice = session.text("main .notice[role=status]").await;
    assert!(notice.contains("without bundled market data"), "{notice}");
    let caption = session.text("#sector-chart-caption").await;
    assert!(caption.starts_with("No year that BTC, NVDA"), "{caption}");
    session.open("?range=90d").await;

    let csv = tokenrisk_testdata::market_file("binance_spot_1d/NEARUSDT.csv")
        .canonicalize()
        .expect("shared NEAR export");
    session.choose_file(&csv).await;
    session.wait_for_query("token=NEAR").await;
    session
        .client
        .wait()
        .for_element(Locator::Css("#volatility .value"))
        .await
        .expect("metrics");

    let prices = read_price_csv(&std::fs::read_to_string(&csv).expect("csv"), None)
        .expect("valid")
        .series;
    let expected = TokenRisk::compute(&prices, Calendar::observed(prices.times()), Range::Days90)
        .volatility
        .expect("enough data");
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        expected
    );
    let provenance = session.text("#provenance").await;
    assert!(
        provenance.contains("imported in this browser") && provenance.contains("NEARUSDT.csv"),
        "{provenance}"
    );
    assert!(session.painted_pixels("price-chart").await > 1000);
    session.screenshot("no-bundled-data-csv-imported").await;

    // Dropping a file on the import zone works like picking it.
    let icp = tokenrisk_testdata::read_market_file("binance_spot_1d/ICPUSDT.csv");
    session.drop_file("ICPUSDT.csv", &icp).await;
    session.wait_for_query("token=ICP").await;
    let icp_prices = read_price_csv(&icp, None).expect("valid").series;
    let expected = TokenRisk::compute(
        &icp_prices,
        Calendar::observed(icp_prices.times()),
        Range::Days90,
    )
    .volatility
    .expect("enough data");
    for _ in 0..100 {
        if session
            .attr("#volatility .value", "data-value")
            .await
            .and_then(|v| v.parse::<f64>().ok())
            == Some(expected)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        expected,
        "the dropped file is analysed"
    );
    let options = session.text("#token-select").await;
    assert!(
        options.contains("NEAR") && options.contains("ICP"),
        "both imports are kept: {options}"
    );

    // A reload loses no work: the imports come back from this browser's storage.
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    session
        .client
        .wait()
        .for_element(Locator::Css("#volatility .value"))
        .await
        .expect("metrics");
    let options = session.text("#token-select").await;
    assert!(
        options.contains("NEAR") && options.contains("ICP"),
        "imports restored after a reload: {options}"
    );
    assert_eq!(
        session.attr("#data-status", "data-state").await.as_deref(),
        Some("imported")
    );

    // Corrupted storage is cleared with a message, and the page still works.
    session
        .client
        .execute(
            "localStorage.setItem('token-risk-lab.v1.imports', '{not json'); return 0;",
            vec![],
        )
        .await
        .expect("corrupt the storage");
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    let main = session.text("main").await;
    assert!(
        main.contains("Saved imports could not be read") && main.contains("import the files again"),
        "{main}"
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_corrupt_snapshot_and_a_bad_csv_get_clear_messages_not_a_crash() {
    let session =
        Session::start_with(snapshot_answer(200, "{\"schema\":1,\"series\":[{\"id\"")).await;
    session.open("").await;
    let main = session.text("main").await;
    assert!(main.contains("The bundled data is unreadable"), "{main}");

    let dir = std::env::temp_dir().join(format!("tokenrisk-e2e-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("TAOUSDT.csv");
    std::fs::write(&bad, "date,close\n2024-04-11,5\n2024-04-12,abc\n").expect("write");
    session.choose_file(&bad).await;
    let error = session.text(".csv-import .error").await;
    assert!(error.contains("TAOUSDT.csv: line 3"), "{error}");
    session.screenshot("corrupt-snapshot-bad-csv").await;
    session.assert_no_panic().await;
    session.close().await;
    std::fs::remove_dir_all(dir).expect("clean up");
}
