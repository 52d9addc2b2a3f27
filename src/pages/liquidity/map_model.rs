//! The liquidation map of the page's scenario: the ladder the cascade starts from (the link's
//! open interest, long share, leverage mix and entry prices around the token's mid) as notional
//! by liquidation price, in USDT, with its assumptions written on the chart. A plain function
//! over the core's [`ladder`] and [`liquidation_map`], tested natively.

use super::cascade_model::{cascade_input, mix_label, EntryPrices};
use crate::format::{compact, percent};
use crate::link::liquidity::LiquidityLink;
use tokenrisk_charts::LiquidationMapData;
use tokenrisk_core::cascade::{ladder, liquidation_map};
use tokenrisk_core::leverage::{Bracket, Side};
use tokenrisk_core::order_book::OrderBook;

/// How far from the mid the map reaches, each way: 30 %.
pub const MAP_REACH: f64 = 0.30;

/// Bins of the map: 60, one per 1 % of the mid.
pub const MAP_BINS: usize = 60;

/// The map, and the share of each side's notional that lies beyond its reach.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// The chart's data.
    pub map: LiquidationMapData,
    /// Long notional liquidated beyond the map (below mid × (1 − reach)), over the long total.
    pub longs_beyond: f64,
    /// The same for shorts (above mid × (1 + reach)).
    pub shorts_beyond: f64,
}

/// The liquidation map of the link's scenario on `book` with `open_interest` USD.
///
/// # Errors
/// The core's message for a book without two sides or inputs the ladder refuses.
pub fn map(
    book: &OrderBook,
    link: &LiquidityLink,
    open_interest: f64,
    bracket: Bracket,
    entries: &EntryPrices,
) -> Result<MapView, String> {
    let input = cascade_input(book, link, open_interest, bracket, &entries.prices);
    let ladder = ladder(&input.ladder_input()).map_err(|e| e.to_string())?;
    let mid = input.start_price;
    let bins = liquidation_map(
        &ladder,
        mid * (1.0 - MAP_REACH),
        mid * (1.0 + MAP_REACH),
        MAP_BINS,
    )
    .map_err(|e| e.to_string())?;
    let side_total = |side: Side| -> f64 {
        ladder
            .cohorts
            .iter()
            .filter(|c| c.side == side && c.liquidation > 0.0)
            .map(|c| c.size * c.liquidation)
            .sum()
    };
    let beyond = |total: f64, inside: f64| {
        if total > 0.0 {
            (1.0 - inside / total).max(0.0)
        } else {
            0.0
        }
    };
    let longs_beyond = beyond(side_total(Side::Long), bins.iter().map(|b| b.long).sum());
    let shorts_beyond = beyond(side_total(Side::Short), bins.iter().map(|b| b.short).sum());
    let notes = vec![
        format!(
            "Open interest {} USDT, {} long; leverage mix {}",
            compact(open_interest),
            percent(link.long_pct / 100.0, 1),
            mix_label(link)
        ),
        format!("Entries: {}", entries.said),
        format!(
            "Beyond ±{:.0} %: {} of longs, {} of shorts",
            MAP_REACH * 100.0,
            percent(longs_beyond, 0),
            percent(shorts_beyond, 0)
        ),
    ];
    Ok(MapView {
        map: LiquidationMapData {
            bins: bins
                .iter()
                .map(|b| (b.low, b.high, b.long, b.short))
                .collect(),
            price: mid,
            notes,
        },
        longs_beyond,
        shorts_beyond,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::link::liquidity::{Entries, RawLiquidity};
    use crate::pages::liquidity::cascade_model::entry_prices;
    use tokenrisk_market::brackets::bracket_table;
    use tokenrisk_market::sources::binance::parse_depth;

    fn link(pairs: &[(&str, &str)]) -> LiquidityLink {
        LiquidityLink::parse(&RawLiquidity::from_pairs(pairs.iter().copied()), &["TAO"])
    }

    fn bracket() -> Bracket {
        bracket_table("TAOUSDT").expect("TAO").brackets()[0]
    }

    /// Every position entered at the mid, one leverage: all longs in the bin holding the
    /// core's liquidation price, all shorts in the one holding theirs.
    #[test]
    fn one_leverage_from_the_mid_makes_one_bar_a_side() {
        let book = OrderBook {
            bids: vec![(99.5, 10.0)],
            asks: vec![(100.5, 10.0)],
        };
        let l = link(&[("mix", "hyperliquid"), ("long", "75"), ("entries", "start")]);
        let at_start = entry_prices(Entries::StartPrice, Ok(&[]));
        let v = map(&book, &l, 1e6, bracket(), &at_start).expect("map");
        assert_eq!(v.map.bins.len(), MAP_BINS);
        assert_eq!(v.map.price, 100.0);
        let long: f64 = v.map.bins.iter().map(|b| b.2).sum();
        let short: f64 = v.map.bins.iter().map(|b| b.3).sum();
        // Hyperliquid's 2×, 5× and 10× longs: 2× is liquidated near 50, beyond the map.
        let m = bracket().maintenance_rate;
        let weights = [(2.0, 0.36), (5.0, 0.48), (10.0, 0.15)];
        let total: f64 = weights.iter().map(|w| w.1).sum();
        let inside_long: f64 = weights
            .iter()
            .filter(|(lev, _)| *lev > 2.0)
            .map(|(lev, w)| 7_500.0 * w / total * 100.0 * (1.0 - 1.0 / lev) / (1.0 - m))
            .sum();
        assert!(
            (long - inside_long).abs() < 1e-6 * inside_long,
            "{long} {inside_long}"
        );
        let two = 7_500.0 * 0.36 / total * 100.0 * 0.5 / (1.0 - m);
        assert!((v.longs_beyond - two / (two + inside_long)).abs() < 1e-9);
        // Shorts at 2× are liquidated near 150, beyond too.
        assert!(short > 0.0 && v.shorts_beyond > 0.0);
        let ten = 100.0 * 0.9 / (1.0 - m);
        let bin = v
            .map
            .bins
            .iter()
            .find(|b| b.0 <= ten && ten < b.1)
            .expect("bin");
        assert!((bin.2 - 7_500.0 * 0.15 / total * ten).abs() < 1e-6);
        assert!(v
            .map
            .notes
            .iter()
            .any(|n| n.contains("observed on Hyperliquid")));
        assert!(v.map.notes.iter().any(|n| n.contains("Beyond ±30 %")));
    }

    #[test]
    fn a_recorded_book_gives_a_map_around_its_mid() {
        let book = parse_depth(&tokenrisk_testdata::read_orderbook(
            "binance_usdm_KEEPUSDT_2021-07-22T222542Z.json",
        ))
        .expect("recorded book");
        let at_start = entry_prices(Entries::StartPrice, Ok(&[]));
        let v = map(&book, &link(&[]), 5e6, bracket(), &at_start).expect("map");
        let mid = v.map.price;
        assert!((v.map.bins[0].0 / mid - 0.7).abs() < 1e-12);
        assert!((v.map.bins[MAP_BINS - 1].1 / mid - 1.3).abs() < 1e-12);
        // Longs only below the mid, shorts only above it.
        assert!(v.map.bins.iter().all(|b| b.2 == 0.0 || b.1 <= mid * 1.0001));
        assert!(v.map.bins.iter().all(|b| b.3 == 0.0 || b.0 >= mid * 0.9999));
        let empty = OrderBook {
            bids: Vec::new(),
            asks: vec![(1.0, 1.0)],
        };
        assert!(map(&empty, &link(&[]), 5e6, bracket(), &at_start).is_err());
    }
}
