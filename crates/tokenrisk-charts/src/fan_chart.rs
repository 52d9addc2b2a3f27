//! A fan chart (Monte Carlo bands): the median path with quantile bands around it, widest and
//! lightest outside, so the spread of outcomes reads at a glance.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{extent, legend, no_data, padded, time_plot};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::days;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A band between two quantile paths.
#[derive(Debug, Clone, Copy)]
pub struct Band<'a> {
    /// Legend label, e.g. "5–95 %".
    pub label: &'a str,
    /// Lower path, one value per time.
    pub lower: &'a [f64],
    /// Upper path.
    pub upper: &'a [f64],
}

/// Paths over shared times.
#[derive(Debug, Clone, Copy)]
pub struct FanChart<'a> {
    /// Times, Unix seconds, increasing.
    pub times: &'a [i64],
    /// The median path.
    pub median: &'a [f64],
    /// Bands, widest first.
    pub bands: &'a [Band<'a>],
    /// How y labels read.
    pub format: ValueFormat,
}

/// Draws `chart` filling `root` and returns its projection (x in days). Paths whose length
/// differs from the times' draw "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_fan_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &FanChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let n = chart.times.len();
    let fits = |p: &[f64]| p.len() == n && p.iter().all(|v| v.is_finite());
    if n < 2 || !fits(chart.median) || chart.bands.iter().any(|b| !fits(b.lower) || !fits(b.upper))
    {
        return no_data(root, theme).map(|()| None);
    }
    let days: Vec<f64> = chart.times.iter().map(|t| days(*t)).collect();
    let all = chart
        .bands
        .iter()
        .flat_map(|b| b.lower.iter().chain(b.upper))
        .chain(chart.median)
        .copied();
    let (lo, hi) = extent(all);
    let x = (days[0], days[n - 1]);
    let y = padded(lo, hi, 0.05, hi.abs() * 0.01 + 1e-9);
    let (mut cc, projection) = time_plot(root, x, y, Scale::Linear, chart.format, theme)?;
    let count = chart.bands.len().max(1) as f64;
    for (k, band) in chart.bands.iter().enumerate() {
        let opacity = 0.15 + 0.25 * (k as f64 + 1.0) / count;
        let outline: Vec<(f64, f64)> = days
            .iter()
            .zip(band.upper)
            .map(|(d, v)| (*d, *v))
            .chain(days.iter().zip(band.lower).rev().map(|(d, v)| (*d, *v)))
            .collect();
        let fill = theme.line.mix(opacity);
        cc.draw_series(std::iter::once(Polygon::new(outline, fill.filled())))?
            .label(band.label)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], fill.filled()));
    }
    let line = theme.line.stroke_width(theme.px(2.0));
    cc.draw_series(LineSeries::new(
        days.iter().zip(chart.median).map(|(d, v)| (*d, *v)),
        line,
    ))?
    .label("median")
    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], line));
    legend(&mut cc, theme)?;
    root.present()?;
    Ok(Some(projection))
}
