//! A page whose code arrives when it is first opened: its module is fetched, then it renders.
//! A failed fetch (offline, the host refusing the file) is a message with a retry, never a
//! panic; the next attempt (retry, or opening the page again) fetches afresh, because the
//! loader keeps only successful loads.

use crate::components::skeleton::Skeleton;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use wasm_split_helpers::SplitLoaderError;

/// Renders what `load` gives once its module has arrived, the skeleton `heights` until then,
/// and a message with a retry button when the module cannot be fetched.
#[component]
pub fn LazyPage<L, F>(
    /// The page's split point (see `crate::pages::split`).
    load: L,
    /// The page's outline while its code arrives.
    heights: &'static [&'static str],
) -> impl IntoView
where
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <Skeleton heights=heights/> }>
            {move || {
                attempt.track();
                let loading = SendWrapper::new(load());
                Suspend::new(async move {
                    match loading.await {
                        Ok(page) => page,
                        Err(_) => view! { <LoadFailed attempt=attempt/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The message for a page whose code could not be fetched.
#[component]
fn LoadFailed(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <section class="panel notice" role="alert">
            <h2>"This page could not be loaded"</h2>
            <p>"Its code did not arrive (the connection may be offline, or the site was updated \
                since this tab opened). Your analysis and the other pages are unaffected."</p>
            <button type="button" class="retry" on:click=move |_| attempt.update(|n| *n += 1)>
                "Try again"
            </button>
        </section>
    }
}
