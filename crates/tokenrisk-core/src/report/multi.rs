//! Several assets at once: each one's report against the first, their correlation matrix, and
//! the risk of a portfolio of them (the "full report" the benchmarks time).

use super::{ReportError, ReportInput, RiskReport};
use crate::align::align;
use crate::portfolio::{portfolio_risk, PortfolioRisk};
use crate::relative::correlation_matrix;
use crate::series::PriceSeries;
use crate::MetricError;

/// Reports on several assets.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiAssetReport {
    /// Each asset's report, with the first asset as its benchmark (the first's own report has
    /// none).
    pub reports: Vec<RiskReport>,
    /// Correlation matrix of the returns on the dates all assets have.
    pub correlation: Result<Vec<Vec<f64>>, MetricError>,
    /// The portfolio with the given weights on those dates.
    pub portfolio: Result<PortfolioRisk, MetricError>,
}

impl MultiAssetReport {
    /// Computes every asset's report (at 95 % confidence, zero risk-free rate), the correlation
    /// matrix and the portfolio's risk. `periods_per_year` applies to each asset's own report;
    /// the joint figures use the calendar of the common dates.
    ///
    /// # Errors
    /// [`ReportError`] when an asset's report cannot be made.
    pub fn compute(
        assets: &[&PriceSeries],
        weights: &[f64],
        periods_per_year: f64,
    ) -> Result<Self, ReportError> {
        let reports = assets
            .iter()
            .enumerate()
            .map(|(i, prices)| {
                RiskReport::compute(&ReportInput {
                    benchmark: (i > 0).then(|| assets[0]),
                    ..ReportInput::new(prices, periods_per_year)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let joined = align(assets);
        let returns = joined.returns();
        Ok(Self {
            reports,
            correlation: correlation_matrix(&returns),
            portfolio: portfolio_risk(&returns, weights, joined.calendar().periods_per_year()),
        })
    }
}
