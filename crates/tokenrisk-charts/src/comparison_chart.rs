//! Several series on one axis (e.g. tokens indexed to 100 against BTC and NVDA), each with
//! its own colour and dash so that colour is not the only cue, and a legend: its drawing, and
//! its data ([`ComparisonData`]) with the tooltip, summary, table and CSV.

use crate::error::ChartError;
use crate::format::{date, percent, ValueFormat};
use crate::frame::{extent, legend, no_data, padded, time_plot};
use crate::kind::{extent_of, ChartKind, DrawChart};
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

/// Several series over the same times, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonData {
    /// Times, Unix seconds.
    pub times: Vec<i64>,
    /// `(label, values, dashed)` per line.
    pub lines: Vec<(String, Vec<f64>, bool)>,
    /// How y labels read.
    pub format: ValueFormat,
    /// The visible span in days (`None`: everything).
    pub window: Option<(f64, f64)>,
    /// The vertical scale.
    pub scale: Scale,
}

impl ComparisonData {
    /// The value of line `line` at point `i` as a table reads it, `n/a` when it has none.
    fn text_at(&self, line: &[f64], i: usize) -> String {
        line.get(i)
            .map_or("n/a".to_owned(), |v| self.format.text(*v))
    }
}

impl ChartKind for ComparisonData {
    fn times(&self) -> Vec<i64> {
        self.times.clone()
    }

    fn extent(&self) -> Option<(f64, f64)> {
        extent_of(&self.times)
    }

    fn window(&self) -> Option<(f64, f64)> {
        self.window.or_else(|| self.extent())
    }

    /// `date · label value · label value …`.
    fn describe(&self, i: usize) -> String {
        let when = self.times.get(i).map(|t| date(*t)).unwrap_or_default();
        let values: Vec<String> = self
            .lines
            .iter()
            .map(|(label, values, _)| format!("{label} {}", self.text_at(values, i)))
            .collect();
        format!("{when} · {}", values.join(" · "))
    }

    /// Each line's change from its first to its last visible value.
    fn summary(&self) -> String {
        let parts: Vec<String> = self
            .lines
            .iter()
            .filter_map(|(label, values, _)| {
                let visible: Vec<f64> = self
                    .times
                    .iter()
                    .zip(values)
                    .filter(|(t, v)| v.is_finite() && self.shows(**t))
                    .map(|(_, v)| *v)
                    .collect();
                let (first, last) = (visible.first()?, visible.last()?);
                Some(format!("{label} {}", percent(last / first - 1.0, 1)))
            })
            .collect();
        format!("Change over the range shown: {}.", parts.join(", "))
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            std::iter::once("Date".to_owned())
                .chain(self.lines.iter().map(|l| l.0.clone()))
                .collect(),
            self.times
                .iter()
                .enumerate()
                .filter(|(_, t)| self.shows(**t))
                .map(|(i, t)| {
                    std::iter::once(date(*t))
                        .chain(self.lines.iter().map(|l| self.text_at(&l.1, i)))
                        .collect()
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(
            std::iter::once("date".to_owned())
                .chain(self.lines.iter().map(|l| l.0.clone()))
                .collect(),
        )
        .chain(
            self.times
                .iter()
                .enumerate()
                .filter(|(_, t)| self.shows(**t))
                .map(|(i, t)| {
                    std::iter::once(date(*t))
                        .chain(
                            self.lines
                                .iter()
                                .map(|l| l.1.get(i).map_or(String::new(), f64::to_string)),
                        )
                        .collect()
                }),
        )
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for ComparisonData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let lines: Vec<Line<'_>> = self
            .lines
            .iter()
            .map(|(label, values, dashed)| Line {
                label,
                times: &self.times,
                values,
                dashed: *dashed,
            })
            .collect();
        let chart = Comparison {
            lines: &lines,
            format: self.format,
            scale: self.scale,
            window: self.window,
        };
        draw_comparison_chart(root, &chart, theme)
    }
}
