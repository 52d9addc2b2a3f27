use super::*;

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn given(total: f64, circulating: f64) -> Option<GivenSupply> {
    Some(GivenSupply {
        total,
        circulating: Some(circulating),
        issuance: None,
    })
}

fn close(actual: f64, expected: f64, relative: f64) -> bool {
    (actual - expected).abs() <= relative * expected.abs() + 1e-6
}

/// Each preset with its defaults, on the reference's start supplies, against the NumPy
/// schedules of `tests/reference/supply_presets.py` (every 73rd day and each flow's sum, to
/// 1e-9 relative).
#[test]
fn presets_match_the_numpy_reference_over_20_years() {
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/reference/supply_presets.json"))
            .expect("reference JSON");
    let first = date(reference["start"].as_str().expect("start"));
    let days = reference["days"].as_u64().expect("days") as usize;
    for p in &PRESETS {
        let r = &reference[p.key];
        let supply = &reference["supplies"][p.key];
        let (total, circulating) = (
            supply[0].as_f64().expect("total"),
            supply[1].as_f64().expect("circulating"),
        );
        let values = p.defaults();
        let start = start_supply(p, &values, first, given(total, circulating)).expect("start");
        let s = p.run(&values, first, &start, days).expect("runs");
        let sampled = r["days"].as_array().expect("days");
        for key in [
            "total",
            "circulating",
            "emission",
            "burn",
            "unlocked",
            "sold",
        ] {
            let field = |d: &tokenrisk_core::tokenomics::SupplyDay| match key {
                "total" => d.total,
                "circulating" => d.circulating,
                "emission" => d.emission,
                "burn" => d.burn,
                "unlocked" => d.unlocked,
                _ => d.sold,
            };
            for (i, e) in sampled.iter().zip(r["sampled"][key].as_array().expect(key)) {
                let i = i.as_u64().expect("day") as usize;
                let e = e.as_f64().expect("number");
                assert!(
                    close(field(&s[i]), e, 1e-9),
                    "{} {key} day {i}: {} against NumPy's {e}",
                    p.key,
                    field(&s[i])
                );
            }
            if let Some(e) = r["sums"][key].as_f64() {
                let sum: f64 = s.iter().map(field).sum();
                assert!(close(sum, e, 1e-9), "{} {key} sum {sum} against {e}", p.key);
            }
        }
    }
}

#[test]
fn tao_from_its_halving_anchor_emits_3600_a_day_and_halves_again_at_15_75_million() {
    // facts-2026 §1.1–1.2: 10.5 M issued on 2025-12-15, 3,600 TAO a day until 15.75 M.
    let tao = preset("tao").expect("tao");
    let values = tao.defaults();
    let anchor = date("2025-12-15");
    let start = start_supply(tao, &values, anchor, None).expect("anchor");
    assert_eq!(start.supply.total, 10_500_000.0);
    assert_eq!(start.confidence, Confidence::High);
    let s = tao.run(&values, anchor, &start, 2_000).expect("runs");
    assert_eq!(s[0].emission, 3_600.0);
    // 5.25 M more at 3,600 a day: 1,458⅓ days, so day 1,459 is the first at 1,800.
    assert_eq!(s[1_458].emission, 3_600.0);
    assert_eq!(s[1_459].emission, 1_800.0);
    assert_eq!(s[1_458].total, 10_500_000.0 + 1_459.0 * 3_600.0);

    // On 2026-11-30, 350 days on: 10.5 M + 350 × 3,600 ≈ 11.76 M before recycling (§1.2),
    // projected, so low confidence.
    let later = start_supply(tao, &values, date("2026-11-30"), None).expect("projected");
    assert_eq!(later.supply.total, 11_760_000.0);
    assert_eq!(later.issuance, 11_760_000.0);
    assert_eq!(later.confidence, Confidence::Low);
    assert!(later.source.contains("350 days"), "{}", later.source);

    // Recycling lowers issuance, not only supply: 200 a day over 350 days is 70,000 less.
    let recycling = tao
        .values(&[("recycled_per_day".into(), 200.0)])
        .expect("edit");
    let r = start_supply(tao, &recycling, date("2026-11-30"), None).expect("projected");
    assert_eq!(r.issuance, 11_690_000.0);
    assert_eq!(r.supply.total, 11_690_000.0);
}

#[test]
fn tao_given_issuance_below_the_threshold_halves_the_day_it_is_crossed() {
    let tao = preset("tao").expect("tao");
    let values = tao.defaults();
    let start = start_supply(
        tao,
        &values,
        date("2025-12-14"),
        Some(GivenSupply {
            total: 10_496_400.0,
            circulating: None,
            issuance: None,
        }),
    )
    .expect("given");
    assert_eq!(start.supply.circulating, 10_496_400.0);
    let s = tao
        .run(&values, date("2025-12-14"), &start, 2)
        .expect("runs");
    assert_eq!((s[0].emission, s[1].emission), (7_200.0, 3_600.0));
}

#[test]
fn near_mints_2_5_percent_a_year_with_a_tenth_to_the_treasury() {
    // facts-2026 §2.1–2.2: 1/40 a year since 2025-10-30, protocol_reward_rate 1/10.
    let near = preset("near").expect("near");
    let values = near.values(&[("burn_rate".into(), 0.0)]).expect("no burn");
    let first = date("2026-01-01");
    let start = start_supply(near, &values, first, given(1e9, 1e9)).expect("given");
    let s = near.run(&values, first, &start, 365).expect("runs");
    let minted: f64 = s.iter().map(|d| d.emission).sum();
    let expected = 1e9 * ((1.0 + 0.025 / 365.0_f64).powi(365) - 1.0);
    assert!(
        close(minted, expected, 1e-12),
        "{minted} against {expected}"
    );
    // The treasury's tenth stays out of circulation.
    assert!(close(
        s[364].total - s[364].circulating,
        minted / 10.0,
        1e-12
    ));
    // Before 2025-10-30, 5 %.
    let before = near
        .run(&values, date("2025-10-01"), &start, 1)
        .expect("runs");
    assert!(close(before[0].emission, 1e9 * 0.05 / 365.0, 1e-12));
}

#[test]
fn icp_mints_the_curve_times_mission_70s_factor_plus_node_providers() {
    // facts-2026 §3.1: on 2026-11-30 the voting pool is 5.47 % a year, 3.46 % with F = 0.6329;
    // node providers 3.84 % (§3.2).
    let icp = preset("icp").expect("icp");
    let values = icp.defaults();
    let day = date("2026-11-30");
    let start = start_supply(icp, &values, day, given(5e8, 5e8)).expect("given");
    let s = icp.run(&values, day, &start, 1).expect("runs");
    let rate = s[0].emission / 5e8 * 365.25;
    assert!((rate - (0.0346 + 0.0384)).abs() < 5e-5, "{rate}");
    let without = icp
        .values(&[("adjustment_factor".into(), 1.0)])
        .expect("edit");
    let s = icp.run(&without, day, &start, 1).expect("runs");
    let rate = s[0].emission / 5e8 * 365.25;
    assert!((rate - (0.0547 + 0.0384)).abs() < 5e-5, "{rate}");
}

#[test]
fn render_emits_its_published_years_and_never_passes_its_maximum() {
    // facts-2026 §4: 9,126,804 in year 1 (RNP-006), 5.9 M in years 2 and 3 (RNP-018, -022).
    let render = preset("render").expect("render");
    let values = render.defaults();
    let bme = date("2023-12-20");
    let start = start_supply(render, &values, bme, None).expect("anchor");
    assert_eq!(start.supply.total, 536_870_912.0);
    let s = render.run(&values, bme, &start, 365 * 6).expect("runs");
    let year = |y: usize| {
        s[365 * y..365 * (y + 1)]
            .iter()
            .map(|d| d.emission)
            .sum::<f64>()
    };
    assert!(close(year(0), 9_126_804.0, 1e-12));
    assert!(close(year(1), 5_900_000.0, 1e-12));
    assert!(close(year(2), 5_900_000.0, 1e-12));
    assert!(close(year(5), 5_900_000.0 * 0.945, 1e-12));
    assert_eq!(render.max_supply, Some(644_245_094.0));
    // A maximum just above the start stops the emission there.
    let capped = render
        .values(&[("max_supply".into(), 537e6)])
        .expect("edit");
    let s = render.run(&capped, bme, &start, 7_000).expect("runs");
    assert!(s.iter().all(|d| d.total <= 537e6 + 1e-6));
    assert_eq!(s.last().expect("days").total, 537e6);
}

#[test]
fn fet_keeps_its_post_merger_supply_and_releases_the_ocean_claim() {
    // facts-2026 §5: 2,630,547,141 FET after the merger; about 270 M OCEAN unconverted.
    let fet = preset("fet").expect("fet");
    let values = fet.defaults();
    let exit = date("2025-10-09");
    let start = start_supply(fet, &values, exit, None).expect("anchor");
    assert_eq!(start.supply.total, 2_630_547_141.0);
    assert!(close(
        start.supply.total - start.supply.circulating,
        270e6 * 0.433226,
        1e-12
    ));
    let s = fet.run(&values, exit, &start, 400).expect("runs");
    assert!(s
        .iter()
        .all(|d| d.total == 2_630_547_141.0 && d.emission == 0.0));
    assert!(close(s[399].circulating, 2_630_547_141.0, 1e-12));
    // A larger claim is locked at the anchor too.
    let more = fet.values(&[("claim".into(), 2e8)]).expect("edit");
    let start = start_supply(fet, &more, exit, None).expect("anchor");
    assert_eq!(start.supply.circulating, 2_630_547_141.0 - 2e8);
}

#[test]
fn a_supply_that_is_not_sourced_must_be_given_and_bad_keys_are_named() {
    let near = preset("NEAR").expect("case-insensitive");
    let d = date("2026-12-01");
    let e = start_supply(near, &near.defaults(), d, None).expect_err("no supply");
    assert_eq!(
        e,
        PresetError::NoStartSupply {
            asset: "NEAR",
            date: d
        }
    );
    assert!(e.to_string().contains("total_supply"), "{e}");

    let tao = preset("tao").expect("tao");
    let e = start_supply(tao, &tao.defaults(), date("2025-01-01"), None).expect_err("before");
    assert!(matches!(e, PresetError::BeforeAnchor { .. }), "{e}");

    let e = preset("doge").expect_err("unknown");
    assert!(e.to_string().contains("tao, near, icp, render, fet"), "{e}");
    let e = tao.values(&[("halving".into(), 1.0)]).expect_err("unknown");
    assert!(e.to_string().contains("recycled_per_day"), "{e}");

    // A value the schedule refuses is its typed error.
    let bad = tao.values(&[("sell_through".into(), 1.5)]).expect("set");
    let start = start_supply(tao, &bad, date("2025-12-15"), None);
    assert!(matches!(start, Err(PresetError::Schedule(_))), "{start:?}");
    let nan = near.values(&[("rate".into(), f64::NAN)]).expect("set");
    let start = start_supply(near, &nan, d, given(1e9, 1e9)).expect("given");
    assert!(matches!(
        near.run(&nan, d, &start, 10),
        Err(PresetError::Schedule(TokenomicsError::Bad { .. }))
    ));
}

#[test]
fn every_preset_names_a_registry_asset_and_sources_every_parameter() {
    for p in &PRESETS {
        assert!(crate::registry::get(p.asset).is_some(), "{}", p.asset);
        assert_eq!(for_asset(p.asset).map(|q| q.key), Some(p.key));
        for param in p.params {
            assert!(
                !param.source.is_empty() && param.default.is_finite(),
                "{}",
                param.key
            );
        }
        // Defaults run for a year from a given supply.
        let values = p.defaults();
        let d = date("2026-12-01");
        let start = start_supply(p, &values, d, given(1e9, 0.9e9)).expect("start");
        p.run(&values, d, &start, 365).expect("runs");
    }
}

#[test]
fn a_key_a_preset_lacks_reads_as_nan_which_the_schedule_refuses() {
    let near = preset("near").expect("near");
    let values = near.defaults();
    assert!(values.get(near, "recycled_per_day").is_nan());
    assert_eq!(values.get(near, "rate"), 0.025);
    let start =
        start_supply(near, &values, date("2026-12-01"), given(1.3e9, 1.2e9)).expect("given");
    let refused = schedule(
        date("2026-12-01"),
        start.supply,
        &[Component::Buyback {
            tokens_per_day: values.get(near, "no_such_key"),
            burn: true,
        }],
        1,
    );
    assert!(refused.is_err());
}

#[test]
fn coingeckos_record_gives_the_supply_with_circulating_capped_at_the_total() {
    let body = tokenrisk_testdata::read_api_sample("coingecko_coins_markets.json");
    let mut coin = crate::sources::coingecko::parse_coin_markets(&body)
        .expect("sample")
        .remove(0);
    let given = GivenSupply::from_coin_market(&coin).expect("a total");
    assert_eq!(
        (given.total, given.circulating, given.issuance),
        (20_030_843.0, Some(20_030_493.0), None)
    );
    coin.circulating_supply = Some(3e7);
    assert_eq!(
        GivenSupply::from_coin_market(&coin)
            .expect("a total")
            .circulating,
        Some(20_030_843.0)
    );
    for total in [None, Some(0.0), Some(f64::NAN)] {
        coin.total_supply = total;
        assert!(GivenSupply::from_coin_market(&coin).is_none());
    }
}
