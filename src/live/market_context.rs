//! The market around a token, from CoinGecko: the AI-token sector's market capitalisation and
//! its 24-hour change, and the whole crypto market's size and Bitcoin's share.

use super::service::{check_with, DataService, Source};
use std::rc::Rc;
use tokenrisk_market::fetch_policy::FetchFailure;
use tokenrisk_market::sources::coingecko::{
    categories_url, global_url, parse_categories, parse_global, Category, Global,
};

/// CoinGecko's id of the AI-token category.
pub const AI_CATEGORY: &str = "artificial-intelligence";

/// The figures, and when they were fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketContext {
    /// The AI category, if CoinGecko listed it.
    pub ai: Option<Category>,
    /// The whole market.
    pub global: Global,
    /// When the older of the two answers was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// Whether both answers were fetched during this visit (else some came from the cache).
    pub live: bool,
}

/// Where the market context stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ContextState {
    /// Asking CoinGecko.
    Loading,
    /// Figures to show; with the reason when a fresh request failed and cached ones are shown.
    Ready(Box<MarketContext>, Option<String>),
    /// Nothing to show, and why.
    Unavailable(String),
}

/// Asks CoinGecko for the market context: the categories and the whole market (two requests,
/// cached and shared like every other).
pub async fn load_context(service: &Rc<DataService>) -> ContextState {
    let base = &service.config.coingecko_base;
    let categories = service
        .cached_or_fetch(
            Source::CoinGecko,
            categories_url(base),
            check_with(parse_categories),
        )
        .await;
    let global = service
        .cached_or_fetch(
            Source::CoinGecko,
            global_url(base),
            check_with(parse_global),
        )
        .await;
    let outcome = (|| {
        let (c_entry, c_live, c_fail) = categories?;
        let (g_entry, g_live, g_fail) = global?;
        let malformed = |e: String| FetchFailure::Malformed(e);
        let ai = parse_categories(&c_entry.body)
            .map_err(|e| malformed(e.to_string()))?
            .into_iter()
            .find(|c| c.id == AI_CATEGORY);
        let global = parse_global(&g_entry.body).map_err(|e| malformed(e.to_string()))?;
        let context = MarketContext {
            ai,
            global,
            fetched_at_ms: c_entry.fetched_at_ms.min(g_entry.fetched_at_ms),
            live: c_live && g_live,
        };
        Ok::<_, FetchFailure>((context, c_fail.or(g_fail).map(|f| f.to_string())))
    })();
    match outcome {
        Ok((context, failure)) => ContextState::Ready(Box::new(context), failure),
        Err(failure) => ContextState::Unavailable(failure.to_string()),
    }
}
