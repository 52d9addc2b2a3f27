//! The maintenance brackets a command uses: those of a saved `GET /fapi/v1/leverageBracket`
//! answer (`--brackets FILE.json`, the account's own table, fetched by its holder with a signed
//! request), else the bundled snapshot's, with where they come from.

use std::path::Path;
use tokenrisk_core::leverage::BracketTable;
use tokenrisk_market::brackets::{bracket_table, symbols, BRACKETS_DATE, BRACKETS_SOURCE};
use tokenrisk_market::sources::binance_futures::parse_leverage_brackets;

/// A bracket table and its provenance.
pub struct BracketsUsed {
    /// The validated brackets, lowest notional first.
    pub table: BracketTable,
    /// Date of the snapshot; `None` for a saved answer (its date is the user's).
    pub date: Option<&'static str>,
    /// Where the brackets come from, in a line.
    pub source: String,
}

/// `symbol`'s brackets from `file` when given, else from the snapshot.
///
/// # Errors
/// The reason: an unreadable file, an answer without usable brackets for `symbol` (the rule a
/// bracket breaks), or a symbol the snapshot does not have.
pub fn brackets_for(symbol: &str, file: Option<&Path>) -> Result<BracketsUsed, String> {
    let symbol = symbol.trim().to_ascii_uppercase();
    match file {
        Some(path) => {
            let name = path.display();
            let text = crate::read_text_file(path).map_err(|e| format!("{name}: {e}"))?;
            let table = parse_leverage_brackets(&text, &symbol).map_err(|e| format!("{name}: {e}"))?;
            Ok(BracketsUsed {
                table,
                date: None,
                source: format!("{name}, a saved GET /fapi/v1/leverageBracket answer"),
            })
        }
        None => Ok(BracketsUsed {
            table: bracket_table(&symbol).ok_or_else(|| {
                format!(
                    "unknown symbol {symbol}: the bracket snapshot of {BRACKETS_DATE} has {} (or give --brackets)",
                    symbols().collect::<Vec<_>>().join(", ")
                )
            })?,
            date: Some(BRACKETS_DATE),
            source: BRACKETS_SOURCE.to_owned(),
        }),
    }
}
