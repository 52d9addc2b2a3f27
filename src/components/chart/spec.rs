//! What a chart canvas shows: any chart type of `tokenrisk-charts`, held behind its
//! [`DrawChart`] trait. Each chart type's file there holds its data, its drawing and how it
//! reads without the picture (tooltip, summary, table, CSV), so this module lists no chart
//! types: a page builds a chart's data and wraps it with [`ChartSpec::new`].

use plotters_canvas::CanvasBackend;
use std::sync::Arc;
use tokenrisk_charts::DrawChart;

/// The chart a canvas shows. It dereferences to the chart, so the canvas calls its
/// [`tokenrisk_charts::ChartKind`] methods (times, window, tooltip, summary, table, CSV) and
/// [`DrawChart::draw`] directly.
#[derive(Clone)]
pub struct ChartSpec(Arc<dyn DrawChart<CanvasBackend> + Send + Sync>);

impl ChartSpec {
    /// Wraps any chart's data, e.g. a [`tokenrisk_charts::ChartData`].
    pub fn new(chart: impl DrawChart<CanvasBackend> + Send + Sync + 'static) -> Self {
        Self(Arc::new(chart))
    }
}

impl std::ops::Deref for ChartSpec {
    type Target = dyn DrawChart<CanvasBackend> + Send + Sync;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::fmt::Debug for ChartSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
