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
    /// The file's modification time (ISO 8601).
    pub modified: String,
    /// The file's text.
    pub text: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_all() -> Result<Vec<SavedFile>, String> {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Ok(Vec::new());
    };
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Keeps `file`, replacing a kept file of the same name.
///
/// # Errors
/// A message when the browser has no storage or it is full (the import still works for this
/// visit).
pub fn remember(file: SavedFile) -> Result<(), String> {
    let mut files = read_all().unwrap_or_default();
    files.retain(|f| f.name != file.name);
    files.push(file);
    let text = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(KEY, &text)
        .map_err(|_| "this browser's storage is full".to_owned())
}

/// The kept imports, parsed again. A kept file that no longer parses is left out with its
/// reason; unreadable storage is cleared and reported, never a failure of the page.
pub fn restore() -> (Vec<AssetSeries>, Vec<String>) {
    match read_all() {
        Ok(files) => {
            let mut problems = Vec::new();
            let series = files
                .iter()
                .filter_map(|f| {
                    import_csv(&f.name, &f.text, &f.modified)
                        .map_err(|e| problems.push(e))
                        .ok()
                })
                .collect();
            (series, problems)
        }
        Err(reason) => {
            if let Some(storage) = storage() {
                let _ = storage.remove_item(KEY);
            }
            (Vec::new(), vec![format!("Saved imports could not be read ({reason}) and were cleared; import the files again.")])
        }
    }
}
