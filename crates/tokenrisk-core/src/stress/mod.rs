//! Stress tests of a portfolio: factor shocks through estimated loadings, the 2026-02 sell-off
//! as a preset, and the worst windows of history replayed on today's holdings.
//!
//! - [`factor_model`]: each holding's move when BTC, an AI-equity basket and the AI-token
//!   sector move, through a regression on BTC, the basket and the part of the sector's move
//!   those two do not explain, with the move's standard error.
//! - [`windows`]: the worst non-overlapping windows of a given length for today's weights.
//! - [`SellOff`]: the moves of 2026-02-05/06, with their sources.
//!
//! Moves are simple returns over the shock (−0.18 is a fall of 18 %). Loadings estimated on
//! daily returns are applied to multi-day moves as they are: a linear approximation, exact
//! only if the relation holds at every horizon; the page says so beside the numbers.

pub mod factor_model;
pub mod windows;

pub use factor_model::{FactorModel, FactorShocks};
pub use windows::{worst_windows, Window};

/// The sell-off of Thursday 2026-02-05 to Friday 2026-02-06, as moves to replay
/// (`../shared/design/facts-2026.md` §7, medium confidence: two or more consistent press
/// sources each, CoinGecko and CoinGlass figures as cited there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SellOff {
    /// BTC from its high to its low within 24 hours (≈ 73 k → 60 k USD; the "−18 %" of the
    /// reports).
    pub btc_high_to_low: f64,
    /// BTC close to close (the facts give −13 % to −15 %; the middle is taken).
    pub btc_close_to_close: f64,
    /// NVIDIA over the five trading days of the week.
    pub nvda: f64,
    /// AMD over the same five days.
    pub amd: f64,
    /// Microsoft over the same five days.
    pub msft: f64,
    /// The AI-token sector's market capitalisation on the Friday (CoinGecko's category, "more
    /// than 40 %").
    pub ai_sector: f64,
}

/// The 2026-02-05/06 sell-off's moves (see [`SellOff`] for each figure's source).
pub const SELL_OFF_2026_02: SellOff = SellOff {
    btc_high_to_low: -0.18,
    btc_close_to_close: -0.14,
    nvda: -0.10,
    amd: -0.185,
    msft: -0.08,
    ai_sector: -0.40,
};

impl SellOff {
    /// The equally weighted AI-equity basket's move, `(NVDA + AMD + MSFT) / 3` (the basket
    /// the factor model's equity factor is built from, rebalanced daily).
    pub fn ai_equities(&self) -> f64 {
        (self.nvda + self.amd + self.msft) / 3.0
    }

    /// The preset as factor shocks, BTC close to close (what daily loadings apply to; the
    /// intraday low is for liquidations, which trigger on the way down).
    pub fn shocks(&self) -> FactorShocks {
        FactorShocks {
            btc: self.btc_close_to_close,
            ai_equities: self.ai_equities(),
            ai_sector: self.ai_sector,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_basket_is_the_mean_of_its_three_moves() {
        let s = SELL_OFF_2026_02.shocks();
        assert!((s.ai_equities - (-0.365 / 3.0)).abs() < 1e-15);
        assert_eq!(s.btc, -0.14);
        assert_eq!(s.ai_sector, -0.40);
    }
}
