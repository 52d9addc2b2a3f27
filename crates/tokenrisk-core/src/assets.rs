//! The assets the app knows by name, and how exchange symbols map to them.

/// Quote currencies stripped from an exchange pair to find the base asset (`TAOUSDT` → `TAO`).
const QUOTES: [&str; 5] = ["USDT", "USDC", "FDUSD", "BUSD", "USD"];

/// Display names of the assets the app is built around: AI tokens, BTC, and AI equities.
const NAMES: [(&str, &str); 10] = [
    ("BTC", "Bitcoin"),
    ("TAO", "Bittensor"),
    ("NEAR", "NEAR Protocol"),
    ("ICP", "Internet Computer"),
    ("FET", "Artificial Superintelligence Alliance"),
    ("RENDER", "Render"),
    ("NVDA", "NVIDIA"),
    ("AMD", "AMD"),
    ("MSFT", "Microsoft"),
    ("ETH", "Ethereum"),
];

/// CoinGecko's ids of the crypto assets.
const COINGECKO_IDS: [(&str, &str); 6] = [
    ("BTC", "bitcoin"),
    ("TAO", "bittensor"),
    ("NEAR", "near"),
    ("ICP", "internet-computer"),
    ("FET", "fetch-ai"),
    ("RENDER", "render-token"),
];

/// CoinGecko's id of an asset, if it is a crypto asset the app names.
pub fn coingecko_id(id: &str) -> Option<&'static str> {
    COINGECKO_IDS
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, c)| *c)
}

/// Every CoinGecko id the app asks for, comma-separated (one batched `/coins/markets` call).
pub fn coingecko_ids() -> String {
    COINGECKO_IDS.map(|(_, c)| c).join(",")
}

/// The main public source repositories of each project (`owner/name` on GitHub), for its
/// development activity. Render is left out: no public repository of its network was verified.
const REPOSITORIES: [(&str, &[&str]); 5] = [
    ("BTC", &["bitcoin/bitcoin"]),
    ("TAO", &["opentensor/subtensor", "opentensor/bittensor"]),
    ("NEAR", &["near/nearcore"]),
    ("ICP", &["dfinity/ic"]),
    ("FET", &["fetchai/uAgents", "fetchai/fetchd"]),
];

/// The GitHub repositories whose commits stand for an asset's development (none for assets
/// without a verified public repository, and for equities).
pub fn repositories(id: &str) -> &'static [&'static str] {
    REPOSITORIES
        .iter()
        .find(|(k, _)| *k == id)
        .map_or(&[], |(_, repos)| repos)
}

/// The asset id and quote currency of an exchange symbol or file stem: upper-cased, with a
/// trailing quote currency split off when something remains (`taousdt` → `TAO`/`USDT`,
/// `BTC-USD` → `BTC`/`USD`, `NVDA` → `NVDA`/none, `USDT` → `USDT`/none).
pub fn split_symbol(symbol: &str) -> (String, Option<String>) {
    let upper = symbol.trim().to_ascii_uppercase();
    QUOTES
        .iter()
        .find_map(|q| {
            upper
                .strip_suffix(q)
                .map(|base| base.trim_end_matches(['-', '_', '/']))
                .filter(|base| !base.is_empty())
                .map(|base| (base.to_owned(), Some((*q).to_owned())))
        })
        .unwrap_or((upper, None))
}

/// The asset id of an exchange symbol or file stem (see [`split_symbol`]).
pub fn asset_id(symbol: &str) -> String {
    split_symbol(symbol).0
}

/// The display name of an asset id, or the id itself when the asset is not one the app names.
pub fn display_name(id: &str) -> &str {
    NAMES
        .iter()
        .find(|(k, _)| *k == id)
        .map_or(id, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_map_to_assets() {
        assert_eq!(asset_id("TAOUSDT"), "TAO");
        assert_eq!(asset_id("renderusdt"), "RENDER");
        assert_eq!(asset_id("BTC-USD"), "BTC");
        assert_eq!(asset_id("NVDA"), "NVDA");
        assert_eq!(asset_id("USDT"), "USDT");
        assert_eq!(split_symbol("TAOUSDT"), ("TAO".into(), Some("USDT".into())));
        assert_eq!(split_symbol("nvda"), ("NVDA".into(), None));
        assert_eq!(display_name("TAO"), "Bittensor");
        assert_eq!(display_name("XYZ"), "XYZ");
        assert_eq!(
            repositories("TAO"),
            ["opentensor/subtensor", "opentensor/bittensor"]
        );
        assert!(repositories("NVDA").is_empty());
        assert_eq!(coingecko_id("RENDER"), Some("render-token"));
        assert_eq!(coingecko_id("NVDA"), None);
        assert!(coingecko_ids().starts_with("bitcoin,bittensor,"));
    }
}
