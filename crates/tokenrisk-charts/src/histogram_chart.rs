//! A distribution as a histogram: bars of counts over equal-width bins, with vertical markers
//! (e.g. VaR and expected shortfall) labelled on the chart, so that what a tail measure means
//! is seen on the data it comes from. Also the histogram's data ([`HistogramData`]) with the
//! summary, table and CSV.

use crate::error::ChartError;
use crate::format::ValueFormat;
use crate::frame::{axes, label_font, no_data, projection_of, Axis};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A labelled vertical line at a value.
#[derive(Debug, Clone, Copy)]
pub struct Marker<'a> {
    /// Text drawn beside the line, e.g. "VaR 95% −6.1%".
    pub label: &'a str,
    /// Where the line stands on the x axis.
    pub at: f64,
}

/// A histogram to draw: bin edges (one more than the counts) and counts.
#[derive(Debug, Clone, Copy)]
pub struct HistogramChart<'a> {
    /// Increasing bin edges.
    pub edges: &'a [f64],
    /// Observations per bin.
    pub counts: &'a [u64],
    /// How x labels read.
    pub format: ValueFormat,
    /// Lines to mark, drawn dashed in the loss colour, labels stacked from the top.
    pub markers: &'a [Marker<'a>],
}

/// Draws `chart` filling `root` and returns its projection (x in the binned values, y in
/// counts). Edges that do not match the counts draw "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_histogram_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &HistogramChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let (edges, counts) = (chart.edges, chart.counts);
    if counts.is_empty()
        || edges.len() != counts.len() + 1
        || edges.windows(2).any(|w| w[1] <= w[0])
    {
        return no_data(root, theme).map(|()| None);
    }
    let lo = edges[0].min(
        chart
            .markers
            .iter()
            .map(|m| m.at)
            .fold(f64::INFINITY, f64::min),
    );
    let hi = edges[edges.len() - 1];
    let pad = (hi - lo) * 0.02;
    let x = (lo - pad, hi + pad);
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let y = (0.0, top * 1.15);
    let (x_axis, y_axis) = (
        Axis::values(x, Scale::Linear, chart.format),
        Axis::values(y, Scale::Linear, ValueFormat::Price),
    );
    let mut cc = axes(root, &x_axis, &y_axis, theme)?;
    let projection = projection_of(&cc, &x_axis, &y_axis);
    let fill = theme.line.mix(0.55).filled();
    cc.draw_series(
        edges
            .windows(2)
            .zip(counts)
            .map(|(w, &n)| Rectangle::new([(w[0], 0.0), (w[1], n as f64)], fill)),
    )?;
    let stroke = theme.loss.stroke_width(theme.px(2.0));
    let font = label_font(theme).pos(Pos::new(HPos::Left, VPos::Top));
    for (i, marker) in chart.markers.iter().enumerate() {
        cc.draw_series(DashedLineSeries::new(
            [(marker.at, 0.0), (marker.at, y.1)],
            theme.px(5.0),
            theme.px(3.0),
            stroke,
        ))?;
        let row = y.1 * (0.97 - 0.08 * i as f64);
        cc.draw_series(std::iter::once(Text::new(
            marker.label.to_owned(),
            (marker.at + pad * 0.3, row),
            font.clone(),
        )))?;
    }
    root.present()?;
    Ok(Some(projection))
}

/// A histogram, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramData {
    /// What is counted (e.g. "daily returns").
    pub label: String,
    /// Bin edges (one more than the counts).
    pub edges: Vec<f64>,
    /// Counts per bin.
    pub counts: Vec<u64>,
    /// `(label, value)` of each marked line.
    pub markers: Vec<(String, f64)>,
    /// How x labels read.
    pub format: ValueFormat,
}

impl ChartKind for HistogramData {
    /// How many observations in how many bins over which values, and what is marked.
    fn summary(&self) -> String {
        let total: u64 = self.counts.iter().sum();
        let marks: Vec<String> = self.markers.iter().map(|(l, _)| l.clone()).collect();
        let edge = |e: Option<&f64>| e.map_or(String::new(), |v| self.format.text(*v));
        format!(
            "Histogram of {total} {} in {} bins from {} to {}; marked: {}.",
            self.label,
            self.counts.len(),
            edge(self.edges.first()),
            edge(self.edges.last()),
            marks.join("; ")
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            vec!["From".to_owned(), "To".to_owned(), "Count".to_owned()],
            self.edges
                .windows(2)
                .zip(&self.counts)
                .map(|(w, n)| {
                    vec![
                        self.format.text(w[0]),
                        self.format.text(w[1]),
                        n.to_string(),
                    ]
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(vec!["from".to_owned(), "to".to_owned(), "count".to_owned()])
            .chain(
                self.edges
                    .windows(2)
                    .zip(&self.counts)
                    .map(|(w, n)| vec![w[0].to_string(), w[1].to_string(), n.to_string()]),
            )
            .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for HistogramData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let markers: Vec<Marker<'_>> = self
            .markers
            .iter()
            .map(|(label, at)| Marker { label, at: *at })
            .collect();
        let chart = HistogramChart {
            edges: &self.edges,
            counts: &self.counts,
            format: self.format,
            markers: &markers,
        };
        draw_histogram_chart(root, &chart, theme)
    }
}
