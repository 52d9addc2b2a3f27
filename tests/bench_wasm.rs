//! The core's benchmark in headless Chromium, run by `cargo xtask bench` in release mode (not
//! part of the test suite): the same seeded 10-asset × 2,000-day full report as the native
//! benchmark (`crates/tokenrisk-core/benches/risk.rs`), timed with `performance.now()`; the
//! order-book work of `crates/tokenrisk-core/benches/execution.rs` (a 100-size slippage curve
//! and a liquidation cascade with 50 leverages on 5,000 levels a side); a 20-year daily supply
//! schedule with 10 components (`crates/tokenrisk-core/benches/supply.rs`); the portfolio
//! Monte Carlo, 100,000 paths × 365 days × 5 assets (`crates/tokenrisk-core/benches/
//! simulation.rs`, beside NumPy's `montecarlo_numpy.py`); and the
//! chart kit's interaction on a 3-year daily chart: a range change (one frame's redraw) and a
//! hover (pointer event to tooltip shown).
#![cfg(target_arch = "wasm32")]

use token_risk_lab::analysis::{UNCERTAINTY, UNCERTAINTY_SEED};
use tokenrisk_core::cascade::simulate;
use tokenrisk_core::execution::{slippage_curve, Side};
use tokenrisk_core::relative::rolling_beta;
use tokenrisk_core::report::{MultiAssetReport, ReportInput, RiskReport};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::simulation::Simulator;
use tokenrisk_core::tokenomics::schedule;
use tokenrisk_core::volatility::rolling_volatility;
use tokenrisk_core::PriceSeries;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 30;

fn assets() -> Vec<PriceSeries> {
    tokenrisk_testdata::synthetic_prices(10, 2_000, 42)
        .into_iter()
        .map(|p| {
            PriceSeries::new((0..2_000_i64).map(|d| d * 86_400).collect(), p)
                .expect("positive prices")
        })
        .collect()
}

fn performance() -> web_sys::Performance {
    web_sys::window()
        .expect("window")
        .performance()
        .expect("performance")
}

/// Logs the median and 95th percentile of `times` (milliseconds).
fn report(name: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    console_log!(
        "wasm-bench {name}: median {:.3} ms, p95 {:.3} ms ({n} runs)",
        times[n / 2],
        times[n * 95 / 100]
    );
}

/// Median and 95th percentile in milliseconds of `RUNS` timed runs after three warm-ups.
fn time(name: &str, mut work: impl FnMut()) {
    let performance = web_sys::window()
        .expect("window")
        .performance()
        .expect("performance");
    for _ in 0..3 {
        work();
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = performance.now();
            work();
            performance.now() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    console_log!(
        "wasm-bench {name}: median {:.3} ms, p95 {:.3} ms ({RUNS} runs)",
        times[RUNS / 2],
        times[RUNS * 95 / 100]
    );
}

#[wasm_bindgen_test]
fn benchmarks() {
    let assets = assets();
    let refs: Vec<&PriceSeries> = assets.iter().collect();
    let weights = vec![1.0; 10];
    time("full_report_10_assets_2000_days", || {
        std::hint::black_box(MultiAssetReport::compute(&refs, &weights, 365.0).ok());
    });
    let r = simple_returns(assets[0].values());
    let b = simple_returns(assets[1].values());
    for window in [30, 90, 365] {
        time(&format!("rolling_volatility_2000_days/{window}"), || {
            std::hint::black_box(rolling_volatility(&r, window, 365.0).ok());
        });
    }
    time("rolling_beta_60_2000_days", || {
        std::hint::black_box(rolling_beta(&b, &r, 60).ok());
    });
    // What the token view computes on a range change: the report at once, then the intervals
    // and the Monte Carlo after the view has been painted.
    let long = PriceSeries::new(
        (0..3_000_i64).map(|d| d * 86_400).collect(),
        tokenrisk_testdata::synthetic_prices(1, 3_000, 7).remove(0),
    )
    .expect("positive prices");
    time("token_view_report_3000_days", || {
        std::hint::black_box(RiskReport::compute(&ReportInput::new(&long, 365.0)).ok());
    });
    time("token_view_report_with_uncertainty_3000_days", || {
        let report = RiskReport::compute(&ReportInput::new(&long, 365.0)).expect("report");
        std::hint::black_box(report.with_uncertainty(&long, UNCERTAINTY, UNCERTAINTY_SEED));
    });
    // The liquidity page's work on a deep book (the same inputs as the native benchmark).
    let book = tokenrisk_testdata::deep_book(5_000);
    let sizes = tokenrisk_testdata::bench_sizes();
    time("slippage_curve_100_sizes_5000_levels", || {
        std::hint::black_box(slippage_curve(&book, Side::Sell, &sizes).ok());
    });
    let cascade = tokenrisk_testdata::bench_cascade();
    time("cascade_50_leverages_5000_levels", || {
        std::hint::black_box(simulate(&cascade).ok());
    });
    // A 20-year daily supply schedule with 10 components (the native benchmark's).
    let (start, supply, components, days) = tokenrisk_testdata::bench_supply();
    time("supply_schedule_20_years_10_components", || {
        std::hint::black_box(schedule(start, supply, &components, days).ok());
    });
}

/// The portfolio Monte Carlo of the native benchmark and of NumPy's script: 100,000 paths ×
/// 365 days × 5 assets, on the page's thread (a Web Worker runs the same code), one warm-up
/// and five timed runs.
#[wasm_bindgen_test]
fn monte_carlo_100k_paths_365_days_5_assets() {
    let (log_returns, setup) = tokenrisk_testdata::bench_simulation();
    let simulator = Simulator::new(&log_returns, setup).expect("a valid setup");
    let paths = 0..tokenrisk_testdata::BENCH_SIMULATION_PATHS;
    std::hint::black_box(simulator.run(paths.clone()));
    let times = (0..5)
        .map(|_| {
            let start = performance().now();
            std::hint::black_box(simulator.run(paths.clone()));
            performance().now() - start
        })
        .collect();
    report("portfolio_monte_carlo_100k_paths_365_days_5_assets", times);
}

/// A 3-year daily chart on the page: a range change redraws it (what one animation frame does),
/// a hover moves the crosshair and the tooltip.
#[wasm_bindgen_test]
async fn chart_interaction_on_a_three_year_daily_chart() {
    use leptos::prelude::*;
    use token_risk_lab::components::chart::{draw_on_canvas, ChartCanvas, ChartData, ChartSpec};
    use tokenrisk_charts::{Scale, SeriesStyle, Theme, ValueFormat};
    use wasm_bindgen::JsCast;

    let days = 3 * 365;
    let times: Vec<i64> = (0..days as i64).map(|d| (19_000 + d) * 86_400).collect();
    let values = tokenrisk_testdata::synthetic_prices(1, days, 3).remove(0);
    let spec = |window: Option<(f64, f64)>| {
        ChartSpec::new(ChartData {
            label: "synthetic close".to_owned(),
            times: times.clone(),
            values: values.clone(),
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window,
            scale: Scale::Linear,
        })
    };
    let document = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let host: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    host.style().set_property("width", "1000px").expect("style");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("attached");
    let data = spec(None);
    let hover = RwSignal::new(None::<i64>);
    let _handle = mount_to(host, move || {
        view! { <ChartCanvas id="bench-chart" label="bench" data=Signal::derive(move || data.clone()) hover=hover/> }
    });
    for _ in 0..5 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    let canvas: web_sys::HtmlCanvasElement = document
        .get_element_by_id("bench-chart")
        .expect("mounted")
        .unchecked_into();
    // The page's size for a price chart (the stylesheet is not loaded here).
    canvas
        .set_attribute("style", "display:block;width:1000px;height:300px")
        .expect("style");
    // The component redraws (and keeps the new projection for the pointer) on resize.
    web_sys::window()
        .expect("window")
        .dispatch_event(&web_sys::Event::new("resize").expect("event"))
        .expect("resize");
    for _ in 0..5 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert!(
        draw_on_canvas(&canvas, &spec(None), Theme::LIGHT)
            .expect("draws")
            .is_some(),
        "the chart is laid out and drawn"
    );
    let dpr = web_sys::window().expect("window").device_pixel_ratio();
    assert_eq!(f64::from(canvas.width()), (1000.0 * dpr).round());

    // Range change: zoom steps from the whole history to the last 30 days and back.
    let last = 19_000.0 + days as f64 - 1.0;
    let steps: Vec<i32> = (0..30).chain((0..30).rev()).collect();
    let windows: Vec<(f64, f64)> = steps
        .iter()
        .map(|k| (last - (days as f64 * 0.9_f64.powi(*k)).max(30.0), last))
        .collect();
    let mut times_ms = Vec::new();
    for w in &windows {
        let next = spec(Some(*w));
        let start = performance().now();
        draw_on_canvas(&canvas, &next, Theme::LIGHT).expect("draws");
        times_ms.push(performance().now() - start);
    }
    report("chart_range_change_redraw_3y_daily", times_ms);

    // Hover: a pointer move to the crosshair and tooltip showing the point's values.
    let rect = canvas.get_bounding_client_rect();
    let mut times_ms = Vec::new();
    for i in 0..60 {
        let init = web_sys::PointerEventInit::new();
        init.set_client_x((rect.left() + 80.0 + f64::from(i) * 13.0) as i32);
        init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
        init.set_bubbles(true);
        let event =
            web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).expect("event");
        let shown = |d: &web_sys::Document| {
            d.query_selector(".chart-tooltip")
                .expect("selector")
                .and_then(|t| t.get_attribute("data-time"))
        };
        let before = shown(&document);
        let start = performance().now();
        canvas.dispatch_event(&event).expect("dispatched");
        // Until the tooltip shows the new point (the view updates in microtasks).
        let mut after = shown(&document);
        for _ in 0..100 {
            if after != before {
                break;
            }
            leptos::task::tick().await;
            after = shown(&document);
        }
        times_ms.push(performance().now() - start);
        assert!(
            after.is_some() && after != before,
            "the tooltip moved: {before:?} → {after:?}"
        );
    }
    report("chart_hover_tooltip_3y_daily", times_ms);
}
