//! A recorded book chosen from a file (`book=file`), as a user would: a Bybit v5 answer built
//! from a real recorded book is the book the exit walks (the core's figures for it); an
//! unusable file is a message and the book in use stays; the book is kept in this browser and
//! walked again after a reload.

use super::*;

/// `book` in Bybit's v5 order-book envelope (prices and sizes as strings).
fn bybit_answer(book: &OrderBook) -> String {
    let levels = |side: &[(f64, f64)]| -> Vec<serde_json::Value> {
        side.iter()
            .map(|(p, q)| serde_json::json!([p.to_string(), q.to_string()]))
            .collect()
    };
    serde_json::json!({
        "retCode": 0,
        "retMsg": "OK",
        "result": {"s": "KEEPUSDT", "b": levels(&book.bids), "a": levels(&book.asks), "ts": 1_626_993_942_000_u64, "u": 1},
        "retExtInfo": {},
        "time": 1_626_993_942_000_u64
    })
    .to_string()
}

/// Writes `body` to a file of this test's own in the target's temporary directory.
fn file(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("recorded-book");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, body).expect("written");
    path
}

#[tokio::test]
async fn a_recorded_book_from_a_file_is_walked_and_kept() {
    let binance = fake_binance();
    let futures = fake_futures(None);
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session
        .open("liquidity?token=TAO&size=500&book=file&oi=2000000&entries=start")
        .await;
    let status = badge(&session, "#book-status", "unavailable").await;
    assert!(status.contains("no recorded book chosen"), "{status}");

    let recorded = parse_depth(&tokenrisk_testdata::read_orderbook(
        "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
    ))
    .expect("recorded book");
    let bybit = file("keep_bybit.json", &bybit_answer(&recorded));
    session.choose_file_in("book-file", &bybit).await;
    let status = badge(&session, "#book-status", "set").await;
    assert!(status.contains("your file keep_bybit.json"), "{status}");
    let sold = market_order(&recorded, Side::Sell, Size::Base(500.0)).expect("fills");
    let shown = settled(&session, "exit-figures", "slippage_now", sold.slippage_bps).await;
    assert!(
        close(shown, sold.slippage_bps),
        "shown {shown}, core {}",
        sold.slippage_bps
    );

    // An unusable file: the reason, and the recorded book stays.
    let garbage = file("garbage.json", "<html>rate limited</html>");
    session.choose_file_in("book-file", &garbage).await;
    let problem = session.text("#book-file-problem").await;
    assert!(
        problem.contains("garbage.json") && problem.contains("the book in use stays"),
        "{problem}"
    );
    assert!(session
        .text("#book-status")
        .await
        .contains("keep_bybit.json"));
    let picker = session
        .js("return document.getElementById('book-file').value", vec![])
        .await;
    assert_eq!(
        picker.as_str(),
        Some(""),
        "the refused file is not shown as chosen"
    );
    session.screenshot("liquidity-recorded-book").await;

    // Kept in this browser: a reload walks the same book.
    session.client.refresh().await.expect("reload");
    let status = badge(&session, "#book-status", "set").await;
    assert!(status.contains("keep_bybit.json"), "{status}");
    assert!(close(
        figure(&session, "exit-figures", "slippage_now").await,
        sold.slippage_bps
    ));
    session.assert_no_panic().await;
    session.close().await;
}
