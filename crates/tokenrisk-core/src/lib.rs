//! Token Risk Lab's core: every formula and model, with no web dependency.
//!
//! Data flows one way: a source (CSV export, API response, bundled snapshot) becomes a typed
//! [`PriceSeries`]; the metric functions take series or return slices and give plain numbers.
//!
//! Conventions, stated once and used everywhere:
//! - Returns are **simple** returns `r_t = P_t / P_{t-1} − 1` unless a function says otherwise.
//! - Sample statistics use **ddof = 1** (NumPy `std(ddof=1)`, pandas' default).
//! - Annualisation multiplies a per-period volatility by `√P`, with `P` = 365 for assets that
//!   trade every day (crypto) and 252 for assets that trade on weekdays (equities); see
//!   [`Calendar`].
//! - Drawdowns are negative fractions (−0.25 is a 25 % fall from the running peak).
//!
//! Modules:
//! - [`time`]: UTC dates and timestamps, parsed from the forms exchanges export.
//! - [`csv_prices`]: price tables read from CSV exports.
//! - [`series`]: validated price series, daily closes, windows.
//! - [`returns`], [`volatility`], [`drawdown`]: the metrics.
//! - [`snapshot`]: the bundled-data file the app loads.
//! - [`sources`]: typed parsers of market-API responses (no HTTP here).
//! - [`view`]: the parameters that define a view (token, range), as they appear in a link.

pub mod assets;
pub mod csv_prices;
pub mod drawdown;
pub mod returns;
pub mod series;
pub mod snapshot;
pub mod sources;
pub mod time;
pub mod view;
pub mod volatility;

pub use series::{Calendar, PriceSeries, SeriesError};
