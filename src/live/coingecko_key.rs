//! The user's optional CoinGecko demo key: kept in this browser's local storage only, added to
//! CoinGecko requests only, never put in a link, a cache key or anything shown.

const KEY: &str = "token-risk-lab.v1.coingecko-key";

use crate::storage::local as storage;

/// Whether `key` looks like a CoinGecko key (letters, digits, `-` and `_`, 8 to 64 of them), so
/// that nothing else can ride into a request URL.
pub fn is_plausible(key: &str) -> bool {
    (8..=64).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The saved key, if a plausible one is saved.
pub fn get() -> Option<String> {
    storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|k| is_plausible(k))
}

/// Saves the key.
///
/// # Errors
/// A message when the key is not plausible or the browser keeps no storage.
pub fn set(key: &str) -> Result<(), String> {
    let key = key.trim();
    if !is_plausible(key) {
        return Err("a CoinGecko key is 8 to 64 letters, digits, - or _".to_owned());
    }
    storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(KEY, key)
        .map_err(|_| "this browser's storage is full".to_owned())
}

/// Forgets the key.
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
