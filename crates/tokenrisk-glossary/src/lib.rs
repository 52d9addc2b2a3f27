//! What each figure is called and how it is computed, in words: the risk report's metrics with
//! their labels, units and one-line conventions, in reading order. Shared by the app's metric
//! table and the `tokenrisk risk --format table` output, so both read the same. The core holds
//! the numbers; this crate holds only how people read them.

use tokenrisk_core::report::RiskReport;

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

/// The report's metrics in reading order, each with its label, unit and convention; the
/// benchmark rows only when a benchmark was given.
pub fn rows(report: &RiskReport) -> Vec<ReportRow> {
    use Unit::{Percent, Ratio};
    let conf = format!("{:.0}%", report.confidence * 100.0);
    let h = report.horizon;
    let row = |key, label: &str, value, unit, explanation| ReportRow {
        key,
        label: label.to_owned(),
        value,
        unit,
        explanation,
    };
    let mut rows = vec![
            row("total_return", "Total return", report.total_return, Percent, "∏(1 + r) − 1 over the period."),
            row("cagr", "CAGR", report.cagr, Percent, "Compound annual growth: (1 + total)^(P/n) − 1, n returns, P periods a year."),
            row("ann_vol", "Annualised volatility", report.ann_vol, Percent, "Sample standard deviation of simple returns (ddof 1) × √P."),
            row("sharpe", "Sharpe ratio", report.sharpe, Ratio, "Mean excess return / its standard deviation × √P (risk-free rate as set, default 0)."),
            row("sortino", "Sortino ratio", report.sortino, Ratio, "Mean return / downside deviation × √P; downside deviation √(Σ min(r, 0)² / n) over all n periods."),
            row("psr", "Probabilistic Sharpe", report.psr, Percent, "Probability the true Sharpe ratio is above 0, given length, skewness and raw kurtosis (Bailey & López de Prado)."),
            row("max_drawdown", "Maximum drawdown", report.max_drawdown, Percent, "Deepest fall below the running peak of the price path."),
            row("calmar", "Calmar ratio", report.calmar, Ratio, "CAGR / |maximum drawdown|."),
            row("ulcer_index", "Ulcer index", report.ulcer_index, Percent, "Root-mean-square drawdown: √(mean DD²) over the path (Martin)."),
            row("cdar_95", "CDaR 95%", report.cdar_95, Percent, "Mean of the worst 5% of drawdown depths (conditional drawdown at risk)."),
            row("omega", "Omega ratio", report.omega, Ratio, "Σ gains above 0 / Σ losses below 0."),
            row("tail_ratio", "Tail ratio", report.tail_ratio, Ratio, "|95th percentile| / |5th percentile| of returns; above 1, the right tail is fatter."),
            row("var_hist", "", report.var_hist, Percent, "Historical: minus the (1 − c) quantile of returns (linear interpolation)."),
            row("cvar_hist", "", report.cvar_hist, Percent, "Historical expected shortfall: minus the mean of returns at or below that quantile."),
            row("var_gauss", "", report.var_gauss, Percent, "Normal with the sample mean and σ: −(μ + z σ), z = Φ⁻¹(1 − c)."),
            row("cvar_gauss", "", report.cvar_gauss, Percent, "Normal expected shortfall: −μ + σ φ(z) / (1 − c)."),
            row("var_cf", "", report.var_cf, Percent, "Cornish–Fisher: the normal quantile corrected for skewness and excess kurtosis."),
            row("var_hist_horizon", "", report.var_hist_horizon, Percent, "Historical VaR of overlapping multi-period returns P_t+h / P_t − 1 (no scaling assumption)."),
            row("cvar_hist_horizon", "", report.cvar_hist_horizon, Percent, "Historical ES of the same overlapping multi-period returns."),
            row("var_hist_horizon_sqrt_time", "", report.var_hist_horizon_sqrt_time, Percent, "One-period historical VaR × √h: exact only for independent, zero-mean normal returns."),
            row("var_hist_99", "VaR 99% historical", report.var_hist_99, Percent, "Loss exceeded on 1% of periods."),
            row("cvar_hist_99", "ES 99% historical", report.cvar_hist_99, Percent, "Mean loss on the worst 1% of periods."),
            row("skew", "Skewness", report.skew, Ratio, "Third standardised moment (biased, SciPy's default); negative means a longer left tail."),
            row("excess_kurtosis", "Excess kurtosis", report.excess_kurtosis, Ratio, "Fourth standardised moment − 3 (biased); above 0, fatter tails than a normal."),
            row("best", "Best period", report.best, Percent, "Largest single-period return."),
            row("worst", "Worst period", report.worst, Percent, "Smallest single-period return."),
            row("win_rate", "Win rate", report.win_rate, Percent, "Share of periods with a gain among those that moved."),
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
    if let Some(n) = report.pair_observations {
        rows.extend([
                row("beta", &format!("Beta ({n} paired returns)"), report.beta.flatten(), Ratio, "cov(r, b) / var(b) on returns of the dates both have."),
                row("correlation", "Correlation", report.correlation.flatten(), Ratio, "Pearson correlation of the paired returns."),
                row("up_capture", "Up capture", report.up_capture.flatten(), Ratio, "Geometric mean return on the benchmark's up periods / the benchmark's own (per period, not annualised)."),
                row("down_capture", "Down capture", report.down_capture.flatten(), Ratio, "The same over the benchmark's down periods; below 1 is better."),
            ]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenrisk_core::report::ReportInput;
    use tokenrisk_core::PriceSeries;

    #[test]
    fn every_row_has_a_label_and_an_explanation() {
        let flat =
            PriceSeries::new((0..10).map(|i| i * 86_400).collect(), vec![5.0; 10]).expect("valid");
        let report = RiskReport::compute(&ReportInput::new(&flat, 365.0)).expect("enough prices");
        let rows = rows(&report);
        assert_eq!(
            rows.iter()
                .find(|r| r.key == "var_hist")
                .map(|r| r.label.as_str()),
            Some("VaR 95% historical")
        );
        assert!(rows
            .iter()
            .all(|r| !r.label.is_empty() && !r.explanation.is_empty()));
        assert!(
            rows.iter().all(|r| r.key != "beta"),
            "no benchmark, no beta row"
        );
    }
}
