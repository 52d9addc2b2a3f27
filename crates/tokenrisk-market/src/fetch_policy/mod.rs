//! The policies of fetching market data, as pure functions the app's data service and the
//! command apply: where each API lives (the site configuration) and the limits on what is read
//! (here); how fast each API may be called (`rate`); which failures are retried, after how
//! long, and how a failure reads to a user (`retry`); when a cached response is still fresh
//! (`cache`).
//!
//! Time is always passed in (milliseconds); randomness (the jitter) too.

mod cache;
mod rate;
mod retry;

pub use cache::CacheEntry;
pub use rate::{RequestLog, TokenBucket};
pub use retry::{parse_retry_after, FetchFailure, RetryPolicy, ServerHold, PENDING_DELAY_MS};

use serde::{Deserialize, Serialize};

/// The largest API answer read, in bytes (8 MiB). The biggest the app asks for, a 5,000-level
/// order book or 250 coins with their 7-day sparklines, is well under 2 MiB; anything larger
/// is refused as malformed before it is parsed or cached.
pub const MAX_API_BODY_BYTES: usize = 8 << 20;

/// The largest bundled snapshot read, in bytes (32 MiB; the shipped one is about 1 MiB).
pub const MAX_SNAPSHOT_BYTES: usize = 32 << 20;

/// The largest CSV file imported, in bytes (20 MiB: ten years of hourly bars with every
/// column of a Binance export is about 17 MiB).
pub const MAX_CSV_FILE_BYTES: usize = 20 << 20;

/// How long the bundled snapshot may take to arrive before the page says so, in milliseconds.
pub const SNAPSHOT_TIMEOUT_MS: u32 = 20_000;

/// Where the APIs live. Served with the site as `config.json`, so a deployment can point at
/// its own caching proxy; never read from a scenario link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Base URL of Binance's key-less spot market data.
    #[serde(default = "default_binance")]
    pub binance_base: String,
    /// Base URL of Coinbase Exchange's public market data, the fallback where Binance refuses.
    #[serde(default = "default_coinbase")]
    pub coinbase_base: String,
    /// Base URL of CoinGecko's public API (v3).
    #[serde(default = "default_coingecko")]
    pub coingecko_base: String,
    /// Base URL of Binance's USD-M futures public data (funding, open interest, positioning).
    #[serde(default = "default_binance_futures")]
    pub binance_futures_base: String,
    /// Base URL of GitHub's REST API (repository statistics).
    #[serde(default = "default_github")]
    pub github_base: String,
    /// How long one request may take before it is abandoned, in milliseconds.
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u32,
    /// How long a cached answer is served without asking again, in milliseconds.
    #[serde(default = "default_cache_ttl")]
    pub cache_ttl_ms: u32,
}

fn default_cache_ttl() -> u32 {
    600_000
}

fn default_binance() -> String {
    "https://data-api.binance.vision".to_owned()
}

fn default_coinbase() -> String {
    "https://api.exchange.coinbase.com".to_owned()
}

fn default_coingecko() -> String {
    "https://api.coingecko.com/api/v3".to_owned()
}

fn default_binance_futures() -> String {
    "https://fapi.binance.com".to_owned()
}

fn default_github() -> String {
    "https://api.github.com".to_owned()
}

fn default_timeout() -> u32 {
    10_000
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            binance_base: default_binance(),
            coinbase_base: default_coinbase(),
            coingecko_base: default_coingecko(),
            binance_futures_base: default_binance_futures(),
            github_base: default_github(),
            request_timeout_ms: default_timeout(),
            cache_ttl_ms: default_cache_ttl(),
        }
    }
}

impl SiteConfig {
    /// Reads `config.json`. Base URLs must be `http(s)://` without a query or credentials (so a
    /// key can never ride along), the timeout between 100 ms and 2 minutes, the cache's time to
    /// live at most a day.
    ///
    /// # Errors
    /// A message saying which setting is wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let config: Self = serde_json::from_str(text).map_err(|e| format!("config.json: {e}"))?;
        for (name, base) in [
            ("binance_base", &config.binance_base),
            ("coinbase_base", &config.coinbase_base),
            ("coingecko_base", &config.coingecko_base),
            ("binance_futures_base", &config.binance_futures_base),
            ("github_base", &config.github_base),
        ] {
            let scheme_ok = base.starts_with("https://") || base.starts_with("http://");
            if !scheme_ok || base.contains(['?', '#', '@', ' ']) {
                return Err(format!(
                    "config.json: {name} {base:?} is not a plain http(s) URL"
                ));
            }
        }
        if !(100..=120_000).contains(&config.request_timeout_ms) {
            return Err(
                "config.json: request_timeout_ms must be between 100 and 120000".to_owned(),
            );
        }
        if config.cache_ttl_ms > 86_400_000 {
            return Err("config.json: cache_ttl_ms must be at most a day".to_owned());
        }
        Ok(Self {
            binance_base: config.binance_base.trim_end_matches('/').to_owned(),
            coinbase_base: config.coinbase_base.trim_end_matches('/').to_owned(),
            coingecko_base: config.coingecko_base.trim_end_matches('/').to_owned(),
            binance_futures_base: config.binance_futures_base.trim_end_matches('/').to_owned(),
            github_base: config.github_base.trim_end_matches('/').to_owned(),
            ..config
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_config_defaults_and_validation() {
        assert_eq!(SiteConfig::from_json("{}"), Ok(SiteConfig::default()));
        let custom = SiteConfig::from_json(
            r#"{"binance_base":"http://127.0.0.1:9/","request_timeout_ms":1500}"#,
        )
        .expect("valid");
        assert_eq!(
            (custom.binance_base.as_str(), custom.request_timeout_ms),
            ("http://127.0.0.1:9", 1500)
        );
        for bad in [
            r#"{"binance_base":"javascript:alert(1)"}"#,
            r#"{"binance_base":"https://x.test/?key=secret"}"#,
            r#"{"binance_base":"https://user:pw@x.test"}"#,
            r#"{"coinbase_base":"ftp://x.test"}"#,
            r#"{"request_timeout_ms":5}"#,
            r#"{"cache_ttl_ms":999999999}"#,
            r#"{"unknown":1}"#,
            "not json",
        ] {
            assert!(SiteConfig::from_json(bad).is_err(), "{bad}");
        }
    }
}
