//! Locates the real market data that tests use: the full histories in `../shared/data/` beside
//! the project when it is there (override with `TOKENRISK_SHARED=/path/to/shared`; a path
//! without `data/market/` counts as absent), else the committed cuts in `fixtures/` (a few
//! hundred rows of each export and the API samples; `fixtures/PROVENANCE.md`). Nothing here is
//! bundled with the app. Also makes the seeded synthetic prices, the deep order book, the
//! liquidation cascade and the supply schedule the benchmarks run on, the same natively and in
//! the browser.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::path::{Path, PathBuf};
use tokenrisk_core::cascade::{CascadeInput, LeverageMix, DEFAULT_MAX_ROUNDS};
use tokenrisk_core::depth_stress::Haircut;
use tokenrisk_core::execution::Size;
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::{Component, SupplyStart, MAX_DAYS};

/// `assets` daily price paths of `days` prices each, reproducible from `seed`: returns are a
/// common factor plus an asset-specific part, with occasional jumps, so that correlations,
/// fat tails and drawdowns are all present.
pub fn synthetic_prices(assets: usize, days: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut uniform = move || rng.random::<f64>() - 0.5;
    let factor: Vec<f64> = (0..days).map(|_| 0.04 * uniform()).collect();
    (0..assets)
        .map(|a| {
            let loading = 0.5 + a as f64 * 0.15;
            let mut price = 100.0;
            factor
                .iter()
                .map(|f| {
                    let jump = if uniform() > 0.49 {
                        0.15 * uniform()
                    } else {
                        0.0
                    };
                    price *= 1.0 + loading * f + 0.05 * uniform() + jump;
                    price
                })
                .collect()
        })
        .collect()
}

/// A deep synthetic order book, the same natively and in the browser: `levels` levels a side
/// around 100, one tick (0.01) apart, quantities 0.1 to 10 in a fixed pseudo-random pattern.
pub fn deep_book(levels: usize) -> OrderBook {
    let quantity = |i: usize| 0.1 + ((i * 7_919) % 100) as f64 / 10.0;
    OrderBook {
        bids: (0..levels)
            .map(|i| (99.995 - i as f64 * 0.01, quantity(i)))
            .collect(),
        asks: (0..levels)
            .map(|i| (100.005 + i as f64 * 0.01, quantity(i + 1)))
            .collect(),
    }
}

/// The benchmarks' slippage-curve sizes: 100 base sizes from 1.11 to past the whole side of a
/// 5,000-level [`deep_book`] (about 25,000 base rest on each side).
pub fn bench_sizes() -> Vec<Size> {
    (1..=100).map(|k| Size::Base(1.11_f64.powi(k))).collect()
}

/// The benchmarks' liquidation cascade, the same natively and in the browser: a 5,000-level
/// [`deep_book`], 50 leverages from 2× to 125× (geometric, equal shares) over 20 entry prices
/// within ±5 % of the start, open interest of half the bids' quote depth, 75 % long,
/// BTCUSDT's first bracket (0.4 %, 125×, the 2024-10-24 snapshot), a 5 % fall on a book cut
/// by 50 %.
pub fn bench_cascade() -> CascadeInput {
    let book = deep_book(5_000);
    let depth: f64 = book.bids.iter().map(|(p, q)| p * q).sum();
    CascadeInput {
        book,
        start_price: 100.0,
        shock: -0.05,
        open_interest: 0.5 * depth,
        long_share: 0.75,
        entries: (0..20)
            .map(|k| (100.0 * (0.95 + 0.1 * f64::from(k) / 19.0), 1.0))
            .collect(),
        mix: LeverageMix {
            buckets: (0..50)
                .map(|k| (2.0 * 62.5_f64.powf(f64::from(k) / 49.0), 1.0))
                .collect(),
        },
        bracket: Bracket {
            notional_floor: 0.0,
            notional_cap: 50e3,
            max_leverage: 125.0,
            maintenance_rate: 0.004,
            maintenance_amount: 0.0,
        },
        haircut: Haircut::Flat(0.5),
        replenishment: 0.0,
        max_rounds: DEFAULT_MAX_ROUNDS,
    }
}

/// The benchmarks' supply schedule, the same natively and in the browser: 20 years of days
/// ([`MAX_DAYS`]) from 2026-01-01 with 10 components: a halving emission, an inflation with a
/// treasury and a burn, a declining reward, yearly emissions, and six vesting cohorts (linear
/// and stepped).
pub fn bench_supply() -> (Date, SupplyStart, Vec<Component>, usize) {
    let day = |y, m, d| Date::from_ymd(y, m, d).expect("a date");
    let start = day(2026, 1, 1);
    let mut components = vec![
        Component::HalvingEmission {
            issuance: 11_250_000.0,
            base_per_day: 7_200.0,
            cap: 21e6,
            recycled_per_day: 240.0,
            burned_per_day: 10.0,
            sell_through: 0.2,
        },
        Component::SupplyInflation {
            rates: vec![(day(2020, 10, 13), 0.05), (day(2025, 10, 30), 0.025)],
            treasury_share: 0.1,
            treasury_circulates: false,
            burn_rate: 0.001,
            sell_through: 0.3,
        },
        Component::DecliningReward {
            genesis: day(2021, 5, 10),
            start_rate: 0.10,
            floor_rate: 0.05,
            decline_days: 2_922.0,
            factors: vec![(day(2026, 4, 23), 0.6329)],
            other_rate: 0.0384,
            burn_rate: 0.002,
            sell_through: 0.5,
        },
        Component::YearlyEmission {
            start: day(2023, 12, 20),
            yearly: vec![9_126_804.0, 5.9e6, 5.9e6],
            damping: 0.945,
            max_supply: 5e9,
            burned_per_day: 3_000.0,
            sell_through: 0.1,
        },
    ];
    components.extend((0..6).map(|k| Component::Vesting {
        amount: 1e7,
        start: day(2026 + k, 1, 1),
        cliff_days: 365.0,
        duration_days: 1_460.0,
        step_days: if k % 2 == 0 { 0.0 } else { 30.0 },
        sell_through: 0.5,
    }));
    let supply = SupplyStart {
        total: 1e9,
        circulating: 9e8,
        staked_share: 0.4,
    };
    (start, supply, components, MAX_DAYS)
}

/// Which copy of the real data a test reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSet {
    /// The committed cuts in `crates/tokenrisk-testdata/fixtures/` (always there).
    Fixtures,
    /// The full histories in `shared/data/` (only when [`shared_dir`] finds them).
    Full,
}

impl DataSet {
    /// The data sets present: the fixtures always, then the full histories when `shared/` is
    /// there. Reference tests check each against the reference values computed on it.
    pub fn available() -> Vec<Self> {
        if full_histories() {
            vec![Self::Fixtures, Self::Full]
        } else {
            vec![Self::Fixtures]
        }
    }

    /// The best data set present: the full histories when there, else the fixtures.
    pub fn best() -> Self {
        if full_histories() {
            Self::Full
        } else {
            Self::Fixtures
        }
    }

    /// Its root, holding `market/` and `api-samples/`.
    ///
    /// # Panics
    /// For [`DataSet::Full`] when `shared/` is absent.
    pub fn root(self) -> PathBuf {
        match self {
            Self::Fixtures => fixtures_dir(),
            Self::Full => shared_dir()
                .expect("shared market data present (check full_histories() first)")
                .join("data"),
        }
    }

    /// Its market exports directory (`binance_spot_1d/`, `binance_spot_1h_close/`,
    /// `yahoo_equities_1d/`).
    pub fn market_dir(self) -> PathBuf {
        self.root().join("market")
    }

    /// A market export of this data set, e.g. `binance_spot_1d/TAOUSDT.csv`.
    pub fn market_file(self, relative: &str) -> PathBuf {
        self.market_dir().join(relative)
    }

    /// The text of a market export of this data set.
    ///
    /// # Panics
    /// When the file cannot be read.
    pub fn read_market_file(self, relative: &str) -> String {
        read(&self.market_file(relative))
    }
}

/// The committed fixtures: cuts of the shared market exports and copies of the API samples
/// (`fixtures/PROVENANCE.md` names the source and cut of each; `cut_fixtures.py` makes them).
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The `shared/` directory with the full histories: `$TOKENRISK_SHARED` when set, else
/// `../shared` beside the workspace root; `None` when it has no `data/market/` (so
/// `TOKENRISK_SHARED=/nonexistent` hides the shared data).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TOKENRISK_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    dir.join("data/market").is_dir().then_some(dir)
}

/// Whether the full shared histories are present (tests about them run only then).
pub fn full_histories() -> bool {
    shared_dir().is_some()
}

/// The market exports directory of the best data set present ([`DataSet::best`]).
pub fn market_dir() -> PathBuf {
    DataSet::best().market_dir()
}

/// A market export, e.g. `binance_spot_1d/TAOUSDT.csv`: the full history when `shared/` is
/// there, else the committed cut.
pub fn market_file(relative: &str) -> PathBuf {
    DataSet::best().market_file(relative)
}

/// The text of a market export ([`market_file`]).
///
/// # Panics
/// When the file cannot be read.
pub fn read_market_file(relative: &str) -> String {
    DataSet::best().read_market_file(relative)
}

/// The text of a documented API example response: `shared/data/api-samples/` when there, else
/// the committed copy (the same bytes).
///
/// # Panics
/// When the file cannot be read.
pub fn read_api_sample(name: &str) -> String {
    read(&DataSet::best().root().join("api-samples").join(name))
}

/// A recorded order book in Binance's depth-response shape, e.g.
/// `binance_usdm_KEEPUSDT_2021-07-22T222542Z.json`: `shared/data/orderbooks/` when it is there,
/// else the committed copy in `fixtures/orderbooks/` (the same bytes; three books are copied).
pub fn orderbook_file(name: &str) -> PathBuf {
    shared_dir()
        .map(|dir| dir.join("data/orderbooks").join(name))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| fixtures_dir().join("orderbooks").join(name))
}

/// The text of a recorded order book ([`orderbook_file`]).
///
/// # Panics
/// When the file cannot be read.
pub fn read_orderbook(name: &str) -> String {
    read(&orderbook_file(name))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A Yahoo Finance chart response (`/v8/finance/chart/{symbol}`, daily bars) replaying the rows
/// of a Yahoo CSV export (`time,open,high,low,close,adjclose,…`, read by [`read_market_file`]),
/// the last `rows` of it (all of them when it has fewer).
/// Each session is stamped 14:30 UTC (09:30 New York in winter) with `gmtoffset` −18,000, as
/// Yahoo stamps sessions by their opening time.
///
/// # Panics
/// When the file cannot be read or a row has no date, close and adjusted close.
pub fn yahoo_chart_body(symbol: &str, csv_relative: &str, rows: usize) -> String {
    let text = read_market_file(csv_relative);
    let lines: Vec<&str> = text.lines().skip(1).filter(|l| !l.is_empty()).collect();
    let mut times = Vec::new();
    let mut closes = Vec::new();
    let mut adjusted = Vec::new();
    for line in &lines[lines.len().saturating_sub(rows)..] {
        let fields: Vec<&str> = line.split(',').collect();
        let ymd: Vec<i64> = fields[0]
            .split('-')
            .map(|p| p.parse().expect("date"))
            .collect();
        times.push((days_from_civil(ymd[0], ymd[1], ymd[2]) * 86_400 + 52_200).to_string());
        closes.push(fields[4].to_owned());
        adjusted.push(fields[5].to_owned());
    }
    format!(
        r#"{{"chart":{{"result":[{{"meta":{{"currency":"USD","symbol":"{symbol}","exchangeName":"NMS","instrumentType":"EQUITY","gmtoffset":-18000,"timezone":"EST","exchangeTimezoneName":"America/New_York","dataGranularity":"1d"}},"timestamp":[{}],"indicators":{{"quote":[{{"close":[{}]}}],"adjclose":[{{"adjclose":[{}]}}]}}}}],"error":null}}}}"#,
        times.join(","),
        closes.join(","),
        adjusted.join(",")
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Paths of the Monte Carlo benchmark: 100,000 (the issue's size, natively and in the browser,
/// and in `crates/tokenrisk-core/benches/montecarlo_numpy.py`).
pub const BENCH_SIMULATION_PATHS: u64 = 100_000;

/// The Monte Carlo benchmark, the same natively and in the browser: five assets' daily log
/// returns from [`synthetic_prices`] (1,000 days, seed 11), the multivariate normal model, a
/// year's horizon, equal spot holdings, a stop 20 % below on the first asset and a liquidation
/// price 30 % below on the second, a weekly fan.
pub fn bench_simulation() -> (Vec<Vec<f64>>, tokenrisk_core::simulation::Setup) {
    use tokenrisk_core::simulation::{Barrier, Crossing, Model, Position, Setup};
    let log_returns = synthetic_prices(5, 1_001, 11)
        .iter()
        .map(|p| p.windows(2).map(|w| (w[1] / w[0]).ln()).collect())
        .collect();
    let below = |asset, level| Barrier {
        asset,
        level,
        crossing: Crossing::Below,
    };
    let setup = Setup {
        model: Model::Normal,
        horizon: 365,
        positions: (0..5).map(|a| Position::spot(a, 1_000.0)).collect(),
        barriers: vec![below(0, 0.8), below(1, 0.7)],
        checkpoints: 52,
        seed: 1,
    };
    (log_returns, setup)
}
