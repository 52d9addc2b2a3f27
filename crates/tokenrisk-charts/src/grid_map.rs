//! An outcome over two inputs (a sweep, such as a cascade's move by shock and depth haircut)
//! as a grid of cells: each cell coloured white to orange by its size against the largest in
//! the grid, and printed with its text, so the number, not the colour, carries the meaning.

use crate::error::ChartError;
use crate::frame::no_data;
use crate::heat_map::{diverging, draw_cells, Cell};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A grid of outcomes: `values[row][column]` with the text each cell shows (the default: an
/// empty grid, drawn as "No data").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridMapData {
    /// What a cell holds ("Move after the cascade").
    pub what: String,
    /// What the rows vary ("Shock").
    pub row_title: String,
    /// What the columns vary ("Depth haircut").
    pub column_title: String,
    /// Row labels, top first.
    pub rows: Vec<String>,
    /// Column labels, left first.
    pub columns: Vec<String>,
    /// `values[row][column]`; a non-finite one is an empty cell.
    pub values: Vec<Vec<f64>>,
    /// `texts[row][column]`: what each cell says.
    pub texts: Vec<Vec<String>>,
}

/// A cell's value with its row and column.
type Located = (f64, usize, usize);

impl GridMapData {
    fn well_formed(&self) -> bool {
        let (n, m) = (self.rows.len(), self.columns.len());
        n > 0
            && m > 0
            && self.values.len() == n
            && self.texts.len() == n
            && self.values.iter().all(|r| r.len() == m)
            && self.texts.iter().all(|r| r.len() == m)
    }

    /// The largest magnitude among the finite values (the colour scale's end).
    fn largest(&self) -> f64 {
        self.values
            .iter()
            .flatten()
            .filter(|v| v.is_finite())
            .fold(0.0, |m: f64, v| m.max(v.abs()))
    }

    /// The cell of the smallest and of the largest magnitude.
    fn extremes(&self) -> Option<(Located, Located)> {
        let cells = self.values.iter().enumerate().flat_map(|(i, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .map(move |(j, v)| (*v, i, j))
        });
        let by_size =
            |a: &(f64, usize, usize), b: &(f64, usize, usize)| a.0.abs().total_cmp(&b.0.abs());
        Some((cells.clone().min_by(by_size)?, cells.max_by(by_size)?))
    }
}

impl ChartKind for GridMapData {
    /// The grid's inputs and its mildest and harshest cells.
    fn summary(&self) -> String {
        let name = |(_, i, j): Located| {
            format!(
                "{} ({} {}, {} {})",
                self.texts[i][j],
                self.row_title.to_lowercase(),
                self.rows[i],
                self.column_title.to_lowercase(),
                self.columns[j]
            )
        };
        match self.well_formed().then(|| self.extremes()).flatten() {
            Some((low, high)) => format!(
                "{} by {} (rows) and {} (columns): from {} to {}.",
                self.what,
                self.row_title.to_lowercase(),
                self.column_title.to_lowercase(),
                name(low),
                name(high)
            ),
            None => format!("{}: no data.", self.what),
        }
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            std::iter::once(self.row_title.clone())
                .chain(self.columns.iter().cloned())
                .collect(),
            self.rows
                .iter()
                .zip(&self.texts)
                .map(|(label, row)| {
                    std::iter::once(label.clone())
                        .chain(row.iter().cloned())
                        .collect()
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(
            std::iter::once(self.row_title.clone())
                .chain(self.columns.iter().cloned())
                .collect(),
        )
        .chain(self.rows.iter().zip(&self.values).map(|(label, row)| {
            std::iter::once(label.clone())
                .chain(row.iter().map(f64::to_string))
                .collect()
        }))
        .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for GridMapData {
    /// Draws the grid, rows top to bottom and columns left to right; a grid whose shape does
    /// not match its labels draws "No data".
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        root.fill(&theme.background)?;
        if !self.well_formed() {
            return no_data(root, theme).map(|()| None);
        }
        let largest = self.largest();
        let cells: Vec<Vec<Cell>> = self
            .values
            .iter()
            .zip(&self.texts)
            .map(|(values, texts)| {
                values
                    .iter()
                    .zip(texts)
                    .map(|(&v, text)| Cell {
                        fill: (v.is_finite() && largest > 0.0)
                            .then(|| diverging(v.abs() / largest)),
                        text: text.clone(),
                    })
                    .collect()
            })
            .collect();
        let rows: Vec<&str> = self.rows.iter().map(String::as_str).collect();
        let columns: Vec<&str> = self.columns.iter().map(String::as_str).collect();
        draw_cells(root, &rows, &columns, &cells, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> GridMapData {
        GridMapData {
            what: "Move after the cascade".to_owned(),
            row_title: "Shock".to_owned(),
            column_title: "Depth haircut".to_owned(),
            rows: vec!["−5%".to_owned(), "−10%".to_owned()],
            columns: vec!["none".to_owned(), "crash".to_owned(), "flash".to_owned()],
            values: vec![vec![-0.05, -0.06, f64::NAN], vec![-0.1, -0.14, -0.3]],
            texts: vec![
                vec!["−5.0%".into(), "−6.0%".into(), "n/a".into()],
                vec!["−10.0%".into(), "−14.0%".into(), "≤ −30.0%".into()],
            ],
        }
    }

    #[test]
    fn the_summary_names_the_mildest_and_the_harshest_cell() {
        assert_eq!(
            grid().summary(),
            "Move after the cascade by shock (rows) and depth haircut (columns): from −5.0% (shock −5%, depth haircut none) to ≤ −30.0% (shock −10%, depth haircut flash)."
        );
        let mut bad = grid();
        bad.texts.pop();
        assert_eq!(bad.summary(), "Move after the cascade: no data.");
    }

    #[test]
    fn each_cell_prints_its_text_and_a_bad_shape_draws_no_data() {
        let draw = |g: &GridMapData| {
            let mut svg = String::new();
            let drawn = {
                let root = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
                g.draw(&root, &Theme::LIGHT).expect("draws")
            };
            (svg, drawn)
        };
        let (svg, drawn) = draw(&grid());
        assert!(drawn.is_some());
        for text in ["−5.0%", "−14.0%", "≤ −30.0%", "n/a", "crash", "−10%"] {
            assert!(svg.contains(text), "{text}");
        }
        let mut bad = grid();
        bad.values[1].pop();
        assert!(draw(&bad).1.is_none());
    }

    #[test]
    fn the_table_shows_the_texts_and_the_csv_the_numbers() {
        let (head, rows) = grid().table();
        assert_eq!(head, ["Shock", "none", "crash", "flash"]);
        assert_eq!(rows[1], ["−10%", "−10.0%", "−14.0%", "≤ −30.0%"]);
        let csv = grid().csv();
        assert!(
            csv.starts_with("Shock,none,crash,flash\n−5%,-0.05,-0.06,NaN\n"),
            "{csv}"
        );
    }
}
