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
    let cells = headers
        .iter()
        .zip(cells)
        .map(|(h, c)| view! { <td class="num" data-label=*h>{c}</td> })
        .collect_view();
    view! { <tr>{cells}</tr> }
}
