//! Responses kept in the browser's local storage, keyed by URL. A corrupted entry is removed
//! and ignored; a full or unavailable storage only means no cache.

use tokenrisk_market::fetch_policy::CacheEntry;

/// Prefix of every key this app writes (bump the version to drop old entries' format).
const PREFIX: &str = "token-risk-lab.v1.cache.";

use crate::storage::local as storage;

/// The entry stored for `url`, if one is there and readable.
pub fn read(url: &str) -> Option<CacheEntry> {
    let storage = storage()?;
    let key = format!("{PREFIX}{url}");
    let text = storage.get_item(&key).ok().flatten()?;
    let entry = CacheEntry::from_json(&text);
    if entry.is_none() {
        let _ = storage.remove_item(&key);
    }
    entry
}

/// Stores `entry` for `url`; a quota error or a disabled storage is ignored (the data is
/// shown all the same, only not kept).
pub fn write(url: &str, entry: &CacheEntry) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{PREFIX}{url}"), &entry.to_json());
    }
}

/// The URLs with a stored answer.
pub fn urls() -> Vec<String> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut urls: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| key.strip_prefix(PREFIX).map(str::to_owned))
        .collect();
    urls.sort();
    urls
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
