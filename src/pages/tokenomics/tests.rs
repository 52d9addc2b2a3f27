//! The tokenomics page's models against the presets' published figures, closed forms on real
//! closes, and hand-checked windows.

use super::absorption_model::{absorption_rows, average_daily_volume, event_rows};
use super::dilution_model::dilution;
use super::model::{supply_chart, supply_figures, supply_view, SupplyView};
use crate::figures::testing::{text, value};
use crate::link::params::TOKEN;
use crate::link::tokenomics::{TokenomicsLink, CIRCULATING, DAYS, PARAMS, TOTAL};
use crate::pages::liquidity::test_books::hand_book;
use tokenrisk_core::time::Date;
use tokenrisk_market::csv_prices::read_price_csv;
use tokenrisk_market::sources::binance::Kline;
use tokenrisk_market::sources::coingecko::parse_coin_markets;
use tokenrisk_market::supply_presets::Confidence;

fn day(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn view(pairs: &[(&str, &str)], today: &str) -> SupplyView {
    supply_view(&TokenomicsLink::parse(pairs), day(today), None).expect("runs")
}

fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1.0)
}

#[test]
fn tao_from_its_halving_anchor_emits_3600_a_day() {
    // 10.5 M on 2025-12-15 (facts-2026 §1.2) run 351 days at 3,600 a day to 2026-12-01.
    let v = view(&[(TOKEN, "TAO"), (DAYS, "365")], "2026-12-01");
    assert_eq!(v.start.confidence, Confidence::Low);
    let t0 = 10_500_000.0 + 351.0 * 3_600.0;
    assert!(
        near(v.start.supply.total, t0, 1e-12),
        "{}",
        v.start.supply.total
    );
    let f = supply_figures(&v, Some(200.0), Some(10.0));
    assert!(near(
        value(&f, "inflation_now"),
        3_600.0 / t0 * 365.0,
        1e-12
    ));
    assert!(near(value(&f, "new_supply_year"), 3_600.0 * 365.0, 1e-12));
    let t1 = t0 + 3_600.0 * 365.0;
    assert!(near(value(&f, "dilution_year"), 1.0 - t0 / t1, 1e-12));
    assert!(near(
        value(&f, "real_staking_yield"),
        1.1 / (t1 / t0) - 1.0,
        1e-12
    ));
    assert!(near(value(&f, "fdv_overhang"), 21e6 - t0, 1e-12));
    assert!(text(&f, "new_supply_year").contains("USD"));
    // Sell-through 1 by default: everything minted is assumed sold.
    assert!(near(value(&f, "assumed_sold_year"), 3_600.0 * 365.0, 1e-12));
}

#[test]
fn tao_supply_chart_stacks_to_the_total_and_marks_the_second_halving() {
    // The second halving: issuance 15.75 M, (15.75 M − 11,763,600) / 3,600 = 1,107.3 days on.
    let v = view(&[(TOKEN, "TAO"), (DAYS, "2000")], "2026-12-01");
    let chart = supply_chart(&v);
    assert_eq!(chart.layers.len(), 2);
    for (i, d) in v.days.iter().enumerate() {
        let sum: f64 = chart.layers.iter().map(|(_, l)| l[i]).sum();
        assert!(near(sum, d.total, 1e-12));
    }
    assert_eq!(chart.markers.len(), 1);
    let halving = Date::from_unix(chart.markers[0].1);
    assert_eq!(
        halving.days() - day("2026-12-01").days(),
        1_108,
        "{halving}"
    );
    assert!(chart
        .lines
        .iter()
        .any(|(l, v)| l == "Maximum supply" && v[0] == 21e6));
    let events = event_rows(&v, Some(200.0));
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].what, events[0].per_day),
        ("Halving", (3_600.0, 1_800.0))
    );
    assert!(near(events[0].month_tokens, 30.0 * 1_800.0, 1e-12));
}

#[test]
fn near_needs_a_supply_and_takes_the_fields_or_coingeckos() {
    let link = TokenomicsLink::parse(&[(TOKEN, "NEAR")]);
    let refused = supply_view(&link, day("2026-12-01"), None).expect_err("no anchor");
    assert!(refused.contains("give it"), "{refused}");
    // CoinGecko's documented answer (its one record, BTC's, read as NEAR's): total 20,030,843,
    // circulating 20,030,493.
    let body = tokenrisk_testdata::read_api_sample("coingecko_coins_markets.json");
    let record = parse_coin_markets(&body).expect("sample parses").remove(0);
    let v = supply_view(&link, day("2026-12-01"), Some(&record)).expect("runs");
    assert!(v.start.source.contains("CoinGecko"), "{}", v.start.source);
    assert_eq!(v.start.confidence, Confidence::Medium);
    assert_eq!(
        (v.start.supply.total, v.start.supply.circulating),
        (20_030_843.0, 20_030_493.0)
    );
    // The fields win over CoinGecko: 2.5 % a year, a tenth to the treasury out of circulation,
    // 0.1 % burnt (facts-2026 §2).
    let v = view(
        &[
            (TOKEN, "NEAR"),
            (TOTAL, "1300000000"),
            (CIRCULATING, "1250000000"),
            (DAYS, "365"),
        ],
        "2026-12-01",
    );
    assert_eq!(v.start.confidence, Confidence::High);
    let f = supply_figures(&v, None, None);
    assert!(near(value(&f, "inflation_now"), 0.025 - 0.001, 1e-12));
    let first = v.days[0];
    assert!(near(first.emission, 0.025 * 1.3e9 / 365.0, 1e-12));
    assert!(near(
        first.circulating - 1.25e9,
        0.9 * first.emission - first.burn,
        1e-9
    ));
    assert_eq!(text(&f, "real_staking_yield"), "n/a");
    // An edit in the link changes the schedule.
    let edited = view(
        &[
            (TOKEN, "NEAR"),
            (TOTAL, "1300000000"),
            (PARAMS, "rate:0.05,burn_rate:0"),
        ],
        "2026-12-01",
    );
    assert!(near(edited.days[0].net_inflation_annualised, 0.05, 1e-12));
    let bad = TokenomicsLink::parse(&[(TOKEN, "NEAR"), (TOTAL, "1300000000"), (PARAMS, "rate:-1")]);
    let refused = supply_view(&bad, day("2026-12-01"), None).expect_err("a negative rate");
    assert!(refused.contains("rate"), "{refused}");
}

#[test]
fn absorption_of_fets_claim_against_volume_and_a_hand_book() {
    // FET's OCEAN claim (116,971,020 locked on 2025-10-09, released over 365 days, §5) on
    // 2026-06-01: 320,468.5 a day, sold whole by default, through 2026-10-09 (day 365 of
    // the vesting), nothing from 2026-10-10.
    let v = view(&[(TOKEN, "FET"), (DAYS, "365")], "2026-06-01");
    let per_day = 116_971_020.0 / 365.0;
    assert!(near(v.days[0].unlocked, per_day, 1e-9));
    let rows = absorption_rows(
        &v,
        Some(0.25),
        Some(10.0 * per_day),
        0.1,
        Some(&hand_book()),
    );
    let week = rows
        .iter()
        .find(|r| r.label == "Next 7 days")
        .expect("a week");
    assert!(near(week.window.sold, 7.0 * per_day, 1e-9));
    // A day's selling is a tenth of the volume; at 10 % of it, 7 days' selling takes 7 days.
    assert!(near(week.share_of_volume.expect("volume"), 0.1, 1e-12));
    assert!(near(week.days_to_absorb.expect("days"), 7.0, 1e-12));
    // The hand book holds 13 tokens of bids: a day's selling exhausts it.
    assert!(week.impact.expect("a fill").1);
    let steps = event_rows(&v, Some(0.25));
    assert_eq!(steps.len(), 1);
    assert_eq!(
        (steps[0].date.as_str(), steps[0].what),
        ("2026-10-10", "New supply steps down")
    );
    assert!(rows
        .iter()
        .any(|r| r.label.starts_with("30 days from the step on 2026-10-10")));
    // Without a volume or a book the cells say n/a.
    let bare = absorption_rows(&v, None, None, 0.1, None);
    assert!(bare
        .iter()
        .all(|r| r.days_to_absorb.is_none() && r.impact.is_none()));
}

#[test]
fn average_daily_volume_leaves_out_the_open_candle() {
    let candle = |i: i64, volume: f64| Kline {
        open_time_ms: i * 86_400_000,
        open: 1.0,
        high: 1.0,
        low: 1.0,
        close: 1.0,
        volume,
        close_time_ms: (i + 1) * 86_400_000 - 1,
        quote_volume: None,
    };
    let candles: Vec<Kline> = (0..40).map(|i| candle(i, i as f64)).collect();
    // Candle 39 is still open at 39.5 days: the mean of 9..=38 is 23.5.
    assert_eq!(
        average_daily_volume(&candles, 39 * 86_400_000 + 43_200_000),
        Some(23.5)
    );
    assert_eq!(average_daily_volume(&[], 0), None);
}

#[test]
fn dilution_adjusted_near_on_real_closes_is_the_closed_form() {
    // NEAR's closes to 2026-01-02 (committed Binance cut), the supply from 1.3 bn on
    // 2026-01-03 run back: each day before 2025-10-30 grew (1 + (0.05 − 0.001)/365), each from
    // it (1 + (0.025 − 0.001)/365), so T_t / T_end is their product back from the end;
    // within 1e-9.
    let csv =
        tokenrisk_testdata::DataSet::Fixtures.read_market_file("binance_spot_1d/NEARUSDT.csv");
    let prices = read_price_csv(&csv, None).expect("fixture").series;
    let v = view(
        &[(TOKEN, "NEAR"), (TOTAL, "1300000000"), (DAYS, "30")],
        "2026-01-03",
    );
    let d = dilution(&v, &prices).expect("reconstructs");
    let closes = &d.chart.lines[0].1;
    let adjusted = &d.chart.lines[1].1;
    assert_eq!(closes.len(), 365);
    let change = day("2025-10-30");
    let growth = |date: Date| 1.0 + if date < change { 0.049 } else { 0.024 } / 365.0;
    // Total at the end of each close's day, relative to the end total (end of 2026-01-02).
    let n = d.chart.times.len();
    let mut relative = vec![1.0; n];
    for i in (0..n - 1).rev() {
        let next = Date::from_unix(d.chart.times[i + 1]);
        relative[i] = relative[i + 1] / growth(next);
    }
    for i in 0..n {
        let expected = closes[i] * relative[0] / relative[i];
        assert!(
            near(adjusted[i], expected, 1e-9),
            "{i}: {} vs {expected}",
            adjusted[i]
        );
    }
    assert!(d.returns.1 < d.returns.0, "dilution lowers the return");
    assert!(d.caption.contains("reconstructed"));
}

#[test]
fn renders_burn_is_bought_on_the_market_and_nets_the_selling() {
    // Year 3 of RENDER's schedule (from 2023-12-20: day 894 on 2026-06-01) emits 5.9 M a year
    // (RNP-001, facts-2026 §4); 10,000 a day bought with job revenue and burnt.
    let v = view(
        &[
            (TOKEN, "RENDER"),
            (DAYS, "30"),
            (PARAMS, "burned_per_day:10000"),
        ],
        "2026-06-01",
    );
    let emitted = 5_900_000.0 / 365.0;
    let first = v.days[0];
    assert!(near(first.emission, emitted, 1e-12));
    assert_eq!((first.bought, first.burn), (10_000.0, 10_000.0));
    let rows = absorption_rows(&v, Some(2.0), Some(1e6), 0.1, None);
    let day = &rows[0];
    assert_eq!(day.label, "Next day");
    assert!(near(day.window.net_sold(), emitted - 10_000.0, 1e-12));
    assert!(near(
        day.share_of_volume.expect("volume"),
        (emitted - 10_000.0) / 1e6,
        1e-12
    ));
    assert!(near(
        day.sold_usd.expect("price"),
        2.0 * (emitted - 10_000.0),
        1e-12
    ));
    let f = supply_figures(&v, Some(2.0), None);
    assert!(near(value(&f, "bought_back_year"), 300_000.0, 1e-12));
    // The buyback is not a band of new supply: the start less burns, then the emission.
    let chart = supply_chart(&v);
    let layers: Vec<&str> = chart.layers.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(layers[1..], ["Yearly emission"]);
}

#[test]
fn staked_icp_reaches_the_market_after_its_dissolve_delay() {
    // Half of 500 M circulating ICP staked; the shortest dissolve delay, 14 days (§3.1), is
    // longer than a week: 250 M can be sold within 7 days.
    let v = view(
        &[
            (TOKEN, "ICP"),
            (TOTAL, "540000000"),
            (CIRCULATING, "500000000"),
            (PARAMS, "staked_share:0.5"),
        ],
        "2026-12-01",
    );
    let f = supply_figures(&v, None, None);
    let liquid = v.days[0].liquid;
    assert!(near(liquid, 0.5 * v.days[0].circulating, 1e-12));
    assert!(near(value(&f, "sellable_week"), liquid, 1e-12));
    let prompt = view(
        &[
            (TOKEN, "ICP"),
            (TOTAL, "540000000"),
            (PARAMS, "staked_share:0.5,unbonding_days:7"),
        ],
        "2026-12-01",
    );
    let f = supply_figures(&prompt, None, None);
    assert!(near(
        value(&f, "sellable_week"),
        prompt.days[0].circulating,
        1e-12
    ));
}
