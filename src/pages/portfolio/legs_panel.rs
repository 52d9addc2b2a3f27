//! The portfolio page's combined stress: the market shock's leg and the exit through order
//! books thinned by the scenario's haircut, each switchable (in the link's scenario), with
//! the live books of the holdings' assets (`legs_model`).

use super::checked_change;
use super::legs_model::{combine, exit_cells, leg_text, EXIT_HEADERS};
use super::model::Book;
use super::stress_model::StressView;
use super::NumberField;
use crate::components::table_rows::{header_row, labelled_row};
use crate::format::{percent, price};
use crate::live::market_now::{self, VenueBook};
use crate::live::remote::Remote;
use crate::live::use_remote::use_remote;
use leptos::prelude::*;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::scenario::{Legs, Scenario};
use tokenrisk_market::registry;

/// The book of `asset` among the fetched ones, or why there is none.
fn book_of<'a>(
    fetched: Option<&'a [(String, Remote<VenueBook>)]>,
    asset: &str,
) -> Result<&'a OrderBook, String> {
    let list = fetched.ok_or("its order book is on its way")?;
    match list.iter().find(|(id, _)| id == asset).map(|(_, r)| r) {
        Some(Remote::Ready(f)) => Ok(&f.value.book),
        Some(Remote::Unavailable(why)) => Err(format!("no order book: {why}")),
        _ => Err(format!("no order book for {asset}")),
    }
}

/// The combined stress, its legs' switches and the liquidity haircut.
#[component]
pub(super) fn LegsPanel(
    shocked: Memo<Result<StressView, String>>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    set: Callback<Scenario>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Scenario)| checked_change(scenario, set, problem, f);
    let assets = Memo::new(move |_| {
        book.with(|b| {
            b.assets()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    // Every asset's live book, asked one after the other (the data service spaces them).
    let books = use_remote(
        move || Some(assets.get()),
        |s, ids: Vec<String>| async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let answer = match registry::get(&id) {
                    Some(a) => market_now::book(&s, a).await,
                    None => Remote::Loading,
                };
                out.push((id, answer));
            }
            out
        },
    );
    let combined = Memo::new(move |_| {
        let legs = scenario.with(|s| s.legs);
        let haircut = scenario.with(|s| s.liquidity_haircut);
        let fetched = books.get();
        book.with(|b| {
            let per_row: Vec<Result<&OrderBook, String>> = b
                .rows
                .iter()
                .map(|r| book_of(fetched.as_deref(), &r.holding.asset))
                .collect();
            shocked.with(|s| {
                s.as_ref()
                    .map(|s| combine(b, s, &per_row, haircut, legs))
                    .map_err(Clone::clone)
            })
        })
    });
    let switch = move |id: &'static str,
                       label: &'static str,
                       get: fn(&Legs) -> bool,
                       put: fn(&mut Legs, bool)| {
        view! {
            <label class="control checkbox" for=id>
                <input type="checkbox" id=id prop:checked=move || scenario.with(|s| get(&s.legs))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        change(&|s: &mut Scenario| put(&mut s.legs, on));
                    }/>
                {label}
            </label>
        }
    };
    view! {
        <section class="panel" aria-labelledby="legs-heading">
            <h2 id="legs-heading">"Combined stress"</h2>
            <p class="explain">"The market shock above, then getting out of every holding at once through its asset's live order book with the haircut's share of the depth removed (crashes thin books: Kaiko measured BTC's 1 % depth halved within two hours in August 2023; the facts file, §8), costed as the fill's slippage from the mid on the value after the shock. Deleveraging across the market (the liquidation cascade) and new supply within a horizon are not legs of this page yet: the liquidity and tokenomics pages compute them."</p>
            <div class="controls">
                {switch("leg-market", "Market shock", |l| l.market, |l, on| l.market = on)}
                {switch("leg-liquidity", "Exit through thinned books", |l| l.liquidity, |l, on| l.liquidity = on)}
                <NumberField id="liquidity-haircut" label="Depth removed, %"
                    value=Signal::derive(move || scenario.with(|s| s.liquidity_haircut))
                    on_set=Callback::new(move |v| change(&|s: &mut Scenario| s.liquidity_haircut = v))/>
            </div>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="legs-problem">{p}</p> })}
            {move || match combined.get() {
                Err(e) => view! { <p class="notice" id="legs-none">{format!("No combined stress: {e}.")}</p> }.into_any(),
                Ok(c) => {
                    let equity = book.with(|b| b.equity);
                    let legs = c.legs.iter().map(|l| {
                        let value = l.change.as_ref().map(|v| v.to_string()).unwrap_or_default();
                        view! {
                            <tr data-key=l.key data-value=value>
                                <th scope="row" data-label="Leg">{l.label}</th>
                                <td data-label="Counted">{if l.on { "on" } else { "off" }}</td>
                                <td class="num" data-label="Change on equity">{leg_text(&l.change, equity)}</td>
                            </tr>
                        }
                    }).collect_view();
                    let exits = c.exits.iter().map(|e| labelled_row(&EXIT_HEADERS, exit_cells(e))).collect_view();
                    view! {
                        <p class="headline" id="combined-total" data-value=c.total.to_string()>
                            {format!("The legs counted change equity by {} ({})", percent(c.change, 1), price(c.total))}
                        </p>
                        <table class="metric-table stacked" id="legs-table">
                            <caption>"Each leg's part of the change"</caption>
                            <thead><tr><th scope="col">"Leg"</th><th scope="col">"Counted"</th><th scope="col">"Change on equity"</th></tr></thead>
                            <tbody>{legs}</tbody>
                        </table>
                        <div class="table-scroll">
                            <table class="metric-table stacked" id="exits-table">
                                <caption>"The exit of each holding after the shock"</caption>
                                <thead>{header_row(&EXIT_HEADERS)}</thead>
                                <tbody>{exits}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
