//! What the page knows live about each token, how it gets it, and how it merges into the
//! bundled data.

use super::cache::now_ms;
use super::service::{DataService, Source};
use crate::data::{AssetSeries, Dataset};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use tokenrisk_core::net::{CacheEntry, FetchFailure};
use tokenrisk_core::snapshot::{Acquisition, Provenance};
use tokenrisk_core::sources::binance::{closed_candle_closes, parse_klines};
use tokenrisk_core::time::format_unix;
use tokenrisk_core::PriceSeries;

/// The assets with key-less live daily candles (Binance spot, against USDT).
pub const LIVE_ASSETS: [&str; 6] = ["BTC", "TAO", "NEAR", "ICP", "FET", "RENDER"];

/// Daily candles of one asset from the API (now or earlier, from the cache).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSeries {
    /// Closes of closed daily candles.
    pub prices: PriceSeries,
    /// When the answer was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// The URL asked (no key ever rides in it).
    pub url: String,
}

/// Where one asset's live data stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveState {
    /// Asking the API; the cached answer (if any) is shown meanwhile.
    Updating(Option<LiveSeries>),
    /// Fetched during this visit.
    Live(LiveSeries),
    /// From this browser's cache; with the reason when asking again failed.
    Cached(LiveSeries, Option<String>),
    /// Neither live nor cached data; the bundled data is shown. The reason says why.
    Unavailable(String),
}

impl LiveState {
    /// The series to show over the bundled one, if any.
    pub fn series(&self) -> Option<&LiveSeries> {
        match self {
            Self::Updating(cached) => cached.as_ref(),
            Self::Live(s) | Self::Cached(s, _) => Some(s),
            Self::Unavailable(_) => None,
        }
    }
}

/// The daily-klines URL of an asset's USDT pair, most recent 1,000 days.
pub fn klines_url(service: &DataService, id: &str) -> String {
    format!(
        "{}/api/v3/klines?symbol={id}USDT&interval=1d&limit=1000",
        service.config.binance_base
    )
}

fn decode(entry: &CacheEntry, url: &str) -> Result<LiveSeries, FetchFailure> {
    let klines = parse_klines(&entry.body).map_err(|e| FetchFailure::Malformed(e.to_string()))?;
    let prices = closed_candle_closes(&klines, now_ms() as i64)
        .map_err(|e| FetchFailure::Malformed(e.to_string()))?;
    if prices.len() < 2 || !prices.is_daily() {
        return Err(FetchFailure::Malformed(format!(
            "{} usable daily candles",
            prices.len()
        )));
    }
    Ok(LiveSeries {
        prices,
        fetched_at_ms: entry.fetched_at_ms,
        url: url.to_owned(),
    })
}

/// Brings `id`'s live data up to date: a fresh cached answer is used as it is (no request); a
/// stale one is shown while the API is asked; a failure keeps what is shown and says why.
/// Assets without a live source, and an asset already live or being asked for, are left alone.
pub fn refresh(service: &Rc<DataService>, id: &str, states: RwSignal<HashMap<String, LiveState>>) {
    if !LIVE_ASSETS.contains(&id) {
        return;
    }
    let current = states.with_untracked(|m| m.get(id).cloned());
    if matches!(current, Some(LiveState::Live(_) | LiveState::Updating(_))) {
        return;
    }
    let url = klines_url(service, id);
    let entry = service.cached(&url);
    let cached = entry.as_ref().and_then(|e| decode(e, &url).ok());
    if let (Some(entry), Some(series)) = (&entry, &cached) {
        if service.is_fresh(entry) {
            states.update(|m| {
                m.insert(id.to_owned(), LiveState::Cached(series.clone(), None));
            });
            return;
        }
    }
    states.update(|m| {
        m.insert(id.to_owned(), LiveState::Updating(cached.clone()));
    });
    let (service, id) = (Rc::clone(service), id.to_owned());
    leptos::task::spawn_local(async move {
        let outcome = service
            .fetch(Source::BinanceSpot, url.clone())
            .await
            .and_then(|entry| decode(&entry, &url));
        let state = match (outcome, cached) {
            (Ok(series), _) => LiveState::Live(series),
            (Err(failure), Some(series)) => LiveState::Cached(series, Some(failure.to_string())),
            (Err(failure), None) => LiveState::Unavailable(failure.to_string()),
        };
        states.update(|m| {
            m.insert(id, state);
        });
    });
}

/// `dataset` with each asset's live candles merged over its bundled history (live prices win
/// where both have a date). Imported files are the user's choice and are left as they are.
pub fn with_live(dataset: &Dataset, states: &HashMap<String, LiveState>) -> Dataset {
    let mut merged = dataset.clone();
    for asset in &mut merged.assets {
        let Some(live) = states.get(&asset.id).and_then(LiveState::series) else {
            continue;
        };
        if asset.provenance.provider.contains("imported") {
            continue;
        }
        *asset = merge(
            asset,
            live,
            matches!(states.get(&asset.id), Some(LiveState::Live(_))),
        );
    }
    merged
}

fn merge(asset: &AssetSeries, live: &LiveSeries, fetched_now: bool) -> AssetSeries {
    let fetched = format_unix((live.fetched_at_ms / 1000.0) as i64);
    let origin = if fetched_now {
        "fetched during this visit"
    } else {
        "from this browser's cache"
    };
    AssetSeries {
        prices: asset.prices.merged_with(&live.prices),
        provenance: Provenance {
            provider: "Binance spot klines (1d)".to_owned(),
            location: live.url.clone(),
            acquisition: Acquisition::Live,
            retrieved_at: fetched,
            price_field: "close".to_owned(),
            note: Some(format!(
                "the last {} daily closes {origin}; older history from the bundled snapshot ({})",
                live.prices.len(),
                asset.provenance.location
            )),
        },
        currency: Some("USDT".to_owned()),
        ..asset.clone()
    }
}
