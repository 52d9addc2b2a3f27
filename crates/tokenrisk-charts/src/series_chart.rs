//! A time-series chart: one series over dates, as a line (prices) or an area down to zero
//! (drawdowns).

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{extent, no_data, padded, time_plot};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::{days, in_window};
use plotters::coord::Shift;
use plotters::prelude::*;

/// How the series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A line in the theme's line colour.
    Line,
    /// A line with the area below it, down to the bottom of the plot, lightly filled.
    Area,
    /// An outlined area between the series and zero in the theme's loss colour.
    AreaToZero,
    /// A column from zero for each point (volumes), 80 % of the spacing between points wide.
    Columns,
}

/// One series to draw: times (Unix seconds) and values of equal length.
#[derive(Debug, Clone, Copy)]
pub struct SeriesChart<'a> {
    /// Observation times, Unix seconds, increasing.
    pub times: &'a [i64],
    /// Values, one per time.
    pub values: &'a [f64],
    /// How y labels read.
    pub format: ValueFormat,
    /// Line or area.
    pub style: SeriesStyle,
    /// The visible span, days since 1970-01-01; `None` shows every point.
    pub window: Option<(f64, f64)>,
    /// The vertical scale; relative scales start from the first visible value.
    pub scale: Scale,
}

impl SeriesChart<'_> {
    /// The visible points as `(day, value)`, finite values only.
    pub fn visible(&self) -> Vec<(f64, f64)> {
        self.times
            .iter()
            .zip(self.values)
            .filter(|(&t, v)| v.is_finite() && in_window(self.window, t))
            .map(|(&t, &v)| (days(t), v))
            .collect()
    }
}

/// Draws `chart` filling `root` and returns its projection (for the pointer and the
/// crosshair): x in days, y in plotted units (the logarithm on a log scale, the change on a
/// percent scale). Nothing visible draws a "No data" message and has none.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_series_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SeriesChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let visible = chart.visible();
    let base = visible.first().map_or(f64::NAN, |p| p.1);
    let points: Vec<(f64, f64)> = visible
        .iter()
        .filter_map(|&(d, v)| chart.scale.plot(v, base).map(|p| (d, p)))
        .collect();
    if points.is_empty() || chart.times.len() != chart.values.len() {
        return no_data(root, theme).map(|()| None);
    }
    let x = chart
        .window
        .filter(|(a, b)| b > a)
        .unwrap_or_else(|| padded(points[0].0, points[points.len() - 1].0, 0.0, 1.0));
    let (lo, hi) = extent(points.iter().map(|p| p.1));
    let y = match chart.style {
        SeriesStyle::Line | SeriesStyle::Area => padded(lo, hi, 0.05, hi.abs() * 0.01 + 1e-9),
        SeriesStyle::AreaToZero => (padded(lo.min(0.0), 0.0, 0.05, 0.01).0, 0.0),
        SeriesStyle::Columns => (0.0, padded(0.0, hi.max(0.0), 0.05, 1.0).1),
    };
    let (mut cc, projection) = time_plot(root, x, y, chart.scale, chart.format, theme)?;
    match chart.style {
        SeriesStyle::Line => {
            cc.draw_series(LineSeries::new(
                points,
                theme.line.stroke_width(theme.px(2.0)),
            ))?;
        }
        SeriesStyle::Area => {
            cc.draw_series(
                AreaSeries::new(points, y.0, theme.line.mix(0.15))
                    .border_style(theme.line.stroke_width(theme.px(2.0))),
            )?;
        }
        SeriesStyle::AreaToZero => {
            cc.draw_series(
                AreaSeries::new(points, 0.0, theme.loss.mix(0.22))
                    .border_style(theme.loss.stroke_width(theme.px(2.0))),
            )?;
        }
        SeriesStyle::Columns => {
            let spacing = points
                .windows(2)
                .map(|w| w[1].0 - w[0].0)
                .fold(f64::INFINITY, f64::min);
            let half = if spacing.is_finite() {
                spacing * 0.4
            } else {
                0.4
            };
            let fill = theme.line.mix(0.6).filled();
            cc.draw_series(
                points
                    .iter()
                    .map(|&(d, v)| Rectangle::new([(d - half, 0.0), (d + half, v)], fill)),
            )?;
        }
    }
    root.present()?;
    Ok(Some(projection))
}
