//! A waterfall: how a total is built from signed steps (liquidation rounds of a cascade, each
//! holding's part of a loss). Each bar floats from the running total before it; gains are
//! outlined, losses filled, and every bar carries its value.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{axes, extent, label_font, no_data, padded, projection_of, Axis};
use crate::kind::{ChartKind, DrawChart};
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
        ValueFormat::Days => format!("{v:+.1} d"),
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

/// A waterfall's steps, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallData {
    /// `(label, change)` per step, in order.
    pub steps: Vec<(String, f64)>,
    /// Label of the closing bar (the sum of the steps).
    pub total_label: String,
    /// How values read.
    pub format: ValueFormat,
}

impl WaterfallData {
    fn borrowed(&self) -> Vec<(&str, f64)> {
        self.steps.iter().map(|(l, c)| (l.as_str(), *c)).collect()
    }

    /// Each step with the running total after it, then the total.
    fn rows(&self) -> impl Iterator<Item = (&str, f64, f64)> {
        let spans = running(&self.borrowed());
        let total = spans.last().map_or(0.0, |s| s.1);
        self.steps
            .iter()
            .zip(spans)
            .map(|((l, c), (_, end))| (l.as_str(), *c, end))
            .chain(std::iter::once((self.total_label.as_str(), total, total)))
    }
}

impl ChartKind for WaterfallData {
    /// The total, then the largest step.
    fn summary(&self) -> String {
        let Some((label, change)) = self
            .steps
            .iter()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        else {
            return "No steps.".to_owned();
        };
        let total: f64 = self.steps.iter().map(|s| s.1).sum();
        format!(
            "{}: {} over {} steps; the largest, {label}, {}.",
            self.total_label,
            self.format.text(total),
            self.steps.len(),
            self.format.text(*change),
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            vec![
                "Step".to_owned(),
                "Change".to_owned(),
                "Running total".to_owned(),
            ],
            self.rows()
                .map(|(l, c, t)| vec![l.to_owned(), self.format.text(c), self.format.text(t)])
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(vec![
            "step".to_owned(),
            "change".to_owned(),
            "running_total".to_owned(),
        ])
        .chain(
            self.rows()
                .map(|(l, c, t)| vec![l.to_owned(), c.to_string(), t.to_string()]),
        )
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for WaterfallData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let steps = self.borrowed();
        let chart = WaterfallChart {
            steps: &steps,
            total_label: &self.total_label,
            format: self.format,
        };
        draw_waterfall_chart(root, &chart, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cascade() -> WaterfallData {
        WaterfallData {
            steps: vec![
                ("Shock".to_owned(), -0.08),
                ("Round 1".to_owned(), -0.015),
                ("Round 2".to_owned(), -0.005),
            ],
            total_label: "Cascade".to_owned(),
            format: ValueFormat::Percent,
        }
    }

    #[test]
    fn the_table_and_csv_carry_each_step_its_running_total_and_the_total() {
        let (head, rows) = cascade().table();
        assert_eq!(head, ["Step", "Change", "Running total"]);
        assert_eq!(rows[1], ["Round 1", "−1.50%", "−9.50%"]);
        assert_eq!(rows[3], ["Cascade", "−10.00%", "−10.00%"]);
        let csv = cascade().csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "step,change,running_total");
        assert_eq!(lines.len(), 5);
        let last: Vec<f64> = lines[4]
            .split(',')
            .skip(1)
            .map(|v| v.parse().expect("number"))
            .collect();
        assert!((last[0] + 0.1).abs() < 1e-12 && (last[1] + 0.1).abs() < 1e-12);
    }

    #[test]
    fn the_summary_names_the_total_and_the_largest_step() {
        assert_eq!(
            cascade().summary(),
            "Cascade: −10.00% over 3 steps; the largest, Shock, −8.00%."
        );
        let empty = WaterfallData {
            steps: Vec::new(),
            ..cascade()
        };
        assert_eq!(empty.summary(), "No steps.");
        assert_eq!(empty.table().1.len(), 1, "the total alone");
    }
}
