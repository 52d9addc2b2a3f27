//! Token Risk Lab, the web app: a Leptos (client-side) page over the pure `tokenrisk-core`,
//! with market data read by `tokenrisk-market` and charts drawn by `tokenrisk-charts`.
//!
//! Data flows one way: live APIs ([`live`], asked through [`live::use_remote::use_remote`]),
//! this browser's cache, the bundled snapshot or an imported CSV ([`data`]) → typed series →
//! core metrics → page models (`pages/<page>/model.rs`, [`analysis`]) → components
//! ([`pages`], [`components`]) → charts ([`components::chart`]). What defines a view lives in the
//! link ([`link`]), so a link reproduces it. `ARCHITECTURE.md` is the map.

pub mod analysis;
pub mod app_state;
pub mod components;
pub mod data;
pub mod figures;
pub mod format;
pub mod link;
pub mod live;
pub mod pages;
pub mod saved_book;
pub mod saved_imports;
pub mod simulation_worker;
pub mod site_data;
pub mod storage;
pub mod theme;

use components::lazy::Lazy;
use components::skeleton;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The whole app: a router under the site's base path, and its pages.
#[component]
pub fn App() -> impl IntoView {
    provide_context(app_state::AppState::new());
    let site = site_data::SiteData::new();
    provide_context(site);
    theme::ThemeState::provide();
    // The other pages' modules, once the first view has its data (not competing with it).
    Effect::new(move |scheduled: Option<bool>| {
        if scheduled == Some(true) {
            return true;
        }
        let settled = site.settled();
        if settled {
            pages::split::prefetch_when_idle();
        }
        settled
    });
    view! {
        <Router base=base_path()>
            <header class="site-header">
                <span class="brand">"Token Risk Lab"</span>
                <span class="tagline">"How risky are AI tokens, and why"</span>
                <Nav/>
                <theme::ThemeSwitch/>
            </header>
            <main>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::token::TokenPage/>
                    <Route path=path!("/sector") view=|| view! {
                        <Lazy load=pages::split::sector heights=skeleton::SECTOR_PAGE what="page"/>
                    }/>
                    <Route path=path!("/liquidity") view=|| view! {
                        <Lazy load=pages::split::liquidity heights=skeleton::LIQUIDITY_PAGE what="page"/>
                    }/>
                    <Route path=path!("/tokenomics") view=|| view! {
                        <Lazy load=pages::split::tokenomics heights=skeleton::TOKENOMICS_PAGE what="page"/>
                    }/>
                    <Route path=path!("/portfolio") view=|| view! {
                        <Lazy load=pages::split::portfolio heights=skeleton::PORTFOLIO_PAGE what="page"/>
                    }/>
                    <Route path=path!("/signals") view=|| view! {
                        <Lazy load=pages::split::signals heights=skeleton::SIGNALS_PAGE what="page"/>
                    }/>
                    <Route path=path!("/data") view=|| view! {
                        <Lazy load=pages::split::data heights=skeleton::DATA_PAGE what="page"/>
                    }/>
                </Routes>
            </main>
        </Router>
    }
}

/// The pages, as (path below the base, label).
const PAGES: [(&str, &str); 7] = [
    ("/sector", "Sector"),
    ("/", "Token"),
    ("/liquidity", "Liquidity"),
    ("/tokenomics", "Tokenomics"),
    ("/portfolio", "Portfolio"),
    ("/signals", "Signals"),
    ("/data", "Data"),
];

/// Links to the pages. The hrefs carry the site's base path (the router's `<A>` leaves it out
/// for absolute paths, which breaks under a sub-path such as `/token-risk-lab/`).
#[component]
fn Nav() -> impl IntoView {
    let base = base_path();
    let location = use_location();
    let links = PAGES.map(|(path, label)| {
        let href = format!("{base}{path}");
        let full = href.clone();
        let current = move || {
            let here = location.pathname.get();
            (here.trim_end_matches('/') == full.trim_end_matches('/')).then_some("page")
        };
        view! { <a href=href aria-current=current>{label}</a> }
    });
    view! { <nav class="site-nav" aria-label="Pages">{links}</nav> }
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
