//! `tokenrisk risk`: the full risk report of a price CSV file, as JSON or a table.

use std::path::Path;
use tokenrisk_core::bootstrap::{BootstrapConfig, MAX_RESAMPLES};
use tokenrisk_core::report::{ReportInput, RiskReport, UncertaintyConfig};
use tokenrisk_core::returns::ReturnKind;
use tokenrisk_core::tail::MAX_HORIZON;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::{Calendar, PriceSeries};
use tokenrisk_glossary::Unit;
use tokenrisk_market::csv_prices::read_price_csv;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object; fractions, not percent; `null` where a metric is undefined.
    Json,
    /// A table for people.
    Table,
}

/// What to report on.
#[derive(Debug, Clone)]
pub struct RiskOptions<'a> {
    /// The price CSV.
    pub prices: &'a Path,
    /// An optional benchmark price CSV.
    pub benchmark: Option<&'a Path>,
    /// Periods per year; inferred from the data when absent.
    pub periods_per_year: Option<f64>,
    /// Confidence of the `var_hist`/`cvar_hist`/… keys.
    pub confidence: f64,
    /// Annual risk-free rate for the Sharpe ratio.
    pub risk_free: f64,
    /// The price column's name, overriding the defaults.
    pub price_column: Option<&'a str>,
    /// JSON or table.
    pub format: Format,
    /// Simple or log returns for the return-based metrics.
    pub returns: ReturnKind,
    /// Periods of the multi-period VaR and ES.
    pub horizon: usize,
    /// Bootstrap resamples for the confidence intervals (0: none).
    pub resamples: usize,
    /// Seed of the bootstrap and Monte Carlo generator.
    pub seed: u64,
}

/// Reads a price file, naming the file in any error.
///
/// # Errors
/// `FILE: line N: reason`, or `FILE: reason` when it cannot be read.
pub fn read_prices(path: &Path, price_column: Option<&str>) -> Result<PriceSeries, String> {
    let text = crate::read_text_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    read_price_csv(&text, price_column)
        .map(|read| read.series)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Periods per year of a series: 365 or 252 for daily data by its calendar (weekend dates or
/// not); for intraday data, a 365-day year divided by the median spacing (8,760 for hourly).
pub fn inferred_periods_per_year(series: &PriceSeries) -> f64 {
    if series.is_daily() {
        return Calendar::observed(series.times()).periods_per_year();
    }
    let mut gaps: Vec<i64> = series.times().windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let median = gaps
        .get(gaps.len() / 2)
        .copied()
        .unwrap_or(SECONDS_PER_DAY)
        .max(1);
    365.0 * SECONDS_PER_DAY as f64 / median as f64
}

/// Builds the report and renders it.
///
/// # Errors
/// A message naming the file and the reason (the command exits with status 2).
pub fn run(options: &RiskOptions<'_>) -> Result<String, String> {
    let prices = read_prices(options.prices, options.price_column)?;
    let benchmark = options
        .benchmark
        .map(|b| read_prices(b, options.price_column))
        .transpose()?;
    if options.resamples > MAX_RESAMPLES {
        return Err(format!(
            "--resamples {} is more than the {MAX_RESAMPLES} this command draws",
            options.resamples
        ));
    }
    if options.horizon > MAX_HORIZON {
        return Err(format!(
            "--horizon {} is longer than the {MAX_HORIZON} periods this command simulates",
            options.horizon
        ));
    }
    if let Some(p) = options.periods_per_year {
        if !(p.is_finite() && p > 0.0) {
            return Err(format!("--periods-per-year {p} is not a positive number"));
        }
    }
    let periods_per_year = options
        .periods_per_year
        .unwrap_or_else(|| inferred_periods_per_year(&prices));
    let mut report = RiskReport::compute(&ReportInput {
        prices: &prices,
        periods_per_year,
        confidence: options.confidence,
        risk_free: options.risk_free,
        benchmark: benchmark.as_ref(),
        returns: options.returns,
        horizon: options.horizon,
    })
    .map_err(|e| format!("{}: {e}", options.prices.display()))?;
    if options.resamples > 0 {
        let config = UncertaintyConfig {
            bootstrap: BootstrapConfig {
                resamples: options.resamples,
                ..BootstrapConfig::default()
            },
            ..UncertaintyConfig::default()
        };
        report = report.with_uncertainty(&prices, config, options.seed);
    }
    Ok(match options.format {
        Format::Json => serde_json::to_string_pretty(&report)
            .unwrap_or_else(|e| unreachable!("plain data: {e}")),
        Format::Table => table(&report, options),
    })
}

fn value_text(value: Option<f64>, unit: Unit) -> String {
    match (value, unit) {
        (None, _) => "n/a".to_owned(),
        (Some(v), Unit::Percent) => format!("{:.2}%", v * 100.0),
        (Some(v), Unit::Ratio) => format!("{v:.3}"),
    }
}

fn table(report: &RiskReport, options: &RiskOptions<'_>) -> String {
    let mut out = format!(
        "{}: {} returns, {} to {}, {} periods a year\n",
        options.prices.display(),
        report.observations,
        report.start,
        report.end,
        report.periods_per_year
    );
    for row in tokenrisk_glossary::rows(report) {
        out.push_str(&format!(
            "  {:<34} {:>12}\n",
            row.label,
            value_text(row.value, row.unit)
        ));
    }
    if !report.worst_drawdowns.is_empty() {
        out.push_str("Worst drawdowns (peak → trough → recovery):\n");
        for d in &report.worst_drawdowns {
            out.push_str(&format!(
                "  {:>8}  {} → {} → {}  ({} days)\n",
                value_text(Some(d.depth), Unit::Percent),
                d.peak,
                d.trough,
                d.recovery.as_deref().unwrap_or("not recovered"),
                d.days
            ));
        }
    }
    if let Some(u) = &report.uncertainty {
        let range = |x: Option<[f64; 2]>, unit: Unit| match x {
            Some([lo, hi]) => format!(
                "{} to {}",
                value_text(Some(lo), unit),
                value_text(Some(hi), unit)
            ),
            None => "n/a".to_owned(),
        };
        out.push_str(&format!(
            "{:.0}% bootstrap intervals ({} stationary-bootstrap resamples, mean block {} periods, seed {}):\n",
            u.level * 100.0,
            u.resamples,
            u.mean_block,
            u.seed
        ));
        for (name, interval, unit) in [
            ("Annualised volatility", u.ann_vol, Unit::Percent),
            ("Sharpe ratio", u.sharpe, Unit::Ratio),
            ("Maximum drawdown", u.max_drawdown, Unit::Percent),
            ("Historical VaR", u.var_hist, Unit::Percent),
        ] {
            out.push_str(&format!("  {name:<34} {:>24}\n", range(interval, unit)));
        }
        out.push_str(&format!(
            "  {:<34} {:>12}\n  {:<34} {:>12}\n",
            format!("Monte Carlo VaR, {} periods", u.horizon),
            value_text(u.var_mc_horizon, Unit::Percent),
            format!("Monte Carlo ES, {} periods", u.horizon),
            value_text(u.cvar_mc_horizon, Unit::Percent),
        ));
    }
    out.push_str(&format!(
        "{} returns; volatility and ratios annualised by the square root of the periods a year; ddof 1; VaR/ES are loss fractions of one period unless a horizon is named.",
        report.returns
    ));
    out
}
