//! The tokenomics page.

pub mod absorption_model;
pub mod dilution_model;
pub mod model;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
