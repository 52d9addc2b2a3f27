//! The split points: each page but the token view, and the parts of the token view its first
//! chart does not need, are compiled into WebAssembly modules of their own, fetched when first
//! needed (and the other pages prefetched when the browser is idle), so a new page does not
//! grow what the first view downloads.
//!
//! The site build (`cargo xtask`, `xtask/src/wasm_build.rs`) enables the `split` feature and
//! splits the module at these functions. Without it (natively, in the browser tests, whose
//! runner cannot resolve the split's imports) each is a plain `async fn` with the same
//! signature.

use crate::analysis::TokenAnalysis;
use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

/// Declares a split point: `name(args) -> view` becomes `async fn name(args) ->
/// Result<AnyView, SplitLoaderError>` (the module `module`, fetched on the first call; a
/// failed fetch is the error) and `async fn preload() -> Result<(), SplitLoaderError>`, which
/// fetches the module without running it.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident, $preload:ident, ($($arg:ident: $ty:ty),*) => $view:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible, preload($preload))]
        pub fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($view.into_any())
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($view.into_any())
        }

        /// Nothing to fetch when the module is not split.
        #[cfg(not(feature = "split"))]
        pub async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

split_point!(
    /// The sector page.
    sector, preload_sector, () => view! { <super::sector::SectorPage/> }
);

split_point!(
    /// The liquidity and leverage page.
    liquidity, preload_liquidity, () => view! { <super::liquidity::LiquidityPage/> }
);

split_point!(
    /// The tokenomics page.
    tokenomics, preload_tokenomics, () => view! { <super::tokenomics::TokenomicsPage/> }
);

split_point!(
    /// The portfolio and stress page.
    portfolio, preload_portfolio, () => view! { <super::portfolio::PortfolioPage/> }
);

split_point!(
    /// The signals page.
    signals, preload_signals, () => view! { <super::signals::SignalsPage/> }
);

split_point!(
    /// The data page.
    data, preload_data, () => view! { <super::data::DataPage/> }
);

split_point!(
    /// The token view's risk tables (metric explanations, resampled intervals), fetched once
    /// the view's first chart is drawn.
    token_tables, preload_token_tables, (analysis: Memo<Option<TokenAnalysis>>) =>
        view! { <super::token::details::RiskTables analysis=analysis/> }
);

split_point!(
    /// The token view's market-now panels (spot books, futures, development, and their APIs'
    /// parsers), fetched once the view's first chart is drawn.
    market_now, preload_market_now, (token: Signal<String>) =>
        view! { <super::token::market_now::MarketNow token=token/> }
);

/// Fetches the other pages' modules without running them, so that opening one later does not
/// wait for the network. Failures are left for the page itself to report when it is opened.
pub async fn prefetch_all() {
    let _ = preload_sector().await;
    let _ = preload_liquidity().await;
    let _ = preload_tokenomics().await;
    let _ = preload_portfolio().await;
    let _ = preload_signals().await;
    let _ = preload_data().await;
}

/// Runs [`prefetch_all`] once the first view is drawn and the browser is idle
/// ([`after_first_view`](crate::components::lazy::after_first_view)). The app calls it once
/// the first view has its data.
pub fn prefetch_when_idle() {
    leptos::task::spawn_local(async {
        crate::components::lazy::after_first_view().await;
        prefetch_all().await;
    });
}
