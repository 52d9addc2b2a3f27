//! The charts drawn natively to SVG from real market data, always the committed fixture cuts (the
//! snapshots do not depend on `../shared`): the same drawing code the app runs on a canvas.

mod common;
use common::texts;
use plotters::prelude::*;
use tokenrisk_charts::time_axis::days;
use tokenrisk_charts::{draw_series_chart, Scale, SeriesChart, SeriesStyle, Theme, ValueFormat};
use tokenrisk_core::range::{Range, TokenRisk};
use tokenrisk_core::Calendar;
use tokenrisk_market::csv_prices::read_price_csv;

fn tao_year() -> TokenRisk {
    let text =
        tokenrisk_testdata::DataSet::Fixtures.read_market_file("binance_spot_1d/TAOUSDT.csv");
    let prices = read_price_csv(&text, None).expect("valid").series;
    TokenRisk::compute(&prices, Calendar::Continuous, Range::Year1)
}

fn draw(chart: &SeriesChart<'_>) -> String {
    draw_with_projection(chart).0
}

fn draw_with_projection(chart: &SeriesChart<'_>) -> (String, Option<tokenrisk_charts::Projection>) {
    let mut svg = String::new();
    let projection = {
        let root = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
        draw_series_chart(&root, chart, &Theme::LIGHT).expect("draws")
    };
    (svg, projection)
}

/// The vertices of every `<tag … points="x,y x,y …">` element, in document order.
fn shapes(svg: &str, tag: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|element| {
            let from = element.find("points=\"")? + 8;
            let to = from + element[from..].find('"')?;
            Some(
                element[from..to]
                    .split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').expect("x,y");
                        (x.parse().expect("x"), y.parse().expect("y"))
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The series: the shape with the most vertices (axes and grid lines have two).
fn series(svg: &str, tag: &str) -> Vec<(f64, f64)> {
    shapes(svg, tag)
        .into_iter()
        .max_by_key(Vec::len)
        .unwrap_or_else(|| panic!("no <{tag}> in the SVG"))
}

#[test]
fn price_chart_draws_every_close_with_the_highest_at_the_top() {
    let risk = tao_year();
    let chart = SeriesChart {
        times: risk.prices.times(),
        values: risk.prices.values(),
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    };
    let svg = draw(&chart);
    let line = series(&svg, "polyline");
    assert_eq!(line.len(), risk.prices.len(), "one vertex per daily close");
    assert!(
        line.windows(2).all(|w| w[1].0 >= w[0].0),
        "time runs left to right"
    );
    let values = risk.prices.values();
    let highest = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .expect("non-empty");
    let top = line
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
        .map(|(i, _)| i)
        .expect("non-empty");
    assert_eq!(
        top, highest,
        "SVG y grows downwards: the highest close is the topmost vertex"
    );
    let labels = texts(&svg);
    for label in ["Mar 2025", "Jul 2025", "Nov 2025"] {
        assert!(
            labels.iter().any(|t| t == label),
            "x axis labels the months: {label} in {labels:?}"
        );
    }
}

#[test]
fn the_returned_projection_maps_every_close_onto_its_drawn_vertex() {
    let risk = tao_year();
    let chart = SeriesChart {
        times: risk.prices.times(),
        values: risk.prices.values(),
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    };
    let (svg, projection) = draw_with_projection(&chart);
    let projection = projection.expect("data drawn");
    let line = series(&svg, "polyline");
    for ((t, v), (px, py)) in risk
        .prices
        .times()
        .iter()
        .zip(risk.prices.values())
        .zip(line)
    {
        let (x, y) = projection.to_pixel(days(*t), *v);
        assert!(
            (x - px).abs() <= 1.0 && (y - py).abs() <= 1.0,
            "({x}, {y}) vs drawn ({px}, {py})"
        );
    }
    assert_eq!(
        draw_with_projection(&SeriesChart {
            times: &[],
            values: &[],
            ..chart
        })
        .1,
        None
    );
}

#[test]
fn drawdown_chart_fills_down_from_zero() {
    let risk = tao_year();
    let chart = SeriesChart {
        times: risk.prices.times(),
        values: &risk.drawdowns,
        format: ValueFormat::Percent,
        style: SeriesStyle::AreaToZero,
        window: None,
        scale: Scale::Linear,
    };
    let svg = draw(&chart);
    let area = series(&svg, "polygon");
    assert!(
        area.len() >= risk.drawdowns.len(),
        "the area follows every drawdown point"
    );
    let outline = series(&svg, "polyline");
    assert_eq!(
        outline.len(),
        risk.drawdowns.len(),
        "the outline has one vertex per day"
    );
    let zero_row = outline[0].1;
    assert!(
        outline.iter().all(|p| p.1 >= zero_row - 1e-9),
        "nothing is drawn above the 0% line"
    );
    let labels = texts(&svg);
    for label in ["0%", "−60%"] {
        assert!(
            labels.iter().any(|t| t == label),
            "percent labels with a true minus sign: {label} in {labels:?}"
        );
    }
}

#[test]
fn empty_data_says_no_data_instead_of_failing() {
    let chart = SeriesChart {
        times: &[],
        values: &[],
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    };
    assert!(draw(&chart).contains("No data"));
}

#[test]
fn comparison_chart_draws_tokens_indexed_against_benchmarks_with_a_legend() {
    use tokenrisk_charts::{draw_comparison_chart, Comparison, Line};
    use tokenrisk_core::align::{align, indexed_to_100};
    let read = |file: &str| {
        read_price_csv(
            &tokenrisk_testdata::DataSet::Fixtures.read_market_file(file),
            None,
        )
        .expect("valid")
        .series
    };
    let (tao, btc, nvda) = (
        read("binance_spot_1d/TAOUSDT.csv"),
        read("binance_spot_1d/BTCUSDT.csv"),
        read("yahoo_equities_1d/NVDA.csv"),
    );
    let year = |s: &tokenrisk_core::PriceSeries| Range::Year1.window(s);
    let (tao, btc, nvda) = (year(&tao), year(&btc), year(&nvda));
    let joined = align(&[&tao, &btc, &nvda]);
    let indexed = indexed_to_100(&joined);
    let lines = [
        Line {
            label: "TAO",
            times: &joined.times,
            values: &indexed[0],
            dashed: false,
        },
        Line {
            label: "BTC",
            times: &joined.times,
            values: &indexed[1],
            dashed: true,
        },
        Line {
            label: "NVDA",
            times: &joined.times,
            values: &indexed[2],
            dashed: true,
        },
    ];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
        let chart = Comparison {
            lines: &lines,
            format: ValueFormat::Price,
            scale: Scale::Indexed,
            window: None,
        };
        draw_comparison_chart(&root, &chart, &Theme::LIGHT).expect("draws");
    }
    let tao_line = series(&svg, "polyline");
    assert_eq!(
        tao_line.len(),
        joined.times.len(),
        "the solid line has one vertex per common date"
    );
    let labels = texts(&svg);
    for label in ["TAO", "BTC", "NVDA"] {
        assert!(
            labels.iter().any(|t| t == label),
            "legend names {label}: {labels:?}"
        );
    }
    assert!(
        shapes(&svg, "polyline").len() > 20,
        "the benchmarks are dashed (many short segments)"
    );
    assert!(
        indexed.iter().all(|c| c[0] == 100.0),
        "every asset starts at 100"
    );
}

fn tao_all() -> tokenrisk_core::PriceSeries {
    let text =
        tokenrisk_testdata::DataSet::Fixtures.read_market_file("binance_spot_1d/TAOUSDT.csv");
    read_price_csv(&text, None).expect("valid").series
}

#[test]
fn a_window_shows_only_its_days_and_fits_the_axis_to_them() {
    let prices = tao_all();
    let last = days(*prices.times().last().expect("data"));
    let window = (last - 90.0, last);
    let chart = SeriesChart {
        times: prices.times(),
        values: prices.values(),
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: Some(window),
        scale: Scale::Linear,
    };
    let (svg, projection) = draw_with_projection(&chart);
    let projection = projection.expect("drawn");
    assert_eq!(projection.x, window, "the x axis is the window");
    let visible = Range::Days90.window(&prices);
    assert_eq!(
        series(&svg, "polyline").len(),
        visible.len(),
        "91 closes in 90 days"
    );
    let (lo, hi) = visible
        .values()
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    assert!(
        projection.y.0 < lo
            && projection.y.1 > hi
            && projection.y.1 - projection.y.0 < 1.2 * (hi - lo)
    );
}

#[test]
fn log_scale_puts_ticks_at_1_2_5_and_equal_ratios_at_equal_heights() {
    let prices = tao_all();
    let chart = SeriesChart {
        times: prices.times(),
        values: prices.values(),
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Log,
    };
    let (svg, projection) = draw_with_projection(&chart);
    let p = projection.expect("drawn");
    let labels = texts(&svg);
    for label in ["200", "300", "500"] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    // Doubling is the same height anywhere on a log axis.
    let height = |a: f64, b: f64| p.to_pixel(0.0, a.ln()).1 - p.to_pixel(0.0, b.ln()).1;
    assert!((height(100.0, 200.0) - height(250.0, 500.0)).abs() < 1e-6);
    let linear = draw(&SeriesChart {
        scale: Scale::Linear,
        ..chart
    });
    assert_ne!(texts(&linear), labels, "the scale changes the axis");
}

#[test]
fn percent_and_indexed_scales_start_at_the_first_visible_close() {
    let prices = tao_all();
    let last = days(*prices.times().last().expect("data"));
    for (scale, start) in [(Scale::PercentChange, 0.0), (Scale::Indexed, 100.0)] {
        let chart = SeriesChart {
            times: prices.times(),
            values: prices.values(),
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window: Some((last - 30.0, last)),
            scale,
        };
        let (svg, projection) = draw_with_projection(&chart);
        let p = projection.expect("drawn");
        let first = series(&svg, "polyline")[0];
        let (_, y) = p.to_pixel(last - 30.0, start);
        assert!(
            (first.1 - y).abs() <= 1.0,
            "{scale:?}: first point at {start}"
        );
        if scale == Scale::PercentChange {
            assert!(
                texts(&svg).iter().any(|t| t.ends_with('%')),
                "percent labels"
            );
        }
    }
}
