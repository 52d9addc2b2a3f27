//! The token view's charts: the price (full history, zoomable, any scale), the drawdown over
//! the range and the daily traded volume, whose crosshairs and zoom move together, and the
//! distribution of the range's daily returns with its VaR and expected shortfall marked.

use crate::components::chart::{ChartCanvas, ChartData, ChartSpec, HistogramData};
use crate::data::AssetSeries;
use crate::format::percent;
use leptos::prelude::*;
use tokenrisk_charts::{Scale, SeriesStyle, ValueFormat};
use tokenrisk_core::range::TokenRisk;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::stats::histogram;
use tokenrisk_core::tail::historical;

/// The confidence of the VaR and ES marked on the distribution.
const CONFIDENCE: f64 = 0.95;

/// Bins of the return histogram: √n, between 10 and 50.
fn bins(n: usize) -> usize {
    ((n as f64).sqrt().ceil() as usize).clamp(10, 50)
}

/// The distribution of `risk`'s daily returns with historical VaR and ES at 95 % marked.
pub fn distribution(risk: &TokenRisk) -> Option<HistogramData> {
    let returns = simple_returns(risk.prices.values());
    let h = histogram(&returns, bins(returns.len())).ok()?;
    let tail = historical(&returns, CONFIDENCE).ok()?;
    Some(HistogramData {
        label: "daily simple returns".to_owned(),
        edges: h.edges,
        counts: h.counts,
        markers: vec![
            (format!("VaR 95%: {}", percent(-tail.var, 1)), -tail.var),
            (format!("ES 95%: {}", percent(-tail.es, 1)), -tail.es),
        ],
        format: ValueFormat::Percent,
    })
}

/// Price, drawdown and return-distribution charts.
#[component]
pub fn TokenCharts(
    /// The asset shown, whole history.
    asset: Memo<Option<AssetSeries>>,
    /// The range's numbers.
    risk: Memo<Option<TokenRisk>>,
    /// The visible window, days.
    window: Signal<Option<(f64, f64)>>,
    /// The price chart's scale.
    scale: Signal<Scale>,
    /// What the charts are of, e.g. "TAO, range 1Y".
    caption: Signal<String>,
    /// Called when the user zooms or pans a chart.
    on_window: Callback<(f64, f64)>,
    /// Called when the user resets the zoom.
    on_reset: Callback<()>,
) -> impl IntoView {
    let price_chart = Signal::derive(move || {
        asset.with(|a| {
            let (times, values, label) = a.as_ref().map_or_else(Default::default, |a| {
                let unit = a.currency.clone().unwrap_or_else(|| "price".to_owned());
                (
                    a.prices.times().to_vec(),
                    a.prices.values().to_vec(),
                    format!("{} close, {unit}", a.id),
                )
            });
            ChartSpec::new(ChartData {
                label,
                times,
                values,
                format: ValueFormat::Price,
                style: SeriesStyle::Line,
                window: window.get(),
                scale: scale.get(),
            })
        })
    });
    let drawdown_chart = Signal::derive(move || {
        risk.with(|r| {
            ChartSpec::new(ChartData {
                label: "drawdown from the range's running peak".to_owned(),
                times: r
                    .as_ref()
                    .map(|r| r.prices.times().to_vec())
                    .unwrap_or_default(),
                values: r.as_ref().map(|r| r.drawdowns.clone()).unwrap_or_default(),
                format: ValueFormat::Percent,
                style: SeriesStyle::AreaToZero,
                window: window.get(),
                scale: Scale::Linear,
            })
        })
    });
    let volume_chart = Signal::derive(move || {
        asset.with(|a| {
            let volume = a
                .as_ref()
                .and_then(|a| a.volume.as_ref().map(|v| (a.id.as_str(), v)));
            let (label, times, values) = volume.map_or_else(Default::default, |(id, v)| {
                (
                    format!("{id} daily volume, {}", v.unit),
                    v.times.clone(),
                    v.values.clone(),
                )
            });
            ChartSpec::new(ChartData {
                label,
                times,
                values,
                format: ValueFormat::Compact,
                style: SeriesStyle::Columns,
                window: window.get(),
                scale: Scale::Linear,
            })
        })
    });
    let has_volume = move || asset.with(|a| a.as_ref().is_some_and(|a| a.volume.is_some()));
    let volume_unit = move || {
        asset.with(|a| {
            a.as_ref()
                .and_then(|a| a.volume.as_ref())
                .map_or_else(String::new, |v| v.unit.clone())
        })
    };
    let distribution_chart = Signal::derive(move || {
        risk.with(|r| {
            ChartSpec::new(r.as_ref().and_then(distribution).unwrap_or(HistogramData {
                label: "daily simple returns".to_owned(),
                edges: Vec::new(),
                counts: Vec::new(),
                markers: Vec::new(),
                format: ValueFormat::Percent,
            }))
        })
    });
    // One crosshair for both time panes: hovering either shows the same date on both.
    let hover = RwSignal::new(None::<i64>);
    let label =
        move |what: &'static str| Signal::derive(move || format!("{} {what}", caption.get()));
    view! {
        <section class="charts">
            <figure class="panel">
                <figcaption>"Price"</figcaption>
                <ChartCanvas id="price-chart" label=label("daily close") data=price_chart hover=hover
                    on_window=on_window on_reset=on_reset/>
            </figure>
            <figure class="panel">
                <figcaption>"Drawdown from the range's running peak"</figcaption>
                <ChartCanvas id="drawdown-chart" label=label("drawdown") data=drawdown_chart hover=hover
                    on_window=on_window on_reset=on_reset/>
            </figure>
            <Show when=has_volume>
                <figure class="panel">
                    <figcaption>{move || format!("Daily traded volume ({})", volume_unit())}</figcaption>
                    <ChartCanvas id="volume-chart" label=label("daily volume") data=volume_chart hover=hover
                        on_window=on_window on_reset=on_reset/>
                </figure>
            </Show>
            <figure class="panel">
                <figcaption>"Distribution of daily returns, with 95 % VaR and expected shortfall (historical)"</figcaption>
                <ChartCanvas id="returns-histogram" label=label("daily return distribution") data=distribution_chart/>
            </figure>
        </section>
    }
}
