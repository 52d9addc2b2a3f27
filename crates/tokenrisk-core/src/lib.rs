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
//! - Data: [`time`] (UTC dates and timestamps), [`csv_prices`] (CSV exports), [`series`]
//!   (validated price series), [`align`] (inner joins on dates), [`snapshot`] (the bundled
//!   data file), [`sources`] (typed parsers of market-API responses), [`net`] (fetch
//!   policies: site configuration, rate limits, retries, cache freshness), [`assets`] (names).
//! - Statistics: [`stats`] (moments, quantiles), [`normal`] (Φ, φ, Φ⁻¹), [`bootstrap`]
//!   (stationary bootstrap, confidence intervals).
//! - Metrics: [`returns`], [`volatility`] (sample, rolling, EWMA), [`drawdown`] (series,
//!   episodes, ulcer, CDaR), [`performance`] (CAGR, Sharpe, Sortino, Calmar, Omega, PSR, …),
//!   [`tail`] (VaR and ES: historical, Gaussian, Cornish–Fisher, Monte Carlo), [`relative`]
//!   (beta, correlation, capture, two-factor regression), [`portfolio`] (risk contributions).
//! - Markets now: [`liquidity`] (order-book spread, depth, market-sell slippage),
//!   [`derivatives`] (funding, premium, open interest), [`dev_activity`] (GitHub commits),
//!   [`sector`] (sparkline volatility and beta, the sector's 7-day change).
//! - Reports and views: [`report`] (every metric of one series), [`view`] (what a link
//!   selects, and the token view's numbers), [`scenario`] (the holdings and seed a shared
//!   link carries in its fragment, and its versioned, compressed link codec).
//!
//! Random numbers are never drawn from the environment: functions that simulate take
//! `&mut R where R: rand::Rng`, seeded by the caller, so a shared link reproduces a run.

pub mod align;
pub mod assets;
pub mod bootstrap;
pub mod csv_prices;
pub mod derivatives;
pub mod dev_activity;
pub mod drawdown;
mod error;
pub mod liquidity;
pub mod net;
pub mod normal;
pub mod performance;
pub mod portfolio;
pub mod relative;
pub mod report;
pub mod returns;
pub mod scenario;
pub mod sector;
pub mod series;
pub mod snapshot;
pub mod sources;
pub mod stats;
pub mod tail;
pub mod time;
pub mod view;
pub mod volatility;

pub use error::MetricError;
pub use series::{Calendar, PriceSeries, SeriesError};
