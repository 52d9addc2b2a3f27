//! The cascade's numbers: the link's scenario as the core's input (open interest, long share,
//! leverage mix, entry prices, haircut, refill), the cascade's figures, rounds, waterfall and
//! assumptions, and the names people read for the scenario's choices. Plain functions over the
//! core's cascade, tested natively.
//!
//! Conventions: prices and notionals in the book's quote currency (USDT at Binance); the
//! entries over the last week's volume profile or all at the start price (as the link says,
//! stated on the page); the leverage mix capped at the contract's first bracket.

use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent, price};
use crate::link::liquidity::{BookVenue, Entries, LiquidityLink};
use tokenrisk_charts::{ValueFormat, WaterfallData};
use tokenrisk_core::cascade::{
    simulate, CascadeInput, LeverageMixPreset, Stop, DEFAULT_MAX_ROUNDS,
};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::volume_profile::{volume_profile, Bar};
use tokenrisk_market::sources::binance::Kline;

/// One round of the cascade as the rounds table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundRow {
    /// 1-based.
    pub round: usize,
    /// Price after the round.
    pub price: f64,
    /// Price against the start, a fraction.
    pub move_from_start: f64,
    /// Long notional liquidated in the round.
    pub long: f64,
    /// Short notional liquidated in the round.
    pub short: f64,
}

/// The cascade as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CascadeView {
    /// The headline figures.
    pub figures: FigureTable,
    /// Each round.
    pub rounds: Vec<RoundRow>,
    /// The move from the start, step by step: the shock, then each round.
    pub waterfall: WaterfallData,
    /// What the result rests on, one sentence each.
    pub assumptions: Vec<String>,
    /// The price path: start, after the shock, then after each round.
    pub path: Vec<f64>,
    /// The cascade ran past the visible book: its last price is a bound.
    pub past_book: bool,
}

/// Rounds the waterfall shows one by one; later ones share a bar.
pub const WATERFALL_ROUNDS: usize = 8;

/// The cascade's move from the start price as waterfall steps, from its price path (start,
/// shocked, then each round's price): the shock, then each round's change as a fraction of
/// the start price (so the steps add up to final / start − 1), rounds after
/// [`WATERFALL_ROUNDS`] − 1 in one bar.
pub fn move_by_step(path: &[f64]) -> WaterfallData {
    let start = path.first().copied().unwrap_or(f64::NAN);
    let change = |w: &[f64]| (w[1] - w[0]) / start;
    let mut steps: Vec<(String, f64)> = path
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let label = if i == 0 {
                "Shock".to_owned()
            } else {
                format!("Round {i}")
            };
            (label, change(w))
        })
        .collect();
    if steps.len() > WATERFALL_ROUNDS + 1 {
        let rest: f64 = steps.drain(WATERFALL_ROUNDS..).map(|s| s.1).sum();
        let last = path.len() - 2;
        steps.push((format!("Rounds {WATERFALL_ROUNDS}–{last}"), rest));
    }
    WaterfallData {
        steps,
        total_label: "In all".to_owned(),
        format: ValueFormat::Percent,
    }
}

/// The mix's name for people.
pub fn mix_name(mix: LeverageMixPreset) -> &'static str {
    match mix {
        LeverageMixPreset::ExchangeRetail => "exchange retail",
        LeverageMixPreset::HyperliquidObserved => "observed on Hyperliquid",
        LeverageMixPreset::HeatmapVendor => "heat-map vendors' 10/25/50/100×",
    }
}

/// The link's mix for people: the preset's name, or "your own" with its pairs.
pub fn mix_label(link: &LiquidityLink) -> String {
    match &link.custom_mix {
        None => mix_name(link.mix).to_owned(),
        Some(pairs) => {
            let total: f64 = pairs.iter().map(|p| p.1).sum();
            let parts: Vec<String> = pairs
                .iter()
                .map(|(l, s)| format!("{l}× {}", percent(s / total, 0)))
                .collect();
            format!("your own ({})", parts.join(", "))
        }
    }
}

/// Where the link's mix comes from: the preset's source, or the link.
pub fn mix_source(link: &LiquidityLink) -> &'static str {
    match link.custom_mix {
        None => link.mix.source(),
        Some(_) => "set in the link (mixc=), shares normalised to 100 %",
    }
}

/// The book's name for people.
pub fn book_name(book: BookVenue) -> &'static str {
    match book {
        BookVenue::Spot => "spot (Binance, else Coinbase)",
        BookVenue::Perpetual => "USD-M perpetual (Binance)",
        BookVenue::File => "recorded, from your file (Binance, Coinbase or Bybit JSON)",
    }
}

/// The entry model's name for people.
pub fn entries_name(entries: Entries) -> &'static str {
    match entries {
        Entries::VolumeProfile => "last week's volume profile",
        Entries::StartPrice => "all at the start price",
    }
}

/// The depth haircut's name for people.
pub fn cut_name(cut: Option<HaircutPreset>) -> &'static str {
    match cut {
        None => "none: the book as it is",
        Some(HaircutPreset::StressedRegime) => "stressed regime: −30 %",
        Some(HaircutPreset::CrashHour) => "crash hour: −50 %",
        Some(HaircutPreset::FlashCrash) => "flash crash: −90 % near the mid",
    }
}

/// Bins of the volume profile the cascade's positions are entered over.
pub const PROFILE_BINS: usize = 24;

/// Where the cascade's positions were entered, and how that was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPrices {
    /// `(price, weight)`; empty: all at the start price.
    pub prices: Vec<(f64, f64)>,
    /// What they are, as a clause for the assumptions.
    pub said: String,
}

/// The entry prices the link asks for: with [`Entries::VolumeProfile`], the volume profile
/// ([`PROFILE_BINS`] bins) of `hourly` (the last week's hourly bars, or why they are missing);
/// else, or without bars, every position at the start price, saying why.
pub fn entry_prices(entries: Entries, hourly: Result<&[Kline], String>) -> EntryPrices {
    let at_start = |why: String| EntryPrices {
        prices: Vec::new(),
        said: format!("every position entered at the start price{why}"),
    };
    if entries == Entries::StartPrice {
        return at_start(String::new());
    }
    let bars = match hourly {
        Ok(bars) => bars,
        Err(reason) => {
            return at_start(format!(
                " (no hourly candles for a volume profile: {reason})"
            ))
        }
    };
    let profile: Vec<Bar> = bars.iter().map(Bar::from).collect();
    match volume_profile(&profile, PROFILE_BINS) {
        Ok(prices) => {
            let (low, high) = (prices[0].0, prices[prices.len() - 1].0);
            EntryPrices {
                said: format!(
                    "positions entered over the volume profile of the last {} hourly bars on Binance spot ({} price bins with volume, centred from {} to {}, weighted by the volume traded there)",
                    bars.len(),
                    prices.len(),
                    price(low),
                    price(high)
                ),
                prices,
            }
        }
        Err(e) => at_start(format!(" (no volume profile: {e})")),
    }
}

/// The core's input for the link's scenario: `open_interest` USD of positions entered at
/// `entries` (empty: the mid of `book`), split and levered as the link says (the mix capped
/// at `bracket`'s maximum), the link's shock, haircut and refill.
pub fn cascade_input(
    book: &OrderBook,
    link: &LiquidityLink,
    open_interest: f64,
    bracket: Bracket,
    entries: &[(f64, f64)],
) -> CascadeInput {
    CascadeInput {
        book: book.clone(),
        start_price: Top::of(book).map_or(f64::NAN, Top::mid),
        shock: link.shock_pct / 100.0,
        open_interest,
        long_share: link.long_pct / 100.0,
        entries: entries.to_vec(),
        mix: link.leverage_mix().capped(bracket.max_leverage).0,
        bracket,
        haircut: link.cut.map_or(Haircut::Flat(0.0), HaircutPreset::haircut),
        replenishment: link.refill_pct / 100.0,
        max_rounds: DEFAULT_MAX_ROUNDS,
    }
}

/// The cascade the link's shock sets off through `book` with `open_interest` USD of positions
/// (split and levered as the link says) on a contract whose first maintenance bracket is
/// `bracket`.
///
/// # Errors
/// The core's message for a book, shock or open interest it cannot use.
pub fn cascade(
    book: &OrderBook,
    link: &LiquidityLink,
    open_interest: f64,
    bracket: Bracket,
    entries: &EntryPrices,
) -> Result<CascadeView, String> {
    let start_price = Top::of(book).map_or(f64::NAN, Top::mid);
    let capped = link.leverage_mix().capped(bracket.max_leverage).1;
    let r = simulate(&cascade_input(
        book,
        link,
        open_interest,
        bracket,
        &entries.prices,
    ))
    .map_err(|e| e.to_string())?;
    let stop = match r.stop {
        Stop::Settled => "no new liquidations",
        Stop::RoundLimit => "the round limit",
        Stop::BookExhausted => "the book ran out of orders",
    };
    let final_move = r.final_price / r.start_price - 1.0;
    // A cascade that ran out of visible orders would have gone further: its price and move
    // are bounds, said as such.
    let exhausted = r.stop == Stop::BookExhausted;
    let bound = move |text: String, sign: &str| {
        if exhausted {
            format!("{sign} {text} (past the visible book)")
        } else {
            text
        }
    };
    let below = if r.final_price < r.start_price {
        "≤"
    } else {
        "≥"
    };
    let figures = vec![
        Figure::new("start_price", "Start price", Some(r.start_price), price, "The book's mid now."),
        Figure::new("shocked_price", "After the shock alone", Some(r.shocked_price), price, "Start × (1 + shock)."),
        Figure::new("final_price", "After the cascade", Some(r.final_price), move |v| bound(price(v), below), "The price after the last round's forced orders walked the book."),
        Figure::new("final_move", "Move from the start", Some(final_move), move |v| bound(percent(v, 2), below), "Final price / start price − 1."),
        Figure::new("amplification", "Amplification", Some(r.amplification), move |v| bound(format!("{v:.2}×"), "≥"), "(final − start) / (shocked − start): how much the liquidations added to the shock (1× = none)."),
        Figure::new("liquidated_long", "Longs liquidated", Some(r.liquidated_long), compact, "Notional of long positions closed by liquidation (size × liquidation price), USDT."),
        Figure::new("liquidated_short", "Shorts liquidated", Some(r.liquidated_short), compact, "Notional of short positions closed by liquidation, USDT."),
        Figure::new("liquidated_share", "Share of open interest liquidated", Some(r.liquidated_base / r.open_interest_base), |v| percent(v, 1), "Base units liquidated / open interest in base units."),
        Figure::new("absorbed", "What the book absorbed", Some(r.absorbed), compact, "Quote value the stressed book filled for the forced orders."),
        Figure::new("insurance_loss", "Insurance fund's loss", Some(r.insurance_loss), compact, "Fills beyond the positions' bankruptcy prices: the fund pays the difference."),
        Figure::new("to_adl", "Left to auto-deleveraging", Some(r.to_adl), compact, "Forced orders the book could not fill (at their bankruptcy prices): profitable traders on the other side are closed instead."),
        Figure::new("rounds", "Rounds", Some(r.rounds.len() as f64), move |v| format!("{v:.0} (stopped: {stop})"), "Each round closes the positions whose liquidation price the last round crossed."),
    ];
    let path = r.price_path();
    let rounds = r
        .rounds
        .iter()
        .enumerate()
        .map(|(i, round)| RoundRow {
            round: i + 1,
            price: round.price,
            move_from_start: round.price / r.start_price - 1.0,
            long: round.liquidated_long,
            short: round.liquidated_short,
        })
        .collect();
    let mut assumptions = vec![
        format!(
            "Open interest {} USDT, {} long; {}.",
            compact(open_interest),
            percent(link.long_pct / 100.0, 1),
            entries.said
        ),
        format!(
            "Leverage mix {}{}: {}.",
            mix_label(link),
            if capped { format!(", capped at the contract's {:.0}×", bracket.max_leverage) } else { String::new() },
            mix_source(link)
        ),
        format!(
            "Maintenance margin {} (the contract's first bracket); positions are liquidated at market into the book, {}.",
            percent(bracket.maintenance_rate, 2),
            if link.refill_pct > 0.0 {
                format!("and after each round {} of the stressed book's depth is posted again at the same distances from the new price on the side hit (refill=)", percent(link.refill_pct / 100.0, 0))
            } else {
                "and the book is not refilled between rounds".to_owned()
            }
        ),
    ];
    let (side, name, way) = if link.shock_pct < 0.0 {
        (&book.bids, "bids", "down")
    } else {
        (&book.asks, "asks", "up")
    };
    if let Some(&(last, _)) = side.last() {
        assumptions.push(format!(
            "The book as fetched holds {name} {way} to {} ({} from the mid); beyond it there are no visible orders, and what the forced orders cannot fill there is left to auto-deleveraging.",
            price(last),
            percent(last / start_price - 1.0, 1)
        ));
    }
    for (dropped, side) in [(r.dropped_long, "long"), (r.dropped_short, "short")] {
        if dropped > 0.0 {
            assumptions.push(format!(
                "{} of the {side} positions' entry and leverage weight is left out: entered there at that leverage, they would already be liquidated at the start price (the side's open interest is spread over the rest).",
                percent(dropped, 1)
            ));
        }
    }
    assumptions.push(match link.cut {
        None => "The book as it is now (no depth haircut).".to_owned(),
        Some(p) => format!("Depth haircut: {}.", p.source()),
    });
    Ok(CascadeView {
        figures: FigureTable {
            caption: format!(
                "A {} shock, then the liquidations it sets off",
                percent(link.shock_pct / 100.0, 1)
            ),
            figures,
        },
        rounds,
        waterfall: move_by_step(&path),
        assumptions,
        path,
        past_book: exhausted,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::{text, value};
    use crate::link::liquidity::RawLiquidity;
    use crate::pages::liquidity::test_books::{hand_book, recorded};
    use tokenrisk_market::brackets::bracket_table;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn at_start() -> EntryPrices {
        entry_prices(Entries::StartPrice, Ok(&[]))
    }

    fn kline(low: f64, high: f64, volume: f64) -> Kline {
        Kline {
            open_time_ms: 0,
            open: low,
            high,
            low,
            close: high,
            volume,
            close_time_ms: 3_599_999,
            quote_volume: None,
        }
    }

    #[test]
    fn entries_over_the_volume_profile_or_at_the_start_saying_why() {
        let bars = [kline(90.0, 102.0, 10.0), kline(96.0, 99.0, 30.0)];
        let e = entry_prices(Entries::VolumeProfile, Ok(&bars));
        let core = volume_profile(
            &bars.iter().map(Bar::from).collect::<Vec<_>>(),
            PROFILE_BINS,
        )
        .expect("valid");
        assert_eq!(e.prices, core);
        assert!(
            e.said.contains("volume profile of the last 2 hourly bars"),
            "{}",
            e.said
        );
        assert_eq!(at_start().prices, []);
        assert_eq!(at_start().said, "every position entered at the start price");
        let failed = entry_prices(Entries::VolumeProfile, Err("HTTP 503".to_owned()));
        assert!(
            failed.prices.is_empty()
                && failed
                    .said
                    .ends_with("(no hourly candles for a volume profile: HTTP 503)")
        );
        let flat = entry_prices(Entries::VolumeProfile, Ok(&[kline(1.0, 2.0, 0.0)]));
        assert!(
            flat.prices.is_empty()
                && flat
                    .said
                    .contains("no volume profile: the bars traded no volume"),
            "{}",
            flat.said
        );
        // The cascade with the profile is the core's with those entries, and says so.
        let book = recorded();
        let mid = Top::of(&book).expect("two sides").mid();
        let around: Vec<Kline> = (0..48)
            .map(|i| {
                let x = f64::from(i);
                kline(
                    mid * (0.97 + 0.001 * x),
                    mid * (0.99 + 0.001 * x),
                    100.0 + x,
                )
            })
            .collect();
        let e = entry_prices(Entries::VolumeProfile, Ok(&around));
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let l = link(&[("shock", "-6"), ("mix", "vendor")]);
        let view = cascade(&book, &l, 3e6, bracket, &e).expect("runs");
        let r = simulate(&cascade_input(&book, &l, 3e6, bracket, &e.prices)).expect("runs");
        assert_eq!(r.final_price, value(&view.figures, "final_price"));
        assert!(view.assumptions[0].contains(&e.said));
        // Longs entered 3 % above the mid at 50× would already be liquidated: left out, said.
        assert!(r.dropped_long > 0.0);
        assert!(
            view.assumptions.iter().any(|a| a.contains(&format!(
                "{} of the long positions' entry and leverage weight is left out",
                percent(r.dropped_long, 1)
            ))),
            "{:?}",
            view.assumptions
        );
    }

    fn link(pairs: &[(&str, &str)]) -> LiquidityLink {
        LiquidityLink::parse(
            &RawLiquidity::from_pairs(pairs.iter().copied()),
            &["TAO", "BTC"],
        )
    }

    #[test]
    fn a_book_without_two_sides_is_a_message() {
        let empty = OrderBook {
            bids: vec![],
            asks: vec![(1.0, 1.0)],
        };
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        assert!(cascade(&empty, &link(&[]), 1e6, bracket, &at_start()).is_err());
    }

    #[test]
    fn a_cascade_past_the_visible_book_gives_bounds_and_says_how_far_the_book_reaches() {
        // A 20 % fall lands below the hand book's last bid (90, −10 %): nothing fills, the
        // price is a bound.
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let view = cascade(
            &hand_book(),
            &link(&[("shock", "-20")]),
            1e4,
            bracket,
            &at_start(),
        )
        .expect("runs");
        let f = &view.figures;
        assert_eq!(value(f, "final_price"), 80.0);
        assert_eq!(text(f, "final_price"), "≤ 80.00 (past the visible book)");
        assert!(text(f, "amplification").starts_with("≥ "));
        assert!(text(f, "rounds").contains("the book ran out of orders"));
        assert!(view
            .assumptions
            .iter()
            .any(|a| a.contains("holds bids down to 90.00 (−10.0% from the mid)")));
        // A 2 % fall with one token of open interest stays within the book: plain numbers.
        let view = cascade(
            &hand_book(),
            &link(&[("shock", "-2")]),
            100.0,
            bracket,
            &at_start(),
        )
        .expect("runs");
        assert!(text(&view.figures, "rounds").contains("no new liquidations"));
        assert!(!text(&view.figures, "final_price").contains('≤'));
    }

    #[test]
    fn the_waterfall_is_the_shock_then_each_round_and_groups_late_rounds() {
        let w = move_by_step(&[100.0, 90.0, 88.0, 87.5]);
        let labels: Vec<&str> = w.steps.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(labels, ["Shock", "Round 1", "Round 2"]);
        let changes: Vec<f64> = w.steps.iter().map(|s| s.1).collect();
        assert!(near(changes[0], -0.10) && near(changes[1], -0.02) && near(changes[2], -0.005));
        // 12 rounds: seven alone, rounds 8 to 12 in one bar, the same total.
        let path: Vec<f64> = (0..14).map(|i| 100.0 - f64::from(i)).collect();
        let w = move_by_step(&path);
        assert_eq!(w.steps.len(), WATERFALL_ROUNDS + 1);
        assert_eq!(w.steps[WATERFALL_ROUNDS].0, "Rounds 8–12");
        assert!(near(w.steps[WATERFALL_ROUNDS].1, -0.05));
        let total: f64 = w.steps.iter().map(|s| s.1).sum();
        assert!(near(total, -0.13));
        assert!(move_by_step(&[]).steps.is_empty());
    }

    #[test]
    fn cascade_is_the_cores_on_the_same_inputs() {
        let book = recorded();
        let l = link(&[
            ("shock", "-8"),
            ("long", "80"),
            ("mix", "vendor"),
            ("cut", "crash"),
        ]);
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let oi = 3e6;
        let view = cascade(&book, &l, oi, bracket, &at_start()).expect("runs");
        let (mix, capped) = LeverageMixPreset::HeatmapVendor
            .mix()
            .capped(bracket.max_leverage);
        assert!(capped, "the vendor mix's 100× is above TAO's 75×");
        let start = Top::of(&book).expect("two sides").mid();
        let r = simulate(&CascadeInput {
            book: book.clone(),
            start_price: start,
            shock: -0.08,
            open_interest: oi,
            long_share: 0.8,
            entries: Vec::new(),
            mix,
            bracket,
            haircut: HaircutPreset::CrashHour.haircut(),
            replenishment: 0.0,
            max_rounds: DEFAULT_MAX_ROUNDS,
        })
        .expect("runs");
        let f = &view.figures;
        assert!(near(value(f, "final_price"), r.final_price));
        assert!(near(value(f, "liquidated_long"), r.liquidated_long));
        assert!(near(value(f, "liquidated_short"), r.liquidated_short));
        assert!(near(value(f, "amplification"), r.amplification));
        assert_eq!(view.rounds.len(), r.rounds.len());
        let total: f64 = view.waterfall.steps.iter().map(|s| s.1).sum();
        assert!(near(total, r.final_price / r.start_price - 1.0));
        assert!(
            r.liquidated_long > 0.0,
            "an 8 % fall liquidates the 25× and 50× longs"
        );
        assert!(view
            .assumptions
            .iter()
            .any(|a| a.contains("capped at the contract's 75×")));
        assert!(view
            .assumptions
            .iter()
            .any(|a| a.contains(HaircutPreset::CrashHour.source())));
        let sum: f64 = view.rounds.iter().map(|row| row.long).sum();
        assert!(near(sum, r.liquidated_long));
    }

    #[test]
    fn a_custom_mix_and_a_refilled_book_are_the_cores() {
        let book = recorded();
        let l = link(&[
            ("shock", "-6"),
            ("long", "85"),
            ("mixc", "3:50,20:30,60:20"),
            ("refill", "40"),
        ]);
        let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
        let view = cascade(&book, &l, 4e6, bracket, &at_start()).expect("runs");
        let r = simulate(&CascadeInput {
            book: book.clone(),
            start_price: Top::of(&book).expect("two sides").mid(),
            shock: -0.06,
            open_interest: 4e6,
            long_share: 0.85,
            entries: Vec::new(),
            mix: tokenrisk_core::cascade::LeverageMix {
                buckets: vec![(3.0, 50.0), (20.0, 30.0), (60.0, 20.0)],
            },
            bracket,
            haircut: Haircut::Flat(0.0),
            replenishment: 0.4,
            max_rounds: DEFAULT_MAX_ROUNDS,
        })
        .expect("runs");
        assert!(near(value(&view.figures, "final_price"), r.final_price));
        assert!(near(
            value(&view.figures, "liquidated_long"),
            r.liquidated_long
        ));
        let said = view.assumptions.join(" ");
        assert!(
            said.contains("your own (3× 50%, 20× 30%, 60× 20%)"),
            "{said}"
        );
        assert!(
            said.contains("40% of the stressed book's depth is posted again"),
            "{said}"
        );
        // Without the refill: the core's run without replenishment, and said so.
        let dry = cascade(
            &book,
            &link(&[
                ("shock", "-6"),
                ("long", "85"),
                ("mixc", "3:50,20:30,60:20"),
            ]),
            4e6,
            bracket,
            &at_start(),
        )
        .expect("runs");
        let r0 = simulate(&CascadeInput {
            replenishment: 0.0,
            ..cascade_input(&book, &l, 4e6, bracket, &[])
        })
        .expect("runs");
        assert!(near(value(&dry.figures, "final_price"), r0.final_price));
        assert!(
            (r.final_price - r0.final_price).abs() > 1e-9 * r0.final_price,
            "the refill changes this cascade: {} against {}",
            r.final_price,
            r0.final_price
        );
        assert!(dry.assumptions.join(" ").contains("not refilled"));
    }
}
