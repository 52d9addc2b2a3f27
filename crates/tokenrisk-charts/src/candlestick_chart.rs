//! Candlesticks: one candle per period from its open, high, low and close. Rising candles are
//! hollow, falling ones filled, so the direction reads without colour. A body is at least one
//! device pixel tall, so a candle that barely moved (or not at all: open = high = low = close,
//! as an hour of a quiet market can be) still shows as a tick at its price. Also the candles'
//! data ([`CandleData`]) with the tooltip, summary, table and CSV.

use crate::error::ChartError;
use crate::format::{date_time, price, ValueFormat};
use crate::frame::{extent, no_data, padded, time_plot};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use crate::time_axis::days;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};
use tokenrisk_core::time::format_unix;

/// One period's prices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candle {
    /// Start of the period, Unix seconds.
    pub time: i64,
    /// First trade.
    pub open: f64,
    /// Highest trade.
    pub high: f64,
    /// Lowest trade.
    pub low: f64,
    /// Last trade.
    pub close: f64,
}

impl Candle {
    fn is_valid(&self) -> bool {
        let prices = [self.open, self.high, self.low, self.close];
        prices.iter().all(|p| p.is_finite() && *p > 0.0)
            && self.low <= self.open.min(self.close)
            && self.high >= self.open.max(self.close)
    }
}

/// One candle as drawn: the wicks from the body to the high and to the low, and the body from
/// the open to the close, `width` pixels wide and at least `min_height` pixels tall.
struct CandleMark {
    /// `(x, open)`, `(x, high)`, `(x, low)`, `(x, close)` in plotted units.
    points: [(f64, f64); 4],
    style: ShapeStyle,
    width: u32,
    min_height: u32,
}

impl CandleMark {
    /// A candle at `x`, outlined in `rising` when it closed above its open, else in `falling`.
    fn new(x: f64, [o, h, l, c]: [f64; 4], rising: ShapeStyle, falling: ShapeStyle) -> Self {
        Self {
            points: [(x, o), (x, h), (x, l), (x, c)],
            style: if o < c { rising } else { falling },
            width: 1,
            min_height: 1,
        }
    }
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a CandleMark {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];

    fn point_iter(self) -> Self::IntoIter {
        &self.points
    }
}

impl<DB: DrawingBackend> Drawable<DB> for CandleMark {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let [mut top, high, low, mut bottom] = match points.collect::<Vec<_>>().try_into() {
            Ok(points) => points,
            Err(_) => return Ok(()),
        };
        // Pixel y grows downwards: the body runs from the higher price (top) to the lower.
        if top.1 > bottom.1 {
            std::mem::swap(&mut top, &mut bottom);
        }
        backend.draw_line(top, high, &self.style)?;
        backend.draw_line(low, bottom, &self.style)?;
        let half = self.width as i32 / 2;
        let corner = (top.0 - half, top.1);
        let opposite = (
            bottom.0 - half + self.width as i32,
            bottom.1.max(top.1 + self.min_height as i32),
        );
        backend.draw_rect(corner, opposite, &self.style, self.style.filled)
    }
}

/// Candles to draw.
#[derive(Debug, Clone, Copy)]
pub struct CandlestickChart<'a> {
    /// Candles, oldest first, evenly spaced.
    pub candles: &'a [Candle],
    /// The visible span, days since 1970-01-01; `None` shows every candle.
    pub window: Option<(f64, f64)>,
    /// Linear or logarithmic (relative scales do not apply to candles and draw linear).
    pub scale: Scale,
}

/// Draws `chart` filling `root` and returns its projection (x in days, y plotted). Candles
/// whose prices are not consistent (low above the body, a non-positive price) are left out;
/// none left draws "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_candlestick_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &CandlestickChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let scale = if chart.scale == Scale::Log {
        Scale::Log
    } else {
        Scale::Linear
    };
    let plot = |v: f64| scale.plot(v, 1.0).unwrap_or(f64::NAN);
    let candles: Vec<(f64, [f64; 4])> = chart
        .candles
        .iter()
        .filter(|c| c.is_valid())
        .map(|c| (days(c.time), [c.open, c.high, c.low, c.close].map(plot)))
        .filter(|(d, _)| chart.window.is_none_or(|(a, b)| (a..=b).contains(d)))
        .collect();
    if candles.is_empty() {
        return no_data(root, theme).map(|()| None);
    }
    let period = candles
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .fold(f64::INFINITY, f64::min);
    let period = if period.is_finite() { period } else { 1.0 };
    let x = chart
        .window
        .filter(|(a, b)| b > a)
        .unwrap_or((candles[0].0 - period, candles[candles.len() - 1].0 + period));
    let (lo, hi) = extent(candles.iter().flat_map(|(_, p)| [p[1], p[2]]));
    let y = padded(lo, hi, 0.05, hi.abs() * 0.01 + 1e-9);
    let (mut cc, projection) = time_plot(root, x, y, scale, ValueFormat::Price, theme)?;
    let body_px = ((projection.right - projection.left) * period / (x.1 - x.0) * 0.6)
        .min(f64::from(theme.px(24.0)))
        .max(1.0) as u32;
    let rising = theme.gain.stroke_width(theme.px(1.0));
    let falling = theme.loss.filled().stroke_width(theme.px(1.0));
    cc.draw_series(candles.iter().map(|(d, prices)| CandleMark {
        width: body_px,
        min_height: theme.px(1.0),
        ..CandleMark::new(*d, *prices, rising, falling)
    }))?;
    root.present()?;
    Ok(Some(projection))
}

/// Candles over time, owned: what a page builds and the app holds (drawn whole, linear, not
/// zoomable).
#[derive(Debug, Clone, PartialEq)]
pub struct CandleData {
    /// What the candles are (e.g. "TAOUSDT hourly").
    pub label: String,
    /// Candles, oldest first.
    pub candles: Vec<Candle>,
}

impl ChartKind for CandleData {
    fn times(&self) -> Vec<i64> {
        self.candles.iter().map(|c| c.time).collect()
    }

    /// `YYYY-MM-DD HH:MM · O open H high L low C close`.
    fn describe(&self, i: usize) -> String {
        self.candles.get(i).map_or(String::new(), |c| {
            format!(
                "{} · O {} H {} L {} C {}",
                date_time(c.time),
                price(c.open),
                price(c.high),
                price(c.low),
                price(c.close)
            )
        })
    }

    /// How many candles, the first open, the last close and the range from the lowest low to
    /// the highest high.
    fn summary(&self) -> String {
        match (self.candles.first(), self.candles.last()) {
            (Some(first), Some(last)) => {
                let high = self.candles.iter().map(|c| c.high).fold(f64::MIN, f64::max);
                let low = self.candles.iter().map(|c| c.low).fold(f64::MAX, f64::min);
                format!(
                    "{}: {} candles; opened at {}, last close {}; range {} to {}.",
                    self.label,
                    self.candles.len(),
                    price(first.open),
                    price(last.close),
                    price(low),
                    price(high)
                )
            }
            _ => format!("{}: no candles.", self.label),
        }
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            ["Time (UTC)", "Open", "High", "Low", "Close"]
                .map(str::to_owned)
                .to_vec(),
            self.candles
                .iter()
                .map(|c| {
                    vec![
                        format_unix(c.time),
                        price(c.open),
                        price(c.high),
                        price(c.low),
                        price(c.close),
                    ]
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(
            ["time", "open", "high", "low", "close"]
                .map(str::to_owned)
                .to_vec(),
        )
        .chain(self.candles.iter().map(|c| {
            vec![
                format_unix(c.time),
                c.open.to_string(),
                c.high.to_string(),
                c.low.to_string(),
                c.close.to_string(),
            ]
        }))
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for CandleData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let chart = CandlestickChart {
            candles: &self.candles,
            window: None,
            scale: Scale::Linear,
        };
        draw_candlestick_chart(root, &chart, theme)
    }
}
