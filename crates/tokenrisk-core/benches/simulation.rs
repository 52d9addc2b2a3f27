//! Native benchmark of the portfolio Monte Carlo (`cargo bench -p tokenrisk-core --bench
//! simulation`): 100,000 paths × 365 days × 5 assets, multivariate normal, with a stop and a
//! liquidation price watched and a weekly fan recorded (`tokenrisk_testdata::bench_simulation`,
//! the same in the browser). `montecarlo_numpy.py` beside this file runs the same work with
//! NumPy, vectorised, for the README's side-by-side.

use divan::Bencher;
use tokenrisk_core::simulation::Simulator;
use tokenrisk_testdata::{bench_simulation, BENCH_SIMULATION_PATHS};

fn main() {
    divan::main();
}

/// On one thread.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn portfolio_100k_paths_365_days_5_assets(bencher: Bencher) {
    let (log_returns, setup) = bench_simulation();
    let simulator = Simulator::new(&log_returns, setup).expect("a valid setup");
    bencher.bench(|| simulator.run(0..divan::black_box(BENCH_SIMULATION_PATHS)));
}

/// On every core of the machine (the same paths).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn portfolio_100k_paths_365_days_5_assets_all_cores(bencher: Bencher) {
    let (log_returns, setup) = bench_simulation();
    let simulator = Simulator::new(&log_returns, setup).expect("a valid setup");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    bencher.bench(|| simulator.run_threaded(0..divan::black_box(BENCH_SIMULATION_PATHS), threads));
}
