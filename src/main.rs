//! Entry point: install the panic hook (a panic must reach the console with its message, in
//! release builds too), then mount the app.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(token_risk_lab::App);
}
