//! The scenario as a JSON file: exported as the command line writes it (`tokenrisk scenario
//! decode`), imported by the same rules as a link (`Scenario::validate`), read in this browser
//! only.

use crate::components::chart::export::save_text;
use leptos::prelude::*;
use tokenrisk_core::scenario::Scenario;
use wasm_bindgen_futures::JsFuture;

/// The largest scenario file read: a valid scenario is at most ~60 KB of JSON.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// The exported file's name.
pub const FILE_NAME: &str = "token-risk-lab-scenario.json";

/// The scenario as pretty JSON (the fields of `tokenrisk_core::scenario`).
pub fn to_json(scenario: &Scenario) -> String {
    // Serialising a scenario (strings, numbers, options, an enum) into a string cannot fail.
    serde_json::to_string_pretty(scenario).unwrap_or_default()
}

/// A scenario from a JSON file's text: fields left out take their defaults, an unknown field
/// or a broken rule is refused.
///
/// # Errors
/// A sentence saying what is wrong.
pub fn from_json(text: &str) -> Result<Scenario, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than the {} KB a scenario takes",
            MAX_FILE_BYTES >> 10
        ));
    }
    let scenario: Scenario =
        serde_json::from_str(text).map_err(|e| format!("the file is not a scenario ({e})"))?;
    scenario
        .validate()
        .map_err(|e| format!("the scenario is not valid: {e}"))?;
    Ok(scenario)
}

/// Export and import buttons; an imported scenario replaces the page's (and its link).
#[component]
pub(super) fn ScenarioFile(scenario: Memo<Scenario>, set: Callback<Scenario>) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let export = move |_| {
        let text = scenario.with_untracked(to_json);
        status.set(Some(
            match save_text(&text, FILE_NAME, "application/json") {
                Ok(()) => format!("Saved as {FILE_NAME}."),
                Err(e) => format!("Not saved: {e}."),
            },
        ));
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value(""); // the same file may be chosen again
        if file.size() > MAX_FILE_BYTES as f64 {
            status.set(Some(format!(
                "Not imported: {} is larger than the {} KB a scenario takes.",
                file.name(),
                MAX_FILE_BYTES >> 10
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let outcome = text
                .ok_or_else(|| "the browser could not read the file".to_owned())
                .and_then(|t| from_json(&t));
            match outcome {
                Ok(s) => {
                    status.try_set(Some(format!("Imported {}.", file.name())));
                    let _ = set.try_run(s);
                }
                Err(e) => {
                    status.try_set(Some(format!(
                        "Not imported: {e}. The portfolio is as it was."
                    )));
                }
            }
        });
    };
    view! {
        <div class="controls">
            <button type="button" id="export-scenario" on:click=export>"Export JSON"</button>
            <div class="control">
                <label for="import-scenario">"Import a scenario (JSON)"</label>
                <input type="file" id="import-scenario" accept=".json,application/json" on:change=import/>
            </div>
        </div>
        {move || status.get().map(|s| view! { <p class="notice" role="status" id="scenario-file-status">{s}</p> })}
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use tokenrisk_core::scenario::Holding;

    #[test]
    fn a_scenario_round_trips_through_its_file() {
        let s = Scenario {
            holdings: vec![Holding {
                stop: Some(200.0),
                short: true,
                ..Holding::spot("TAO", 12.5)
            }],
            seed: 7,
            ..Scenario::default()
        };
        assert_eq!(from_json(&to_json(&s)), Ok(s));
        // A hand-written file: left-out fields take their defaults.
        let short = from_json(r#"{"holdings":[{"asset":"BTC","quantity":0.5}]}"#).expect("valid");
        assert_eq!(short.holdings, vec![Holding::spot("BTC", 0.5)]);
        assert_eq!(short.seed, Scenario::default().seed);
    }

    #[test]
    fn bad_files_say_why() {
        for (text, why) in [
            ("not json", "not a scenario"),
            (r#"{"holdings":[],"colour":"red"}"#, "unknown field"),
            (
                r#"{"holdings":[{"asset":"btc","quantity":1}]}"#,
                "not valid",
            ),
            (
                r#"{"holdings":[{"asset":"BTC","quantity":-1}]}"#,
                "not valid",
            ),
            (r#"{"sizing":{"es_cap":2}}"#, "not valid"),
            ("42", "not a scenario"),
        ] {
            let e = from_json(text).expect_err(text);
            assert!(e.contains(why), "{text}: {e}");
        }
        let huge = format!(
            "{{\"holdings\":[],\"seed\":1{}}}",
            " ".repeat(MAX_FILE_BYTES)
        );
        assert!(from_json(&huge).expect_err("too large").contains("larger"));
    }
}
