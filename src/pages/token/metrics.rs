//! The token view's headline numbers, each with its convention.

use crate::data::AssetSeries;
use crate::format::{date, percent, price};
use leptos::prelude::*;
use tokenrisk_core::range::TokenRisk;

/// The headline numbers, each with its convention.
#[component]
pub fn Metrics(asset: AssetSeries, risk: TokenRisk) -> impl IntoView {
    let periods = risk.periods_per_year;
    let times = risk.prices.times();
    let (first, last) = (times.first().copied(), times.last().copied());
    let volatility =
        match risk.volatility {
            Ok(v) => view! { <span class="value" data-value=v.to_string()>{percent(v, 1)}</span> }
                .into_any(),
            Err(e) => view! { <span class="value unavailable" title=e.to_string()>"n/a"</span> }
                .into_any(),
        };
    let drawdown = risk.max_drawdown.map(|m| {
        let when = format!(
            "peak {} → trough {}; {}",
            date(times[m.peak]),
            date(times[m.trough]),
            m.recovery
                .map_or("not recovered in this range".to_owned(), |i| format!(
                    "recovered {}",
                    date(times[i])
                ))
        );
        view! {
            <span class="value loss" data-value=m.depth.to_string()>{percent(m.depth, 1)}</span>
            <span class="detail">{when}</span>
        }
    });
    let last_price = risk.prices.values().last().copied().unwrap_or(f64::NAN);
    let unit = asset
        .currency
        .clone()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    view! {
        <section class="metrics" aria-label="Risk metrics">
            <div class="metric panel" id="volatility">
                <h2>"Annualised volatility"</h2>
                {volatility}
                <p class="convention">{format!(
                    "Sample standard deviation (ddof 1) of daily simple returns P_t/P_t−1 − 1, × √{periods}: {}.",
                    asset.calendar)}</p>
            </div>
            <div class="metric panel" id="max-drawdown">
                <h2>"Maximum drawdown"</h2>
                {drawdown}
                <p class="convention">"Deepest fall of the daily close below its running peak within the range."</p>
            </div>
            <div class="metric panel" id="last-price">
                <h2>"Last close"</h2>
                <span class="value">{price(last_price)}<small>{unit}</small></span>
                <span class="detail">{last.map(date)}</span>
                <p class="convention">{format!("{} daily closes, {} to {}.", risk.prices.len(),
                    first.map(date).unwrap_or_default(), last.map(date).unwrap_or_default())}</p>
            </div>
        </section>
    }
}
