//! UTC time: seconds since the Unix epoch, civil dates, and the timestamp forms found in
//! exchange and data-vendor exports.
//!
//! Civil-date arithmetic is the proleptic Gregorian calendar, computed with the era/day-of-era
//! decomposition described by H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
//! (`days_from_civil` / `civil_from_days`).

use std::fmt;

/// Seconds in one day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Epoch values at or above this are read as milliseconds, below it as seconds.
///
/// 10^11 seconds is the year 5138; 10^11 milliseconds is 1973-03-03. No market data lies on
/// the other side of either, so the cut is unambiguous for this domain.
const EPOCH_MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// A calendar date (UTC), stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date `days` days after 1970-01-01 (negative before it).
    pub const fn from_days(days: i32) -> Self {
        Self(days)
    }

    /// Days since 1970-01-01.
    pub const fn days(self) -> i32 {
        self.0
    }

    /// The date of a year, month (1–12) and day (1–31); `None` if no such date exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// `(year, month, day)` of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The UTC date a Unix timestamp (seconds) falls on.
    pub fn from_unix(seconds: i64) -> Self {
        Self(seconds.div_euclid(SECONDS_PER_DAY) as i32)
    }

    /// Unix seconds of this date's midnight UTC.
    pub fn to_unix(self) -> i64 {
        i64::from(self.0) * SECONDS_PER_DAY
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (index 3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = parse_digits(&text[0..4])?;
        let month = parse_digits(&text[5..7])?;
        let day = parse_digits(&text[8..10])?;
        Self::from_ymd(year as i32, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Formats Unix seconds as ISO 8601 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_unix(seconds: i64) -> String {
    let date = Date::from_unix(seconds);
    let secs = seconds.rem_euclid(SECONDS_PER_DAY);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// Parses a timestamp as exchanges and vendors export it, giving Unix seconds (UTC).
///
/// Accepted forms:
/// - an ISO date `2024-04-11` (midnight UTC);
/// - an ISO date-time `2024-04-11 13:00:00` or `2024-04-11T13:00:00`, with optional fractional
///   seconds, optional seconds, and an optional zone `Z`, `+00:00`, `-05:00` or `+0000`
///   (converted to UTC; no zone means UTC);
/// - an integer epoch in seconds or milliseconds (from 10^11 on, milliseconds: 10^11 seconds
///   is the year 5138, 10^11 milliseconds 1973-03-03).
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let value: i64 = text.parse().ok()?;
        return Some(if value >= EPOCH_MILLIS_THRESHOLD {
            value.div_euclid(1000)
        } else {
            value
        });
    }
    if text.len() < 10 {
        return None;
    }
    let date = Date::parse_iso(text.get(0..10)?)?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(date.to_unix());
    }
    let rest = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('T'))?;
    let (clock, offset_seconds) = split_zone(rest)?;
    let seconds_of_day = parse_clock(clock)?;
    Some(date.to_unix() + seconds_of_day - offset_seconds)
}

/// Splits `HH:MM[:SS[.fff]][zone]` into the clock part and the zone's offset from UTC.
fn split_zone(text: &str) -> Option<(&str, i64)> {
    if let Some(clock) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        return Some((clock, 0));
    }
    // A sign after the clock's first 5 characters starts a numeric zone.
    match text
        .char_indices()
        .skip(5)
        .find(|&(_, c)| c == '+' || c == '-')
    {
        None => Some((text, 0)),
        Some((at, sign)) => {
            let zone = text[at + 1..].replace(':', "");
            if zone.len() != 4 {
                return None;
            }
            let hours = i64::from(parse_digits(&zone[0..2])?);
            let minutes = i64::from(parse_digits(&zone[2..4])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            Some((&text[..at], if sign == '-' { -offset } else { offset }))
        }
    }
}

/// Parses `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` into seconds of the day (fractions dropped).
fn parse_clock(text: &str) -> Option<i64> {
    let whole = text.split('.').next()?;
    let mut parts = whole.split(':');
    let hours = parse_digits(parts.next()?)?;
    let minutes = parse_digits(parts.next()?)?;
    let seconds = match parts.next() {
        Some(s) => parse_digits(s)?,
        None => 0,
    };
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    if let Some(fraction) = text.split('.').nth(1) {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    Some(i64::from(hours * 3600 + minutes * 60 + seconds.min(59)))
}

fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400) as u32;
    let shifted_month = (month + 9) % 12; // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era as i32 - 719_468
}

/// The civil date of a day count (Hinnant's `civil_from_days`).
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097) as u32;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era as i32 + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference epochs from `date -u -d '<date>' +%s` (GNU coreutils).
    #[test]
    fn dates_match_coreutils_epochs() {
        let cases = [
            ("1970-01-01", 0_i64),
            ("2000-02-29", 951_782_400),
            ("2024-04-11", 1_712_793_600),
            ("2026-01-02", 1_767_312_000),
            ("1969-12-31", -86_400),
        ];
        for (text, epoch) in cases {
            let date = Date::parse_iso(text).expect(text);
            assert_eq!(date.to_unix(), epoch, "{text}");
            assert_eq!(date.to_string(), text);
            assert_eq!(Date::from_unix(epoch), date);
        }
    }

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in -146_097..146_097 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-04-11",
        ] {
            assert_eq!(Date::parse_iso(text), None, "{text}");
        }
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn weekday_of_known_dates() {
        // 2024-04-13 was a Saturday, 2026-06-12 a Friday.
        assert_eq!(Date::parse_iso("2024-04-13").map(Date::weekday), Some(5));
        assert_eq!(Date::parse_iso("2026-06-12").map(Date::weekday), Some(4));
    }

    #[test]
    fn timestamp_forms() {
        let day = 1_712_793_600; // 2024-04-11
        let cases = [
            ("2024-04-11", day),
            ("2024-04-11 00:00:00+00:00", day),
            ("2024-04-11T13:00:00Z", day + 13 * 3600),
            ("2024-04-11 13:00:00", day + 13 * 3600),
            ("2024-04-11T13:00", day + 13 * 3600),
            ("2024-04-11T13:00:00.250Z", day + 13 * 3600),
            ("2024-04-11T09:00:00-04:00", day + 13 * 3600),
            ("2024-04-11T15:00:00+0200", day + 13 * 3600),
            ("1712793600", day),
            ("1712793600000", day),
            (" 2024-04-11 ", day),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_timestamp(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn malformed_timestamps_are_rejected() {
        for text in [
            "",
            "yesterday",
            "2024-04-11X13:00",
            "2024-04-11 25:00:00",
            "2024-04-11 13:00:00+5",
            "2024-04-11 13:00:00.",
            "-5",
            "1.5e12",
        ] {
            assert_eq!(parse_timestamp(text), None, "{text}");
        }
    }

    #[test]
    fn unix_formatting() {
        assert_eq!(
            format_unix(1_712_793_600 + 13 * 3600 + 61),
            "2024-04-11T13:01:01Z"
        );
    }
}
