//! One API answer as a view sees it: asked for, fetched (now or earlier), or unavailable with
//! the reason. Every panel that shows a single API resource goes through [`load`]. Failures
//! stay typed ([`FetchFailure`], [`Unavailable`]) until a panel words them.

use super::service::{check_with, DataService, Source};
use std::fmt;
use std::rc::Rc;
use tokenrisk_market::fetch_policy::FetchFailure;

/// A parsed answer and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    /// The parsed answer.
    pub value: T,
    /// When it was fetched, Unix milliseconds.
    pub fetched_at_ms: f64,
    /// Fetched during this visit (else from this browser's cache).
    pub live: bool,
    /// Why a fresh request failed, when a cached answer is shown.
    pub failure: Option<FetchFailure>,
    /// The URL asked (never with a key in it).
    pub url: String,
}

impl<T> Fetched<T> {
    /// The same answer with its value transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        Fetched {
            value: f(self.value),
            fetched_at_ms: self.fetched_at_ms,
            live: self.live,
            failure: self.failure,
            url: self.url,
        }
    }
}

/// Why a resource has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Unavailable {
    /// The one source asked failed.
    Failed(FetchFailure),
    /// The asset registry has no name for the asset at this venue.
    NotListed {
        /// Asset id.
        asset: String,
        /// The venue.
        venue: &'static str,
    },
    /// A venue refused, and the fallback venue gave nothing either.
    FellBack {
        /// The venue asked first.
        first: &'static str,
        /// Why it refused.
        refused: FetchFailure,
        /// The fallback venue.
        fallback: &'static str,
        /// Why the fallback gave nothing.
        then: Box<Unavailable>,
    },
    /// What the page reads from this browser (a file the user chose) is missing or unusable.
    Local(String),
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed(failure) => failure.fmt(f),
            Self::NotListed { asset, venue } => write!(f, "{asset} is not listed on {venue}"),
            Self::FellBack {
                first,
                refused,
                fallback,
                then,
            } => match then.as_ref() {
                Self::NotListed { .. } => write!(f, "{first} {refused}; not listed on {fallback}"),
                then => write!(f, "{first} {refused}; {fallback} {then}"),
            },
            Self::Local(reason) => f.write_str(reason),
        }
    }
}

/// Where one resource stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Remote<T> {
    /// Being asked for (or about to be).
    #[default]
    Loading,
    /// An answer to show.
    Ready(Fetched<T>),
    /// Nothing to show, and why.
    Unavailable(Unavailable),
}

/// An answer fetched live just now from nowhere in particular: what a page model's tests feed
/// it.
#[cfg(test)]
pub(crate) fn fetched_now<T>(value: T) -> Remote<T> {
    Remote::Ready(Fetched {
        value,
        fetched_at_ms: 0.0,
        live: true,
        failure: None,
        url: String::new(),
    })
}

impl<T> Remote<T> {
    /// The answer, once there is one.
    pub fn ready(&self) -> Option<&Fetched<T>> {
        match self {
            Self::Ready(fetched) => Some(fetched),
            _ => None,
        }
    }

    /// Why there is nothing to show, when that is so.
    pub fn unavailable_reason(&self) -> Option<&Unavailable> {
        match self {
            Self::Unavailable(reason) => Some(reason),
            _ => None,
        }
    }

    /// The badge state of the answer: `live`, `cached`, `updating` or `unavailable`.
    pub fn status_name(&self) -> &'static str {
        match self {
            Self::Loading => "updating",
            Self::Ready(f) if f.live => "live",
            Self::Ready(_) => "cached",
            Self::Unavailable(_) => "unavailable",
        }
    }
}

/// Asks the data service for `url` (the cache first while fresh, then the API, then a stale
/// cached answer) and parses the answer; an unreadable answer is reported, never shown.
pub async fn load<T, E: std::fmt::Display>(
    service: &Rc<DataService>,
    source: Source,
    url: String,
    parse: impl Fn(&str) -> Result<T, E> + 'static,
) -> Remote<T> {
    load_typed(service, source, url, parse).await.into()
}

/// [`load`], with the failure kept typed (to choose a fallback on it).
pub async fn load_typed<T, E: std::fmt::Display>(
    service: &Rc<DataService>,
    source: Source,
    url: String,
    parse: impl Fn(&str) -> Result<T, E> + 'static,
) -> Result<Fetched<T>, FetchFailure> {
    let parse = Rc::new(parse);
    let check = {
        let parse = Rc::clone(&parse);
        check_with(move |body| parse(body))
    };
    let (entry, live, failure) = service.cached_or_fetch(source, url.clone(), check).await?;
    let value = parse(&entry.body).map_err(|e| FetchFailure::Malformed(e.to_string()))?;
    Ok(Fetched {
        value,
        fetched_at_ms: entry.fetched_at_ms,
        live,
        failure,
        url,
    })
}

impl<T> From<Result<Fetched<T>, FetchFailure>> for Remote<T> {
    fn from(outcome: Result<Fetched<T>, FetchFailure>) -> Self {
        match outcome {
            Ok(fetched) => Self::Ready(fetched),
            Err(failure) => Self::Unavailable(Unavailable::Failed(failure)),
        }
    }
}
