//! The liquidation-price panel: the leveraged position's inputs (in the link), its liquidation
//! price with the bracket used, whether the cascade below reaches it, and the contract's
//! maintenance brackets with their date.

use super::cascade_model::CascadeView;
use super::exit_model;
use super::fields::{link_value, ChoiceField, NumberField};
use super::liquidation_model::{self as lm, CascadePath, LiquidationView};
use crate::figures::figure_table;
use crate::format::{compact, percent};
use crate::link::liquidity::{
    LiquidityLink, MarginMode, ENTRY, LEVERAGE, MARGIN, MODE, MODES, OTHERS_MAINTENANCE,
    OTHERS_PNL, SIDE, SIDES,
};
use crate::live::market_now::VenueBook;
use crate::live::remote::Remote;
use leptos::prelude::*;
use tokenrisk_core::liquidity::Top;
use tokenrisk_market::brackets::{bracket_table, BRACKETS_DATE, BRACKETS_SOURCE};
use tokenrisk_market::registry::Asset;

/// The position's inputs, the liquidation price and the brackets.
#[component]
pub fn LiquidationPanel(
    link: Memo<LiquidityLink>,
    set: Callback<(&'static str, String)>,
    asset: Memo<Option<&'static Asset>>,
    book: Signal<Remote<VenueBook>>,
    cascade: Memo<Option<Result<CascadeView, String>>>,
) -> impl IntoView {
    let symbol = Memo::new(move |_| asset.get().and_then(|a| a.binance_futures));
    let view = Memo::new(
        move |_| -> Option<Result<(LiquidationView, &'static str), String>> {
            let Some(symbol) = symbol.get() else {
                return Some(Err(
                    "this token has no USD-M perpetual at Binance".to_owned()
                ));
            };
            let Some(table) = bracket_table(symbol) else {
                return Some(Err(format!("the bracket snapshot has no {symbol}")));
            };
            book.with(|b| {
                let book = &b.ready()?.value.book;
                let mid = Top::of(book).map(Top::mid)?;
                let l = link.get();
                let size = exit_model::exit_size(book, l.size)?;
                cascade.with(|c| {
                    let path = match c {
                        Some(Ok(c)) => Some(CascadePath {
                            path: &c.path,
                            past_book: c.past_book,
                        }),
                        _ => None,
                    };
                    Some(Ok((
                        lm::liquidation(&l.position, size, mid, &table, path),
                        symbol,
                    )))
                })
            })
        },
    );
    let value = move |key: &'static str| link_value(link, key);
    let sides = SIDES
        .map(|(k, s)| (k, lm::side_name(s).to_owned()))
        .to_vec();
    let modes = MODES
        .map(|(k, m)| (k, lm::mode_name(m).to_owned()))
        .to_vec();
    let cross = move || link.with(|l| l.position.mode == MarginMode::Cross);
    let shown = move || {
        view.with(|v| match v.as_ref()? {
            Err(e) => Some(view! { <p class="notice" role="status" id="liquidation-problem">{format!("No liquidation price: {e}.")}</p> }.into_any()),
            Ok((v, symbol)) => {
                let outcome = match &v.outcome {
                    Ok(table) => figure_table("liquidation-figures", table.clone()).into_any(),
                    Err(e) => view! { <p class="notice" role="alert" id="liquidation-problem">{format!("No liquidation price: {e}.")}</p> }.into_any(),
                };
                Some(view! {
                    {outcome}
                    {bracket_table_view(symbol, &v.brackets)}
                }.into_any())
            }
        })
    };
    view! {
        <section class="panel table-panel" id="liquidation" aria-label="Liquidation price">
            <h2>"Where a leveraged position is liquidated"</h2>
            <p class="explain">{format!(
                "The position above held as a Binance USD-M perpetual, one-way mode. Maintenance brackets: {BRACKETS_SOURCE} (the live table needs a signed request). Fees, funding and the liquidation fee are left out."
            )}</p>
            <div class="controls" role="group" aria-label="Leveraged position">
                <ChoiceField id="side-select" label="Side" key=SIDE options=sides selected=value(SIDE) set=set/>
                <NumberField id="entry-input" label="Entry (USDT)" key=ENTRY placeholder="the mid"
                    value=value(ENTRY) set=set/>
                <NumberField id="leverage-input" label="Leverage (×)" key=LEVERAGE step="1"
                    value=value(LEVERAGE) set=set/>
                <NumberField id="margin-input" label="Margin (USDT)" key=MARGIN placeholder="at the leverage"
                    value=value(MARGIN) set=set/>
                <ChoiceField id="mode-select" label="Margin mode" key=MODE options=modes selected=value(MODE) set=set/>
                <Show when=cross>
                    <NumberField id="mm-input" label="Others' maintenance (USDT)" key=OTHERS_MAINTENANCE placeholder="0"
                        value=value(OTHERS_MAINTENANCE) set=set/>
                    <NumberField id="upnl-input" label="Others' unrealised PnL (USDT)" key=OTHERS_PNL placeholder="0"
                        value=value(OTHERS_PNL) set=set/>
                </Show>
            </div>
            {shown}
        </section>
    }
}

/// The contract's brackets, dated, with what the position uses said in words.
fn bracket_table_view(symbol: &str, rows: &[lm::BracketRow]) -> impl IntoView {
    let rows = rows
        .iter()
        .map(|r| {
            let b = r.bracket;
            view! {
                <tr class:used=!r.used.is_empty()>
                    <th scope="row">{r.tier}</th>
                    <td class="num" data-label="Notional from">{compact(b.notional_floor)}</td>
                    <td class="num" data-label="To">{compact(b.notional_cap)}</td>
                    <td class="num" data-label="Max leverage">{lm::times(b.max_leverage)}</td>
                    <td class="num" data-label="Maintenance rate">{percent(b.maintenance_rate, 2)}</td>
                    <td class="num" data-label="Maintenance amount">{lm::usdt(b.maintenance_amount)}</td>
                    <td data-label="This position">{r.used}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="metric-table stacked" id="bracket-table">
            <caption>{format!("Maintenance brackets of {symbol}, Binance, snapshot of {BRACKETS_DATE}")}</caption>
            <thead><tr>
                <th scope="col">"Bracket"</th>
                <th scope="col">"Notional from (USDT)"</th>
                <th scope="col">"To"</th>
                <th scope="col">"Max leverage"</th>
                <th scope="col">"Maintenance rate"</th>
                <th scope="col">"Maintenance amount"</th>
                <th scope="col">"This position"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
