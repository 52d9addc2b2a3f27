//! Colours and sizes shared by every chart, in a light and a dark palette. Every colour that
//! carries meaning passes WCAG AA against its background (4.5:1 for text, 3:1 for lines and
//! marks), checked by a test, and meaning never rests on colour alone: gains and losses also
//! differ in shape (hollow and filled candles, dashed marks, labels).

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
    /// Losses (drawdowns, falling candles, asks); paired with a fill or shape.
    pub loss: RGBColor,
    /// Gains (rising candles, bids).
    pub gain: RGBColor,
    /// Lines of a comparison, in order.
    pub palette: [RGBColor; 8],
    /// Device pixels per CSS pixel: sizes are given in CSS pixels and multiplied by this.
    pub scale: f64,
}

impl Theme {
    /// The light palette. Text #1f2933 on white is 14.9:1.
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(31, 41, 51),
        grid: RGBColor(226, 232, 240),
        line: RGBColor(37, 99, 235),
        loss: RGBColor(185, 28, 28),
        gain: RGBColor(15, 118, 110),
        palette: [
            RGBColor(37, 99, 235),
            RGBColor(194, 65, 12),
            RGBColor(21, 128, 61),
            RGBColor(126, 34, 206),
            RGBColor(190, 18, 60),
            RGBColor(15, 118, 110),
            RGBColor(31, 41, 51),
            RGBColor(161, 98, 7),
        ],
        scale: 1.0,
    };

    /// The dark palette, on slate #0f172a.
    pub const DARK: Theme = Theme {
        background: RGBColor(15, 23, 42),
        text: RGBColor(226, 232, 240),
        grid: RGBColor(51, 65, 85),
        line: RGBColor(96, 165, 250),
        loss: RGBColor(248, 113, 113),
        gain: RGBColor(45, 212, 191),
        palette: [
            RGBColor(96, 165, 250),
            RGBColor(251, 146, 60),
            RGBColor(74, 222, 128),
            RGBColor(192, 132, 252),
            RGBColor(251, 113, 133),
            RGBColor(45, 212, 191),
            RGBColor(226, 232, 240),
            RGBColor(250, 204, 21),
        ],
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

    /// The colour of the `i`-th line of a comparison (the palette repeats after eight).
    pub fn series(&self, i: usize) -> RGBColor {
        self.palette[i % self.palette.len()]
    }
}

/// WCAG 2 contrast ratio of two colours, `(L1 + 0.05) / (L2 + 0.05)` with `L` the relative
/// luminance (sRGB channels linearised).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let luminance = |c: RGBColor| {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.039_28 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(RGBColor(255, 255, 255), RGBColor(255, 255, 255)) - 1.0).abs() < 1e-12);
        // #767676 on white is the classic just-passing grey, 4.54:1.
        assert!((contrast(RGBColor(118, 118, 118), RGBColor(255, 255, 255)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn both_palettes_pass_wcag_aa() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            let bg = theme.background;
            assert!(contrast(theme.text, bg) >= 4.5, "{theme:?} text");
            for (name, colour) in [
                ("line", theme.line),
                ("loss", theme.loss),
                ("gain", theme.gain),
            ] {
                assert!(contrast(colour, bg) >= 3.0, "{name} {colour:?}");
            }
            for colour in theme.palette {
                assert!(contrast(colour, bg) >= 3.0, "{colour:?} on {bg:?}");
            }
        }
    }
}
