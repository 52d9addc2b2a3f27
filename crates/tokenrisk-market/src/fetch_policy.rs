//! The policies of fetching market data, as pure functions the app's data service applies:
//! where each API lives (the site configuration), how fast it may be called (a token bucket),
//! which failures are retried and after how long (exponential backoff with jitter), how a
//! failure reads to a user, and when a cached response is still fresh.
//!
//! Time is always passed in (milliseconds); randomness (the jitter) too.

use serde::{Deserialize, Serialize};
use std::fmt;

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

/// A token bucket: up to `capacity` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenBucket {
    capacity: f64,
    per_second: f64,
    tokens: f64,
    updated_ms: f64,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(capacity: f64, per_second: f64, now_ms: f64) -> Self {
        Self {
            capacity,
            per_second,
            tokens: capacity,
            updated_ms: now_ms,
        }
    }

    /// Takes a token if one is there (`Ok`), else says how many milliseconds until one is.
    ///
    /// # Errors
    /// The wait in milliseconds when the bucket is empty.
    pub fn take(&mut self, now_ms: f64) -> Result<(), f64> {
        self.take_weight(1.0, now_ms)
    }

    /// Takes `weight` tokens (a request's weight, as Binance counts them) if that many are
    /// there, else says how many milliseconds until they are. A weight above the capacity is
    /// taken as the capacity (a full bucket), so no request waits forever; a weight that is not
    /// a positive number is taken as 1. A clock that goes back adds nothing.
    ///
    /// # Errors
    /// The wait in milliseconds when the bucket holds too few tokens.
    pub fn take_weight(&mut self, weight: f64, now_ms: f64) -> Result<(), f64> {
        let weight = if weight.is_finite() && weight > 0.0 {
            weight.min(self.capacity)
        } else {
            1.0
        };
        let elapsed = (now_ms - self.updated_ms).max(0.0) / 1000.0;
        if elapsed.is_finite() {
            self.tokens = (self.tokens + elapsed * self.per_second).min(self.capacity);
        }
        if now_ms.is_finite() {
            self.updated_ms = self.updated_ms.max(now_ms);
        }
        if self.tokens >= weight {
            self.tokens -= weight;
            Ok(())
        } else {
            Err((weight - self.tokens) / self.per_second * 1000.0)
        }
    }
}

/// Why a request gave no usable data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The server answered with this status.
    Http(u16),
    /// The browser got no readable response: a network error, a CORS refusal (APIs often send
    /// 429, 451 and 5xx without CORS headers, so those look alike), or no connection.
    Blocked,
    /// No answer within the timeout (milliseconds).
    Timeout(u32),
    /// The server accepted the request but is still computing the answer (HTTP 202, as
    /// GitHub's repository statistics do on a first request); asking again later gives it.
    Pending,
    /// The browser says it has no network: nothing was sent, and retrying now cannot help.
    Offline,
    /// An answer that is not the expected data.
    Malformed(String),
    /// Not asked now: the server asked to wait longer than the app waits (its `Retry-After`),
    /// or the app's own budget for the source is spent (GitHub's hourly 60, shared by every
    /// tab of this browser). The wait is in seconds.
    Throttled {
        /// Seconds until asking is allowed again.
        wait_s: u64,
        /// Whether the server asked (else the app's own budget).
        by_server: bool,
    },
}

impl FetchFailure {
    /// Whether trying again later may help: rate limits, server errors, timeouts, and blocked
    /// requests (which may be rate limits in disguise). Not 4xx other than 429, not bad data.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Http(status) => *status == 429 || *status >= 500,
            Self::Blocked | Self::Timeout(_) | Self::Pending => true,
            Self::Malformed(_) | Self::Offline | Self::Throttled { .. } => false,
        }
    }
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http(429) => f.write_str("rate-limited (HTTP 429)"),
            Self::Http(451) => f.write_str("not available in this region (HTTP 451)"),
            Self::Http(status) if *status >= 500 => write!(f, "server error (HTTP {status})"),
            Self::Http(status) => write!(f, "refused (HTTP {status})"),
            Self::Blocked => {
                f.write_str("blocked or rate-limited (no readable response), or offline")
            }
            Self::Timeout(ms) if ms % 1000 == 0 => write!(f, "no answer within {} s", ms / 1000),
            Self::Timeout(ms) => write!(f, "no answer within {:.1} s", f64::from(*ms) / 1000.0),
            Self::Malformed(reason) => write!(f, "unreadable answer ({reason})"),
            Self::Pending => f.write_str("still being computed by the server (HTTP 202)"),
            Self::Offline => f.write_str("offline (this device has no network connection)"),
            Self::Throttled { wait_s, by_server } => {
                let wait = if *wait_s >= 120 {
                    format!("{} min", wait_s.div_ceil(60))
                } else {
                    format!("{wait_s} s")
                };
                if *by_server {
                    write!(f, "rate-limited: the server asks to wait {wait}")
                } else {
                    write!(
                        f,
                        "request budget for this hour used up in this browser; next in {wait}"
                    )
                }
            }
        }
    }
}

/// The least wait before asking again after an HTTP 202 (answer still being computed).
pub const PENDING_DELAY_MS: f64 = 2_000.0;

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// Delay before the first retry, in milliseconds.
    pub base_delay_ms: f64,
    /// The longest delay, in milliseconds.
    pub max_delay_ms: f64,
}

impl Default for RetryPolicy {
    /// Three attempts, 0.5 s then 1 s (± jitter), never more than 8 s.
    fn default() -> Self {
        Self {
            attempts: 3,
            base_delay_ms: 500.0,
            max_delay_ms: 8_000.0,
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed, or `None`
    /// when it should not be retried.
    ///
    /// # Formula
    /// ```text
    /// delay = min(base · 2^(attempt−1), max) · (0.5 + jitter)
    /// ```
    /// with `jitter` uniform in [0, 1) ("equal jitter", so clients that failed together do not
    /// retry together). A server's `Retry-After` (seconds) wins when longer; one longer than
    /// the maximum means no retry now (asking earlier than the server allows only prolongs a
    /// ban: Binance answers repeated 429s with 418 and bans of up to three days), and the
    /// caller reports [`FetchFailure::Throttled`]. An answer still being computed (HTTP 202)
    /// waits at least [`PENDING_DELAY_MS`].
    pub fn delay_ms(
        &self,
        attempt: u32,
        failure: &FetchFailure,
        retry_after_s: Option<f64>,
        jitter: f64,
    ) -> Option<f64> {
        if attempt >= self.attempts || !failure.is_retryable() {
            return None;
        }
        let exponential = (self.base_delay_ms * 2f64.powi(attempt.saturating_sub(1) as i32))
            .min(self.max_delay_ms);
        let jittered = exponential * (0.5 + jitter.clamp(0.0, 1.0));
        let server = retry_after_s
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(0.0, |s| s * 1000.0);
        if server > self.max_delay_ms {
            return None;
        }
        // GitHub asks to come back "in a few seconds" when statistics are being computed.
        let server = match failure {
            FetchFailure::Pending => server.max(PENDING_DELAY_MS.min(self.max_delay_ms)),
            _ => server,
        };
        Some(jittered.max(server))
    }
}

/// Reads a `Retry-After` header value (RFC 9110 §10.2.3) as seconds to wait from `now_ms`
/// (Unix milliseconds): either delay-seconds (`120`) or an HTTP date in the IMF-fixdate form
/// (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past is no wait; anything else is `None`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u32>().ok().map(f64::from);
    }
    let fields: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, clock, "GMT"] = fields.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let date = tokenrisk_core::time::Date::from_ymd(year.parse().ok()?, month, day.parse().ok()?)?;
    let at = tokenrisk_core::time::parse_timestamp(&format!("{date}T{clock}Z"))?;
    let wait_s = at as f64 - now_ms / 1000.0;
    wait_s.is_finite().then_some(wait_s.max(0.0))
}

/// The times of the requests sent to one source within a sliding window, kept in browser
/// storage so that reloads and every tab of the browser share one budget (GitHub allows 60
/// requests an hour per address without a token, and its answers are cached for hours).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestLog {
    /// When each request was sent, Unix milliseconds.
    pub sent_ms: Vec<f64>,
}

impl RequestLog {
    /// Reads a stored log; anything unreadable is an empty log (the server still enforces its
    /// own limit, so the worst case is one refused request).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The log as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }

    /// Records a request at `now_ms` when fewer than `limit` were sent within the last
    /// `window_ms`, else says how many milliseconds until the oldest leaves the window. Entries
    /// outside the window, from the future (a clock set back) or not finite are dropped first.
    ///
    /// # Errors
    /// The wait in milliseconds when the budget is spent.
    pub fn try_send(&mut self, now_ms: f64, limit: usize, window_ms: f64) -> Result<(), f64> {
        self.sent_ms
            .retain(|t| t.is_finite() && *t <= now_ms && now_ms - *t < window_ms);
        if self.sent_ms.len() < limit {
            self.sent_ms.push(now_ms);
            return Ok(());
        }
        let oldest = self.sent_ms.iter().copied().fold(f64::INFINITY, f64::min);
        Err((oldest + window_ms - now_ms).max(0.0))
    }
}

/// A response kept in browser storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// When it was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// The response body.
    pub body: String,
}

impl CacheEntry {
    /// Reads a stored entry; anything unreadable (a corrupted or foreign value) is `None`.
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|e| e.fetched_at_ms.is_finite())
    }

    /// The entry as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }

    /// Whether it is younger than `ttl_ms` at `now_ms` (an entry from the future is not fresh).
    pub fn is_fresh(&self, now_ms: f64, ttl_ms: f64) -> bool {
        let age = now_ms - self.fetched_at_ms;
        (0.0..ttl_ms).contains(&age)
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

    #[test]
    fn token_bucket_refills_over_time() {
        let mut bucket = TokenBucket::new(2.0, 4.0, 0.0);
        assert_eq!((bucket.take(0.0), bucket.take(0.0)), (Ok(()), Ok(())));
        assert_eq!(bucket.take(0.0), Err(250.0), "a token every 250 ms");
        assert_eq!(bucket.take(250.0), Ok(()));
        assert_eq!(
            bucket.take(10_000.0).and(bucket.take(10_000.0)),
            Ok(()),
            "refills up to the capacity"
        );
        assert!(bucket.take(10_000.0).is_err());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_honours_retry_after() {
        let policy = RetryPolicy::default();
        let busy = FetchFailure::Http(429);
        assert_eq!(policy.delay_ms(1, &busy, None, 0.5), Some(500.0));
        assert_eq!(policy.delay_ms(2, &busy, None, 0.0), Some(500.0));
        assert_eq!(
            policy.delay_ms(2, &busy, None, 0.999_999).map(f64::round),
            Some(1500.0)
        );
        assert_eq!(
            policy.delay_ms(3, &busy, None, 0.5),
            None,
            "three attempts in all"
        );
        assert_eq!(policy.delay_ms(1, &busy, Some(4.0), 0.5), Some(4000.0));
        assert_eq!(
            policy.delay_ms(1, &busy, Some(600.0), 0.5),
            None,
            "a server asking for ten minutes is not asked again in eight seconds"
        );
        assert_eq!(policy.delay_ms(1, &busy, Some(8.0), 0.5), Some(8000.0));
        assert_eq!(policy.delay_ms(1, &busy, Some(f64::NAN), 0.5), Some(500.0));
        assert_eq!(
            policy.delay_ms(1, &FetchFailure::Http(404), None, 0.5),
            None
        );
        assert_eq!(
            policy.delay_ms(1, &FetchFailure::Malformed("x".into()), None, 0.5),
            None
        );
        assert!(policy
            .delay_ms(1, &FetchFailure::Blocked, None, 0.5)
            .is_some());
    }

    #[test]
    fn failures_read_plainly() {
        assert_eq!(
            FetchFailure::Http(429).to_string(),
            "rate-limited (HTTP 429)"
        );
        assert_eq!(
            FetchFailure::Http(503).to_string(),
            "server error (HTTP 503)"
        );
        assert_eq!(
            FetchFailure::Timeout(1500).to_string(),
            "no answer within 1.5 s"
        );
        assert_eq!(
            FetchFailure::Timeout(10_000).to_string(),
            "no answer within 10 s"
        );
        assert_eq!(
            RetryPolicy::default().delay_ms(1, &FetchFailure::Offline, None, 0.5),
            None,
            "no network, no retry"
        );
        assert!(FetchFailure::Offline.to_string().starts_with("offline"));
        assert!(FetchFailure::Blocked
            .to_string()
            .starts_with("blocked or rate-limited"));
        assert_eq!(
            RetryPolicy::default().delay_ms(1, &FetchFailure::Offline, None, 0.5),
            None,
            "no network, no retry"
        );
        assert!(FetchFailure::Offline.to_string().starts_with("offline"));
    }

    #[test]
    fn cache_entries_survive_corruption_and_expire() {
        let entry = CacheEntry {
            fetched_at_ms: 1_000.0,
            body: "[]".into(),
        };
        assert_eq!(CacheEntry::from_json(&entry.to_json()), Some(entry.clone()));
        for corrupt in [
            "",
            "{",
            "null",
            r#"{"fetched_at_ms":"x","body":""}"#,
            r#"{"body":"[]"}"#,
        ] {
            assert_eq!(CacheEntry::from_json(corrupt), None, "{corrupt}");
        }
        assert!(entry.is_fresh(1_500.0, 1_000.0));
        assert!(!entry.is_fresh(2_000.0, 1_000.0));
        assert!(!entry.is_fresh(500.0, 1_000.0), "from the future");
    }
    #[test]
    fn retry_after_reads_seconds_and_dates() {
        // 2026-10-21T07:27:00Z in Unix milliseconds.
        let now = 1_792_567_620_000.0;
        assert_eq!(parse_retry_after("120", now), Some(120.0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now),
            Some(60.0)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:00:00 GMT", now),
            Some(0.0)
        );
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "Wed, 32 Oct 2026 07:28:00 GMT",
            "Wed, 21 Oct 2026 07:28:00 CET",
            "99999999999",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn request_log_shares_an_hourly_budget() {
        let hour = 3_600_000.0;
        let mut log = RequestLog::default();
        for i in 0..3 {
            assert_eq!(log.try_send(f64::from(i) * 1000.0, 3, hour), Ok(()));
        }
        assert_eq!(log.try_send(10_000.0, 3, hour), Err(hour - 10_000.0));
        // Read back from storage, as another tab would.
        let mut other = RequestLog::from_json(&log.to_json());
        assert!(other.try_send(20_000.0, 3, hour).is_err());
        assert_eq!(
            other.try_send(hour + 1.0, 3, hour),
            Ok(()),
            "the oldest left the window"
        );
        // Garbage and entries from the future are dropped, never trusted.
        assert_eq!(RequestLog::from_json("{not json"), RequestLog::default());
        let mut skewed = RequestLog {
            sent_ms: vec![f64::NAN, 9e15, 5.0, 6.0, 7.0],
        };
        assert!(skewed.try_send(10.0, 3, hour).is_err());
        assert_eq!(skewed.sent_ms, vec![5.0, 6.0, 7.0]);
    }

    #[test]
    fn weighted_requests_drain_the_bucket_by_weight() {
        // Binance spot at half its documented 6,000 weight a minute.
        let mut bucket = TokenBucket::new(3_000.0, 50.0, 0.0);
        assert_eq!(bucket.take_weight(250.0, 0.0), Ok(()));
        for _ in 0..11 {
            assert_eq!(bucket.take_weight(250.0, 0.0), Ok(()));
        }
        assert_eq!(
            bucket.take_weight(250.0, 0.0),
            Err(5_000.0),
            "250 weight at 50 a second"
        );
        assert_eq!(
            bucket.take_weight(1e9, 120_000.0),
            Ok(()),
            "more than the capacity waits for a full bucket only"
        );
        assert_eq!(bucket.take_weight(f64::NAN, 200_000.0), Ok(()));
    }
}
