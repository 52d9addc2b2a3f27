//! The split points: each page but the token view is compiled into its own WebAssembly module,
//! fetched the first time the page is opened (and prefetched when the browser is idle), so a
//! new page does not grow what the first view downloads. The site build splits the module at
//! these functions (`cargo xtask`, see `xtask/src/wasm_build.rs`); natively and in the browser
//! tests they are plain calls.

use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

/// The sector page's module.
#[wasm_split(sector, fallible, preload(preload_sector))]
pub fn sector() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <super::sector::SectorPage/> }.into_any())
}

/// The data page's module.
#[wasm_split(data, fallible, preload(preload_data))]
pub fn data() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <super::data::DataPage/> }.into_any())
}

/// Fetches the other pages' modules without running them, so that opening one later does not
/// wait for the network. Failures are left for the page itself to report when it is opened.
pub async fn prefetch_all() {
    let _ = preload_sector().await;
    let _ = preload_data().await;
}

/// Runs [`prefetch_all`] when the browser is next idle, or at once where
/// `requestIdleCallback` is missing. The app calls it once the first view has its data.
pub fn prefetch_when_idle() {
    use wasm_bindgen::JsCast;
    let start = wasm_bindgen::closure::Closure::once_into_js(|| {
        leptos::task::spawn_local(prefetch_all());
    });
    let scheduled = window()
        .request_idle_callback(start.unchecked_ref())
        .is_ok();
    if !scheduled {
        leptos::task::spawn_local(prefetch_all());
    }
}
