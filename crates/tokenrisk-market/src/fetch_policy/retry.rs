//! Which failures are retried and after how long (exponential backoff with jitter, the
//! server's `Retry-After`), and how a failure reads to a user.

use std::fmt;

/// Why a request gave no usable data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The server answered with this status.
    Http(u16),
    /// The browser got no readable response: a network error, a CORS refusal (APIs often send
    /// 429, 451 and 5xx without CORS headers, so those look alike), or no connection.
    Blocked,
    /// No answer within the timeout (milliseconds).
    Timeout(u32),
    /// The server accepted the request but is still computing the answer (HTTP 202, as
    /// GitHub's repository statistics do on a first request); asking again later gives it.
    Pending,
    /// The browser says it has no network: nothing was sent, and retrying now cannot help.
    Offline,
    /// An answer that is not the expected data.
    Malformed(String),
    /// Not asked now: the server asked to wait longer than the app waits (its `Retry-After`),
    /// or the app's own budget for the source is spent (GitHub's hourly 60, shared by every
    /// tab of this browser). The wait is in seconds.
    Throttled {
        /// Seconds until asking is allowed again.
        wait_s: u64,
        /// Whether the server asked (else the app's own budget).
        by_server: bool,
    },
}

impl FetchFailure {
    /// Whether trying again later may help: rate limits, server errors, timeouts, and blocked
    /// requests (which may be rate limits in disguise). Not 4xx other than 429, not bad data.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Http(status) => *status == 429 || *status >= 500,
            Self::Blocked | Self::Timeout(_) | Self::Pending => true,
            Self::Malformed(_) | Self::Offline | Self::Throttled { .. } => false,
        }
    }
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http(429) => f.write_str("rate-limited (HTTP 429)"),
            Self::Http(451) => f.write_str("not available in this region (HTTP 451)"),
            Self::Http(status) if *status >= 500 => write!(f, "server error (HTTP {status})"),
            Self::Http(status) => write!(f, "refused (HTTP {status})"),
            Self::Blocked => {
                f.write_str("blocked or rate-limited (no readable response), or offline")
            }
            Self::Timeout(ms) if ms % 1000 == 0 => write!(f, "no answer within {} s", ms / 1000),
            Self::Timeout(ms) => write!(f, "no answer within {:.1} s", f64::from(*ms) / 1000.0),
            Self::Malformed(reason) => write!(f, "unreadable answer ({reason})"),
            Self::Pending => f.write_str("still being computed by the server (HTTP 202)"),
            Self::Offline => f.write_str("offline (this device has no network connection)"),
            Self::Throttled { wait_s, by_server } => {
                let wait = if *wait_s >= 120 {
                    format!("{} min", wait_s.div_ceil(60))
                } else {
                    format!("{wait_s} s")
                };
                if *by_server {
                    write!(f, "rate-limited: the server asks to wait {wait}")
                } else {
                    write!(
                        f,
                        "request budget for this hour used up in this browser; next in {wait}"
                    )
                }
            }
        }
    }
}

/// A server's request to wait (its `Retry-After`, longer than the app waits), kept so that
/// no request of the same source goes out before then: one rate-limited answer holds every
/// URL of that server, not only the one asked.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServerHold {
    until_ms: f64,
}

impl ServerHold {
    /// Holds until `wait_s` seconds after `now_ms` (a later hold already in place stays).
    pub fn hold(&mut self, now_ms: f64, wait_s: u64) {
        self.until_ms = self.until_ms.max(now_ms + wait_s as f64 * 1000.0);
    }

    /// While held: the failure to answer without asking (the seconds left, rounded up).
    pub fn refusal(&self, now_ms: f64) -> Option<FetchFailure> {
        (now_ms < self.until_ms).then(|| FetchFailure::Throttled {
            wait_s: ((self.until_ms - now_ms) / 1000.0).ceil() as u64,
            by_server: true,
        })
    }
}

/// The least wait before asking again after an HTTP 202 (answer still being computed).
pub const PENDING_DELAY_MS: f64 = 2_000.0;

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// Delay before the first retry, in milliseconds.
    pub base_delay_ms: f64,
    /// The longest delay, in milliseconds.
    pub max_delay_ms: f64,
}

impl Default for RetryPolicy {
    /// Three attempts, 0.5 s then 1 s (± jitter), never more than 8 s.
    fn default() -> Self {
        Self {
            attempts: 3,
            base_delay_ms: 500.0,
            max_delay_ms: 8_000.0,
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed, or `None`
    /// when it should not be retried.
    ///
    /// # Formula
    /// ```text
    /// delay = min(base · 2^(attempt−1), max) · (0.5 + jitter)
    /// ```
    /// with `jitter` uniform in [0, 1) ("equal jitter", so clients that failed together do not
    /// retry together). A server's `Retry-After` (seconds) wins when longer; one longer than
    /// the maximum means no retry now (asking earlier than the server allows only prolongs a
    /// ban: Binance answers repeated 429s with 418 and bans of up to three days), and the
    /// caller reports [`FetchFailure::Throttled`]. An answer still being computed (HTTP 202)
    /// waits at least [`PENDING_DELAY_MS`].
    pub fn delay_ms(
        &self,
        attempt: u32,
        failure: &FetchFailure,
        retry_after_s: Option<f64>,
        jitter: f64,
    ) -> Option<f64> {
        if attempt >= self.attempts || !failure.is_retryable() {
            return None;
        }
        let exponential = (self.base_delay_ms * 2f64.powi(attempt.saturating_sub(1) as i32))
            .min(self.max_delay_ms);
        let jittered = exponential * (0.5 + jitter.clamp(0.0, 1.0));
        let server = retry_after_s
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(0.0, |s| s * 1000.0);
        if server > self.max_delay_ms {
            return None;
        }
        // GitHub asks to come back "in a few seconds" when statistics are being computed.
        let server = match failure {
            FetchFailure::Pending => server.max(PENDING_DELAY_MS.min(self.max_delay_ms)),
            _ => server,
        };
        Some(jittered.max(server))
    }
}

/// Reads a `Retry-After` header value (RFC 9110 §10.2.3) as seconds to wait from `now_ms`
/// (Unix milliseconds): either delay-seconds (`120`) or an HTTP date in the IMF-fixdate form
/// (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past is no wait; anything else is `None`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u32>().ok().map(f64::from);
    }
    let fields: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, clock, "GMT"] = fields.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let date = tokenrisk_core::time::Date::from_ymd(year.parse().ok()?, month, day.parse().ok()?)?;
    let at = tokenrisk_core::time::parse_timestamp(&format!("{date}T{clock}Z"))?;
    let wait_s = at as f64 - now_ms / 1000.0;
    wait_s.is_finite().then_some(wait_s.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_hold_refuses_until_it_ends_and_a_shorter_one_does_not_shorten_it() {
        let mut hold = ServerHold::default();
        assert_eq!(hold.refusal(0.0), None);
        hold.hold(1_000.0, 600);
        let throttled = |wait_s| {
            Some(FetchFailure::Throttled {
                wait_s,
                by_server: true,
            })
        };
        assert_eq!(hold.refusal(1_000.0), throttled(600));
        assert_eq!(hold.refusal(300_500.0), throttled(301));
        hold.hold(2_000.0, 10);
        assert_eq!(hold.refusal(601_000.0 - 1.0), throttled(1));
        assert_eq!(hold.refusal(601_000.0), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_honours_retry_after() {
        let policy = RetryPolicy::default();
        let busy = FetchFailure::Http(429);
        assert_eq!(policy.delay_ms(1, &busy, None, 0.5), Some(500.0));
        assert_eq!(policy.delay_ms(2, &busy, None, 0.0), Some(500.0));
        assert_eq!(
            policy.delay_ms(2, &busy, None, 0.999_999).map(f64::round),
            Some(1500.0)
        );
        assert_eq!(
            policy.delay_ms(3, &busy, None, 0.5),
            None,
            "three attempts in all"
        );
        assert_eq!(policy.delay_ms(1, &busy, Some(4.0), 0.5), Some(4000.0));
        assert_eq!(
            policy.delay_ms(1, &busy, Some(600.0), 0.5),
            None,
            "a server asking for ten minutes is not asked again in eight seconds"
        );
        assert_eq!(policy.delay_ms(1, &busy, Some(8.0), 0.5), Some(8000.0));
        assert_eq!(policy.delay_ms(1, &busy, Some(f64::NAN), 0.5), Some(500.0));
        assert_eq!(
            policy.delay_ms(1, &FetchFailure::Http(404), None, 0.5),
            None
        );
        assert_eq!(
            policy.delay_ms(1, &FetchFailure::Malformed("x".into()), None, 0.5),
            None
        );
        assert!(policy
            .delay_ms(1, &FetchFailure::Blocked, None, 0.5)
            .is_some());
    }

    #[test]
    fn failures_read_plainly() {
        assert_eq!(
            FetchFailure::Http(429).to_string(),
            "rate-limited (HTTP 429)"
        );
        assert_eq!(
            FetchFailure::Http(503).to_string(),
            "server error (HTTP 503)"
        );
        assert_eq!(
            FetchFailure::Timeout(1500).to_string(),
            "no answer within 1.5 s"
        );
        assert_eq!(
            FetchFailure::Timeout(10_000).to_string(),
            "no answer within 10 s"
        );
        assert_eq!(
            RetryPolicy::default().delay_ms(1, &FetchFailure::Offline, None, 0.5),
            None,
            "no network, no retry"
        );
        assert!(FetchFailure::Offline.to_string().starts_with("offline"));
        assert!(FetchFailure::Blocked
            .to_string()
            .starts_with("blocked or rate-limited"));
        assert_eq!(
            RetryPolicy::default().delay_ms(1, &FetchFailure::Offline, None, 0.5),
            None,
            "no network, no retry"
        );
        assert!(FetchFailure::Offline.to_string().starts_with("offline"));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        // 2026-10-21T07:27:00Z in Unix milliseconds.
        let now = 1_792_567_620_000.0;
        assert_eq!(parse_retry_after("120", now), Some(120.0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now),
            Some(60.0)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:00:00 GMT", now),
            Some(0.0)
        );
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "Wed, 32 Oct 2026 07:28:00 GMT",
            "Wed, 21 Oct 2026 07:28:00 CET",
            "99999999999",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }
}
