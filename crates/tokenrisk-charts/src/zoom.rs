//! Zooming and panning a time window, as pure functions of the window, the pointer and the
//! data's extent: the chart component feeds them wheel, drag and pinch gestures.
//!
//! Windows are `(start, end)` in days since 1970-01-01. Every result stays inside the data's
//! extent and spans at least the minimum span (or the whole extent when that is shorter).

/// The zoom factor of one wheel event: `exp(delta_y · 0.002)`, so a notch of 100 px zooms out
/// by about 22 % and the opposite notch back in; extreme deltas are capped at a factor of 4.
pub fn wheel_factor(delta_y: f64) -> f64 {
    if !delta_y.is_finite() {
        return 1.0;
    }
    (delta_y * 0.002).clamp(-4f64.ln(), 4f64.ln()).exp()
}

/// `window` scaled by `factor` around `anchor` (the day under the pointer stays under it):
/// `start' = anchor − (anchor − start) · factor`, likewise for the end; then fitted into
/// `extent` with at least `min_span` days. A factor that is not a positive number is 1; an
/// anchor that is not a number is the window's centre.
pub fn zoom(
    window: (f64, f64),
    anchor: f64,
    factor: f64,
    extent: (f64, f64),
    min_span: f64,
) -> (f64, f64) {
    let Some(extent) = interval(extent) else {
        return fallback(window);
    };
    let window = interval(window).unwrap_or(extent);
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    let anchor = if anchor.is_nan() {
        (window.0 + window.1) / 2.0
    } else {
        within(anchor, window.0, window.1)
    };
    let start = anchor - (anchor - window.0) * factor;
    let end = anchor + (window.1 - anchor) * factor;
    fit((start, end), extent, min_span)
}

/// `window` moved by `days` (positive: later), kept inside `extent` with its span unchanged.
pub fn pan(window: (f64, f64), days: f64, extent: (f64, f64)) -> (f64, f64) {
    let Some(extent) = interval(extent) else {
        return fallback(window);
    };
    let window = interval(window).unwrap_or(extent);
    let days = if days.is_finite() { days } else { 0.0 };
    let span = window.1 - window.0;
    let start = within(window.0 + days, extent.0, (extent.1 - span).max(extent.0));
    fit((start, start + span), extent, 0.0)
}

/// `window` clipped to `extent`, widened around its centre to `min_span` when narrower (and
/// then shifted back inside), never wider than the extent. Whatever the numbers (reversed,
/// infinite, not a number), the result is a finite window inside a finite extent, or the
/// window as given when the extent is not one.
pub fn fit(window: (f64, f64), extent: (f64, f64), min_span: f64) -> (f64, f64) {
    let Some(extent) = interval(extent) else {
        return fallback(window);
    };
    let window = interval(window).unwrap_or(extent);
    let total = extent.1 - extent.0;
    let min_span = if min_span.is_finite() {
        min_span.max(0.0)
    } else {
        0.0
    };
    let span = within(window.1 - window.0, min_span.min(total), total);
    let centre = window.0 / 2.0 + window.1 / 2.0;
    // `extent.1 − span` may round below `extent.0`: the start is brought back inside.
    let start = within(centre - span / 2.0, extent.0, extent.1 - span).max(extent.0);
    (start, (start + span).min(extent.1))
}

/// `(a, b)` when both are finite, `a ≤ b` and the span is finite.
fn interval((a, b): (f64, f64)) -> Option<(f64, f64)> {
    (a.is_finite() && b.is_finite() && a <= b && (b - a).is_finite()).then_some((a, b))
}

/// The window itself when it is an interval, else `(0, 0)`.
fn fallback(window: (f64, f64)) -> (f64, f64) {
    interval(window).unwrap_or((0.0, 0.0))
}

/// `x` limited to `[lo, hi]`; unlike `f64::clamp` it never panics: a `lo` above `hi` (by a
/// rounding error) gives `hi`.
fn within(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXTENT: (f64, f64) = (0.0, 1000.0);

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place_and_round_trips() {
        let window = (600.0, 900.0);
        let anchor = 700.0;
        let zoomed = zoom(window, anchor, 0.5, EXTENT, 5.0);
        assert!(close(zoomed, (650.0, 800.0)));
        // The anchor's share of the window is unchanged: (700 − 650) / 150 = (700 − 600) / 300.
        assert!(((anchor - zoomed.0) / (zoomed.1 - zoomed.0) - 1.0 / 3.0).abs() < 1e-12);
        let back = zoom(zoomed, anchor, 2.0, EXTENT, 5.0);
        assert!(close(back, window), "{back:?}");
        assert!((wheel_factor(100.0) * wheel_factor(-100.0) - 1.0).abs() < 1e-12);
        assert!(wheel_factor(100.0) > 1.0, "scrolling down zooms out");
    }

    #[test]
    fn zoom_and_pan_stay_inside_the_data() {
        assert!(close(
            zoom((600.0, 900.0), 900.0, 10.0, EXTENT, 5.0),
            EXTENT
        ));
        assert!(
            close(
                zoom((600.0, 610.0), 605.0, 0.01, EXTENT, 5.0),
                (602.5, 607.5)
            ),
            "at least 5 days"
        );
        assert!(close(pan((600.0, 900.0), 250.0, EXTENT), (700.0, 1000.0)));
        assert!(close(pan((600.0, 900.0), -800.0, EXTENT), (0.0, 300.0)));
        assert!(close(pan((600.0, 900.0), f64::NAN, EXTENT), (600.0, 900.0)));
        assert!(close(
            zoom((600.0, 900.0), 700.0, f64::NAN, EXTENT, 5.0),
            (600.0, 900.0)
        ));
        assert!(close(fit((-50.0, 2000.0), EXTENT, 5.0), EXTENT));
        assert!(
            close(fit((0.0, 3.0), (0.0, 2.0), 5.0), (0.0, 2.0)),
            "a short history is shown whole"
        );
    }

    /// Found by the `chart_view` fuzz target: a window of NaN panicked in `f64::clamp`.
    #[test]
    fn any_numbers_give_a_window_inside_the_extent_never_a_panic() {
        let odd = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            8.39911598e-315,
            f64::MAX,
            f64::MIN,
            1e300,
        ];
        for a in odd {
            for b in odd {
                for (w, e) in [((a, b), EXTENT), ((600.0, 900.0), (a, b)), ((a, b), (a, b))] {
                    for result in [zoom(w, a, b, e, a), pan(w, a, e), fit(w, e, b)] {
                        assert!(
                            result.0.is_finite() && result.1.is_finite(),
                            "{w:?} {e:?}: {result:?}"
                        );
                        assert!(result.0 <= result.1, "{w:?} {e:?}: {result:?}");
                        if let Some(e) = interval(e) {
                            assert!(
                                e.0 <= result.0 && result.1 <= e.1,
                                "{w:?} {e:?}: {result:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
