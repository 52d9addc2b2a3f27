//! Token Risk Lab, the web app: a Leptos (client-side) page over the pure `tokenrisk-core`.
//!
//! Data flows one way: the bundled snapshot or an imported CSV ([`data`]) → typed series →
//! core metrics → view ([`pages`]) → charts ([`components::chart_canvas`]). What defines a view
//! (token, range) lives in the URL's query, so a link reproduces it.

pub mod analysis;
pub mod components;
pub mod data;
pub mod format;
pub mod live;
pub mod pages;
pub mod url_state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app: a router under the site's base path, and its pages.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router base=base_path()>
            <header class="site-header">
                <span class="brand">"Token Risk Lab"</span>
                <span class="tagline">"How risky are AI tokens, and why"</span>
            </header>
            <main>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::token::TokenPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The path the site is served under, without a trailing slash ("" at the root,
/// "/token-risk-lab" on GitHub Pages), read from the document's `<base href>` that trunk writes
/// from `--public-url`.
pub fn base_path() -> String {
    let base_uri = document().base_uri().ok().flatten().unwrap_or_default();
    let path = web_sys::Url::new(&base_uri)
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}
