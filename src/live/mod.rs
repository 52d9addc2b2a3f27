//! Live market data in the browser, through one data service: the site configuration says
//! where each API lives; requests are rate-limited per source, retried with backoff, shared
//! while in flight, and cached in local storage; cached or bundled data shows at once and live
//! data replaces it when it arrives (stale-while-revalidate). The policies are the core's
//! (`tokenrisk_core::net`); this module applies them with the browser's fetch and storage.

pub mod cache;
pub mod coingecko_key;
pub mod http;
pub mod market_context;
pub mod market_now;
pub mod remote;
pub mod sector;
pub mod service;
pub mod state;
