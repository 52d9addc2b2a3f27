//! The range of a view: preset buttons (7D, 30D, 90D, YTD, 1Y, All), a custom span of dates,
//! and the vertical scale of its price chart. All of it lives in the link (`range=`,
//! `scale=`); zooming a chart sets a custom range.

use leptos::prelude::*;
use tokenrisk_charts::Scale;
use tokenrisk_core::range::Range;
use tokenrisk_core::time::Date;

/// The short label of a range, as on the buttons (`7D`, `YTD`, `3 Jan 2025 – 30 Jun 2025`).
pub fn range_label(range: Range) -> String {
    match range {
        Range::Days7 => "7D".to_owned(),
        Range::Days30 => "30D".to_owned(),
        Range::Days90 => "90D".to_owned(),
        Range::YearToDate => "YTD".to_owned(),
        Range::Year1 => "1Y".to_owned(),
        Range::All => "All".to_owned(),
        Range::Custom { from, to } => {
            format!("{} – {}", Date::from_unix(from), Date::from_unix(to))
        }
    }
}

/// What a range button's title says.
fn range_title(range: Range) -> &'static str {
    match range {
        Range::Days7 => "The last 7 days",
        Range::Days30 => "The last 30 days",
        Range::Days90 => "The last 90 days",
        Range::YearToDate => "From 1 January of the latest close's year",
        Range::Year1 => "The last 365 days",
        Range::All => "The whole history",
        Range::Custom { .. } => "A span of dates",
    }
}

/// The label of a scale in the selector.
pub fn scale_label(scale: Scale) -> &'static str {
    match scale {
        Scale::Linear => "Linear",
        Scale::Log => "Logarithmic",
        Scale::PercentChange => "% change",
        Scale::Indexed => "Indexed to 100",
    }
}

/// Preset buttons and a custom span of dates. `span` gives the dates the current range covers
/// (to fill the date fields); `on_range` is called with the chosen range.
#[component]
pub fn RangeControls(
    /// The range shown.
    #[prop(into)]
    range: Signal<Range>,
    /// The first and last date the range covers, Unix seconds.
    #[prop(into)]
    span: Signal<Option<(i64, i64)>>,
    /// Called with the chosen range.
    on_range: Callback<Range>,
) -> impl IntoView {
    let from = NodeRef::<leptos::html::Input>::new();
    let to = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<&'static str>);
    let field = move |which: usize| {
        move || {
            span.get()
                .map(|s| Date::from_unix(if which == 0 { s.0 } else { s.1 }).to_string())
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |node: NodeRef<leptos::html::Input>| {
            node.get_untracked()
                .and_then(|i| Date::parse_iso(&i.value()))
                .map(Date::to_unix)
        };
        match (value(from), value(to)) {
            (Some(a), Some(b)) if a < b => {
                problem.set(None);
                if let Some(custom) = Range::custom(a, b) {
                    on_range.run(custom);
                }
            }
            (Some(_), Some(_)) => problem.set(Some("The first date must be before the last.")),
            _ => problem.set(Some("Enter both dates as YYYY-MM-DD.")),
        }
    };
    view! {
        <div class="control">
            <span id="range-label">"Range"</span>
            <div class="range-buttons" role="group" aria-labelledby="range-label">
                {Range::PRESETS.map(|r| view! {
                    <button type="button" data-range=r.to_string() title=range_title(r)
                        aria-pressed=move || (range.get() == r).to_string()
                        on:click=move |_| on_range.run(r)>
                        {range_label(r)}
                    </button>
                })}
            </div>
        </div>
        <form class="control custom-range" on:submit=apply aria-label="Custom range">
            <span>"From – to"</span>
            <div class="date-fields">
                <label class="visually-hidden" for="range-from">"First date"</label>
                <input type="date" id="range-from" node_ref=from prop:value=field(0)/>
                <label class="visually-hidden" for="range-to">"Last date"</label>
                <input type="date" id="range-to" node_ref=to prop:value=field(1)/>
                <button type="submit" id="range-apply"
                    aria-pressed=move || matches!(range.get(), Range::Custom { .. }).to_string()>"Apply"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </form>
    }
}

/// The price chart's scale selector.
#[component]
pub fn ScaleSelect(
    /// The scale shown.
    #[prop(into)]
    scale: Signal<Scale>,
    /// Called with the chosen scale.
    on_scale: Callback<Scale>,
) -> impl IntoView {
    view! {
        <div class="control">
            <label for="scale-select">"Scale"</label>
            <select id="scale-select" class="short"
                on:change:target=move |ev| {
                    if let Some(s) = Scale::from_key(&ev.target().value()) {
                        on_scale.run(s);
                    }
                }>
                {Scale::ALL.map(|s| view! {
                    <option value=s.key() prop:selected=move || scale.get() == s>{scale_label(s)}</option>
                })}
            </select>
        </div>
    }
}
