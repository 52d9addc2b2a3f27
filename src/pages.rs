//! The app's pages, one module each.

pub mod not_found;
pub mod token;
