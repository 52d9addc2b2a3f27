//! Every chart type drawn to SVG at the spacing and size its page uses, from data made here
//! (no shared files): the marks (bodies, bars, lines, areas, cells) must be drawn, visible,
//! as many as the data has, and inside the plotting area that the returned projection gives.

mod common;
use common::{assert_inside, marks, Shape, HOUR};
use plotters::prelude::*;
use tokenrisk_charts::{
    draw_candlestick_chart, Candle, CandlestickChart, Projection, Scale, Theme,
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
