//! Reusable pieces of the page.

pub mod chart;
pub mod csv_import;
pub mod data_status;
pub mod fields;
pub mod lazy;
pub mod market_context;
pub mod metric_table;
pub mod provenance;
pub mod range_controls;
pub mod skeleton;
pub mod table_rows;
