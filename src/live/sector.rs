//! The AI-token sector's coins from CoinGecko (`/coins/markets` in the `artificial-intelligence`
//! category, largest first).

use super::market_context::AI_CATEGORY;
use super::remote::{load, Remote};
use super::service::{DataService, Source};
use leptos::prelude::*;
use std::rc::Rc;
use tokenrisk_core::sources::coingecko::{parse_coin_markets, CoinMarket};

/// Coins listed (CoinGecko allows up to 250 a page; the sector's tail adds little).
pub const SECTOR_COINS: u32 = 50;

/// Where the sector list stands: coins, largest market capitalisation first.
pub type SectorState = Remote<Vec<CoinMarket>>;

/// The markets URL of the AI category, 24-hour and 7-day changes included.
pub fn markets_url(service: &DataService) -> String {
    format!(
        "{}/coins/markets?vs_currency=usd&category={AI_CATEGORY}&order=market_cap_desc&per_page={SECTOR_COINS}&page=1&price_change_percentage=24h,7d",
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
