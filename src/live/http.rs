//! One GET request with a timeout and a size cap, its failure classified for people.

use futures::future::{select, Either};
use tokenrisk_market::fetch_policy::{parse_retry_after, FetchFailure, MAX_API_BODY_BYTES};

/// A failed attempt, with the server's `Retry-After` (seconds) when it sent one readable.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    /// What went wrong.
    pub failure: FetchFailure,
    /// The `Retry-After` header, in seconds.
    pub retry_after_s: Option<f64>,
}

impl From<FetchFailure> for Failed {
    fn from(failure: FetchFailure) -> Self {
        Self {
            failure,
            retry_after_s: None,
        }
    }
}

/// An answer of any HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header (empty when absent).
    pub content_type: String,
    /// The `Retry-After` header in seconds, when readable.
    pub retry_after_s: Option<f64>,
    /// The body, at most the size cap.
    pub body: String,
}

/// Whether the browser says it has no network (`navigator.onLine` false). Its "online" only
/// means some network, so requests may still fail as [`FetchFailure::Blocked`].
pub fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// GETs `url` within `timeout_ms` (then the request is aborted) and returns the answer of any
/// status; a body over `max_bytes` (by its `Content-Length` before it is read, else by its
/// length after) is [`FetchFailure::Malformed`]. A request the browser refuses to show us (a
/// CORS failure, an error page without CORS headers, no network) is [`FetchFailure::Blocked`];
/// with no network at all, [`FetchFailure::Offline`] at once.
pub async fn get(url: &str, timeout_ms: u32, max_bytes: usize) -> Result<Answer, FetchFailure> {
    if offline() {
        return Err(FetchFailure::Offline);
    }
    let too_large = || {
        FetchFailure::Malformed(format!(
            "larger than the {} MB this page reads",
            max_bytes >> 20
        ))
    };
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let request = gloo_net::http::Request::get(url).abort_signal(signal.as_ref());
    let exchange = Box::pin(async move {
        let response = request.send().await.map_err(|_| FetchFailure::Blocked)?;
        let header = |name: &str| response.headers().get(name).unwrap_or_default();
        let declared: Option<usize> = header("content-length").trim().parse().ok();
        if declared.is_some_and(|n| n > max_bytes) {
            return Err(too_large());
        }
        let status = response.status();
        let content_type = header("content-type");
        let retry_after_s = parse_retry_after(&header("retry-after"), js_sys::Date::now());
        let body = response.text().await.map_err(|_| FetchFailure::Blocked)?;
        if body.len() > max_bytes {
            return Err(too_large());
        }
        Ok(Answer {
            status,
            content_type,
            retry_after_s,
            body,
        })
    });
    let timeout = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    match select(exchange, timeout).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(((), _)) => {
            if let Some(controller) = controller {
                controller.abort();
            }
            Err(FetchFailure::Timeout(timeout_ms))
        }
    }
}

/// GETs an API's `url` and returns the body of a 2xx answer (at most
/// [`MAX_API_BODY_BYTES`]); a 202 (accepted, answer still being computed) is
/// [`FetchFailure::Pending`], any other status [`FetchFailure::Http`] with the server's
/// `Retry-After`.
pub async fn get_text(url: &str, timeout_ms: u32) -> Result<String, Failed> {
    let answer = get(url, timeout_ms, MAX_API_BODY_BYTES).await?;
    match answer.status {
        202 => Err(FetchFailure::Pending.into()),
        200..=299 => Ok(answer.body),
        status => Err(Failed {
            failure: FetchFailure::Http(status),
            retry_after_s: answer.retry_after_s,
        }),
    }
}
