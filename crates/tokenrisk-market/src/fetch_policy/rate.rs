//! How fast an API may be called: a token bucket per source, counted in requests or in a
//! provider's request weight, and a sliding-window request log kept in browser storage.

use serde::{Deserialize, Serialize};

/// A token bucket: up to `capacity` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenBucket {
    capacity: f64,
    per_second: f64,
    tokens: f64,
    updated_ms: f64,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(capacity: f64, per_second: f64, now_ms: f64) -> Self {
        Self {
            capacity,
            per_second,
            tokens: capacity,
            updated_ms: now_ms,
        }
    }

    /// Takes a token if one is there (`Ok`), else says how many milliseconds until one is.
    ///
    /// # Errors
    /// The wait in milliseconds when the bucket is empty.
    pub fn take(&mut self, now_ms: f64) -> Result<(), f64> {
        self.take_weight(1.0, now_ms)
    }

    /// Takes `weight` tokens (a request's weight, as Binance counts them) if that many are
    /// there, else says how many milliseconds until they are. A weight above the capacity is
    /// taken as the capacity (a full bucket), so no request waits forever; a weight that is not
    /// a positive number is taken as 1. A clock that goes back adds nothing.
    ///
    /// # Errors
    /// The wait in milliseconds when the bucket holds too few tokens.
    pub fn take_weight(&mut self, weight: f64, now_ms: f64) -> Result<(), f64> {
        let weight = if weight.is_finite() && weight > 0.0 {
            weight.min(self.capacity)
        } else {
            1.0
        };
        let elapsed = (now_ms - self.updated_ms).max(0.0) / 1000.0;
        if elapsed.is_finite() {
            self.tokens = (self.tokens + elapsed * self.per_second).min(self.capacity);
        }
        if now_ms.is_finite() {
            self.updated_ms = self.updated_ms.max(now_ms);
        }
        if self.tokens >= weight {
            self.tokens -= weight;
            Ok(())
        } else {
            Err((weight - self.tokens) / self.per_second * 1000.0)
        }
    }
}

/// The times of the requests sent to one source within a sliding window, kept in browser
/// storage so that reloads and every tab of the browser share one budget (GitHub allows 60
/// requests an hour per address without a token, and its answers are cached for hours).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestLog {
    /// When each request was sent, Unix milliseconds.
    pub sent_ms: Vec<f64>,
}

impl RequestLog {
    /// Reads a stored log; anything unreadable is an empty log (the server still enforces its
    /// own limit, so the worst case is one refused request).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The log as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("plain data serialises: {e}"))
    }

    /// Records a request at `now_ms` when fewer than `limit` were sent within the last
    /// `window_ms`, else says how many milliseconds until the oldest leaves the window. Entries
    /// outside the window, from the future (a clock set back) or not finite are dropped first.
    ///
    /// # Errors
    /// The wait in milliseconds when the budget is spent.
    pub fn try_send(&mut self, now_ms: f64, limit: usize, window_ms: f64) -> Result<(), f64> {
        self.sent_ms
            .retain(|t| t.is_finite() && *t <= now_ms && now_ms - *t < window_ms);
        if self.sent_ms.len() < limit {
            self.sent_ms.push(now_ms);
            return Ok(());
        }
        let oldest = self.sent_ms.iter().copied().fold(f64::INFINITY, f64::min);
        Err((oldest + window_ms - now_ms).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bucket_refills_over_time() {
        let mut bucket = TokenBucket::new(2.0, 4.0, 0.0);
        assert_eq!((bucket.take(0.0), bucket.take(0.0)), (Ok(()), Ok(())));
        assert_eq!(bucket.take(0.0), Err(250.0), "a token every 250 ms");
        assert_eq!(bucket.take(250.0), Ok(()));
        assert_eq!(
            bucket.take(10_000.0).and(bucket.take(10_000.0)),
            Ok(()),
            "refills up to the capacity"
        );
        assert!(bucket.take(10_000.0).is_err());
    }

    #[test]
    fn weighted_requests_drain_the_bucket_by_weight() {
        // Binance spot at half its documented 6,000 weight a minute.
        let mut bucket = TokenBucket::new(3_000.0, 50.0, 0.0);
        assert_eq!(bucket.take_weight(250.0, 0.0), Ok(()));
        for _ in 0..11 {
            assert_eq!(bucket.take_weight(250.0, 0.0), Ok(()));
        }
        assert_eq!(
            bucket.take_weight(250.0, 0.0),
            Err(5_000.0),
            "250 weight at 50 a second"
        );
        assert_eq!(
            bucket.take_weight(1e9, 120_000.0),
            Ok(()),
            "more than the capacity waits for a full bucket only"
        );
        assert_eq!(bucket.take_weight(f64::NAN, 200_000.0), Ok(()));
    }

    #[test]
    fn request_log_shares_an_hourly_budget() {
        let hour = 3_600_000.0;
        let mut log = RequestLog::default();
        for i in 0..3 {
            assert_eq!(log.try_send(f64::from(i) * 1000.0, 3, hour), Ok(()));
        }
        assert_eq!(log.try_send(10_000.0, 3, hour), Err(hour - 10_000.0));
        // Read back from storage, as another tab would.
        let mut other = RequestLog::from_json(&log.to_json());
        assert!(other.try_send(20_000.0, 3, hour).is_err());
        assert_eq!(
            other.try_send(hour + 1.0, 3, hour),
            Ok(()),
            "the oldest left the window"
        );
        // Garbage and entries from the future are dropped, never trusted.
        assert_eq!(RequestLog::from_json("{not json"), RequestLog::default());
        let mut skewed = RequestLog {
            sent_ms: vec![f64::NAN, 9e15, 5.0, 6.0, 7.0],
        };
        assert!(skewed.try_send(10.0, 3, hour).is_err());
        assert_eq!(skewed.sent_ms, vec![5.0, 6.0, 7.0]);
    }
}
