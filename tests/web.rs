//! Browser tests, run by wasm-bindgen-test in headless Chromium (`cargo xtask test`).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use token_risk_lab::components::chart::{ChartCanvas, ChartData, ChartSpec};
use token_risk_lab::data::{AssetSeries, Dataset};
use token_risk_lab::pages::token::TokenView;
use tokenrisk_charts::{Scale, SeriesStyle, ValueFormat};
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_market::snapshot::{Acquisition, Provenance};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAY: i64 = 86_400;

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// A fresh element to mount into.
fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

/// Lets the reactive system run, then waits `ms` (router navigation waits a frame).
async fn settle(ms: i32) {
    leptos::task::tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer fires");
    leptos::task::tick().await;
}

/// Deterministic daily closes: a drift and a wobble, so returns vary.
fn asset(id: &str, days: i64, wobble: f64) -> AssetSeries {
    let start = 1_704_067_200; // 2024-01-01
    let times = (0..days).map(|i| start + i * DAY).collect();
    let values = (0..days)
        .map(|i| 100.0 * (1.0 + 0.002 * i as f64) * (1.0 + wobble * (i as f64 * 0.7).sin()))
        .collect();
    AssetSeries {
        id: id.to_owned(),
        name: format!("{id} test asset"),
        calendar: Calendar::Continuous,
        currency: Some("USDT".into()),
        provenance: Provenance {
            provider: "generated in the test".into(),
            location: "tests/web.rs".into(),
            acquisition: Acquisition::CsvExport,
            retrieved_at: "2026-11-25T00:00:00Z".into(),
            price_field: "close".into(),
            note: None,
        },
        prices: PriceSeries::new(times, values).expect("valid"),
        volume: None,
        sources: Vec::new(),
    }
}

/// Pixels of the canvas that are not the white background.
fn painted_pixels(canvas: &web_sys::HtmlCanvasElement) -> usize {
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .unchecked_into();
    let data = context
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .expect("pixels")
        .data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0], p[1], p[2]) != (255, 255, 255))
        .count()
}

#[wasm_bindgen_test]
async fn chart_component_draws_at_device_pixel_ratio() {
    let series = asset("TAO", 120, 0.05);
    let data = ChartSpec::new(ChartData {
        label: "TAO close".to_owned(),
        times: series.prices.times().to_vec(),
        values: series.prices.values().to_vec(),
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    });
    let blank = document().create_element("canvas").expect("canvas");
    assert_eq!(
        painted_pixels(blank.unchecked_ref()),
        0,
        "a fresh canvas is blank"
    );

    let handle = mount_to(container(), move || {
        view! { <ChartCanvas id="test-chart" label="test chart" data=Signal::derive(move || data.clone())/> }
    });
    settle(50).await;
    let canvas: web_sys::HtmlCanvasElement = document()
        .get_element_by_id("test-chart")
        .expect("mounted")
        .unchecked_into();
    let dpr = web_sys::window().expect("window").device_pixel_ratio();
    let css_width = canvas.get_bounding_client_rect().width();
    assert_eq!(
        f64::from(canvas.width()),
        (css_width * dpr).round(),
        "backing store = CSS size × dpr"
    );
    let painted = painted_pixels(&canvas);
    let total = (canvas.width() * canvas.height()) as usize;
    assert!(
        painted > total / 100,
        "the chart painted {painted} of {total} pixels"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn token_selector_and_range_buttons_update_the_url_and_the_numbers() {
    let tao = asset("TAO", 500, 0.03);
    let near = asset("NEAR", 500, 0.08);
    let expected_near = TokenRisk::compute(&near.prices, near.calendar, Range::Year1)
        .volatility
        .expect("enough data");
    let expected_near_30d = TokenRisk::compute(&near.prices, near.calendar, Range::Days30)
        .volatility
        .expect("enough data");
    let dataset = Dataset {
        snapshot_created_at: None,
        assets: vec![tao, near],
    };
    let handle = mount_to(container(), move || {
        view! { <Router><TokenView bundled=dataset problem=None/></Router> }
    });
    settle(50).await;
    let displayed_volatility = || {
        document()
            .query_selector("#volatility .value")
            .expect("selector")
            .expect("volatility shown")
            .get_attribute("data-value")
            .and_then(|v| v.parse::<f64>().ok())
            .expect("numeric data-value")
    };

    let select: web_sys::HtmlSelectElement = document()
        .get_element_by_id("token-select")
        .expect("selector")
        .unchecked_into();
    assert_eq!(select.value(), "TAO", "TAO is the default");
    select.set_value("NEAR");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatched");
    settle(100).await;
    let search = web_sys::window()
        .expect("window")
        .location()
        .search()
        .expect("search");
    assert!(search.contains("token=NEAR"), "URL query is {search:?}");
    assert_eq!(displayed_volatility(), expected_near);

    let button: web_sys::HtmlElement = document()
        .query_selector("button[data-range='30d']")
        .expect("selector")
        .expect("30d button")
        .unchecked_into();
    button.click();
    settle(100).await;
    let search = web_sys::window()
        .expect("window")
        .location()
        .search()
        .expect("search");
    assert!(
        search.contains("range=30d") && search.contains("token=NEAR"),
        "URL query is {search:?}"
    );
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(displayed_volatility(), expected_near_30d);
    drop(handle);
}

/// The element's text, trimmed.
fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .expect("selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[wasm_bindgen_test]
async fn crosshair_follows_pointer_and_keys_in_step_on_both_panes() {
    let tao = asset("TAO", 200, 0.04);
    let risk = TokenRisk::compute(&tao.prices, tao.calendar, Range::Year1);
    let dataset = Dataset {
        snapshot_created_at: None,
        assets: vec![tao.clone()],
    };
    let handle = mount_to(
        container(),
        move || view! { <Router><TokenView bundled=dataset problem=None/></Router> },
    );
    settle(100).await;
    // The router keeps the range an earlier test chose: choose this test's, as a user would.
    let year: web_sys::HtmlElement = document()
        .query_selector("button[data-range='1y']")
        .expect("selector")
        .expect("1y button")
        .unchecked_into();
    year.click();
    settle(100).await;
    let canvas: web_sys::HtmlElement = document()
        .get_element_by_id("price-chart")
        .expect("price chart")
        .unchecked_into();

    // The pointer over the 50th close shows its date and price on the price pane, and the
    // drawdown pane's crosshair stands at the same date.
    let plot: Vec<f64> = canvas
        .get_attribute("data-plot")
        .expect("projection")
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    let (left, right, x0, x1) = (plot[0], plot[1], plot[4], plot[5]);
    let day = risk.prices.times()[50] as f64 / 86_400.0;
    let dpr = web_sys::window().expect("window").device_pixel_ratio();
    let css_x = (left + (day - x0) / (x1 - x0) * (right - left)) / dpr;
    let rect = canvas.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_client_x((rect.left() + css_x).round() as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
    init.set_bubbles(true);
    canvas
        .dispatch_event(
            &web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).expect("event"),
        )
        .expect("dispatched");
    settle(50).await;
    let date = tokenrisk_core::time::Date::from_unix(risk.prices.times()[50]).to_string();
    let price_tip = text_of("#price-chart ~ .chart-tooltip");
    assert!(price_tip.starts_with(&date), "{price_tip} at {date}");
    assert!(
        price_tip.ends_with(&token_risk_lab::format::price(risk.prices.values()[50])),
        "{price_tip}"
    );
    let drawdown_tip = text_of("#drawdown-chart ~ .chart-tooltip");
    assert!(
        drawdown_tip.starts_with(&date),
        "the panes move together: {drawdown_tip}"
    );
    assert!(
        drawdown_tip.ends_with(&token_risk_lab::format::percent(risk.drawdowns[50], 2)),
        "{drawdown_tip}"
    );

    // Keys: End goes to the last close, ArrowLeft one back, Escape hides the crosshair.
    let key = |name: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(name);
        init.set_bubbles(true);
        canvas
            .dispatch_event(
                &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                    .expect("event"),
            )
            .expect("dispatched");
    };
    let last = risk.prices.len() - 1;
    key("End");
    settle(30).await;
    let at = |i: usize| tokenrisk_core::time::Date::from_unix(risk.prices.times()[i]).to_string();
    assert!(text_of("#price-chart ~ .chart-tooltip").starts_with(&at(last)));
    key("ArrowLeft");
    settle(30).await;
    assert!(text_of("#drawdown-chart ~ .chart-tooltip").starts_with(&at(last - 1)));
    key("Escape");
    settle(30).await;
    assert!(
        document()
            .query_selector(".chart-tooltip")
            .expect("selector")
            .is_none(),
        "Escape hides it"
    );
    drop(handle);
}
