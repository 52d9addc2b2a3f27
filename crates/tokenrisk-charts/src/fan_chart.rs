//! A fan chart (Monte Carlo bands): the median path with quantile bands around it, widest and
//! lightest outside, so the spread of outcomes reads at a glance.

use crate::error::ChartError;
use crate::format::{date, ValueFormat};
use crate::frame::{extent, legend, no_data, padded, time_plot};
use crate::kind::{ChartKind, DrawChart};
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

/// A fan chart's data, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct FanData {
    /// What the values are ("Portfolio value, × today's").
    pub label: String,
    /// Times, Unix seconds, increasing.
    pub times: Vec<i64>,
    /// The median path.
    pub median: Vec<f64>,
    /// `(label, lower, upper)` of each band, widest first.
    pub bands: Vec<(String, Vec<f64>, Vec<f64>)>,
    /// How values read.
    pub format: ValueFormat,
}

impl FanData {
    /// Every path by name, the widest band's lower edge first, then inward to the median and
    /// out again: the order a reader scans from worst to best.
    fn columns(&self) -> Vec<(String, &[f64])> {
        let lower = self
            .bands
            .iter()
            .map(|(l, lo, _)| (format!("{l} low"), lo.as_slice()));
        let upper = self
            .bands
            .iter()
            .rev()
            .map(|(l, _, hi)| (format!("{l} high"), hi.as_slice()));
        lower
            .chain(std::iter::once((
                "median".to_owned(),
                self.median.as_slice(),
            )))
            .chain(upper)
            .collect()
    }
}

impl ChartKind for FanData {
    fn times(&self) -> Vec<i64> {
        self.times.clone()
    }

    fn describe(&self, i: usize) -> String {
        let when = self.times.get(i).map(|t| date(*t)).unwrap_or_default();
        let parts: Vec<String> = self
            .columns()
            .iter()
            .filter_map(|(label, v)| Some(format!("{label} {}", self.format.text(*v.get(i)?))))
            .collect();
        format!("{when}: {}", parts.join(", "))
    }

    /// The median and the widest band at the last time.
    fn summary(&self) -> String {
        let (Some(last), Some(median)) = (self.times.last(), self.median.last()) else {
            return format!("{}: no data.", self.label);
        };
        let widest = self.bands.first().and_then(|(l, lo, hi)| {
            Some(format!(
                "; {l} of paths between {} and {}",
                self.format.text(*lo.last()?),
                self.format.text(*hi.last()?)
            ))
        });
        format!(
            "{} on {}: median {}{}.",
            self.label,
            date(*last),
            self.format.text(*median),
            widest.unwrap_or_default()
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let columns = self.columns();
        let header = std::iter::once("Date".to_owned())
            .chain(columns.iter().map(|(l, _)| l.clone()))
            .collect();
        let rows =
            self.times
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    std::iter::once(date(*t))
                        .chain(columns.iter().map(|(_, v)| {
                            v.get(i).map_or("n/a".to_owned(), |x| self.format.text(*x))
                        }))
                        .collect()
                })
                .collect();
        (header, rows)
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        let columns = self.columns();
        std::iter::once(
            std::iter::once("date".to_owned())
                .chain(columns.iter().map(|(l, _)| l.clone()))
                .collect(),
        )
        .chain(self.times.iter().enumerate().map(|(i, t)| {
            std::iter::once(date(*t))
                .chain(
                    columns
                        .iter()
                        .map(|(_, v)| v.get(i).map_or(String::new(), |x| x.to_string())),
                )
                .collect()
        }))
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for FanData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let bands: Vec<Band<'_>> = self
            .bands
            .iter()
            .map(|(label, lower, upper)| Band {
                label,
                lower,
                upper,
            })
            .collect();
        draw_fan_chart(
            root,
            &FanChart {
                times: &self.times,
                median: &self.median,
                bands: &bands,
                format: self.format,
            },
            theme,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fan() -> FanData {
        FanData {
            label: "Change on equity".into(),
            times: vec![1_767_225_600, 1_767_312_000],
            median: vec![0.0, -0.02],
            bands: vec![
                ("5–95 %".into(), vec![0.0, -0.2], vec![0.0, 0.2]),
                ("25–75 %".into(), vec![0.0, -0.1], vec![0.0, 0.05]),
            ],
            format: ValueFormat::Percent,
        }
    }

    #[test]
    fn reads_without_the_picture() {
        let f = fan();
        assert_eq!(
            f.summary(),
            "Change on equity on 2026-01-02: median −2.00%; 5–95 % of paths between −20.00% and 20.00%."
        );
        let (header, rows) = f.table();
        assert_eq!(
            header,
            [
                "Date",
                "5–95 % low",
                "25–75 % low",
                "median",
                "25–75 % high",
                "5–95 % high"
            ]
        );
        assert_eq!(
            rows[1],
            [
                "2026-01-02",
                "−20.00%",
                "−10.00%",
                "−2.00%",
                "5.00%",
                "20.00%"
            ]
        );
        assert_eq!(
            f.csv().lines().nth(2),
            Some("2026-01-02,-0.2,-0.1,-0.02,0.05,0.2")
        );
        assert!(f.describe(1).starts_with("2026-01-02: 5–95 % low −20.00%"));
    }

    #[test]
    fn draws_as_the_fan_chart() {
        let f = fan();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (320, 200)).into_drawing_area();
            let p = f.draw(&root, &Theme::LIGHT).expect("draws");
            assert!(p.is_some());
        }
        assert!(svg.contains("median"));
        assert!(svg.contains("25–75 %"));
    }
}
