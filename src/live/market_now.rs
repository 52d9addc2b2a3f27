//! A token's market right now, from the APIs: Binance's 24-hour ticker and order book (with
//! Coinbase's book where Binance refuses), Binance USD-M futures positioning, and GitHub's
//! weekly commits of the project's repositories. Each resource is one request through the data
//! service (cached, rate-limited, shared while in flight).

use super::remote::{load, load_typed, Remote};
use super::service::{DataService, Source};
use super::state::binance_refused;
use std::rc::Rc;
use tokenrisk_core::assets::{coingecko_id, coingecko_ids};
use tokenrisk_core::net::SiteConfig;
use tokenrisk_core::sources::binance::{
    parse_depth, parse_klines, parse_ticker_24h, Kline, Ticker24h,
};
use tokenrisk_core::sources::binance_futures::{
    parse_funding_rates, parse_long_short_ratios, parse_open_interest, parse_open_interest_history,
    parse_premium_index, FundingRate, LongShortRatio, OpenInterest, OpenInterestPoint,
    PremiumIndex,
};
use tokenrisk_core::sources::book::OrderBook;
use tokenrisk_core::sources::coinbase;
use tokenrisk_core::sources::coingecko::{parse_coin_markets, CoinMarket};
use tokenrisk_core::sources::github::{parse_commit_activity, WeeklyCommits};
use tokenrisk_core::sources::ParseError;

/// Order-book levels asked from Binance per side (a request weight of 25).
pub const BOOK_LEVELS: u32 = 500;

/// Funding payments asked: 100 covers 33 days at one payment every 8 hours.
pub const FUNDING_PAYMENTS: u32 = 100;

/// Days of daily open-interest and long/short history asked (Binance keeps 30).
pub const POSITIONING_DAYS: u32 = 30;

/// An order book and the venue it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct VenueBook {
    /// The book.
    pub book: OrderBook,
    /// `Binance`, or `Coinbase` with why Binance was not used.
    pub venue: String,
    /// The pair, e.g. `TAOUSDT` or `TAO-USD`.
    pub pair: String,
}

/// The 24-hour ticker URL of `id` against USDT.
pub fn ticker_url(config: &SiteConfig, id: &str) -> String {
    format!("{}/api/v3/ticker/24hr?symbol={id}USDT", config.binance_base)
}

/// The order-book URL of `id` against USDT at Binance.
pub fn depth_url(config: &SiteConfig, id: &str) -> String {
    format!(
        "{}/api/v3/depth?symbol={id}USDT&limit={BOOK_LEVELS}",
        config.binance_base
    )
}

/// The aggregated (level 2) order-book URL of `id` against USD at Coinbase.
pub fn coinbase_book_url(config: &SiteConfig, id: &str) -> String {
    format!("{}/products/{id}-USD/book?level=2", config.coinbase_base)
}

/// Hourly candles asked: the last 7 days.
pub const HOURLY_CANDLES: u32 = 168;

/// The hourly-klines URL of `id` against USDT at Binance.
pub fn hourly_url(config: &SiteConfig, id: &str) -> String {
    format!(
        "{}/api/v3/klines?symbol={id}USDT&interval=1h&limit={HOURLY_CANDLES}",
        config.binance_base
    )
}

/// Binance's hourly candles of `id` over the last 7 days.
pub async fn hourly(service: &Rc<DataService>, id: &str) -> Remote<Vec<Kline>> {
    let url = hourly_url(&service.config, id);
    load(service, Source::BinanceSpot, url, parse_klines).await
}

/// Binance's 24-hour ticker of `id`.
pub async fn ticker(service: &Rc<DataService>, id: &str) -> Remote<Ticker24h> {
    let url = ticker_url(&service.config, id);
    let parse = |body: &str| {
        parse_ticker_24h(body)?
            .into_iter()
            .next()
            .ok_or_else(|| ParseError::Malformed("no ticker".into()))
    };
    load_typed(service, Source::BinanceSpot, url, parse)
        .await
        .into()
}

/// `id`'s order book: Binance's, else Coinbase's where Binance refuses (HTTP 451/403 or a
/// response the browser may not read).
pub async fn book(service: &Rc<DataService>, id: &str) -> Remote<VenueBook> {
    let url = depth_url(&service.config, id);
    let refused = match load_typed(service, Source::BinanceSpot, url, parse_depth).await {
        Ok(fetched) => {
            return Remote::Ready(fetched.map(|book| VenueBook {
                book,
                venue: "Binance".to_owned(),
                pair: format!("{id}USDT"),
            }))
        }
        Err(failure) if binance_refused(&failure) => failure,
        Err(failure) => return Remote::Unavailable(failure.to_string()),
    };
    let url = coinbase_book_url(&service.config, id);
    match load_typed(service, Source::CoinbaseExchange, url, coinbase::parse_book).await {
        Ok(fetched) => Remote::Ready(fetched.map(|book| VenueBook {
            book,
            venue: format!("Coinbase (Binance {refused})"),
            pair: format!("{id}-USD"),
        })),
        Err(fallback) => Remote::Unavailable(format!("Binance {refused}; Coinbase {fallback}")),
    }
}

/// The futures figures of one perpetual contract.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Positioning {
    /// Mark and index price, current funding.
    pub premium: Remote<PremiumIndex>,
    /// Recent funding payments.
    pub funding: Remote<Vec<FundingRate>>,
    /// Open interest now.
    pub open_interest: Remote<OpenInterest>,
    /// Daily open interest over the last month.
    pub open_interest_history: Remote<Vec<OpenInterestPoint>>,
    /// Daily ratio of accounts long to accounts short.
    pub long_short: Remote<Vec<LongShortRatio>>,
}

/// The USD-M perpetual's positioning figures of `id` (`{id}USDT`), five requests.
pub async fn positioning(service: &Rc<DataService>, id: &str) -> Positioning {
    let base = service.config.binance_futures_base.clone();
    let symbol = format!("{id}USDT");
    let futures = Source::BinanceFutures;
    let premium = load_typed(
        service,
        futures,
        format!("{base}/fapi/v1/premiumIndex?symbol={symbol}"),
        |b: &str| {
            parse_premium_index(b)?
                .into_iter()
                .next()
                .ok_or_else(|| ParseError::Malformed("no premium index".into()))
        },
    );
    let funding = load_typed(
        service,
        futures,
        format!("{base}/fapi/v1/fundingRate?symbol={symbol}&limit={FUNDING_PAYMENTS}"),
        parse_funding_rates,
    );
    let open_interest = load_typed(
        service,
        futures,
        format!("{base}/fapi/v1/openInterest?symbol={symbol}"),
        parse_open_interest,
    );
    let history = load_typed(
        service,
        futures,
        format!(
            "{base}/futures/data/openInterestHist?symbol={symbol}&period=1d&limit={POSITIONING_DAYS}"
        ),
        parse_open_interest_history,
    );
    let long_short = load_typed(
        service,
        futures,
        format!(
            "{base}/futures/data/globalLongShortAccountRatio?symbol={symbol}&period=1d&limit={POSITIONING_DAYS}"
        ),
        parse_long_short_ratios,
    );
    let (premium, funding, open_interest, history, long_short) =
        futures::join!(premium, funding, open_interest, history, long_short);
    Positioning {
        premium: premium.into(),
        funding: funding.into(),
        open_interest: open_interest.into(),
        open_interest_history: history.into(),
        long_short: long_short.into(),
    }
}

/// The batched CoinGecko markets URL of every crypto asset the app names (one request serves
/// every token view).
pub fn coins_url(config: &SiteConfig) -> String {
    format!(
        "{}/coins/markets?vs_currency=usd&ids={}&sparkline=true&price_change_percentage=24h,7d",
        config.coingecko_base,
        coingecko_ids()
    )
}

/// `id`'s market capitalisation, valuation and supply from CoinGecko.
pub async fn valuation(service: &Rc<DataService>, id: &str) -> Remote<CoinMarket> {
    let Some(wanted) = coingecko_id(id) else {
        return Remote::Unavailable(format!("CoinGecko does not list {id}"));
    };
    let parse = |body: &str| {
        parse_coin_markets(body)?
            .into_iter()
            .find(|c| c.id == wanted)
            .ok_or_else(|| ParseError::Malformed(format!("no {wanted} in the answer")))
    };
    load(
        service,
        Source::CoinGecko,
        coins_url(&service.config),
        parse,
    )
    .await
}

/// The weekly commits of one repository.
#[derive(Debug, Clone, PartialEq)]
pub struct RepositoryActivity {
    /// `owner/name`.
    pub repository: String,
    /// Up to 52 weeks, oldest first.
    pub weeks: Remote<Vec<WeeklyCommits>>,
}

/// The commit activity of each repository in `repositories` (one request each).
pub async fn activity(service: &Rc<DataService>, repositories: &[&str]) -> Vec<RepositoryActivity> {
    let base = service.config.github_base.clone();
    futures::future::join_all(repositories.iter().map(|repository| {
        let url = format!("{base}/repos/{repository}/stats/commit_activity");
        async move {
            RepositoryActivity {
                repository: (*repository).to_owned(),
                weeks: load_typed(service, Source::GitHub, url, parse_commit_activity)
                    .await
                    .into(),
            }
        }
    }))
    .await
}
