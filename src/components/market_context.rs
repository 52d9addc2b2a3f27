//! The strip above a token's numbers with the market around it: the AI sector and the whole
//! crypto market, from CoinGecko.

use crate::format::{compact, percent};
use crate::live::market_context::{load_context, ContextState, MarketContext};
use crate::live::use_remote::use_remote;
use leptos::prelude::*;
use tokenrisk_core::time::format_unix;

fn text(context: &MarketContext) -> String {
    let pct = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |v| percent(v / 100.0, 1));
    let ai = context.ai.as_ref().map_or_else(
        || "AI sector: not listed by CoinGecko".to_owned(),
        |c| {
            format!(
                "AI tokens (CoinGecko category): {} USD, 24h {}",
                c.market_cap.map_or("n/a".to_owned(), compact),
                pct(c.market_cap_change_24h_pct)
            )
        },
    );
    let g = &context.global;
    format!(
        "{ai} · All crypto: {} USD, 24h {}, BTC dominance {}",
        g.total_market_cap_usd.map_or("n/a".to_owned(), compact),
        pct(g.market_cap_change_24h_pct),
        pct(g.btc_dominance_pct)
    )
}

/// The strip: asks CoinGecko (through the cache) when it is shown.
#[component]
pub fn MarketContextStrip() -> impl IntoView {
    let answer = use_remote(
        || Some(()),
        |service, ()| async move { load_context(&service).await },
    );
    let content = move || {
        answer.with(|s| match s.as_ref().unwrap_or(&ContextState::Loading) {
            ContextState::Loading => {
                Some(("updating", "Market context: asking CoinGecko…".to_owned()))
            }
            ContextState::Ready(c, failure) => {
                let when = format_unix((c.fetched_at_ms / 1000.0) as i64);
                let origin = match (c.live, failure) {
                    (true, _) => format!("CoinGecko, fetched {when}"),
                    (false, None) => format!("CoinGecko, cached {when}"),
                    (false, Some(f)) => format!("CoinGecko, cached {when}; update failed: {f}"),
                };
                Some((
                    if c.live { "live" } else { "cached" },
                    format!("{} · {origin}", text(c)),
                ))
            }
            ContextState::Unavailable(reason) => Some((
                "bundled",
                format!("Market context unavailable: CoinGecko {reason}"),
            )),
        })
    };
    view! {
        {move || content().map(|(state, text)| view! {
            <p id="market-context" class="data-status market-context" data-state=state>{text}</p>
        })}
    }
}
