use super::*;
use crate::stats::excess_kurtosis;

/// Two assets' daily log returns: deterministic, correlated, with different scales.
pub(super) fn history(n: usize) -> Vec<Vec<f64>> {
    let a: Vec<f64> = (0..n)
        .map(|t| 0.03 * ((t as f64) * 0.7).sin() + 0.001)
        .collect();
    let b: Vec<f64> = (0..n)
        .map(|t| 0.5 * a[t] + 0.02 * ((t as f64) * 1.3).cos())
        .collect();
    vec![a, b]
}

pub(super) fn setup(model: Model) -> Setup {
    Setup {
        model,
        horizon: 30,
        positions: vec![Position::spot(0, 600.0), Position::spot(1, 400.0)],
        barriers: vec![],
        checkpoints: 10,
        seed: 42,
    }
}

/// `draws` simulated days of the model's daily log returns.
fn days(sim: &Simulator, draws: usize) -> Vec<Vec<f64>> {
    let k = sim.mean.len();
    let mut rng = Pcg64Mcg::seed_from_u64(7);
    let (mut row, mut z, mut draw) = (0, vec![0.0; k], vec![0.0; k]);
    let mut columns = vec![Vec::with_capacity(draws); k];
    for day in 1..=draws {
        sim.draw_day(&mut rng, day, &mut row, &mut z, &mut draw);
        for (c, d) in columns.iter_mut().zip(&draw) {
            c.push(*d);
        }
    }
    columns
}

/// The sample mean and covariance of the draws match the history's within five standard
/// errors: `σ_i/√N` for a mean, `√((σ_i² σ_j² + σ_ij²)/N)` for a covariance (normal theory;
/// `slack` widens it for fat tails, whose sample covariance varies more).
fn check_moments(model: Model, draws: usize, slack: f64) -> Vec<Vec<f64>> {
    let h = history(500);
    let sim = Simulator::new(&h, setup(model)).expect("valid");
    let sample = days(&sim, draws);
    let (want, got) = (
        covariance_matrix(&h).expect("cov"),
        covariance_matrix(&sample).expect("cov"),
    );
    let n = draws as f64;
    for i in 0..2 {
        let m = mean(&sample[i]).expect("mean");
        let se = (want[i][i] / n).sqrt();
        assert!((m - sim.mean[i]).abs() < 5.0 * se, "mean {i}: {m}");
        for j in 0..2 {
            let se = ((want[i][i] * want[j][j] + want[i][j].powi(2)) / n).sqrt();
            assert!(
                (got[i][j] - want[i][j]).abs() < 5.0 * se * slack,
                "cov {i}{j}: {} vs {}",
                got[i][j],
                want[i][j]
            );
        }
    }
    sample
}

#[test]
fn normal_draws_have_the_historical_mean_and_covariance() {
    let sample = check_moments(Model::Normal, 200_000, 1.0);
    let k = excess_kurtosis(&sample[0]).expect("kurtosis");
    assert!(k.abs() < 0.1, "normal excess kurtosis {k}");
}

#[test]
fn student_t_draws_keep_the_covariance_with_fatter_tails() {
    // ν = 10: excess kurtosis 6/(ν − 4) = 1 for each margin.
    let sample = check_moments(
        Model::StudentT {
            degrees_of_freedom: 10.0,
        },
        400_000,
        // Excess kurtosis 1 multiplies a covariance's sampling variance by about 1 + 1/2.
        1.5,
    );
    let k = excess_kurtosis(&sample[0]).expect("kurtosis");
    assert!((0.6..1.5).contains(&k), "t(10) excess kurtosis {k}");
}

#[test]
fn the_bootstrap_draws_whole_historical_days() {
    let h = history(50);
    let sim = Simulator::new(&h, setup(Model::Bootstrap { mean_block: 5.0 })).expect("valid");
    let sample = days(&sim, 2_000);
    for (t, (a, b)) in sample[0].iter().zip(&sample[1]).enumerate() {
        assert!(
            (0..50).any(|r| h[0][r] == *a && h[1][r] == *b),
            "day {t} is not a historical day"
        );
    }
}

#[test]
fn chunks_give_the_same_paths_as_one_run() {
    for model in [
        Model::Bootstrap { mean_block: 10.0 },
        Model::Normal,
        Model::StudentT {
            degrees_of_freedom: 4.0,
        },
    ] {
        let sim = Simulator::new(&history(200), setup(model)).expect("valid");
        let whole = sim.run(0..300);
        let mut pieces = sim.run(0..120);
        pieces.merge(sim.run(120..300));
        assert_eq!(whole, pieces);
        assert_eq!(sim.run_threaded(0..300, 2), whole);
        assert_eq!(sim.run_threaded(0..300, 7), whole);
        assert_eq!(whole.paths(), 300);
        assert_eq!(whole.fan.len(), 10);
        assert!(whole.fan.iter().all(|d| d.len() == 300));
        // Another seed, other paths.
        let other = Simulator::new(
            &history(200),
            Setup {
                seed: 43,
                ..setup(model)
            },
        )
        .expect("valid");
        assert_ne!(other.run(0..300).terminal, whole.terminal);
    }
}

#[test]
fn a_steady_fall_crosses_the_stop_on_its_day() {
    // Asset 0 falls 10 % every day, asset 1 is flat: a stop at 80 % of today's price is
    // crossed on day 3 (0.9³ = 0.729; 0.9² = 0.81 is above it).
    let fall = (0.9_f64).ln();
    let h = vec![vec![fall, fall], vec![0.0, 0.0]];
    let sim = Simulator::new(
        &h,
        Setup {
            horizon: 5,
            positions: vec![Position::spot(0, 1.0), Position::spot(1, 1.0)],
            barriers: vec![
                Barrier {
                    asset: 0,
                    level: 0.8,
                    crossing: Crossing::Below,
                },
                Barrier {
                    asset: 0,
                    level: 1.1,
                    crossing: Crossing::Above,
                },
            ],
            checkpoints: 5,
            ..setup(Model::Bootstrap { mean_block: 2.0 })
        },
    )
    .expect("valid");
    assert_eq!(sim.checkpoint_days(), &[1, 2, 3, 4, 5]);
    let out = sim.run(0..20);
    assert!(out.barrier_day[0].iter().all(|d| *d == Some(3)));
    assert!(out.barrier_day[1].iter().all(Option::is_none));
    let end = 0.5 * 0.9_f64.powi(5) + 0.5;
    for p in 0..20 {
        assert!((out.terminal[p] - (end - 1.0)).abs() < 1e-12);
        assert!((out.max_drawdown[p] - (end - 1.0)).abs() < 1e-12);
        assert_eq!(out.recovery[p], Recovery::NotWithinHorizon);
        assert!((f64::from(out.fan[1][p]) - (0.5 * 0.81 + 0.5)).abs() < 1e-6);
    }
    let s = out
        .summary(&SummaryLevels {
            drawdowns: vec![0.1, 0.3],
            ..SummaryLevels::default()
        })
        .expect("a summary");
    assert_eq!(s.drawdown_odds, vec![1.0, 0.0]);
    assert_eq!(s.barriers[0].probability, 1.0);
    assert_eq!(s.barriers[0].median_day, Some(3.0));
    assert_eq!(s.barriers[1].probability, 0.0);
    assert_eq!(s.barriers[1].median_day, None);
    assert_eq!(s.recovered, 0.0);
    assert_eq!(s.recovery_days, vec![None; 5]);
    assert_eq!(s.recovery_histogram, None);
    assert!((s.var - (1.0 - end)).abs() < 1e-12);
}

/// A 5× long and a spot short on an asset falling 10 % a day, a spot long on a flat one.
#[test]
fn leveraged_and_short_positions_on_a_steady_fall() {
    let fall = (0.9_f64).ln();
    let h = vec![vec![fall, fall], vec![0.0, 0.0]];
    let long_5x = |maintenance| Position {
        asset: 0,
        exposure: 500.0,
        equity: 100.0,
        maintenance,
        short: false,
    };
    let run = |positions: Vec<Position>| {
        Simulator::new(
            &h,
            Setup {
                horizon: 4,
                positions,
                checkpoints: 4,
                ..setup(Model::Bootstrap { mean_block: 3.0 })
            },
        )
        .expect("valid")
        .run(0..10)
    };
    // Equity 100 + 500 (0.9^t − 1): 50, 5, then −135: liquidated on day 3 with no
    // maintenance margin, on day 2 with 5 % (5 ≤ 0.05 · 500 · 0.81 = 20.25).
    let out = run(vec![long_5x(0.0), Position::spot(1, 100.0)]);
    assert!(out.liquidation_day[0].iter().all(|d| *d == Some(3)));
    assert!(out.liquidation_day[1].iter().all(Option::is_none));
    // What is left at the end is the flat spot holding: half the start.
    assert!(out.terminal.iter().all(|r| (r + 0.5).abs() < 1e-12));
    assert!((f64::from(out.fan[0][0]) - 0.75).abs() < 1e-6);
    let out = run(vec![long_5x(0.05), Position::spot(1, 100.0)]);
    assert!(out.liquidation_day[0].iter().all(|d| *d == Some(2)));
    // A spot short of 100 gains what the price loses: 100 + 100 (1 − 0.9^4).
    let short = Position {
        short: true,
        ..Position::spot(0, 100.0)
    };
    let out = run(vec![short]);
    let gain = 1.0 - 0.9_f64.powi(4);
    assert!(out.terminal.iter().all(|r| (r - gain).abs() < 1e-12));
    assert!(out.liquidation_day[0].iter().all(Option::is_none));
    assert!(out.recovery.iter().all(|r| *r == Recovery::NoDrawdown));
    let s = out.summary(&SummaryLevels::default()).expect("a summary");
    assert_eq!(s.liquidations[0].probability, 0.0);
}

#[test]
fn the_deepest_drawdown_and_its_recovery() {
    let mut t = DrawdownTracker::default();
    for (day, v) in [1.0, 0.9, 0.8, 0.95, 1.05, 1.0].iter().enumerate() {
        t.step(day + 1, *v);
    }
    assert!((t.deepest + 0.2).abs() < 1e-15);
    // Trough on day 3, back above 1.0 on day 5.
    assert_eq!(t.recovery(), Recovery::Days(2));
    // A shallower dip later leaves the deepest one's recovery as it was.
    t.step(7, 1.0);
    assert_eq!(t.recovery(), Recovery::Days(2));
    // A deeper one that has not recovered replaces it.
    t.step(8, 0.7);
    assert_eq!(t.recovery(), Recovery::NotWithinHorizon);
    let mut up = DrawdownTracker::default();
    up.step(1, 1.1);
    assert_eq!(up.recovery(), Recovery::NoDrawdown);
}

#[test]
fn the_summary_of_known_paths() {
    let out = Outcome {
        terminal: vec![-0.3, -0.1, 0.0, 0.1, 0.2],
        max_drawdown: vec![-0.4, -0.2, -0.1, -0.05, 0.0],
        recovery: vec![
            Recovery::NotWithinHorizon,
            Recovery::Days(10),
            Recovery::Days(20),
            Recovery::Days(30),
            Recovery::NoDrawdown,
        ],
        barrier_day: vec![vec![Some(4), Some(8), None, None, None]],
        liquidation_day: vec![vec![None, Some(2), None, None, None]],
        fan: vec![vec![0.7, 0.9, 1.0, 1.1, 1.2]],
    };
    let s = out
        .summary(&SummaryLevels {
            fan: vec![0.25, 0.5],
            confidence: 0.8,
            drawdowns: vec![0.2],
        })
        .expect("a summary");
    assert_eq!(s.paths, 5);
    assert!((s.terminal_quantiles[0] + 0.1).abs() < 1e-15);
    assert_eq!(s.terminal_quantiles[1], 0.0);
    assert!((s.fan[1][0] - 1.0).abs() < 1e-7);
    assert!((s.terminal_mean + 0.02).abs() < 1e-15);
    // 80 % VaR: NumPy's quantile at 0.2 of the five is −0.14, the tail the worst path alone.
    assert!((s.var - 0.14).abs() < 1e-12);
    assert!((s.es - 0.3).abs() < 1e-12);
    assert_eq!(s.drawdown_odds, vec![0.4]);
    assert_eq!(s.barriers[0].probability, 0.4);
    assert_eq!(s.barriers[0].median_day, Some(6.0));
    assert_eq!(s.liquidations[0].probability, 0.2);
    assert_eq!(s.liquidations[0].median_day, Some(2.0));
    assert_eq!(s.no_drawdown, 0.2);
    assert!((s.recovered - 0.6).abs() < 1e-15);
    assert_eq!(s.recovery_days, vec![Some(15.0), Some(20.0)]);
    // np.histogram([-0.3, -0.1, 0, 0.1, 0.2], 40): edges from −0.3 to 0.2 by 0.0125; NumPy
    // puts the values in bins 0, 15, 23, 31 and 39 (the edges are rounded).
    let h = &s.terminal_histogram;
    assert_eq!(
        (h.edges.len(), h.counts.len()),
        (TERMINAL_BINS + 1, TERMINAL_BINS)
    );
    assert_eq!((h.edges[0], h.edges[TERMINAL_BINS]), (-0.3, 0.2));
    assert_eq!(h.counts.iter().sum::<u64>(), 5);
    assert_eq!(
        (
            h.counts[0],
            h.counts[15],
            h.counts[23],
            h.counts[31],
            h.counts[39]
        ),
        (1, 1, 1, 1, 1)
    );
    // np.histogram([10, 20, 30], 20): 20 bins a day wide from 10 to 30, the days in bins 0,
    // 10 and 19.
    let r = s.recovery_histogram.as_ref().expect("three recovered");
    assert_eq!((r.edges.len(), r.edges[0], r.edges[20]), (21, 10.0, 30.0));
    assert_eq!(
        (
            r.counts[0],
            r.counts[10],
            r.counts[19],
            r.counts.iter().sum::<u64>()
        ),
        (1, 1, 1, 3)
    );
    assert!(out
        .summary(&SummaryLevels {
            fan: vec![1.5],
            ..SummaryLevels::default()
        })
        .is_err());
    assert!(out
        .summary(&SummaryLevels {
            drawdowns: vec![f64::NAN],
            ..SummaryLevels::default()
        })
        .is_err());
}

#[test]
fn refuses_setups_out_of_bounds() {
    let h = history(20);
    let bad = [
        Setup {
            horizon: 0,
            ..setup(Model::Normal)
        },
        Setup {
            horizon: MAX_HORIZON + 1,
            ..setup(Model::Normal)
        },
        Setup {
            checkpoints: 0,
            ..setup(Model::Normal)
        },
        Setup {
            positions: vec![],
            ..setup(Model::Normal)
        },
        Setup {
            positions: vec![Position::spot(2, 1.0)],
            ..setup(Model::Normal)
        },
        Setup {
            positions: vec![Position::spot(0, 0.0)],
            ..setup(Model::Normal)
        },
        Setup {
            positions: vec![Position::spot(0, f64::NAN)],
            ..setup(Model::Normal)
        },
        Setup {
            positions: vec![Position {
                maintenance: 1.0,
                ..Position::spot(0, 1.0)
            }],
            ..setup(Model::Normal)
        },
        Setup {
            barriers: vec![Barrier {
                asset: 2,
                level: 0.5,
                crossing: Crossing::Below,
            }],
            ..setup(Model::Normal)
        },
        Setup {
            barriers: vec![Barrier {
                asset: 0,
                level: 0.0,
                crossing: Crossing::Below,
            }],
            ..setup(Model::Normal)
        },
        setup(Model::Bootstrap { mean_block: 0.5 }),
        setup(Model::Bootstrap {
            mean_block: f64::NAN,
        }),
        setup(Model::StudentT {
            degrees_of_freedom: 2.0,
        }),
        setup(Model::StudentT {
            degrees_of_freedom: f64::INFINITY,
        }),
    ];
    for s in bad {
        assert!(Simulator::new(&h, s.clone()).is_err(), "{s:?}");
    }
    assert!(Simulator::new(&[], setup(Model::Normal)).is_err());
    assert!(Simulator::new(&[vec![0.1], vec![0.2]], setup(Model::Normal)).is_err());
    assert!(Simulator::new(&[vec![0.1, f64::NAN], vec![0.2, 0.1]], setup(Model::Normal)).is_err());
    // Two assets moving as one: the bootstrap runs, the parametric models cannot.
    let same = vec![h[0].clone(), h[0].clone()];
    assert!(Simulator::new(&same, setup(Model::Bootstrap { mean_block: 1.0 })).is_ok());
    assert!(matches!(
        Simulator::new(&same, setup(Model::Normal)),
        Err(MetricError::Undefined(_))
    ));
}
