//! When a leveraged holding is liquidated: the maintenance margin of its asset's Binance
//! USDⓈ-M contract at its size (the dated bracket snapshot, `tokenrisk_market::brackets`), or
//! an assumed [`ASSUMED`] where the asset has no contract there (an equity).
//!
//! Conventions: a holding is an isolated position opened at the last close `P` with margin
//! `q · P / L`. Its liquidation price is Binance's isolated formula with the brackets
//! (`tokenrisk_core::leverage::liquidation_price`, the bracket holding the notional at that
//! price); without a contract, the flat `sizing::liquidation_distance`. The Monte Carlo, which
//! liquidates a path when equity falls to a share `m` of the position's value, takes `m` as
//! the contract's maintenance margin over the notional at the last close, `MM(N) / N =
//! rate − amount / N` (exact at today's size; the bracket's amount keeps it continuous).

use crate::format::percent;
use tokenrisk_core::leverage::{liquidation_price, BracketTable, Margin, Position, Side};
use tokenrisk_core::sizing::liquidation_distance;
use tokenrisk_market::brackets::{bracket_table, BRACKETS_DATE};
use tokenrisk_market::registry;

/// Maintenance margin assumed for an asset with no contract in the bracket snapshot, as a
/// share of the position's value: 1 %, between Binance USDⓈ-M's first brackets for BTC
/// (0.4 %) and for smaller tokens (1–2.5 %) (`../shared/design/facts-2026.md` §6.3).
pub const ASSUMED: f64 = 0.01;

/// A holding's maintenance margin as a share of its value, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Maintenance {
    /// `MM / notional` at the last close.
    pub share: f64,
    /// Its source, as a clause.
    pub said: String,
}

/// `asset`'s Binance USDⓈ-M contract in the bracket snapshot: its symbol and brackets.
fn contract(asset: &str) -> Option<(&'static str, BracketTable)> {
    let symbol = registry::get(asset)?.binance_futures?;
    Some((symbol, bracket_table(symbol)?))
}

/// The maintenance margin of a position of `asset` worth `notional` at the last close.
pub fn maintenance(asset: &str, notional: f64) -> Maintenance {
    let contract = contract(asset).filter(|_| notional > 0.0);
    let bracket = contract
        .as_ref()
        .and_then(|(symbol, table)| Some((*symbol, table.bracket_at(notional)?)));
    match bracket {
        Some((symbol, (tier, b))) => Maintenance {
            share: b.maintenance_margin(notional) / notional,
            said: format!(
                "Binance's {symbol} bracket {tier} at this size ({} rate, brackets as of {BRACKETS_DATE})",
                percent(b.maintenance_rate, 2)
            ),
        },
        None => Maintenance {
            share: ASSUMED,
            said: format!(
                "an assumed {} ({asset} has no Binance USDⓈ-M contract in the bracket snapshot)",
                percent(ASSUMED, 0)
            ),
        },
    }
}

/// Where a leveraged holding is liquidated.
#[derive(Debug, Clone, PartialEq)]
pub struct LiquidationPoint {
    /// The adverse move that liquidates it, a share of the price.
    pub distance: f64,
    /// The price it is liquidated at.
    pub price: f64,
    /// The maintenance margin used, as a clause.
    pub said: String,
}

/// Where `quantity` of `asset` opened at `price` with leverage `leverage` (short or long) is
/// liquidated, as the module says.
///
/// # Errors
/// A sentence when no price liquidates it (a long at 1× or less), the leverage is above what
/// the contract allows at this size, or an input is not a number.
pub fn liquidation_point(
    asset: &str,
    price: f64,
    quantity: f64,
    leverage: f64,
    short: bool,
) -> Result<LiquidationPoint, String> {
    let Some((symbol, table)) = contract(asset) else {
        let m = maintenance(asset, quantity * price);
        let distance = liquidation_distance(leverage, m.share, short)
            .map_err(|e| e.to_string())?
            .ok_or("at this leverage no fall liquidates the position")?;
        return Ok(LiquidationPoint {
            distance,
            price: price
                * if short {
                    1.0 + distance
                } else {
                    1.0 - distance
                },
            said: m.said,
        });
    };
    let position = Position {
        side: if short { Side::Short } else { Side::Long },
        entry: price,
        size: quantity,
    };
    let wallet = quantity * price / leverage;
    let l = liquidation_price(&position, &Margin::Isolated { wallet }, &table)
        .map_err(|e| format!("Binance's {symbol} rules: {e}"))?;
    Ok(LiquidationPoint {
        distance: (l.price / price - 1.0).abs(),
        price: l.price,
        said: format!(
            "Binance's {symbol} bracket {} at the liquidation price ({} rate, isolated margin, brackets as of {BRACKETS_DATE})",
            l.tier,
            percent(l.bracket.maintenance_rate, 2)
        ),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_contract_s_bracket_or_the_stated_assumption() {
        let table = bracket_table("BTCUSDT").expect("snapshot");
        // A small BTC position sits in the first bracket: its rate, no amount.
        let small = maintenance("BTC", 10_000.0);
        let first = table.brackets()[0];
        assert!((small.share - first.maintenance_rate).abs() < 1e-15);
        assert!(small.said.contains("BTCUSDT bracket 1"), "{}", small.said);
        // A large one: the bracket's rate less its amount over the notional.
        let n = 20_000_000.0;
        let (_, b) = table.bracket_at(n).expect("a bracket");
        let large = maintenance("BTC", n);
        assert!((large.share - (b.maintenance_rate - b.maintenance_amount / n)).abs() < 1e-15);
        assert!(large.share > small.share);
        // NVDA has no perpetual: the assumption, said so.
        let nvda = maintenance("NVDA", 10_000.0);
        assert_eq!(nvda.share, ASSUMED);
        assert!(nvda.said.contains("assumed"));
    }

    #[test]
    fn the_liquidation_price_is_binance_s_where_there_is_a_contract() {
        let table = bracket_table("BTCUSDT").expect("snapshot");
        let p = liquidation_point("BTC", 90_000.0, 0.5, 10.0, false).expect("a price");
        let core = liquidation_price(
            &Position {
                side: Side::Long,
                entry: 90_000.0,
                size: 0.5,
            },
            &Margin::Isolated { wallet: 4_500.0 },
            &table,
        )
        .expect("the core's");
        assert_eq!(p.price, core.price);
        assert!((p.distance - (1.0 - core.price / 90_000.0)).abs() < 1e-15);
        // Close to the flat formula at the first bracket's rate.
        let flat = liquidation_distance(10.0, table.brackets()[0].maintenance_rate, false)
            .expect("valid")
            .expect("a fall");
        assert!(
            (p.distance - flat).abs() < 1e-12,
            "{} vs {flat}",
            p.distance
        );
        // A short rises to it; an equity uses the assumption; 1× long never liquidates.
        let short = liquidation_point("BTC", 90_000.0, 0.5, 3.0, true).expect("a price");
        assert!(short.price > 90_000.0);
        let nvda = liquidation_point("NVDA", 200.0, 10.0, 4.0, false).expect("a price");
        let expected = liquidation_distance(4.0, ASSUMED, false)
            .expect("valid")
            .expect("a fall");
        assert_eq!(nvda.distance, expected);
        assert!(liquidation_point("NVDA", 200.0, 10.0, 1.0, false).is_err());
        // More leverage than the contract allows is named.
        let why = liquidation_point("TAO", 250.0, 1.0, 120.0, false).expect_err("too high");
        assert!(why.contains("TAOUSDT"), "{why}");
    }
}
