//! The chart kit's arithmetic under any numbers a gesture, a resize or a data file can give
//! (property tests; the `chart_view` fuzz target searches longer): zoom, pan and fit always
//! give a finite window inside the extent, value ticks are few and finite, and a whole chart
//! draws at any size and window without a panic.

use plotters::prelude::*;
use proptest::prelude::*;
use tokenrisk_charts::kind::DrawChart;
use tokenrisk_charts::scale::{linear_ticks, log_ticks};
use tokenrisk_charts::zoom::{fit, pan, wheel_factor, zoom};
use tokenrisk_charts::{ChartData, Scale, SeriesStyle, Theme, ValueFormat};

/// Any f64, the awkward ones often.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN
        ]),
        -1e6..1e6_f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn windows_stay_finite_and_inside_the_extent(
        w0 in number(), w1 in number(), e0 in number(), e1 in number(),
        anchor in number(), delta in number(), min_span in number(),
    ) {
        let extent = (e0, e1);
        let valid = e0.is_finite() && e1.is_finite() && e0 <= e1 && (e1 - e0).is_finite();
        for window in [
            zoom((w0, w1), anchor, wheel_factor(delta), extent, min_span),
            pan((w0, w1), delta, extent),
            fit((w0, w1), extent, min_span),
        ] {
            prop_assert!(window.0.is_finite() && window.1.is_finite() && window.0 <= window.1, "{window:?}");
            if valid {
                prop_assert!(e0 <= window.0 && window.1 <= e1, "{window:?} outside {extent:?}");
            }
        }
    }

    #[test]
    fn value_ticks_are_few_and_finite(lo in number(), hi in number()) {
        let linear = linear_ticks(lo, hi, 5);
        prop_assert!(linear.len() <= 30 && linear.iter().all(|t| t.is_finite()), "{linear:?}");
        let log = log_ticks(lo, hi);
        prop_assert!(log.len() <= 2_000 && log.iter().all(|t| t.is_finite() && *t > 0.0), "{log:?}");
    }

    #[test]
    fn a_chart_draws_at_any_size_and_window(
        width in 1_u32..400, height in 1_u32..200,
        w0 in number(), w1 in number(),
        values in prop::collection::vec(number(), 0..40),
        scale in prop::sample::select(vec![Scale::Linear, Scale::Log, Scale::PercentChange, Scale::Indexed]),
    ) {
        let times: Vec<i64> = (0..values.len() as i64).map(|d| 1_700_000_000 + d * 86_400).collect();
        let chart = ChartData {
            label: "close".to_owned(),
            times,
            values,
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window: Some((w0, w1)),
            scale,
        };
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = chart.draw(&root, &Theme::LIGHT);
    }
}
