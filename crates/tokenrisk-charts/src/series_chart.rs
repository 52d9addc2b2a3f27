//! A time-series chart: one series over dates, as a line (prices) or an area down to zero
//! (drawdowns).

use crate::frame::{no_data, projection_of, time_axes};
use crate::projection::Projection;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use tokenrisk_core::time::SECONDS_PER_DAY;

/// A drawing failure, with the backend's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart drawing failed: {0}")]
pub struct ChartError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Self(e.to_string())
    }
}

/// How the y values are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueFormat {
    /// Prices in quote currency.
    Price,
    /// Fractions shown as percentages.
    Percent,
}

/// How the series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A line in the theme's line colour.
    Line,
    /// An outlined area between the series and zero in the theme's loss colour.
    AreaToZero,
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
}

/// Draws `chart` filling `root` and returns its projection (for the pointer and the
/// crosshair). An empty or mismatched series draws a "No data" message and has none.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_series_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SeriesChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let points: Vec<(f64, f64)> = chart
        .times
        .iter()
        .zip(chart.values)
        .filter(|(_, v)| v.is_finite())
        .map(|(&t, &v)| (t as f64 / SECONDS_PER_DAY as f64, v))
        .collect();
    if points.is_empty() || chart.times.len() != chart.values.len() {
        return no_data(root, theme).map(|()| None);
    }
    let x = padded(points[0].0, points[points.len() - 1].0, 0.0, 1.0);
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let y = match chart.style {
        SeriesStyle::Line => padded(lo, hi, 0.05, hi.abs() * 0.01 + 1e-9),
        SeriesStyle::AreaToZero => (padded(lo.min(0.0), 0.0, 0.05, 0.01).0, 0.0),
    };
    let mut cc = time_axes(root, x, y, chart.format, theme)?;
    let projection = projection_of(&cc, x, y);
    match chart.style {
        SeriesStyle::Line => {
            cc.draw_series(LineSeries::new(
                points,
                theme.line.stroke_width(theme.px(2.0)),
            ))?;
        }
        SeriesStyle::AreaToZero => {
            cc.draw_series(
                AreaSeries::new(points, 0.0, theme.loss.mix(0.22))
                    .border_style(theme.loss.stroke_width(theme.px(2.0))),
            )?;
        }
    }
    root.present()?;
    Ok(Some(projection))
}

/// `[lo, hi]` widened by `fraction` of its span on each side, or by `flat` when the span is 0.
fn padded(lo: f64, hi: f64, fraction: f64, flat: f64) -> (f64, f64) {
    let span = hi - lo;
    if span > 0.0 {
        (lo - span * fraction, hi + span * fraction)
    } else {
        (lo - flat, hi + flat)
    }
}
