//! Live market data in the browser, through one data service: the site configuration says
//! where each API lives; requests are rate-limited per source, retried with backoff, shared
//! while in flight, and cached in local storage; cached or bundled data shows at once and live
//! data replaces it when it arrives (stale-while-revalidate). The policies are the market-data
//! crate's (`tokenrisk_market::fetch_policy`); this module applies them with the browser's fetch
//! and storage. Components ask through [`use_remote::use_remote`].

pub mod cache;
pub mod coingecko_key;
pub mod http;
pub mod market_context;
pub mod market_now;
pub mod remote;
pub mod sector;
pub mod service;
pub mod state;
pub mod use_remote;
