//! Figures as the pages show them: a key, a label, the value as text and as a number (the
//! row's `data-value`, read by tests), and how it is made; a captioned table of them, and the
//! view that renders one.

use leptos::prelude::*;

/// One figure: a key for tests, a label, the value as text, its raw number, how it is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable key (the row's `data-key`).
    pub key: &'static str,
    /// Its name for people.
    pub label: String,
    /// The value as shown (`n/a` where there is none).
    pub text: String,
    /// The raw value.
    pub value: Option<f64>,
    /// How it is computed.
    pub explain: &'static str,
}

impl Figure {
    /// A figure whose text is `show(value)`, or `n/a` without a value.
    pub fn new(
        key: &'static str,
        label: impl Into<String>,
        value: Option<f64>,
        show: impl Fn(f64) -> String,
        explain: &'static str,
    ) -> Self {
        Self {
            key,
            label: label.into(),
            text: value.map_or_else(|| "n/a".to_owned(), show),
            value,
            explain,
        }
    }
}

/// A captioned table of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureTable {
    /// What the table shows.
    pub caption: String,
    /// Its rows.
    pub figures: Vec<Figure>,
}

/// A figure table: a row per figure (its key as `data-key`, its number as `data-value`), with
/// the explanation beside each value (under it on a phone: the table is `cards`).
pub fn figure_table(id: &'static str, table: FigureTable) -> impl IntoView {
    let FigureTable { caption, figures } = table;
    let rows = figures
        .into_iter()
        .map(|f| {
            let data_value = f.value.map(|v| v.to_string()).unwrap_or_default();
            view! {
                <tr data-key=f.key>
                    <th scope="row">{f.label}</th>
                    <td class="num" data-value=data_value>{f.text}</td>
                    <td class="explain">{f.explain}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="metric-table cards" id=id>
            <caption>{caption}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Reading figures back in tests: the raw value and the text of the figure `key`.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod testing {
    use super::FigureTable;

    /// The raw value of `key` (panics when there is none: a test failure).
    pub fn value(table: &FigureTable, key: &str) -> f64 {
        table
            .figures
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.value)
            .unwrap_or_else(|| panic!("no value for {key}"))
    }

    /// The text shown for `key` (panics when there is no such row).
    pub fn text<'a>(table: &'a FigureTable, key: &str) -> &'a str {
        &table
            .figures
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no row {key}"))
            .text
    }
}
