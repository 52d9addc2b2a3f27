//! The timestamp parser (CSV time cells, `--from`/`--to`): never a panic, and every accepted
//! time lies in the supported years and formats back to a time it reads the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tokenrisk_core::time::{format_unix, is_supported_unix, parse_timestamp, Date};

fuzz_target!(|data: &[u8]| {
    let Some(text) = tokenrisk_fuzz::text(data) else {
        return;
    };
    if let Some(seconds) = parse_timestamp(text) {
        assert!(is_supported_unix(seconds), "{text:?} gave {seconds}");
        assert_eq!(parse_timestamp(&format_unix(seconds)), Some(seconds));
    }
    let _ = Date::parse_iso(text).map(|d| d.ymd());
});
