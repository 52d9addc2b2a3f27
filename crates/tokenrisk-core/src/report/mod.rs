//! The full risk report of one price series, optionally against a benchmark: what
//! `tokenrisk risk` prints and the app's metric table shows.
//!
//! All values are fractions (0.25 is 25 %), per the conventions of the functions that compute
//! them; VaR, ES and CDaR are positive loss fractions of one period; drawdowns are negative.
//! A metric that is undefined for the data (a Sharpe ratio of constant prices, say) is `None`
//! (JSON `null`), never NaN.

use crate::align::align;
use crate::drawdown::{conditional_drawdown_at_risk, drawdown_episodes, max_drawdown, ulcer_index};
use crate::performance::{
    self, probabilistic_sharpe, sharpe, sortino, tail_ratio_sorted, win_rate,
};
use crate::relative::{beta, capture, Market};
use crate::returns::ReturnKind;
use crate::series::PriceSeries;
use crate::stats::{correlation, excess_kurtosis, mean, skewness};
use crate::tail::{cornish_fisher_var, gaussian, historical, historical_sorted, sqrt_time};
use crate::time::{format_unix, Date, SECONDS_PER_DAY};
use crate::volatility::annualised_volatility;
use crate::MetricError;
use serde::Serialize;

mod multi;
mod uncertainty;

pub use multi::MultiAssetReport;
pub use uncertainty::{
    Uncertainty, UncertaintyConfig, UncertaintyInput, VIEW_SEED, VIEW_UNCERTAINTY,
};

/// What to report on.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The asset's prices.
    pub prices: &'a PriceSeries,
    /// Return periods per year (365 crypto, 252 equities).
    pub periods_per_year: f64,
    /// Confidence of the `var_*`/`cvar_*` keys without a number (e.g. 0.95).
    pub confidence: f64,
    /// Annual risk-free rate for the Sharpe ratio (0 by default).
    pub risk_free: f64,
    /// A benchmark's prices, compared on the common dates.
    pub benchmark: Option<&'a PriceSeries>,
    /// Simple (default) or log returns for the return-based metrics.
    pub returns: ReturnKind,
    /// Periods of the multi-period VaR and ES (10 by default).
    pub horizon: usize,
}

impl<'a> ReportInput<'a> {
    /// The defaults: 95 % confidence, zero risk-free rate, no benchmark, simple returns, a
    /// 10-period horizon.
    pub fn new(prices: &'a PriceSeries, periods_per_year: f64) -> Self {
        Self {
            prices,
            periods_per_year,
            confidence: 0.95,
            risk_free: 0.0,
            benchmark: None,
            returns: ReturnKind::Simple,
            horizon: 10,
        }
    }
}

/// Every metric of the report; field names are the JSON keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskReport {
    /// Number of returns (one fewer than the prices).
    pub observations: usize,
    /// Time of the first price (a date for daily data).
    pub start: String,
    /// Time of the last price.
    pub end: String,
    /// Periods per year used to annualise.
    pub periods_per_year: f64,
    /// The returns the return-based metrics use: `simple` or `log`.
    pub returns: ReturnKind,
    /// `P_end / P_start − 1`.
    pub total_return: Option<f64>,
    /// Compound annual growth rate.
    pub cagr: Option<f64>,
    /// Arithmetic mean return per period.
    pub mean_return: Option<f64>,
    /// Annualised volatility (ddof 1).
    pub ann_vol: Option<f64>,
    /// Sharpe ratio, annualised.
    pub sharpe: Option<f64>,
    /// Sortino ratio, annualised (threshold 0).
    pub sortino: Option<f64>,
    /// Probabilistic Sharpe ratio against 0.
    pub psr: Option<f64>,
    /// Maximum drawdown (negative).
    pub max_drawdown: Option<f64>,
    /// Date of the maximum drawdown's peak.
    pub max_drawdown_peak: Option<String>,
    /// Date of its trough.
    pub max_drawdown_trough: Option<String>,
    /// Date the peak was regained, if it was.
    pub max_drawdown_recovery: Option<String>,
    /// Calendar days from the peak to the recovery (or to the last date if unrecovered).
    pub max_drawdown_days: Option<i64>,
    /// The deepest drawdown episodes, deepest first (at most [`WORST_DRAWDOWNS`]).
    pub worst_drawdowns: Vec<DrawdownRow>,
    /// CAGR / |max drawdown|.
    pub calmar: Option<f64>,
    /// Ulcer index (root-mean-square drawdown).
    pub ulcer_index: Option<f64>,
    /// Conditional drawdown at risk at 95 % (positive).
    pub cdar_95: Option<f64>,
    /// Omega ratio at a zero threshold.
    pub omega: Option<f64>,
    /// |q95| / |q05|.
    pub tail_ratio: Option<f64>,
    /// Historical VaR at 95 %.
    pub var_hist_95: Option<f64>,
    /// Historical ES at 95 %.
    pub cvar_hist_95: Option<f64>,
    /// Historical VaR at 99 %.
    pub var_hist_99: Option<f64>,
    /// Historical ES at 99 %.
    pub cvar_hist_99: Option<f64>,
    /// Gaussian VaR at 95 %.
    pub var_gauss_95: Option<f64>,
    /// Gaussian ES at 95 %.
    pub cvar_gauss_95: Option<f64>,
    /// Cornish–Fisher VaR at 95 %.
    pub var_cf_95: Option<f64>,
    /// The confidence of the next five keys.
    pub confidence: f64,
    /// Historical VaR at `confidence`.
    pub var_hist: Option<f64>,
    /// Historical ES at `confidence`.
    pub cvar_hist: Option<f64>,
    /// Gaussian VaR at `confidence`.
    pub var_gauss: Option<f64>,
    /// Gaussian ES at `confidence`.
    pub cvar_gauss: Option<f64>,
    /// Cornish–Fisher VaR at `confidence`.
    pub var_cf: Option<f64>,
    /// Periods of the next four keys.
    pub horizon: usize,
    /// Historical VaR at `confidence` of overlapping `horizon`-period returns.
    pub var_hist_horizon: Option<f64>,
    /// Historical ES at `confidence` of overlapping `horizon`-period returns.
    pub cvar_hist_horizon: Option<f64>,
    /// One-period historical VaR × √horizon.
    pub var_hist_horizon_sqrt_time: Option<f64>,
    /// One-period historical ES × √horizon.
    pub cvar_hist_horizon_sqrt_time: Option<f64>,
    /// Skewness (biased).
    pub skew: Option<f64>,
    /// Excess kurtosis (biased).
    pub excess_kurtosis: Option<f64>,
    /// Best period return.
    pub best: Option<f64>,
    /// Worst period return.
    pub worst: Option<f64>,
    /// #(r > 0) / #(r ≠ 0).
    pub win_rate: Option<f64>,
    /// Returns paired with the benchmark on common dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair_observations: Option<usize>,
    /// Beta to the benchmark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta: Option<Option<f64>>,
    /// Correlation with the benchmark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation: Option<Option<f64>>,
    /// Up-market capture against the benchmark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub up_capture: Option<Option<f64>>,
    /// Down-market capture against the benchmark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub down_capture: Option<Option<f64>>,
    /// Bootstrap intervals and Monte Carlo VaR, when asked for ([`RiskReport::with_uncertainty`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<Uncertainty>,
}

/// How many drawdown episodes the report lists.
pub const WORST_DRAWDOWNS: usize = 5;

/// One drawdown episode as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawdownRow {
    /// Depth, a negative fraction.
    pub depth: f64,
    /// When the fall started (the running peak).
    pub peak: String,
    /// The lowest point.
    pub trough: String,
    /// When the peak was regained, if it was.
    pub recovery: Option<String>,
    /// Calendar days from the peak to the recovery, or to the last date if unrecovered.
    pub days: i64,
}

/// Why no report could be made at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The series has fewer than two prices.
    #[error("a report needs at least 2 prices, the series has {0}")]
    TooShort(usize),
    /// A parameter is out of range.
    #[error("{0}")]
    Parameter(&'static str),
}

/// A date for daily series, an ISO date-time for intraday ones.
fn time_label(t: i64, daily: bool) -> String {
    if daily {
        Date::from_unix(t).to_string()
    } else {
        format_unix(t)
    }
}

impl RiskReport {
    /// Computes the report.
    ///
    /// # Errors
    /// [`ReportError`] for fewer than two prices or a confidence, risk-free rate or period
    /// count out of range; every other problem leaves the metric concerned `None`.
    pub fn compute(input: &ReportInput<'_>) -> Result<Self, ReportError> {
        let prices = input.prices;
        if prices.len() < 2 {
            return Err(ReportError::TooShort(prices.len()));
        }
        if !(input.confidence > 0.0 && input.confidence < 1.0) {
            return Err(ReportError::Parameter("confidence must be between 0 and 1"));
        }
        if !(input.periods_per_year.is_finite() && input.periods_per_year > 0.0) {
            return Err(ReportError::Parameter("periods per year must be positive"));
        }
        if input.horizon == 0 {
            return Err(ReportError::Parameter(
                "the horizon must be at least 1 period",
            ));
        }
        if !(input.risk_free.is_finite() && input.risk_free > -1.0) {
            return Err(ReportError::Parameter(
                "risk-free rate must be above −100 %",
            ));
        }
        let p = input.periods_per_year;
        let path = prices.values();
        let r = input.returns.returns(path);
        let times = prices.times();
        let ok = |x: Result<f64, MetricError>| x.ok().filter(|v| v.is_finite());
        let daily = prices.is_daily();
        let label = |i: usize| time_label(times[i], daily);
        let growth = path[path.len() - 1] / path[0];
        let cagr = Some(growth.powf(p / r.len() as f64) - 1.0).filter(|v| v.is_finite());
        let mdd = max_drawdown(path);
        let mut sorted = r.clone();
        sorted.sort_by(f64::total_cmp);
        let hist = |c| historical_sorted(&sorted, c).ok();
        let gauss = |c| gaussian(&r, c).ok();
        let (h95, h99, hc, g95, gc) = (
            hist(0.95),
            hist(0.99),
            hist(input.confidence),
            gauss(0.95),
            gauss(input.confidence),
        );
        let worst_drawdowns = drawdown_episodes(path)
            .into_iter()
            .take(WORST_DRAWDOWNS)
            .map(|e| DrawdownRow {
                depth: e.depth,
                peak: label(e.peak),
                trough: label(e.trough),
                recovery: e.recovery.map(label),
                days: (times[e.recovery.unwrap_or(times.len() - 1)] - times[e.peak])
                    / SECONDS_PER_DAY,
            })
            .collect();
        let horizon = historical(
            &input.returns.horizon_returns(path, input.horizon),
            input.confidence,
        )
        .ok();
        let scaled = hc.map(|t| sqrt_time(t, input.horizon));
        let mut report = Self {
            observations: r.len(),
            start: label(0),
            end: label(times.len() - 1),
            periods_per_year: p,
            returns: input.returns,
            total_return: Some(growth - 1.0),
            cagr,
            mean_return: ok(mean(&r)),
            ann_vol: ok(annualised_volatility(&r, p)),
            sharpe: ok(sharpe(&r, p, input.risk_free)),
            sortino: ok(sortino(&r, p, 0.0)),
            psr: ok(probabilistic_sharpe(&r, 0.0)),
            max_drawdown: mdd.map(|m| m.depth),
            max_drawdown_peak: mdd.filter(|m| m.depth < 0.0).map(|m| label(m.peak)),
            max_drawdown_trough: mdd.filter(|m| m.depth < 0.0).map(|m| label(m.trough)),
            max_drawdown_recovery: mdd.and_then(|m| m.recovery).map(label),
            max_drawdown_days: mdd.filter(|m| m.depth < 0.0).map(|m| {
                (times[m.recovery.unwrap_or(times.len() - 1)] - times[m.peak]) / SECONDS_PER_DAY
            }),
            worst_drawdowns,
            calmar: cagr
                .zip(mdd)
                .and_then(|(c, m)| ok(performance::calmar(c, m.depth))),
            ulcer_index: ok(ulcer_index(path)),
            cdar_95: ok(conditional_drawdown_at_risk(path, 0.95)),
            omega: ok(performance::omega(&r, p, 0.0)),
            tail_ratio: ok(tail_ratio_sorted(&sorted)),
            var_hist_95: h95.map(|t| t.var),
            cvar_hist_95: h95.map(|t| t.es),
            var_hist_99: h99.map(|t| t.var),
            cvar_hist_99: h99.map(|t| t.es),
            var_gauss_95: g95.map(|t| t.var),
            cvar_gauss_95: g95.map(|t| t.es),
            var_cf_95: ok(cornish_fisher_var(&r, 0.95)),
            confidence: input.confidence,
            var_hist: hc.map(|t| t.var),
            cvar_hist: hc.map(|t| t.es),
            var_gauss: gc.map(|t| t.var),
            cvar_gauss: gc.map(|t| t.es),
            var_cf: ok(cornish_fisher_var(&r, input.confidence)),
            horizon: input.horizon,
            var_hist_horizon: horizon.map(|t| t.var),
            cvar_hist_horizon: horizon.map(|t| t.es),
            var_hist_horizon_sqrt_time: scaled.map(|t| t.var),
            cvar_hist_horizon_sqrt_time: scaled.map(|t| t.es),
            skew: ok(skewness(&r)),
            excess_kurtosis: ok(excess_kurtosis(&r)),
            best: r.iter().copied().reduce(f64::max),
            worst: r.iter().copied().reduce(f64::min),
            win_rate: ok(win_rate(&r)),
            pair_observations: None,
            beta: None,
            correlation: None,
            up_capture: None,
            down_capture: None,
            uncertainty: None,
        };
        if let Some(benchmark) = input.benchmark {
            let relative = RelativeMetrics::compute(prices, benchmark);
            report.pair_observations = Some(relative.pair_observations);
            report.beta = Some(relative.beta);
            report.correlation = Some(relative.correlation);
            report.up_capture = Some(relative.up_capture);
            report.down_capture = Some(relative.down_capture);
        }
        Ok(report)
    }

    /// This report with bootstrap confidence intervals and a Monte Carlo VaR over its horizon,
    /// computed on the simple returns of `prices` (the report's own input) from `seed`.
    pub fn with_uncertainty(
        mut self,
        prices: &PriceSeries,
        config: UncertaintyConfig,
        seed: u64,
    ) -> Self {
        self.uncertainty = Some(self.uncertainty_input(prices, config, seed).compute());
        self
    }

    /// What [`Self::with_uncertainty`] computes, as a job to hand to a worker: the report's
    /// periods per year, confidence and horizon with `prices`, `config` and `seed`.
    pub fn uncertainty_input(
        &self,
        prices: &PriceSeries,
        config: UncertaintyConfig,
        seed: u64,
    ) -> UncertaintyInput {
        UncertaintyInput {
            prices: prices.values().to_vec(),
            periods_per_year: self.periods_per_year,
            confidence: self.confidence,
            horizon: self.horizon,
            config,
            seed,
        }
    }
}

/// An asset against one benchmark, on the returns of the dates both have.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RelativeMetrics {
    /// Paired returns.
    pub pair_observations: usize,
    /// Periods per year of the common dates (252 when either asset trades on weekdays only).
    pub periods_per_year: f64,
    /// Beta, `cov / var` (ddof 1).
    pub beta: Option<f64>,
    /// Pearson correlation.
    pub correlation: Option<f64>,
    /// Up-market capture.
    pub up_capture: Option<f64>,
    /// Down-market capture.
    pub down_capture: Option<f64>,
}

impl RelativeMetrics {
    /// Aligns the two series on their common dates, then compares their returns.
    pub fn compute(prices: &PriceSeries, benchmark: &PriceSeries) -> Self {
        let joined = align(&[prices, benchmark]);
        let p = joined.calendar().periods_per_year();
        let returns = joined.returns();
        let (a, b) = (&returns[0], &returns[1]);
        let ok = |x: Result<f64, MetricError>| x.ok().filter(|v| v.is_finite());
        Self {
            pair_observations: a.len(),
            periods_per_year: p,
            beta: ok(beta(a, b)),
            correlation: ok(correlation(a, b)),
            up_capture: ok(capture(a, b, Market::Up)),
            down_capture: ok(capture(a, b, Market::Down)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: &[f64]) -> PriceSeries {
        PriceSeries::new(
            (0..values.len() as i64)
                .map(|i| i * SECONDS_PER_DAY)
                .collect(),
            values.to_vec(),
        )
        .expect("valid")
    }

    #[test]
    fn constant_prices_give_zero_volatility_and_no_nan() {
        let flat = series(&[5.0; 10]);
        let report = RiskReport::compute(&ReportInput::new(&flat, 365.0)).expect("enough prices");
        assert_eq!(report.ann_vol, Some(0.0));
        assert_eq!(
            (report.sharpe, report.calmar, report.skew),
            (None, None, None)
        );
        assert_eq!(report.max_drawdown, Some(0.0));
        assert_eq!(report.max_drawdown_peak, None);
        assert_eq!(
            report.var_hist_horizon, None,
            "10 prices give no two 10-period returns"
        );
        let json = serde_json::to_string(&report).expect("serialises");
        assert!(
            !json.contains("NaN") && json.contains("\"sharpe\":null") && !json.contains("beta")
        );
    }

    #[test]
    fn rejects_too_short_and_bad_parameters() {
        let one = series(&[5.0]);
        let input = ReportInput::new(&one, 365.0);
        assert_eq!(RiskReport::compute(&input), Err(ReportError::TooShort(1)));
        let two = series(&[5.0, 6.0]);
        for (c, p, rf) in [
            (1.0, 365.0, 0.0),
            (0.95, 0.0, 0.0),
            (0.95, f64::NAN, 0.0),
            (0.95, 365.0, -2.0),
        ] {
            let input = ReportInput {
                confidence: c,
                risk_free: rf,
                ..ReportInput::new(&two, p)
            };
            assert!(matches!(
                RiskReport::compute(&input),
                Err(ReportError::Parameter(_))
            ));
        }
    }
}
