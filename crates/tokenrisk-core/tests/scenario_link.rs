//! The scenario link codec on generated input: every valid scenario comes back bit for bit,
//! and no string, byte sequence or cut-short link makes `decode` panic or silently yield a
//! different scenario.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use tokenrisk_core::cascade::LeverageMixPreset;
use tokenrisk_core::scenario::assumptions::{MAX_EDITED_TOKENS, MAX_EDITS};
use tokenrisk_core::scenario::codec::FRAGMENT_PREFIX;
use tokenrisk_core::scenario::settings::{MAX_PATHS, MIN_PATHS};
use tokenrisk_core::scenario::{
    decode, encode, to_fragment, Headline, Holding, Legs, LinkError, ParamEdit, Positioning,
    Scenario, Shocks, Simulation, SimulationModel, Sizing, TokenomicsEdits, MAX_HOLDINGS,
    MAX_LEVERAGE,
};

/// Bits of +∞: every non-negative finite `f64` lies below it.
const INFINITY_BITS: u64 = 0x7FF0_0000_0000_0000;

/// Any finite `f64` ≥ 0, subnormals and −0 included.
fn quantity() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(-0.0),
        1 => Just(0.0),
        8 => (0..INFINITY_BITS).prop_map(f64::from_bits),
        4 => 0.0..1e9,
    ]
}

/// Any finite `f64` > 0.
fn entry_price() -> impl Strategy<Value = f64> {
    prop_oneof![(1..INFINITY_BITS).prop_map(f64::from_bits), 1e-6..1e6,]
}

/// Any leverage in (0, 125].
fn leverage() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(MAX_LEVERAGE),
        1 => (1..MAX_LEVERAGE.to_bits()).prop_map(f64::from_bits),
        4 => 0.01..=MAX_LEVERAGE,
    ]
}

fn holding() -> impl Strategy<Value = Holding> {
    (
        "[A-Z0-9]{1,16}",
        quantity(),
        proptest::option::of(entry_price()),
        proptest::option::of(leverage()),
        any::<bool>(),
        proptest::option::of(entry_price()),
    )
        .prop_map(
            |(asset, quantity, entry_price, leverage, short, stop)| Holding {
                asset,
                quantity,
                entry_price,
                leverage,
                short,
                stop,
            },
        )
}

/// Any move above −100 % and at most +1,000 %.
fn shock() -> impl Strategy<Value = f64> {
    prop_oneof![Just(10.0), -0.999_999_999..10.0]
}

fn simulation() -> impl Strategy<Value = Simulation> {
    let model = prop_oneof![
        (1.0..=365.0).prop_map(|mean_block| SimulationModel::Bootstrap { mean_block }),
        Just(SimulationModel::Normal),
        (2.000_001..=1_000.0)
            .prop_map(|degrees_of_freedom| SimulationModel::StudentT { degrees_of_freedom }),
    ];
    (model, 1_u16..=730, MIN_PATHS..=MAX_PATHS).prop_map(|(model, horizon_days, paths)| {
        Simulation {
            model,
            horizon_days,
            paths,
        }
    })
}

fn headline() -> impl Strategy<Value = Headline> {
    let x = || prop_oneof![-1e12..1e12, (0..INFINITY_BITS).prop_map(f64::from_bits)];
    (x(), x(), x(), x(), proptest::option::of(x())).prop_map(
        |(value, var, es, stress_loss, simulated_var)| Headline {
            value,
            var,
            es,
            stress_loss,
            simulated_var,
        },
    )
}

fn sizing() -> impl Strategy<Value = Sizing> {
    (
        prop_oneof![Just(String::new()), "[A-Z0-9]{1,16}"],
        1e-12..=1.0,
        1e-12..=10.0,
        1e-12..=1.0,
        1e-12..=10_000.0,
        1e-12..=1.0,
    )
        .prop_map(
            |(
                asset,
                risk_per_trade,
                volatility_target,
                kelly_fraction,
                slippage_limit_bps,
                es_cap,
            )| {
                Sizing {
                    asset,
                    risk_per_trade,
                    volatility_target,
                    kelly_fraction,
                    slippage_limit_bps,
                    es_cap,
                }
            },
        )
}

fn positioning() -> impl Strategy<Value = Positioning> {
    (
        prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0],
        prop::sample::select(LeverageMixPreset::ALL.to_vec()),
    )
        .prop_map(|(long_share, leverage_mix)| Positioning {
            long_share,
            leverage_mix,
        })
}

/// Distinct tokens, each with distinct keys.
fn tokenomics() -> impl Strategy<Value = Vec<TokenomicsEdits>> {
    let edits = prop::collection::btree_map(
        "[a-z0-9_]{1,24}",
        prop_oneof![-1e12..1e12, (0..INFINITY_BITS).prop_map(f64::from_bits)],
        0..=MAX_EDITS,
    );
    prop::collection::btree_map("[A-Z0-9]{1,16}", edits, 0..=MAX_EDITED_TOKENS).prop_map(|m| {
        m.into_iter()
            .map(|(asset, edits)| TokenomicsEdits {
                asset,
                edits: edits
                    .into_iter()
                    .map(|(key, value)| ParamEdit { key, value })
                    .collect(),
            })
            .collect()
    })
}

fn scenario(max_holdings: usize) -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(holding(), 0..=max_holdings),
        any::<u64>(),
        proptest::option::of(any::<i32>()),
        (shock(), shock(), shock()),
        any::<[bool; 4]>(),
        0.0..1.0,
        simulation(),
        proptest::option::of(headline()),
        sizing(),
        positioning(),
        tokenomics(),
    )
        .prop_map(
            |(
                holdings,
                seed,
                as_of,
                (btc, ai_equities, ai_sector),
                legs,
                haircut,
                simulation,
                headline,
                sizing,
                positioning,
                tokenomics,
            )| {
                Scenario {
                    holdings,
                    seed,
                    as_of,
                    shocks: Shocks {
                        btc,
                        ai_equities,
                        ai_sector,
                    },
                    legs: Legs {
                        market: legs[0],
                        deleveraging: legs[1],
                        liquidity: legs[2],
                        supply: legs[3],
                    },
                    liquidity_haircut: haircut,
                    simulation,
                    headline,
                    sizing,
                    positioning,
                    tokenomics,
                }
            },
        )
}

/// `f64`s compared by their bits (so −0 ≠ 0 and a changed last bit shows).
fn bitwise(f: f64) -> u64 {
    f.to_bits()
}

/// Every field equal, floats by their bits. The settings are compared by their `Debug` text,
/// which writes each finite `f64` in the shortest form that reads back to the same bits (and
/// `-0.0` apart from `0.0`), so equal text is equal bits.
fn same_bits(a: &Scenario, b: &Scenario) -> bool {
    a.seed == b.seed
        && a.as_of == b.as_of
        && a.holdings.len() == b.holdings.len()
        && a.holdings.iter().zip(&b.holdings).all(|(x, y)| {
            x.asset == y.asset
                && bitwise(x.quantity) == bitwise(y.quantity)
                && x.entry_price.map(bitwise) == y.entry_price.map(bitwise)
                && x.leverage.map(bitwise) == y.leverage.map(bitwise)
                && x.short == y.short
                && x.stop.map(bitwise) == y.stop.map(bitwise)
        })
        && format!(
            "{:?}",
            (
                a.shocks,
                a.legs,
                a.simulation,
                a.headline,
                &a.sizing,
                a.positioning,
                &a.tokenomics
            )
        ) == format!(
            "{:?}",
            (
                b.shocks,
                b.legs,
                b.simulation,
                b.headline,
                &b.sizing,
                b.positioning,
                &b.tokenomics
            )
        )
        && bitwise(a.liquidity_haircut) == bitwise(b.liquidity_haircut)
}

proptest! {
    #[test]
    fn valid_scenarios_round_trip_bit_for_bit(s in scenario(12)) {
        prop_assert_eq!(s.validate(), Ok(()));
        let payload = encode(&s);
        let back = decode(&payload).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(same_bits(&s, &back), "{s:?} came back as {back:?}");
        let back = decode(&to_fragment(&s)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(same_bits(&s, &back));
    }

    #[test]
    fn payloads_use_only_the_base64url_alphabet(s in scenario(12)) {
        let payload = encode(&s);
        prop_assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn any_string_decodes_without_panic(text in any::<String>()) {
        let _ = decode(&text);
        let _ = decode(&format!("{FRAGMENT_PREFIX}{text}"));
    }

    #[test]
    fn any_base64url_string_decodes_without_panic(text in "#?(s=)?[A-Za-z0-9_-]{0,200}") {
        let _ = decode(&text);
    }

    #[test]
    fn any_bytes_decode_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode(&URL_SAFE_NO_PAD.encode(&bytes));
        // The same bytes behind each version's byte, so they reach the inflater.
        for version in [1, 2] {
            let mut versioned = vec![version];
            versioned.extend(&bytes);
            let _ = decode(&URL_SAFE_NO_PAD.encode(&versioned));
        }
    }

    #[test]
    fn any_deflated_bytes_decode_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        // Bytes that inflate, so they reach each version's binary reader.
        for version in [1, 2] {
            let mut versioned = vec![version];
            versioned.extend(miniz_oxide::deflate::compress_to_vec(&bytes, 6));
            let result = decode(&URL_SAFE_NO_PAD.encode(&versioned));
            if let Ok(s) = result {
                prop_assert_eq!(s.validate(), Ok(()));
            }
        }
    }

    #[test]
    fn a_cut_short_link_is_an_error(s in scenario(12), cut in any::<prop::sample::Index>()) {
        let payload = encode(&s);
        let len = cut.index(payload.len());
        let result = decode(&payload[..len]);
        prop_assert!(result.is_err(), "{len} of {} characters decoded: {result:?}", payload.len());
    }

    #[test]
    fn a_changed_character_never_panics(s in scenario(12), at in any::<prop::sample::Index>(), c in "[A-Za-z0-9_-]") {
        let payload = encode(&s);
        let i = at.index(payload.len());
        let changed = format!("{}{c}{}", &payload[..i], &payload[i + 1..]);
        if let Ok(back) = decode(&changed) {
            prop_assert_eq!(back.validate(), Ok(()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn large_scenarios_round_trip_bit_for_bit(s in scenario(MAX_HOLDINGS)) {
        let back = decode(&to_fragment(&s)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(same_bits(&s, &back));
    }
}

#[test]
fn every_cut_of_a_large_link_is_an_error() {
    let s = Scenario {
        holdings: (0..MAX_HOLDINGS)
            .map(|i| Holding {
                asset: format!("A{i}"),
                quantity: i as f64 * 1.5,
                entry_price: (i % 2 == 0).then_some(100.0 + i as f64),
                leverage: (i % 3 == 0).then_some(2.0),
                short: i % 5 == 0,
                stop: (i % 4 == 0).then_some(50.0 + i as f64),
            })
            .collect(),
        seed: 7,
        as_of: Some(20_000),
        ..Scenario::default()
    };
    let link = to_fragment(&s);
    assert_eq!(decode(&link), Ok(s));
    for len in 0..link.len() {
        assert!(decode(&link[..len]).is_err(), "{len} characters decoded");
    }
}

#[test]
fn errors_are_typed() {
    assert_eq!(decode("#s=%%"), Err(LinkError::NotBase64));
}
