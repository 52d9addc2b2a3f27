//! Responses kept in browser storage, and when one is still fresh.

use serde::{Deserialize, Serialize};

/// A response kept in browser storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// When it was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// The response body.
    pub body: String,
}

impl CacheEntry {
    /// Reads a stored entry; anything unreadable (a corrupted or foreign value) is `None`.
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|e| e.fetched_at_ms.is_finite())
    }

    /// The entry as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }

    /// Whether it is younger than `ttl_ms` at `now_ms` (an entry from the future is not fresh).
    pub fn is_fresh(&self, now_ms: f64, ttl_ms: f64) -> bool {
        let age = now_ms - self.fetched_at_ms;
        (0.0..ttl_ms).contains(&age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_entries_survive_corruption_and_expire() {
        let entry = CacheEntry {
            fetched_at_ms: 1_000.0,
            body: "[]".into(),
        };
        assert_eq!(CacheEntry::from_json(&entry.to_json()), Some(entry.clone()));
        for corrupt in [
            "",
            "{",
            "null",
            r#"{"fetched_at_ms":"x","body":""}"#,
            r#"{"body":"[]"}"#,
        ] {
            assert_eq!(CacheEntry::from_json(corrupt), None, "{corrupt}");
        }
        assert!(entry.is_fresh(1_500.0, 1_000.0));
        assert!(!entry.is_fresh(2_000.0, 1_000.0));
        assert!(!entry.is_fresh(500.0, 1_000.0), "from the future");
    }
}
