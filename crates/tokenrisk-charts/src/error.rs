//! The one error a chart drawing can end in: the backend failed.

use plotters::prelude::DrawingAreaErrorKind;

/// A drawing failure, with the backend's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart drawing failed: {0}")]
pub struct ChartError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Self(e.to_string())
    }
}
