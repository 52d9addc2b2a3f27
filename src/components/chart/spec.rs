//! What a chart shows, independent of the canvas: the data of each chart type, how it is drawn
//! (through `tokenrisk-charts`), and the times and window a zoomable chart covers. How it reads
//! without the picture is in [`super::readout`].

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use tokenrisk_charts::{
    draw_candlestick_chart, draw_comparison_chart, draw_depth_chart, draw_heat_map,
    draw_histogram_chart, draw_series_chart, Candle, CandlestickChart, ChartError, Comparison,
    DepthChart, HeatMap, HistogramChart, Line, Marker, Projection, Scale, SeriesChart, SeriesStyle,
    Theme, ValueFormat,
};
use tokenrisk_core::time::SECONDS_PER_DAY;

/// What a chart canvas shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    /// One series over time, as a line or an area.
    Series(ChartData),
    /// Several series over the same times, with a legend.
    Comparison(ComparisonData),
    /// Candles over time.
    Candles(CandleData),
    /// A distribution with marked values.
    Histogram(HistogramData),
    /// A labelled square matrix.
    HeatMap(HeatMapData),
    /// An order book's cumulative depth.
    Depth(DepthData),
}

/// One series over time.
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

/// Several series over the same times.
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

/// Candles over time.
#[derive(Debug, Clone, PartialEq)]
pub struct CandleData {
    /// What the candles are (e.g. "TAOUSDT hourly").
    pub label: String,
    /// Candles, oldest first.
    pub candles: Vec<Candle>,
}

/// A histogram.
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

/// A labelled square matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMapData {
    /// Row and column labels.
    pub labels: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
}

/// An order book's cumulative depth.
#[derive(Debug, Clone, PartialEq)]
pub struct DepthData {
    /// `(price, cumulative quote value)` from the best bid down.
    pub bids: Vec<(f64, f64)>,
    /// `(price, cumulative quote value)` from the best ask up.
    pub asks: Vec<(f64, f64)>,
    /// The band around the mid drawn, as a fraction.
    pub within: f64,
}

pub(super) fn days(t: i64) -> f64 {
    t as f64 / SECONDS_PER_DAY as f64
}

impl ChartSpec {
    /// Draws the chart on `root` in `theme`.
    ///
    /// # Errors
    /// When the backend fails.
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        match self {
            Self::Series(d) => {
                let chart = SeriesChart {
                    times: &d.times,
                    values: &d.values,
                    format: d.format,
                    style: d.style,
                    window: d.window,
                    scale: d.scale,
                };
                draw_series_chart(root, &chart, theme)
            }
            Self::Comparison(d) => {
                let lines: Vec<Line<'_>> = d
                    .lines
                    .iter()
                    .map(|(label, values, dashed)| Line {
                        label,
                        times: &d.times,
                        values,
                        dashed: *dashed,
                    })
                    .collect();
                let chart = Comparison {
                    lines: &lines,
                    format: d.format,
                    scale: d.scale,
                    window: d.window,
                };
                draw_comparison_chart(root, &chart, theme)
            }
            Self::Candles(d) => {
                let chart = CandlestickChart {
                    candles: &d.candles,
                    window: None,
                    scale: Scale::Linear,
                };
                draw_candlestick_chart(root, &chart, theme)
            }
            Self::Histogram(d) => {
                let markers: Vec<Marker<'_>> = d
                    .markers
                    .iter()
                    .map(|(label, at)| Marker { label, at: *at })
                    .collect();
                let chart = HistogramChart {
                    edges: &d.edges,
                    counts: &d.counts,
                    format: d.format,
                    markers: &markers,
                };
                draw_histogram_chart(root, &chart, theme)
            }
            Self::HeatMap(d) => {
                let labels: Vec<&str> = d.labels.iter().map(String::as_str).collect();
                let map = HeatMap {
                    labels: &labels,
                    values: &d.values,
                };
                draw_heat_map(root, &map, theme)
            }
            Self::Depth(d) => {
                let chart = DepthChart {
                    bids: &d.bids,
                    asks: &d.asks,
                    within: d.within,
                };
                draw_depth_chart(root, &chart, theme)
            }
        }
    }

    /// The times of a time chart's points (the crosshair snaps to them); empty for the others.
    pub fn times(&self) -> Vec<i64> {
        match self {
            Self::Series(d) => d.times.clone(),
            Self::Comparison(d) => d.times.clone(),
            Self::Candles(d) => d.candles.iter().map(|c| c.time).collect(),
            Self::Histogram(_) | Self::HeatMap(_) | Self::Depth(_) => Vec::new(),
        }
    }

    /// The days the data covers, for zooming (`None` for charts that are not over time).
    pub fn extent(&self) -> Option<(f64, f64)> {
        let times = match self {
            Self::Series(d) => &d.times,
            Self::Comparison(d) => &d.times,
            _ => return None,
        };
        Some((days(*times.first()?), days(*times.last()?)))
    }

    /// The visible window of a zoomable chart: its own, else the whole extent.
    pub fn window(&self) -> Option<(f64, f64)> {
        match self {
            Self::Series(d) => d.window.or_else(|| self.extent()),
            Self::Comparison(d) => d.window.or_else(|| self.extent()),
            _ => None,
        }
    }

    /// Whether the time `t` (Unix seconds) is inside the visible window (always, for charts
    /// that are not over time or not zoomed).
    pub fn shows(&self, t: i64) -> bool {
        self.window()
            .is_none_or(|(a, b)| (a..=b).contains(&days(t)))
    }
}
