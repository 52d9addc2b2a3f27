//! GitHub's weekly commit activity of a repository (`/repos/{owner}/{repo}/stats/commit_activity`).
//!
//! GitHub computes these statistics lazily: the first request answers HTTP 202 with an empty
//! body while it does, and the caller retries later. This parser reads the 200 body.

use super::json::{self, each, object, top_array};
use super::ParseError;
use serde_json::Value;
use tokenrisk_core::dev_activity::WeeklyCommits;

/// Parses the weekly commit activity (up to 52 weeks, oldest first).
///
/// # Errors
/// [`ParseError`] for anything but an array of weeks (an empty `{}` body of a 202 included).
pub fn parse_commit_activity(body: &str) -> Result<Vec<WeeklyCommits>, ParseError> {
    let value = json::parse(body)?;
    each(top_array(&value)?, |item| {
        let o = object(item)?;
        let count = |v: &Value| {
            json::number(v)
                .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
                .map(|n| n as u32)
        };
        let days: Vec<u32> = o
            .get("days")
            .and_then(Value::as_array)
            .map(|d| d.iter().filter_map(count).collect())
            .unwrap_or_default();
        let days: [u32; 7] = days
            .try_into()
            .map_err(|_| "days is not seven counts".to_owned())?;
        Ok(WeeklyCommits {
            week: o
                .get("week")
                .and_then(json::time)
                .ok_or("week is not a time")?,
            total: o
                .get("total")
                .and_then(count)
                .ok_or("total is not a count")?,
            days,
        })
    })
}

/// `/repos/{owner}/{name}/stats/commit_activity` of a repository (`owner/name`).
pub fn commit_activity_url(base: &str, repository: &str) -> String {
    format!("{base}/repos/{repository}/stats/commit_activity")
}
