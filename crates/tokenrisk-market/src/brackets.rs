//! Binance USDⓈ-M maintenance-margin brackets (leverage tiers) as a dated snapshot.
//!
//! The live table comes from `GET /fapi/v1/leverageBracket`, a signed USER_DATA endpoint: a
//! browser app cannot ask for it, so the brackets ship here, dated, and a page shows
//! [`BRACKETS_DATE`] beside any liquidation price computed with them. Binance changes tiers by
//! announcement, and changed tiers apply to open positions: treat these as a snapshot, not as
//! today's table.
//!
//! Source: freqtrade's `freqtrade/exchange/binance_leverage_tiers.json` at commit `3d9514d2`
//! (<https://github.com/freqtrade/freqtrade/blob/3d9514d2/freqtrade/exchange/binance_leverage_tiers.json>),
//! dated 2024-10-24, as transcribed in the project's `facts-2026.md` §6.3. Each row is
//! `(notional floor, notional cap, max leverage, maintenance rate, maintenance amount)` in USDT;
//! the amounts are Binance's `cum` as published, and [`BracketTable::new`] checks them against
//! the recursion `cum_n = floor_n·(MMR_n − MMR_{n−1}) + cum_{n−1}`.

use tokenrisk_core::leverage::{Bracket, BracketTable};

/// Date of the bracket snapshot (ISO 8601), to show beside the numbers computed with it.
pub const BRACKETS_DATE: &str = "2024-10-24";

/// Where the bracket snapshot comes from, in a line.
pub const BRACKETS_SOURCE: &str = "Binance USD-M leverage brackets (GET /fapi/v1/leverageBracket) \
as of 2024-10-24, from freqtrade's binance_leverage_tiers.json at commit 3d9514d2";

/// `(notional floor, notional cap, max leverage, maintenance rate, maintenance amount)`.
type Row = (f64, f64, f64, f64, f64);

const BTCUSDT: &[Row] = &[
    (0.0, 50e3, 125.0, 0.004, 0.0),
    (50e3, 600e3, 100.0, 0.005, 50.0),
    (600e3, 3e6, 75.0, 0.0065, 950.0),
    (3e6, 12e6, 50.0, 0.01, 11_450.0),
    (12e6, 70e6, 25.0, 0.02, 131_450.0),
    (70e6, 100e6, 20.0, 0.025, 481_450.0),
    (100e6, 230e6, 10.0, 0.05, 2_981_450.0),
    (230e6, 480e6, 5.0, 0.10, 14_481_450.0),
    (480e6, 600e6, 4.0, 0.125, 26_481_450.0),
    (600e6, 800e6, 3.0, 0.15, 41_481_450.0),
    (800e6, 1.2e9, 2.0, 0.25, 121_481_450.0),
    (1.2e9, 1.8e9, 1.0, 0.50, 421_481_450.0),
];

/// TAOUSDT and NEARUSDT have identical tiers in the snapshot.
const TAO_NEAR: &[Row] = &[
    (0.0, 10e3, 75.0, 0.01, 0.0),
    (10e3, 100e3, 50.0, 0.015, 50.0),
    (100e3, 500e3, 25.0, 0.02, 550.0),
    (500e3, 1e6, 20.0, 0.025, 3_050.0),
    (1e6, 5e6, 10.0, 0.05, 28_050.0),
    (5e6, 10e6, 5.0, 0.10, 278_050.0),
    (10e6, 12.5e6, 4.0, 0.125, 528_050.0),
    (12.5e6, 25e6, 2.0, 0.25, 2_090_550.0),
    (25e6, 50e6, 1.0, 0.50, 8_340_550.0),
];

const ICPUSDT: &[Row] = &[
    (0.0, 5e3, 25.0, 0.01, 0.0),
    (5e3, 25e3, 20.0, 0.025, 75.0),
    (25e3, 600e3, 10.0, 0.05, 700.0),
    (600e3, 1.6e6, 5.0, 0.10, 30_700.0),
    (1.6e6, 2e6, 4.0, 0.125, 70_700.0),
    (2e6, 6e6, 2.0, 0.25, 320_700.0),
    (6e6, 10e6, 1.0, 0.50, 1_820_700.0),
];

const RENDERUSDT: &[Row] = &[
    (0.0, 5e3, 75.0, 0.01, 0.0),
    (5e3, 16e3, 50.0, 0.015, 25.0),
    (16e3, 80e3, 25.0, 0.02, 105.0),
    (80e3, 160e3, 20.0, 0.025, 505.0),
    (160e3, 800e3, 10.0, 0.05, 4_505.0),
    (800e3, 1.6e6, 5.0, 0.10, 44_505.0),
    (1.6e6, 2e6, 4.0, 0.125, 84_505.0),
    (2e6, 4e6, 2.0, 0.25, 334_505.0),
    (4e6, 8e6, 1.0, 0.50, 1_334_505.0),
];

const FETUSDT: &[Row] = &[
    (0.0, 10e3, 75.0, 0.01, 0.0),
    (10e3, 60e3, 50.0, 0.015, 50.0),
    (60e3, 300e3, 25.0, 0.02, 350.0),
    (300e3, 600e3, 20.0, 0.025, 1_850.0),
    (600e3, 3e6, 10.0, 0.05, 16_850.0),
    (3e6, 6e6, 5.0, 0.10, 166_850.0),
    (6e6, 7.5e6, 4.0, 0.125, 316_850.0),
    (7.5e6, 15e6, 2.0, 0.25, 1_254_350.0),
    (15e6, 30e6, 1.0, 0.50, 5_004_350.0),
];

/// The snapshot: Binance USDⓈ-M symbol and its brackets, lowest notional first.
const SNAPSHOT: &[(&str, &[Row])] = &[
    ("BTCUSDT", BTCUSDT),
    ("TAOUSDT", TAO_NEAR),
    ("NEARUSDT", TAO_NEAR),
    ("ICPUSDT", ICPUSDT),
    ("FETUSDT", FETUSDT),
    ("RENDERUSDT", RENDERUSDT),
];

/// The symbols the snapshot has brackets for, in registry order.
pub fn symbols() -> impl Iterator<Item = &'static str> {
    SNAPSHOT.iter().map(|(symbol, _)| *symbol)
}

/// The brackets of a USDⓈ-M perpetual (`"BTCUSDT"`, case-insensitive) as of
/// [`BRACKETS_DATE`], or `None` for a symbol the snapshot does not have.
pub fn bracket_table(symbol: &str) -> Option<BracketTable> {
    let (_, rows) = SNAPSHOT
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(symbol.trim()))?;
    BracketTable::new(
        rows.iter()
            .map(
                |&(
                    notional_floor,
                    notional_cap,
                    max_leverage,
                    maintenance_rate,
                    maintenance_amount,
                )| {
                    Bracket {
                        notional_floor,
                        notional_cap,
                        max_leverage,
                        maintenance_rate,
                        maintenance_amount,
                    }
                },
            )
            .collect(),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::ASSETS;
    use tokenrisk_core::leverage::{
        initial_margin, liquidation_price, BracketTable, Margin, Position, Side,
    };

    #[test]
    fn every_table_validates_and_its_amounts_follow_the_recursion() {
        for (symbol, rows) in SNAPSHOT {
            let table = bracket_table(symbol).unwrap_or_else(|| panic!("{symbol} invalid"));
            assert_eq!(table.brackets().len(), rows.len(), "{symbol}");
            let rates: Vec<_> = rows.iter().map(|r| (r.0, r.1, r.2, r.3)).collect();
            let derived = BracketTable::from_rates(&rates).expect("valid");
            assert_eq!(derived, table, "{symbol}");
        }
    }

    #[test]
    fn every_registry_futures_contract_has_brackets() {
        for asset in ASSETS {
            if let Some(symbol) = asset.binance_futures {
                assert!(bracket_table(symbol).is_some(), "{symbol}");
            }
        }
        assert!(bracket_table("btcusdt").is_some());
        assert!(bracket_table("DOGEUSDT").is_none());
        assert_eq!(symbols().count(), 6);
    }

    fn isolated(symbol: &str, side: Side, entry: f64, size: f64, leverage: f64) -> String {
        let table = bracket_table(symbol).expect("table");
        let position = Position { side, entry, size };
        let wallet = initial_margin(&position, leverage, &table).expect("margin");
        let l = liquidation_price(&position, &Margin::Isolated { wallet }, &table).expect("price");
        format!("{:.2} {:.2}%", l.price, l.distance * 100.0)
    }

    /// facts-2026 §6.2's table, computed by hand with these brackets (wallet = notional /
    /// leverage).
    #[test]
    fn worked_isolated_examples() {
        // (60,000 − 3,000 − 50) / 0.995 and (60,000 + 3,000 + 50) / 1.005.
        assert_eq!(
            isolated("BTCUSDT", Side::Long, 60_000.0, 1.0, 20.0),
            "57236.18 -4.61%"
        );
        assert_eq!(
            isolated("BTCUSDT", Side::Short, 60_000.0, 1.0, 20.0),
            "62736.32 4.56%"
        );
        // (16,400 − 1,640 − 50) / (100 · 0.985).
        assert_eq!(
            isolated("TAOUSDT", Side::Long, 164.0, 100.0, 10.0),
            "149.34 -8.94%"
        );
        // (164,000 − 32,800 − 550) / (1,000 · 0.98).
        assert_eq!(
            isolated("TAOUSDT", Side::Long, 164.0, 1_000.0, 5.0),
            "133.32 -18.71%"
        );
    }
}
