//! A waterfall: how a total is built from signed steps (liquidation rounds of a cascade, each
//! holding's part of a loss). Each bar floats from the running total before it; gains are
//! outlined, losses filled, and every bar carries its value.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{axes, extent, label_font, no_data, padded, projection_of, Axis};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Steps and the total they add up to.
#[derive(Debug, Clone, Copy)]
pub struct WaterfallChart<'a> {
    /// `(label, change)` per step, in order.
    pub steps: &'a [(&'a str, f64)],
    /// Label of the closing bar (the sum of the steps).
    pub total_label: &'a str,
    /// How values read.
    pub format: ValueFormat,
}

/// The running totals before and after each step: `(start, end)` with `end = start + change`.
pub fn running(steps: &[(&str, f64)]) -> Vec<(f64, f64)> {
    steps
        .iter()
        .scan(0.0, |total, (_, change)| {
            let start = *total;
            *total += change;
            Some((start, *total))
        })
        .collect()
}

fn value_text(v: f64, format: ValueFormat) -> String {
    let text = match format {
        ValueFormat::Percent => format!("{:+.1}%", v * 100.0),
        ValueFormat::Price => format!("{v:+.2}"),
        ValueFormat::Compact => {
            let sign = if v >= 0.0 { "+" } else { "" };
            format!("{sign}{}", crate::format::compact_label(v))
        }
    };
    text.replace('-', "−")
}

/// Draws `chart` filling `root` and returns its projection (x in bar units: bar `i` is centred
/// on `i + 0.5`; y in values). No steps, or a non-finite one, draws "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_waterfall_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &WaterfallChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    if chart.steps.is_empty() || chart.steps.iter().any(|(_, c)| !c.is_finite()) {
        return no_data(root, theme).map(|()| None);
    }
    let spans = running(chart.steps);
    let total = spans[spans.len() - 1].1;
    let (lo, hi) = extent(spans.iter().flat_map(|(a, b)| [*a, *b]).chain([0.0, total]));
    let y = padded(lo, hi, 0.12, 1e-9);
    let bars = chart.steps.len() + 1;
    let labels: Vec<(f64, String)> = chart
        .steps
        .iter()
        .map(|(l, _)| (*l).to_owned())
        .chain([chart.total_label.to_owned()])
        .enumerate()
        .map(|(i, l)| (i as f64 + 0.5, l))
        .collect();
    let x_axis = Axis {
        range: (0.0, bars as f64),
        ticks: labels,
    };
    let y_axis = Axis::values(y, Scale::Linear, chart.format);
    let mut cc = axes(root, &x_axis, &y_axis, theme)?;
    let projection = projection_of(&cc, &x_axis, &y_axis);
    let font = label_font(theme);
    for (i, ((_, change), (start, end))) in chart.steps.iter().zip(&spans).enumerate() {
        let (x0, x1) = (i as f64 + 0.15, i as f64 + 0.85);
        let style = if *change >= 0.0 {
            theme.gain.stroke_width(theme.px(2.0))
        } else {
            theme.loss.filled()
        };
        cc.draw_series(std::iter::once(Rectangle::new(
            [(x0, *start), (x1, *end)],
            style,
        )))?;
        if i + 1 < bars {
            cc.draw_series(std::iter::once(PathElement::new(
                vec![(x1, *end), (x1 + 0.3, *end)],
                theme.grid.stroke_width(theme.px(1.0)),
            )))?;
        }
        let (at, anchor) = if *change >= 0.0 {
            (start.max(*end), VPos::Bottom)
        } else {
            (start.min(*end), VPos::Top)
        };
        cc.draw_series(std::iter::once(Text::new(
            value_text(*change, chart.format),
            (i as f64 + 0.5, at),
            font.pos(Pos::new(HPos::Center, anchor)),
        )))?;
    }
    let i = chart.steps.len() as f64;
    cc.draw_series(std::iter::once(Rectangle::new(
        [(i + 0.15, 0.0), (i + 0.85, total)],
        theme.line.mix(0.8).filled(),
    )))?;
    let anchor = if total >= 0.0 {
        VPos::Bottom
    } else {
        VPos::Top
    };
    cc.draw_series(std::iter::once(Text::new(
        value_text(total, chart.format),
        (i + 0.5, total),
        font.pos(Pos::new(HPos::Center, anchor)),
    )))?;
    root.present()?;
    Ok(Some(projection))
}
