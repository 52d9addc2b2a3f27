//! Typed parsers of public market-API responses. Pure functions from response text to typed
//! values: every malformed, truncated or hostile body gives a [`ParseError`], never a panic.
//! Fetching lives elsewhere (the app's data service, the command's HTTP client).

pub mod binance;
pub mod binance_futures;
pub mod book;
pub mod bybit;
pub mod coinbase;
pub mod coingecko;
pub mod github;
mod json;
pub mod sec_edgar;
pub mod yahoo;

/// Why a response body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not JSON, or JSON of another shape.
    #[error("malformed response: {0}")]
    Malformed(String),
    /// An element has a wrong or missing field.
    #[error("element {index}: {reason}")]
    BadElement {
        /// Index of the element in the response's array.
        index: usize,
        /// What is wrong.
        reason: String,
    },
}
