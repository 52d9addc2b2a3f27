use super::*;
use proptest::prelude::*;

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn all_circulating(total: f64) -> SupplyStart {
    SupplyStart {
        total,
        circulating: total,
        staked_share: 0.0,
    }
}

fn tao(issuance: f64, recycled: f64) -> Component {
    Component::HalvingEmission {
        issuance,
        base_per_day: 7_200.0,
        cap: 21e6,
        recycled_per_day: recycled,
        burned_per_day: 0.0,
        sell_through: 0.0,
    }
}

fn near() -> Component {
    Component::SupplyInflation {
        rates: vec![(date("2020-10-13"), 0.05), (date("2025-10-30"), 0.025)],
        treasury_share: 0.1,
        treasury_circulates: false,
        burn_rate: 0.0,
        sell_through: 0.0,
    }
}

#[test]
fn tao_halves_the_day_issuance_reaches_10_5_million() {
    // 10,496,400 + 7,200 = 10,503,600: the next day emits 3,600 (facts-2026 §1.1–1.2).
    let start = 10_496_400.0;
    let days = schedule(
        date("2025-12-14"),
        all_circulating(start),
        &[tao(start, 0.0)],
        3,
    )
    .expect("runs");
    let emitted: Vec<f64> = days.iter().map(|d| d.emission).collect();
    assert_eq!(emitted, [7_200.0, 3_600.0, 3_600.0]);
    assert_eq!(days[2].total, start + 14_400.0);
    // Recycling 200 a day keeps issuance 7,000 a day lower: one more day at 7,200.
    let start = 10_486_000.0;
    let recycled = schedule(
        date("2025-12-13"),
        all_circulating(start),
        &[tao(start, 200.0)],
        3,
    )
    .expect("runs");
    let emitted: Vec<f64> = recycled.iter().map(|d| d.emission).collect();
    assert_eq!(emitted, [7_200.0, 7_200.0, 3_600.0]);
    assert_eq!((recycled[0].burn, recycled[0].recycled), (200.0, 200.0));
    assert_eq!(recycled[2].total, start + 18_000.0 - 600.0);
}

#[test]
fn tao_never_issues_past_its_cap() {
    let start = 21e6 - 100.0;
    let days = schedule(
        date("2060-01-01"),
        all_circulating(start),
        &[tao(start, 0.0)],
        30,
    )
    .expect("runs");
    let issued: f64 = days.iter().map(|d| d.emission).sum();
    assert!(issued <= 100.0 && issued > 0.0, "{issued}");
    assert!(days.last().expect("days").total <= 21e6);
}

#[test]
fn near_mints_its_rate_of_supply_a_year_and_keeps_the_treasury_out() {
    // 365 days at 2.5 % a year, minted daily on the day's supply: 1e9 · ((1 + 0.025/365)^365 − 1).
    let days = schedule(date("2026-01-01"), all_circulating(1e9), &[near()], 365).expect("runs");
    let last = days.last().expect("days");
    let minted = 1e9 * ((1.0 + 0.025 / 365.0_f64).powi(365) - 1.0);
    assert!((last.total - 1e9 - minted).abs() < 1e-3, "{}", last.total);
    assert!((last.circulating - 1e9 - 0.9 * minted).abs() < 1e-3);
    assert!((days[0].net_inflation_annualised - 0.025).abs() < 1e-15);
    // The rate falls from 5 % to 2.5 % on 2025-10-30.
    let change = schedule(date("2025-10-29"), all_circulating(1e9), &[near()], 2).expect("runs");
    assert!((change[0].emission - 1e9 * 0.05 / 365.0).abs() < 1e-6);
    assert!((change[1].emission - change[0].total * 0.025 / 365.0).abs() < 1e-6);
}

#[test]
fn icp_mints_its_curve_times_the_factor_plus_node_rewards() {
    let icp = Component::DecliningReward {
        genesis: date("2021-05-10"),
        start_rate: 0.10,
        floor_rate: 0.05,
        decline_days: 2_922.0,
        factors: vec![(date("2026-04-23"), 0.6329)],
        other_rate: 0.0384,
        burn_rate: 0.001,
        sell_through: 0.5,
    };
    let day = schedule(
        date("2026-11-30"),
        all_circulating(5e8),
        std::slice::from_ref(&icp),
        1,
    )
    .expect("runs")[0];
    // Day 2,030 of the curve.
    let rate = 0.05 + 0.05 * ((2_922.0 - 2_030.0) / 2_922.0_f64).powi(2);
    let minted = 5e8 * (rate * 0.6329 + 0.0384) / 365.25;
    assert!((day.emission - minted).abs() < 1e-6);
    assert!((day.burn - 5e8 * 0.001 / 365.25).abs() < 1e-9);
    assert!((day.sold - minted / 2.0).abs() < 1e-6);
    // Before the factor's date the curve is whole.
    let before = schedule(date("2026-01-01"), all_circulating(5e8), &[icp], 1).expect("runs")[0];
    let rate = 0.05 + 0.05 * ((2_922.0 - 1_697.0) / 2_922.0_f64).powi(2);
    assert!((before.emission - 5e8 * (rate + 0.0384) / 365.25).abs() < 1e-6);
}

fn render(max_supply: f64) -> Component {
    Component::YearlyEmission {
        start: date("2023-12-20"),
        yearly: vec![9_126_804.0, 5.9e6, 5.9e6],
        damping: 0.945,
        max_supply,
        burned_per_day: 1_000.0,
        sell_through: 0.0,
    }
}

#[test]
fn render_emits_each_years_amount_against_its_burn() {
    let start = all_circulating(5.2e8);
    // Year 1, year 3 (2025-12-19 onward), then year 4 at 5.9 M × 0.945.
    for (day, per_year) in [
        ("2024-01-01", 9_126_804.0),
        ("2025-12-19", 5.9e6),
        ("2026-12-19", 5.9e6 * 0.945),
        ("2027-12-19", 5.9e6 * 0.945 * 0.945),
    ] {
        let d = schedule(date(day), start, &[render(644_245_094.0)], 1).expect("runs")[0];
        assert!(
            (d.emission - per_year / 365.0).abs() < 1e-9,
            "{day}: {}",
            d.emission
        );
        assert_eq!(d.burn, 1_000.0);
    }
    // Nothing before year 1; nothing above the maximum supply.
    let d = schedule(date("2023-01-01"), start, &[render(644_245_094.0)], 1).expect("runs")[0];
    assert_eq!(d.emission, 0.0);
    let full = schedule(
        date("2024-01-01"),
        all_circulating(644_245_094.0),
        &[render(644_245_094.0)],
        1,
    )
    .expect("runs")[0];
    assert_eq!(full.emission, 0.0);
}

#[test]
fn a_cohort_unlocks_its_amount_into_circulation_and_sells_its_share() {
    let start = SupplyStart {
        total: 10_000.0,
        circulating: 8_000.0,
        staked_share: 0.25,
    };
    let cohort = Component::Vesting {
        amount: 1_200.0,
        start: date("2026-01-01"),
        cliff_days: 90.0,
        duration_days: 360.0,
        step_days: 0.0,
        sell_through: 0.5,
    };
    let days = schedule(date("2026-01-01"), start, &[cohort], 400).expect("runs");
    assert_eq!(days[89].unlocked, 0.0);
    assert_eq!(days[90].unlocked, 300.0);
    let unlocked: f64 = days.iter().map(|d| d.unlocked).sum();
    assert!((unlocked - 1_200.0).abs() < 1e-9);
    let last = days.last().expect("days");
    assert!((last.circulating - 9_200.0).abs() < 1e-9);
    assert_eq!(last.total, 10_000.0);
    assert!((last.liquid - 9_200.0 * 0.75).abs() < 1e-9);
    let sold: f64 = days.iter().map(|d| d.sold).sum();
    assert!((sold - 600.0).abs() < 1e-9);
}

#[test]
fn bad_inputs_are_typed_errors() {
    let start = all_circulating(1e6);
    let d = date("2026-01-01");
    let cohort = |amount: f64, cliff: f64, duration: f64| Component::Vesting {
        amount,
        start: d,
        cliff_days: cliff,
        duration_days: duration,
        step_days: 0.0,
        sell_through: 0.0,
    };
    let locked = SupplyStart {
        total: 1e6,
        circulating: 9e5,
        staked_share: 0.0,
    };
    let cases: Vec<(SupplyStart, Vec<Component>, usize, &str)> = vec![
        (start, vec![], MAX_DAYS + 1, "at most 7305 days"),
        (
            SupplyStart {
                circulating: 2e6,
                ..start
            },
            vec![],
            1,
            "circulating supply 2000000 is above total supply",
        ),
        (
            SupplyStart {
                total: f64::NAN,
                ..start
            },
            vec![],
            1,
            "total supply must be a number 0 or more, not NaN",
        ),
        (
            SupplyStart {
                staked_share: 1.5,
                ..start
            },
            vec![],
            1,
            "staked share must be between 0 and 1",
        ),
        (
            start,
            vec![tao(-1.0, 0.0)],
            1,
            "issuance must be a number 0 or more",
        ),
        (
            start,
            vec![Component::SupplyInflation {
                rates: vec![(d, -0.02)],
                treasury_share: 0.1,
                treasury_circulates: false,
                burn_rate: 0.0,
                sell_through: 0.0,
            }],
            1,
            "inflation rate must be from 0",
        ),
        (
            locked,
            vec![cohort(1e5, 400.0, 360.0)],
            1,
            "cohort 1's cliff (400 days) is after its end (360 days)",
        ),
        (
            locked,
            vec![cohort(6e4, 0.0, 360.0), cohort(6e4, 0.0, 360.0)],
            1,
            "still lock 120000 tokens, more than the 100000 locked",
        ),
        (
            locked,
            vec![cohort(f64::INFINITY, 0.0, 360.0)],
            1,
            "vesting amount must be a number 0 or more, not inf",
        ),
    ];
    for (start, components, days, reason) in cases {
        let e = schedule(d, start, &components, days).expect_err(reason);
        assert!(e.to_string().contains(reason), "{e}");
    }
    // A cohort half vested before the start only locks its other half.
    let half = Component::Vesting {
        amount: 1.5e5,
        start: date("2025-01-01"),
        cliff_days: 0.0,
        duration_days: 730.0,
        step_days: 0.0,
        sell_through: 0.0,
    };
    assert!(schedule(date("2026-01-01"), locked, &[half], 1).is_ok());
}

fn component() -> impl Strategy<Value = Component> {
    let d = date("2026-01-01");
    prop_oneof![
        (0.0..20e6f64, 0.0..500.0f64, 0.0..50.0f64).prop_map(|(i, r, b)| {
            Component::HalvingEmission {
                issuance: i,
                base_per_day: 7_200.0,
                cap: 21e6,
                recycled_per_day: r,
                burned_per_day: b,
                sell_through: 0.3,
            }
        }),
        (0.0..0.2f64, 0.0..1.0f64, 0.0..0.05f64, any::<bool>()).prop_map(move |(r, t, b, c)| {
            Component::SupplyInflation {
                rates: vec![(d, r)],
                treasury_share: t,
                treasury_circulates: c,
                burn_rate: b,
                sell_through: 0.5,
            }
        }),
        (0.0..0.05f64, 0.0..0.01f64).prop_map(|(o, b)| Component::DecliningReward {
            genesis: date("2021-05-10"),
            start_rate: 0.10,
            floor_rate: 0.05,
            decline_days: 2_922.0,
            factors: vec![(date("2026-04-23"), 0.6329)],
            other_rate: o,
            burn_rate: b,
            sell_through: 1.0,
        }),
        (0.0..1e7f64, 0.0..1e4f64).prop_map(move |(e, b)| Component::YearlyEmission {
            start: d,
            yearly: vec![e, e / 2.0],
            damping: 0.945,
            max_supply: 6.5e8,
            burned_per_day: b,
            sell_through: 0.0,
        }),
    ]
}

proptest! {
    /// Circulating ≤ total at every step, and total stays within what the components allow.
    #[test]
    fn circulating_never_exceeds_total(
        total in 1e6..6e8f64,
        circulating_share in 0.0..=1.0f64,
        components in proptest::collection::vec(component(), 0..4),
        days in 0..800usize,
    ) {
        let start = SupplyStart { total, circulating: total * circulating_share, staked_share: 0.4 };
        let schedule = schedule(date("2026-01-01"), start, &components, days).expect("valid");
        prop_assert_eq!(schedule.len(), days);
        for d in &schedule {
            prop_assert!(d.circulating <= d.total + 1e-6 * d.total, "{:?}", d);
            prop_assert!(d.circulating >= 0.0 && d.liquid <= d.circulating);
            prop_assert!(d.emission >= 0.0 && d.burn >= 0.0 && d.sold >= 0.0);
        }
    }

    /// Without burns or recycling, supply never falls.
    #[test]
    fn supply_is_monotone_without_burns(
        issuance in 0.0..20.9e6f64,
        rate in 0.0..0.1f64,
        days in 1..2_000usize,
    ) {
        let components = [
            tao(issuance, 0.0),
            Component::SupplyInflation {
                rates: vec![(date("2026-01-01"), rate)],
                treasury_share: 0.1,
                treasury_circulates: true,
                burn_rate: 0.0,
                sell_through: 0.0,
            },
        ];
        let s = schedule(date("2026-01-01"), all_circulating(issuance), &components, days).expect("valid");
        let mut previous = issuance;
        for d in &s {
            prop_assert!(d.total >= previous);
            previous = d.total;
        }
    }

    /// A cohort unlocks exactly its amount by its end, and never more.
    #[test]
    fn a_cohort_vests_exactly_its_amount(
        amount in 0.0..1e9f64,
        cliff in 0.0..400.0f64,
        extra in 0.0..1_000.0f64,
        step in prop_oneof![Just(0.0), 1.0..90.0f64],
    ) {
        let duration = cliff + extra;
        let start = SupplyStart { total: 2e9, circulating: 1e9, staked_share: 0.0 };
        let cohort = Component::Vesting { amount, start: date("2026-01-01"), cliff_days: cliff, duration_days: duration, step_days: step, sell_through: 0.0 };
        let days = (duration.ceil() as usize + 2).min(MAX_DAYS);
        let s = schedule(date("2026-01-01"), start, &[cohort], days).expect("valid");
        let mut released = 0.0;
        for d in &s {
            released += d.unlocked;
            prop_assert!(released <= amount * (1.0 + 1e-12) + 1e-6);
        }
        prop_assert!((released - amount).abs() <= 1e-9 * amount.max(1.0));
    }

    /// A schedule of no components changes nothing.
    #[test]
    fn a_zero_schedule_changes_nothing(total in 0.0..1e12f64, share in 0.0..=1.0f64, days in 0..500usize) {
        let start = SupplyStart { total, circulating: total * share, staked_share: 0.0 };
        for d in schedule(date("2026-01-01"), start, &[], days).expect("valid") {
            prop_assert_eq!((d.total, d.circulating, d.emission, d.burn), (start.total, start.circulating, 0.0, 0.0));
        }
    }
}

#[test]
fn each_components_new_supply_adds_up_to_the_days() {
    let start = 10_496_400.0;
    let cohort = Component::Vesting {
        amount: 5_000.0,
        start: date("2025-12-01"),
        cliff_days: 0.0,
        duration_days: 50.0,
        step_days: 0.0,
        sell_through: 1.0,
    };
    let supply = SupplyStart {
        total: start + 5_000.0,
        circulating: start,
        staked_share: 0.0,
    };
    let components = [tao(start, 0.0), near(), cohort];
    let (days, by) =
        schedule_by_component(date("2025-12-14"), supply, &components, 40).expect("runs");
    assert_eq!(
        days,
        schedule(date("2025-12-14"), supply, &components, 40).expect("runs")
    );
    assert_eq!(by.len(), 3);
    assert_eq!(&by[0][..2], [7_200.0, 3_600.0]);
    assert!(by[2][..30].iter().all(|u| (u - 100.0).abs() < 1e-9));
    assert_eq!(by[2][39], 0.0);
    for (d, day) in days.iter().enumerate() {
        let sum: f64 = by.iter().map(|c| c[d]).sum();
        assert!((sum - day.emission - day.unlocked).abs() < 1e-9);
    }
}

#[test]
fn a_buyback_burns_or_holds_what_it_buys() {
    let start = SupplyStart {
        total: 1_000_000.0,
        circulating: 900_000.0,
        staked_share: 0.0,
    };
    for burn in [true, false] {
        let days = schedule(
            date("2026-01-01"),
            start,
            &[Component::Buyback {
                tokens_per_day: 100.0,
                burn,
            }],
            10,
        )
        .expect("runs");
        let last = days[9];
        assert_eq!(last.bought, 100.0);
        assert_eq!(last.circulating, 900_000.0 - 1_000.0);
        let total = if burn {
            1_000_000.0 - 1_000.0
        } else {
            1_000_000.0
        };
        assert_eq!(last.total, total);
        assert_eq!(last.sold, 0.0);
    }
    let bad = Component::Buyback {
        tokens_per_day: -1.0,
        burn: true,
    };
    assert!(schedule(date("2026-01-01"), start, &[bad], 1).is_err());
}
