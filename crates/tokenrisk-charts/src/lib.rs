//! Token Risk Lab's charts: pure drawing functions over any plotters [`DrawingBackend`], so the
//! app draws them on a canvas and the tests draw them to SVG.
//!
//! [`DrawingBackend`]: plotters::prelude::DrawingBackend

mod axis;
pub mod comparison_chart;
mod frame;
pub mod projection;
pub mod series_chart;
pub mod theme;

pub use comparison_chart::{draw_comparison_chart, Line};
pub use projection::{nearest_index, Projection};
pub use series_chart::{draw_series_chart, ChartError, SeriesChart, SeriesStyle, ValueFormat};
pub use theme::Theme;
