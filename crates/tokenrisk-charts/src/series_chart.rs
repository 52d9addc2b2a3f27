//! A time-series chart: one series over dates, as a line (prices), an area down to zero
//! (drawdowns) or columns (volumes): its drawing, and its data ([`ChartData`]) with the
//! tooltip, summary, table and CSV.

use crate::error::ChartError;
use crate::format::{date, date_time, percent, ValueFormat};
use crate::frame::{extent, no_data, padded, time_plot};
use crate::kind::{extent_of, ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::{days, in_window};
use plotters::coord::Shift;
use plotters::prelude::*;

/// How the series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A line in the theme's line colour.
    Line,
    /// A line with the area below it, down to the bottom of the plot, lightly filled.
    Area,
    /// An outlined area between the series and zero in the theme's loss colour.
    AreaToZero,
    /// A column from zero for each point (volumes), 80 % of the spacing between points wide
    /// and at least a pixel (the first and last are cut at the plot's edges).
    Columns,
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
    /// The visible span, days since 1970-01-01; `None` shows every point.
    pub window: Option<(f64, f64)>,
    /// The vertical scale; relative scales start from the first visible value.
    pub scale: Scale,
}

impl SeriesChart<'_> {
    /// The visible points as `(day, value)`, finite values only.
    pub fn visible(&self) -> Vec<(f64, f64)> {
        self.times
            .iter()
            .zip(self.values)
            .filter(|(&t, v)| v.is_finite() && in_window(self.window, t))
            .map(|(&t, &v)| (days(t), v))
            .collect()
    }
}

/// Draws `chart` filling `root` and returns its projection (for the pointer and the
/// crosshair): x in days, y in plotted units (the logarithm on a log scale, the change on a
/// percent scale). Nothing visible draws a "No data" message and has none.
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_series_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &SeriesChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let visible = chart.visible();
    let base = visible.first().map_or(f64::NAN, |p| p.1);
    let points: Vec<(f64, f64)> = visible
        .iter()
        .filter_map(|&(d, v)| chart.scale.plot(v, base).map(|p| (d, p)))
        .collect();
    if points.is_empty() || chart.times.len() != chart.values.len() {
        return no_data(root, theme).map(|()| None);
    }
    let x = chart
        .window
        .filter(|(a, b)| b > a)
        .unwrap_or_else(|| padded(points[0].0, points[points.len() - 1].0, 0.0, 1.0));
    let (lo, hi) = extent(points.iter().map(|p| p.1));
    let y = match chart.style {
        SeriesStyle::Line | SeriesStyle::Area => padded(lo, hi, 0.05, hi.abs() * 0.01 + 1e-9),
        SeriesStyle::AreaToZero => (padded(lo.min(0.0), 0.0, 0.05, 0.01).0, 0.0),
        SeriesStyle::Columns => (0.0, padded(0.0, hi.max(0.0), 0.05, 1.0).1),
    };
    let (mut cc, projection) = time_plot(root, x, y, chart.scale, chart.format, theme)?;
    match chart.style {
        SeriesStyle::Line => {
            cc.draw_series(LineSeries::new(
                points,
                theme.line.stroke_width(theme.px(2.0)),
            ))?;
        }
        SeriesStyle::Area => {
            cc.draw_series(
                AreaSeries::new(points, y.0, theme.line.mix(0.15))
                    .border_style(theme.line.stroke_width(theme.px(2.0))),
            )?;
        }
        SeriesStyle::AreaToZero => {
            cc.draw_series(
                AreaSeries::new(points, 0.0, theme.loss.mix(0.22))
                    .border_style(theme.loss.stroke_width(theme.px(2.0))),
            )?;
        }
        SeriesStyle::Columns => {
            let spacing = points
                .windows(2)
                .map(|w| w[1].0 - w[0].0)
                .fold(f64::INFINITY, f64::min);
            let half = if spacing.is_finite() {
                spacing * 0.4
            } else {
                0.4
            };
            // Cut at the plot's edges (the first and last columns are half columns), yet at
            // least a pixel wide (a little over, as pixels are whole), so that every column
            // shows however many share the width.
            let least = (x.1 - x.0) / (projection.right - projection.left) * 1.002;
            let span = |d: f64| {
                let (a, b) = ((d - half).max(x.0), (d + half).min(x.1));
                if b - a >= least {
                    (a, b)
                } else if a <= x.0 {
                    (a, a + least)
                } else {
                    (b - least, b)
                }
            };
            let fill = theme.line.mix(0.6).filled();
            cc.draw_series(points.iter().map(|&(d, v)| {
                let (a, b) = span(d);
                Rectangle::new([(a, 0.0), (b, v)], fill)
            }))?;
        }
    }
    root.present()?;
    Ok(Some(projection))
}

/// One series over time, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// What the values are, for the CSV header and the summary (e.g. "TAO close, USDT").
    pub label: String,
    /// Times, Unix seconds.
    pub times: Vec<i64>,
    /// Values, one per time.
    pub values: Vec<f64>,
    /// Price or percent labels.
    pub format: ValueFormat,
    /// Line, area, or area to zero.
    pub style: SeriesStyle,
    /// The visible span in days since 1970-01-01 (`None`: everything).
    pub window: Option<(f64, f64)>,
    /// The vertical scale.
    pub scale: Scale,
}

impl ChartData {
    /// Whether some points are less than a day apart (funding payments, hourly bars): then
    /// times read to the minute.
    fn intraday(&self) -> bool {
        self.times.windows(2).any(|w| (w[1] - w[0]).abs() < 86_400)
    }

    /// A time as this series reads it: its date, or its date and time when intraday.
    fn when(&self, t: i64) -> String {
        if self.intraday() {
            date_time(t)
        } else {
            date(t)
        }
    }

    /// The chart to draw, borrowing this data.
    pub fn chart(&self) -> SeriesChart<'_> {
        SeriesChart {
            times: &self.times,
            values: &self.values,
            format: self.format,
            style: self.style,
            window: self.window,
            scale: self.scale,
        }
    }
}

impl ChartKind for ChartData {
    fn times(&self) -> Vec<i64> {
        self.times.clone()
    }

    fn extent(&self) -> Option<(f64, f64)> {
        extent_of(&self.times)
    }

    fn window(&self) -> Option<(f64, f64)> {
        self.window.or_else(|| self.extent())
    }

    /// `date · value`.
    fn describe(&self, i: usize) -> String {
        let when = self.times.get(i).map(|t| self.when(*t)).unwrap_or_default();
        let value = self
            .values
            .get(i)
            .map_or("n/a".to_owned(), |v| self.format.text(*v));
        format!("{when} · {value}")
    }

    /// The points shown (daily, or "points" with times to the minute when some are less
    /// than a day apart), their dates, the first and last values with the change between them
    /// (not for percentages), and the lowest and highest with their dates.
    fn summary(&self) -> String {
        let points: Vec<(i64, f64)> = self
            .times
            .iter()
            .copied()
            .zip(self.values.iter().copied())
            .filter(|(t, v)| v.is_finite() && in_window(self.window, *t))
            .collect();
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            return format!("{}: no data in this range.", self.label);
        };
        let low = points
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .copied()
            .unwrap_or(*first);
        let high = points
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .copied()
            .unwrap_or(*first);
        let f = |v| self.format.text(v);
        let change = match self.format {
            ValueFormat::Percent => String::new(),
            _ if first.1 > 0.0 => format!(", a change of {}", percent(last.1 / first.1 - 1.0, 1)),
            _ => String::new(),
        };
        let kind = if self.intraday() { "" } else { " daily" };
        let when = |t| self.when(t);
        format!(
            "{}: {}{kind} points from {} to {}; {} at the start and {} at the end{change}; lowest {} on {}, highest {} on {}.",
            self.label,
            points.len(),
            when(first.0),
            when(last.0),
            f(first.1),
            f(last.1),
            f(low.1),
            when(low.0),
            f(high.1),
            when(high.0)
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            vec!["Date".to_owned(), self.label.clone()],
            self.times
                .iter()
                .zip(&self.values)
                .filter(|(t, _)| self.shows(**t))
                .map(|(t, v)| vec![self.when(*t), self.format.text(*v)])
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(vec!["date".to_owned(), self.label.clone()])
            .chain(
                self.times
                    .iter()
                    .zip(&self.values)
                    .filter(|(t, _)| self.shows(**t))
                    .map(|(t, v)| vec![self.when(*t), v.to_string()]),
            )
            .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for ChartData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        draw_series_chart(root, &self.chart(), theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> ChartData {
        ChartData {
            label: "TAO close, USDT".to_owned(),
            times: vec![0, 86_400, 172_800],
            values: vec![100.0, 80.0, 120.0],
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window: None,
            scale: Scale::Linear,
        }
    }

    #[test]
    fn points_less_than_a_day_apart_read_to_the_minute() {
        // Funding every 8 h from 2023-11-14 22:13:20 UTC.
        let funding = ChartData {
            label: "funding a year".to_owned(),
            times: vec![1_700_000_000, 1_700_028_800, 1_700_057_600],
            values: vec![0.1, 0.2, -0.1],
            format: ValueFormat::Percent,
            ..series()
        };
        let summary = funding.summary();
        assert!(
            summary
                .starts_with("funding a year: 3 points from 2023-11-14 22:13 to 2023-11-15 14:13;"),
            "{summary}"
        );
        assert_eq!(funding.describe(1), "2023-11-15 06:13 · 20.00%");
        assert!(funding.csv().contains("\n2023-11-15 06:13,0.2\n"));
        assert!(series().summary().contains("3 daily points"));
    }

    #[test]
    fn csv_has_every_point_in_full_precision() {
        assert_eq!(
            series().csv(),
            "date,\"TAO close, USDT\"\n1970-01-01,100\n1970-01-02,80\n1970-01-03,120\n"
        );
        let zoomed = ChartData {
            window: Some((0.5, 2.0)),
            ..series()
        };
        assert_eq!(zoomed.csv().lines().count(), 3, "the zoomed window only");
        assert_eq!(zoomed.table().1.len(), 2);
    }

    #[test]
    fn summary_names_the_range_the_extremes_and_the_change() {
        let text = series().summary();
        assert!(
            text.contains("3 daily points from 1970-01-01 to 1970-01-03"),
            "{text}"
        );
        assert!(text.contains("lowest 80.00 on 1970-01-02"), "{text}");
        assert!(text.contains("a change of 20.0%"), "{text}");
        let (headers, rows) = series().table();
        assert_eq!(headers, ["Date", "TAO close, USDT"]);
        assert_eq!(rows[1], ["1970-01-02", "80.00"]);
        assert_eq!(series().describe(1), "1970-01-02 · 80.00");
        assert_eq!(series().window(), Some((0.0, 2.0)), "no window: the extent");
    }
}
