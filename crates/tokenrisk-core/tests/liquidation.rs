//! Liquidation prices: Binance's published worked example to the cent, hand-worked isolated
//! cases where the bracket re-check moves the bracket, typed errors, and invariants on
//! generated positions (proptest).

use proptest::prelude::*;
use tokenrisk_core::leverage::{
    initial_margin, liquidation_price, liquidation_price_in_bracket, Bracket, BracketTable,
    LeverageError, Margin, Position, Side,
};

fn cents(price: f64) -> String {
    format!("{price:.2}")
}

/// A bracket given only by its rate and amount (the worked example states just these).
fn given(rate: f64, amount: f64) -> Bracket {
    Bracket {
        notional_floor: 0.0,
        notional_cap: f64::MAX,
        max_leverage: 1.0,
        maintenance_rate: rate,
        maintenance_amount: amount,
    }
}

/// BTCUSDT in the 2024-10-24 snapshot (freqtrade `binance_leverage_tiers.json` @ 3d9514d2;
/// `/work/shared/design/facts-2026.md` §6.3); amounts from the recursion.
fn btc_2024() -> BracketTable {
    BracketTable::from_rates(&[
        (0.0, 50e3, 125.0, 0.004),
        (50e3, 600e3, 100.0, 0.005),
        (600e3, 3e6, 75.0, 0.0065),
        (3e6, 12e6, 50.0, 0.01),
        (12e6, 70e6, 25.0, 0.02),
        (70e6, 100e6, 20.0, 0.025),
        (100e6, 230e6, 10.0, 0.05),
        (230e6, 480e6, 5.0, 0.10),
        (480e6, 600e6, 4.0, 0.125),
        (600e6, 800e6, 3.0, 0.15),
        (800e6, 1.2e9, 2.0, 0.25),
        (1.2e9, 1.8e9, 1.0, 0.50),
    ])
    .expect("valid")
}

// Binance's published worked example: FAQ "How to Calculate Liquidation Price of USDⓈ-M
// Futures Contracts" (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93),
// as encoded in freqtrade `tests/exchange/test_binance.py::test_liquidation_price_binance`.
// Cross account, wallet 1,535,443.01 USDT; BTCUSDT long 109.488 @ 32,481.98 (mark 31,967.27,
// MMR 2.5 %, cum 16,300); ETHUSDT long 3,683.979 @ 1,456.84 (mark 1,335.18, MMR 10 %,
// cum 135,365). Published: LP(BTC) = 26,316.89, LP(ETH) = 1,153.26.
const WALLET: f64 = 1_535_443.01;
const BTC: Position = Position {
    side: Side::Long,
    entry: 32_481.98,
    size: 109.488,
};
const BTC_MARK: f64 = 31_967.27;
const ETH: Position = Position {
    side: Side::Long,
    entry: 1_456.84,
    size: 3_683.979,
};
const ETH_MARK: f64 = 1_335.18;

fn btc_bracket() -> Bracket {
    given(0.025, 16_300.0)
}

fn eth_bracket() -> Bracket {
    given(0.10, 135_365.0)
}

#[test]
fn binance_cross_worked_example_to_the_cent() {
    let eth_maintenance = eth_bracket().maintenance_margin(ETH.notional_at(ETH_MARK));
    let eth_pnl = ETH.unrealised_pnl(ETH_MARK);
    assert_eq!(cents(eth_maintenance), "356512.51");
    assert_eq!(cents(eth_pnl), "-448192.89");
    let btc = liquidation_price_in_bracket(
        &BTC,
        &Margin::Cross {
            wallet: WALLET,
            others_maintenance: eth_maintenance,
            others_unrealised_pnl: eth_pnl,
        },
        &btc_bracket(),
    )
    .expect("price");
    assert_eq!(cents(btc), "26316.89");

    let eth = liquidation_price_in_bracket(
        &ETH,
        &Margin::Cross {
            wallet: WALLET,
            others_maintenance: btc_bracket().maintenance_margin(BTC.notional_at(BTC_MARK)),
            others_unrealised_pnl: BTC.unrealised_pnl(BTC_MARK),
        },
        &eth_bracket(),
    )
    .expect("price");
    assert_eq!(cents(eth), "1153.26");
}

/// freqtrade's isolated rows with the same wallet and brackets: ETH 1,114.78, BTC 18,778.73.
#[test]
fn freqtrade_isolated_rows_to_the_cent() {
    let isolated = Margin::Isolated { wallet: WALLET };
    let btc = liquidation_price_in_bracket(&BTC, &isolated, &btc_bracket()).expect("price");
    let eth = liquidation_price_in_bracket(&ETH, &isolated, &eth_bracket()).expect("price");
    assert_eq!(cents(btc), "18778.73");
    assert_eq!(cents(eth), "1114.78");
}

/// The example's BTC bracket is the 2021 BTCUSDT table's fourth (Binance announcement
/// 2021-03-18: 0–50k 0.4 %, 50k–250k 0.5 %, 250k–1M 1 %, 1M–10M 2.5 %); the recursion gives its
/// 16,300, and the re-check at the liquidation notional (≈ 2.88 M) keeps it.
#[test]
fn worked_example_with_the_2021_table_and_the_recheck() {
    let table = BracketTable::from_rates(&[
        (0.0, 50e3, 125.0, 0.004),
        (50e3, 250e3, 100.0, 0.005),
        (250e3, 1e6, 50.0, 0.01),
        (1e6, 10e6, 20.0, 0.025),
    ])
    .expect("valid");
    assert!((table.brackets()[3].maintenance_amount - 16_300.0).abs() < 1e-6);
    let eth_maintenance = eth_bracket().maintenance_margin(ETH.notional_at(ETH_MARK));
    let liquidation = liquidation_price(
        &BTC,
        &Margin::Cross {
            wallet: WALLET,
            others_maintenance: eth_maintenance,
            others_unrealised_pnl: ETH.unrealised_pnl(ETH_MARK),
        },
        &table,
    )
    .expect("price");
    assert_eq!(cents(liquidation.price), "26316.89");
    assert_eq!((liquidation.entry_tier, liquidation.tier), (4, 4));
}

fn isolated(side: Side, entry: f64, size: f64, leverage: f64) -> Result<f64, LeverageError> {
    let position = Position { side, entry, size };
    let table = btc_2024();
    let wallet = initial_margin(&position, leverage, &table)?;
    liquidation_price(&position, &Margin::Isolated { wallet }, &table).map(|l| l.price)
}

/// Hand-worked, BTCUSDT 2024 brackets, isolated, wallet = notional / leverage.
#[test]
fn isolated_cases_by_hand() {
    let table = btc_2024();
    // Long 1 @ 60,000, 20×: wallet 3,000, bracket 2 (0.5 %, 50) at entry and at LP:
    // (60,000 − 3,000 − 50) / 0.995 = 57,236.18 (facts-2026 §6.2).
    let long = Position {
        side: Side::Long,
        entry: 60_000.0,
        size: 1.0,
    };
    let l = liquidation_price(&long, &Margin::Isolated { wallet: 3_000.0 }, &table).expect("lp");
    assert_eq!(cents(l.price), "57236.18");
    assert_eq!((l.entry_tier, l.tier), (2, 2));
    assert_eq!(cents(l.distance * 100.0), "-4.61");
    // Short, same: (60,000 + 3,000 + 50) / 1.005 = 62,736.32.
    assert_eq!(
        cents(isolated(Side::Short, 60_000.0, 1.0, 20.0).expect("lp")),
        "62736.32"
    );

    // Re-check down: long 1 @ 52,000, 10×, wallet 5,200. Bracket 2 gives
    // (52,000 − 5,200 − 50) / 0.995 = 46,984.92, a notional in bracket 1; bracket 1 gives
    // (52,000 − 5,200 − 0) / 0.996 = 46,987.95, which bracket 1 holds.
    let long = Position {
        side: Side::Long,
        entry: 52_000.0,
        size: 1.0,
    };
    let l = liquidation_price(&long, &Margin::Isolated { wallet: 5_200.0 }, &table).expect("lp");
    assert_eq!(cents(l.price), "46987.95");
    assert_eq!((l.entry_tier, l.tier), (2, 1));
    assert_eq!(
        (l.bracket.maintenance_rate, l.bracket.maintenance_amount),
        (0.004, 0.0)
    );
    let unchecked = liquidation_price_in_bracket(
        &long,
        &Margin::Isolated { wallet: 5_200.0 },
        &table.brackets()[1],
    )
    .expect("lp");
    assert_eq!(cents(unchecked), "46984.92");

    // Re-check up: short 1 @ 48,000, 10×, wallet 4,800. Bracket 1 gives
    // 52,800 / 1.004 = 52,589.64, a notional in bracket 2; bracket 2 gives
    // (48,000 + 4,800 + 50) / 1.005 = 52,587.06, which bracket 2 holds.
    let short = Position {
        side: Side::Short,
        entry: 48_000.0,
        size: 1.0,
    };
    let l = liquidation_price(&short, &Margin::Isolated { wallet: 4_800.0 }, &table).expect("lp");
    assert_eq!(cents(l.price), "52587.06");
    assert_eq!((l.entry_tier, l.tier), (1, 2));
    assert_eq!(cents(l.bracket.maintenance_amount), "50.00");
}

#[test]
fn bad_inputs_are_typed_errors() {
    let table = btc_2024();
    let long = Position {
        side: Side::Long,
        entry: 60_000.0,
        size: 1.0,
    };
    for leverage in [0.0, -3.0] {
        assert!(matches!(
            initial_margin(&long, leverage, &table),
            Err(LeverageError::NotPositive {
                field: "leverage",
                ..
            })
        ));
    }
    assert!(matches!(
        initial_margin(&long, f64::NAN, &table),
        Err(LeverageError::NotFinite { field: "leverage" })
    ));
    // Notional 60,000 is bracket 2: at most 100×.
    assert_eq!(initial_margin(&long, 100.0, &table), Ok(600.0));
    assert!(matches!(
        initial_margin(&long, 101.0, &table),
        Err(LeverageError::LeverageAboveMaximum {
            maximum: 100.0,
            tier: 2,
            ..
        })
    ));
    assert!(matches!(
        liquidation_price(&long, &Margin::Isolated { wallet: 599.0 }, &table),
        Err(LeverageError::MarginBelowInitial { tier: 2, .. })
    ));
    let zero_size = Position { size: 0.0, ..long };
    assert!(matches!(
        liquidation_price(&zero_size, &Margin::Isolated { wallet: 1.0 }, &table),
        Err(LeverageError::NotPositive { field: "size", .. })
    ));
    let nan_entry = Position {
        entry: f64::NAN,
        ..long
    };
    assert!(matches!(
        liquidation_price(&nan_entry, &Margin::Isolated { wallet: 1.0 }, &table),
        Err(LeverageError::NotFinite { .. })
    ));
    assert!(matches!(
        liquidation_price(&long, &Margin::Isolated { wallet: -1.0 }, &table),
        Err(LeverageError::Negative { .. })
    ));
    let huge = Position {
        size: 40_000.0,
        ..long
    };
    assert!(matches!(
        liquidation_price(&huge, &Margin::Isolated { wallet: 1e12 }, &table),
        Err(LeverageError::NotionalAboveTable { .. })
    ));
    // 1× long: the margin is the whole notional, the price would have to reach 0.
    assert_eq!(
        isolated(Side::Long, 60_000.0, 1.0, 1.0),
        Err(LeverageError::NeverLiquidated)
    );
    // A 1× short is liquidated near twice the entry.
    let short = isolated(Side::Short, 60_000.0, 1.0, 1.0).expect("lp");
    assert!(short > 110_000.0 && short < 120_000.0);
    // A cross short whose other positions lost more than everything.
    let cross = Margin::Cross {
        wallet: 1_000.0,
        others_maintenance: 0.0,
        others_unrealised_pnl: -100_000.0,
    };
    let short = Position {
        side: Side::Short,
        ..long
    };
    assert_eq!(
        liquidation_price(&short, &cross, &table),
        Err(LeverageError::BelowMaintenanceAtAnyPrice)
    );
}

/// Sides, an entry price, a size whose entry notional the table allows at 2× or more (below
/// 1.2 B), and a leverage fraction in [0, 1] of the way from 1.01× to the bracket's maximum.
fn position() -> impl Strategy<Value = (Position, f64)> {
    (
        prop_oneof![Just(Side::Long), Just(Side::Short)],
        1.0f64..200_000.0,
        1.0f64..1.19e9,
        0.0f64..=1.0,
    )
        .prop_map(|(side, entry, notional, lever)| {
            (
                Position {
                    side,
                    entry,
                    size: notional / entry,
                },
                lever,
            )
        })
}

fn leverage_at(position: &Position, table: &BracketTable, fraction: f64) -> f64 {
    let (_, bracket) = table
        .bracket_at(position.notional_at(position.entry))
        .expect("bracket");
    1.01 + fraction * (bracket.max_leverage - 1.01).max(0.0)
}

/// The condition the price solves: margin balance = maintenance margin, with the table's
/// maintenance at the liquidation notional.
fn residual(position: &Position, wallet: f64, price: f64, table: &BracketTable) -> f64 {
    wallet + position.unrealised_pnl(price) - table.maintenance_margin(position.notional_at(price))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn below_entry_for_a_long_above_for_a_short_in_the_bracket_it_names(
        (position, fraction) in position()
    ) {
        let table = btc_2024();
        let leverage = leverage_at(&position, &table, fraction);
        let wallet = initial_margin(&position, leverage, &table).expect("allowed");
        // Above 1×, a long's margin never covers the whole notional: there is always a price.
        let l = liquidation_price(&position, &Margin::Isolated { wallet }, &table).expect("price");
        prop_assert!(l.price > 0.0 && l.price.is_finite());
        match position.side {
            Side::Long => prop_assert!(l.price < position.entry && l.distance < 0.0),
            Side::Short => prop_assert!(l.price > position.entry && l.distance > 0.0),
        }
        // The re-checked bracket holds the liquidation notional (to rounding at a boundary).
        let notional = position.notional_at(l.price);
        let slack = 1e-9 * notional.max(1.0);
        prop_assert!(notional >= l.bracket.notional_floor - slack);
        if l.tier < table.brackets().len() {
            prop_assert!(notional < l.bracket.notional_cap + slack);
        }
        prop_assert_eq!(l.bracket, table.brackets()[l.tier - 1]);
        // At that price, margin balance equals maintenance margin.
        let r = residual(&position, wallet, l.price, &table);
        prop_assert!(r.abs() <= 1e-7 * position.notional_at(position.entry), "residual {r}");
    }

    #[test]
    fn higher_leverage_moves_it_closer_to_entry(
        (position, a) in position(), b in 0.0f64..=1.0
    ) {
        let table = btc_2024();
        let (low, high) = (a.min(b), a.max(b));
        let distance = |fraction: f64| {
            let leverage = leverage_at(&position, &table, fraction);
            let wallet = initial_margin(&position, leverage, &table).expect("allowed");
            liquidation_price(&position, &Margin::Isolated { wallet }, &table)
                .expect("price")
                .distance
                .abs()
        };
        prop_assert!(distance(high) <= distance(low) * (1.0 + 1e-12) + 1e-15);
    }

    #[test]
    fn more_wallet_moves_it_away(
        (position, fraction) in position(), extra in 0.0f64..2.0
    ) {
        let table = btc_2024();
        let leverage = leverage_at(&position, &table, fraction);
        let wallet = initial_margin(&position, leverage, &table).expect("allowed");
        let at = |wallet: f64| liquidation_price(&position, &Margin::Isolated { wallet }, &table);
        let base = at(wallet).expect("price").price;
        match (position.side, at(wallet * (1.0 + extra))) {
            (Side::Long, Ok(more)) => prop_assert!(more.price <= base * (1.0 + 1e-12)),
            (Side::Long, Err(e)) => prop_assert_eq!(e, LeverageError::NeverLiquidated),
            (Side::Short, more) => {
                prop_assert!(more.expect("price").price >= base * (1.0 - 1e-12));
            }
        }
    }

    #[test]
    fn cross_matches_the_bracket_formula_it_reports(
        (position, _) in position(),
        wallet in 0.0f64..1e9,
        others_maintenance in 0.0f64..1e8,
        others_unrealised_pnl in -1e8f64..1e8,
    ) {
        let table = btc_2024();
        let margin = Margin::Cross { wallet, others_maintenance, others_unrealised_pnl };
        if let Ok(l) = liquidation_price(&position, &margin, &table) {
            let again = liquidation_price_in_bracket(&position, &margin, &l.bracket)
                .expect("same price");
            prop_assert_eq!(again, l.price);
            let available = wallet - others_maintenance + others_unrealised_pnl;
            let r = residual(&position, available, l.price, &table);
            let scale = available.abs().max(position.notional_at(l.price)).max(1.0);
            prop_assert!(r.abs() <= 1e-7 * scale, "residual {r}");
        }
    }

    #[test]
    fn never_panics_and_answers_a_positive_price_or_an_error(
        long in any::<bool>(),
        entry in prop_oneof![any::<f64>(), Just(f64::NAN), 1.0f64..1e5],
        size in prop_oneof![any::<f64>(), Just(f64::NAN), 0.0f64..100.0],
        wallet in prop_oneof![any::<f64>(), Just(f64::NAN), 0.0f64..1e6],
        others in prop_oneof![any::<f64>(), Just(f64::NAN), -1e6f64..1e6],
        leverage in prop_oneof![any::<f64>(), Just(f64::NAN), 0.0f64..150.0],
    ) {
        let table = btc_2024();
        let side = if long { Side::Long } else { Side::Short };
        let position = Position { side, entry, size };
        let _ = initial_margin(&position, leverage, &table);
        for margin in [
            Margin::Isolated { wallet },
            Margin::Cross { wallet, others_maintenance: others.abs(), others_unrealised_pnl: others },
        ] {
            if let Ok(l) = liquidation_price(&position, &margin, &table) {
                prop_assert!(l.price > 0.0 && l.price.is_finite() && l.distance.is_finite());
            }
            if let Ok(p) = liquidation_price_in_bracket(&position, &margin, &table.brackets()[0]) {
                prop_assert!(p > 0.0 && p.is_finite());
            }
        }
    }
}
