//! Each page but the token view arrives as its own WebAssembly module: the token view works
//! without them, every page opens by its link, after a reload and from another page, and a
//! module the host refuses is a message with a retry (no panic), after which the page opens.

use fantoccini::Locator;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokenrisk_e2e::{Response, Session, PAGE_TIMEOUT};

/// The site served with the module `file` refused (503) while `refuse` is set; counts the
/// requests for it.
async fn session_refusing(
    file: &'static str,
    refuse: Arc<AtomicBool>,
    asked: Arc<AtomicUsize>,
) -> Session {
    Session::start_with(move |request| {
        if !request.path.ends_with(file) {
            return None;
        }
        asked.fetch_add(1, Ordering::SeqCst);
        refuse
            .load(Ordering::SeqCst)
            .then(|| Response::status(503, "unavailable"))
    })
    .await
}

async fn wait_for(session: &Session, css: &str) {
    session
        .client
        .wait()
        .at_most(PAGE_TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"));
}

/// Lets the host answer again and presses the failure message's "Try again".
async fn retry_once_answered(session: &Session, refuse: &AtomicBool) {
    refuse.store(false, Ordering::SeqCst);
    session
        .client
        .find(Locator::Css("button.retry"))
        .await
        .expect("retry button")
        .click()
        .await
        .expect("click");
}

/// The names of the page modules (`split_*.wasm`) the browser has fetched so far.
async fn fetched_modules(session: &Session) -> Vec<String> {
    session
        .js(
            "return performance.getEntriesByType('resource')
                 .map(e => e.name.split('/').pop())
                 .filter(n => n.startsWith('split_') && n.endsWith('.wasm'));",
            vec![],
        )
        .await
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_refused_page_module_is_a_message_and_the_retry_opens_the_page() {
    let refuse = Arc::new(AtomicBool::new(true));
    let asked = Arc::new(AtomicUsize::new(0));
    let session = session_refusing(
        "/split_sector.wasm",
        Arc::clone(&refuse),
        Arc::clone(&asked),
    )
    .await;

    // The token view draws without the other pages' modules (the idle prefetch of the sector
    // module is refused and says nothing).
    session.open("?token=TAO&range=1y").await;
    session.drawn("price-chart").await;
    session.assert_no_panic().await;

    // The sector page: its module is refused, the page says so and the rest still works.
    session.go_to("sector").await;
    let message = session.text(".notice[role=alert] h2").await;
    assert_eq!(message, "This page could not be loaded");
    assert!(asked.load(Ordering::SeqCst) >= 1);
    session.assert_no_panic().await;
    session.go_to("data").await;
    wait_for(&session, "#live-sources").await;

    // Back to the sector page with the host answering again: opening it fetches afresh.
    refuse.store(false, Ordering::SeqCst);
    session.go_to("sector").await;
    wait_for(&session, "#sector-table").await;

    // And the retry button, on a fresh failure.
    session.close().await;
    let refuse = Arc::new(AtomicBool::new(true));
    let session = session_refusing(
        "/split_sector.wasm",
        Arc::clone(&refuse),
        Arc::new(AtomicUsize::new(0)),
    )
    .await;
    session.open("sector").await;
    wait_for(&session, "button.retry").await;
    retry_once_answered(&session, &refuse).await;
    wait_for(&session, "#sector-table").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_refused_part_of_the_token_view_leaves_the_rest_working() {
    let refuse = Arc::new(AtomicBool::new(true));
    let session = session_refusing(
        "/split_token_tables.wasm",
        Arc::clone(&refuse),
        Arc::new(AtomicUsize::new(0)),
    )
    .await;
    session.open("?token=TAO&range=1y").await;
    session.drawn("price-chart").await;
    let message = session.text(".notice[role=alert] h2").await;
    assert_eq!(
        message,
        "This part of the page (the risk tables) could not be loaded"
    );
    // The market-now panels (their own module) and the charts are there.
    wait_for(&session, "#dev-status").await;
    session.assert_no_panic().await;
    retry_once_answered(&session, &refuse).await;
    wait_for(&session, "#metric-table").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn leaving_the_token_view_before_its_parts_arrive_panics_nothing() {
    for wait_ms in [0, 50, 150, 400] {
        let session = Session::start().await;
        session
            .client
            .goto(&format!("{}?token=TAO", session.base_url))
            .await
            .expect("navigates");
        wait_for(&session, ".site-nav a").await;
        tokio::time::sleep(Duration::from_millis(wait_ms)).await;
        session.go_to("data").await;
        wait_for(&session, "#live-sources").await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
        session.assert_no_panic().await;
        session.go_to("/token-risk-lab/").await;
        session.drawn("price-chart").await;
        wait_for(&session, "#metric-table").await;
        session.assert_no_panic().await;
        session.close().await;
    }
}

#[tokio::test]
async fn every_page_opens_by_its_link_after_a_reload_and_from_another_page() {
    let session = Session::start().await;
    for (path, shows) in [
        ("sector", "#sector-table"),
        ("liquidity", "#exit"),
        ("tokenomics", "#param-table"),
        ("portfolio", "#holdings-table"),
        ("signals", "#signals-since"),
        ("data", "#live-sources"),
    ] {
        session.open(path).await;
        wait_for(&session, shows).await;
        session.client.refresh().await.expect("reload");
        wait_for(&session, shows).await;
    }
    // From another page, and back to the token view.
    session.open("?token=NEAR").await;
    session.drawn("price-chart").await;
    session.go_to("sector").await;
    wait_for(&session, "#sector-table").await;
    session.go_to("liquidity").await;
    wait_for(&session, "#exit").await;
    session.go_to("tokenomics").await;
    wait_for(&session, "#param-table").await;
    session.go_to("portfolio").await;
    wait_for(&session, "#holdings-table").await;
    session.go_to("signals").await;
    wait_for(&session, "#signals-since").await;
    session.go_to("data").await;
    wait_for(&session, "#live-sources").await;
    session.go_to("/token-risk-lab/").await;
    session.drawn("price-chart").await;

    // The token view asks for no module before its first chart is drawn: then come its risk
    // tables and market-now panels, and the other pages, prefetched, when the browser is idle.
    session.close().await;
    let session = Session::start().await;
    session.open("?token=TAO").await;
    session.drawn("price-chart").await;
    let mut fetched = Vec::new();
    for _ in 0..100 {
        fetched = fetched_modules(&session).await;
        if fetched.len() >= 8 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fetched.sort();
    assert_eq!(
        fetched,
        [
            "split_data.wasm",
            "split_liquidity.wasm",
            "split_market_now.wasm",
            "split_portfolio.wasm",
            "split_sector.wasm",
            "split_signals.wasm",
            "split_token_tables.wasm",
            "split_tokenomics.wasm"
        ]
    );
    let times = session
        .js(
            "const chart = performance.getEntriesByName('first-chart')[0].startTime;
             const first = Math.min(...performance.getEntriesByType('resource')
                 .filter(e => e.name.split('/').pop().startsWith('split_'))
                 .map(e => e.startTime));
             return [chart, first];",
            vec![],
        )
        .await;
    let (chart, first_module) = (times[0].as_f64(), times[1].as_f64());
    assert!(
        matches!((chart, first_module), (Some(c), Some(m)) if m >= c),
        "a module was asked for at {first_module:?} ms, before the first chart at {chart:?} ms"
    );
    wait_for(&session, "#metric-table, .metric-table").await;
    session.assert_no_panic().await;
    session.close().await;
}
