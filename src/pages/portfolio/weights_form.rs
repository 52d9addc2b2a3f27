//! The holdings table's second way in: a total value and each holding's weight, applied at
//! once (`weights_model`).

use super::as_of;
use super::model::Book;
use super::weights_model::{current_weights, from_weights, typed_number};
use crate::format::percent;
use leptos::prelude::*;
use std::collections::HashMap;
use tokenrisk_core::scenario::Scenario;

/// A total value and a weight per holding with prices, prefilled with today's; "Apply" sets
/// the quantities.
#[component]
pub(super) fn WeightsForm(
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    set: Callback<Scenario>,
) -> impl IntoView {
    // What the user typed since the last apply (row → text); untouched fields keep today's
    // exact values.
    let typed = RwSignal::new(HashMap::<usize, String>::new());
    let typed_total = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let sum = move || {
        book.with(|b| {
            let now = current_weights(b);
            typed.with(|t| {
                now.iter()
                    .enumerate()
                    .map(|(i, w)| t.get(&i).map_or(Some(*w), |s| typed_number(s, "").ok()))
                    .sum::<Option<f64>>()
            })
        })
    };
    let apply = move |_| {
        let result = book.with_untracked(|b| {
            let total = match typed_total.get_untracked() {
                Some(text) => typed_number(&text, "The total value")?,
                None => b.equity,
            };
            let now = current_weights(b);
            let weights = typed.with_untracked(|t| {
                now.iter()
                    .enumerate()
                    .map(|(i, w)| match t.get(&i) {
                        Some(text) => {
                            typed_number(text, &format!("The weight of {}", b.rows[i].name()))
                        }
                        None => Ok(*w),
                    })
                    .collect::<Result<Vec<f64>, String>>()
            })?;
            scenario.with_untracked(|s| from_weights(s, b, total, &weights, as_of(b)))
        });
        match result {
            Ok(next) => {
                typed.set(HashMap::new());
                typed_total.set(None);
                message.set(Some((
                    false,
                    "Quantities set from the weights at the last closes.".into(),
                )));
                set.run(next);
            }
            Err(e) => message.set(Some((true, e))),
        }
    };
    let rows = move || {
        book.with(|b| {
            let now = current_weights(b);
            b.rows
                .iter()
                .zip(now)
                .enumerate()
                .map(|(i, (r, w))| {
                    let name = r.name();
                    view! {
                        <div class="control">
                            <label for=format!("weight-{i}")>{format!("{name}, %")}</label>
                            <input type="number" step="any" inputmode="decimal" id=format!("weight-{i}")
                                prop:value=format!("{w:.2}")
                                on:input:target=move |ev| { typed.update(|t| { t.insert(i, ev.target().value()); }); }/>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="weights" id="by-weights">
            <summary>"Set the quantities from weights and a total value"</summary>
            <p class="explain">"Each weight is a holding's share of the equity (a leveraged holding's margin, so its exposure is the weight × the leverage), at the last closes. Weights must add up to 100 % (within half a point, then scaled to exactly 100 %). The link keeps the quantities this gives; the weights drift as prices move."</p>
            <div class="controls">
                <div class="control">
                    <label for="weights-total">"Total value, USD"</label>
                    <input type="number" step="any" inputmode="decimal" id="weights-total"
                        prop:value=move || book.with(|b| format!("{:.2}", b.equity))
                        on:input:target=move |ev| typed_total.set(Some(ev.target().value()))/>
                </div>
                {rows}
                <button type="button" id="apply-weights" on:click=apply>"Apply"</button>
            </div>
            <p class="explain" id="weights-sum">{move || match sum() {
                Some(s) => format!("The weights add up to {}.", percent(s / 100.0, 2)),
                None => "A weight is not a number.".to_owned(),
            }}</p>
            {move || message.get().map(|(problem, text)| view! {
                <p class="notice" role=if problem { "alert" } else { "status" } id="weights-message">{text}</p>
            })}
        </details>
    }
}
