//! What a chart type is to the app: [`ChartKind`], how it reads without the picture (the
//! tooltip's text at a point, a one-line summary, a data table, a CSV file in full precision)
//! and the times it covers, and [`DrawChart`], how it draws. Each chart type's file implements
//! both for its data, so a new chart type is that one file: the app holds any chart as a
//! `dyn DrawChart` and has no list of chart types.

use crate::error::ChartError;
use crate::projection::Projection;
use crate::theme::Theme;
use crate::time_axis::{days, in_window};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// A chart's data, as it reads without the picture and the times it covers. The time methods
/// default to none: a chart over something else than time (a distribution, a matrix, an
/// order book) has no crosshair times and no zoom.
pub trait ChartKind: std::fmt::Debug {
    /// The times of the points (Unix seconds, increasing) the crosshair snaps to.
    fn times(&self) -> Vec<i64> {
        Vec::new()
    }

    /// The days the data covers, for zooming; `None` for a chart that does not zoom.
    fn extent(&self) -> Option<(f64, f64)> {
        None
    }

    /// The visible window in days of a zoomable chart (its own, else the whole extent).
    fn window(&self) -> Option<(f64, f64)> {
        None
    }

    /// Whether Unix time `t` is inside the visible window (always, without one).
    fn shows(&self, t: i64) -> bool {
        in_window(self.window(), t)
    }

    /// The tooltip's text at point `i` of [`ChartKind::times`] (empty for charts without).
    fn describe(&self, _i: usize) -> String {
        String::new()
    }

    /// One or two sentences saying what the chart shows, for screen readers and a caption.
    fn summary(&self) -> String;

    /// The data as a table: column headers and rows of text (the visible window's, when
    /// zoomed).
    fn table(&self) -> (Vec<String>, Vec<Vec<String>>);

    /// The rows of [`ChartKind::csv`], the header first, numbers in full precision.
    fn csv_rows(&self) -> Vec<Vec<String>>;

    /// The data as CSV: [`ChartKind::csv_rows`] with a field quoted when it holds a comma, a
    /// quote or a line break, each line ended by `\n`.
    fn csv(&self) -> String {
        self.csv_rows()
            .iter()
            .map(|r| r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","))
            .map(|line| line + "\n")
            .collect()
    }
}

/// A chart that draws on backend `DB` (every chart type draws on any backend).
pub trait DrawChart<DB: DrawingBackend>: ChartKind {
    /// Draws the chart filling `root` in `theme` and returns its projection (`None` when there
    /// was nothing to draw and "No data" was written instead).
    ///
    /// # Errors
    /// [`ChartError`] when the backend fails.
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError>;
}

/// A CSV field. A text cell a spreadsheet would run as a formula (one starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return: OWASP's "CSV Injection") gets a leading `'`, so it
/// opens as text; numbers, negative ones included, are left as they are. Then quoted when it
/// holds a comma, a quote or a line break (quotes doubled).
fn field(text: &str) -> String {
    let is_formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.trim().parse::<f64>().is_err();
    let text = if is_formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The days from the first to the last of increasing `times`; `None` for no times.
pub(crate) fn extent_of(times: &[i64]) -> Option<(f64, f64)> {
    Some((days(*times.first()?), days(*times.last()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(field("TAO close, USDT"), "\"TAO close, USDT\"");
        assert_eq!(field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("plain"), "plain");
    }

    #[test]
    fn formula_cells_open_as_text_and_numbers_stay_numbers() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("-0.0523"), "-0.0523");
        assert_eq!(field("+1e-5"), "+1e-5");
        assert_eq!(field("2024-04-11"), "2024-04-11");
    }
}
