//! Several series on one axis (e.g. tokens indexed to 100 against BTC and NVDA), each with
//! its own colour and dash so that colour is not the only cue, and a legend.

use crate::frame::{label_font, no_data, projection_of, time_axes};
use crate::projection::Projection;
use crate::series_chart::{ChartError, ValueFormat};
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use tokenrisk_core::time::SECONDS_PER_DAY;

/// Colours of the lines, in order; each passes 3:1 against white (WCAG AA for graphics).
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(37, 99, 235),
    RGBColor(194, 65, 12),
    RGBColor(21, 128, 61),
    RGBColor(126, 34, 206),
    RGBColor(190, 18, 60),
    RGBColor(15, 118, 110),
    RGBColor(31, 41, 51),
    RGBColor(161, 98, 7),
];

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

/// Draws `lines` on shared axes filling `root`, the i-th in `PALETTE[i % 8]`, with a legend,
/// and returns the projection. No line with data draws a "No data" message and has none.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_comparison_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: &[Line<'_>],
    format: ValueFormat,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let day = SECONDS_PER_DAY as f64;
    let points: Vec<Vec<(f64, f64)>> = lines
        .iter()
        .map(|l| {
            l.times
                .iter()
                .zip(l.values)
                .filter(|(_, v)| v.is_finite())
                .map(|(&t, &v)| (t as f64 / day, v))
                .collect()
        })
        .collect();
    let all = points.iter().flatten();
    let (x0, x1, y0, y1) = all.fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), p| (a.min(p.0), b.max(p.0), c.min(p.1), d.max(p.1)),
    );
    if !x0.is_finite() || x1 <= x0 {
        return no_data(root, theme).map(|()| None);
    }
    let pad = ((y1 - y0) * 0.05).max(1e-9);
    let y = (y0 - pad, y1 + pad);
    let mut cc = time_axes(root, (x0, x1), y, format, theme)?;
    let projection = projection_of(&cc, (x0, x1), y);
    for (i, (line, pts)) in lines.iter().zip(points).enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
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
    cc.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(theme.background.mix(0.85))
        .border_style(theme.grid)
        .label_font(label_font(theme))
        .draw()?;
    root.present()?;
    Ok(Some(projection))
}
