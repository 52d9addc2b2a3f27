//! Token Risk Lab's charts: pure drawing functions over any plotters [`DrawingBackend`], so the
//! app draws them on a canvas and the tests draw them to SVG. Every draw function returns the
//! [`Projection`] between its data and pixels (for the pointer, the crosshair and zooming).
//!
//! Time charts: [`series_chart`] (line, area, columns), [`comparison_chart`] (several lines, a
//! legend), [`candlestick_chart`], [`stacked_area_chart`], [`fan_chart`]. Other charts:
//! [`histogram_chart`] (a return distribution with VaR and ES marked), [`heat_map`]
//! (correlations), [`grid_map`] (an outcome over two inputs), [`depth_chart`] (an order book),
//! [`liquidation_map`] (leveraged notional by liquidation price), [`waterfall_chart`]
//! (contributions).
//!
//! A chart type is one file: its drawing, and for the app's chart types their owned data
//! ([`ChartData`], [`ComparisonData`], [`CandleData`], [`HistogramData`], [`HeatMapData`],
//! [`GridMapData`], [`DepthData`], [`LiquidationMapData`], [`WaterfallData`]) implementing [`ChartKind`] (times, tooltip, summary, table, CSV) and
//! [`DrawChart`] (drawing on any backend), see [`kind`].
//!
//! Shared by all: [`format`](mod@format) (how values and dates read), [`time_axis`] (Unix seconds ↔
//! days, the only place they convert), [`scale`], [`theme`], [`zoom`], [`projection`]; the
//! error type [`ChartError`]. The modules form no cycle: `error`, `format`, `time_axis` and
//! `axis` (date ticks) depend on nothing in the crate, `projection` on `time_axis`, `frame`
//! (axes, grid, legend) and `kind` on those, and each chart type's file on `frame` and `kind`
//! (the comparison also on `series_chart`, whose visible points it reuses; the grid map on
//! `heat_map`, whose cells and colour scale it reuses).
//!
//! [`DrawingBackend`]: plotters::prelude::DrawingBackend

mod axis;
pub mod candlestick_chart;
pub mod comparison_chart;
pub mod depth_chart;
mod error;
pub mod fan_chart;
pub mod format;
mod frame;
pub mod grid_map;
pub mod heat_map;
pub mod histogram_chart;
pub mod kind;
pub mod liquidation_map;
pub mod projection;
pub mod scale;
pub mod series_chart;
pub mod stacked_area_chart;
pub mod theme;
pub mod time_axis;
pub mod waterfall_chart;
pub mod zoom;

pub use candlestick_chart::{draw_candlestick_chart, Candle, CandleData, CandlestickChart};
pub use comparison_chart::{draw_comparison_chart, Comparison, ComparisonData, Line};
pub use depth_chart::{draw_depth_chart, DepthChart, DepthData};
pub use error::ChartError;
pub use fan_chart::{draw_fan_chart, Band, FanChart, FanData};
pub use format::ValueFormat;
pub use grid_map::GridMapData;
pub use heat_map::{draw_heat_map, HeatMap, HeatMapData};
pub use histogram_chart::{draw_histogram_chart, HistogramChart, HistogramData, Marker};
pub use kind::{ChartKind, DrawChart};
pub use liquidation_map::{draw_liquidation_map, LiquidationMapData};
pub use projection::{nearest_index, Projection};
pub use scale::Scale;
pub use series_chart::{draw_series_chart, ChartData, SeriesChart, SeriesStyle};
pub use stacked_area_chart::{draw_stacked_area_chart, Layer, StackedAreaChart, StackedAreaData};
pub use theme::Theme;
pub use waterfall_chart::{draw_waterfall_chart, WaterfallChart, WaterfallData};
