//! 20-year daily supply schedules against an independent NumPy implementation (script
//! `tests/reference/tokenomics.py`, output `tokenomics.json`): each token's mechanism with the
//! parameters of `shared/design/facts-2026.md` §1–5 (TAO's halvings by issuance, computed there
//! in closed form segment by segment; NEAR's and ICP's compounding by `numpy.cumprod`;
//! Render's yearly emissions; FET's claim overhang), on round start supplies. Every sampled day
//! and every flow's sum to 1e-9 relative (plus 1e-6 tokens absolute for zeros).

use serde_json::Value;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::{schedule, Component, SupplyDay, SupplyStart};

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-6
}

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn start(total: f64, circulating: f64) -> SupplyStart {
    SupplyStart {
        total,
        circulating,
        staked_share: 0.0,
    }
}

/// The same cases as the script, in its order.
fn cases() -> Vec<(&'static str, SupplyStart, Component)> {
    vec![
        (
            "tao",
            start(11_250_000.0, 11_250_000.0),
            Component::HalvingEmission {
                issuance: 11_250_000.0,
                base_per_day: 7_200.0,
                cap: 21e6,
                recycled_per_day: 240.0,
                burned_per_day: 0.0,
                sell_through: 0.2,
            },
        ),
        (
            "near",
            start(1.25e9, 1.2e9),
            Component::SupplyInflation {
                rates: vec![(date("2025-10-30"), 0.025)],
                treasury_share: 0.1,
                treasury_circulates: false,
                burn_rate: 0.001,
                sell_through: 0.3,
            },
        ),
        (
            "icp",
            start(5.4e8, 5.4e8),
            Component::DecliningReward {
                genesis: date("2021-05-10"),
                start_rate: 0.10,
                floor_rate: 0.05,
                decline_days: 2_922.0,
                factors: vec![(date("2026-04-23"), 0.6329)],
                other_rate: 0.0384,
                burn_rate: 0.002,
                sell_through: 0.5,
            },
        ),
        (
            "render",
            start(5.3e8, 5.3e8),
            Component::YearlyEmission {
                start: date("2023-12-20"),
                yearly: vec![9_126_804.0, 5.9e6, 5.9e6],
                damping: 0.945,
                max_supply: 644_245_094.0,
                burned_per_day: 3_000.0,
                sell_through: 0.1,
            },
        ),
        (
            "fet",
            start(2_630_547_141.0, 2.4e9),
            Component::Vesting {
                amount: 117e6,
                start: date("2026-01-01"),
                cliff_days: 0.0,
                duration_days: 730.0,
                step_days: 0.0,
                sell_through: 1.0,
            },
        ),
    ]
}

fn field(day: &SupplyDay, name: &str) -> f64 {
    match name {
        "total" => day.total,
        "circulating" => day.circulating,
        "emission" => day.emission,
        "burn" => day.burn,
        "unlocked" => day.unlocked,
        "sold" => day.sold,
        other => panic!("no field {other}"),
    }
}

#[test]
fn twenty_year_schedules_match_numpy() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/tokenomics.json")).expect("reference JSON");
    let first = date(reference["start"].as_str().expect("start"));
    let days = reference["days"].as_u64().expect("days") as usize;
    for (name, supply, component) in cases() {
        let r = &reference[name];
        let s = schedule(first, supply, &[component], days).expect("runs");
        assert_eq!(s.len(), days);
        let sampled: Vec<usize> = r["days"]
            .as_array()
            .expect("days")
            .iter()
            .map(|d| d.as_u64().expect("index") as usize)
            .collect();
        for key in [
            "total",
            "circulating",
            "emission",
            "burn",
            "unlocked",
            "sold",
        ] {
            let expected = r["sampled"][key].as_array().expect(key);
            for (i, e) in sampled.iter().zip(expected) {
                let (a, e) = (field(&s[*i], key), e.as_f64().expect("number"));
                assert!(close(a, e), "{name} {key} day {i}: {a} against NumPy's {e}");
            }
            if key != "total" && key != "circulating" {
                let sum: f64 = s.iter().map(|d| field(d, key)).sum();
                let e = r["sums"][key].as_f64().expect("sum");
                assert!(close(sum, e), "{name} {key} sum: {sum} against NumPy's {e}");
            }
        }
    }
}
