//! Every chart type drawn to SVG at the spacing and size its page uses, from data made here
//! (no shared files): the marks (bodies, bars, lines, areas, cells) must be drawn, visible,
//! as many as the data has, and inside the plotting area that the returned projection gives.

mod common;
use common::{assert_inside, marks, Shape, DAY, HOUR};
use plotters::prelude::*;
use tokenrisk_charts::{
    draw_candlestick_chart, draw_fan_chart, draw_stacked_area_chart, draw_waterfall_chart, Band,
    Candle, CandlestickChart, ChartData, ComparisonData, DepthData, DrawChart, FanChart,
    GridMapData, HeatMapData, HistogramData, Layer, LiquidationMapData, Projection, Scale,
    SeriesStyle, StackedAreaChart, Theme, ValueFormat, WaterfallChart,
};

/// Sizes a chart is drawn at: the desktop canvas (300 CSS pixels high), a phone's, and the
/// desktop one at devicePixelRatio 2.
const SIZES: [((u32, u32), f64); 3] = [((640, 300), 1.0), ((360, 220), 1.0), ((1280, 600), 2.0)];

fn svg_of(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Option<Projection>,
) -> (String, Projection) {
    let mut svg = String::new();
    let projection = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root)
    };
    (svg, projection.expect("data drawn"))
}

/// `n` hourly closes between about 360 and 438 (TAO's last week of the shared export had
/// 359.90–438.40), from 2025-06-06 10:00 UTC.
fn hourly_closes(n: usize) -> Vec<(i64, f64)> {
    let start = 1_749_204_000;
    (0..n)
        .map(|i| {
            let x = i as f64;
            (
                start + i as i64 * HOUR,
                399.0 + 39.0 * (x / 27.0).sin() + 0.4 * (x * 1.7).cos(),
            )
        })
        .collect()
}

fn bodies(marks: &[Shape]) -> usize {
    marks
        .iter()
        .filter(|m| m.tag == "rect" && m.is_visible())
        .count()
}

fn draw_candles(candles: &[Candle], size: (u32, u32), scale: f64) -> (Vec<Shape>, Projection) {
    let theme = Theme::LIGHT.with_scale(scale);
    let (svg, p) = svg_of(size, |root| {
        let chart = CandlestickChart {
            candles,
            window: None,
            scale: Scale::Linear,
        };
        draw_candlestick_chart(root, &chart, &theme).expect("draws")
    });
    (marks(&svg, &theme), p)
}

#[test]
fn hourly_candles_of_the_market_panel_are_drawn_inside_the_plot() {
    let closes = hourly_closes(168);
    // Real hourly candles: open at the last close, a little above and below.
    let candles: Vec<Candle> = closes
        .iter()
        .enumerate()
        .map(|(i, &(time, close))| {
            let open = closes[i.saturating_sub(1)].1;
            Candle {
                time,
                open,
                high: open.max(close) + 0.8,
                low: open.min(close) - 0.8,
                close,
            }
        })
        .collect();
    for (size, scale) in SIZES {
        let (marks, p) = draw_candles(&candles, size, scale);
        assert_inside(&marks, &p, "hourly candles");
        assert_eq!(bodies(&marks), 168, "one body per hour at {size:?}");
    }
}

#[test]
fn flat_hourly_candles_still_draw_a_mark_each() {
    // One price per hour, as the end-to-end stand-in serves them: open = high = low = close.
    let candles: Vec<Candle> = hourly_closes(168)
        .into_iter()
        .map(|(time, p)| Candle {
            time,
            open: p,
            high: p,
            low: p,
            close: p,
        })
        .collect();
    for (size, scale) in SIZES {
        let (marks, p) = draw_candles(&candles, size, scale);
        assert_inside(&marks, &p, "flat hourly candles");
        assert_eq!(bodies(&marks), 168, "one visible tick per hour at {size:?}");
    }
}

/// `n` daily closes from 2025-01-01, wandering between about 180 and 760.
fn daily_closes(n: usize) -> (Vec<i64>, Vec<f64>) {
    let start = 1_735_689_600;
    (0..n)
        .map(|i| {
            let x = i as f64;
            (
                start + i as i64 * DAY,
                420.0 + 240.0 * (x / 61.0).sin() + 15.0 * (x / 3.0).cos(),
            )
        })
        .unzip()
}

/// Draws `chart` at every size and hands its marks and projection to `check`.
fn each_size<C: for<'a> DrawChart<SVGBackend<'a>>>(
    chart: &C,
    check: impl Fn(&[Shape], &Projection),
) {
    for (size, scale) in SIZES {
        let theme = Theme::LIGHT.with_scale(scale);
        let mut svg = String::new();
        let projection = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            chart.draw(&root, &theme).expect("draws")
        };
        let p = projection.expect("data drawn");
        let marks = marks(&svg, &theme);
        assert_inside(
            &marks,
            &p,
            &format!("{chart:?}").chars().take(60).collect::<String>(),
        );
        check(&marks, &p);
    }
}

fn count(marks: &[Shape], tag: &str) -> usize {
    marks
        .iter()
        .filter(|m| m.tag == tag && m.is_visible())
        .count()
}

fn longest(marks: &[Shape], tag: &str) -> usize {
    marks
        .iter()
        .filter(|m| m.tag == tag)
        .map(|m| m.points.len())
        .max()
        .unwrap_or(0)
}

fn series(style: SeriesStyle, format: ValueFormat, window: Option<(f64, f64)>) -> ChartData {
    let (times, values) = daily_closes(365);
    let values = match style {
        // Drawdowns: the fall from the running peak, ≤ 0.
        SeriesStyle::AreaToZero => values
            .iter()
            .scan(f64::MIN, |peak, v| {
                *peak = v.max(*peak);
                Some(v / *peak - 1.0)
            })
            .collect(),
        _ => values,
    };
    ChartData {
        label: "test".to_owned(),
        times,
        values,
        format,
        style,
        window,
        scale: Scale::Linear,
    }
}

#[test]
fn daily_price_line_draws_every_close_inside_the_plot() {
    for scale in Scale::ALL {
        let chart = ChartData {
            scale,
            ..series(SeriesStyle::Line, ValueFormat::Price, None)
        };
        each_size(&chart, |marks, _| {
            assert_eq!(marks.len(), 1, "{scale:?}: one line");
            assert_eq!(longest(marks, "polyline"), 365, "{scale:?}: a vertex a day");
        });
    }
}

#[test]
fn a_zoomed_daily_line_draws_only_its_window() {
    let (times, _) = daily_closes(365);
    let last = tokenrisk_charts::time_axis::days(times[364]);
    let chart = series(
        SeriesStyle::Line,
        ValueFormat::Price,
        Some((last - 90.0, last)),
    );
    each_size(&chart, |_, p| assert_eq!(p.x, (last - 90.0, last)));
    each_size(&chart, |marks, _| {
        assert_eq!(longest(marks, "polyline"), 91)
    });
}

#[test]
fn daily_areas_and_drawdowns_fill_inside_the_plot() {
    for (style, format) in [
        (SeriesStyle::Area, ValueFormat::Price),
        (SeriesStyle::AreaToZero, ValueFormat::Percent),
    ] {
        each_size(&series(style, format, None), |marks, _| {
            assert_eq!(count(marks, "polygon"), 1, "{style:?}: the area");
            assert_eq!(longest(marks, "polyline"), 365, "{style:?}: its outline");
        });
    }
}

#[test]
fn daily_volume_columns_are_one_a_day_inside_the_plot() {
    let chart = ChartData {
        values: daily_closes(365).1.iter().map(|v| v * 1e6).collect(),
        ..series(SeriesStyle::Columns, ValueFormat::Compact, None)
    };
    each_size(&chart, |marks, _| {
        let hidden: Vec<&Shape> = marks.iter().filter(|m| !m.is_visible()).collect();
        assert_eq!(count(marks, "rect"), 365, "{hidden:?}");
    });
}

#[test]
fn daily_comparison_draws_every_line_inside_the_plot() {
    let (times, values) = daily_closes(365);
    let shifted: Vec<f64> = values.iter().rev().copied().collect();
    let chart = ComparisonData {
        times,
        lines: vec![
            ("TAO".to_owned(), values.clone(), false),
            ("BTC".to_owned(), shifted, true),
            (
                "NVDA".to_owned(),
                values.iter().map(|v| v * 0.5 + 100.0).collect(),
                false,
            ),
        ],
        format: ValueFormat::Price,
        window: None,
        scale: Scale::Indexed,
    };
    each_size(&chart, |marks, _| {
        let full = marks
            .iter()
            .filter(|m| m.tag == "polyline" && m.points.len() == 365)
            .count();
        assert_eq!(full, 2, "the two solid lines, a vertex a day");
        assert!(count(marks, "polyline") > 20, "the dashed line's dashes");
    });
}

#[test]
fn histogram_bars_and_markers_are_inside_the_plot() {
    let edges: Vec<f64> = (0..=20).map(|i| -0.2 + 0.02 * f64::from(i)).collect();
    let counts: Vec<u64> = (0..20)
        .map(|i| 20 - (i as i64 - 10).unsigned_abs())
        .collect();
    let chart = HistogramData {
        label: "daily simple returns".to_owned(),
        edges,
        counts,
        markers: vec![("VaR 95%".to_owned(), -0.12), ("ES 95%".to_owned(), -0.16)],
        format: ValueFormat::Percent,
    };
    each_size(&chart, |marks, _| {
        assert_eq!(count(marks, "rect"), 20, "a bar a bin");
        assert!(count(marks, "polyline") >= 2, "the markers' dashes");
    });
}

#[test]
fn heat_map_cells_fill_the_plot() {
    let labels: Vec<String> = ["BTC", "TAO", "NEAR", "ICP"].map(str::to_owned).to_vec();
    let values: Vec<Vec<f64>> = (0..4)
        .map(|i| {
            (0..4)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        0.9 - 0.3 * f64::from(i + j) / 3.0
                    }
                })
                .collect()
        })
        .collect();
    let chart = HeatMapData { labels, values };
    each_size(&chart, |marks, _| {
        assert_eq!(
            count(marks, "rect"),
            32,
            "each of 16 cells filled and outlined"
        );
    });
}

#[test]
fn grid_map_cells_fill_the_plot() {
    // Six shocks × four haircuts, one cell empty (a run that could not be made).
    let shocks = [-2.0, -5.0, -10.0, -15.0, -20.0, -30.0];
    let cuts = [0.0, 0.3, 0.5, 0.8];
    let values: Vec<Vec<f64>> = shocks
        .iter()
        .map(|s| cuts.iter().map(|c| s / 100.0 * (1.0 + c)).collect())
        .collect();
    let mut values = values;
    values[0][3] = f64::NAN;
    let texts = values
        .iter()
        .map(|r| r.iter().map(|v| format!("{:.1}%", v * 100.0)).collect())
        .collect();
    let chart = GridMapData {
        what: "Move after the cascade".to_owned(),
        row_title: "Shock".to_owned(),
        column_title: "Depth haircut".to_owned(),
        rows: shocks.iter().map(|s| format!("{s}%")).collect(),
        columns: ["none", "stressed", "crash", "flash"]
            .map(str::to_owned)
            .to_vec(),
        values,
        texts,
    };
    each_size(&chart, |marks, _| {
        assert_eq!(
            count(marks, "rect"),
            48,
            "each of 24 cells filled and outlined"
        );
    });
}

#[test]
fn liquidation_map_bars_are_inside_the_plot() {
    // 60 bins of 1 % around 100: longs below, shorts above, a few bins empty.
    let bins: Vec<(f64, f64, f64, f64)> = (0..60)
        .map(|i| {
            let lo = 70.0 + f64::from(i);
            let (long, short) = match i {
                0..=29 if i % 7 != 0 => (1e6 * f64::from(i + 1), 0.0),
                31.. if i % 5 != 0 => (0.0, 5e5 * f64::from(60 - i)),
                _ => (0.0, 0.0),
            };
            (lo, lo + 1.0, long, short)
        })
        .collect();
    let bars = bins.iter().filter(|b| b.2 + b.3 > 0.0).count();
    let chart = LiquidationMapData {
        bins,
        price: 100.0,
        notes: vec!["open interest 80m USDT, 72.5% long".to_owned()],
    };
    each_size(&chart, |marks, _| {
        assert_eq!(count(marks, "rect"), bars, "a bar a bin with liquidations");
        assert!(count(marks, "polyline") >= 2, "the price line's dashes");
    });
}

#[test]
fn depth_sides_are_inside_the_plot() {
    let mid = 400.0;
    let side = |sign: f64| -> Vec<(f64, f64)> {
        (1..=40)
            .map(|i| {
                (
                    mid * (1.0 + sign * 0.002 * f64::from(i)),
                    5e4 * f64::from(i),
                )
            })
            .collect()
    };
    let chart = DepthData {
        bids: side(-1.0),
        asks: side(1.0),
        within: 0.05,
    };
    each_size(&chart, |marks, _| {
        assert_eq!(count(marks, "polygon"), 2, "the bids' and the asks' areas");
    });
}

/// Draws a chart without a data type of its own at every size.
fn each_size_drawn(
    draw: impl Fn(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, &Theme) -> Option<Projection>,
    check: impl Fn(&[Shape]),
) {
    for (size, scale) in SIZES {
        let theme = Theme::LIGHT.with_scale(scale);
        let mut svg = String::new();
        let projection = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw(&root, &theme)
        };
        let marks = marks(&svg, &theme);
        assert_inside(&marks, &projection.expect("data drawn"), "chart");
        check(&marks);
    }
}

#[test]
fn daily_fan_bands_and_median_are_inside_the_plot() {
    let (times, values) = daily_closes(31);
    let spread = |k: f64| -> Vec<f64> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| v * (1.0 + k * (i as f64).sqrt() / 20.0))
            .collect()
    };
    let (p5, p25, p75, p95) = (spread(-2.0), spread(-1.0), spread(1.0), spread(2.0));
    let bands = [
        Band {
            label: "5–95 %",
            lower: &p5,
            upper: &p95,
        },
        Band {
            label: "25–75 %",
            lower: &p25,
            upper: &p75,
        },
    ];
    each_size_drawn(
        |root, theme| {
            let chart = FanChart {
                times: &times,
                median: &values,
                bands: &bands,
                format: ValueFormat::Price,
            };
            draw_fan_chart(root, &chart, theme).expect("draws")
        },
        |marks| {
            assert_eq!(count(marks, "polygon"), 2, "a band each");
            assert_eq!(longest(marks, "polyline"), 31, "the median, a vertex a day");
        },
    );
}

#[test]
fn daily_stacked_layers_are_inside_the_plot() {
    let (times, values) = daily_closes(180);
    let half: Vec<f64> = values.iter().map(|v| v / 2.0).collect();
    let layers = [
        Layer {
            label: "TAO",
            values: &values,
        },
        Layer {
            label: "NEAR",
            values: &half,
        },
        Layer {
            label: "ICP",
            values: &values,
        },
    ];
    each_size_drawn(
        |root, theme| {
            let chart = StackedAreaChart {
                times: &times,
                layers: &layers,
                lines: &[],
                markers: &[],
                format: ValueFormat::Price,
            };
            draw_stacked_area_chart(root, &chart, theme).expect("draws")
        },
        |marks| assert_eq!(count(marks, "polygon"), 3, "a band a layer"),
    );
}

#[test]
fn waterfall_bars_are_inside_the_plot() {
    let steps = [
        ("BTC", -0.05),
        ("TAO", -0.12),
        ("NEAR", 0.03),
        ("ICP", -0.08),
    ];
    each_size_drawn(
        |root, theme| {
            let chart = WaterfallChart {
                steps: &steps,
                total_label: "Portfolio",
                format: ValueFormat::Percent,
            };
            draw_waterfall_chart(root, &chart, theme).expect("draws")
        },
        |marks| assert_eq!(count(marks, "rect"), 5, "a bar a step and the total"),
    );
}
