//! What the page reads back from places a user or another version can change: the site
//! configuration (`config.json`) and the response cache in local storage, chained into the
//! freshness check and the retry and rate-limit arithmetic that use them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_market::fetch_policy::{
    CacheEntry, FetchFailure, RetryPolicy, SiteConfig, TokenBucket,
};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 3 {
        0 => {
            let Some(text) = tokenrisk_fuzz::text(rest) else {
                return;
            };
            if let Ok(config) = SiteConfig::from_json(text) {
                assert!(config.request_timeout_ms > 0);
            }
        }
        1 => {
            let Some(text) = tokenrisk_fuzz::text(rest) else {
                return;
            };
            if let Some(entry) = CacheEntry::from_json(text) {
                let _ = entry.is_fresh(1.7e12, 300_000.0);
                assert_eq!(CacheEntry::from_json(&entry.to_json()), Some(entry));
            }
        }
        _ => {
            let policy = RetryPolicy::default();
            let retry_after = tokenrisk_fuzz::number(rest, 0);
            let jitter = tokenrisk_fuzz::number(rest, 1);
            for failure in [
                FetchFailure::Http(429),
                FetchFailure::Pending,
                FetchFailure::Blocked,
            ] {
                for attempt in 0..4 {
                    if let Some(delay) =
                        policy.delay_ms(attempt, &failure, Some(retry_after), jitter)
                    {
                        assert!(delay.is_finite() && delay >= 0.0);
                        assert!(delay <= policy.max_delay_ms, "{delay}");
                    }
                }
            }
            let mut bucket = TokenBucket::new(
                tokenrisk_fuzz::number(rest, 2),
                tokenrisk_fuzz::number(rest, 3),
                tokenrisk_fuzz::number(rest, 4),
            );
            for t in 5..8 {
                let _ = bucket.take(tokenrisk_fuzz::number(rest, t));
            }
        }
    }
});
