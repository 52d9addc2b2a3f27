//! The page for a path the app does not have.

use leptos::prelude::*;
use leptos_router::components::A;

/// Says the page does not exist and links to the token view.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="panel notice" role="alert">
            <h1>"Page not found"</h1>
            <p>"This address is not a page of Token Risk Lab. "
                <A href="./">"Open the token view"</A>"."</p>
        </section>
    }
}
