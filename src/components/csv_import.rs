//! Import of a CSV price file (file picker), parsed in the browser: nothing is uploaded.

use crate::data::{import_csv, AssetSeries};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A file picker for price CSV files. Calls `on_import` with the parsed series, or shows why
/// the file could not be read.
#[component]
pub fn CsvImport(
    /// Receives each successfully read series.
    on_import: Callback<AssetSeries>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let outcome = match JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    let modified = js_sys::Date::new(&file.last_modified().into());
                    import_csv(&name, &text, &String::from(modified.to_iso_string()))
                }
                Err(_) => Err(format!("{name}: the browser could not read the file")),
            };
            match outcome {
                Ok(series) => {
                    error.set(None);
                    on_import.run(series);
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    view! {
        <div class="csv-import">
            <label class="button" for="csv-file">"Load a CSV price file…"</label>
            <input id="csv-file" type="file" accept=".csv,text/csv" class="visually-hidden" on:change=on_change/>
            <span class="hint">"Columns: a date/time column and a close/price column, as exchanges export them. The file stays in this browser."</span>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}
