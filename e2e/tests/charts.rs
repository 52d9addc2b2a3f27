//! The chart kit in Chromium on the real bundled data: the tooltip's value at a known point,
//! wheel zoom, drag and keyboard changing the visible range and the link, reset, the log
//! scale, PNG and CSV export; then every page in both themes at phone and desktop widths.

use fantoccini::Locator;
use serde_json::json;
use tokenrisk_core::range::Range;
use tokenrisk_core::report::{ReportInput, RiskReport};
use tokenrisk_core::report::{VIEW_SEED, VIEW_UNCERTAINTY};
use tokenrisk_core::scenario::{to_fragment, Holding, Scenario};
use tokenrisk_core::time::Date;
use tokenrisk_e2e::stand_ins::{bundled, volatility};
use tokenrisk_e2e::{number, Session};

/// The CSS x of `day` on a chart drawn with projection `plot`.
async fn css_x(session: &Session, plot: &[f64], day: f64) -> f64 {
    let dpr = session
        .js("return window.devicePixelRatio", vec![])
        .await
        .as_f64()
        .expect("dpr");
    (plot[0] + (day - plot[4]) / (plot[5] - plot[4]) * (plot[1] - plot[0])) / dpr
}

/// Dispatches a pointer, mouse or wheel event at CSS x on the chart `id`, at mid-height.
async fn fire(session: &Session, id: &str, kind: &str, x: f64, extra: serde_json::Value) {
    session
        .js(
            "const [id, kind, x, extra] = arguments;
             const c = document.getElementById(id); const r = c.getBoundingClientRect();
             const init = Object.assign({clientX: r.left + x, clientY: r.top + r.height / 2,
                 bubbles: true, cancelable: true, pointerId: 1, isPrimary: true, buttons: 1}, extra);
             const Event = kind === 'wheel' ? WheelEvent
                 : kind.startsWith('pointer') ? PointerEvent : MouseEvent;
             c.dispatchEvent(new Event(kind, init));",
            vec![json!(id), json!(kind), json!(x), extra],
        )
        .await;
}

/// The link's `range` once it differs from `not`.
async fn range_other_than(session: &Session, not: &str) -> String {
    for _ in 0..200 {
        let query = session.query().await;
        let range = query
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("range="))
            .unwrap_or("")
            .to_owned();
        if range != not {
            return range;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the range stayed {not}");
}

#[tokio::test]
async fn hover_zoom_pan_reset_scale_and_export_work_as_a_user_would_use_them() {
    let session = Session::start().await;
    session.open("?token=TAO&range=1y").await;
    let plot = session.drawn("price-chart").await;

    // Hover: the tooltip shows the date and close of a known point.
    let tao = bundled("TAO");
    let year = Range::Year1.window(&tao);
    let i = 100;
    let day = year.times()[i] as f64 / 86_400.0;
    let x = css_x(&session, &plot, day).await;
    fire(
        &session,
        "price-chart",
        "pointermove",
        x,
        json!({"buttons": 0}),
    )
    .await;
    let tip = session.text("#price-chart ~ .chart-tooltip").await;
    let date = Date::from_unix(year.times()[i]).to_string();
    assert!(
        tip.starts_with(&date) && tip.ends_with(&token_risk_lab_price(year.values()[i])),
        "{tip} at {date}"
    );
    // The volume pane's crosshair stands at the same date, on the same day's volume.
    let volume_tip = session.text("#volume-chart ~ .chart-tooltip").await;
    assert!(volume_tip.starts_with(&date), "{volume_tip}");
    assert_eq!(
        session
            .attr("#volume-chart ~ .chart-tooltip", "data-time")
            .await,
        Some(year.times()[i].to_string())
    );
    session.screenshot("chart-hover").await;

    // Wheel: zoom in around the middle; the charts and the link follow, and so do the numbers.
    let before = session.numbers("price-chart", "data-window").await;
    let middle = (plot[0] + plot[1])
        / 2.0
        / session
            .js("return window.devicePixelRatio", vec![])
            .await
            .as_f64()
            .expect("dpr");
    fire(
        &session,
        "price-chart",
        "wheel",
        middle,
        json!({"deltaY": -400}),
    )
    .await;
    let zoomed = range_other_than(&session, "1y").await;
    let custom: Range = zoomed.parse().expect("a custom range in the link");
    let after = session.numbers("price-chart", "data-window").await;
    assert_eq!(
        session.numbers("volume-chart", "data-window").await,
        after,
        "the panes zoom together"
    );
    assert!(
        after[1] - after[0] < 0.6 * (before[1] - before[0]),
        "{before:?} → {after:?}"
    );
    assert!(
        after[0] > before[0] && after[1] < before[1],
        "zoomed around the middle"
    );
    let shown = number(session.attr("#volatility .value", "data-value").await);
    assert!(
        (shown - volatility(&tao, custom)).abs() < 1e-12,
        "numbers follow the zoom"
    );
    // The resampled intervals follow a moment later (from the worker), from the same seed as
    // the core's.
    let window_prices = custom.window(&tao);
    let expected = RiskReport::compute(&ReportInput::new(&window_prices, 365.0))
        .expect("report")
        .with_uncertainty(&window_prices, VIEW_UNCERTAINTY, VIEW_SEED)
        .uncertainty
        .and_then(|u| u.ann_vol)
        .expect("interval");
    let mut shown_interval = None;
    for _ in 0..200 {
        shown_interval = session
            .js(
                "const c = document.querySelector('#uncertainty td[data-interval]'); return c && c.dataset.interval",
                vec![],
            )
            .await
            .as_str()
            .map(str::to_owned);
        if shown_interval.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        shown_interval,
        Some(format!("{} {}", expected[0], expected[1])),
        "the volatility interval is the core's for the zoomed range"
    );
    // Computed in the simulation worker, off the page's thread.
    let workers = session
        .js(
            "return performance.getEntriesByType('resource').filter(r => r.name.endsWith('/simulation-worker.js')).length;",
            vec![],
        )
        .await;
    assert!(
        workers.as_u64().unwrap_or(0) >= 1,
        "the worker's script was fetched: {workers}"
    );
    session.screenshot("chart-zoomed").await;

    // Drag: pan towards the past by 120 CSS pixels.
    fire(&session, "price-chart", "pointerdown", middle, json!({})).await;
    fire(
        &session,
        "price-chart",
        "pointermove",
        middle + 120.0,
        json!({}),
    )
    .await;
    fire(
        &session,
        "price-chart",
        "pointerup",
        middle + 120.0,
        json!({"buttons": 0}),
    )
    .await;
    let panned: Range = range_other_than(&session, &zoomed)
        .await
        .parse()
        .expect("custom");
    let (Range::Custom { from: a, to: b }, Range::Custom { from: c, to: d }) = (custom, panned)
    else {
        panic!("custom ranges");
    };
    assert!(c < a && d < b, "dragging right shows earlier days");
    assert!(((d - c) - (b - a)).abs() <= 86_400, "the span is kept");

    // Double-click resets to the preset chosen before zooming.
    fire(
        &session,
        "price-chart",
        "dblclick",
        middle,
        json!({"buttons": 0}),
    )
    .await;
    assert_eq!(range_other_than(&session, &panned.to_string()).await, "1y");

    // Keyboard: + zooms in, 0 resets.
    let canvas = session
        .client
        .find(Locator::Id("price-chart"))
        .await
        .expect("canvas");
    canvas.send_keys("+").await.expect("key");
    let by_key = range_other_than(&session, "1y").await;
    assert!(by_key.contains(".."), "{by_key}");
    canvas.send_keys("0").await.expect("key");
    assert_eq!(range_other_than(&session, &by_key).await, "1y");

    // Pinch: two fingers moving apart zoom in around their middle.
    let touch = |id: i32| json!({"pointerId": id, "pointerType": "touch", "isPrimary": id == 1});
    fire(
        &session,
        "price-chart",
        "pointerdown",
        middle - 100.0,
        touch(1),
    )
    .await;
    fire(
        &session,
        "price-chart",
        "pointerdown",
        middle + 100.0,
        touch(2),
    )
    .await;
    fire(
        &session,
        "price-chart",
        "pointermove",
        middle + 300.0,
        touch(2),
    )
    .await;
    fire(
        &session,
        "price-chart",
        "pointerup",
        middle + 300.0,
        touch(2),
    )
    .await;
    fire(
        &session,
        "price-chart",
        "pointerup",
        middle - 100.0,
        touch(1),
    )
    .await;
    let pinched: Range = range_other_than(&session, "1y")
        .await
        .parse()
        .expect("custom");
    let Range::Custom { from, to } = pinched else {
        panic!("custom")
    };
    let year_span = (year.times()[year.len() - 1] - year.times()[0]) as f64;
    assert!(
        ((to - from) as f64) < 0.6 * year_span,
        "pinching apart zooms in: {pinched}"
    );
    fire(
        &session,
        "price-chart",
        "dblclick",
        middle,
        json!({"buttons": 0}),
    )
    .await;
    assert_eq!(range_other_than(&session, &pinched.to_string()).await, "1y");

    // Log scale: the link says so and the axis is in logarithms of the price.
    let linear = session.drawn("price-chart").await;
    session
        .client
        .find(Locator::Css("#scale-select option[value='log']"))
        .await
        .expect("log option")
        .click()
        .await
        .expect("choose log");
    session.wait_for_query("scale=log").await;
    let mut log = session.drawn("price-chart").await;
    for _ in 0..100 {
        if log[7] < 20.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        log = session.drawn("price-chart").await;
    }
    let (lo, hi) = year
        .values()
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    assert!(
        linear[6] < lo && linear[7] > hi,
        "linear axis in prices: {linear:?}"
    );
    assert!(
        log[6] < lo.ln() && log[7] > hi.ln() && log[7] < hi.ln() + 1.0,
        "log axis: {log:?}"
    );
    session.screenshot("chart-log-scale").await;

    // Export: the CSV holds the visible closes in full precision, the PNG the canvas.
    let tools = |kind: &str| format!("figure:has(#price-chart) button[data-export='{kind}']");
    session
        .client
        .find(Locator::Css(&tools("csv")))
        .await
        .expect("csv")
        .click()
        .await
        .expect("click");
    let csv = String::from_utf8(session.downloaded("price-chart.csv").await).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("date,\"TAO close, USDT\""));
    let rows: Vec<(&str, f64)> = lines
        .map(|l| {
            let (d, v) = l.split_once(',').expect("date,value");
            (d, v.parse().expect("number"))
        })
        .collect();
    assert_eq!(rows.len(), year.len(), "every visible close");
    assert_eq!(rows[i], (date.as_str(), year.values()[i]), "exact values");
    session
        .client
        .find(Locator::Css(&tools("png")))
        .await
        .expect("png")
        .click()
        .await
        .expect("click");
    let png = session.downloaded("price-chart.png").await;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().expect("4 bytes")),
        u32::from_be_bytes(png[20..24].try_into().expect("4 bytes")),
    );
    let canvas_size = session
        .js(
            "const c = document.getElementById('price-chart'); return [c.width, c.height]",
            vec![],
        )
        .await;
    assert_eq!(
        json!([w, h]),
        canvas_size,
        "the PNG is the canvas at device resolution"
    );

    // Accessible text: a summary and the data table.
    let summary = session.text("#price-chart-summary").await;
    assert!(
        summary.contains("TAO close") && summary.contains("daily points"),
        "{summary}"
    );
    session.assert_no_panic().await;
    session.close().await;
}

/// The page's price format (kept in step with `token_risk_lab::format::price`).
fn token_risk_lab_price(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let (whole, fraction) = text.split_once('.').expect("decimals");
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped}.{fraction}")
}

#[tokio::test]
async fn every_page_in_both_themes_at_phone_and_desktop_widths() {
    let session = Session::start().await;
    session.open("?token=TAO").await;
    for theme in ["light", "dark"] {
        // Choose the theme with the header's switch, as a user would; it survives reloads.
        for _ in 0..3 {
            if session
                .attr("#theme-switch", "data-choice")
                .await
                .as_deref()
                == Some(theme)
            {
                break;
            }
            session
                .client
                .find(Locator::Id("theme-switch"))
                .await
                .expect("switch")
                .click()
                .await
                .expect("click");
        }
        // A portfolio of three holdings, one short and one leveraged, in the link's fragment.
        let portfolio = format!(
            "portfolio{}",
            to_fragment(&Scenario {
                holdings: vec![
                    Holding::spot("TAO", 20.0),
                    Holding {
                        short: true,
                        ..Holding::spot("NEAR", 500.0)
                    },
                    Holding {
                        leverage: Some(3.0),
                        ..Holding::spot("BTC", 0.1)
                    },
                ],
                ..Scenario::default()
            })
        );
        for (width, height, device) in [(390, 844, "phone"), (1280, 900, "desktop")] {
            session.resize(width, height).await;
            for (path, page) in [
                ("sector", "sector"),
                ("?token=TAO", "token"),
                ("data", "data"),
                ("liquidity?token=TAO", "liquidity"),
                ("tokenomics?token=TAO", "tokenomics"),
                (portfolio.as_str(), "portfolio"),
                ("signals", "signals"),
            ] {
                session.open(path).await;
                let applied = session
                    .js("return document.documentElement.dataset.theme", vec![])
                    .await;
                assert_eq!(applied, json!(theme), "{page}");
                let overflow = session
                    .js(
                        "return document.documentElement.scrollWidth - window.innerWidth",
                        vec![],
                    )
                    .await
                    .as_f64()
                    .expect("number");
                assert!(
                    overflow <= 0.0,
                    "{page} {device} {theme}: {overflow} px wider than the screen"
                );
                if page == "token" {
                    session.drawn("price-chart").await;
                }
                if page == "signals" {
                    session.text("tr[data-signal='btc-drawdown']").await;
                }
                session
                    .screenshot_page(&format!("page-{page}-{theme}-{device}"))
                    .await;
            }
        }
    }
    session.assert_no_panic().await;
    session.close().await;
}
