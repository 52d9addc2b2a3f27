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
    CacheEntry, FetchFailure, RequestLog, RetryPolicy, ServerHold, SiteConfig, TokenBucket,
};
use tokenrisk_market::sources::{binance, binance_futures};

/// Whether an answer's body is the data asked for (its parser, its result dropped). Only a
/// body that passes is cached, so a 200 with garbage never replaces a good stale answer.
pub type Check = Rc<dyn Fn(&str) -> Result<(), String>>;

/// A [`Check`] from a parser.
pub fn check_with<T, E: std::fmt::Display>(
    parse: impl Fn(&str) -> Result<T, E> + 'static,
) -> Check {
    Rc::new(move |body| parse(body).map(|_| ()).map_err(|e| e.to_string()))
}

/// Where the site's configuration is served, relative to its base path.
pub const CONFIG_URL: &str = "config.json";

/// A public API the app calls, with its rate limit and how long its answers stay fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Binance spot market data: 6,000 request weight a minute per IP. Requests are counted by
    /// their documented weight ([`binance::request_weight`]) against half of it: bursts of
    /// 3,000, refilled at 50 a second.
    BinanceSpot,
    /// Coinbase Exchange public data: about 10 requests a second per IP; we use half.
    CoinbaseExchange,
    /// CoinGecko's public API: without a key the limit is shared per IP and varies (10–30 a
    /// minute in older documents), so 3 at once and one every 5 seconds.
    CoinGecko,
    /// Binance USD-M futures public data: 2,400 request weight a minute, and 1,000 requests per
    /// 5 minutes for the `futures/data` statistics. Requests are counted by weight
    /// ([`binance_futures::request_weight`]) against half of it: bursts of 1,200, refilled at
    /// 20 a second.
    BinanceFutures,
    /// GitHub's REST API without a token: 60 requests an hour per IP. Counted in local storage
    /// ([`GITHUB_BUDGET_KEY`]) so that reloads and every tab share the hour's budget; within it,
    /// 10 at once and one a minute after that.
    GitHub,
}

impl Source {
    fn bucket(self, now: f64) -> TokenBucket {
        match self {
            Self::BinanceSpot => TokenBucket::new(3_000.0, 50.0, now),
            Self::CoinbaseExchange => TokenBucket::new(5.0, 5.0, now),
            Self::CoinGecko => TokenBucket::new(3.0, 0.2, now),
            Self::BinanceFutures => TokenBucket::new(1_200.0, 20.0, now),
            Self::GitHub => TokenBucket::new(10.0, 1.0 / 60.0, now),
        }
    }

    /// What one request to `url` counts against this source's bucket: Binance's documented
    /// request weight, else 1.
    pub fn weight(self, url: &str) -> f64 {
        match self {
            Self::BinanceSpot => binance::request_weight(url),
            Self::BinanceFutures => binance_futures::request_weight(url),
            _ => 1.0,
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

/// Where the times of this browser's GitHub requests of the last hour are kept.
pub const GITHUB_BUDGET_KEY: &str = "token-risk-lab.v1.budget.github";

/// GitHub's requests an hour per address without a token.
pub const GITHUB_HOURLY_REQUESTS: usize = 60;

/// Spends one request of this browser's GitHub hour, shared through local storage by reloads
/// and tabs; when it is spent, the wait in whole seconds. Without storage, the server's limit
/// alone applies.
fn spend_github_budget() -> Result<(), u64> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Ok(());
    };
    let mut log = storage
        .get_item(GITHUB_BUDGET_KEY)
        .ok()
        .flatten()
        .map(|text| RequestLog::from_json(&text))
        .unwrap_or_default();
    let outcome = log.try_send(now_ms(), GITHUB_HOURLY_REQUESTS, 3_600_000.0);
    let _ = storage.set_item(GITHUB_BUDGET_KEY, &log.to_json());
    outcome.map_err(|wait_ms| (wait_ms / 1000.0).ceil() as u64)
}

type InFlight = Shared<LocalBoxFuture<'static, Result<CacheEntry, FetchFailure>>>;

/// The app's one data service.
pub struct DataService {
    /// Where the APIs live.
    pub config: SiteConfig,
    buckets: RefCell<HashMap<Source, TokenBucket>>,
    in_flight: RefCell<HashMap<String, InFlight>>,
    holds: RefCell<HashMap<Source, ServerHold>>,
    retry: RetryPolicy,
}

impl DataService {
    /// A service for this configuration.
    pub fn new(config: SiteConfig) -> Rc<Self> {
        Rc::new(Self {
            config,
            buckets: RefCell::new(HashMap::new()),
            in_flight: RefCell::new(HashMap::new()),
            holds: RefCell::new(HashMap::new()),
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

    /// A live answer for `url` that passes `check`, cached only then (else
    /// [`FetchFailure::Malformed`]). While a request for the same URL is under way, callers
    /// share it instead of sending another. A CoinGecko demo key, when the user saved one, is
    /// added to the request only: `url`, the cache and everything shown stay without it.
    pub async fn fetch(
        self: &Rc<Self>,
        source: Source,
        url: String,
        check: Check,
    ) -> Result<CacheEntry, FetchFailure> {
        let existing = self.in_flight.borrow().get(&url).cloned();
        let shared = match existing {
            Some(shared) => shared,
            None => {
                let service = Rc::clone(self);
                let key = url.clone();
                let shared = async move {
                    let outcome = service.fetch_with_retries(source, &key, &check).await;
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

    /// The answer for `url` that passes `check`: from the cache while fresh (no request), else
    /// fetched, else the stale cached answer with the failure, else the failure. A cached
    /// answer that fails `check` (written by an older version, say) counts as none. The flag
    /// says whether the answer was fetched now.
    pub async fn cached_or_fetch(
        self: &Rc<Self>,
        source: Source,
        url: String,
        check: Check,
    ) -> Result<(CacheEntry, bool, Option<FetchFailure>), FetchFailure> {
        let cached = self.cached(&url).filter(|e| check(&e.body).is_ok());
        if let Some(entry) = cached.clone().filter(|e| self.is_fresh(source, e)) {
            return Ok((entry, false, None));
        }
        match self.fetch(source, url, check).await {
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
        check: &Check,
    ) -> Result<CacheEntry, FetchFailure> {
        let mut attempt = 1;
        loop {
            // A server that asked this source to wait is not asked again before then, for any URL.
            if let Some(refusal) = self
                .holds
                .borrow()
                .get(&source)
                .and_then(|hold| hold.refusal(now_ms()))
            {
                return Err(refusal);
            }
            if source == Source::GitHub {
                spend_github_budget().map_err(|wait_s| FetchFailure::Throttled {
                    wait_s,
                    by_server: false,
                })?;
            }
            self.wait_for_token(source, source.weight(url)).await;
            let request_url = match (source, coingecko_key::get()) {
                (Source::CoinGecko, Some(key)) => {
                    let joiner = if url.contains('?') { '&' } else { '?' };
                    format!("{url}{joiner}x_cg_demo_api_key={key}")
                }
                _ => url.to_owned(),
            };
            let failed = match get_text(&request_url, self.config.request_timeout_ms).await {
                Ok(body) => {
                    check(&body).map_err(FetchFailure::Malformed)?;
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
                None => {
                    // The server asked for longer than the app waits: say how long, not 429.
                    let wait = retry_after_s
                        .filter(|s| s.is_finite() && *s * 1000.0 > self.retry.max_delay_ms);
                    return Err(match wait {
                        Some(wait_s) if failure.is_retryable() => {
                            let wait_s = wait_s.ceil() as u64;
                            self.holds
                                .borrow_mut()
                                .entry(source)
                                .or_default()
                                .hold(now_ms(), wait_s);
                            FetchFailure::Throttled {
                                wait_s,
                                by_server: true,
                            }
                        }
                        _ => failure,
                    });
                }
            }
            attempt += 1;
        }
    }

    async fn wait_for_token(&self, source: Source, weight: f64) {
        loop {
            let wait = {
                let mut buckets = self.buckets.borrow_mut();
                let now = now_ms();
                buckets
                    .entry(source)
                    .or_insert_with(|| source.bucket(now))
                    .take_weight(weight, now)
            };
            match wait {
                Ok(()) => return,
                Err(ms) => gloo_timers::future::TimeoutFuture::new(ms.ceil() as u32).await,
            }
        }
    }
}
