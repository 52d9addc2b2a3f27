//! Import of CSV price files, by file picker or by dropping them on the page's controls;
//! parsed in the browser, never uploaded.

use crate::data::{import_csv, AssetSeries};
use crate::saved_imports::{remember, SavedFile};
use leptos::prelude::*;
use tokenrisk_market::fetch_policy::MAX_CSV_FILE_BYTES;
use wasm_bindgen_futures::JsFuture;

/// Reads every file of `files`; each good one goes to `on_import`, the problems of the others
/// are shown together.
fn read_files(
    files: web_sys::FileList,
    errors: RwSignal<Vec<String>>,
    on_import: Callback<AssetSeries>,
) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    errors.set(Vec::new());
    for file in files {
        let name = file.name();
        if file.size() > MAX_CSV_FILE_BYTES as f64 {
            errors.update(|e| {
                e.push(format!(
                    "{name}: larger than the {} MB this page imports",
                    MAX_CSV_FILE_BYTES >> 20
                ))
            });
            continue;
        }
        leptos::task::spawn_local(async move {
            let outcome = match JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    let modified = String::from(
                        js_sys::Date::new(&file.last_modified().into()).to_iso_string(),
                    );
                    import_csv(&name, &text, &modified).map(|series| {
                        (
                            series,
                            SavedFile {
                                name: name.clone(),
                                modified,
                                text,
                            },
                        )
                    })
                }
                Err(_) => Err(format!("{name}: the browser could not read the file")),
            };
            match outcome {
                Ok((series, saved)) => {
                    // The page that asked may be gone (the user moved on while the file was
                    // read): signals are then disposed, so every write below is a try.
                    if let Err(reason) = remember(saved) {
                        errors.try_update(|e| {
                            e.push(format!(
                                "{name} is shown but not kept for your next visit: {reason}"
                            ))
                        });
                    }
                    // The file is remembered above and shows on the next visit.
                    let _ = on_import.try_run(series);
                }
                Err(message) => {
                    errors.try_update(|e| e.push(message));
                }
            }
        });
    }
}

/// A file picker and drop zone for price CSV files. Calls `on_import` with each parsed
/// series, or shows why a file could not be read.
#[component]
pub fn CsvImport(
    /// Receives each successfully read series.
    on_import: Callback<AssetSeries>,
) -> impl IntoView {
    let errors = RwSignal::new(Vec::<String>::new());
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            read_files(files, errors, on_import);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            read_files(files, errors, on_import);
        }
    };
    view! {
        <div id="csv-drop" class="csv-import" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="button" for="csv-file">"Load CSV price files…"</label>
            <input id="csv-file" type="file" accept=".csv,text/csv" multiple class="visually-hidden" on:change=on_change/>
            <span class="hint">"Or drop them here. Columns: a date/time column and a close/price column, as exchanges export them. The files stay in this browser, kept for your next visit."</span>
            <For each=move || errors.get() key=|e| e.clone() let(message)>
                <p class="error" role="alert">{message}</p>
            </For>
        </div>
    }
}
