//! Layers stacked over time (supply by source, a portfolio by holding): each layer's band sits
//! on the sum of the ones before it, with a legend in layer order; lines drawn over the bands
//! unstacked (circulating supply, a cap) and dated markers (halvings).

use crate::error::ChartError;
use crate::format::{date, ValueFormat};
use crate::frame::{extent, label_font, legend, no_data, padded, time_plot};
use crate::histogram_chart::Marker;
use crate::kind::{extent_of, ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::days;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    /// Lines drawn over the bands, not stacked (dashed), e.g. circulating supply or a cap.
    pub lines: &'a [Layer<'a>],
    /// Dated vertical lines (`at` in days since 1970-01-01), e.g. halvings.
    pub markers: &'a [Marker<'a>],
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

/// Draws `chart` filling `root` and returns its projection (x in days). Layers or lines whose
/// length differs from the times' draw "No data".
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
    let misfit = |layers: &[Layer<'_>]| layers.iter().any(|l| l.values.len() != n);
    if n < 2 || chart.layers.is_empty() || misfit(chart.layers) || misfit(chart.lines) {
        return no_data(root, theme).map(|()| None);
    }
    let days: Vec<f64> = chart.times.iter().map(|t| days(*t)).collect();
    let tops = stack(chart.layers, n);
    let (_, hi) = extent(
        tops[tops.len() - 1]
            .iter()
            .chain(chart.lines.iter().flat_map(|l| l.values))
            .copied(),
    );
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
    for (k, line) in chart.lines.iter().enumerate() {
        let style = theme
            .series(chart.layers.len() + k)
            .stroke_width(theme.px(2.0));
        cc.draw_series(DashedLineSeries::new(
            days.iter()
                .zip(line.values)
                .filter(|(_, v)| v.is_finite())
                .map(|(d, v)| (*d, *v)),
            theme.px(6.0),
            theme.px(4.0),
            style,
        ))?
        .label(line.label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
    }
    let font = label_font(theme).pos(Pos::new(HPos::Left, VPos::Top));
    let marker_style = theme.text.mix(0.6).stroke_width(theme.px(1.0));
    for (i, marker) in chart
        .markers
        .iter()
        .filter(|m| m.at >= x.0 && m.at <= x.1)
        .enumerate()
    {
        cc.draw_series(DashedLineSeries::new(
            [(marker.at, y.0), (marker.at, y.1)],
            theme.px(4.0),
            theme.px(3.0),
            marker_style,
        ))?;
        cc.draw_series(std::iter::once(Text::new(
            marker.label.to_owned(),
            (marker.at, y.1 * (0.9 - 0.07 * (i % 3) as f64)),
            font.clone(),
        )))?;
    }
    legend(&mut cc, theme)?;
    root.present()?;
    Ok(Some(projection))
}

/// Stacked layers over time, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedAreaData {
    /// What the layers add up to, for the summary (e.g. "TAO total supply").
    pub label: String,
    /// Times, Unix seconds, increasing.
    pub times: Vec<i64>,
    /// `(label, values)` of each layer, bottom first.
    pub layers: Vec<(String, Vec<f64>)>,
    /// `(label, values)` of each line drawn over the bands, not stacked.
    pub lines: Vec<(String, Vec<f64>)>,
    /// `(label, time)` of each dated marker, Unix seconds.
    pub markers: Vec<(String, i64)>,
    /// How values read.
    pub format: ValueFormat,
}

impl StackedAreaData {
    /// The layers' sum at time `i`.
    fn top(&self, i: usize) -> f64 {
        self.layers
            .iter()
            .filter_map(|(_, v)| v.get(i))
            .filter(|v| v.is_finite())
            .map(|v| v.max(0.0))
            .sum()
    }

    /// Every series by name: the layers, their sum, then the lines.
    fn columns(&self) -> Vec<(&str, Vec<Option<f64>>)> {
        let n = self.times.len();
        self.layers
            .iter()
            .chain(&self.lines)
            .map(|(label, values)| {
                (
                    label.as_str(),
                    (0..n).map(|i| values.get(i).copied()).collect(),
                )
            })
            .chain(std::iter::once((
                self.label.as_str(),
                (0..n).map(|i| Some(self.top(i))).collect(),
            )))
            .collect()
    }
}

impl ChartKind for StackedAreaData {
    fn times(&self) -> Vec<i64> {
        self.times.clone()
    }

    fn extent(&self) -> Option<(f64, f64)> {
        extent_of(&self.times)
    }

    fn describe(&self, i: usize) -> String {
        let when = self.times.get(i).map(|t| date(*t)).unwrap_or_default();
        let parts: Vec<String> = self
            .columns()
            .iter()
            .filter_map(|(label, values)| {
                Some(format!(
                    "{label} {}",
                    self.format.text(values.get(i).copied()??)
                ))
            })
            .collect();
        format!("{when}: {}", parts.join(", "))
    }

    /// The stack's sum at the first and last time, its layers, and the markers.
    fn summary(&self) -> String {
        let (Some(first), Some(last)) = (self.times.first(), self.times.last()) else {
            return format!("{}: no data.", self.label);
        };
        let n = self.times.len();
        let layers: Vec<&str> = self.layers.iter().map(|(l, _)| l.as_str()).collect();
        let marks: Vec<String> = self
            .markers
            .iter()
            .map(|(l, t)| format!("{l} on {}", date(*t)))
            .collect();
        format!(
            "{} from {} on {} to {} on {}, stacked from {}{}.",
            self.label,
            self.format.text(self.top(0)),
            date(*first),
            self.format.text(self.top(n - 1)),
            date(*last),
            layers.join(", "),
            if marks.is_empty() {
                String::new()
            } else {
                format!("; marked: {}", marks.join("; "))
            }
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let columns = self.columns();
        let header = std::iter::once("Date".to_owned())
            .chain(columns.iter().map(|(l, _)| (*l).to_owned()))
            .collect();
        let rows = self
            .times
            .iter()
            .enumerate()
            .map(|(i, t)| {
                std::iter::once(date(*t))
                    .chain(
                        columns
                            .iter()
                            .map(|(_, v)| v[i].map_or("n/a".to_owned(), |x| self.format.text(x))),
                    )
                    .collect()
            })
            .collect();
        (header, rows)
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        let columns = self.columns();
        std::iter::once(
            std::iter::once("date".to_owned())
                .chain(columns.iter().map(|(l, _)| (*l).to_owned()))
                .collect(),
        )
        .chain(self.times.iter().enumerate().map(|(i, t)| {
            std::iter::once(date(*t))
                .chain(
                    columns
                        .iter()
                        .map(|(_, v)| v[i].map_or(String::new(), |x| x.to_string())),
                )
                .collect()
        }))
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for StackedAreaData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let layers: Vec<Layer<'_>> = self.layers.iter().map(borrowed).collect();
        let lines: Vec<Layer<'_>> = self.lines.iter().map(borrowed).collect();
        let markers: Vec<Marker<'_>> = self
            .markers
            .iter()
            .map(|(label, t)| Marker {
                label: label.as_str(),
                at: days(*t),
            })
            .collect();
        let chart = StackedAreaChart {
            times: &self.times,
            layers: &layers,
            lines: &lines,
            markers: &markers,
            format: self.format,
        };
        draw_stacked_area_chart(root, &chart, theme)
    }
}

/// A layer borrowing an owned `(label, values)`.
fn borrowed((label, values): &(String, Vec<f64>)) -> Layer<'_> {
    Layer { label, values }
}
