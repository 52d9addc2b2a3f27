//! The chart's own arithmetic under any numbers a gesture, a resize or a data file can give:
//! wheel factors, zoom, pan and fit of the window, value ticks on linear and log scales, and a
//! whole drawing (date ticks, labels, projection) at any size and window, and a liquidation map
//! of any numbers, on the SVG backend.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plotters::prelude::*;
use tokenrisk_charts::kind::DrawChart;
use tokenrisk_charts::scale::{linear_ticks, log_ticks};
use tokenrisk_charts::zoom::{fit, pan, wheel_factor, zoom};
use tokenrisk_charts::{
    ChartData, ChartKind, LiquidationMapData, Scale, SeriesStyle, Theme, ValueFormat,
};
use tokenrisk_core::time::is_supported_unix;

fuzz_target!(|data: &[u8]| {
    let n = |i| tokenrisk_fuzz::number(data, i);
    let window = (n(0), n(1));
    let extent = (n(2), n(3));
    let _ = zoom(window, n(4), wheel_factor(n(5)), extent, n(6));
    let _ = pan(window, n(7), extent);
    let _ = fit(window, extent, n(6));
    let _ = linear_ticks(n(0), n(1), 5);
    let _ = log_ticks(n(0), n(1));

    // A drawing: the header holds the size, scale and window; the rest, (time, value) pairs.
    let Some(header) = data.get(..8) else {
        return;
    };
    let (width, height) = (u32::from(header[0]) * 4 + 1, u32::from(header[1]) * 2 + 1);
    let scale = [
        Scale::Linear,
        Scale::Log,
        Scale::PercentChange,
        Scale::Indexed,
    ][usize::from(header[2] % 4)];
    let body = &data[8..];
    let mut times: Vec<i64> = body
        .chunks_exact(16)
        .map(|c| i64::from_le_bytes(c[..8].try_into().expect("8 bytes")))
        // Chart data come from validated series: times within the years 1900–9999.
        .filter(|t| is_supported_unix(*t))
        .collect();
    times.sort_unstable();
    times.dedup();
    let values: Vec<f64> = body
        .chunks_exact(16)
        .map(|c| f64::from_le_bytes(c[8..].try_into().expect("8 bytes")))
        .take(times.len())
        .collect();
    let chart = ChartData {
        label: "=fuzz, \"close\"".to_owned(),
        times,
        values,
        format: ValueFormat::Price,
        style: SeriesStyle::Line,
        window: (header[3] % 2 == 0).then_some(window),
        scale,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        if let Ok(Some(projection)) = chart.draw(&root, &Theme::LIGHT) {
            let _ = projection.to_data(n(4), n(5));
        }
    }
    let _ = chart.summary();
    let _ = chart.csv();

    // A liquidation map of any numbers: `(low, high, long, short)` from the values, four at a
    // time, the price marked at the first wheel number.
    let map = LiquidationMapData {
        bins: chart
            .values
            .chunks_exact(4)
            .map(|b| (b[0], b[1], b[2], b[3]))
            .collect(),
        price: n(4),
        notes: vec!["=fuzz".to_owned()],
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = map.draw(&root, &Theme::DARK);
    }
    let _ = map.summary();
    let _ = map.csv();
});
