//! The report as people read it: each metric's label, unit and convention, in reading order.

use super::RiskReport;

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A fraction shown as a percentage.
    Percent,
    /// A plain number (ratios, moments).
    Ratio,
}

/// One line of the report as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// The JSON key.
    pub key: &'static str,
    /// Its name for people.
    pub label: String,
    /// The value, `None` where undefined.
    pub value: Option<f64>,
    /// Percent or ratio.
    pub unit: Unit,
    /// How it is computed, with its conventions, in one sentence.
    pub explanation: &'static str,
}

impl RiskReport {
    /// The report's metrics in reading order, each with its label, unit and convention; the
    /// benchmark rows only when a benchmark was given.
    pub fn rows(&self) -> Vec<ReportRow> {
        use Unit::{Percent, Ratio};
        let conf = format!("{:.0}%", self.confidence * 100.0);
        let h = self.horizon;
        let row = |key, label: &str, value, unit, explanation| ReportRow {
            key,
            label: label.to_owned(),
            value,
            unit,
            explanation,
        };
        let mut rows = vec![
            row("total_return", "Total return", self.total_return, Percent, "∏(1 + r) − 1 over the period."),
            row("cagr", "CAGR", self.cagr, Percent, "Compound annual growth: (1 + total)^(P/n) − 1, n returns, P periods a year."),
            row("ann_vol", "Annualised volatility", self.ann_vol, Percent, "Sample standard deviation of simple returns (ddof 1) × √P."),
            row("sharpe", "Sharpe ratio", self.sharpe, Ratio, "Mean excess return / its standard deviation × √P (risk-free rate as set, default 0)."),
            row("sortino", "Sortino ratio", self.sortino, Ratio, "Mean return / downside deviation × √P; downside deviation √(Σ min(r, 0)² / n) over all n periods."),
            row("psr", "Probabilistic Sharpe", self.psr, Percent, "Probability the true Sharpe ratio is above 0, given length, skewness and raw kurtosis (Bailey & López de Prado)."),
            row("max_drawdown", "Maximum drawdown", self.max_drawdown, Percent, "Deepest fall below the running peak of the price path."),
            row("calmar", "Calmar ratio", self.calmar, Ratio, "CAGR / |maximum drawdown|."),
            row("ulcer_index", "Ulcer index", self.ulcer_index, Percent, "Root-mean-square drawdown: √(mean DD²) over the path (Martin)."),
            row("cdar_95", "CDaR 95%", self.cdar_95, Percent, "Mean of the worst 5% of drawdown depths (conditional drawdown at risk)."),
            row("omega", "Omega ratio", self.omega, Ratio, "Σ gains above 0 / Σ losses below 0."),
            row("tail_ratio", "Tail ratio", self.tail_ratio, Ratio, "|95th percentile| / |5th percentile| of returns; above 1, the right tail is fatter."),
            row("var_hist", "", self.var_hist, Percent, "Historical: minus the (1 − c) quantile of returns (linear interpolation)."),
            row("cvar_hist", "", self.cvar_hist, Percent, "Historical expected shortfall: minus the mean of returns at or below that quantile."),
            row("var_gauss", "", self.var_gauss, Percent, "Normal with the sample mean and σ: −(μ + z σ), z = Φ⁻¹(1 − c)."),
            row("cvar_gauss", "", self.cvar_gauss, Percent, "Normal expected shortfall: −μ + σ φ(z) / (1 − c)."),
            row("var_cf", "", self.var_cf, Percent, "Cornish–Fisher: the normal quantile corrected for skewness and excess kurtosis."),
            row("var_hist_horizon", "", self.var_hist_horizon, Percent, "Historical VaR of overlapping multi-period returns P_t+h / P_t − 1 (no scaling assumption)."),
            row("cvar_hist_horizon", "", self.cvar_hist_horizon, Percent, "Historical ES of the same overlapping multi-period returns."),
            row("var_hist_horizon_sqrt_time", "", self.var_hist_horizon_sqrt_time, Percent, "One-period historical VaR × √h: exact only for independent, zero-mean normal returns."),
            row("var_hist_99", "VaR 99% historical", self.var_hist_99, Percent, "Loss exceeded on 1% of periods."),
            row("cvar_hist_99", "ES 99% historical", self.cvar_hist_99, Percent, "Mean loss on the worst 1% of periods."),
            row("skew", "Skewness", self.skew, Ratio, "Third standardised moment (biased, SciPy's default); negative means a longer left tail."),
            row("excess_kurtosis", "Excess kurtosis", self.excess_kurtosis, Ratio, "Fourth standardised moment − 3 (biased); above 0, fatter tails than a normal."),
            row("best", "Best period", self.best, Percent, "Largest single-period return."),
            row("worst", "Worst period", self.worst, Percent, "Smallest single-period return."),
            row("win_rate", "Win rate", self.win_rate, Percent, "Share of periods with a gain among those that moved."),
        ];
        for (key, label) in [
            ("var_hist", format!("VaR {conf} historical")),
            ("cvar_hist", format!("ES {conf} historical")),
            ("var_gauss", format!("VaR {conf} Gaussian")),
            ("cvar_gauss", format!("ES {conf} Gaussian")),
            ("var_cf", format!("VaR {conf} Cornish–Fisher")),
            (
                "var_hist_horizon",
                format!("VaR {conf} over {h} periods (overlapping)"),
            ),
            (
                "cvar_hist_horizon",
                format!("ES {conf} over {h} periods (overlapping)"),
            ),
            (
                "var_hist_horizon_sqrt_time",
                format!("VaR {conf} over {h} periods (√time)"),
            ),
        ] {
            if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                r.label = label;
            }
        }
        if let Some(n) = self.pair_observations {
            rows.extend([
                row("beta", &format!("Beta ({n} paired returns)"), self.beta.flatten(), Ratio, "cov(r, b) / var(b) on returns of the dates both have."),
                row("correlation", "Correlation", self.correlation.flatten(), Ratio, "Pearson correlation of the paired returns."),
                row("up_capture", "Up capture", self.up_capture.flatten(), Ratio, "Geometric mean return on the benchmark's up periods / the benchmark's own (per period, not annualised)."),
                row("down_capture", "Down capture", self.down_capture.flatten(), Ratio, "The same over the benchmark's down periods; below 1 is better."),
            ]);
        }
        rows
    }
}
