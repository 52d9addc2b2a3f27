//! One GET request with a timeout, its failure classified for people.

use futures::future::{select, Either};
use tokenrisk_market::fetch_policy::FetchFailure;

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

/// Whether the browser says it has no network (`navigator.onLine` false). Its "online" only
/// means some network, so requests may still fail as [`FetchFailure::Blocked`].
pub fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// GETs `url` and returns the body of a 2xx answer (at once [`FetchFailure::Offline`] when the
/// browser has no network); a 202 (accepted, answer still being
/// computed) is [`FetchFailure::Pending`]. After `timeout_ms` the request is aborted.
/// A request the browser refuses to show us (a CORS failure, an error page without CORS
/// headers, no network) is [`FetchFailure::Blocked`].
pub async fn get_text(url: &str, timeout_ms: u32) -> Result<String, Failed> {
    if offline() {
        return Err(FetchFailure::Offline.into());
    }
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let request = gloo_net::http::Request::get(url).abort_signal(signal.as_ref());
    let exchange = Box::pin(async move {
        let response = request
            .send()
            .await
            .map_err(|_| Failed::from(FetchFailure::Blocked))?;
        let status = response.status();
        if status == 202 {
            return Err(FetchFailure::Pending.into());
        }
        if !(200..300).contains(&status) {
            let retry_after_s = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.trim().parse().ok());
            return Err(Failed {
                failure: FetchFailure::Http(status),
                retry_after_s,
            });
        }
        response
            .text()
            .await
            .map_err(|_| Failed::from(FetchFailure::Blocked))
    });
    let timeout = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    match select(exchange, timeout).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(((), _)) => {
            if let Some(controller) = controller {
                controller.abort();
            }
            Err(FetchFailure::Timeout(timeout_ms).into())
        }
    }
}
