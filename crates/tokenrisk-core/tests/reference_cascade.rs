//! Liquidation cascades against an independent NumPy implementation on real recorded order
//! books (script `tests/reference/cascade.py`, output `cascade.json`): five cases over three
//! Binance depth responses (read through `tokenrisk-testdata`: the shared copies when present,
//! else the identical fixtures, and the market crate's `parse_depth`), covering a fall and a
//! rise, entries at one price and spread, the three leverage-mix presets, flat and banded
//! haircuts, replenishment, and each way a cascade stops. The stop and the number of rounds
//! exactly; every price and amount to 1e-9 relative (plus 1e-9 absolute for zeros).

use serde_json::Value;
use tokenrisk_core::cascade::{simulate, CascadeInput, LeverageMix, Stop};
use tokenrisk_core::depth_stress::Haircut;
use tokenrisk_core::leverage::Bracket;
use tokenrisk_market::sources::binance::parse_depth;

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-9
}

fn number(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

fn pairs(v: &Value) -> Vec<(f64, f64)> {
    v.as_array()
        .expect("pairs")
        .iter()
        .map(|p| (number(&p[0]), number(&p[1])))
        .collect()
}

fn haircut(v: &Value) -> Haircut {
    match v.get("flat") {
        Some(h) => Haircut::Flat(number(h)),
        None => Haircut::Bands {
            bands: pairs(&v["bands"]),
            beyond: number(&v["beyond"]),
        },
    }
}

#[test]
fn cascades_match_numpy_on_recorded_books() {
    let reference: Value =
        serde_json::from_str(include_str!("reference/cascade.json")).expect("reference JSON");
    let cases = reference["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 5);
    let mut stops = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        let name = case["book"].as_str().expect("book");
        let book = parse_depth(&tokenrisk_testdata::read_orderbook(name)).expect("a valid book");
        let i = &case["input"];
        let input = CascadeInput {
            book,
            start_price: number(&i["start_price"]),
            shock: number(&i["shock"]),
            open_interest: number(&i["open_interest"]),
            long_share: number(&i["long_share"]),
            entries: pairs(&i["entries"]),
            mix: LeverageMix {
                buckets: pairs(&i["mix"]),
            },
            bracket: Bracket {
                notional_floor: 0.0,
                notional_cap: 1e12,
                max_leverage: number(&i["max_leverage"]),
                maintenance_rate: number(&i["maintenance_rate"]),
                maintenance_amount: 0.0,
            },
            haircut: haircut(&i["haircut"]),
            replenishment: number(&i["replenishment"]),
            max_rounds: i["max_rounds"].as_u64().expect("rounds") as usize,
        };
        let r = simulate(&input).expect("simulates");
        let e = &case["expected"];
        let stop = match r.stop {
            Stop::Settled => "settled",
            Stop::RoundLimit => "round_limit",
            Stop::BookExhausted => "book_exhausted",
        };
        assert_eq!(stop, e["stop"].as_str().expect("stop"), "case {k}");
        stops.push(stop);
        assert_eq!(
            r.rounds.len() as u64,
            e["rounds"].as_u64().expect("n"),
            "case {k}"
        );
        for (actual, key) in [
            (r.shocked_price, "shocked_price"),
            (r.final_price, "final_price"),
            (r.liquidated_long, "liquidated_long"),
            (r.liquidated_short, "liquidated_short"),
            (r.liquidated_base, "liquidated_base"),
            (r.absorbed, "absorbed"),
            (r.insurance_loss, "insurance_loss"),
            (r.to_adl, "to_adl"),
            (r.amplification, "amplification"),
            (r.dropped_long, "dropped_long"),
            (r.dropped_short, "dropped_short"),
        ] {
            let expected = number(&e[key]);
            assert!(
                close(actual, expected),
                "case {k} {key}: {actual} vs {expected}"
            );
        }
        let path = r.price_path();
        let expected_path = e["price_path"].as_array().expect("path");
        assert_eq!(path.len(), expected_path.len(), "case {k}");
        for (actual, expected) in path.iter().zip(expected_path) {
            assert!(close(*actual, number(expected)), "case {k} path");
        }
    }
    // The cases cover every way a cascade ends.
    for stop in ["settled", "round_limit", "book_exhausted"] {
        assert!(stops.contains(&stop), "no case ends {stop}");
    }
}
