//! Code that arrives when it is first needed: a page (when opened) or a part of a page (once
//! the page's first chart is drawn and the browser is idle). Its module is fetched, then it
//! renders.
//! A failed fetch (offline, the host refusing the file) is a message with a retry, never a
//! panic; the next attempt (retry, or showing it again) fetches afresh, because the loader
//! keeps only successful loads. The split points are in `crate::pages::split`.

use crate::components::skeleton::Skeleton;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use wasm_split_helpers::SplitLoaderError;

/// Renders what `load` gives once its module has arrived, the skeleton `heights` until then,
/// and a message naming `what` with a retry button when the module cannot be fetched. With
/// `defer`, the fetch waits for [`after_first_view`], so it never competes with what the first
/// view needs.
#[component]
pub fn Lazy<L, F>(
    /// The split point, called with what it shows.
    load: L,
    /// The outline while the code arrives.
    heights: &'static [&'static str],
    /// What is loading, for the failure message: "page", "risk tables", …
    what: &'static str,
    /// Wait for the first chart and an idle browser before fetching ([`after_first_view`]).
    #[prop(optional)]
    defer: bool,
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
                let loading = SendWrapper::new(async move {
                    if defer {
                        after_first_view().await;
                    }
                    load().await
                });
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => view,
                        Err(_) => view! { <LoadFailed what=what attempt=attempt/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// How long [`after_first_view`] waits for a first chart (a page without one, or with no data
/// to draw), in milliseconds.
const FIRST_CHART_WAIT_MS: i32 = 4_000;

thread_local! {
    /// `None` once the first chart is drawn; until then, what waits for it.
    static WAITING_FOR_FIRST_CHART: std::cell::RefCell<Option<Vec<js_sys::Function>>> =
        const { std::cell::RefCell::new(Some(Vec::new())) };
}

/// Called by the chart component each time it draws: the first time, marks the moment
/// (`performance.mark("first-chart")`, which the page-weight measurement reads as the moment
/// the first view is useful) and wakes what waits in [`after_first_view`].
pub fn chart_drawn() {
    let Some(waiting) = WAITING_FOR_FIRST_CHART.with(|w| w.borrow_mut().take()) else {
        return;
    };
    if let Some(performance) = window().performance() {
        let _ = performance.mark("first-chart");
    }
    for resolve in waiting {
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Resolves once the page's first chart is drawn (or [`FIRST_CHART_WAIT_MS`] have passed
/// without one) and then the browser is idle: when code and data the first view does not need
/// can be fetched without delaying it. An idle callback alone can come before the chart's
/// animation frame on a fast machine.
pub async fn after_first_view() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let drawn = WAITING_FOR_FIRST_CHART.with(|w| match w.borrow_mut().as_mut() {
            Some(waiting) => {
                waiting.push(resolve.clone());
                false
            }
            None => true,
        });
        if drawn
            || window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    FIRST_CHART_WAIT_MS,
                )
                .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    idle().await;
}

/// Resolves when the browser is next idle (`requestIdleCallback`, at most a second away), or
/// at once where it is missing.
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(1000);
        if window()
            .request_idle_callback_with_options(&resolve, &options)
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The message for code that could not be fetched.
#[component]
fn LoadFailed(what: &'static str, attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <section class="panel notice" role="alert">
            <h2>{format!("This {what} could not be loaded")}</h2>
            <p>"Its code did not arrive (the connection may be offline, or the site was updated \
                since this tab opened). Your analysis and the rest of the site are unaffected."</p>
            <button type="button" class="retry" on:click=move |_| attempt.update(|n| *n += 1)>
                "Try again"
            </button>
        </section>
    }
}
