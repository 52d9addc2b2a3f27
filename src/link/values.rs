//! Readers of one query value, shared by the pages' links: a number checked against its
//! range, one of a list of keyed options, and the key an option writes back.

use super::params::Notice;

/// The trimmed value, `None` when absent or blank.
pub fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The number in `value` when it parses, is finite and passes `ok`; else `default` with a
/// notice naming `what` and `expected`.
pub fn number(
    value: Option<&str>,
    what: &'static str,
    expected: &'static str,
    ok: impl Fn(f64) -> bool,
    default: Option<f64>,
    notices: &mut Vec<Notice>,
) -> Option<f64> {
    let text = present(value)?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && ok(v) => Some(v),
        _ => {
            notices.push(Notice::BadValue {
                what,
                requested: text.to_owned(),
                expected,
                shown: default.map_or_else(|| "the default".to_owned(), |d| d.to_string()),
            });
            default
        }
    }
}

/// The option of `known` whose key is `value` (case-insensitive); else the first with a notice
/// naming `what` and `expected`; the first when absent.
pub fn choice<T: Copy>(
    value: Option<&str>,
    what: &'static str,
    expected: &'static str,
    known: &[(&'static str, T)],
    notices: &mut Vec<Notice>,
) -> T {
    let default = known[0];
    match present(value) {
        None => default.1,
        Some(v) => known
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(v))
            .map_or_else(
                || {
                    notices.push(Notice::BadValue {
                        what,
                        requested: v.to_owned(),
                        expected,
                        shown: default.0.to_owned(),
                    });
                    default.1
                },
                |(_, t)| *t,
            ),
    }
}

/// The key of `value` in `known` (the first key when it is not there).
pub fn key_of<T: PartialEq + Copy>(known: &[(&'static str, T)], value: T) -> &'static str {
    known
        .iter()
        .find(|(_, t)| *t == value)
        .map_or(known[0].0, |(key, _)| key)
}
