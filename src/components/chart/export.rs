//! Saving a chart: the canvas as a PNG, the chart's data as CSV, downloaded under a file name
//! that says what it is; and any text as a file (a scenario as JSON).

use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// Starts the download of `href` as `file_name` (through a temporary link, as browsers allow).
fn download(href: &str, file_name: &str) -> Result<(), String> {
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link".to_owned())?
        .unchecked_into();
    link.set_href(href);
    link.set_download(file_name);
    let body = document.body().ok_or("no document body")?;
    body.append_child(&link).map_err(|_| "cannot add a link")?;
    link.click();
    link.remove();
    Ok(())
}

/// Downloads the canvas as a PNG at its full (device-pixel) resolution.
///
/// # Errors
/// When the browser refuses to encode the canvas.
pub fn save_png(canvas: &HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the browser could not encode the chart as PNG".to_owned())?;
    download(&url, file_name)
}

/// Downloads `text` as a UTF-8 CSV file.
///
/// # Errors
/// When the browser cannot make the file.
pub fn save_csv(text: &str, file_name: &str) -> Result<(), String> {
    save_text(text, file_name, "text/csv;charset=utf-8")
}

/// Downloads `text` as a file of type `mime`.
///
/// # Errors
/// When the browser cannot make the file.
pub fn save_text(text: &str, file_name: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| format!("the browser could not make {file_name}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| format!("the browser could not make {file_name}"))?;
    let outcome = download(&url, file_name);
    // The download reads the file after this returns: release it a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    outcome
}
