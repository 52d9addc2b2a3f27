//! The companies' quarters file served beside the snapshot (`data/quarters.json`), fetched
//! only by the signals page (the first view never downloads it).

use tokenrisk_market::company_quarters::QuartersFile;
use tokenrisk_market::fetch_policy::MAX_API_BODY_BYTES;

/// Where the site serves it, relative to the page's base.
pub const QUARTERS_URL: &str = "data/quarters.json";

/// How long the file may take.
const TIMEOUT_MS: u32 = 20_000;

/// The file, with the companies left out and why; or why there is none.
pub async fn load() -> Result<(QuartersFile, Vec<String>), String> {
    let answer = crate::live::http::get(QUARTERS_URL, TIMEOUT_MS, MAX_API_BODY_BYTES)
        .await
        .map_err(|failure| format!("The companies' quarters could not be fetched: {failure}."))?;
    read(answer.status, &answer.body)
}

/// Reads the site's answer.
///
/// # Errors
/// A sentence for the page: not in this build (404), another status, or a damaged file.
pub fn read(status: u16, body: &str) -> Result<(QuartersFile, Vec<String>), String> {
    match status {
        200 => QuartersFile::from_json(body)
            .map_err(|e| format!("The companies' quarters are damaged: {e}.")),
        404 => Err("This build of the site has no companies' quarters (SEC EDGAR was not asked and no saved answers were given).".to_owned()),
        status => Err(format!("The companies' quarters could not be fetched: HTTP {status}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_the_page_words_them() {
        assert!(read(404, "")
            .expect_err("none")
            .contains("no companies' quarters"));
        assert!(read(500, "").expect_err("failed").contains("HTTP 500"));
        assert!(read(200, "<html>")
            .expect_err("damaged")
            .contains("damaged"));
        let (file, dropped) = read(
            200,
            r#"{"schema":1,"created_at":"2026-12-03T00:00:00Z","companies":[]}"#,
        )
        .expect("read");
        assert!(file.companies.is_empty() && dropped.is_empty());
    }
}
