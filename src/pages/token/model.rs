//! The token view's derived state, apart from the page: which window the charts show for a
//! range, which range a zoomed window selects, which preset "Reset" returns to, and the
//! caption. Plain functions, tested natively; the component only binds them. The numbers of
//! the view (report, betas, intervals) are in [`crate::analysis`].

use crate::components::range_controls::range_label;
use tokenrisk_charts::time_axis::{days, seconds};
use tokenrisk_core::range::Range;

/// The charts' window (days since 1970) of a span of Unix seconds.
pub fn window_of(span: (i64, i64)) -> (f64, f64) {
    (days(span.0), days(span.1))
}

/// The custom range a chart window selects: the days holding its two ends (`None` when both
/// fall on one day, or the window is not finite).
pub fn range_of_window(window: (f64, f64)) -> Option<Range> {
    let (from, to) = (seconds(window.0), seconds(window.1));
    if !(from.is_finite() && to.is_finite()) {
        return None;
    }
    Range::custom(from.round() as i64, to.round() as i64)
}

/// The preset "Reset" returns to after `range` is shown: the range itself when it is a
/// preset, else the last preset shown before it.
pub fn reset_target(range: Range, last_preset: Range) -> Range {
    if matches!(range, Range::Custom { .. }) {
        last_preset
    } else {
        range
    }
}

/// What the charts say they show: `TAO, range 1Y`.
pub fn caption(token: &str, range: Range) -> String {
    format!("{token}, range {}", range_label(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn a_zoomed_window_selects_the_days_it_covers() {
        let span = (20_000 * DAY, 20_090 * DAY);
        assert_eq!(window_of(span), (20_000.0, 20_090.0));
        assert_eq!(
            range_of_window(window_of(span)),
            Some(Range::Custom {
                from: span.0,
                to: span.1
            })
        );
        // A window between midnights covers the days holding its ends.
        assert_eq!(
            range_of_window((20_000.4, 20_010.6)),
            Some(Range::Custom {
                from: 20_000 * DAY,
                to: 20_010 * DAY
            })
        );
        assert_eq!(
            range_of_window((20_000.1, 20_000.9)),
            None,
            "one day is no range"
        );
        assert_eq!(range_of_window((f64::NAN, 1.0)), None);
        assert_eq!(range_of_window((0.0, f64::INFINITY)), None);
    }

    #[test]
    fn reset_returns_to_the_last_preset() {
        let custom = Range::Custom {
            from: 0,
            to: 10 * DAY,
        };
        assert_eq!(reset_target(custom, Range::Days90), Range::Days90);
        assert_eq!(reset_target(Range::Days30, Range::Days90), Range::Days30);
        assert_eq!(caption("TAO", Range::Year1), "TAO, range 1Y");
    }
}
