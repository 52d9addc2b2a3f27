//! What every chart shares: the empty-data message, axes with chosen ticks and a grid, and the
//! projection of what was drawn.

use crate::axis::{date_label, date_ticks};
use crate::error::ChartError;
use crate::format::{decimals_for_span, value_label, ValueFormat};
use crate::projection::Projection;
use crate::scale::{linear_ticks, log_ticks, Scale};
use crate::theme::Theme;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A plot with chosen ticks on both axes, `f64` across and up.
pub(crate) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Ticked, Ticked>>;

/// A linear `f64` coordinate whose grid lines and labels sit at chosen ticks.
#[derive(Debug, Clone)]
pub(crate) struct Ticked {
    range: (f64, f64),
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let (lo, hi) = self.range;
        if hi <= lo {
            return (limit.0 + limit.1) / 2;
        }
        let fraction = (value - lo) / (hi - lo);
        limit.0 + (f64::from(limit.1 - limit.0) * fraction + 1e-3).floor() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.0..self.range.1
    }
}

/// One axis: its range and its ticks as `(position, label)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    /// Shown range, low to high.
    pub range: (f64, f64),
    /// Tick positions and their labels.
    pub ticks: Vec<(f64, String)>,
}

impl Axis {
    /// A date axis over days `range` for a plot about `plot_css_width` CSS pixels wide: a
    /// label every ~90 px at most, none so close to the right end that it would be cut.
    pub fn dates(range: (f64, f64), plot_css_width: f64) -> Self {
        let span = range.1 - range.0;
        let most = (plot_css_width / 90.0).floor().max(2.0) as usize;
        Self {
            range,
            ticks: date_ticks(range.0, range.1, most)
                .into_iter()
                .filter(|d| (range.1 - d) / span * plot_css_width >= 28.0)
                .map(|d| (d, date_label(d, span)))
                .collect(),
        }
    }

    /// A value axis over plotted `range` for `scale` (ticks at nice values; on a log scale at
    /// 1, 2, 5 × 10ᵏ), labelled as `format` says.
    pub fn values(range: (f64, f64), scale: Scale, format: ValueFormat) -> Self {
        let (lo, hi) = range;
        let ticks = match scale {
            Scale::Log => log_ticks(lo.exp(), hi.exp())
                .into_iter()
                .map(|v| {
                    let decimals = (-v.log10().floor()).max(0.0) as usize;
                    (v.ln(), value_label(v, ValueFormat::Price, decimals))
                })
                .collect(),
            _ => {
                let ticks = linear_ticks(lo, hi, 5);
                let step = ticks
                    .get(1)
                    .zip(ticks.first())
                    .map_or(hi - lo, |(b, a)| b - a);
                let decimals = match format {
                    ValueFormat::Percent => decimals_for_span(step * 500.0),
                    ValueFormat::Price | ValueFormat::Compact | ValueFormat::Days => {
                        decimals_for_span(step * 5.0)
                    }
                };
                ticks
                    .into_iter()
                    .map(|t| (t, value_label(t, format, decimals)))
                    .collect()
            }
        };
        Self { range, ticks }
    }

    fn label(&self, at: f64) -> String {
        self.ticks
            .iter()
            .find(|(t, _)| (t - at).abs() <= 1e-9 * t.abs().max(1.0))
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    }
}

/// A date axis over `range` sized for `root`: its width less the value labels and margins.
pub(crate) fn date_axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    range: (f64, f64),
    theme: &Theme,
) -> Axis {
    let css_width = f64::from(root.dim_in_pixel().0) / theme.scale;
    Axis::dates(range, (css_width - 74.0).max(60.0))
}

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
    plot: &Plot<'_, DB>,
    x: &Axis,
    y: &Axis,
) -> Projection {
    let (xs, ys) = plot.plotting_area().get_pixel_range();
    Projection {
        left: f64::from(xs.start),
        right: f64::from(xs.end - 1),
        top: f64::from(ys.start),
        bottom: f64::from(ys.end - 1),
        x: x.range,
        y: y.range,
    }
}

/// Axes `x` and `y` with grid lines at their ticks and the ticks' labels.
pub(crate) fn axes<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    x: &Axis,
    y: &Axis,
    theme: &Theme,
) -> Result<Plot<'a, DB>, ChartError> {
    let keyed = |axis: &Axis| Ticked {
        range: axis.range,
        ticks: axis.ticks.iter().map(|(t, _)| *t).collect(),
    };
    let mut plot = ChartBuilder::on(root)
        .margin(theme.px(8.0))
        .x_label_area_size(theme.px(26.0))
        .y_label_area_size(theme.px(58.0))
        .build_cartesian_2d(keyed(x), keyed(y))?;
    plot.configure_mesh()
        .bold_line_style(theme.grid.stroke_width(theme.px(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(theme.text.stroke_width(theme.px(1.0)))
        .label_style(label_font(theme))
        .x_label_formatter(&|v| x.label(*v))
        .y_label_formatter(&|v| y.label(*v))
        .draw()?;
    Ok(plot)
}

/// A time plot over days `x` and plotted values `y` on `scale` (a percent-change scale labels
/// its values as percentages), with its projection.
pub(crate) fn time_plot<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    x: (f64, f64),
    y: (f64, f64),
    scale: Scale,
    format: ValueFormat,
    theme: &Theme,
) -> Result<(Plot<'a, DB>, Projection), ChartError> {
    let format = match scale {
        Scale::PercentChange => ValueFormat::Percent,
        _ => format,
    };
    let (x_axis, y_axis) = (date_axis(root, x, theme), Axis::values(y, scale, format));
    let plot = axes(root, &x_axis, &y_axis, theme)?;
    let projection = projection_of(&plot, &x_axis, &y_axis);
    Ok((plot, projection))
}

/// Draws the legend of the labelled series in the upper left corner.
pub(crate) fn legend<'a, DB: DrawingBackend + 'a>(
    plot: &mut Plot<'a, DB>,
    theme: &Theme,
) -> Result<(), ChartError> {
    plot.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(theme.background.mix(0.85))
        .border_style(theme.grid)
        .label_font(label_font(theme))
        .draw()?;
    Ok(())
}

/// `[lo, hi]` widened by `fraction` of its span on each side, or by `flat` when the span is 0.
pub(crate) fn padded(lo: f64, hi: f64, fraction: f64, flat: f64) -> (f64, f64) {
    let span = hi - lo;
    if span > 0.0 {
        (lo - span * fraction, hi + span * fraction)
    } else {
        (lo - flat, hi + flat)
    }
}

/// The smallest and largest of `values` (infinities when there are none).
pub(crate) fn extent(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}
