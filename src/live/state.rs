//! What the page knows live about each token, how it gets it, and how it merges into the
//! bundled data.

use super::cache::now_ms;
use super::service::{Check, DataService, Source};
use crate::data::{AssetSeries, Dataset, Volume};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use tokenrisk_core::time::format_unix;
use tokenrisk_core::PriceSeries;
use tokenrisk_market::fetch_policy::{CacheEntry, FetchFailure};
use tokenrisk_market::registry;
use tokenrisk_market::snapshot::{Acquisition, Provenance};
use tokenrisk_market::sources::binance::{self, closed_candle_closes, parse_klines, quote_volumes};
use tokenrisk_market::sources::coinbase::{self, closed_daily_closes, parse_candles};
use tokenrisk_market::sources::coingecko::{self, daily_closes, parse_market_chart};

/// Whether `id` has key-less live daily candles (a Binance spot pair against USDT; Coinbase
/// against USD, then CoinGecko's daily prices in USD, as the fallbacks).
pub fn is_live(id: &str) -> bool {
    registry::get(id).is_some_and(|a| a.binance_spot.is_some())
}

/// The APIs daily candles come from, in the order asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandleSource {
    /// Binance spot klines against USDT.
    Binance,
    /// Coinbase Exchange candles against USD, where Binance refuses.
    Coinbase,
    /// CoinGecko's daily market chart in USD, where both exchanges fail.
    CoinGecko,
}

impl CandleSource {
    /// The provider's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Binance => "Binance",
            Self::Coinbase => "Coinbase",
            Self::CoinGecko => "CoinGecko",
        }
    }

    /// The API this source is.
    pub fn api(self) -> Source {
        match self {
            Self::Binance => Source::BinanceSpot,
            Self::Coinbase => Source::CoinbaseExchange,
            Self::CoinGecko => Source::CoinGecko,
        }
    }
}

/// Daily candles of one asset from an API (now or earlier, from the cache).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSeries {
    /// Closes of closed daily candles.
    pub prices: PriceSeries,
    /// When the answer was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// The URL asked (no key ever rides in it).
    pub url: String,
    /// Which API answered.
    pub source: CandleSource,
    /// Traded value in the quote currency of each day, when the answer has it (Binance).
    pub volumes: Option<Vec<f64>>,
    /// Why the earlier choices were not used, when a fallback answered.
    pub detour: Option<String>,
}

impl LiveSeries {
    /// The answering API, for people: `Binance`, or `Coinbase (Binance …)` after a refusal.
    pub fn provider_label(&self) -> String {
        match &self.detour {
            Some(why) if self.source != CandleSource::Binance => {
                format!("{} ({why})", self.source.name())
            }
            _ => self.source.name().to_owned(),
        }
    }
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

/// The daily-candles URL of an asset at a source: Binance's USDT pair (the last 1,000 days),
/// Coinbase's USD product (the last 300 days), or CoinGecko's daily chart in USD (the last 365
/// days); `None` where the registry has no name for it there.
pub fn candles_url(service: &DataService, source: CandleSource, id: &str) -> Option<String> {
    let asset = registry::get(id)?;
    let config = &service.config;
    Some(match source {
        CandleSource::Binance => {
            binance::klines_url(&config.binance_base, asset.binance_spot?, "1d", 1000)
        }
        CandleSource::Coinbase => {
            coinbase::daily_candles_url(&config.coinbase_base, asset.coinbase_product?)
        }
        CandleSource::CoinGecko => {
            coingecko::daily_chart_url(&config.coingecko_base, asset.coingecko_id?, 365)
        }
    })
}

/// A check that an answer of `source` holds usable daily candles (what [`decode`] needs).
fn candles_check(source: CandleSource) -> Check {
    Rc::new(move |body| {
        daily_candles(body, source)
            .map(|_| ())
            .map_err(|failure| failure.to_string())
    })
}

/// The closes of an answer's closed daily candles.
fn decode(
    entry: &CacheEntry,
    url: &str,
    source: CandleSource,
    detour: Option<String>,
) -> Result<LiveSeries, FetchFailure> {
    let (prices, volumes) = daily_candles(&entry.body, source)?;
    Ok(LiveSeries {
        prices,
        fetched_at_ms: entry.fetched_at_ms,
        url: url.to_owned(),
        source,
        volumes,
        detour,
    })
}

/// The closed daily candles in an answer of `source` (at least two), with Binance's traded
/// value beside them.
fn daily_candles(
    body: &str,
    source: CandleSource,
) -> Result<(PriceSeries, Option<Vec<f64>>), FetchFailure> {
    let malformed = |e: String| FetchFailure::Malformed(e);
    let mut volumes = None;
    let prices = match source {
        CandleSource::Binance => {
            let klines = parse_klines(body).map_err(|e| malformed(e.to_string()))?;
            let closes = closed_candle_closes(&klines, now_ms() as i64)
                .map_err(|e| malformed(e.to_string()))?;
            volumes = quote_volumes(&klines, closes.times());
            closes
        }
        CandleSource::Coinbase => {
            let candles = parse_candles(body).map_err(|e| malformed(e.to_string()))?;
            closed_daily_closes(&candles, (now_ms() / 1000.0) as i64)
                .map_err(|e| malformed(e.to_string()))?
        }
        CandleSource::CoinGecko => {
            let chart = parse_market_chart(body).map_err(|e| malformed(e.to_string()))?;
            daily_closes(&chart).map_err(|e| malformed(e.to_string()))?
        }
    };
    if prices.len() < 2 || !prices.is_daily() {
        return Err(malformed(format!("{} usable daily candles", prices.len())));
    }
    Ok((prices, volumes))
}

/// Whether Binance's failure means "not from here" (geo-blocked, forbidden, or a refusal the
/// browser cannot read), so that Coinbase is worth asking.
pub fn binance_refused(failure: &FetchFailure) -> bool {
    matches!(
        failure,
        FetchFailure::Http(451 | 403) | FetchFailure::Blocked
    )
}

/// Asks Binance; where Binance refuses, Coinbase; where Coinbase fails too, CoinGecko. A
/// failure names every source asked.
async fn fetch_candles(service: &Rc<DataService>, id: &str) -> Result<LiveSeries, String> {
    let url = candles_url(service, CandleSource::Binance, id)
        .ok_or_else(|| format!("{id} is not listed on Binance"))?;
    let refused = match service
        .fetch(
            CandleSource::Binance.api(),
            url.clone(),
            candles_check(CandleSource::Binance),
        )
        .await
    {
        Ok(entry) => {
            return decode(&entry, &url, CandleSource::Binance, None)
                .map_err(|f| format!("Binance {f}"))
        }
        Err(failure) if binance_refused(&failure) => format!("Binance {failure}"),
        Err(failure) => return Err(format!("Binance {failure}")),
    };
    let mut why = refused;
    for source in [CandleSource::Coinbase, CandleSource::CoinGecko] {
        let Some(url) = candles_url(service, source, id) else {
            why = format!("{why}; not listed on {}", source.name());
            continue;
        };
        let outcome = match service
            .fetch(source.api(), url.clone(), candles_check(source))
            .await
        {
            Ok(entry) => decode(&entry, &url, source, Some(why.clone())),
            Err(failure) => Err(failure),
        };
        match outcome {
            Ok(series) => return Ok(series),
            Err(failure) => why = format!("{why}; {} {failure}", source.name()),
        }
    }
    Err(why)
}

/// The newest readable cached answer for `id`, from either source.
pub fn newest_cached(service: &DataService, id: &str) -> Option<(CacheEntry, LiveSeries)> {
    [
        CandleSource::Binance,
        CandleSource::Coinbase,
        CandleSource::CoinGecko,
    ]
    .into_iter()
    .filter_map(|source| {
        let url = candles_url(service, source, id)?;
        let entry = service.cached(&url)?;
        let series = decode(&entry, &url, source, None).ok()?;
        Some((entry, series))
    })
    .max_by(|a, b| a.0.fetched_at_ms.total_cmp(&b.0.fetched_at_ms))
}

/// Brings `id`'s live data up to date: a fresh cached answer is used as it is (no request); a
/// stale one is shown while the APIs are asked; a failure keeps what is shown and says why.
/// Assets without a live source, and an asset already live or being asked for, are left alone.
pub fn refresh(service: &Rc<DataService>, id: &str, states: RwSignal<HashMap<String, LiveState>>) {
    if !is_live(id) {
        return;
    }
    let current = states.with_untracked(|m| m.get(id).cloned());
    if matches!(current, Some(LiveState::Live(_) | LiveState::Updating(_))) {
        return;
    }
    let (entry, cached) = newest_cached(service, id).unzip();
    if let (Some(entry), Some(series)) = (&entry, &cached) {
        if service.is_fresh(series.source.api(), entry) {
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
        let state = match (fetch_candles(&service, &id).await, cached) {
            (Ok(series), _) => LiveState::Live(series),
            (Err(reason), Some(series)) => LiveState::Cached(series, Some(reason)),
            (Err(reason), None) => LiveState::Unavailable(reason),
        };
        states.try_update(|m| {
            m.insert(id, state);
        });
    });
}

/// `dataset` with each asset's live candles merged over its bundled history (live prices win
/// where both have a date). Imported files are the user's choice and are left as they are.
pub fn with_live(dataset: &Dataset, states: &HashMap<String, LiveState>) -> Dataset {
    let mut merged = dataset.clone();
    for asset in &mut merged.assets {
        let Some(state) = states.get(&asset.id) else {
            continue;
        };
        let Some(live) = state.series() else { continue };
        if asset.provenance.provider.contains("imported") {
            continue;
        }
        *asset = merge(asset, live, matches!(state, LiveState::Live(_)));
    }
    merged
}

fn merge(asset: &AssetSeries, live: &LiveSeries, fetched_now: bool) -> AssetSeries {
    let origin = if fetched_now {
        "fetched during this visit"
    } else {
        "from this browser's cache"
    };
    let (provider, currency) = match live.source {
        CandleSource::Binance => ("Binance spot klines (1d)", "USDT"),
        CandleSource::Coinbase => (
            "Coinbase Exchange candles (1d, in USD over a USDT history)",
            "USD",
        ),
        CandleSource::CoinGecko => (
            "CoinGecko market chart (daily prices at 00:00 UTC, in USD over a USDT history)",
            "USD",
        ),
    };
    AssetSeries {
        prices: asset.prices.merged_with(&live.prices),
        provenance: Provenance {
            provider: provider.to_owned(),
            location: live.url.clone(),
            acquisition: Acquisition::Live,
            retrieved_at: format_unix((live.fetched_at_ms / 1000.0) as i64),
            price_field: "close".to_owned(),
            note: Some(format!(
                "the last {} daily closes {origin}; older history from the bundled snapshot ({})",
                live.prices.len(),
                asset.provenance.location
            )),
        },
        currency: Some(currency.to_owned()),
        volume: merged_volume(asset, live, currency),
        ..asset.clone()
    }
}

/// The bundled volume with the live days over it, when both count the same thing (a live
/// answer in another currency, or without volume, leaves the bundled volume as it is).
fn merged_volume(asset: &AssetSeries, live: &LiveSeries, currency: &str) -> Option<Volume> {
    let Some(values) = live.volumes.clone() else {
        return asset.volume.clone();
    };
    let fresh = Volume {
        times: live.prices.times().to_vec(),
        values,
        unit: currency.to_owned(),
    };
    match &asset.volume {
        Some(bundled) if bundled.unit == currency => Some(bundled.merged_with(&fresh)),
        Some(bundled) => Some(bundled.clone()),
        None => Some(fresh),
    }
}
