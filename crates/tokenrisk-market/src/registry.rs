//! The one table of assets the app knows: every crate and page reads it, and adding a token is
//! one row of [`ASSETS`]. Each row says what the asset is (name, kind, trading calendar, its
//! role in the analysis) and how each source names it (Binance spot and USD-M symbols,
//! Coinbase product, CoinGecko id, Yahoo symbol, GitHub repositories), with the aliases other
//! exports use (RNDR before Render's ticker change, Yahoo's `TAO22974-USD`).

use tokenrisk_core::Calendar;

/// Quote currencies stripped from an exchange pair to find the base asset (`TAOUSDT` → `TAO`).
const QUOTES: [&str; 5] = ["USDT", "USDC", "FDUSD", "BUSD", "USD"];

/// What an asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A crypto token, traded every day.
    Crypto,
    /// A listed share, traded on weekdays.
    Equity,
}

/// The part an asset plays in the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The crypto market's benchmark (BTC).
    CryptoBenchmark,
    /// An AI-related token: the subject of the analysis.
    AiToken,
    /// An AI equity: a benchmark from the stock market (NVDA, AMD, MSFT).
    AiEquity,
    /// Named for display only.
    Other,
}

/// One asset and its names at each source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asset {
    /// The id used everywhere in the app and in links (`TAO`).
    pub id: &'static str,
    /// Its name for people (`Bittensor`).
    pub name: &'static str,
    /// Crypto or equity.
    pub kind: Kind,
    /// Its part in the analysis.
    pub role: Role,
    /// Binance spot pair quoted in USDT (`TAOUSDT`).
    pub binance_spot: Option<&'static str>,
    /// Binance USD-M perpetual (`TAOUSDT`).
    pub binance_futures: Option<&'static str>,
    /// Coinbase Exchange product, quoted in USD (`TAO-USD`).
    pub coinbase_product: Option<&'static str>,
    /// CoinGecko coin id (`bittensor`).
    pub coingecko_id: Option<&'static str>,
    /// Yahoo Finance chart symbol (`NVDA`).
    pub yahoo_symbol: Option<&'static str>,
    /// The main public repositories (`owner/name` on GitHub) whose commits stand for its
    /// development; empty where none was verified (Render) and for equities.
    pub repositories: &'static [&'static str],
    /// Other names exports use for it, matched without regard to case, with or without a quote
    /// currency (`RNDR` matches `RNDRUSDT.csv`).
    pub aliases: &'static [&'static str],
}

impl Asset {
    /// The trading calendar: every day for crypto, weekdays for equities.
    pub fn calendar(&self) -> Calendar {
        match self.kind {
            Kind::Crypto => Calendar::Continuous,
            Kind::Equity => Calendar::Weekdays,
        }
    }
}

const fn crypto(id: &'static str, name: &'static str, role: Role) -> Asset {
    Asset {
        id,
        name,
        kind: Kind::Crypto,
        role,
        binance_spot: None,
        binance_futures: None,
        coinbase_product: None,
        coingecko_id: None,
        yahoo_symbol: None,
        repositories: &[],
        aliases: &[],
    }
}

const fn equity(id: &'static str, name: &'static str) -> Asset {
    Asset {
        kind: Kind::Equity,
        yahoo_symbol: Some(id),
        ..crypto(id, name, Role::AiEquity)
    }
}

/// Every asset the app names, in the order pages list them.
pub const ASSETS: &[Asset] = &[
    Asset {
        binance_spot: Some("BTCUSDT"),
        binance_futures: Some("BTCUSDT"),
        coinbase_product: Some("BTC-USD"),
        coingecko_id: Some("bitcoin"),
        repositories: &["bitcoin/bitcoin"],
        aliases: &["XBT"],
        ..crypto("BTC", "Bitcoin", Role::CryptoBenchmark)
    },
    Asset {
        binance_spot: Some("TAOUSDT"),
        binance_futures: Some("TAOUSDT"),
        coinbase_product: Some("TAO-USD"),
        coingecko_id: Some("bittensor"),
        repositories: &["opentensor/subtensor", "opentensor/bittensor"],
        aliases: &["TAO22974"],
        ..crypto("TAO", "Bittensor", Role::AiToken)
    },
    Asset {
        binance_spot: Some("NEARUSDT"),
        binance_futures: Some("NEARUSDT"),
        coinbase_product: Some("NEAR-USD"),
        coingecko_id: Some("near"),
        repositories: &["near/nearcore"],
        ..crypto("NEAR", "NEAR Protocol", Role::AiToken)
    },
    Asset {
        binance_spot: Some("ICPUSDT"),
        binance_futures: Some("ICPUSDT"),
        coinbase_product: Some("ICP-USD"),
        coingecko_id: Some("internet-computer"),
        repositories: &["dfinity/ic"],
        ..crypto("ICP", "Internet Computer", Role::AiToken)
    },
    Asset {
        binance_spot: Some("FETUSDT"),
        binance_futures: Some("FETUSDT"),
        coinbase_product: Some("FET-USD"),
        coingecko_id: Some("fetch-ai"),
        repositories: &["fetchai/uAgents", "fetchai/fetchd"],
        ..crypto(
            "FET",
            "Artificial Superintelligence Alliance",
            Role::AiToken,
        )
    },
    Asset {
        binance_spot: Some("RENDERUSDT"),
        binance_futures: Some("RENDERUSDT"),
        coinbase_product: Some("RENDER-USD"),
        coingecko_id: Some("render-token"),
        aliases: &["RNDR"],
        ..crypto("RENDER", "Render", Role::AiToken)
    },
    equity("NVDA", "NVIDIA"),
    equity("AMD", "AMD"),
    equity("MSFT", "Microsoft"),
    crypto("ETH", "Ethereum", Role::Other),
];

/// The asset with this id (exact, upper case).
pub fn get(id: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.id == id)
}

/// The assets playing `role`, in table order.
pub fn with_role(role: Role) -> impl Iterator<Item = &'static Asset> {
    ASSETS.iter().filter(move |a| a.role == role)
}

/// The ids of the assets playing `role`, in table order.
pub fn ids_with_role(role: Role) -> Vec<&'static str> {
    with_role(role).map(|a| a.id).collect()
}

/// The crypto assets with a Binance spot pair: those whose daily candles are fetched live.
pub fn live_crypto() -> impl Iterator<Item = &'static Asset> {
    ASSETS.iter().filter(|a| a.binance_spot.is_some())
}

/// Every CoinGecko id the app asks for, comma-separated (one batched `/coins/markets` call).
pub fn coingecko_ids() -> String {
    ASSETS
        .iter()
        .filter_map(|a| a.coingecko_id)
        .collect::<Vec<_>>()
        .join(",")
}

/// The asset a name stands for: its id, an alias, or an exchange symbol or file stem of either
/// with a quote currency (`taousdt`, `BTC-USD`, `RNDRUSDT`, `TAO22974-USD`), without regard to
/// case. `None` for a name the table does not hold.
pub fn resolve(name: &str) -> Option<&'static Asset> {
    let upper = name.trim().to_ascii_uppercase();
    let base = split_quote(&upper).0;
    let matches = |a: &&Asset| {
        [upper.as_str(), base.as_str()]
            .iter()
            .any(|n| a.id == *n || a.aliases.contains(n))
    };
    ASSETS.iter().find(matches)
}

/// Upper-cased, with a trailing quote currency split off when something remains.
fn split_quote(upper: &str) -> (String, Option<String>) {
    QUOTES
        .iter()
        .find_map(|q| {
            upper
                .strip_suffix(q)
                .map(|base| base.trim_end_matches(['-', '_', '/']))
                .filter(|base| !base.is_empty())
                .map(|base| (base.to_owned(), Some((*q).to_owned())))
        })
        .unwrap_or_else(|| (upper.to_owned(), None))
}

/// The asset id and quote currency of an exchange symbol or file stem: the registry's id where
/// the name resolves (aliases included: `RNDRUSDT` → `RENDER`/`USDT`), else the upper-cased
/// base with any trailing quote currency split off (`XYZUSDT` → `XYZ`/`USDT`, `NVDA` →
/// `NVDA`/none, `USDT` → `USDT`/none).
pub fn split_symbol(symbol: &str) -> (String, Option<String>) {
    let (base, quote) = split_quote(&symbol.trim().to_ascii_uppercase());
    let id = resolve(symbol).map_or(base, |a| a.id.to_owned());
    (id, quote)
}

/// The display name of an asset id, or the id itself when the asset is not in the table.
pub fn display_name(id: &str) -> &str {
    get(id).map_or(id, |a| a.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset_id(symbol: &str) -> String {
        split_symbol(symbol).0
    }

    #[test]
    fn symbols_and_aliases_map_to_assets() {
        assert_eq!(asset_id("TAOUSDT"), "TAO");
        assert_eq!(asset_id("renderusdt"), "RENDER");
        assert_eq!(asset_id("RNDRUSDT"), "RENDER");
        assert_eq!(asset_id("rndr"), "RENDER");
        assert_eq!(asset_id("TAO22974-USD"), "TAO");
        assert_eq!(asset_id("BTC-USD"), "BTC");
        assert_eq!(asset_id("NVDA"), "NVDA");
        assert_eq!(asset_id("USDT"), "USDT");
        assert_eq!(asset_id("XYZUSDT"), "XYZ");
        assert_eq!(split_symbol("TAOUSDT"), ("TAO".into(), Some("USDT".into())));
        assert_eq!(
            split_symbol("RNDRUSDT"),
            ("RENDER".into(), Some("USDT".into()))
        );
        assert_eq!(split_symbol("nvda"), ("NVDA".into(), None));
        assert_eq!(display_name("TAO"), "Bittensor");
        assert_eq!(display_name("XYZ"), "XYZ");
        assert_eq!(resolve("DOGE"), None);
    }

    #[test]
    fn the_table_is_consistent() {
        let mut ids: Vec<&str> = ASSETS.iter().map(|a| a.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ASSETS.len(), "ids are unique");
        for a in ASSETS {
            assert_eq!(resolve(a.id), Some(a), "{} resolves to itself", a.id);
            for alias in a.aliases {
                assert_eq!(resolve(alias).map(|r| r.id), Some(a.id), "{alias}");
            }
            if let Some(pair) = a.binance_spot {
                assert_eq!(asset_id(pair), a.id, "{pair}");
            }
            assert_eq!(a.kind == Kind::Equity, a.yahoo_symbol.is_some(), "{}", a.id);
        }
        assert_eq!(get("TAO").map(|a| a.repositories.len()), Some(2));
        assert!(get("NVDA").is_some_and(|a| a.repositories.is_empty()));
        assert_eq!(
            get("RENDER").and_then(|a| a.coingecko_id),
            Some("render-token")
        );
        assert_eq!(get("NVDA").map(Asset::calendar), Some(Calendar::Weekdays));
        assert!(coingecko_ids().starts_with("bitcoin,bittensor,"));
        assert_eq!(
            ids_with_role(Role::AiToken),
            ["TAO", "NEAR", "ICP", "FET", "RENDER"]
        );
        assert_eq!(ids_with_role(Role::AiEquity), ["NVDA", "AMD", "MSFT"]);
    }
}
