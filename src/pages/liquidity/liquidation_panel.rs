//! The liquidation-price panel: the leveraged position's inputs (in the link), its liquidation
//! price with the bracket used, whether the cascade below reaches it, and the contract's
//! maintenance brackets with their date, editable cell by cell (or from an account's pasted
//! `leverageBracket` answer) into the link.

use super::brackets_model::{self as bm, Brackets, Edit};
use super::cascade_model::CascadeView;
use super::exit_model;
use super::liquidation_model::{self as lm, CascadePath, LiquidationView};
use crate::components::fields::{link_value, ChoiceField, NumberField};
use crate::figures::figure_table;
use crate::format::compact;
use crate::link::brackets::rate_pct;
use crate::link::liquidity::{
    LiquidityLink, MarginMode, BRACKETS, ENTRY, LEVERAGE, MARGIN, MODE, MODES, OTHERS_MAINTENANCE,
    OTHERS_PNL, SIDE, SIDES,
};
use crate::live::market_now::VenueBook;
use crate::live::remote::Remote;
use leptos::prelude::*;
use tokenrisk_core::liquidity::Top;
use tokenrisk_market::brackets::{BRACKETS_DATE, BRACKETS_SOURCE};
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
    let brackets = Memo::new(move |_| {
        let symbol = symbol.get()?;
        link.with(|l| bm::for_symbol(l, symbol))
    });
    let view = Memo::new(
        move |_| -> Option<Result<(LiquidationView, &'static str), String>> {
            let Some(symbol) = symbol.get() else {
                return Some(Err(
                    "this token has no USD-M perpetual at Binance".to_owned()
                ));
            };
            let Some(Brackets { table, .. }) = brackets.get() else {
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
                    <BracketEditor symbol=symbol rows=v.brackets.clone() link=link set=set/>
                }.into_any())
            }
        })
    };
    view! {
        <section class="panel table-panel" id="liquidation" aria-label="Liquidation price">
            <h2>"Where a leveraged position is liquidated"</h2>
            <p class="explain">{format!(
                "The position above held as a Binance USD-M perpetual, one-way mode. Maintenance brackets: {BRACKETS_SOURCE} (the live table needs a signed request), or yours: edit the table's cells, or paste your account's answer. Fees, funding and the liquidation fee are left out."
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

/// The contract's brackets, dated, with what the position uses said in words; the cap, the
/// maximum leverage and the maintenance rate of each bracket are fields, and an edit that
/// breaks Binance's rules is refused with the reason (the field returns to the table's value).
#[component]
fn BracketEditor(
    symbol: &'static str,
    rows: Vec<lm::BracketRow>,
    link: Memo<LiquidityLink>,
    set: Callback<(&'static str, String)>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let edited = move || link.with(|l| bm::for_symbol(l, symbol).is_some_and(|b| b.edited));
    let elsewhere = move || link.with(|l| bm::elsewhere(l, symbol));
    let apply = move |edit: Result<String, String>| match edit {
        Ok(text) => {
            problem.set(None);
            set.run((BRACKETS, text));
            true
        }
        Err(e) => {
            problem.set(Some(format!(
                "Not applied: {e}. The table keeps its values."
            )));
            false
        }
    };
    let change = move |edit: Edit| {
        link.with_untracked(|l| bm::for_symbol(l, symbol))
            .ok_or_else(|| format!("no brackets for {symbol}"))
            .and_then(|b| bm::edit(symbol, &b.table, edit))
    };
    let cell = move |id: String, shown: String, edit: fn(usize, f64) -> Edit, tier: usize| {
        view! {
            <input id=id type="number" step="any" inputmode="decimal" class="cell-input"
                prop:value=shown.clone()
                on:change:target=move |ev| {
                    let text = ev.target().value();
                    let value = text.trim().parse::<f64>().map_err(|_| format!("“{text}” is not a number"));
                    if !apply(value.and_then(|v| change(edit(tier, v)))) {
                        ev.target().set_value(&shown);
                    }
                }/>
        }
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            let b = r.bracket;
            let n = r.tier;
            view! {
                <tr class:used=!r.used.is_empty()>
                    <th scope="row">{n}</th>
                    <td class="num" data-label="Notional from">{compact(b.notional_floor)}</td>
                    <td class="num" data-label="To (USDT)">{cell(format!("bracket-{n}-cap"), b.notional_cap.to_string(), Edit::Cap, n)}</td>
                    <td class="num" data-label="Max leverage (×)">{cell(format!("bracket-{n}-leverage"), b.max_leverage.to_string(), Edit::MaxLeverage, n)}</td>
                    <td class="num" data-label="Maintenance rate (%)">{cell(format!("bracket-{n}-rate"), rate_pct(b.maintenance_rate).to_string(), Edit::RatePct, n)}</td>
                    <td class="num" data-label="Maintenance amount">{lm::usdt(b.maintenance_amount)}</td>
                    <td data-label="This position">{r.used}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = move || {
        if edited() {
            format!("Maintenance brackets of {symbol}: yours, as edited (from Binance's snapshot of {BRACKETS_DATE}); amounts re-derived by Binance's recursion")
        } else {
            format!("Maintenance brackets of {symbol}, Binance, snapshot of {BRACKETS_DATE}")
        }
    };
    let answer = NodeRef::<leptos::html::Textarea>::new();
    let paste = move |_| {
        if let Some(area) = answer.get_untracked() {
            apply(bm::from_answer(symbol, &area.value()));
        }
    };
    view! {
        {move || elsewhere().map(|t| view! { <p class="notice" role="status" id="brackets-elsewhere">{t}</p> })}
        <table class="metric-table stacked" id="bracket-table">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"Bracket"</th>
                <th scope="col">"Notional from (USDT)"</th>
                <th scope="col">"To (USDT)"</th>
                <th scope="col">"Max leverage (×)"</th>
                <th scope="col">"Maintenance rate (%)"</th>
                <th scope="col">"Maintenance amount"</th>
                <th scope="col">"This position"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="bracket-problem">{p}</p> })}
        <div class="controls" role="group" aria-label="Edit the brackets">
            <button type="button" id="bracket-add" on:click=move |_| { apply(change(Edit::Add)); }>"Add a bracket"</button>
            <button type="button" id="bracket-remove" on:click=move |_| { apply(change(Edit::RemoveLast)); }>"Remove the last"</button>
            <Show when=edited>
                <button type="button" id="bracket-reset" on:click=move |_| { problem.set(None); set.run((BRACKETS, String::new())); }>
                    {format!("Back to the snapshot of {BRACKETS_DATE}")}
                </button>
            </Show>
        </div>
        <details class="explain" id="bracket-paste">
            <summary>"Use your account's brackets"</summary>
            <p>"Binance gives an account its own table at GET /fapi/v1/leverageBracket, a request signed with the account's key (which never enters this page). Paste the answer here: its brackets for "{symbol}" replace the table, checked by Binance's rules."</p>
            <textarea id="bracket-answer" rows="4" spellcheck="false" node_ref=answer
                placeholder=r#"[{"symbol":"…","brackets":[{"bracket":1,"initialLeverage":…,"notionalCap":…,"notionalFloor":0,"maintMarginRatio":…,"cum":0},…]}]"#></textarea>
            <button type="button" id="bracket-use-answer" on:click=paste>"Use these brackets"</button>
        </details>
    }
}
