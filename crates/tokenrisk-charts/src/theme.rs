//! Colours and sizes shared by every chart.

use plotters::style::RGBColor;

/// A chart palette plus the device-pixel scale the chart is drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Plot background.
    pub background: RGBColor,
    /// Axis labels and text.
    pub text: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The main series line.
    pub line: RGBColor,
    /// Losses (drawdowns); paired with a fill so colour is not the only cue.
    pub loss: RGBColor,
    /// Device pixels per CSS pixel: sizes are given in CSS pixels and multiplied by this.
    pub scale: f64,
}

impl Theme {
    /// The light palette. Text #1f2933 on white is 14.9:1 (WCAG AA needs 4.5:1).
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(31, 41, 51),
        grid: RGBColor(226, 232, 240),
        line: RGBColor(37, 99, 235),
        loss: RGBColor(185, 28, 28),
        scale: 1.0,
    };

    /// This theme at another device-pixel scale (non-finite or non-positive scales give 1).
    pub fn with_scale(self, scale: f64) -> Self {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Self { scale, ..self }
    }

    /// A length in CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }
}
