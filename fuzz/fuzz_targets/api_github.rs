//! GitHub's weekly commit activity, chained into the combined weeks of a token's repositories
//! and the activity summary the token view shows.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::dev_activity::{combined_weeks, summarise};
use tokenrisk_market::sources::github;

fuzz_target!(|data: &[u8]| {
    let Some(body) = tokenrisk_fuzz::text(data) else {
        return;
    };
    if let Ok(weeks) = github::parse_commit_activity(body) {
        let combined = combined_weeks(&[weeks.clone(), weeks]);
        let summary = summarise(&combined);
        let _ = summary.quarter_trend();
    }
});
