//! A plotters chart on a canvas, sharp at any devicePixelRatio and redrawn on resize.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use tokenrisk_charts::{
    draw_comparison_chart, draw_series_chart, Line, SeriesChart, SeriesStyle, Theme, ValueFormat,
};
use web_sys::HtmlCanvasElement;

/// What a chart canvas shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    /// One series, as a line or an area.
    Series(ChartData),
    /// Several series on shared axes, with a legend.
    Comparison(ComparisonData),
}

/// Several series over the same times.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonData {
    /// Times, Unix seconds.
    pub times: Vec<i64>,
    /// `(label, values, dashed)` per line.
    pub lines: Vec<(String, Vec<f64>, bool)>,
    /// How y labels read.
    pub format: ValueFormat,
}

/// What one chart shows: a series over time and how to draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Times, Unix seconds.
    pub times: Vec<i64>,
    /// Values, one per time.
    pub values: Vec<f64>,
    /// Price or percent labels.
    pub format: ValueFormat,
    /// Line or area to zero.
    pub style: SeriesStyle,
}

/// Draws `data` on `canvas`, first sizing its backing store to its CSS size × devicePixelRatio
/// so that one backing pixel is one device pixel.
///
/// # Errors
/// A message when the canvas has no 2D context or drawing fails.
pub fn draw_on_canvas(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Result<(), String> {
    let dpr = window().device_pixel_ratio();
    let rect = canvas.get_bounding_client_rect();
    let width = (rect.width() * dpr).round() as u32;
    let height = (rect.height() * dpr).round() as u32;
    if width == 0 || height == 0 {
        return Ok(()); // not laid out (hidden); the next resize draws it
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas".to_owned())?;
    let root = backend.into_drawing_area();
    let theme = Theme::LIGHT.with_scale(dpr);
    match spec {
        ChartSpec::Series(data) => {
            let chart = SeriesChart {
                times: &data.times,
                values: &data.values,
                format: data.format,
                style: data.style,
            };
            draw_series_chart(&root, &chart, &theme)
        }
        ChartSpec::Comparison(data) => {
            let lines: Vec<Line<'_>> = data
                .lines
                .iter()
                .map(|(label, values, dashed)| Line {
                    label,
                    times: &data.times,
                    values,
                    dashed: *dashed,
                })
                .collect();
            draw_comparison_chart(&root, &lines, data.format, &theme)
        }
    }
    .map_err(|e| e.to_string())
}

/// A chart canvas. `label` is its accessible name; the chart redraws when `data` changes or
/// the window is resized.
#[component]
pub fn ChartCanvas(
    /// Element id of the canvas.
    id: &'static str,
    /// Accessible name, e.g. "TAO price, last 90 days".
    #[prop(into)]
    label: Signal<String>,
    /// What to draw.
    #[prop(into)]
    data: Signal<ChartSpec>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0_u32);
    let failure = RwSignal::new(None::<String>);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1));
    });
    on_cleanup(move || listener.remove());
    // Drawing on a canvas is synchronising with something outside the reactive graph: an Effect.
    Effect::new(move |_| {
        resized.track();
        let Some(element) = canvas.get() else { return };
        let outcome = data.with(|d| draw_on_canvas(&element, d));
        failure.set(outcome.err());
    });
    view! {
        <canvas id=id class="chart" node_ref=canvas role="img" aria-label=move || label.get()></canvas>
        <Show when=move || failure.with(Option::is_some)>
            <p class="chart-error" role="alert">
                "This chart could not be drawn: " {move || failure.get().unwrap_or_default()}
            </p>
        </Show>
    }
}
