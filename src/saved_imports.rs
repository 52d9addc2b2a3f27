//! Imported CSV files kept in this browser's local storage, so a reload loses no work. The
//! files never leave the browser.

use crate::data::{import_csv, AssetSeries};
use serde::{Deserialize, Serialize};

/// The storage key (bump the version if the format changes).
const KEY: &str = "token-risk-lab.v1.imports";

/// One imported file as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    /// File name, e.g. `TAOUSDT.csv`.
    pub name: String,
    /// The file's modification time (ISO 8601); empty in entries kept before it was recorded.
    #[serde(default)]
    pub modified: String,
    /// The file's text.
    pub text: String,
}

use crate::storage::local as storage;

/// What a kept list holds: the readable files, and a sentence for each entry dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decoded {
    /// The readable files, in the order kept.
    pub files: Vec<SavedFile>,
    /// What was dropped and why, for people.
    pub dropped: Vec<String>,
}

/// Reads the kept list entry by entry: an entry that is not a file (garbage, another format)
/// is dropped alone and named when it can be, so one bad entry never costs the others. Text
/// that is not a JSON list at all keeps nothing and says so.
pub fn decode(text: &str) -> Decoded {
    let entries: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(entries) => entries,
        Err(e) => {
            return Decoded {
                files: Vec::new(),
                dropped: vec![format!(
                "Saved imports could not be read ({e}) and were cleared; import the files again."
            )],
            }
        }
    };
    let mut decoded = Decoded::default();
    for (i, entry) in entries.into_iter().enumerate() {
        let name = entry
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| format!("entry {}", i + 1), |n| format!("{n:?}"));
        match serde_json::from_value::<SavedFile>(entry) {
            Ok(file) => decoded.files.push(file),
            Err(e) => decoded.dropped.push(format!(
                "Saved import {name} could not be read ({e}) and was dropped; import it again."
            )),
        }
    }
    decoded
}

/// The kept list, read entry by entry; when entries were dropped, the readable ones are kept
/// again so that the message is shown once.
fn read_all() -> Decoded {
    let Some(storage) = storage() else {
        return Decoded::default();
    };
    let Some(text) = storage.get_item(KEY).ok().flatten() else {
        return Decoded::default();
    };
    let decoded = decode(&text);
    if !decoded.dropped.is_empty() {
        let _ = match serde_json::to_string(&decoded.files) {
            Ok(text) if !decoded.files.is_empty() => storage.set_item(KEY, &text),
            _ => storage.remove_item(KEY),
        };
    }
    decoded
}

/// Keeps `file`, replacing a kept file of the same name.
///
/// # Errors
/// A message when the browser has no storage or it is full (the import still works for this
/// visit).
pub fn remember(file: SavedFile) -> Result<(), String> {
    let mut files = read_all().files;
    files.retain(|f| f.name != file.name);
    files.push(file);
    let text = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(KEY, &text)
        .map_err(|_| "this browser's storage is full".to_owned())
}

/// The kept imports, parsed again. A kept file that no longer parses is left out with its
/// reason; an unreadable entry is dropped and reported alone, never a failure of the page.
pub fn restore() -> (Vec<AssetSeries>, Vec<String>) {
    let Decoded { files, mut dropped } = read_all();
    let series = files
        .iter()
        .filter_map(|f| {
            import_csv(&f.name, &f.text, &f.modified)
                .map_err(|e| dropped.push(e))
                .ok()
        })
        .collect();
    (series, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_bad_entry_costs_only_itself() {
        let text = r#"[
            {"name":"TAOUSDT.csv","modified":"2026-01-01T00:00:00Z","text":"date,close\n2024-01-01,1\n2024-01-02,2\n"},
            {"name":"BROKEN.csv","modified":7},
            42,
            {"name":"OLD.csv","text":"date,close\n2024-01-01,1\n2024-01-02,2\n"}
        ]"#;
        let decoded = decode(text);
        let names: Vec<&str> = decoded.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["TAOUSDT.csv", "OLD.csv"],
            "an entry of the older format is kept"
        );
        assert_eq!(decoded.dropped.len(), 2);
        assert!(
            decoded.dropped[0].contains("\"BROKEN.csv\""),
            "{}",
            decoded.dropped[0]
        );
        assert!(
            decoded.dropped[1].contains("entry 3"),
            "{}",
            decoded.dropped[1]
        );
    }

    #[test]
    fn garbage_keeps_nothing_and_says_so() {
        let decoded = decode("{\"not\": \"a list\"");
        assert!(decoded.files.is_empty());
        assert_eq!(decoded.dropped.len(), 1);
    }

    proptest! {
        #[test]
        fn any_stored_text_decodes_without_panic(text in ".*") {
            let decoded = decode(&text);
            prop_assert!(decoded.files.len() + decoded.dropped.len() <= text.len() + 1);
        }
    }
}
