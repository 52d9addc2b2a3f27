//! The AI-token sector's coins from CoinGecko (`/coins/markets` in the `artificial-intelligence`
//! category, largest first).

use super::market_context::AI_CATEGORY;
use super::market_now::coins_url;
use super::remote::{load, Remote};
use super::service::{DataService, Source};
use leptos::prelude::*;
use std::rc::Rc;
use tokenrisk_market::sources::coingecko::{parse_coin_markets, CoinMarket};

/// Coins listed (CoinGecko allows up to 250 a page; the sector's tail adds little).
pub const SECTOR_COINS: u32 = 50;

/// Where the sector list stands: coins, largest market capitalisation first.
pub type SectorState = Remote<Vec<CoinMarket>>;

/// The markets URL of the AI category, 24-hour and 7-day changes and 7-day hourly sparklines
/// included.
pub fn markets_url(service: &DataService) -> String {
    format!(
        "{}/coins/markets?vs_currency=usd&category={AI_CATEGORY}&order=market_cap_desc&per_page={SECTOR_COINS}&page=1&sparkline=true&price_change_percentage=24h,7d",
        service.config.coingecko_base
    )
}

/// Fills `state` with the sector's coins (once per visit).
pub fn refresh_sector(service: &Rc<DataService>, state: RwSignal<SectorState>) {
    if state.with_untracked(|s| *s != SectorState::NotAsked) {
        return;
    }
    state.set(SectorState::Loading);
    let service = Rc::clone(service);
    leptos::task::spawn_local(async move {
        let url = markets_url(&service);
        state.set(load(&service, Source::CoinGecko, url, parse_coin_markets).await);
    });
}

/// Fills `state` with CoinGecko's markets of the app's own coins (BTC among them; one batched
/// request, shared with the token view's valuation panel through the cache).
pub fn refresh_majors(service: &Rc<DataService>, state: RwSignal<SectorState>) {
    if state.with_untracked(|s| *s != SectorState::NotAsked) {
        return;
    }
    state.set(SectorState::Loading);
    let service = Rc::clone(service);
    leptos::task::spawn_local(async move {
        let url = coins_url(&service.config);
        state.set(load(&service, Source::CoinGecko, url, parse_coin_markets).await);
    });
}
