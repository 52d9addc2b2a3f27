//! The app's pages, one module each.

pub mod data;
pub mod liquidity;
pub mod not_found;
pub mod portfolio;
pub mod sector;
pub mod signals;
pub mod split;
pub mod token;
pub mod tokenomics;
