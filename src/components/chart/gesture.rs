//! What a chart's pointer and keyboard input means, apart from the DOM: the window a drag or a
//! pinch proposes, and where the crosshair goes on an arrow key. Plain functions, tested
//! natively; the canvas component only feeds them events.
//!
//! Windows and anchors are in days since 1970 (see `tokenrisk_charts::time_axis`); pointer
//! positions in CSS pixels.

use tokenrisk_charts::time_axis::days;
use tokenrisk_charts::zoom::{pan, zoom};

/// The narrowest window zooming gives, in days.
pub const MIN_SPAN_DAYS: f64 = 5.0;

/// Pointers down on a chart and the window when the gesture began.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gesture {
    /// `(pointer id, x in CSS pixels)` of each pointer down.
    pub pointers: Vec<(i32, f64)>,
    /// The window when the current gesture (drag or pinch) began.
    pub start_window: Option<(f64, f64)>,
    /// Where the drag began, CSS pixels.
    pub start_x: f64,
    /// The distance between two pointers when a pinch began, CSS pixels.
    pub start_distance: f64,
}

impl Gesture {
    /// A pointer went down at `x`: the gesture starts again from `window`.
    pub fn press(&mut self, id: i32, x: f64, window: Option<(f64, f64)>) {
        self.pointers.retain(|p| p.0 != id);
        self.pointers.push((id, x));
        self.restart(window);
    }

    /// A pointer went up (or was cancelled): the others go on from `window`.
    pub fn release(&mut self, id: i32, window: Option<(f64, f64)>) {
        self.pointers.retain(|p| p.0 != id);
        self.restart(window);
    }

    /// Whether pointer `id` is down on the chart.
    pub fn holds(&self, id: i32) -> bool {
        self.pointers.iter().any(|p| p.0 == id)
    }

    /// Pointer `id` moved to `x`; the window this proposes within `extent`: a pan by the drag
    /// for one pointer, a zoom by the change of distance around their midpoint for two
    /// (`day_at` gives the day under a CSS x). `days_per_css_px` is the start window's span
    /// over the plot's width; `None` when there is nothing to propose.
    pub fn moved(
        &mut self,
        id: i32,
        x: f64,
        days_per_css_px: f64,
        extent: (f64, f64),
        day_at: impl Fn(f64) -> Option<f64>,
    ) -> Option<(f64, f64)> {
        if let Some(p) = self.pointers.iter_mut().find(|p| p.0 == id) {
            p.1 = x;
        }
        let start = self.start_window?;
        if !days_per_css_px.is_finite() {
            return None;
        }
        match self.pointers.as_slice() {
            [only] => Some(pan(
                start,
                -(only.1 - self.start_x) * days_per_css_px,
                extent,
            )),
            [a, b, ..] => {
                let distance = (a.1 - b.1).abs().max(1.0);
                let anchor = day_at((a.1 + b.1) / 2.0).unwrap_or((start.0 + start.1) / 2.0);
                Some(zoom(
                    start,
                    anchor,
                    self.start_distance / distance,
                    extent,
                    MIN_SPAN_DAYS,
                ))
            }
            [] => None,
        }
    }

    fn restart(&mut self, window: Option<(f64, f64)>) {
        self.start_window = window;
        self.start_x = self.pointers.first().map_or(0.0, |p| p.1);
        self.start_distance = match self.pointers.as_slice() {
            [a, b, ..] => (a.1 - b.1).abs().max(1.0),
            _ => 0.0,
        };
    }
}

/// A key that moves the crosshair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// ArrowLeft: the point before.
    Back,
    /// ArrowRight: the point after.
    Forward,
    /// Home: the first visible point.
    First,
    /// End: the last visible point.
    Last,
}

impl Step {
    /// The step a key name stands for.
    pub fn of_key(key: &str) -> Option<Self> {
        match key {
            "ArrowLeft" => Some(Self::Back),
            "ArrowRight" => Some(Self::Forward),
            "Home" => Some(Self::First),
            "End" => Some(Self::Last),
            _ => None,
        }
    }
}

/// The time (Unix seconds) the crosshair moves to from point `current` (the last visible point
/// when none) by `step`, staying among the points of `times` inside `visible` (days; all when
/// `None`). `None` when no point is visible.
pub fn stepped(
    times: &[i64],
    visible: Option<(f64, f64)>,
    current: Option<usize>,
    step: Step,
) -> Option<i64> {
    let inside = |i: &usize| visible.is_none_or(|(a, b)| (a..=b).contains(&days(times[*i])));
    let first = (0..times.len()).find(inside)?;
    let last = (0..times.len()).rev().find(inside)?;
    let at = current.unwrap_or(last).clamp(first, last);
    let next = match step {
        Step::Back => at.saturating_sub(1).max(first),
        Step::Forward => (at + 1).min(last),
        Step::First => first,
        Step::Last => last,
    };
    times.get(next).copied()
}

/// `x` held within `[low, high]`, never panicking when a plot narrower than its margins gives
/// `low > high` (then `low`).
pub fn within(x: f64, low: f64, high: f64) -> f64 {
    x.min(high).max(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn a_drag_pans_and_a_pinch_zooms() {
        let mut g = Gesture::default();
        let extent = (0.0, 1_000.0);
        g.press(1, 100.0, Some((100.0, 200.0)));
        // Dragging 50 px right at 0.5 day a pixel shows 25 days earlier.
        let panned = g.moved(1, 150.0, 0.5, extent, |_| None).expect("window");
        assert_eq!(panned, (75.0, 175.0));
        // A second finger: spreading them from 100 px apart to 200 px halves the span.
        g.release(1, Some((100.0, 200.0)));
        g.press(1, 100.0, Some((100.0, 200.0)));
        g.press(2, 200.0, Some((100.0, 200.0)));
        assert_eq!(g.start_distance, 100.0);
        let pinched = g
            .moved(2, 300.0, 0.5, extent, |_| Some(150.0))
            .expect("window");
        assert!((pinched.1 - pinched.0 - 50.0).abs() < 1e-9, "{pinched:?}");
        assert!(g.holds(2) && !g.holds(3));
        g.release(1, None);
        g.release(2, None);
        assert_eq!(g.moved(2, 10.0, 0.5, extent, |_| None), None);
        assert_eq!(
            Gesture {
                start_window: Some((0.0, 1.0)),
                pointers: vec![(1, 0.0)],
                ..Gesture::default()
            }
            .moved(1, 5.0, f64::NAN, extent, |_| None),
            None
        );
    }

    #[test]
    fn arrow_keys_walk_the_visible_points() {
        let times: Vec<i64> = (0..10).map(|d| d * DAY).collect();
        let visible = Some((2.0, 6.0));
        assert_eq!(stepped(&times, visible, None, Step::Back), Some(5 * DAY));
        assert_eq!(stepped(&times, visible, Some(2), Step::Back), Some(2 * DAY));
        assert_eq!(
            stepped(&times, visible, Some(9), Step::Forward),
            Some(6 * DAY)
        );
        assert_eq!(
            stepped(&times, visible, Some(4), Step::First),
            Some(2 * DAY)
        );
        assert_eq!(stepped(&times, None, Some(4), Step::Last), Some(9 * DAY));
        assert_eq!(stepped(&times, Some((20.0, 30.0)), None, Step::Last), None);
        assert_eq!(stepped(&[], None, None, Step::Forward), None);
        assert_eq!(Step::of_key("Home"), Some(Step::First));
        assert_eq!(Step::of_key("x"), None);
    }

    #[test]
    fn a_chart_narrower_than_its_margins_does_not_panic() {
        assert_eq!(within(5.0, 0.0, 10.0), 5.0);
        assert_eq!(within(50.0, 60.0, 40.0), 60.0);
        assert!(within(f64::NAN, 0.0, 1.0).is_finite());
    }
}
