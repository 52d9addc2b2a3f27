//! The one way a component asks the network for data: [`use_remote`].
//!
//! The request is keyed by what the component shows (a token's registry row, a URL, …) and
//! owned by the component that asks. When the key changes, the answer to the old key is
//! dropped when it arrives; when the component goes (the user leaves the page), every answer
//! still in flight is dropped. The task never reads a signal after its `await`: it writes into
//! a reference-counted cell that outlives the component's reactive scope, so a slow answer
//! can never touch a disposed signal (which panics in Wasm and kills the page). Failures stay
//! typed inside the answer (`Remote`, `Fetched`) until a panel shows them.

use crate::app_state::AppState;
use crate::live::remote::Remote;
use crate::live::service::DataService;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A request ticket that no answer matches: the component has gone.
const GONE: u64 = u64::MAX;

/// Asks `fetch(service, key)` whenever `key()` gives a new key, with the visit's data service.
///
/// The returned signal is `None` while nothing is asked (no key, no data service yet) or the
/// answer to the current key is on its way, and `Some(answer)` once it is here. `key` is read
/// in a reactive effect (never in a render closure); `fetch` may await as long as it likes.
pub fn use_remote<K, T, Fut>(
    key: impl Fn() -> Option<K> + 'static,
    fetch: impl Fn(Rc<DataService>, K) -> Fut + 'static,
) -> Signal<Option<T>>
where
    K: 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + 'static,
{
    let state = AppState::use_or_new();
    let answer = ArcRwSignal::new(None::<T>);
    let ticket = Arc::new(AtomicU64::new(0));
    Effect::new({
        let (answer, ticket) = (answer.clone(), Arc::clone(&ticket));
        move |_| {
            let key = key();
            let mine = ticket.load(Ordering::Relaxed).wrapping_add(1) % GONE;
            ticket.store(mine, Ordering::Relaxed);
            answer.set(None);
            let (Some(key), Some(service)) = (key, state.service.get_value()) else {
                return;
            };
            let request = fetch(service, key);
            let (answer, ticket) = (answer.clone(), Arc::clone(&ticket));
            leptos::task::spawn_local(async move {
                let value = request.await;
                if ticket.load(Ordering::Relaxed) == mine {
                    answer.set(Some(value));
                }
            });
        }
    });
    on_cleanup({
        let ticket = Arc::clone(&ticket);
        move || ticket.store(GONE, Ordering::Relaxed)
    });
    answer.into()
}

/// [`use_remote`] for one API resource: [`Remote::Loading`] until its answer is here.
pub fn use_resource<K, T, Fut>(
    key: impl Fn() -> Option<K> + 'static,
    fetch: impl Fn(Rc<DataService>, K) -> Fut + 'static,
) -> Signal<Remote<T>>
where
    K: 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Remote<T>> + 'static,
{
    let answer = use_remote(key, fetch);
    Signal::derive(move || answer.get().unwrap_or(Remote::Loading))
}
