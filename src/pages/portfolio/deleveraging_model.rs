//! The deleveraging leg of the combined stress: in each held asset's perpetual market, the
//! market shock's move crosses the liquidation prices of leveraged positions, their forced
//! orders walk the asset's order book thinned by the scenario's haircut, and the price falls
//! (or rises) further than the shock alone (`tokenrisk_core::cascade::simulate`, the liquidity
//! page's cascade). What the cascade adds to the shock moves the holdings of that asset.
//!
//! Conventions: the cascade runs in the book's prices from its mid; what it adds is
//! `(final − shocked) / start`, a fraction of the price before the shock, applied to the
//! holding's value at the last close. The market's positions, stated beside the figures:
//! Binance's open interest now (contracts × the book's mid), the scenario's long share of it
//! and leverage mix (`Scenario::positioning`; by default the liquidity page's 72.5 % and
//! exchange-retail mix) capped at the contract's first maintenance bracket, every position
//! entered at the start price, no depth posted again between rounds.

use crate::format::{compact, percent};
use crate::pages::liquidity::cascade_model::mix_name;
use tokenrisk_core::cascade::{simulate, CascadeInput, Stop, DEFAULT_MAX_ROUNDS};
use tokenrisk_core::depth_stress::Haircut;
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::scenario::Positioning;

/// What forced selling did in one asset's market.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleveraging {
    /// Asset id.
    pub asset: String,
    /// The market shock's move of the asset, a fraction.
    pub shock: f64,
    /// `(final − shocked) / start`: what the liquidations added to the shock.
    pub added: f64,
    /// Open interest the cascade started from, USD at the book's mid; 0 without a perpetual.
    pub open_interest: f64,
    /// Notional liquidated, long and short, USD.
    pub liquidated: f64,
    /// The forced orders ran through the visible book: the move added is a bound.
    pub past_book: bool,
    /// Why nothing was added, when there is no market to deleverage.
    pub note: Option<String>,
}

impl Deleveraging {
    /// An asset with no perpetual futures: nothing is liquidated in its market.
    pub fn none(asset: &str, shock: f64, why: String) -> Self {
        Self {
            asset: asset.to_owned(),
            shock,
            added: 0.0,
            open_interest: 0.0,
            liquidated: 0.0,
            past_book: false,
            note: Some(why),
        }
    }
}

/// The cascade `shock` sets off through `book` thinned by `haircut` (a share of every level's
/// depth removed, `[0, 1)`), with `open_interest` contracts open on a contract whose first
/// maintenance bracket is `bracket`, split and levered as `positioning` says.
///
/// # Errors
/// A sentence when the book has no mid or the core refuses an input.
pub fn deleverage(
    asset: &str,
    book: &OrderBook,
    shock: f64,
    open_interest: f64,
    bracket: Bracket,
    haircut: f64,
    positioning: Positioning,
) -> Result<Deleveraging, String> {
    let mid = Top::of(book)
        .map(Top::mid)
        .ok_or_else(|| format!("{asset}'s order book has no mid"))?;
    if shock == 0.0 {
        return Ok(Deleveraging::none(
            asset,
            shock,
            "the shock does not move it".into(),
        ));
    }
    let input = CascadeInput {
        book: book.clone(),
        start_price: mid,
        shock,
        open_interest: open_interest * mid,
        long_share: positioning.long_share,
        entries: Vec::new(),
        mix: positioning
            .leverage_mix
            .mix()
            .capped(bracket.max_leverage)
            .0,
        bracket,
        haircut: Haircut::Flat(haircut),
        replenishment: 0.0,
        max_rounds: DEFAULT_MAX_ROUNDS,
    };
    let r = simulate(&input).map_err(|e| format!("{asset}'s cascade: {e}"))?;
    Ok(Deleveraging {
        asset: asset.to_owned(),
        shock,
        added: (r.final_price - r.shocked_price) / r.start_price,
        open_interest: input.open_interest,
        liquidated: r.liquidated_long + r.liquidated_short,
        past_book: r.stop == Stop::BookExhausted,
        note: None,
    })
}

/// Column headers of [`deleveraging_cells`].
pub const DELEVERAGING_HEADERS: [&str; 5] = [
    "Market",
    "Open interest",
    "Shock",
    "Added by forced orders",
    "Liquidated",
];

/// A market's cells.
pub fn deleveraging_cells(d: &Result<Deleveraging, String>, asset: &str) -> [String; 5] {
    match d {
        Err(why) => [
            asset.to_owned(),
            "—".into(),
            "—".into(),
            why.clone(),
            "—".into(),
        ],
        Ok(d) => [
            d.asset.clone(),
            d.note
                .clone()
                .unwrap_or_else(|| format!("{} USD", compact(d.open_interest))),
            percent(d.shock, 1),
            if d.past_book {
                format!(
                    "{} {} (past the visible book)",
                    if d.added < 0.0 { "≤" } else { "≥" },
                    percent(d.added, 2)
                )
            } else {
                percent(d.added, 2)
            },
            if d.note.is_some() {
                "—".into()
            } else {
                format!("{} USD", compact(d.liquidated))
            },
        ],
    }
}

/// What the leg rests on, one sentence each.
pub fn assumptions(haircut: f64, positioning: Positioning) -> Vec<String> {
    vec![
        format!(
            "Each market's positions: Binance's USD-M open interest now at the book's mid, {} long, the {} leverage mix ({}) capped at the contract's first maintenance bracket, all entered at the start price.",
            percent(positioning.long_share, 1),
            mix_name(positioning.leverage_mix),
            positioning.leverage_mix.source()
        ),
        format!(
            "Forced orders walk the asset's live book with {} of its depth removed, with no depth posted again between rounds; the move they add is applied to the holdings at the last close.",
            percent(haircut, 0)
        ),
        "The preset's moves are the sell-off's observed moves, which already hold that week's forced selling: with the preset, this leg adds a second wave, an upper bound; switch it off to count the observed moves alone.".into(),
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use tokenrisk_core::cascade::LeverageMixPreset;
    use tokenrisk_market::brackets::bracket_table;
    use tokenrisk_market::sources::binance::parse_depth;

    fn recorded() -> OrderBook {
        parse_depth(&tokenrisk_testdata::read_orderbook(
            "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
        ))
        .expect("recorded book")
    }

    #[test]
    fn the_move_added_is_the_cores_cascade_past_the_shock() {
        let book = recorded();
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let mid = Top::of(&book).expect("a mid").mid();
        // 3 million USD of open interest, in contracts.
        let contracts = 3e6 / mid;
        let d = deleverage(
            "TAO",
            &book,
            -0.12,
            contracts,
            bracket,
            0.5,
            Positioning::default(),
        )
        .expect("runs");
        let r = simulate(&CascadeInput {
            book: book.clone(),
            start_price: mid,
            shock: -0.12,
            open_interest: 3e6,
            long_share: 0.725,
            entries: Vec::new(),
            mix: LeverageMixPreset::ExchangeRetail
                .mix()
                .capped(bracket.max_leverage)
                .0,
            bracket,
            haircut: Haircut::Flat(0.5),
            replenishment: 0.0,
            max_rounds: DEFAULT_MAX_ROUNDS,
        })
        .expect("runs");
        assert_eq!(d.added, r.final_price / mid - 1.0 + 0.12);
        assert!((d.open_interest - 3e6).abs() < 1e-6);
        assert_eq!(d.liquidated, r.liquidated_long + r.liquidated_short);
        // A 12 % fall crosses the 10× and higher cohorts: forced selling adds to it.
        assert!(d.added < 0.0 && d.liquidated > 0.0, "{d:?}");
        // No open interest, nothing added; no move, no cascade.
        let empty = deleverage(
            "TAO",
            &book,
            -0.12,
            0.0,
            bracket,
            0.5,
            Positioning::default(),
        )
        .expect("runs");
        assert_eq!((empty.added, empty.liquidated), (0.0, 0.0));
        let still = deleverage(
            "TAO",
            &book,
            0.0,
            contracts,
            bracket,
            0.5,
            Positioning::default(),
        )
        .expect("runs");
        // More longs at higher leverage: the vendors' 10–100× mix, 85 % long, falls further.
        let heavy = Positioning {
            long_share: 0.85,
            leverage_mix: LeverageMixPreset::HeatmapVendor,
        };
        let worse = deleverage("TAO", &book, -0.12, contracts, bracket, 0.5, heavy).expect("runs");
        assert!(worse.liquidated > d.liquidated, "{worse:?} vs {d:?}");
        assert_eq!(still.added, 0.0);
        assert!(still.note.is_some());
    }

    #[test]
    fn a_book_without_a_mid_or_a_bad_haircut_says_why() {
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let empty = OrderBook::from_unsorted(Vec::new(), Vec::new());
        assert!(deleverage(
            "TAO",
            &empty,
            -0.1,
            1.0,
            bracket,
            0.5,
            Positioning::default()
        )
        .expect_err("no mid")
        .contains("no mid"));
        let cells = deleveraging_cells(&Err("no open interest: offline".into()), "TAO");
        assert_eq!(cells[0], "TAO");
        assert!(cells[3].contains("offline"));
        assert!(deleverage(
            "TAO",
            &recorded(),
            -0.1,
            1.0,
            bracket,
            1.5,
            Positioning::default()
        )
        .is_err());
    }
}
