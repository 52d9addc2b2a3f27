//! The maintenance brackets the page uses for a contract: the user's, when the link carries an
//! edited table for it (`brk=`), else Binance's dated snapshot; and the user's edits of them
//! (a cell, a bracket added or removed, an account's saved `leverageBracket` answer pasted),
//! each checked by Binance's rules before it reaches the link, so a refused edit is a reason
//! and the table in use stays as it was.

use crate::link::brackets::{BracketEdit, EditedBrackets};
use crate::link::liquidity::LiquidityLink;
use tokenrisk_core::leverage::BracketTable;
use tokenrisk_market::brackets::{bracket_table, BRACKETS_DATE};
use tokenrisk_market::sources::binance_futures::parse_leverage_brackets;

/// A contract's brackets in use and whether they are the user's.
#[derive(Debug, Clone, PartialEq)]
pub struct Brackets {
    /// The validated table.
    pub table: BracketTable,
    /// Edited in the link (else the snapshot's).
    pub edited: bool,
}

impl Brackets {
    /// Where the brackets come from, to follow "Maintenance brackets: ".
    pub fn provenance(&self) -> String {
        if self.edited {
            format!("yours, as edited in the link (Binance's snapshot of {BRACKETS_DATE} changed)")
        } else {
            format!("Binance, snapshot of {BRACKETS_DATE}")
        }
    }
}

/// `symbol`'s brackets: the link's edited table when it is `symbol`'s, else the snapshot's;
/// `None` for a contract the snapshot does not have and the link does not edit.
pub fn for_symbol(link: &LiquidityLink, symbol: &str) -> Option<Brackets> {
    match &link.brackets {
        Some(e) if e.symbol().eq_ignore_ascii_case(symbol) => Some(Brackets {
            table: e.table().clone(),
            edited: true,
        }),
        _ => bracket_table(symbol).map(|table| Brackets {
            table,
            edited: false,
        }),
    }
}

/// What the page says when the link's edited table is another contract's than `symbol`.
pub fn elsewhere(link: &LiquidityLink, symbol: &str) -> Option<String> {
    let edited = link.brackets.as_ref()?.symbol();
    (!edited.eq_ignore_ascii_case(symbol)).then(|| {
        format!("The link's edited brackets are {edited}'s; {symbol} uses the snapshot's. Open {edited} again to use them.")
    })
}

/// One change to a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    /// Bracket `n` (from 1) ends at this notional, USDT.
    Cap(usize, f64),
    /// Bracket `n` allows at most this leverage.
    MaxLeverage(usize, f64),
    /// Bracket `n`'s maintenance rate, in percent.
    RatePct(usize, f64),
    /// A bracket after the last: twice its cap, half its leverage (at least 1×), twice its rate
    /// (at most 50 %, never below the last).
    Add,
    /// The last bracket removed (a table keeps at least one).
    RemoveLast,
}

/// The link's text of `symbol`'s `table` with `edit` made.
///
/// # Errors
/// Why the edited table breaks Binance's rules, or a bracket that does not exist.
pub fn edit(symbol: &str, table: &BracketTable, edit: Edit) -> Result<String, String> {
    let mut rows = EditedBrackets::from_table(symbol, table)
        .map_err(|e| e.to_string())?
        .rows()
        .to_vec();
    let mut cell = |n: usize, set: &dyn Fn(&mut BracketEdit)| -> Result<(), String> {
        let row = n
            .checked_sub(1)
            .and_then(|i| rows.get_mut(i))
            .ok_or_else(|| format!("there is no bracket {n}"))?;
        set(row);
        Ok(())
    };
    match edit {
        Edit::Cap(n, v) => cell(n, &|r| r.cap = v)?,
        Edit::MaxLeverage(n, v) => cell(n, &|r| r.max_leverage = v)?,
        Edit::RatePct(n, v) => cell(n, &|r| r.rate_pct = v)?,
        Edit::Add => {
            let last = *rows.last().ok_or("the table is empty")?;
            rows.push(BracketEdit {
                cap: last.cap * 2.0,
                max_leverage: (last.max_leverage / 2.0).floor().max(1.0),
                rate_pct: (last.rate_pct * 2.0).min(50.0).max(last.rate_pct),
            });
        }
        Edit::RemoveLast if rows.len() > 1 => {
            rows.pop();
        }
        Edit::RemoveLast => return Err("a table keeps at least one bracket".to_owned()),
    }
    EditedBrackets::new(symbol, rows)
        .map(|e| e.write())
        .map_err(|e| e.to_string())
}

/// The link's text of the brackets an account's saved `GET /fapi/v1/leverageBracket` answer
/// gives `symbol` (pasted on the page: the request needs the account's key, which never
/// enters the page).
///
/// # Errors
/// The parser's reason (another shape, no entry for `symbol`, a rule broken).
pub fn from_answer(symbol: &str, answer: &str) -> Result<String, String> {
    let table = parse_leverage_brackets(answer, symbol).map_err(|e| e.to_string())?;
    EditedBrackets::from_table(symbol, &table)
        .map(|e| e.write())
        .map_err(|e| e.to_string())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::link::liquidity::{RawLiquidity, BRACKETS};
    use crate::pages::liquidity::TOKENS;

    fn link(brk: &str) -> LiquidityLink {
        LiquidityLink::parse(&RawLiquidity::from_pairs([(BRACKETS, brk)]), &TOKENS)
    }

    fn snapshot(symbol: &str) -> BracketTable {
        bracket_table(symbol).expect("snapshot")
    }

    #[test]
    fn the_links_table_is_used_for_its_contract_only() {
        let l = link("TAOUSDT,10000:40:2,100000:20:4");
        let tao = for_symbol(&l, "taousdt").expect("edited");
        assert!(tao.edited);
        assert_eq!(tao.table.brackets()[0].maintenance_rate, 0.02);
        // cum₂ = 10,000 · (4 % − 2 %) = 200.
        assert!((tao.table.brackets()[1].maintenance_amount - 200.0).abs() < 1e-9);
        assert!(tao.provenance().contains("yours"));
        let btc = for_symbol(&l, "BTCUSDT").expect("snapshot");
        assert_eq!((&btc.table, btc.edited), (&snapshot("BTCUSDT"), false));
        assert!(btc.provenance().contains("2024-10-24"));
        assert_eq!(elsewhere(&l, "TAOUSDT"), None);
        assert!(elsewhere(&l, "BTCUSDT").is_some_and(|t| t.contains("are TAOUSDT's")));
        assert_eq!(for_symbol(&l, "DOGEUSDT"), None);
        let e = link("DOGEUSDT,5000:20:2.5");
        assert!(for_symbol(&e, "DOGEUSDT").is_some_and(|b| b.edited));
    }

    #[test]
    fn cell_edits_keep_the_rest_and_rederive_the_amounts() {
        let table = snapshot("BTCUSDT");
        let text = edit("BTCUSDT", &table, Edit::RatePct(2, 0.6)).expect("valid");
        let e = EditedBrackets::parse(&text).expect("reads");
        let b = e.table().brackets();
        assert_eq!(b.len(), table.brackets().len());
        assert!((b[1].maintenance_rate - 0.006).abs() < 1e-15);
        // cum₂ = 50,000 · (0.6 − 0.4) % = 100; cum₃ = cum₂ + 600,000 · (0.65 − 0.6) % = 400.
        assert!((b[1].maintenance_amount - 100.0).abs() < 1e-9);
        assert!((b[2].maintenance_amount - 400.0).abs() < 1e-9);
        let text = edit("BTCUSDT", &table, Edit::Cap(1, 40_000.0)).expect("valid");
        let b = EditedBrackets::parse(&text)
            .expect("reads")
            .table()
            .brackets()
            .to_vec();
        assert_eq!(
            (b[0].notional_cap, b[1].notional_floor),
            (40_000.0, 40_000.0)
        );
        let text = edit("BTCUSDT", &table, Edit::MaxLeverage(1, 100.0)).expect("valid");
        assert!(text.starts_with("BTCUSDT,50000:100:0.4,"), "{text}");
    }

    #[test]
    fn adding_and_removing_brackets() {
        let table = snapshot("ICPUSDT");
        let added = edit("ICPUSDT", &table, Edit::Add).expect("valid");
        let b = EditedBrackets::parse(&added)
            .expect("reads")
            .table()
            .brackets()
            .to_vec();
        assert_eq!(b.len(), table.brackets().len() + 1);
        let last = b[b.len() - 1];
        // After 6M–10M at 1× and 50 %: 10M–20M, 1×, 50 %.
        assert_eq!(
            (
                last.notional_floor,
                last.notional_cap,
                last.max_leverage,
                last.maintenance_rate
            ),
            (10e6, 20e6, 1.0, 0.5)
        );
        let removed = edit("ICPUSDT", &table, Edit::RemoveLast).expect("valid");
        let e = EditedBrackets::parse(&removed).expect("reads");
        assert_eq!(
            e.table().brackets(),
            &table.brackets()[..table.brackets().len() - 1]
        );
        let one = EditedBrackets::parse("ICPUSDT,5000:25:1").expect("one bracket");
        assert_eq!(
            edit("ICPUSDT", one.table(), Edit::RemoveLast),
            Err("a table keeps at least one bracket".to_owned())
        );
    }

    #[test]
    fn edits_that_break_a_rule_are_reasons() {
        let table = snapshot("TAOUSDT");
        for (e, reason) in [
            (Edit::RatePct(3, 1.0), "bracket 3's maintenance rate"),
            (
                Edit::Cap(2, 5_000.0),
                "bracket 2's cap is not above its floor",
            ),
            (
                Edit::MaxLeverage(1, 120.0),
                "bracket 1's maximum leverage 120",
            ),
            (Edit::MaxLeverage(4, f64::NAN), "not a finite number"),
            (Edit::RatePct(12, 1.0), "there is no bracket 12"),
            (Edit::Cap(0, 1.0), "there is no bracket 0"),
        ] {
            let got = edit("TAOUSDT", &table, e).expect_err("refused");
            assert!(got.contains(reason), "{e:?}: {got}");
        }
    }

    #[test]
    fn a_pasted_answer_becomes_the_links_table() {
        let answer = r#"[{"symbol":"ETHUSDT","brackets":[{"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0}]},
            {"symbol":"TAOUSDT","brackets":[{"bracket":2,"initialLeverage":"20","notionalCap":"80000","notionalFloor":"8000","maintMarginRatio":"0.025","cum":"120"},
            {"bracket":1,"initialLeverage":"50","notionalCap":"8000","notionalFloor":"0","maintMarginRatio":"0.01","cum":"0"}]}]"#;
        assert_eq!(
            from_answer("TAOUSDT", answer),
            Ok("TAOUSDT,8000:50:1,80000:20:2.5".to_owned())
        );
        let refused = from_answer("NEARUSDT", answer).expect_err("not in it");
        assert!(refused.contains("no brackets for NEARUSDT"), "{refused}");
        assert!(from_answer("TAOUSDT", "{\"code\":-2015}").is_err());
    }
}
