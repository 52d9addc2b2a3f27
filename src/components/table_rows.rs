//! Rows of the pages' data tables: a header row, and rows whose cells carry their column's
//! name (`data-label`, shown beside each value on a phone, where a `stacked` table's rows
//! become cards).

use leptos::prelude::*;

/// A table's header row.
pub fn header_row(headers: &'static [&'static str]) -> impl IntoView {
    let cells = headers
        .iter()
        .map(|h| view! { <th>{*h}</th> })
        .collect_view();
    view! { <tr>{cells}</tr> }
}

/// A row whose cells carry their column's name.
pub fn labelled_row<const N: usize>(
    headers: &'static [&'static str; N],
    cells: [String; N],
) -> impl IntoView {
    view! { <tr>{labelled_cells(headers, cells)}</tr> }
}

/// The cells of a row, each carrying its column's name (for a row that carries attributes of
/// its own, e.g. its key and value for tests and tools).
pub fn labelled_cells<const N: usize>(
    headers: &'static [&'static str; N],
    cells: [String; N],
) -> impl IntoView {
    headers
        .iter()
        .zip(cells)
        .map(|(h, c)| view! { <td class="num" data-label=*h>{c}</td> })
        .collect_view()
}
