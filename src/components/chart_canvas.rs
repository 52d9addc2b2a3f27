//! A plotters chart on a canvas, sharp at any devicePixelRatio and redrawn on resize.

use crate::format::{date, percent, price};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use tokenrisk_charts::{
    draw_comparison_chart, draw_series_chart, nearest_index, Line, Projection, SeriesChart,
    SeriesStyle, Theme, ValueFormat,
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
pub fn draw_on_canvas(
    canvas: &HtmlCanvasElement,
    spec: &ChartSpec,
) -> Result<Option<Projection>, String> {
    let dpr = window().device_pixel_ratio();
    let rect = canvas.get_bounding_client_rect();
    let width = (rect.width() * dpr).round() as u32;
    let height = (rect.height() * dpr).round() as u32;
    if width == 0 || height == 0 {
        return Ok(None); // not laid out (hidden); the next resize draws it
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

impl ChartSpec {
    /// The times of the chart's points.
    fn times(&self) -> &[i64] {
        match self {
            Self::Series(d) => &d.times,
            Self::Comparison(d) => &d.times,
        }
    }

    /// The tooltip's text at point `i`: the date, then each series' value.
    fn describe(&self, i: usize) -> String {
        let value = |format: ValueFormat, v: Option<&f64>| match (format, v) {
            (_, None) => "n/a".to_owned(),
            (ValueFormat::Price, Some(v)) => price(*v),
            (ValueFormat::Percent, Some(v)) => percent(*v, 1),
        };
        let when = self.times().get(i).map(|t| date(*t)).unwrap_or_default();
        match self {
            Self::Series(d) => format!("{when} · {}", value(d.format, d.values.get(i))),
            Self::Comparison(d) => {
                let values: Vec<String> = d
                    .lines
                    .iter()
                    .map(|(label, values, _)| format!("{label} {}", value(d.format, values.get(i))))
                    .collect();
                format!("{when} · {}", values.join(" · "))
            }
        }
    }
}

/// A chart canvas with a crosshair: the pointer (or the arrow keys, once the chart has focus)
/// picks the nearest date, marked by a vertical line with its values in a tooltip. Charts that
/// share `hover` move their crosshairs together. The chart redraws when `data` changes or the
/// window is resized.
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
    /// The hovered time (Unix seconds), shared by synchronised charts.
    #[prop(optional)]
    hover: Option<RwSignal<Option<i64>>>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0_u32);
    let failure = RwSignal::new(None::<String>);
    let projection = RwSignal::new(None::<Projection>);
    let hover = hover.unwrap_or_else(|| RwSignal::new(None));
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1));
    });
    on_cleanup(move || listener.remove());
    // Drawing on a canvas is synchronising with something outside the reactive graph: an Effect.
    Effect::new(move |_| {
        resized.track();
        let Some(element) = canvas.get() else { return };
        match data.with(|d| draw_on_canvas(&element, d)) {
            Ok(p) => {
                failure.set(None);
                projection.set(p);
            }
            Err(e) => failure.set(Some(e)),
        }
    });
    // The hovered point of this chart: the index nearest the shared time.
    let index = Memo::new(move |_| {
        let time = hover.get()?;
        data.with(|d| nearest_index(d.times(), time as f64 / 86_400.0))
    });
    let pick = move |css_x: f64| {
        let dpr = window().device_pixel_ratio();
        let Some(p) = projection.get_untracked() else {
            return;
        };
        let x = (css_x * dpr).clamp(p.left, p.right);
        let Some((day, _)) = p.to_data(x, (p.top + p.bottom) / 2.0) else {
            return;
        };
        let time = data.with_untracked(|d| nearest_index(d.times(), day).map(|i| d.times()[i]));
        hover.set(time);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step: i64 = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "Home" => i64::MIN,
            "End" => i64::MAX,
            "Escape" => {
                hover.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let time = data.with_untracked(|d| {
            let times = d.times();
            let last = times.len().checked_sub(1)?;
            let current = index.get_untracked().unwrap_or(last) as i64;
            let next = match step {
                i64::MIN => 0,
                i64::MAX => last as i64,
                s => (current + s).clamp(0, last as i64),
            };
            times.get(next as usize).copied()
        });
        hover.set(time);
    };
    // Where the crosshair stands, in CSS pixels, and what the tooltip says.
    let crosshair = move || {
        let i = index.get()?;
        let p = projection.get()?;
        let dpr = window().device_pixel_ratio();
        let time = data.with(|d| d.times().get(i).copied())?;
        let (x, _) = p.to_pixel(time as f64 / 86_400.0, p.y.0);
        // The tooltip opens towards the inside of the chart, so it never overflows the page.
        let shift = if x > (p.left + p.right) / 2.0 {
            "-100%"
        } else {
            "0"
        };
        Some((
            x / dpr,
            p.top / dpr,
            (p.bottom - p.top) / dpr,
            data.with(|d| d.describe(i)),
            time,
            shift,
        ))
    };
    view! {
        <div class="chart-wrap">
            <canvas id=id class="chart" node_ref=canvas role="img" tabindex="0"
                aria-label=move || format!("{} (arrow keys move the crosshair)", label.get())
                on:pointermove=move |ev| pick(f64::from(ev.offset_x()))
                on:pointerleave=move |_| hover.set(None)
                on:keydown=on_key
                data-plot=move || projection.get().map(|p| format!("{} {} {} {} {} {} {} {}", p.left, p.right, p.top, p.bottom, p.x.0, p.x.1, p.y.0, p.y.1))></canvas>
            {move || crosshair().map(|(x, top, height, text, time, shift)| view! {
                <div class="crosshair" aria-hidden="true" style=format!("left:{x}px;top:{top}px;height:{height}px")></div>
                <div class="chart-tooltip" role="status" data-time=time.to_string()
                    style=format!("left:{x}px;transform:translateX({shift})")>{text}</div>
            })}
        </div>
        <Show when=move || failure.with(Option::is_some)>
            <p class="chart-error" role="alert">
                "This chart could not be drawn: " {move || failure.get().unwrap_or_default()}
            </p>
        </Show>
    }
}
