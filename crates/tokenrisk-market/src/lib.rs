//! Token Risk Lab's market data: what to fetch, how often, and how to read the answer, as pure
//! functions (no HTTP client, no web dependency; the app's data service and the `tokenrisk`
//! command do the fetching).
//!
//! - [`brackets`]: Binance USDⓈ-M maintenance-margin brackets for the registry's futures
//!   contracts, as a dated snapshot (the live endpoint needs a signed request).
//! - [`registry`]: the one table of assets (ids, names, calendars, exchange symbols, CoinGecko
//!   ids, repositories, futures contracts, aliases); adding a token is one row.
//! - [`sell_off`]: the sell-off of 2026-02-05/06 as a dated record (BTC's daily candles, the
//!   liquidations reported, the last open interest recorded before it) for the replay.
//! - [`supply_presets`]: supply models of TAO, NEAR, ICP, RENDER and FET for the core's
//!   tokenomics engine, each parameter with its source and confidence, and the start supply.
//! - [`sources`]: each provider's response parsers, producing the core's types (price series,
//!   order books, funding and open-interest points, weekly commits) or typed provider records.
//! - [`csv_prices`]: CSV price exports (Binance, Yahoo and similar files).
//! - [`fetch_policy`]: the site configuration, rate limits, retries and cache freshness.
//! - [`snapshot`]: the bundled data file, and the merge of several sources of one asset by date.

pub mod brackets;
pub mod company_quarters;
pub mod csv_prices;
pub mod fetch_policy;
pub mod registry;
pub mod sell_off;
pub mod snapshot;
pub mod sources;
pub mod supply_presets;
