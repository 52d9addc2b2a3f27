//! Token Risk Lab's core: the maths and the venue-neutral domain types, with no web dependency.
//!
//! Data flows one way: a source (CSV export, API response, bundled snapshot), read by the
//! market-data crate, becomes a typed [`PriceSeries`] (or an [`order_book::OrderBook`], funding
//! and open-interest points, weekly commits); the metric functions take these or return slices
//! and give plain numbers.
//!
//! Conventions, stated once and used everywhere:
//! - Returns are **simple** returns `r_t = P_t / P_{t-1} − 1` unless a function says otherwise.
//! - Sample statistics use **ddof = 1** (NumPy `std(ddof=1)`, pandas' default).
//! - Annualisation multiplies a per-period volatility by `√P`, with `P` = 365 for assets that
//!   trade every day (crypto) and 252 for assets that trade on weekdays (equities); see
//!   [`Calendar`].
//! - Drawdowns are negative fractions (−0.25 is a 25 % fall from the running peak).
//!
//! What is not here: providers' URLs and response formats, CSV exports, fetch policies and the
//! snapshot file (the `tokenrisk-market` crate reads them into these types), and the words
//! people read (the app and `tokenrisk-glossary`). A test fails if a web crate enters this
//! crate's dependencies.
//!
//! Modules:
//! - Data: [`time`] (UTC dates and timestamps), [`series`] (validated price series),
//!   [`align`] (inner joins on dates), [`range`] (history ranges, and one asset's numbers over
//!   a range).
//! - Statistics: [`stats`] (moments, quantiles), [`normal`] (Φ, φ, Φ⁻¹), [`bootstrap`]
//!   (stationary bootstrap, confidence intervals).
//! - Metrics: [`returns`], [`volatility`] (sample, rolling, EWMA), [`drawdown`] (series,
//!   episodes, ulcer, CDaR), [`performance`] (CAGR, Sharpe, Sortino, Calmar, Omega, PSR, …),
//!   [`tail`] (VaR and ES: historical, Gaussian, Cornish–Fisher, Monte Carlo), [`relative`]
//!   (beta, correlation, capture, two-factor regression), [`regression`] (least squares on
//!   several factors with standard errors), [`portfolio`] (volatility and expected-shortfall
//!   contributions), [`linalg`] (Cholesky factor, covariance matrix).
//! - Stress: [`stress`] (factor shocks through loadings on BTC, AI equities and the AI-token
//!   sector; the 2026-02 sell-off preset; the worst windows of history on today's holdings).
//! - Markets now: [`order_book`] (price levels, validation), [`liquidity`] (mid, spread, depth
//!   near the mid), [`execution`] (market orders in base or quote units, depth bands, the
//!   largest size within a slippage limit, the exit of a position), [`depth_stress`] (depth
//!   haircuts and their presets), [`illiquidity`] (days to exit, Amihud, turnover),
//!   [`derivatives`] (funding and open-interest points; funding in yearly terms, premium,
//!   open-interest change), [`dev_activity`] (weekly commit counts), [`sector`] (sparkline
//!   volatility and beta, the sector's 7-day change), [`volume_profile`] (traded volume by
//!   price from bars).
//! - Leverage: [`leverage`] (liquidation price of a USDⓈ-M perpetual position, isolated or
//!   cross, with maintenance-margin brackets re-checked at the liquidation price), [`cascade`]
//!   (open interest as a ladder of liquidation prices, and the cascade a shock sets off through
//!   an order book).
//! - Supply: [`tokenomics`] (a token's total, circulating and liquid supply day by day from
//!   emission with halvings, inflation, a declining reward curve, yearly emissions against
//!   burns, vesting cohorts and staking).
//! - Company results: [`quarters`] (fiscal quarters from values reported year to date and
//!   yearly, their year-on-year growth).
//! - Signals: [`signals`] (a value's rank in its own history read the risky way, states by
//!   thresholds, a value against its trailing median).
//! - Reports: [`report`] (every metric of one series, and their resampled uncertainty).
//! - Scenarios: [`scenario`] (the holdings and seed a shared link carries in its fragment, and
//!   its versioned, compressed link codec).
//!
//! Random numbers are never drawn from the environment: functions that simulate take
//! `&mut R where R: rand::Rng`, seeded by the caller, so a shared link reproduces a run.

pub mod align;
pub mod bootstrap;
pub mod cascade;
pub mod depth_stress;
pub mod derivatives;
pub mod dev_activity;
pub mod drawdown;
mod error;
pub mod execution;
pub mod illiquidity;
pub mod leverage;
pub mod linalg;
pub mod liquidity;
pub mod normal;
pub mod order_book;
pub mod performance;
pub mod portfolio;
pub mod quarters;
pub mod range;
pub mod regression;
pub mod relative;
pub mod report;
pub mod returns;
pub mod scenario;
pub mod sector;
pub mod series;
pub mod signals;
pub mod simulation;
pub mod sizing;
pub mod stats;
pub mod stress;
pub mod tail;
pub mod time;
pub mod tokenomics;
pub mod volatility;
pub mod volume_profile;

pub use error::MetricError;
pub use series::{Calendar, PriceSeries, SeriesError};
