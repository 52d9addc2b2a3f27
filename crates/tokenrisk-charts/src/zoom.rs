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
/// `extent` with at least `min_span` days.
pub fn zoom(
    window: (f64, f64),
    anchor: f64,
    factor: f64,
    extent: (f64, f64),
    min_span: f64,
) -> (f64, f64) {
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    let anchor = anchor.clamp(window.0, window.1);
    let start = anchor - (anchor - window.0) * factor;
    let end = anchor + (window.1 - anchor) * factor;
    fit((start, end), extent, min_span)
}

/// `window` moved by `days` (positive: later), kept inside `extent` with its span unchanged.
pub fn pan(window: (f64, f64), days: f64, extent: (f64, f64)) -> (f64, f64) {
    let days = if days.is_finite() { days } else { 0.0 };
    let span = window.1 - window.0;
    let start = (window.0 + days).clamp(extent.0, (extent.1 - span).max(extent.0));
    fit((start, start + span), extent, 0.0)
}

/// `window` clipped to `extent`, widened around its centre to `min_span` when narrower (and
/// then shifted back inside), never wider than the extent.
pub fn fit(window: (f64, f64), extent: (f64, f64), min_span: f64) -> (f64, f64) {
    let total = extent.1 - extent.0;
    let span = (window.1 - window.0).clamp(min_span.min(total), total);
    let centre = (window.0 + window.1) / 2.0;
    let start = (centre - span / 2.0).clamp(extent.0, extent.1 - span);
    (start, start + span)
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
}
