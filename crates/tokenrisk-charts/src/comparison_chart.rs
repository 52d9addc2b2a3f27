//! Several series on one axis (e.g. tokens indexed to 100 against BTC and NVDA), each with
//! its own colour and dash so that colour is not the only cue, and a legend.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{extent, legend, no_data, padded, time_plot};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::series_chart::{SeriesChart, SeriesStyle};
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line: a label for the legend, times (Unix seconds) and values.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Legend label.
    pub label: &'a str,
    /// Times, increasing.
    pub times: &'a [i64],
    /// Values, one per time.
    pub values: &'a [f64],
    /// Drawn dashed (for benchmarks).
    pub dashed: bool,
}

/// Lines on shared axes.
#[derive(Debug, Clone, Copy)]
pub struct Comparison<'a> {
    /// The lines, drawn in order.
    pub lines: &'a [Line<'a>],
    /// How y labels read.
    pub format: ValueFormat,
    /// The vertical scale; relative scales start each line from its first visible value
    /// (indexed to 100 compares lines from the left edge of what is shown).
    pub scale: Scale,
    /// The visible span, days since 1970-01-01; `None` shows every point.
    pub window: Option<(f64, f64)>,
}

/// Draws `chart` filling `root`, the i-th line in `PALETTE[i % 8]`, with a legend, and returns
/// the projection. No visible data draws a "No data" message and has none.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_comparison_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Comparison<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let points: Vec<Vec<(f64, f64)>> = chart
        .lines
        .iter()
        .map(|l| {
            let visible = SeriesChart {
                times: l.times,
                values: l.values,
                format: chart.format,
                style: SeriesStyle::Line,
                window: chart.window,
                scale: chart.scale,
            }
            .visible();
            let base = visible.first().map_or(f64::NAN, |p| p.1);
            visible
                .into_iter()
                .filter_map(|(d, v)| chart.scale.plot(v, base).map(|p| (d, p)))
                .collect()
        })
        .collect();
    let (x0, x1) = extent(points.iter().flatten().map(|p| p.0));
    let (y0, y1) = extent(points.iter().flatten().map(|p| p.1));
    if !x0.is_finite() || x1 <= x0 {
        return no_data(root, theme).map(|()| None);
    }
    let x = chart.window.filter(|(a, b)| b > a).unwrap_or((x0, x1));
    let y = padded(y0, y1, 0.05, 1e-9);
    let (mut cc, projection) = time_plot(root, x, y, chart.scale, chart.format, theme)?;
    for (i, (line, pts)) in chart.lines.iter().zip(points).enumerate() {
        let colour = theme.series(i);
        let style = colour.stroke_width(theme.px(if line.dashed { 2.0 } else { 1.5 }));
        let legend_style = style;
        if line.dashed {
            cc.draw_series(DashedLineSeries::new(
                pts,
                theme.px(6.0),
                theme.px(4.0),
                style,
            ))?
        } else {
            cc.draw_series(LineSeries::new(pts, style))?
        }
        .label(line.label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], legend_style));
    }
    legend(&mut cc, theme)?;
    root.present()?;
    Ok(Some(projection))
}
