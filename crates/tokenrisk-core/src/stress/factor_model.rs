//! A holding's move when BTC, the AI-equity basket and the AI-token sector move.
//!
//! The sector moves with BTC and the equities, so its three moves cannot all be loadings of
//! one regression (they are nearly collinear for a token in the sector). The model splits the
//! sector's move into what BTC and the basket explain and the rest, its *surprise*:
//!
//! ```text
//! sector_t = γ₀ + γ_b btc_t + γ_e eq_t + u_t                     (u: the sector's own part)
//! r_t      = α + β_b btc_t + β_e eq_t + β_u u_t + e_t           (each holding)
//! shock:  surprise = s_sector − (γ_b s_btc + γ_e s_eq)
//!         move     = β_b s_btc + β_e s_eq + β_u · surprise,   SE(move) = √(vᵀ Cov(β) v)
//! ```
//!
//! with `v = (s_btc, s_eq, surprise)`. Because `u` is a least-squares residual, it is
//! uncorrelated with BTC and the basket, so `β_b` and `β_e` are those of the holding's
//! two-factor regression ([`crate::relative::two_factor`]); `β_u` adds only the sector's own
//! part. The standard error counts the holding's loadings' uncertainty, not the sector's
//! (`γ`), and no residual `e`: it is the uncertainty of the explained move.

use crate::regression::{ols, ImpliedMove, Regression};
use crate::MetricError;

/// Moves of the three factors over a shock, as simple returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactorShocks {
    /// BTC.
    pub btc: f64,
    /// The AI-equity basket.
    pub ai_equities: f64,
    /// The AI-token sector.
    pub ai_sector: f64,
}

/// The factors' daily returns on common dates, and the sector's regression on the other two.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorModel {
    btc: Vec<f64>,
    equities: Vec<f64>,
    surprise: Vec<f64>,
    /// The sector regressed on BTC and the basket: `γ_b`, `γ_e` and how much they explain.
    pub sector_on_markets: Regression,
}

impl FactorModel {
    /// Fits the sector on BTC and the basket (aligned daily returns of equal length).
    ///
    /// # Errors
    /// As [`ols`].
    pub fn fit(btc: &[f64], equities: &[f64], sector: &[f64]) -> Result<Self, MetricError> {
        let sector_on_markets = ols(sector, &[btc, equities])?;
        let (a, g) = (sector_on_markets.alpha, &sector_on_markets.betas);
        let surprise = (0..sector.len())
            .map(|t| sector[t] - a - g[0] * btc[t] - g[1] * equities[t])
            .collect();
        Ok(Self {
            btc: btc.to_vec(),
            equities: equities.to_vec(),
            surprise,
            sector_on_markets,
        })
    }

    /// The part of a sector move that BTC's and the basket's moves do not explain.
    pub fn sector_surprise(&self, shocks: FactorShocks) -> f64 {
        let g = &self.sector_on_markets.betas;
        shocks.ai_sector - g[0] * shocks.btc - g[1] * shocks.ai_equities
    }

    /// A holding's loadings `(β_b, β_e, β_u)`, from its daily returns on the model's dates.
    ///
    /// # Errors
    /// As [`ols`] (a length other than the model's is a [`MetricError::LengthMismatch`]).
    pub fn fit_holding(&self, returns: &[f64]) -> Result<Regression, MetricError> {
        ols(returns, &[&self.btc, &self.equities, &self.surprise])
    }

    /// A holding's move under `shocks`, through its loadings from [`Self::fit_holding`].
    ///
    /// # Errors
    /// As [`Regression::implied_move`] (a fit with other than three loadings, a non-finite
    /// shock).
    pub fn holding_move(
        &self,
        holding: &Regression,
        shocks: FactorShocks,
    ) -> Result<ImpliedMove, MetricError> {
        holding.implied_move(&[shocks.btc, shocks.ai_equities, self.sector_surprise(shocks)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Factors built so the sector is 1.2·BTC + 0.3·EQ + u exactly, and a token that is
    /// 0.5·BTC + 0.8·sector: the token's surprise loading is 0.8 and its BTC loading
    /// 0.5 + 0.8·1.2.
    #[test]
    fn splits_the_sector_into_markets_and_surprise() {
        let btc = [0.01, -0.03, 0.02, 0.005, -0.01, 0.015, -0.02, 0.03];
        let eq = [0.002, 0.01, -0.01, 0.004, 0.006, -0.003, 0.001, -0.008];
        let u = [0.004, -0.002, 0.001, -0.006, 0.003, 0.002, -0.001, -0.003];
        let sector: Vec<f64> = (0..8).map(|t| 1.2 * btc[t] + 0.3 * eq[t] + u[t]).collect();
        let token: Vec<f64> = (0..8).map(|t| 0.5 * btc[t] + 0.8 * sector[t]).collect();
        let model = FactorModel::fit(&btc, &eq, &sector).expect("a model");
        let fit = model.fit_holding(&token).expect("a fit");
        // u was not built orthogonal to the factors, so γ absorbs its projection; the token's
        // loadings on (BTC, EQ) are its two-factor ones whatever u is.
        let two = crate::relative::two_factor(&token, &btc, &eq, 365.0).expect("two factors");
        assert!((fit.betas[0] - two.beta_1).abs() < 1e-12);
        assert!((fit.betas[1] - two.beta_2).abs() < 1e-12);
        assert!((fit.betas[2] - 0.8).abs() < 1e-12);
        // A shock where the sector moves exactly as the markets imply has no surprise.
        let g = &model.sector_on_markets.betas;
        let calm = FactorShocks {
            btc: -0.1,
            ai_equities: -0.05,
            ai_sector: -0.1 * g[0] - 0.05 * g[1],
        };
        assert!(model.sector_surprise(calm).abs() < 1e-15);
        let m = model.holding_move(&fit, calm).expect("a move");
        assert!((m.expected - (-0.1 * fit.betas[0] - 0.05 * fit.betas[1])).abs() < 1e-12);
        // And 10 points more sector fall move the token 8 points more.
        let worse = FactorShocks {
            ai_sector: calm.ai_sector - 0.1,
            ..calm
        };
        let w = model.holding_move(&fit, worse).expect("a move");
        assert!((w.expected - m.expected + 0.08).abs() < 1e-12);
        assert!(model.fit_holding(&token[..7]).is_err());
    }
}
