//! The token view as a user meets it: the built site served under a sub-path, in headless
//! Chromium. Screenshots are saved under `target/e2e-artifacts/`.

use fantoccini::Locator;
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::report::RelativeMetrics;
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_e2e::{number, site_dir, Session};
use tokenrisk_market::snapshot::Snapshot;

/// An asset's prices and calendar from the very snapshot the site serves.
fn prices(id: &str) -> (PriceSeries, Calendar) {
    let text = std::fs::read_to_string(site_dir().join("data/snapshot.json"))
        .expect("snapshot in the site");
    let snapshot = Snapshot::from_json(&text).expect("valid snapshot");
    let series = snapshot
        .get(id)
        .unwrap_or_else(|| panic!("{id} in the snapshot"));
    (series.prices().expect("valid"), series.calendar)
}

/// The core's volatility for an asset and range.
fn core_volatility(id: &str, range: Range) -> f64 {
    let (series, calendar) = prices(id);
    TokenRisk::compute(&series, calendar, range)
        .volatility
        .expect("enough data")
}

#[tokio::test]
async fn switch_token_and_range_then_reload_the_same_view() {
    let session = Session::start().await;
    session.open("").await;
    assert_eq!(
        session.attr("#token-select", "value").await,
        None,
        "no value attribute; read the property"
    );
    let shown = session
        .client
        .find(Locator::Css("#token-select"))
        .await
        .expect("select");
    assert_eq!(
        shown.prop("value").await.expect("value").as_deref(),
        Some("TAO"),
        "TAO by default"
    );
    let default_volatility = number(session.attr("#volatility .value", "data-value").await);
    assert_eq!(default_volatility, core_volatility("TAO", Range::Year1));

    shown.select_by_value("NEAR").await.expect("pick NEAR");
    session.wait_for_query("token=NEAR").await;
    session
        .client
        .find(Locator::Css("button[data-range='90d']"))
        .await
        .expect("90d")
        .click()
        .await
        .expect("click");
    session.wait_for_query("range=90d").await;

    let expected = core_volatility("NEAR", Range::Days90);
    let displayed = number(session.attr("#volatility .value", "data-value").await);
    assert_eq!(
        displayed, expected,
        "the page shows the core's value for the same data"
    );
    assert_eq!(
        session.text("#volatility .value").await,
        format!("{:.1}%", expected * 100.0)
    );
    assert!(
        session.painted_pixels("price-chart").await > 1000,
        "the price chart is drawn"
    );
    assert!(
        session.painted_pixels("drawdown-chart").await > 1000,
        "the drawdown chart is drawn"
    );
    assert!(
        session.text("#provenance").await.contains("NEARUSDT.csv"),
        "the source is shown"
    );
    let table_volatility = number(
        session
            .attr("#metric-table tr[data-key='ann_vol'] td.num", "data-value")
            .await,
    );
    assert_eq!(
        table_volatility, expected,
        "the metric table agrees with the headline"
    );
    let window = Range::Days90.window(&prices("NEAR").0);
    for benchmark in ["BTC", "NVDA", "MSFT"] {
        let expected_beta = RelativeMetrics::compute(&window, &prices(benchmark).0)
            .beta
            .expect("defined");
        let cell = format!("#relative-table tr[data-benchmark='{benchmark}'] td[data-value]");
        assert_eq!(
            number(session.attr(&cell, "data-value").await),
            expected_beta,
            "beta to {benchmark}"
        );
    }
    assert!(
        session.text("#two-factor").await.contains("β₁"),
        "the two-factor regression is shown"
    );
    // Keyboard: End puts the crosshair on the last close, on both panes.
    let price_chart = session
        .client
        .find(Locator::Id("price-chart"))
        .await
        .expect("chart");
    price_chart.send_keys("\u{E010}").await.expect("End key");
    let last_date =
        tokenrisk_core::time::Date::from_unix(*window.times().last().expect("dates")).to_string();
    for pane in [
        "#price-chart ~ .chart-tooltip",
        "#drawdown-chart ~ .chart-tooltip",
    ] {
        let tip = session.text(pane).await;
        assert!(tip.starts_with(&last_date), "{pane}: {tip}");
    }
    session.screenshot("token-near-90d").await;

    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    assert!(session.query().await.contains("token=NEAR"));
    let select = session
        .client
        .find(Locator::Css("#token-select"))
        .await
        .expect("select");
    assert_eq!(
        select.prop("value").await.expect("value").as_deref(),
        Some("NEAR")
    );
    assert_eq!(
        session
            .attr("button[data-range='90d']", "aria-pressed")
            .await
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        expected
    );

    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_link_with_a_bad_token_and_range_says_so_and_shows_the_defaults() {
    let session = Session::start().await;
    session.open("?token=DOGE&range=2w").await;
    let notices = session.text("main").await;
    assert!(
        notices.contains("No data for token “DOGE”; showing TAO instead."),
        "{notices}"
    );
    assert!(notices.contains("Unknown range “2w”"), "{notices}");
    assert_eq!(
        number(session.attr("#volatility .value", "data-value").await),
        core_volatility("TAO", Range::Year1)
    );
    session.screenshot("token-bad-link").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_deep_link_to_an_unknown_page_under_the_sub_path_gets_the_app_not_a_blank_page() {
    let session = Session::start().await;
    session.open("no-such-page").await;
    assert!(session.text("main").await.contains("Page not found"));
    session
        .client
        .find(Locator::LinkText("Open the token view"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    session.wait_for_app().await;
    session
        .client
        .wait()
        .for_element(Locator::Css("#volatility .value"))
        .await
        .expect("token view");
    session.close().await;
}
