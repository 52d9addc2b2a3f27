//! The portfolio page as a user meets it, on the built site with its bundled snapshot: a
//! portfolio opened from a link shows the core's numbers for the snapshot's closes; an edit
//! goes into the link's fragment; a Monte Carlo runs, answers input while it runs and stops on
//! cancel, in the simulation worker (without it, on the page, with the same paths); the copied link opens the same numbers in a fresh browser profile; a damaged link
//! opens the default scenario with a message.

use fantoccini::Locator;
use std::time::Duration;
use tokenrisk_core::align::align;
use tokenrisk_core::portfolio::exposure_risk;
use tokenrisk_core::scenario::{decode, to_fragment, Holding, Scenario, Simulation};
use tokenrisk_e2e::{number, site_dir, Response, Session};
use tokenrisk_market::snapshot::Snapshot;

/// A hundred TAO long and 0.2 BTC short at 3×, a short simulation.
fn scenario(paths: u32, horizon_days: u16) -> Scenario {
    Scenario {
        holdings: vec![
            Holding::spot("TAO", 100.0),
            Holding {
                leverage: Some(3.0),
                short: true,
                ..Holding::spot("BTC", 0.2)
            },
        ],
        simulation: Simulation {
            paths,
            horizon_days,
            ..Simulation::default()
        },
        seed: 11,
        ..Scenario::default()
    }
}

/// The portfolio's annualised volatility by the core, on the snapshot the site serves.
fn core_volatility(s: &Scenario) -> f64 {
    let text = std::fs::read_to_string(site_dir().join("data/snapshot.json"))
        .expect("snapshot in the site");
    let snapshot = Snapshot::from_json(&text).expect("valid snapshot");
    let prices: Vec<_> = ["TAO", "BTC"]
        .iter()
        .map(|id| {
            snapshot
                .get(id)
                .expect("in the snapshot")
                .prices()
                .expect("valid")
        })
        .collect();
    let last = |i: usize| *prices[i].values().last().expect("a close");
    let tao = s.holdings[0].quantity * last(0);
    let btc = 0.2 * last(1);
    let equity = tao + btc / 3.0;
    assert!(s.holdings[1].short);
    let joined = align(&[&prices[0], &prices[1]]);
    exposure_risk(
        &joined.returns(),
        &[tao / equity, -btc / equity],
        joined.calendar().periods_per_year(),
    )
    .expect("risk")
    .volatility
}

async fn figure(session: &Session, table: &str, key: &str) -> f64 {
    let css = format!("#{table} tr[data-key='{key}'] td");
    session
        .client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    number(session.attr(&css, "data-value").await)
}

async fn click(session: &Session, id: &str) {
    session
        .client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {id}: {e}"));
}

/// Runs the Monte Carlo and waits for its last figures (not those that fill in on the way):
/// its VaR.
async fn run_to_end(session: &Session) -> f64 {
    click(session, "mc-run").await;
    for _ in 0..1200 {
        let over = session
            .js(
                "return !document.getElementById('mc-progress')
                    && !document.getElementById('simulation-so-far')
                    && !!document.querySelector('#simulation-figures tr[data-key=mc_var] td');",
                vec![],
            )
            .await
            .as_bool()
            .unwrap_or(false);
        if over {
            return figure(session, "simulation-figures", "mc_var").await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the simulation did not end within a minute");
}

async fn fragment(session: &Session) -> String {
    session
        .js("return location.hash", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_linked_portfolio_its_edits_a_simulation_and_the_link_elsewhere() {
    let s = scenario(3_000, 30);
    let session = Session::start().await;
    session.open(&format!("portfolio{}", to_fragment(&s))).await;
    let shown = figure(&session, "portfolio-risk", "volatility").await;
    let expected = core_volatility(&s);
    assert!(
        (shown - expected).abs() <= 1e-9 * expected,
        "{shown} vs the core's {expected}"
    );
    let rows = session
        .client
        .find_all(Locator::Css("#holdings-table tbody tr"))
        .await
        .expect("rows");
    assert_eq!(rows.len(), 2);
    let loss = number(session.attr("#stress-total", "data-value").await);
    assert!(loss < 0.0, "the sell-off costs this portfolio: {loss}");
    assert!(session.text("#stress-table").await.contains("short BTC"));
    assert!(session.text("#windows-table").await.contains("20"));

    // The Monte Carlo, then the link as it stands, opened in a fresh profile.
    let var = run_to_end(&session).await;
    assert!(var > 0.0 && var < 1.0, "{var}");
    session.drawn("simulation-fan").await;
    session.drawn("simulation-recovery").await;
    session.scroll_to("#simulation-recovery").await;
    session.screenshot("portfolio-recovery").await;
    session.screenshot_page("portfolio-after-run").await;
    // "Copy link" writes today's headline numbers and data date into the link.
    click(&session, "copy-link").await;
    session.text("#copy-status").await;
    let shared = decode(&fragment(&session).await).expect("a scenario");
    let headline = shared.headline.expect("the sender's numbers");
    assert_eq!(headline.simulated_var, Some(var), "the run's VaR");
    assert!(headline.stress_loss > 0.0 && shared.as_of.is_some());
    let href = session
        .js("return location.href", vec![])
        .await
        .as_str()
        .expect("href")
        .to_owned();
    let elsewhere = Session::start().await;
    elsewhere.client.goto(&href).await.expect("navigates");
    elsewhere.wait_for_app().await;
    // Same data: the sender's numbers beside today's, equal.
    assert_eq!(
        elsewhere
            .attr("#sender-status", "data-moved-on")
            .await
            .as_deref(),
        Some("false")
    );
    for key in ["value", "var", "es", "stress_loss"] {
        let row = format!("#sender-table tr[data-key='{key}']");
        let sender = number(elsewhere.attr(&row, "data-sender").await);
        let today = number(elsewhere.attr(&row, "data-today").await);
        assert!(
            (sender - today).abs() <= 1e-12 * sender.abs(),
            "{key}: {sender} vs {today}"
        );
    }
    elsewhere.screenshot_page("portfolio-from-link").await;
    assert_eq!(
        figure(&elsewhere, "portfolio-risk", "volatility").await,
        shown
    );
    assert_eq!(
        number(elsewhere.attr("#stress-total", "data-value").await),
        loss
    );
    assert_eq!(
        run_to_end(&elsewhere).await,
        var,
        "same seed, same data: the same paths"
    );
    elsewhere.assert_no_panic().await;
    elsewhere.close().await;

    // An edit goes into the fragment (and this browser keeps it).
    let quantity = session
        .client
        .find(Locator::Css("tr[data-holding='0'] input.quantity"))
        .await
        .expect("quantity");
    quantity
        .send_keys("\u{E009}a\u{E000}25\u{E004}")
        .await
        .expect("type");
    let mut edited = None;
    for _ in 0..100 {
        let f = fragment(&session).await;
        if let Ok(d) = decode(&f) {
            if d.holdings[0].quantity == 25.0 {
                edited = Some(d);
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let edited = edited.expect("the edit reaches the link");
    assert_eq!(edited.holdings[1], s.holdings[1]);
    assert_eq!(
        edited.headline, None,
        "an edit removes the sender's numbers"
    );
    assert!(
        edited.as_of.is_some(),
        "the data date travels with the link"
    );
    // A wrong value is refused with a message, and the link keeps the last good scenario.
    quantity
        .send_keys("\u{E009}a\u{E000}-4\u{E004}")
        .await
        .expect("type");
    assert!(session
        .text("#holding-problem")
        .await
        .contains("quantity is not a number of zero or more"));
    assert_eq!(
        decode(&fragment(&session).await).expect("valid").holdings[0].quantity,
        25.0
    );
    // An emptied shock is refused with a message naming it; the link keeps the sell-off.
    session.type_into("shock-sector", "\u{E003}").await;
    assert!(session
        .text("#shock-problem")
        .await
        .contains("the AI sector shock is not a move"));
    assert_eq!(
        decode(&fragment(&session).await)
            .expect("valid")
            .shocks
            .ai_sector,
        -0.40
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_long_run_answers_input_and_stops_on_cancel() {
    let session = Session::start().await;
    session
        .open(&format!(
            "portfolio{}",
            to_fragment(&scenario(200_000, 730))
        ))
        .await;
    figure(&session, "portfolio-risk", "volatility").await;
    let before = number(session.attr("#stress-total", "data-value").await);
    click(&session, "mc-run").await;
    session.text("#mc-progress").await;
    // While it runs, a shock typed in is applied at once.
    session.type_into("shock-btc", "-30").await;
    let mut after = before;
    for _ in 0..100 {
        after = number(session.attr("#stress-total", "data-value").await);
        if after != before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_ne!(after, before, "the page answered while the simulation ran");
    assert!(
        session.attr("#mc-progress", "role").await.is_some(),
        "still running"
    );
    // It runs in the worker, whose figures fill in as the paths double.
    let so_far = session.text("#simulation-so-far").await;
    assert!(so_far.contains("So far"), "{so_far}");
    let worker = session
        .js("return performance.getEntriesByType('resource').filter(r => r.name.endsWith('/simulation-worker.js')).length;", vec![])
        .await;
    assert_eq!(worker, 1, "the worker's script was fetched once");
    assert!(
        session
            .js(
                "return document.getElementById('mc-on-page') === null;",
                vec![]
            )
            .await
            .as_bool()
            .unwrap_or(false),
        "no fallback to the page's thread"
    );
    click(&session, "mc-cancel").await;
    let cancelled = session.text("#simulation-cancelled").await;
    assert!(cancelled.contains("Cancelled"), "{cancelled}");
    let ran = figure(&session, "simulation-figures", "mc_var").await;
    assert!(ran.is_finite());
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn without_its_worker_the_simulation_runs_on_the_page_with_the_same_paths() {
    let link = format!("portfolio{}", to_fragment(&scenario(3_000, 30)));
    let session = Session::start().await;
    session.open(&link).await;
    let in_worker = run_to_end(&session).await;
    session.close().await;
    // The host refuses the worker's script: the page says so and runs the same paths itself.
    let refused = Session::start_with(|request| {
        request
            .path
            .ends_with("/simulation-worker.js")
            .then(|| Response::status(503, "unavailable"))
    })
    .await;
    refused.open(&link).await;
    assert_eq!(run_to_end(&refused).await, in_worker);
    let notice = refused.text("#mc-on-page").await;
    assert!(notice.contains("runs on this page"), "{notice}");
    refused.assert_no_panic().await;
    refused.close().await;
}

#[tokio::test]
async fn the_scenario_exported_as_json_imports_elsewhere_and_a_bad_file_is_refused() {
    let s = scenario(1_000, 30);
    let session = Session::start().await;
    session.open(&format!("portfolio{}", to_fragment(&s))).await;
    figure(&session, "portfolio-risk", "volatility").await;
    click(&session, "export-scenario").await;
    let bytes = session.downloaded("token-risk-lab-scenario.json").await;
    let exported: Scenario = serde_json::from_slice(&bytes).expect("a scenario as JSON");
    assert_eq!(
        exported,
        decode(&fragment(&session).await).expect("the link's")
    );
    session.close().await;

    let elsewhere = Session::start().await;
    elsewhere.open("portfolio").await;
    let dir = std::env::temp_dir().join(format!("scenario-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let good = dir.join("good.json");
    std::fs::write(&good, &bytes).expect("written");
    elsewhere.choose_file_in("import-scenario", &good).await;
    let mut imported = None;
    for _ in 0..100 {
        if let Ok(d) = decode(&fragment(&elsewhere).await) {
            if d == exported {
                imported = Some(d);
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        imported.is_some(),
        "the imported scenario is the page's and the link's"
    );
    let (shown, expected) = (
        figure(&elsewhere, "portfolio-risk", "volatility").await,
        core_volatility(&s),
    );
    assert!(
        (shown - expected).abs() <= 1e-9 * expected,
        "{shown} vs {expected}"
    );
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"holdings":[{"asset":"TAO","quantity":-5}]}"#).expect("written");
    elsewhere.choose_file_in("import-scenario", &bad).await;
    let status = elsewhere.text("#scenario-file-status").await;
    assert!(
        status.contains("Not imported") && status.contains("quantity"),
        "{status}"
    );
    assert_eq!(decode(&fragment(&elsewhere).await), Ok(exported));
    elsewhere.assert_no_panic().await;
    elsewhere.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_damaged_link_opens_the_default_scenario_with_a_message() {
    let session = Session::start().await;
    let good = to_fragment(&scenario(1_000, 30));
    session
        .open(&format!("portfolio{}", &good[..good.len() - 6]))
        .await;
    let notice = session.text("#scenario-notice").await;
    assert!(
        notice.contains("could not be opened") && notice.contains("damaged"),
        "{notice}"
    );
    assert!(session
        .client
        .find_all(Locator::Css("#holdings-table tbody tr"))
        .await
        .expect("rows")
        .is_empty());
    assert!(session.text("#risk-problem").await.contains("no holdings"));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn holdings_entered_by_weight_and_total_value() {
    let s = Scenario {
        holdings: vec![
            Holding::spot("TAO", 3.0),
            Holding {
                leverage: Some(5.0),
                ..Holding::spot("BTC", 0.1)
            },
        ],
        ..Scenario::default()
    };
    let session = Session::start().await;
    session.open(&format!("portfolio{}", to_fragment(&s))).await;
    figure(&session, "portfolio-risk", "volatility").await;
    session
        .client
        .find(Locator::Css("#by-weights summary"))
        .await
        .expect("the weights form")
        .click()
        .await
        .expect("opened");
    // Weights that do not add up are refused, and the holdings stay as they were.
    session.type_into("weights-total", "20000").await;
    session.type_into("weight-0", "70").await;
    session.type_into("weight-1", "20").await;
    click(&session, "apply-weights").await;
    let refused = session.text("#weights-message").await;
    assert!(refused.contains("90.00 %"), "{refused}");
    assert_eq!(decode(&fragment(&session).await), Ok(s.clone()));
    // 70 % and 30 % of 20,000: TAO's value, and BTC's margin at 5×.
    session.type_into("weight-1", "30").await;
    click(&session, "apply-weights").await;
    let (tao, btc) = (
        tokenrisk_e2e::served_last_close("TAO"),
        tokenrisk_e2e::served_last_close("BTC"),
    );
    let expected = [14_000.0 / tao, 5.0 * 6_000.0 / btc];
    let mut linked = s.clone();
    for _ in 0..100 {
        linked = decode(&fragment(&session).await).expect("a scenario");
        if linked != s {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for (h, q) in linked.holdings.iter().zip(expected) {
        assert!((h.quantity - q).abs() <= 1e-12 * q, "{h:?} vs {q}");
    }
    assert_eq!(linked.holdings[1].leverage, Some(5.0));
    let caption = session.text("#holdings-table caption").await;
    assert!(caption.contains("Equity 20,000.00"), "{caption}");
    session.scroll_to("#by-weights").await;
    session.screenshot("portfolio-weights").await;
    session.assert_no_panic().await;
    session.close().await;
}
