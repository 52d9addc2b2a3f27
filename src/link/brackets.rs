//! A contract's maintenance brackets as the user edited them, carried in the liquidity page's
//! link (`brk=BTCUSDT,50000:125:0.4,600000:100:0.5`): the contract, then one
//! `cap:max leverage:maintenance rate in percent` triple per bracket, lowest notional first.
//! Each bracket starts where the previous one ends (the first at 0) and its maintenance amount
//! follows Binance's recursion, so neither is written; what a link writes reads back
//! (round-trip tested), and a text that does not make a valid table is refused whole.

use tokenrisk_core::leverage::{BracketTable, TableError};

/// Most brackets an edited table may hold (Binance's longest tables have about 20).
pub const MAX_BRACKETS: usize = 30;

/// One edited bracket: where it ends, the highest leverage it allows and its maintenance rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BracketEdit {
    /// Notional cap, USDT (the next bracket starts there).
    pub cap: f64,
    /// Highest leverage a position opened in the bracket may use.
    pub max_leverage: f64,
    /// Maintenance margin rate in percent (`0.4` is 0.4 %).
    pub rate_pct: f64,
}

/// A maintenance rate (a fraction) in percent, rounded to 10 decimals: `0.0065 · 100` is
/// `0.6500000000000001` in binary, which a link and a field should not show.
pub fn rate_pct(rate: f64) -> f64 {
    (rate * 1e12).round() / 1e10
}

/// A contract's brackets as edited: valid by construction (every value of
/// [`EditedBrackets::new`] and [`EditedBrackets::parse`] makes a [`BracketTable`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EditedBrackets {
    symbol: String,
    rows: Vec<BracketEdit>,
    table: BracketTable,
}

/// Why an edited table is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The contract's name is not 2–20 letters and digits.
    #[error("{0:?} is not a contract's symbol")]
    Symbol(String),
    /// No bracket, or more than [`MAX_BRACKETS`].
    #[error("a table holds 1 to {MAX_BRACKETS} brackets, not {0}")]
    Count(usize),
    /// A bracket is not three numbers `cap:leverage:rate`.
    #[error("bracket {0} is not cap:max leverage:maintenance rate in percent")]
    Shape(usize),
    /// The brackets break a rule of the table.
    #[error("{0}")]
    Table(#[from] TableError),
}

impl EditedBrackets {
    /// `symbol`'s table from `rows`, upper-cased symbol.
    ///
    /// # Errors
    /// [`EditError`] for a bad symbol, count, or a table that breaks Binance's rules (caps
    /// increasing, rates non-decreasing in (0, 100 %), `1 ≤ max leverage < 1 / rate`).
    pub fn new(symbol: &str, rows: Vec<BracketEdit>) -> Result<Self, EditError> {
        let symbol = symbol.trim().to_ascii_uppercase();
        if !(2..=20).contains(&symbol.len()) || !symbol.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(EditError::Symbol(symbol));
        }
        if !(1..=MAX_BRACKETS).contains(&rows.len()) {
            return Err(EditError::Count(rows.len()));
        }
        let mut floor = 0.0;
        let rates: Vec<(f64, f64, f64, f64)> = rows
            .iter()
            .map(|r| {
                let row = (floor, r.cap, r.max_leverage, r.rate_pct / 100.0);
                floor = r.cap;
                row
            })
            .collect();
        let table = BracketTable::from_rates(&rates)?;
        Ok(Self {
            symbol,
            rows,
            table,
        })
    }

    /// `symbol`'s rows read off a table (its floors and amounts follow from them).
    ///
    /// # Errors
    /// As [`EditedBrackets::new`] (a table read elsewhere can hold a cap the link would not).
    pub fn from_table(symbol: &str, table: &BracketTable) -> Result<Self, EditError> {
        Self::new(
            symbol,
            table
                .brackets()
                .iter()
                .map(|b| BracketEdit {
                    cap: b.notional_cap,
                    max_leverage: b.max_leverage,
                    rate_pct: rate_pct(b.maintenance_rate),
                })
                .collect(),
        )
    }

    /// Reads the link's text: `SYMBOL,cap:leverage:rate,…` (spaces, a `×`/`x` after a
    /// leverage and a `%` after a rate are allowed).
    ///
    /// # Errors
    /// [`EditError`] naming the first problem.
    pub fn parse(text: &str) -> Result<Self, EditError> {
        let mut parts = text.split(',');
        let symbol = parts.next().unwrap_or_default();
        let rows = parts
            .map(|part| {
                let mut numbers = part.split(':').map(str::trim);
                let mut next = |suffix: &[char]| -> Option<f64> {
                    numbers.next()?.trim_end_matches(suffix).trim().parse().ok()
                };
                let row = BracketEdit {
                    cap: next(&[])?,
                    max_leverage: next(&['x', '×'])?,
                    rate_pct: next(&['%'])?,
                };
                numbers.next().is_none().then_some(row)
            })
            .enumerate()
            .map(|(i, row)| row.ok_or(EditError::Shape(i + 1)))
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(symbol, rows)
    }

    /// The link's text (what [`EditedBrackets::parse`] reads back).
    pub fn write(&self) -> String {
        std::iter::once(self.symbol.clone())
            .chain(
                self.rows
                    .iter()
                    .map(|r| format!("{}:{}:{}", r.cap, r.max_leverage, r.rate_pct)),
            )
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The contract, upper case.
    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    /// The edited rows, lowest notional first.
    pub fn rows(&self) -> &[BracketEdit] {
        &self.rows
    }

    /// The validated table.
    pub fn table(&self) -> &BracketTable {
        &self.table
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tokenrisk_market::brackets::{bracket_table, symbols};

    #[test]
    fn every_snapshot_table_round_trips_through_the_link() {
        for symbol in symbols() {
            let table = bracket_table(symbol).expect("snapshot");
            let edited = EditedBrackets::from_table(symbol, &table).expect("valid");
            let back = EditedBrackets::parse(&edited.write()).expect("reads back");
            assert_eq!(back, edited, "{symbol}");
            assert_eq!(back.table().brackets().len(), table.brackets().len());
            for (a, b) in back.table().brackets().iter().zip(table.brackets()) {
                assert_eq!(
                    (a.notional_floor, a.notional_cap, a.max_leverage),
                    (b.notional_floor, b.notional_cap, b.max_leverage)
                );
                assert!((a.maintenance_rate - b.maintenance_rate).abs() < 1e-15);
                // Binance's cum, re-derived by the recursion, to the cent.
                assert!((a.maintenance_amount - b.maintenance_amount).abs() <= 0.01);
            }
        }
    }

    #[test]
    fn a_hand_written_link_gives_its_floors_and_amounts() {
        let e =
            EditedBrackets::parse(" btcusdt , 50000 : 125x : 0.4% ,600000:100×:0.5").expect("ok");
        assert_eq!(e.symbol(), "BTCUSDT");
        let b = e.table().brackets();
        assert_eq!(
            (b[1].notional_floor, b[1].notional_cap),
            (50_000.0, 600_000.0)
        );
        // cum₂ = 50,000 · (0.5 % − 0.4 %) = 50.
        assert!((b[1].maintenance_amount - 50.0).abs() < 1e-9);
        assert_eq!(e.write(), "BTCUSDT,50000:125:0.4,600000:100:0.5");
    }

    #[test]
    fn bad_texts_say_what_is_wrong() {
        for (text, reason) in [
            ("", "is not a contract's symbol"),
            ("BTC-USDT,50000:125:0.4", "is not a contract's symbol"),
            ("BTCUSDT", "1 to 30 brackets, not 0"),
            ("BTCUSDT,50000:125", "bracket 1 is not cap"),
            (
                "BTCUSDT,50000:125:0.4,600000:100:0.5:9",
                "bracket 2 is not cap",
            ),
            (
                "BTCUSDT,50000:125:0.4,40000:100:0.5",
                "bracket 2's cap is not above its floor",
            ),
            (
                "BTCUSDT,50000:125:0.4,600000:100:0.3",
                "bracket 2's maintenance rate",
            ),
            ("BTCUSDT,50000:300:0.4", "bracket 1's maximum leverage 300"),
            ("BTCUSDT,50000:0.5:0.4", "bracket 1's maximum leverage 0.5"),
            ("BTCUSDT,NaN:125:0.4", "not a finite number"),
            ("BTCUSDT,50000:125:100", "maintenance rate 1"),
        ] {
            let e = EditedBrackets::parse(text).expect_err(text);
            assert!(e.to_string().contains(reason), "{text}: {e}");
        }
        let many = format!("BTCUSDT{}", ",1:1:1".repeat(MAX_BRACKETS + 1));
        assert_eq!(
            EditedBrackets::parse(&many),
            Err(EditError::Count(MAX_BRACKETS + 1))
        );
    }

    proptest! {
        /// Any text is a table or a reason, never a panic; a table reads back as itself.
        #[test]
        fn any_text_is_a_table_or_a_reason(text in ".{0,200}") {
            if let Ok(e) = EditedBrackets::parse(&text) {
                prop_assert_eq!(EditedBrackets::parse(&e.write()), Ok(e));
            }
        }

        /// Valid tables of any shape round-trip exactly.
        #[test]
        fn valid_tables_round_trip(
            steps in proptest::collection::vec((1.0..1e9f64, 0.0..5.0f64), 1..12)
        ) {
            let mut cap = 0.0;
            let mut rate = 0.1;
            let rows: Vec<BracketEdit> = steps
                .iter()
                .map(|&(width, rise)| {
                    cap += width;
                    rate = (rate + rise).min(50.0);
                    BracketEdit { cap, max_leverage: (100.0 / rate * 0.9).max(1.0).floor(), rate_pct: rate }
                })
                .collect();
            let e = EditedBrackets::new("TAOUSDT", rows).expect("valid by construction");
            prop_assert_eq!(EditedBrackets::parse(&e.write()), Ok(e));
        }
    }
}
