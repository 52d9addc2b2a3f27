//! A matrix as a heat map (correlations): each cell coloured on a diverging blue–white–orange
//! scale (readable with red–green colour blindness) and printed with its value, so the number,
//! not the colour, carries the meaning. The value is written in black or white, whichever
//! contrasts more with the cell (black or white text always reaches 4.5:1 on some side). Also
//! the matrix's data ([`HeatMapData`]) with the summary, table and CSV.

use crate::error::ChartError;
use crate::frame::{axes, label_font, no_data, projection_of, Axis};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::theme::{contrast, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A square matrix with row and column labels.
#[derive(Debug, Clone, Copy)]
pub struct HeatMap<'a> {
    /// Labels of the rows (and the columns, in the same order).
    pub labels: &'a [&'a str],
    /// `values[row][column]`, in `[-1, 1]`; non-finite cells are drawn empty with "n/a".
    pub values: &'a [Vec<f64>],
}

/// The colour of `v` in `[-1, 1]`: blue for −1, white for 0, orange for +1.
pub fn diverging(v: f64) -> RGBColor {
    let v = v.clamp(-1.0, 1.0);
    let (end, t) = if v < 0.0 {
        ((37.0, 99.0, 235.0), -v)
    } else {
        ((234.0, 88.0, 12.0), v)
    };
    let mix = |e: f64| (255.0 + (e - 255.0) * t).round() as u8;
    RGBColor(mix(end.0), mix(end.1), mix(end.2))
}

/// One cell of a grid: its colour (`None`: an empty cell, drawn in the background) and the text
/// printed on it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// Fill.
    pub fill: Option<RGBColor>,
    /// What the cell says.
    pub text: String,
}

/// Draws a grid of `cells` (`cells[row][column]`, row 0 at the top) filling `root`, the rows
/// labelled on the left and the columns below, each cell's text in black or white, whichever
/// contrasts more with its fill; returns the projection in cell units (column `j` spans
/// `[j, j + 1]`; row `i` spans `[n − i − 1, n − i]` for `n` rows). The caller checks the
/// shape.
pub(crate) fn draw_cells<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[&str],
    columns: &[&str],
    cells: &[Vec<Cell>],
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    let (n, m) = (rows.len() as f64, columns.len() as f64);
    let column_axis = Axis {
        range: (0.0, m),
        ticks: columns
            .iter()
            .enumerate()
            .map(|(j, label)| (j as f64 + 0.5, (*label).to_owned()))
            .collect(),
    };
    // Row i spans [n − i − 1, n − i]: row 0 at the top.
    let row_axis = Axis {
        range: (0.0, n),
        ticks: rows
            .iter()
            .enumerate()
            .map(|(i, label)| (n - i as f64 - 0.5, (*label).to_owned()))
            .collect(),
    };
    let mut cc = axes(root, &column_axis, &row_axis, theme)?;
    let projection = projection_of(&cc, &column_axis, &row_axis);
    let font = label_font(theme).pos(Pos::new(HPos::Center, VPos::Center));
    for (i, row) in cells.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            let (x, y) = (j as f64, n - i as f64 - 1.0);
            let fill = cell.fill.unwrap_or(theme.background);
            cc.draw_series(std::iter::once(Rectangle::new(
                [(x, y), (x + 1.0, y + 1.0)],
                fill.filled(),
            )))?;
            cc.draw_series(std::iter::once(Rectangle::new(
                [(x, y), (x + 1.0, y + 1.0)],
                theme.background.stroke_width(theme.px(1.0)),
            )))?;
            let ink = match cell.fill {
                None => theme.text,
                Some(f) if contrast(RGBColor(0, 0, 0), f) >= 4.5 => RGBColor(0, 0, 0),
                Some(_) => RGBColor(255, 255, 255),
            };
            cc.draw_series(std::iter::once(Text::new(
                cell.text.clone(),
                (x + 0.5, y + 0.5),
                font.clone().color(&ink),
            )))?;
        }
    }
    root.present()?;
    Ok(Some(projection))
}

/// Draws `map` filling `root` and returns its projection: x and y in cell units (column `j`
/// spans `[j, j + 1]`; row `i`, counted from the top, spans `[n − i − 1, n − i]`). A
/// matrix that is not square with one label per row draws "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_heat_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &HeatMap<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let n = map.labels.len();
    if n == 0 || map.values.len() != n || map.values.iter().any(|r| r.len() != n) {
        return no_data(root, theme).map(|()| None);
    }
    let cells: Vec<Vec<Cell>> = map
        .values
        .iter()
        .map(|row| {
            row.iter()
                .map(|&v| Cell {
                    fill: v.is_finite().then(|| diverging(v)),
                    text: if v.is_finite() {
                        format!("{v:.2}").replace('-', "−")
                    } else {
                        "n/a".to_owned()
                    },
                })
                .collect()
        })
        .collect();
    draw_cells(root, map.labels, map.labels, &cells, theme)
}

/// A labelled square matrix, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMapData {
    /// Row and column labels.
    pub labels: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
}

impl ChartKind for HeatMapData {
    /// The pairs with the highest and the lowest value.
    fn summary(&self) -> String {
        let mut pairs: Vec<(f64, String)> = Vec::new();
        for (i, row) in self.values.iter().enumerate() {
            for (j, v) in row.iter().enumerate().skip(i + 1) {
                if v.is_finite() {
                    pairs.push((*v, format!("{}–{}", self.labels[i], self.labels[j])));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        match (pairs.first(), pairs.last()) {
            (Some(hi), Some(lo)) => format!(
                "Correlations of {}: highest {} {:.2}, lowest {} {:.2}.",
                self.labels.join(", "),
                hi.1,
                hi.0,
                lo.1,
                lo.0
            ),
            _ => "No correlations to show.".to_owned(),
        }
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            std::iter::once(String::new())
                .chain(self.labels.iter().cloned())
                .collect(),
            self.labels
                .iter()
                .zip(&self.values)
                .map(|(label, row)| {
                    std::iter::once(label.clone())
                        .chain(row.iter().map(|v| format!("{v:.2}")))
                        .collect()
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(
            std::iter::once(String::new())
                .chain(self.labels.iter().cloned())
                .collect(),
        )
        .chain(self.labels.iter().zip(&self.values).map(|(label, row)| {
            std::iter::once(label.clone())
                .chain(row.iter().map(f64::to_string))
                .collect()
        }))
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for HeatMapData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        let map = HeatMap {
            labels: &labels,
            values: &self.values,
        };
        draw_heat_map(root, &map, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_runs_blue_white_orange_and_every_cell_has_readable_ink() {
        assert_eq!(diverging(0.0), RGBColor(255, 255, 255));
        assert_eq!(diverging(-1.0), RGBColor(37, 99, 235));
        assert_eq!(diverging(1.0), RGBColor(234, 88, 12));
        assert_eq!(diverging(7.0), diverging(1.0));
        for k in -20..=20 {
            let fill = diverging(f64::from(k) / 20.0);
            let best =
                contrast(RGBColor(0, 0, 0), fill).max(contrast(RGBColor(255, 255, 255), fill));
            assert!(best >= 4.5, "{fill:?}: {best}");
        }
    }
}
