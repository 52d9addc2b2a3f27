//! UTC time: seconds since the Unix epoch, civil dates, and the timestamp forms found in
//! exchange and data-vendor exports.
//!
//! Civil-date arithmetic is the proleptic Gregorian calendar, computed with the era/day-of-era
//! decomposition described by H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
//! (`days_from_civil` / `civil_from_days`).

use std::fmt;

/// Seconds in one day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// The earliest time accepted anywhere: 1900-01-01T00:00:00Z.
///
/// Market data starts well after it; a time before it is a unit or format error.
pub const EARLIEST_UNIX: i64 = -2_208_988_800;

/// The latest time accepted anywhere: 9999-12-31T23:59:59Z (the last four-digit year).
pub const LATEST_UNIX: i64 = 253_402_300_799;

/// Whether Unix seconds lie within the supported years 1900–9999 ([`EARLIEST_UNIX`] ..=
/// [`LATEST_UNIX`]). Every validated price series lies inside, so date arithmetic on it never
/// overflows.
pub fn is_supported_unix(seconds: i64) -> bool {
    (EARLIEST_UNIX..=LATEST_UNIX).contains(&seconds)
}

/// The unit of an integer epoch, recognised by its magnitude: below 10^11 seconds (10^11 s is
/// the year 5138), below 10^14 milliseconds (10^11 ms is 1973-03-03), below 10^17 microseconds
/// (Binance's public data files since 2025; 10^14 µs is 1973-03-03), else nanoseconds (pandas;
/// 10^17 ns is 1973-03-03, and `i64::MAX` ns is 2262). No market data lies on the other side of
/// any cut, so the reading is unambiguous for this domain.
const EPOCH_UNIT_CUTS: [(i64, i64); 3] = [
    (100_000_000_000, 1),
    (100_000_000_000_000, 1_000),
    (100_000_000_000_000_000, 1_000_000),
];

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
        i32::try_from(days_from_civil(year, month, day))
            .ok()
            .map(Self)
    }

    /// `(year, month, day)` of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The UTC date a Unix timestamp (seconds) falls on; a time outside the supported years
    /// (see [`is_supported_unix`]) gives the nearest end of that range, never an overflow.
    pub fn from_unix(seconds: i64) -> Self {
        let seconds = seconds.clamp(EARLIEST_UNIX, LATEST_UNIX);
        // Within the clamp the day count is between -25,567 and 2,932,896: it fits an i32.
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

    /// Parses `YYYY-MM-DD` for the years 1900–9999.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = parse_digits(&b[0..4])?;
        let month = parse_digits(&b[5..7])?;
        let day = parse_digits(&b[8..10])?;
        if year < 1900 {
            return None;
        }
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
/// - a non-negative integer epoch in seconds, milliseconds, microseconds or nanoseconds, the unit
///   recognised by magnitude (see [`epoch_seconds`]; sub-second parts are dropped).
///
/// Every accepted time lies in the years 1900–9999 ([`is_supported_unix`]); anything else is
/// `None`, so a unit error never becomes a date thousands of years away.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let seconds = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        epoch_seconds(text.parse().ok()?)
    } else {
        parse_date_time(text)?
    };
    is_supported_unix(seconds).then_some(seconds)
}

/// Unix seconds of a non-negative integer epoch whose unit is recognised by magnitude: below
/// 10^11 seconds, below 10^14 milliseconds, below 10^17 microseconds, else nanoseconds (each
/// cut is 1973-03-03 in the smaller unit and the year 5138 in the larger).
pub fn epoch_seconds(value: i64) -> i64 {
    let per_second = EPOCH_UNIT_CUTS
        .iter()
        .find(|(below, _)| value < *below)
        .map_or(1_000_000_000, |(_, per_second)| *per_second);
    value.div_euclid(per_second)
}

fn parse_date_time(text: &str) -> Option<i64> {
    let date = Date::parse_iso(text.get(0..10)?)?;
    // The first ten bytes are ASCII (the date parsed), so byte 10 is a character boundary.
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
            // `at` is the index of an ASCII sign, a character boundary; the zone is read as
            // bytes, so a multi-byte character in it is rejected, never sliced.
            let zone: Vec<u8> = text.as_bytes()[at + 1..]
                .iter()
                .copied()
                .filter(|&b| b != b':')
                .collect();
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
    let mut parts = whole.split(':').map(str::as_bytes);
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

/// A short run of ASCII digits (at most nine, so it fits a `u32`).
fn parse_digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0')),
    )
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

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`), in
/// 64 bits so that no `i32` year overflows.
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count (Hinnant's `civil_from_days`), in 64 bits so that every `i32`
/// day count has one.
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // |days| < 2^31 keeps the year within ±5.9 million: it fits an i32.
    (year as i32, month as u32, day as u32)
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
            assert_eq!(days_from_civil(y, m, d), i64::from(days));
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
            // A multi-byte character where the zone's digits belong (it used to be sliced
            // mid-character and panic).
            "2024-04-11T13:00+€1",
            "2024-04-11T13:00:00-€",
            "2024-04-11T13:00:00+0€",
            // Years outside 1900–9999.
            "1899-12-31",
            "0000-01-01",
            "1900-01-01T00:00:00+00:01",
            // Longer than any i64.
            "99999999999999999999",
        ] {
            assert_eq!(parse_timestamp(text), None, "{text}");
        }
    }

    #[test]
    fn epoch_units_are_recognised_by_magnitude() {
        let day = 1_712_793_600; // 2024-04-11
        for text in [
            "1712793600",
            "1712793600000",
            "1712793600000000",
            "1712793600000000000",
        ] {
            assert_eq!(parse_timestamp(text), Some(day), "{text}");
        }
        // Binance's public data files, spot klines since 2025: microseconds.
        assert_eq!(
            parse_timestamp("1735689600000000").map(format_unix),
            Some("2025-01-01T00:00:00Z".to_string())
        );
        // The far-future epoch from the robustness review reads as nanoseconds (1975).
        assert_eq!(
            parse_timestamp("172800000000000000").map(format_unix),
            Some("1975-06-24T00:00:00Z".to_string())
        );
        // The boundaries of the supported years.
        assert_eq!(parse_timestamp("1900-01-01"), Some(EARLIEST_UNIX));
        assert_eq!(parse_timestamp("9999-12-31T23:59:59Z"), Some(LATEST_UNIX));
        assert_eq!(parse_timestamp("9999-12-31T23:59:59-00:01"), None);
    }

    #[test]
    fn far_times_clamp_to_the_supported_years() {
        for days in [i32::MIN, i32::MAX] {
            let (y, m, d) = Date::from_days(days).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date::from_days(days)));
        }
        assert_eq!(Date::from_ymd(i32::MAX, 12, 31), None);
        assert_eq!(Date::from_unix(i64::MAX).to_string(), "9999-12-31");
        assert_eq!(Date::from_unix(i64::MIN).to_string(), "1900-01-01");
        assert_eq!(format_unix(LATEST_UNIX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn unix_formatting() {
        assert_eq!(
            format_unix(1_712_793_600 + 13 * 3600 + 61),
            "2024-04-11T13:01:01Z"
        );
    }
}
