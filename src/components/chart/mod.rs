//! The chart kit's canvas component: a plotters chart on a canvas, sharp at any
//! devicePixelRatio, redrawn at most once per animation frame when its data, its theme or the
//! window size changes, with TradingView-style interaction over it:
//!
//! - a crosshair that snaps to the nearest point with an HTML tooltip, shared by the charts of a
//!   page (pointer, or arrow keys once the chart has focus; Escape hides it);
//! - zoom with the wheel around the pointer, drag to pan, pinch on touch, double-click (or `0`)
//!   to reset, `+`/`-` to zoom from the keyboard — reported to the page, which owns the range;
//! - PNG and CSV export, a text summary and a data table for screen readers.

pub mod export;
pub mod gesture;
pub mod spec;

pub use spec::ChartSpec;
/// The data of each chart type a page builds, wrapped in a [`ChartSpec`].
pub use tokenrisk_charts::{
    CandleData, ChartData, ComparisonData, DepthData, FanData, HeatMapData, HistogramData,
};

use crate::theme::ThemeState;
use gesture::{stepped, within, Gesture, Step, MIN_SPAN_DAYS};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use tokenrisk_charts::time_axis::days;
use tokenrisk_charts::zoom::{wheel_factor, zoom};
use tokenrisk_charts::{nearest_index, Projection, Theme};
use web_sys::HtmlCanvasElement;

/// Draws `spec` on `canvas` in `theme`, first sizing its backing store to its CSS size ×
/// devicePixelRatio so that one backing pixel is one device pixel.
///
/// # Errors
/// A message when the canvas has no 2D context or drawing fails.
pub fn draw_on_canvas(
    canvas: &HtmlCanvasElement,
    spec: &ChartSpec,
    theme: Theme,
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
    spec.draw(&root, &theme.with_scale(dpr))
        .map_err(|e| e.to_string())
}

/// A chart canvas with its crosshair, zoom, exports and accessible text. Charts that share
/// `hover` move their crosshairs together; charts given `on_window` can be zoomed and panned
/// (the page decides what the new window means and feeds it back through `data`).
#[component]
pub fn ChartCanvas(
    /// Element id of the canvas; also names exported files (`{id}.png`, `{id}.csv`).
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
    /// Called with a new visible window (days) when the user zooms or pans.
    #[prop(optional)]
    on_window: Option<Callback<(f64, f64)>>,
    /// Called when the user resets the zoom (double-click, or `0`).
    #[prop(optional)]
    on_reset: Option<Callback<()>>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0_u32);
    let failure = RwSignal::new(None::<String>);
    let projection = RwSignal::new(None::<Projection>);
    let hover = hover.unwrap_or_else(|| RwSignal::new(None));
    let theme = ThemeState::use_theme();
    let gesture = StoredValue::new(Gesture::default());
    let frame_pending = StoredValue::new(false);
    let table_open = RwSignal::new(false);
    let export_error = RwSignal::new(None::<String>);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1));
    });
    on_cleanup(move || listener.remove());
    // Drawing on a canvas is synchronising with something outside the reactive graph: an
    // Effect. Changes within one frame (a burst of wheel events, a resize) draw once.
    Effect::new(move |_| {
        resized.track();
        data.track();
        let palette = theme.chart_theme();
        if frame_pending.get_value() {
            return;
        }
        frame_pending.set_value(true);
        // By the next frame the chart may be gone (another token was chosen, the page was
        // left): its values are disposed then, so every read and write here is a try.
        request_animation_frame(move || {
            frame_pending.set_value(false);
            let Some(element) = canvas.try_get_untracked().flatten() else {
                return;
            };
            match data.try_with_untracked(|d| draw_on_canvas(&element, d, palette)) {
                Some(Ok(p)) => {
                    if p.is_some() {
                        crate::components::lazy::chart_drawn();
                    }
                    failure.try_set(None);
                    projection.try_set(p);
                }
                Some(Err(e)) => {
                    failure.try_set(Some(e));
                }
                None => {}
            }
        });
    });
    let times = Memo::new(move |_| data.with(|d| d.times()));
    // The hovered point of this chart: the index nearest the shared time.
    let index = Memo::new(move |_| {
        let time = hover.get()?;
        times.with(|t| nearest_index(t, days(time)))
    });
    // The day under a CSS x position, within the plot.
    let day_at = move |css_x: f64| -> Option<f64> {
        let p = projection.get_untracked()?;
        let x = within(css_x * window().device_pixel_ratio(), p.left, p.right);
        p.to_data(x, (p.top + p.bottom) / 2.0).map(|(day, _)| day)
    };
    let pick = move |css_x: f64| {
        let Some(day) = day_at(css_x) else { return };
        let time = times.with_untracked(|t| nearest_index(t, day).map(|i| t[i]));
        hover.set(time);
    };
    let zoomable = on_window.is_some();
    let propose = move |window: (f64, f64)| {
        if let Some(callback) = on_window {
            callback.run(window);
        }
    };
    let current = move || data.with_untracked(|d| d.window().zip(d.extent()));
    let zoom_by = move |factor: f64, anchor: Option<f64>| {
        if let Some((window, extent)) = current() {
            let anchor = anchor.unwrap_or((window.0 + window.1) / 2.0);
            propose(zoom(window, anchor, factor, extent, MIN_SPAN_DAYS));
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        if !zoomable {
            return;
        }
        ev.prevent_default();
        // Lines (Firefox) and pages count as 16 and 400 pixels.
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        zoom_by(
            wheel_factor(ev.delta_y() * unit),
            day_at(f64::from(ev.offset_x())),
        );
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if !zoomable {
            return;
        }
        if let Some(element) = canvas.get_untracked() {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
        let window = current().map(|c| c.0);
        gesture.update_value(|g| g.press(ev.pointer_id(), f64::from(ev.offset_x()), window));
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let x = f64::from(ev.offset_x());
        if !gesture.with_value(|g| g.holds(ev.pointer_id())) {
            pick(x);
            return;
        }
        let (Some(p), Some((_, extent))) = (projection.get_untracked(), current()) else {
            return;
        };
        let span = gesture.with_value(|g| g.start_window.map(|w| w.1 - w.0));
        let days_per_css_px =
            span.unwrap_or(0.0) / (p.right - p.left) * window().device_pixel_ratio();
        let proposed = gesture
            .try_update_value(|g| g.moved(ev.pointer_id(), x, days_per_css_px, extent, day_at))
            .flatten();
        if let Some(w) = proposed {
            propose(w);
        }
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        let window = current().map(|c| c.0);
        gesture.update_value(|g| g.release(ev.pointer_id(), window));
    };
    let reset = move || {
        if let Some(callback) = on_reset {
            callback.run(());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if zoomable {
            let anchor = || {
                let t =
                    times.with_untracked(|t| index.get_untracked().and_then(|i| t.get(i).copied()));
                t.map(days)
            };
            match key.as_str() {
                "+" | "=" => {
                    ev.prevent_default();
                    zoom_by(0.8, anchor());
                    return;
                }
                "-" | "_" => {
                    ev.prevent_default();
                    zoom_by(1.25, anchor());
                    return;
                }
                "0" => {
                    ev.prevent_default();
                    reset();
                    return;
                }
                _ => {}
            }
        }
        if key == "Escape" {
            hover.set(None);
            return;
        }
        let Some(step) = Step::of_key(&key) else {
            return;
        };
        ev.prevent_default();
        let visible = current().map(|(w, _)| w);
        let time = times.with_untracked(|t| stepped(t, visible, index.get_untracked(), step));
        hover.set(time);
    };
    // Where the crosshair stands, in CSS pixels, and what the tooltip says.
    let crosshair = move || {
        let i = index.get()?;
        let p = projection.get()?;
        let dpr = window().device_pixel_ratio();
        let time = times.with(|t| t.get(i).copied())?;
        let day = days(time);
        if !(p.x.0..=p.x.1).contains(&day) {
            return None;
        }
        let (x, _) = p.to_pixel(day, p.y.0);
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
    let summary_id = format!("{id}-summary");
    let save_png = move |_| {
        let outcome = canvas
            .get_untracked()
            .ok_or_else(|| "the chart is not on the page".to_owned())
            .and_then(|c| export::save_png(&c, &format!("{id}.png")));
        export_error.set(outcome.err());
    };
    let save_csv = move |_| {
        let outcome = data.with_untracked(|d| export::save_csv(&d.csv(), &format!("{id}.csv")));
        export_error.set(outcome.err());
    };
    let table = move || {
        table_open.get().then(|| {
            let (headers, rows) = data.with(|d| d.table());
            view! {
                <table class="metric-table chart-table">
                    <caption>{move || label.get()}</caption>
                    <thead><tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>{rows.into_iter().map(|row| view! {
                        <tr>{row.into_iter().enumerate().map(|(i, cell)| if i == 0 {
                            view! { <th scope="row">{cell}</th> }.into_any()
                        } else {
                            view! { <td class="num">{cell}</td> }.into_any()
                        }).collect_view()}</tr>
                    }).collect_view()}</tbody>
                </table>
            }
        })
    };
    let hint = if zoomable {
        " (arrow keys move the crosshair; + and − zoom, 0 resets)"
    } else {
        ""
    };
    view! {
        <div class="chart-wrap" class:zoomable=zoomable>
            <canvas id=id class="chart" node_ref=canvas role="img" tabindex="0"
                aria-label=move || format!("{}{hint}", label.get())
                aria-describedby=summary_id.clone()
                on:pointermove=on_pointer_move
                on:pointerdown=on_pointer_down
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                on:pointerleave=move |_| hover.set(None)
                on:wheel=on_wheel
                on:dblclick=move |_| reset()
                on:keydown=on_key
                data-window=move || data.with(|d| d.window().map(|(a, b)| format!("{a} {b}")))
                data-plot=move || projection.get().map(|p| format!("{} {} {} {} {} {} {} {}", p.left, p.right, p.top, p.bottom, p.x.0, p.x.1, p.y.0, p.y.1))></canvas>
            {move || crosshair().map(|(x, top, height, text, time, shift)| view! {
                <div class="crosshair" aria-hidden="true" style=format!("left:{x}px;top:{top}px;height:{height}px")></div>
                <div class="chart-tooltip" role="status" data-time=time.to_string()
                    style=format!("left:{x}px;transform:translateX({shift})")>{text}</div>
            })}
        </div>
        <p class="chart-summary" id=summary_id>{move || data.with(|d| d.summary())}</p>
        <div class="chart-tools">
            <button type="button" class="chart-export" data-export="png" on:click=save_png>"Save PNG"</button>
            <button type="button" class="chart-export" data-export="csv" on:click=save_csv>"Save CSV"</button>
            <details class="chart-data" on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                table_open.set(open);
            }>
                <summary>"Data table"</summary>
                {table}
            </details>
        </div>
        {move || export_error.get().map(|e| view! { <p class="chart-error" role="alert">{e}</p> })}
        <Show when=move || failure.with(Option::is_some)>
            <p class="chart-error" role="alert">
                "This chart could not be drawn: " {move || failure.get().unwrap_or_default()}
            </p>
        </Show>
    }
}
