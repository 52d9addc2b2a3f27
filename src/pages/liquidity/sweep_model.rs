//! The cascade over a grid of shocks and depth haircuts, for the link's open interest, long
//! share, leverage mix and entry prices on the token's book: how far the price ends from the start in each
//! cell, drawn as a grid map. A plain function over the core's [`simulate`], tested natively.

use super::cascade_model::{cascade_input, cut_name};
use crate::format::percent;
use crate::link::liquidity::{LiquidityLink, CUTS};
use tokenrisk_charts::GridMapData;
use tokenrisk_core::cascade::{simulate, Stop};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::order_book::OrderBook;

/// The shocks of the grid's rows, in percent of the start price (their sign that of the link's
/// shock).
pub const SHOCKS_PCT: [f64; 6] = [2.0, 5.0, 10.0, 15.0, 20.0, 30.0];

/// The text of one cell: the move, a bound where the cascade ran past the visible book.
fn cell_text(moved: f64, stop: Stop) -> String {
    let text = percent(moved, 1);
    match stop {
        Stop::BookExhausted if moved < 0.0 => format!("≤ {text}"),
        Stop::BookExhausted => format!("≥ {text}"),
        _ => text,
    }
}

/// The move from the start after the cascade (final / start − 1) for each of [`SHOCKS_PCT`]
/// (rows, in the direction of the link's shock) and each depth haircut of [`CUTS`] (columns),
/// everything else as the link says. A run the core refuses is an empty cell.
pub fn sweep(
    book: &OrderBook,
    link: &LiquidityLink,
    open_interest: f64,
    bracket: Bracket,
    entries: &[(f64, f64)],
) -> GridMapData {
    let sign = link.shock_pct.signum();
    let mut values = Vec::with_capacity(SHOCKS_PCT.len());
    let mut texts = Vec::with_capacity(SHOCKS_PCT.len());
    for shock in SHOCKS_PCT.map(|s| sign * s) {
        let (row_values, row_texts): (Vec<f64>, Vec<String>) = CUTS
            .iter()
            .map(|(_, cut)| {
                let mut input = cascade_input(book, link, open_interest, bracket, entries);
                input.shock = shock / 100.0;
                input.haircut = cut.map_or(Haircut::Flat(0.0), HaircutPreset::haircut);
                match simulate(&input) {
                    Ok(r) => {
                        let moved = r.final_price / r.start_price - 1.0;
                        (moved, cell_text(moved, r.stop))
                    }
                    Err(_) => (f64::NAN, "n/a".to_owned()),
                }
            })
            .unzip();
        values.push(row_values);
        texts.push(row_texts);
    }
    GridMapData {
        what: "Move from the start after the cascade".to_owned(),
        row_title: "Shock".to_owned(),
        column_title: "Depth haircut".to_owned(),
        rows: SHOCKS_PCT
            .iter()
            .map(|s| percent(sign * s / 100.0, 0))
            .collect(),
        columns: CUTS
            .iter()
            .map(|(_, cut)| {
                cut_name(*cut)
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect(),
        values,
        texts,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::link::liquidity::RawLiquidity;
    use tokenrisk_market::brackets::bracket_table;
    use tokenrisk_market::sources::binance::parse_depth;

    fn link(pairs: &[(&str, &str)]) -> LiquidityLink {
        LiquidityLink::parse(&RawLiquidity::from_pairs(pairs.iter().copied()), &["TAO"])
    }

    #[test]
    fn each_cell_is_the_cores_cascade_with_that_shock_and_haircut() {
        let book = parse_depth(&tokenrisk_testdata::read_orderbook(
            "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
        ))
        .expect("recorded book");
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let l = link(&[("shock", "-8"), ("long", "80"), ("mix", "vendor")]);
        let grid = sweep(&book, &l, 3e6, bracket, &[]);
        assert_eq!(grid.rows, ["−2%", "−5%", "−10%", "−15%", "−20%", "−30%"]);
        assert_eq!(
            grid.columns,
            ["none", "stressed regime", "crash hour", "flash crash"]
        );
        // Row −15 %, column crash hour, by a direct run of the core.
        let mut input = cascade_input(&book, &l, 3e6, bracket, &[]);
        input.shock = -0.15;
        input.haircut = HaircutPreset::CrashHour.haircut();
        let r = simulate(&input).expect("runs");
        assert_eq!(grid.values[3][2], r.final_price / r.start_price - 1.0);
        assert_eq!(grid.texts[3][2], cell_text(grid.values[3][2], r.stop));
        // Every cell at least its shock: liquidations only add to it.
        for (i, row) in grid.values.iter().enumerate() {
            for v in row {
                assert!(*v <= -SHOCKS_PCT[i] / 100.0 + 1e-12, "row {i}: {v}");
            }
        }
        // A rise sweeps upward shocks.
        let up = sweep(&book, &link(&[("shock", "6")]), 3e6, bracket, &[]);
        assert_eq!(up.rows[0], "2%");
        assert!(up.values[0][0] >= 0.02 - 1e-12);
    }

    #[test]
    fn bounds_past_the_book_say_so() {
        assert_eq!(cell_text(-0.3, Stop::BookExhausted), "≤ −30.0%");
        assert_eq!(cell_text(0.3, Stop::BookExhausted), "≥ 30.0%");
        assert_eq!(cell_text(-0.3, Stop::Settled), "−30.0%");
    }
}
