//! A token's market right now, from the APIs: Binance's 24-hour ticker and order book (with
//! Coinbase's book where Binance refuses), Binance USD-M futures positioning, and GitHub's
//! weekly commits of the project's repositories. Each resource is one request through the data
//! service (cached, rate-limited, shared while in flight).

use super::remote::{load, load_typed, Remote, Unavailable};
use super::service::{DataService, Source};
use super::state::binance_refused;
use std::rc::Rc;
use tokenrisk_core::derivatives::{FundingPoint, OpenInterestPoint};
use tokenrisk_core::dev_activity::WeeklyCommits;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_market::fetch_policy::SiteConfig;
use tokenrisk_market::registry::{coingecko_ids, Asset};
use tokenrisk_market::sources::binance::{
    self, parse_depth, parse_klines, parse_ticker_24h, Kline, Ticker24h,
};
use tokenrisk_market::sources::binance_futures::{
    self as futures_api, parse_funding_rates, parse_long_short_ratios, parse_open_interest,
    parse_open_interest_history, parse_premium_index, LongShortRatio, OpenInterest, PremiumIndex,
};
use tokenrisk_market::sources::coinbase;
use tokenrisk_market::sources::coingecko::{self, parse_coin_markets, CoinMarket};
use tokenrisk_market::sources::github::{self, parse_commit_activity};
use tokenrisk_market::sources::ParseError;

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

/// Hourly candles asked: the last 7 days.
pub const HOURLY_CANDLES: u32 = 168;

/// What `asset` lacks to be asked at a venue.
fn not_listed<T>(asset: &Asset, venue: &'static str) -> Remote<T> {
    Remote::Unavailable(Unavailable::NotListed {
        asset: asset.id.to_owned(),
        venue,
    })
}

/// Binance's hourly candles of `asset` over the last 7 days.
pub async fn hourly(service: &Rc<DataService>, asset: &Asset) -> Remote<Vec<Kline>> {
    let Some(pair) = asset.binance_spot else {
        return not_listed(asset, "Binance");
    };
    let url = binance::klines_url(&service.config.binance_base, pair, "1h", HOURLY_CANDLES);
    load(service, Source::BinanceSpot, url, parse_klines).await
}

/// Daily candles asked for illiquidity: the last 100 days, enough for a 90-day window with
/// today's open candle left out (the token view asks for 1,000 for its history; this page
/// needs a tenth of the bytes).
pub const DAILY_CANDLES: u32 = 100;

/// Binance's daily candles of `asset` (the last [`DAILY_CANDLES`] days).
pub async fn daily(service: &Rc<DataService>, asset: &Asset) -> Remote<Vec<Kline>> {
    let Some(pair) = asset.binance_spot else {
        return not_listed(asset, "Binance");
    };
    let url = binance::klines_url(&service.config.binance_base, pair, "1d", DAILY_CANDLES);
    load(service, Source::BinanceSpot, url, parse_klines).await
}

/// Binance's 24-hour ticker of `asset`.
pub async fn ticker(service: &Rc<DataService>, asset: &Asset) -> Remote<Ticker24h> {
    let Some(pair) = asset.binance_spot else {
        return not_listed(asset, "Binance");
    };
    let url = binance::ticker_url(&service.config.binance_base, pair);
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

/// `asset`'s order book: Binance's, else Coinbase's where Binance refuses (HTTP 451/403 or a
/// response the browser may not read).
pub async fn book(service: &Rc<DataService>, asset: &Asset) -> Remote<VenueBook> {
    let Some(pair) = asset.binance_spot else {
        return not_listed(asset, "Binance");
    };
    let url = binance::depth_url(&service.config.binance_base, pair, BOOK_LEVELS);
    let refused = match load_typed(service, Source::BinanceSpot, url, parse_depth).await {
        Ok(fetched) => {
            return Remote::Ready(fetched.map(|book| VenueBook {
                book,
                venue: "Binance".to_owned(),
                pair: pair.to_owned(),
            }))
        }
        Err(failure) if binance_refused(&failure) => failure,
        Err(failure) => return Remote::Unavailable(Unavailable::Failed(failure)),
    };
    let Some(product) = asset.coinbase_product else {
        return Remote::Unavailable(Unavailable::FellBack {
            first: "Binance",
            refused,
            fallback: "Coinbase",
            then: Box::new(Unavailable::NotListed {
                asset: asset.id.to_owned(),
                venue: "Coinbase",
            }),
        });
    };
    let url = coinbase::book_url(&service.config.coinbase_base, product);
    match load_typed(service, Source::CoinbaseExchange, url, coinbase::parse_book).await {
        Ok(fetched) => Remote::Ready(fetched.map(|book| VenueBook {
            book,
            venue: format!("Coinbase (Binance {refused})"),
            pair: product.to_owned(),
        })),
        Err(failure) => Remote::Unavailable(Unavailable::FellBack {
            first: "Binance",
            refused,
            fallback: "Coinbase",
            then: Box::new(Unavailable::Failed(failure)),
        }),
    }
}

/// The order book of `asset`'s USDⓈ-M perpetual at Binance (where its leveraged positions are
/// liquidated), [`BOOK_LEVELS`] a side.
pub async fn perpetual_book(service: &Rc<DataService>, asset: &Asset) -> Remote<VenueBook> {
    let Some(symbol) = asset.binance_futures else {
        return not_listed(asset, "Binance USD-M");
    };
    let url = futures_api::depth_url(&service.config.binance_futures_base, symbol, BOOK_LEVELS);
    match load_typed(service, Source::BinanceFutures, url, parse_depth).await {
        Ok(fetched) => Remote::Ready(fetched.map(|book| VenueBook {
            book,
            venue: "Binance USD-M perpetual".to_owned(),
            pair: symbol.to_owned(),
        })),
        Err(failure) => Remote::Unavailable(Unavailable::Failed(failure)),
    }
}

/// Open interest now in `asset`'s USD-M perpetual, in contracts (base units).
pub async fn open_interest(service: &Rc<DataService>, asset: &Asset) -> Remote<OpenInterest> {
    let Some(symbol) = asset.binance_futures else {
        return not_listed(asset, "Binance USD-M futures");
    };
    let url = futures_api::open_interest_url(&service.config.binance_futures_base, symbol);
    load_typed(service, Source::BinanceFutures, url, parse_open_interest)
        .await
        .into()
}

/// The futures figures of one perpetual contract.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Positioning {
    /// Mark and index price, current funding.
    pub premium: Remote<PremiumIndex>,
    /// Recent funding payments.
    pub funding: Remote<Vec<FundingPoint>>,
    /// Open interest now.
    pub open_interest: Remote<OpenInterest>,
    /// Daily open interest over the last month.
    pub open_interest_history: Remote<Vec<OpenInterestPoint>>,
    /// Daily ratio of accounts long to accounts short.
    pub long_short: Remote<Vec<LongShortRatio>>,
}

/// The USD-M perpetual's positioning figures of `asset`, five requests (`None` for an asset
/// without a perpetual).
pub async fn positioning(service: &Rc<DataService>, asset: &Asset) -> Option<Positioning> {
    let symbol = asset.binance_futures?;
    let base = service.config.binance_futures_base.as_str();
    let futures = Source::BinanceFutures;
    let premium = load_typed(
        service,
        futures,
        futures_api::premium_index_url(base, symbol),
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
        futures_api::funding_rates_url(base, symbol, FUNDING_PAYMENTS),
        parse_funding_rates,
    );
    let open_interest = open_interest(service, asset);
    let history = load_typed(
        service,
        futures,
        futures_api::open_interest_history_url(base, symbol, POSITIONING_DAYS),
        parse_open_interest_history,
    );
    let long_short = load_typed(
        service,
        futures,
        futures_api::long_short_url(base, symbol, POSITIONING_DAYS),
        parse_long_short_ratios,
    );
    let (premium, funding, open_interest, history, long_short) =
        futures::join!(premium, funding, open_interest, history, long_short);
    Some(Positioning {
        premium: premium.into(),
        funding: funding.into(),
        open_interest,
        open_interest_history: history.into(),
        long_short: long_short.into(),
    })
}

/// The batched CoinGecko markets URL of every crypto asset the app names (one request serves
/// every token view).
pub fn coins_url(config: &SiteConfig) -> String {
    coingecko::markets_by_ids_url(&config.coingecko_base, &coingecko_ids())
}

/// `asset`'s market capitalisation, valuation and supply from CoinGecko.
pub async fn valuation(service: &Rc<DataService>, asset: &Asset) -> Remote<CoinMarket> {
    let Some(wanted) = asset.coingecko_id else {
        return not_listed(asset, "CoinGecko");
    };
    let parse = move |body: &str| {
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

/// The commit activity of each of `asset`'s repositories (one request each).
pub async fn activity(service: &Rc<DataService>, asset: &Asset) -> Vec<RepositoryActivity> {
    let base = service.config.github_base.clone();
    futures::future::join_all(asset.repositories.iter().map(|repository| {
        let url = github::commit_activity_url(&base, repository);
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
