//! What every time chart shares: the empty-data message, and date/value axes with the grid.

use crate::axis::{date_label, decimals_for_span, value_label};
use crate::projection::Projection;
use crate::series_chart::{ChartError, ValueFormat};
use crate::theme::Theme;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A chart with days since 1970-01-01 across and values up.
pub(crate) type TimePlot<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The theme's label font at its device-pixel scale.
pub(crate) fn label_font(theme: &Theme) -> TextStyle<'static> {
    ("sans-serif", f64::from(theme.px(12.0)))
        .into_font()
        .color(&theme.text)
}

/// Writes "No data" in the middle of `root`.
pub(crate) fn no_data<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    root.draw(&Text::new(
        "No data",
        (w as i32 / 2 - theme.px(24.0) as i32, h as i32 / 2),
        label_font(theme),
    ))?;
    root.present().map_err(Into::into)
}

/// The projection of a drawn plot: its plotting area in pixels and the data ranges.
pub(crate) fn projection_of<DB: DrawingBackend>(
    plot: &TimePlot<'_, DB>,
    x: (f64, f64),
    y: (f64, f64),
) -> Projection {
    let (xs, ys) = plot.plotting_area().get_pixel_range();
    Projection {
        left: f64::from(xs.start),
        right: f64::from(xs.end - 1),
        top: f64::from(ys.start),
        bottom: f64::from(ys.end - 1),
        x,
        y,
    }
}

/// Axes over days `x` and values `y`, with grid lines, date labels detailed enough for the span
/// and value labels with as many decimals as the span needs.
pub(crate) fn time_axes<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    format: ValueFormat,
    theme: &Theme,
) -> Result<TimePlot<'a, DB>, ChartError> {
    let span = x1 - x0;
    let decimals = decimals_for_span(y1 - y0);
    let mut plot = ChartBuilder::on(root)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(26.0))
        .y_label_area_size(theme.px(58.0))
        .build_cartesian_2d(x0..x1, y0..y1)?;
    plot.configure_mesh()
        .bold_line_style(theme.grid.stroke_width(theme.px(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(theme.text.stroke_width(theme.px(1.0)))
        .label_style(label_font(theme))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|x| date_label(*x, span))
        .y_label_formatter(&|y| value_label(*y, format, decimals))
        .draw()?;
    Ok(plot)
}
