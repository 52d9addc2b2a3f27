//! Reading drawn SVG in the chart tests, and the spacings of the data they draw.

/// An hour, in seconds (the market panel's candles).
pub const HOUR: i64 = 3_600;

/// A day, in seconds (the daily charts' spacing).
pub const DAY: i64 = 24 * HOUR;

/// The trimmed text of every `<text>` element, in document order.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}
