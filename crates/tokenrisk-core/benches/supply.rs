//! Native benchmark of a supply schedule (`cargo bench -p tokenrisk-core --bench supply`): 20
//! years of days with 10 components (`tokenrisk_testdata::bench_supply`, the same in the
//! browser benchmark).

use divan::Bencher;
use tokenrisk_core::tokenomics::schedule;

fn main() {
    divan::main();
}

/// 7,305 days, a halving emission, an inflation, a declining reward, yearly emissions and six
/// vesting cohorts.
#[divan::bench]
fn supply_schedule_20_years_10_components(bencher: Bencher) {
    let (start, supply, components, days) = tokenrisk_testdata::bench_supply();
    bencher.bench(|| schedule(start, supply, divan::black_box(&components), days));
}
