//! The AI-token sector's coins from CoinGecko (`/coins/markets` in the `artificial-intelligence`
//! category, largest first).

use super::market_context::AI_CATEGORY;
use super::service::{DataService, Source};
use leptos::prelude::*;
use std::rc::Rc;
use tokenrisk_core::sources::coingecko::{parse_coin_markets, CoinMarket};

/// Coins listed (CoinGecko allows up to 250 a page; the sector's tail adds little).
pub const SECTOR_COINS: u32 = 50;

/// The sector's coins and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorCoins {
    /// Coins, largest market capitalisation first.
    pub coins: Vec<CoinMarket>,
    /// When fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// Fetched during this visit (else from the cache).
    pub live: bool,
    /// Why a fresh request failed, when a cached answer is shown.
    pub failure: Option<String>,
    /// The URL asked (without any key).
    pub url: String,
}

/// Where the sector list stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SectorState {
    /// Not asked for yet.
    #[default]
    NotAsked,
    /// Asking CoinGecko.
    Loading,
    /// Coins to show.
    Ready(SectorCoins),
    /// Nothing to show, and why.
    Unavailable(String),
}

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
        let outcome = service
            .cached_or_fetch(Source::CoinGecko, url.clone())
            .await;
        state.set(match outcome {
            Ok((entry, live, failure)) => match parse_coin_markets(&entry.body) {
                Ok(coins) => SectorState::Ready(SectorCoins {
                    coins,
                    fetched_at_ms: entry.fetched_at_ms,
                    live,
                    failure: failure.map(|f| f.to_string()),
                    url,
                }),
                Err(e) => SectorState::Unavailable(format!("unreadable answer ({e})")),
            },
            Err(failure) => SectorState::Unavailable(failure.to_string()),
        });
    });
}
