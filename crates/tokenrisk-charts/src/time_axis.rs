//! The one place where times change unit: data carry Unix seconds (`i64`), time charts plot
//! days since 1970-01-01 (`f64`, so hours are fractions of a day: 13:00 is `.5417`). Windows,
//! extents, projections and zooming are all in days.
//!
//! `days = seconds / 86 400` and `seconds = days · 86 400`.

use tokenrisk_core::time::SECONDS_PER_DAY;

/// Days since 1970-01-01 of Unix time `unix_seconds`: `unix_seconds / 86 400`.
pub fn days(unix_seconds: i64) -> f64 {
    unix_seconds as f64 / SECONDS_PER_DAY as f64
}

/// Unix seconds of `days` since 1970-01-01 (the inverse of [`days`]), as `f64` because a
/// position on a time axis falls between seconds.
pub fn seconds(days: f64) -> f64 {
    days * SECONDS_PER_DAY as f64
}

/// Whether Unix time `unix_seconds` falls in `window` (days, both ends included); every time
/// does when there is no window.
pub fn in_window(window: Option<(f64, f64)>, unix_seconds: i64) -> bool {
    window.is_none_or(|(a, b)| (a..=b).contains(&days(unix_seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_seconds_are_inverse() {
        assert_eq!(days(86_400), 1.0);
        assert_eq!(days(13 * 3_600), 13.0 / 24.0);
        assert_eq!(seconds(days(1_767_312_000)), 1_767_312_000.0);
        assert!(in_window(Some((1.0, 2.0)), 86_400 + 3_600));
        assert!(!in_window(Some((1.0, 2.0)), 3 * 86_400));
        assert!(in_window(None, -5));
    }
}
