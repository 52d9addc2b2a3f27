//! Why a metric could not be computed. Every metric returns this rather than NaN or a panic.

/// Why a metric could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricError {
    /// Too few observations for the estimator.
    #[error("needs at least {needed} observations, has {got}")]
    TooFewObservations {
        /// Minimum the estimator needs.
        needed: usize,
        /// Observations given.
        got: usize,
    },
    /// Two inputs that must pair up differ in length.
    #[error("inputs differ in length ({left} and {right})")]
    LengthMismatch {
        /// Length of the first input.
        left: usize,
        /// Length of the second input.
        right: usize,
    },
    /// The metric has no value for this data (e.g. a ratio over a zero denominator).
    #[error("undefined: {0}")]
    Undefined(&'static str),
    /// A parameter is out of its domain.
    #[error("invalid parameter: {0}")]
    InvalidParameter(&'static str),
}
