//! The pages' form fields, each bound to a key of the page's link: what the link holds is
//! what the field shows, and a change writes the link.

use crate::link::PageQuery;
use leptos::prelude::*;

/// What the link writes for `key` (so a bad value shows its default), as a signal.
pub fn link_value<L: PageQuery + Send + Sync + 'static>(
    link: Memo<L>,
    key: &'static str,
) -> Signal<String> {
    Signal::derive(move || link.with(|l| l.value_of(key)))
}

/// A number field bound to a link key: written to the link on change (an empty field clears
/// an optional value).
#[component]
pub fn NumberField(
    id: &'static str,
    label: &'static str,
    key: &'static str,
    value: Signal<String>,
    set: Callback<(&'static str, String)>,
    #[prop(default = "any")] step: &'static str,
    #[prop(default = "")] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <input id=id type="number" step=step inputmode="decimal" placeholder=placeholder
                prop:value=value
                on:change:target=move |ev| set.run((key, ev.target().value().trim().to_owned()))/>
        </div>
    }
}

/// A text field bound to a link key: written to the link on change (empty clears it).
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    key: &'static str,
    value: Signal<String>,
    set: Callback<(&'static str, String)>,
    #[prop(default = "")] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <input id=id type="text" placeholder=placeholder spellcheck="false"
                prop:value=value
                on:change:target=move |ev| set.run((key, ev.target().value().trim().to_owned()))/>
        </div>
    }
}

/// A select bound to a link key over `(key, label)` options.
#[component]
pub fn ChoiceField(
    id: &'static str,
    label: &'static str,
    key: &'static str,
    options: Vec<(&'static str, String)>,
    selected: Signal<String>,
    set: Callback<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <select id=id on:change:target=move |ev| set.run((key, ev.target().value()))>
                {options.into_iter().map(|(value, text)| view! {
                    <option value=value prop:selected=move || selected.with(|s| s == value)>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
