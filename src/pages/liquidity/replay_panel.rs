//! The replay panel: the sell-off of 2026-02-05/06 walked over BTC's ladder, beside the
//! liquidations reported, with the open interest each leverage mix needs to produce them.
//! Its data ship with the page (a dated record), so it never waits for the network.

use super::replay_model::{self, ReplayView};
use crate::components::chart::{ChartCanvas, ChartSpec};
use crate::components::fields::{link_value, NumberField};
use crate::figures::figure_table;
use crate::format::{compact, percent, price};
use crate::link::liquidity::{LiquidityLink, REPLAY_OPEN_INTEREST};
use leptos::prelude::*;
use tokenrisk_charts::{ValueFormat, WaterfallData};

/// The replay's inputs that are its own (the open interest going in), its figures, the
/// liquidations by point of the path, the mixes compared and the assumptions.
#[component]
pub fn ReplayPanel(
    link: Memo<LiquidityLink>,
    set: Callback<(&'static str, String)>,
) -> impl IntoView {
    let view = Memo::new(move |_| link.with(replay_model::replay));
    let chart = Signal::derive(move || {
        view.with(|v| match v {
            Ok(v) => ChartSpec::new(v.chart.clone()),
            Err(_) => ChartSpec::new(WaterfallData {
                steps: Vec::new(),
                total_label: String::new(),
                format: ValueFormat::Compact,
            }),
        })
    });
    let shown = move || {
        view.with(|v| match v {
            Err(e) => view! { <p class="notice" role="alert" id="replay-problem">{format!("Cannot replay the sell-off: {e}.")}</p> }.into_any(),
            Ok(v) => replay_tables(v).into_any(),
        })
    };
    view! {
        <section class="panel table-panel" id="replay" aria-label="Replay of 2026-02-05/06">
            <h2>"Replay: the sell-off of 5–6 February 2026"</h2>
            <p class="explain">"BTC's real path over those two days, from its daily candles, crosses the liquidation prices of BTC's open interest spread as the scenario above says (long share, leverage mix, entry prices over the 30 days before). What it liquidates is set beside what was reported, and each leverage mix says how much open interest it needs to give the reported figure."</p>
            <div class="controls">
                <NumberField id="replay-oi-input" label="Open interest going in (USD)" key=REPLAY_OPEN_INTEREST
                    placeholder="Binance's, 2025-12-06" value=link_value(link, REPLAY_OPEN_INTEREST) set=set/>
            </div>
            <Show when=move || view.with(Result::is_ok)>
                <figure class="market-chart">
                    <figcaption>"Liquidated at each price of the path that liquidated anything, and in all (USDT)"</figcaption>
                    <ChartCanvas id="replay-chart" label="Liquidations along the path of 2026-02-05/06" data=chart/>
                </figure>
            </Show>
            {shown}
        </section>
    }
}

/// The figures, the path's table, the mixes' table and the assumptions.
fn replay_tables(v: &ReplayView) -> impl IntoView {
    let steps = v
        .steps
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.label.clone()}</th>
                    <td class="num" data-value=s.price.to_string()>{price(s.price)}</td>
                    <td class="num">{percent(s.move_from_start, 1)}</td>
                    <td class="num" data-value=s.long.to_string()>{compact(s.long)}</td>
                    <td class="num" data-value=s.short.to_string()>{compact(s.short)}</td>
                </tr>
            }
        })
        .collect_view();
    let mixes = v
        .mixes
        .iter()
        .map(|m| {
            view! {
                <tr class:selected=m.selected>
                    <th scope="row">{m.name.clone()}{m.selected.then_some(" (selected)")}</th>
                    <td class="num" data-value=m.share.to_string()>{percent(m.share, 1)}</td>
                    <td class="num">{percent(m.long_share, 0)}</td>
                    <td class="num" data-value=m.needed.0.to_string()>{format!("{}–{}", compact(m.needed.0), compact(m.needed.1))}</td>
                </tr>
            }
        })
        .collect_view();
    let assumptions = v
        .assumptions
        .iter()
        .map(|a| view! { <li>{a.clone()}</li> })
        .collect_view();
    view! {
        {figure_table("replay-figures", v.figures.clone())}
        <table class="metric-table" id="replay-steps">
            <caption>"Along the path"</caption>
            <thead><tr>
                <th scope="col">"Point"</th>
                <th scope="col">"Price"</th>
                <th scope="col">"From the open"</th>
                <th scope="col">"Longs liquidated"</th>
                <th scope="col">"Shorts liquidated"</th>
            </tr></thead>
            <tbody>{steps}</tbody>
        </table>
        <table class="metric-table" id="replay-mixes">
            <caption>"Which assumptions give the reported BTC liquidations"</caption>
            <thead><tr>
                <th scope="col">"Leverage mix"</th>
                <th scope="col">"Share of open interest liquidated"</th>
                <th scope="col">"Longs' share"</th>
                <th scope="col">"Open interest needed (USD)"</th>
            </tr></thead>
            <tbody>{mixes}</tbody>
        </table>
        <ul class="explain" id="replay-assumptions">{assumptions}</ul>
    }
}
