//! The perpetual's positioning over the last month, below its figures: funding per payment in
//! yearly terms, open interest in USDT and the share of accounts net long, each a chart.

use super::positioning_model::{funding_chart, long_share_chart, open_interest_chart};
use crate::components::chart::{ChartCanvas, ChartData, ChartSpec};
use crate::live::market_now::Positioning;
use crate::pages::token::market_now::FuturesPanel;
use leptos::prelude::*;
use tokenrisk_charts::{Scale, SeriesStyle, ValueFormat};
use tokenrisk_market::registry::Asset;

/// One history chart, shown once its data is there.
fn history_chart(
    id: &'static str,
    label: &'static str,
    caption: &'static str,
    data: Memo<Option<ChartData>>,
) -> impl IntoView {
    let spec = Signal::derive(move || ChartSpec::new(data.get().unwrap_or_else(empty)));
    view! {
        <Show when=move || data.with(Option::is_some)>
            <figure class="market-chart">
                <figcaption>{caption}</figcaption>
                <ChartCanvas id=id label=label data=spec/>
            </figure>
        </Show>
    }
}

/// No points: what a chart holds before its data is there (drawn as "No data").
fn empty() -> ChartData {
    ChartData {
        label: String::new(),
        times: Vec::new(),
        values: Vec::new(),
        format: ValueFormat::Compact,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    }
}

/// The token's futures figures and the history charts under them.
#[component]
pub fn PositioningPanel(
    asset: Memo<Option<&'static Asset>>,
    positioning: Signal<Option<Option<Positioning>>>,
) -> impl IntoView {
    let symbol = move || asset.get().and_then(|a| a.binance_futures);
    let chart = move |make: fn(&str, &Positioning) -> Option<ChartData>| {
        Memo::new(move |_| {
            let symbol = symbol()?;
            positioning.with(|p| make(symbol, p.as_ref()?.as_ref()?))
        })
    };
    let funding = chart(|s, p| funding_chart(s, &p.funding.ready()?.value));
    let open_interest =
        chart(|s, p| open_interest_chart(s, &p.open_interest_history.ready()?.value));
    let long_share = chart(|s, p| long_share_chart(s, &p.long_short.ready()?.value));
    view! {
        <FuturesPanel asset=asset positioning=positioning>
            {history_chart("funding-history", "Funding rate by payment, a year", "Funding at each payment in yearly terms (simple): above zero, longs pay shorts", funding)}
            {history_chart("open-interest-history", "Open interest by day", "Open interest a day, USDT: leverage that can be forced out", open_interest)}
            {history_chart("long-share-history", "Accounts net long by day", "Share of Binance accounts net long a day (accounts, not notional)", long_share)}
        </FuturesPanel>
    }
}
