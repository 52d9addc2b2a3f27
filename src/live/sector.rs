//! The AI-token sector's coins from CoinGecko (`/coins/markets` in the `artificial-intelligence`
//! category, largest first).

use super::market_context::AI_CATEGORY;
use super::market_now::coins_url;
use super::remote::{load, Remote};
use super::service::{DataService, Source};
use std::rc::Rc;
use tokenrisk_market::sources::coingecko::{self, parse_coin_markets, CoinMarket};

/// Coins listed (CoinGecko allows up to 250 a page; the sector's tail adds little).
pub const SECTOR_COINS: u32 = 50;

/// Where the sector list stands: coins, largest market capitalisation first.
pub type SectorState = Remote<Vec<CoinMarket>>;

/// The markets URL of the AI category, 24-hour and 7-day changes and 7-day hourly sparklines
/// included.
pub fn markets_url(service: &DataService) -> String {
    coingecko::markets_by_category_url(&service.config.coingecko_base, AI_CATEGORY, SECTOR_COINS)
}

/// CoinGecko's largest coins of the AI category.
pub async fn sector_coins(service: &Rc<DataService>) -> SectorState {
    let url = markets_url(service);
    load(service, Source::CoinGecko, url, parse_coin_markets).await
}

/// CoinGecko's markets of the app's own coins (BTC among them; one batched request, shared
/// with the token view's valuation panel through the cache).
pub async fn majors(service: &Rc<DataService>) -> SectorState {
    let url = coins_url(&service.config);
    load(service, Source::CoinGecko, url, parse_coin_markets).await
}
