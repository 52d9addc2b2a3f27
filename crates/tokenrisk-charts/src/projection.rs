//! The mapping between data and the pixels of a drawn chart: what the pointer, the crosshair
//! and the tooltip use. Pixels are the canvas's backing pixels with the origin at the top
//! left (y grows downwards); data are days since 1970-01-01 across and values up.

use crate::time_axis::seconds;

/// The plotting area of a drawn chart and the data ranges it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Left and right edges of the plotting area, pixels.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// Top edge (the largest value).
    pub top: f64,
    /// Bottom edge (the smallest value).
    pub bottom: f64,
    /// Days shown, left to right.
    pub x: (f64, f64),
    /// Values shown, bottom to top.
    pub y: (f64, f64),
}

impl Projection {
    /// The pixel of a data point.
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left + fx * (self.right - self.left),
            self.bottom - fy * (self.bottom - self.top),
        )
    }

    /// The data point under a pixel, `None` outside the plotting area.
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        if !(self.left..=self.right).contains(&px) || !(self.top..=self.bottom).contains(&py) {
            return None;
        }
        let fx = (px - self.left) / (self.right - self.left);
        let fy = (self.bottom - py) / (self.bottom - self.top);
        Some((
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        ))
    }
}

/// The index of the time nearest to `day` (days since 1970-01-01) in increasing Unix-second
/// `times`; `None` for no times.
pub fn nearest_index(times: &[i64], day: f64) -> Option<usize> {
    let target = seconds(day);
    let after = times.partition_point(|&t| (t as f64) < target);
    match (after.checked_sub(1), (after < times.len()).then_some(after)) {
        (Some(before), Some(after)) => Some(
            if target - times[before] as f64 <= times[after] as f64 - target {
                before
            } else {
                after
            },
        ),
        (Some(only), None) | (None, Some(only)) => Some(only),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Projection = Projection {
        left: 60.0,
        right: 760.0,
        top: 10.0,
        bottom: 260.0,
        x: (100.0, 200.0),
        y: (-0.5, 0.0),
    };

    #[test]
    fn round_trips_both_ways() {
        for (x, y) in [(100.0, -0.5), (200.0, 0.0), (137.25, -0.123)] {
            let (px, py) = P.to_pixel(x, y);
            let (bx, by) = P.to_data(px, py).expect("inside");
            assert!(
                (bx - x).abs() < 1e-9 && (by - y).abs() < 1e-12,
                "({x}, {y})"
            );
        }
        for (px, py) in [(60.0, 260.0), (760.0, 10.0), (400.5, 99.25)] {
            let (x, y) = P.to_data(px, py).expect("inside");
            let (bx, by) = P.to_pixel(x, y);
            assert!(
                (bx - px).abs() < 1e-9 && (by - py).abs() < 1e-9,
                "({px}, {py})"
            );
        }
        assert_eq!(
            P.to_pixel(100.0, 0.0),
            (60.0, 10.0),
            "the largest value is at the top"
        );
        assert_eq!(P.to_data(59.0, 100.0), None);
        assert_eq!(P.to_data(100.0, 261.0), None);
    }

    #[test]
    fn snaps_to_the_nearest_time() {
        let day = 86_400; // seconds
        let times = [0, day, 3 * day];
        assert_eq!(nearest_index(&times, 0.4), Some(0));
        assert_eq!(nearest_index(&times, 0.6), Some(1));
        assert_eq!(nearest_index(&times, 2.1), Some(2));
        assert_eq!(nearest_index(&times, -5.0), Some(0));
        assert_eq!(nearest_index(&times, 50.0), Some(2));
        assert_eq!(nearest_index(&[], 1.0), None);
    }
}
