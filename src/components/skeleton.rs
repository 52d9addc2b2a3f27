//! Placeholders shaped like the page that is loading, so nothing jumps when the data arrives.

use leptos::prelude::*;

/// A page's outline while its data loads: one grey block per panel, `heights` in CSS units,
/// with the loading message for screen readers.
#[component]
pub fn Skeleton(
    /// The heights of the page's panels, top to bottom (e.g. `"300px"`).
    heights: &'static [&'static str],
) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="loading visually-hidden" aria-live="polite">"Loading market data…"</p>
            {heights.iter().map(|h| view! {
                <div class="panel skeleton-block" style=format!("height:{h}")></div>
            }).collect_view()}
        </div>
    }
}

/// The token page's outline: market strip, controls, status, metric cards, three charts.
pub const TOKEN_PAGE: &[&str] = &[
    "2.6rem", "11rem", "2.4rem", "10rem", "24rem", "18rem", "20rem",
];

/// The sector page's outline: market strip, table, comparison chart, risk table.
pub const SECTOR_PAGE: &[&str] = &["2.6rem", "16rem", "26rem", "14rem"];

/// The liquidity page's outline: controls, exit table and depth chart, liquidation price,
/// cascade.
pub const LIQUIDITY_PAGE: &[&str] = &["5rem", "30rem", "20rem", "24rem"];

/// The tokenomics page's outline: the controls, the supply figures and charts, the parameters.
pub const TOKENOMICS_PAGE: &[&str] = &["5rem", "34rem", "20rem"];
/// The portfolio page: holdings, risk, shock, worst weeks, Monte Carlo.
pub const PORTFOLIO_PAGE: &[&str] = &["14rem", "24rem", "18rem", "12rem", "10rem", "20rem"];

/// The data page's outline: the snapshot table, then the live and imported data.
pub const DATA_PAGE: &[&str] = &["3rem", "18rem", "10rem"];

/// The signals page: thresholds, the last-visit line, the three groups of signals.
pub const SIGNALS_PAGE: &[&str] = &["6rem", "3rem", "16rem", "20rem", "14rem"];

/// The token view's risk tables while their code arrives: metric table, relative table.
pub const RISK_TABLES: &[&str] = &["30rem", "12rem"];

/// The token view's market-now panels while their code arrives.
pub const MARKET_NOW: &[&str] = &["20rem"];
