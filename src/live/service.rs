//! The data service every view uses: rate limit per source, retries, one request per URL at
//! a time, and the cache.

use super::cache::{self, now_ms};
use super::coingecko_key;
use super::http::{get_text, Failed};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tokenrisk_market::fetch_policy::{
    CacheEntry, FetchFailure, RetryPolicy, SiteConfig, TokenBucket,
};

/// Where the site's configuration is served, relative to its base path.
pub const CONFIG_URL: &str = "config.json";

/// A public API the app calls, with its rate limit and how long its answers stay fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Binance spot market data: 6,000 request weight a minute per IP; a klines call weighs 2,
    /// so 10 requests a second with bursts of 20 stays far inside it.
    BinanceSpot,
    /// Coinbase Exchange public data: about 10 requests a second per IP; we use half.
    CoinbaseExchange,
    /// CoinGecko's public API: without a key the limit is shared per IP and varies (10–30 a
    /// minute in older documents), so 3 at once and one every 5 seconds.
    CoinGecko,
    /// Binance USD-M futures public data: 2,400 request weight a minute, and 1,000 requests per
    /// 5 minutes for the `futures/data` statistics; 5 at once and 2 a second stays inside both.
    BinanceFutures,
    /// GitHub's REST API without a token: 60 requests an hour per IP, so 10 at once and one a
    /// minute after that.
    GitHub,
}

impl Source {
    fn bucket(self, now: f64) -> TokenBucket {
        match self {
            Self::BinanceSpot => TokenBucket::new(20.0, 10.0, now),
            Self::CoinbaseExchange => TokenBucket::new(5.0, 5.0, now),
            Self::CoinGecko => TokenBucket::new(3.0, 0.2, now),
            Self::BinanceFutures => TokenBucket::new(5.0, 2.0, now),
            Self::GitHub => TokenBucket::new(10.0, 1.0 / 60.0, now),
        }
    }

    /// Every source, for listings.
    pub const ALL: [Self; 5] = [
        Self::BinanceSpot,
        Self::CoinbaseExchange,
        Self::CoinGecko,
        Self::BinanceFutures,
        Self::GitHub,
    ];

    /// The provider's name, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::BinanceSpot => "Binance spot",
            Self::CoinbaseExchange => "Coinbase Exchange",
            Self::CoinGecko => "CoinGecko",
            Self::BinanceFutures => "Binance USD-M futures",
            Self::GitHub => "GitHub",
        }
    }

    /// The configured base URL of this source.
    pub fn base(self, config: &SiteConfig) -> &str {
        match self {
            Self::BinanceSpot => &config.binance_base,
            Self::CoinbaseExchange => &config.coinbase_base,
            Self::CoinGecko => &config.coingecko_base,
            Self::BinanceFutures => &config.binance_futures_base,
            Self::GitHub => &config.github_base,
        }
    }

    /// The source whose base URL `url` starts with, under `config`.
    pub fn of_url(config: &SiteConfig, url: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| url.starts_with(&format!("{}/", s.base(config))))
    }

    /// How long this source's answers are served from the cache without asking again: the
    /// site's setting, except GitHub's weekly statistics, kept six hours (its hourly limit is
    /// the scarcest).
    pub fn time_to_live_ms(self, config: &SiteConfig) -> f64 {
        let configured = f64::from(config.cache_ttl_ms);
        match self {
            Self::GitHub => configured.max(GITHUB_TTL_MS),
            _ => configured,
        }
    }
}

/// Six hours, in milliseconds.
const GITHUB_TTL_MS: f64 = 6.0 * 3_600_000.0;

type InFlight = Shared<LocalBoxFuture<'static, Result<CacheEntry, FetchFailure>>>;

/// The app's one data service.
pub struct DataService {
    /// Where the APIs live.
    pub config: SiteConfig,
    buckets: RefCell<HashMap<Source, TokenBucket>>,
    in_flight: RefCell<HashMap<String, InFlight>>,
    retry: RetryPolicy,
}

impl DataService {
    /// A service for this configuration.
    pub fn new(config: SiteConfig) -> Rc<Self> {
        Rc::new(Self {
            config,
            buckets: RefCell::new(HashMap::new()),
            in_flight: RefCell::new(HashMap::new()),
            retry: RetryPolicy::default(),
        })
    }

    /// Loads `config.json`: a missing file means the defaults; an invalid one the defaults and
    /// a message.
    pub async fn load_config() -> (SiteConfig, Option<String>) {
        match get_text(CONFIG_URL, 5_000).await {
            Ok(text) => match SiteConfig::from_json(&text) {
                Ok(config) => (config, None),
                Err(e) => (
                    SiteConfig::default(),
                    Some(format!("{e}; using the public APIs")),
                ),
            },
            Err(_) => (SiteConfig::default(), None),
        }
    }

    /// The cached answer for `url`, fresh or not.
    pub fn cached(&self, url: &str) -> Option<CacheEntry> {
        cache::read(url)
    }

    /// Whether a cached answer of `source` is young enough to serve without asking again.
    pub fn is_fresh(&self, source: Source, entry: &CacheEntry) -> bool {
        entry.is_fresh(now_ms(), source.time_to_live_ms(&self.config))
    }

    /// A live answer for `url`, cached on success. While a request for the same URL is under
    /// way, callers share it instead of sending another. A CoinGecko demo key, when the user
    /// saved one, is added to the request only: `url`, the cache and everything shown stay
    /// without it.
    pub async fn fetch(
        self: &Rc<Self>,
        source: Source,
        url: String,
    ) -> Result<CacheEntry, FetchFailure> {
        let existing = self.in_flight.borrow().get(&url).cloned();
        let shared = match existing {
            Some(shared) => shared,
            None => {
                let service = Rc::clone(self);
                let key = url.clone();
                let shared = async move {
                    let outcome = service.fetch_with_retries(source, &key).await;
                    service.in_flight.borrow_mut().remove(&key);
                    outcome
                }
                .boxed_local()
                .shared();
                self.in_flight.borrow_mut().insert(url, shared.clone());
                shared
            }
        };
        shared.await
    }

    /// The answer for `url`: from the cache while fresh (no request), else fetched, else the
    /// stale cached answer with the failure, else the failure. The flag says whether the
    /// answer was fetched now.
    pub async fn cached_or_fetch(
        self: &Rc<Self>,
        source: Source,
        url: String,
    ) -> Result<(CacheEntry, bool, Option<FetchFailure>), FetchFailure> {
        let cached = self.cached(&url);
        if let Some(entry) = cached.clone().filter(|e| self.is_fresh(source, e)) {
            return Ok((entry, false, None));
        }
        match self.fetch(source, url).await {
            Ok(entry) => Ok((entry, true, None)),
            Err(failure) => cached
                .map(|entry| (entry, false, Some(failure.clone())))
                .ok_or(failure),
        }
    }

    async fn fetch_with_retries(
        &self,
        source: Source,
        url: &str,
    ) -> Result<CacheEntry, FetchFailure> {
        let mut attempt = 1;
        loop {
            self.wait_for_token(source).await;
            let request_url = match (source, coingecko_key::get()) {
                (Source::CoinGecko, Some(key)) => {
                    let joiner = if url.contains('?') { '&' } else { '?' };
                    format!("{url}{joiner}x_cg_demo_api_key={key}")
                }
                _ => url.to_owned(),
            };
            let failed = match get_text(&request_url, self.config.request_timeout_ms).await {
                Ok(body) => {
                    let entry = CacheEntry {
                        fetched_at_ms: now_ms(),
                        body,
                    };
                    cache::write(url, &entry);
                    return Ok(entry);
                }
                Err(failed) => failed,
            };
            let Failed {
                failure,
                retry_after_s,
            } = failed;
            match self
                .retry
                .delay_ms(attempt, &failure, retry_after_s, js_sys::Math::random())
            {
                Some(delay) => gloo_timers::future::TimeoutFuture::new(delay as u32).await,
                None => return Err(failure),
            }
            attempt += 1;
        }
    }

    async fn wait_for_token(&self, source: Source) {
        loop {
            let wait = {
                let mut buckets = self.buckets.borrow_mut();
                let now = now_ms();
                buckets
                    .entry(source)
                    .or_insert_with(|| source.bucket(now))
                    .take(now)
            };
            match wait {
                Ok(()) => return,
                Err(ms) => gloo_timers::future::TimeoutFuture::new(ms.ceil() as u32).await,
            }
        }
    }
}
