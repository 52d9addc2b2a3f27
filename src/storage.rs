//! This browser's local storage, where what the user brings or edits is kept (imported files,
//! a recorded book, a scenario, the theme, a key, the data cache): `None` when the browser
//! refuses it (private mode, storage disabled), which every caller treats as "nothing kept".

/// The window's local storage, if the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
