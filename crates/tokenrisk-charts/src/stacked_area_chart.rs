//! Layers stacked over time (supply by source, a portfolio by holding): each layer's band sits
//! on the sum of the ones before it, with a legend in layer order.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{extent, legend, no_data, padded, time_plot};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::days;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One layer: a legend label and a non-negative value per time.
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    /// Legend label.
    pub label: &'a str,
    /// Values, one per time (negative or non-finite values count as 0).
    pub values: &'a [f64],
}

/// Layers over shared times.
#[derive(Debug, Clone, Copy)]
pub struct StackedAreaChart<'a> {
    /// Times, Unix seconds, increasing.
    pub times: &'a [i64],
    /// Layers, bottom first.
    pub layers: &'a [Layer<'a>],
    /// How y labels read.
    pub format: ValueFormat,
}

/// The running sums of `layers` at each time: `tops[k][t] = Σ_{i ≤ k} max(values_i[t], 0)`.
pub fn stack(layers: &[Layer<'_>], len: usize) -> Vec<Vec<f64>> {
    let mut running = vec![0.0; len];
    layers
        .iter()
        .map(|layer| {
            for (sum, v) in running.iter_mut().zip(layer.values) {
                *sum += if v.is_finite() { v.max(0.0) } else { 0.0 };
            }
            running.clone()
        })
        .collect()
}

/// Draws `chart` filling `root` and returns its projection (x in days). Layers whose length
/// differs from the times' draw "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_stacked_area_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &StackedAreaChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let n = chart.times.len();
    if n < 2 || chart.layers.is_empty() || chart.layers.iter().any(|l| l.values.len() != n) {
        return no_data(root, theme).map(|()| None);
    }
    let days: Vec<f64> = chart.times.iter().map(|t| days(*t)).collect();
    let tops = stack(chart.layers, n);
    let (_, hi) = extent(tops[tops.len() - 1].iter().copied());
    let x = (days[0], days[n - 1]);
    let y = (0.0, padded(0.0, hi, 0.05, 1.0).1);
    let (mut cc, projection) = time_plot(root, x, y, Scale::Linear, chart.format, theme)?;
    let zero = vec![0.0; n];
    for (k, layer) in chart.layers.iter().enumerate() {
        let below = if k == 0 { &zero } else { &tops[k - 1] };
        let colour = theme.series(k);
        let outline: Vec<(f64, f64)> = days
            .iter()
            .zip(&tops[k])
            .map(|(d, v)| (*d, *v))
            .chain(days.iter().zip(below).rev().map(|(d, v)| (*d, *v)))
            .collect();
        cc.draw_series(std::iter::once(Polygon::new(
            outline,
            colour.mix(0.45).filled(),
        )))?
        .label(layer.label)
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.filled()));
        cc.draw_series(LineSeries::new(
            days.iter().zip(&tops[k]).map(|(d, v)| (*d, *v)),
            colour.stroke_width(theme.px(1.5)),
        ))?;
    }
    legend(&mut cc, theme)?;
    root.present()?;
    Ok(Some(projection))
}
