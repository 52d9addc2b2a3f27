//! Invariants every input must respect, checked on generated data (proptest), and the
//! statistical behaviour of the seeded bootstrap and Monte Carlo estimators.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;
use tokenrisk_core::align::align;
use tokenrisk_core::bootstrap::{percentile_interval, stationary_indices, BootstrapConfig};
use tokenrisk_core::drawdown::{drawdown_series, max_drawdown};
use tokenrisk_core::portfolio::portfolio_risk;
use tokenrisk_core::relative::beta;
use tokenrisk_core::report::{ReportInput, RiskReport};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::stats::{mean, sample_std};
use tokenrisk_core::tail::{gaussian, historical, monte_carlo, MonteCarloConfig};
use tokenrisk_core::PriceSeries;

/// Daily returns between −50 % and +50 %, 5 to 300 of them.
const RETURN_RANGE: std::ops::Range<f64> = -0.5..0.5;
const LENGTHS: std::ops::Range<usize> = 5..300;
const DAY: i64 = 86_400;

fn returns() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(RETURN_RANGE, LENGTHS)
}

fn prices_from(returns: &[f64], start: f64) -> Vec<f64> {
    std::iter::once(start)
        .chain(returns.iter().scan(start, |p, r| {
            *p *= 1.0 + r;
            Some(*p)
        }))
        .collect()
}

fn series(prices: Vec<f64>) -> PriceSeries {
    PriceSeries::new((0..prices.len() as i64).map(|i| i * DAY).collect(), prices).expect("valid")
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-9),
        (a, b) => a.is_none() && b.is_none(),
    }
}

proptest! {
    #[test]
    fn var_is_monotone_in_confidence_and_es_is_at_least_var(r in returns(), c1 in 0.5..0.99_f64, dc in 0.0..0.0099_f64) {
        let c2 = c1 + dc;
        let (h1, h2) = (historical(&r, c1).expect("valid generated input"), historical(&r, c2).expect("valid generated input"));
        prop_assert!(h2.var >= h1.var - 1e-15);
        prop_assert!(h1.es >= h1.var - 1e-15 && h2.es >= h2.var - 1e-15);
        let (g1, g2) = (gaussian(&r, c1).expect("valid generated input"), gaussian(&r, c2).expect("valid generated input"));
        prop_assert!(g2.var >= g1.var - 1e-15);
        prop_assert!(g1.es >= g1.var - 1e-15);
    }

    #[test]
    fn drawdowns_are_never_positive(r in returns()) {
        let path = prices_from(&r, 100.0);
        prop_assert!(drawdown_series(&path).iter().all(|d| *d <= 0.0 && *d > -1.0));
        let m = max_drawdown(&path).expect("valid generated input");
        prop_assert!(m.depth <= 0.0 && m.peak <= m.trough);
    }

    #[test]
    fn metrics_do_not_depend_on_the_price_unit(r in returns(), scale in 1e-4..1e4_f64) {
        let (a, b) = (series(prices_from(&r, 1.0)), series(prices_from(&r, scale)));
        let report = |s: &PriceSeries| RiskReport::compute(&ReportInput::new(s, 365.0)).expect("valid generated input");
        let (x, y) = (report(&a), report(&b));
        prop_assert!(close(x.ann_vol, y.ann_vol));
        prop_assert!(close(x.sharpe, y.sharpe));
        prop_assert!(close(x.max_drawdown, y.max_drawdown));
        prop_assert!(close(x.var_hist_95, y.var_hist_95));
        prop_assert!(close(x.cvar_hist_99, y.cvar_hist_99));
        prop_assert!(close(x.var_cf_95, y.var_cf_95));
    }

    #[test]
    fn risk_contributions_sum_to_portfolio_volatility(
        columns in prop::collection::vec(prop::collection::vec(RETURN_RANGE, 30), 2..6),
        raw_weights in prop::collection::vec(0.01..1.0_f64, 6),
    ) {
        let weights = &raw_weights[..columns.len()];
        let risk = portfolio_risk(&columns, weights, 365.0).expect("valid generated input");
        let total: f64 = risk.component.iter().sum();
        prop_assert!((total - risk.volatility).abs() <= 1e-12 * risk.volatility);
        prop_assert!(risk.diversification_ratio >= 1.0 - 1e-12);
        prop_assert!(risk.effective_bets >= 1.0 - 1e-12 && risk.effective_bets <= columns.len() as f64 + 1e-12);
    }

    #[test]
    fn alignment_is_symmetric(
        a_days in prop::collection::btree_set(0..400_i64, 3..200),
        b_days in prop::collection::btree_set(0..400_i64, 3..200),
    ) {
        let make = |days: &std::collections::BTreeSet<i64>| PriceSeries::new(
            days.iter().map(|d| d * DAY).collect(),
            days.iter().map(|d| 100.0 + *d as f64).collect(),
        ).expect("valid generated input");
        let (a, b) = (make(&a_days), make(&b_days));
        let (ab, ba) = (align(&[&a, &b]), align(&[&b, &a]));
        prop_assert_eq!(&ab.times, &ba.times);
        prop_assert_eq!(&ab.prices[0], &ba.prices[1]);
        prop_assert_eq!(&ab.prices[1], &ba.prices[0]);
        if ab.times.len() >= 4 {
            let (r_ab, r_ba) = (ab.returns(), ba.returns());
            prop_assert_eq!(beta(&r_ab[0], &r_ab[1]).ok(), beta(&r_ba[1], &r_ba[0]).ok());
        }
    }

    #[test]
    fn bootstrap_indices_stay_in_range_and_repeat_with_the_seed(n in 1..500_usize, len in 0..500_usize, block in 1.0..50.0_f64, seed in any::<u64>()) {
        let first = stationary_indices(n, len, block, &mut Pcg64Mcg::seed_from_u64(seed)).expect("valid generated input");
        let again = stationary_indices(n, len, block, &mut Pcg64Mcg::seed_from_u64(seed)).expect("valid generated input");
        prop_assert_eq!(first.len(), len);
        prop_assert!(first.iter().all(|i| *i < n));
        prop_assert_eq!(first, again);
    }
}

/// Block lengths are geometric with the requested mean: over 200,000 draws, the mean run length
/// is within 2 % of it (its standard error is about 0.5 % here).
#[test]
fn stationary_bootstrap_blocks_have_the_requested_mean_length() {
    let mut rng = Pcg64Mcg::seed_from_u64(7);
    let indices = stationary_indices(1_000_000, 200_000, 8.0, &mut rng).expect("valid");
    let breaks = indices.windows(2).filter(|w| w[1] != w[0] + 1).count();
    let mean_block = indices.len() as f64 / (breaks + 1) as f64;
    assert!(
        (mean_block - 8.0).abs() < 0.16,
        "mean block length {mean_block}"
    );
}

/// The bootstrap interval of the mean of i.i.d. normal-like data covers the theoretical
/// ±1.645 σ/√n band at 90 %: its half-width is within 10 % of it.
#[test]
fn bootstrap_interval_of_the_mean_has_the_theoretical_width() {
    let mut data_rng = Pcg64Mcg::seed_from_u64(11);
    let data: Vec<f64> = (0..2_000)
        .map(|_| {
            (0..12)
                .map(|_| rand::Rng::random::<f64>(&mut data_rng))
                .sum::<f64>()
                - 6.0
        })
        .collect();
    let config = BootstrapConfig {
        resamples: 2_000,
        mean_block: 1.0,
        level: 0.90,
    };
    let interval =
        percentile_interval(&data, mean, config, &mut Pcg64Mcg::seed_from_u64(3)).expect("defined");
    let half_width = (interval.upper - interval.lower) / 2.0;
    let theory =
        1.644_853_626_951_472_9 * sample_std(&data).expect("n ≥ 2") / (data.len() as f64).sqrt();
    assert!(
        (half_width / theory - 1.0).abs() < 0.10,
        "half-width {half_width} vs {theory}"
    );
    assert!(
        interval.lower < mean(&data).expect("non-empty")
            && interval.upper > mean(&data).expect("non-empty")
    );
}

/// With a one-period horizon, Monte Carlo VaR resamples the observed returns, so with many
/// paths it converges to the historical VaR (here within 5 % on real BTC returns).
#[test]
fn monte_carlo_var_converges_to_historical_over_one_period() {
    let text = tokenrisk_testdata::read_market_file("binance_spot_1d/BTCUSDT.csv");
    let prices = tokenrisk_market::csv_prices::read_price_csv(&text, None)
        .expect("valid")
        .series;
    let r = simple_returns(prices.values());
    let config = MonteCarloConfig {
        paths: 100_000,
        horizon: 1,
        mean_block: 5.0,
    };
    let mc = monte_carlo(&r, 0.95, config, &mut Pcg64Mcg::seed_from_u64(1)).expect("valid");
    let hist = historical(&r, 0.95).expect("valid");
    assert!(
        (mc.var / hist.var - 1.0).abs() < 0.05,
        "MC {} vs historical {}",
        mc.var,
        hist.var
    );
    assert!(
        (mc.es / hist.es - 1.0).abs() < 0.05,
        "MC ES {} vs historical {}",
        mc.es,
        hist.es
    );
    let again = monte_carlo(&r, 0.95, config, &mut Pcg64Mcg::seed_from_u64(1)).expect("valid");
    assert_eq!(mc, again, "the same seed reproduces the run");
}

proptest! {
    /// Any text, and any digits (epochs of every magnitude): a time is in 1900–9999 and reads
    /// back from its ISO form, or there is none; never a panic (a zone such as `+€1` once
    /// sliced a character in two).
    #[test]
    fn timestamps_are_in_the_supported_years_or_refused(
        text in ".{0,40}",
        digits in "[0-9]{1,22}",
        date in "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-]..:?..|Z)?",
    ) {
        use tokenrisk_core::time::{format_unix, is_supported_unix, parse_timestamp};
        for candidate in [text, digits, date] {
            if let Some(t) = parse_timestamp(&candidate) {
                prop_assert!(is_supported_unix(t), "{candidate:?} → {t}");
                prop_assert_eq!(parse_timestamp(&format_unix(t)), Some(t));
            }
        }
    }
}
