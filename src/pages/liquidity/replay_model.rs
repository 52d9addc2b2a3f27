//! The replay of the sell-off of 2026-02-05/06 on the liquidity page: BTC's real path over
//! those two days (daily bars as open, high, low, close) crosses the ladder of BTC's open
//! interest (the link's long share, leverage mix and entry model, the entries over the 30
//! days before), and what it liquidates is set beside the liquidations reported, with the open
//! interest each leverage mix would need to produce them.
//!
//! Conventions: notionals in USDT at the liquidation price; open interest in USD at 2026-02-05's
//! open; BTCUSDT's first maintenance bracket (the dated snapshot); the reported figures are
//! CoinGlass's for 24 hours on all exchanges, the replay covers the two daily bars.

use super::brackets_model;
use super::cascade_model::{entries_name, mix_label, mix_name, mix_source, PROFILE_BINS};
use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent, price};
use crate::link::liquidity::{Entries, LiquidityLink};
use tokenrisk_charts::{ValueFormat, WaterfallData};
use tokenrisk_core::cascade::{
    bar_path, replay as replay_path, LadderInput, LeverageMix, LeverageMixPreset, Mark, Ohlc,
    PathPoint, ReplayReport,
};
use tokenrisk_core::leverage::Bracket;
use tokenrisk_core::time::Date;
use tokenrisk_core::volume_profile::{volume_profile, Bar};
use tokenrisk_market::sell_off::{
    btc_daily, BINANCE_BTC_OPEN_INTEREST, CANDLES_SOURCE, FIRST_DAY_MS, REPORTED,
};

/// Days before the sell-off whose volume profile gives the entry prices.
pub const ENTRY_DAYS: usize = 30;

/// One point of the path as the replay's table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRow {
    /// E.g. "2026-02-05 low".
    pub label: String,
    /// The price there.
    pub price: f64,
    /// Against the first price, a fraction.
    pub move_from_start: f64,
    /// Long notional liquidated there.
    pub long: f64,
    /// Short notional liquidated there.
    pub short: f64,
}

/// What one leverage mix makes of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct MixRow {
    /// The mix's name.
    pub name: String,
    /// Liquidated notional over open interest.
    pub share: f64,
    /// Open interest that gives the reported BTC liquidations (low and high of the range).
    pub needed: (f64, f64),
    /// Longs' share of what it liquidates.
    pub long_share: f64,
    /// The mix the link selects.
    pub selected: bool,
}

/// The replay as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayView {
    /// The headline figures.
    pub figures: FigureTable,
    /// Each point of the path.
    pub steps: Vec<StepRow>,
    /// Each leverage mix with the link's long share and entries.
    pub mixes: Vec<MixRow>,
    /// Liquidations at each point of the path that liquidated something, in USDT.
    pub chart: WaterfallData,
    /// What the result rests on, one sentence each.
    pub assumptions: Vec<String>,
}

fn mark_name(mark: Mark) -> &'static str {
    match mark {
        Mark::Open => "open",
        Mark::High => "high",
        Mark::Low => "low",
        Mark::Close => "close",
    }
}

/// Replays the two days with `mix` and the link's long share over `entries`.
fn run(
    link: &LiquidityLink,
    mix: &LeverageMix,
    open_interest: f64,
    entries: &[(f64, f64)],
    path: &[PathPoint],
    bracket: &Bracket,
) -> Result<ReplayReport, String> {
    let (mix, _) = mix.capped(bracket.max_leverage);
    replay_path(
        &LadderInput {
            open_interest,
            long_share: link.long_pct / 100.0,
            start_price: path.first().map_or(f64::NAN, |p| p.price),
            entries,
            mix: &mix,
            bracket,
        },
        path,
    )
    .map_err(|e| e.to_string())
}

/// The replay of 2026-02-05/06 for the link's long share, leverage mix, entry model and
/// replay open interest (else Binance's last recorded).
///
/// # Errors
/// The core's message when the ladder cannot be built (not for the shipped data and a parsed
/// link).
pub fn replay(link: &LiquidityLink) -> Result<ReplayView, String> {
    let brackets =
        brackets_model::for_symbol(link, "BTCUSDT").ok_or("no maintenance brackets for BTCUSDT")?;
    let bracket = brackets.table.brackets()[0];
    let candles = btc_daily();
    let split = candles
        .iter()
        .position(|k| k.open_time_ms == FIRST_DAY_MS)
        .ok_or("the sell-off's first day is missing from its record")?;
    let before = &candles[split.saturating_sub(ENTRY_DAYS)..split];
    let entries = match link.entries {
        Entries::VolumeProfile => {
            let bars: Vec<Bar> = before.iter().map(Bar::from).collect();
            volume_profile(&bars, PROFILE_BINS).map_err(|e| e.to_string())?
        }
        Entries::StartPrice => Vec::new(),
    };
    let days: Vec<Ohlc> = candles[split..].iter().map(Ohlc::from).collect();
    let path = bar_path(&days);
    let start = path.first().map_or(f64::NAN, |p| p.price);
    let (open_interest, oi_said) = match link.replay_open_interest {
        Some(usd) => (usd, "set in the link".to_owned()),
        None => (
            BINANCE_BTC_OPEN_INTEREST.usd,
            format!(
                "Binance's alone on {}, the last recorded before the sell-off ({})",
                BINANCE_BTC_OPEN_INTEREST.date, BINANCE_BTC_OPEN_INTEREST.source
            ),
        ),
    };
    // Each preset, then the user's own mix when the link has one; the selected one is the
    // replay the figures show (run once).
    let custom = link
        .custom_mix
        .as_ref()
        .map(|_| (mix_label(link), link.leverage_mix(), true));
    let presets = LeverageMixPreset::ALL.map(|p| {
        let selected = link.custom_mix.is_none() && p == link.mix;
        (mix_name(p).to_owned(), p.mix(), selected)
    });
    let mut mixes = Vec::with_capacity(LeverageMixPreset::ALL.len() + 1);
    let mut chosen = None;
    for (name, mix, selected) in presets.into_iter().chain(custom) {
        let m = run(link, &mix, open_interest, &entries, &path, &bracket)?;
        let share = m.share_of_open_interest();
        let liquidated = m.liquidated_long + m.liquidated_short;
        mixes.push(MixRow {
            name,
            share,
            needed: (REPORTED.btc.low / share, REPORTED.btc.high / share),
            long_share: if liquidated > 0.0 {
                m.liquidated_long / liquidated
            } else {
                f64::NAN
            },
            selected,
        });
        if selected {
            chosen = Some(m);
        }
    }
    let r = chosen.ok_or("no leverage mix is selected")?;
    let total = r.liquidated_long + r.liquidated_short;
    let share = r.share_of_open_interest();
    let lowest = path.iter().map(|p| p.price).fold(f64::INFINITY, f64::min);
    let figures = vec![
        Figure::new("replay_open_interest", "Open interest going in", Some(open_interest), compact, "USD at 2026-02-05's open: the link's, else Binance's last recorded (other exchanges add to it)."),
        Figure::new("replay_low", "Lowest price of the path", Some(lowest), move |v| format!("{} ({})", price(v), percent(v / start - 1.0, 1)), "The lowest of the two days' lows, against 2026-02-05's open."),
        Figure::new("replay_long", "Longs liquidated", Some(r.liquidated_long), compact, "Notional of the long cohorts whose liquidation price the path crossed (size × liquidation price), USDT."),
        Figure::new("replay_short", "Shorts liquidated", Some(r.liquidated_short), compact, "Notional of the short cohorts the path's highs crossed, USDT."),
        Figure::new("replay_share", "Share of open interest liquidated", Some(share), |v| percent(v, 1), "Longs and shorts liquidated / open interest going in."),
        Figure::new("reported_btc", "Reported, BTC, all exchanges", Some(REPORTED.btc.mid()), |_| format!("{}–{}", compact(REPORTED.btc.low), compact(REPORTED.btc.high)), "CoinGlass's 24-hour BTC liquidations on 2026-02-05/06, as reported on 2026-02-06."),
        Figure::new("reported_total", "Reported, every asset", Some(REPORTED.total.mid()), |_| format!("{}–{} ({} longs)", compact(REPORTED.total.low), compact(REPORTED.total.high), percent(REPORTED.long_share, 0)), "CoinGlass's 24-hour total over every asset and exchange, and the longs' share of it."),
        Figure::new("replay_against_reported", "Replay against reported BTC", Some(total / REPORTED.btc.mid()), |v| format!("{v:.2}×"), "Longs and shorts liquidated in the replay / the middle of the reported BTC range."),
        Figure::new("needed_open_interest", "Open interest that gives the reported BTC figure", mixes.iter().find(|m| m.selected).map(|m| (m.needed.0 + m.needed.1) / 2.0), compact, "Reported BTC liquidations / the replay's share of open interest liquidated (the replay is proportional to open interest)."),
    ];
    let steps: Vec<StepRow> = r
        .steps
        .iter()
        .map(|s| StepRow {
            label: format!(
                "{} {}",
                Date::from_unix(s.point.bar_start),
                mark_name(s.point.mark)
            ),
            price: s.point.price,
            move_from_start: s.point.price / start - 1.0,
            long: s.liquidated_long,
            short: s.liquidated_short,
        })
        .collect();
    let chart = WaterfallData {
        steps: steps
            .iter()
            .filter(|s| s.long + s.short > 0.0)
            .map(|s| (s.label.clone(), s.long + s.short))
            .collect(),
        total_label: "In all".to_owned(),
        format: ValueFormat::Compact,
    };
    let mut assumptions = vec![
        format!("Path: {CANDLES_SOURCE}; each day as open, then high and low in the order its direction suggests (a day that closed lower: high first), then close. The order within a day is not recorded; it changes which step a liquidation falls in, not whether it happens."),
        format!(
            "Open interest {} USD, {} of it long ({oi_said}); positions entered {}; positions opened during the two days are not in the ladder, so the shorts opened into the fall and squeezed on the rebound are missing.",
            compact(open_interest),
            percent(link.long_pct / 100.0, 1),
            match link.entries {
                Entries::VolumeProfile => format!(
                    "over the volume profile of the {} daily bars before 2026-02-05 ({} bins)",
                    before.len(),
                    PROFILE_BINS
                ),
                Entries::StartPrice => format!("all at 2026-02-05's open ({})", entries_name(Entries::StartPrice)),
            }
        ),
        format!(
            "Leverage mix {}: {}. Maintenance margin {} (BTCUSDT's first bracket; brackets: {}).",
            mix_label(link),
            mix_source(link),
            percent(bracket.maintenance_rate, 2),
            brackets.provenance()
        ),
        "The path is what happened, forced selling included: the replay counts who it liquidated and does not move the price again. The cascade above is the model of how forced selling moves it.".to_owned(),
        format!(
            "Reported: {}. Those are 24 hours on every exchange; the replay covers the two daily bars of one open interest.",
            REPORTED.source
        ),
    ];
    for (dropped, side) in [(r.dropped_long, "long"), (r.dropped_short, "short")] {
        if dropped > 0.0 {
            assumptions.push(format!(
                "{} of the {side} positions' entry and leverage weight is left out: entered there at that leverage, they would already have been liquidated by 2026-02-05's open.",
                percent(dropped, 1)
            ));
        }
    }
    Ok(ReplayView {
        figures: FigureTable {
            caption: format!(
                "BTC from {} to {} and back: who that liquidated",
                price(start),
                price(lowest)
            ),
            figures,
        },
        steps,
        mixes,
        chart,
        assumptions,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::value;
    use crate::link::liquidity::RawLiquidity;
    use tokenrisk_market::brackets::bracket_table;

    fn link(pairs: &[(&str, &str)]) -> LiquidityLink {
        LiquidityLink::parse(&RawLiquidity::from_pairs(pairs.iter().copied()), &["BTC"])
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn the_replay_is_the_cores_on_the_recorded_days() {
        let l = link(&[("long", "82"), ("mix", "hyperliquid")]);
        let v = replay(&l).expect("replay");
        // The core directly, on the same record.
        let candles = btc_daily();
        let split = candles.len() - 2;
        let bars: Vec<Bar> = candles[split - 30..split].iter().map(Bar::from).collect();
        let entries = volume_profile(&bars, PROFILE_BINS).expect("profile");
        let path = bar_path(&candles[split..].iter().map(Ohlc::from).collect::<Vec<_>>());
        let bracket = bracket_table("BTCUSDT").expect("BTC").brackets()[0];
        let mix = LeverageMixPreset::HyperliquidObserved.mix();
        let r = replay_path(
            &LadderInput {
                open_interest: BINANCE_BTC_OPEN_INTEREST.usd,
                long_share: 0.82,
                start_price: path[0].price,
                entries: &entries,
                mix: &mix,
                bracket: &bracket,
            },
            &path,
        )
        .expect("core");
        assert!(near(value(&v.figures, "replay_long"), r.liquidated_long));
        assert!(near(value(&v.figures, "replay_short"), r.liquidated_short));
        assert!(near(
            value(&v.figures, "replay_open_interest"),
            BINANCE_BTC_OPEN_INTEREST.usd
        ));
        assert!(near(value(&v.figures, "replay_low"), 60_000.0));
        assert_eq!(v.steps.len(), 8);
        assert_eq!(v.steps[0].label, "2026-02-05 open");
        assert_eq!(v.steps[2].label, "2026-02-05 low");
        assert_eq!(v.steps[5].label, "2026-02-06 low");
        let step_sum: f64 = v.steps.iter().map(|s| s.long + s.short).sum();
        assert!(near(step_sum, r.liquidated_long + r.liquidated_short));
        let liquidating = v.steps.iter().filter(|s| s.long + s.short > 0.0).count();
        assert!(liquidating >= 1);
        assert_eq!(v.chart.steps.len(), liquidating);
        // Most of the longs go at the first day's low.
        assert!(v.steps[2].long > 0.5 * r.liquidated_long);
        // The open interest needed scales the reported figure by the share liquidated, and a
        // replay run on it gives the reported figure back.
        let selected = v.mixes.iter().find(|m| m.selected).expect("selected");
        assert_eq!(
            selected.name,
            mix_name(LeverageMixPreset::HyperliquidObserved)
        );
        let needed = (selected.needed.0 + selected.needed.1) / 2.0;
        assert!(near(value(&v.figures, "needed_open_interest"), needed));
        let again = replay(&link(&[
            ("long", "82"),
            ("mix", "hyperliquid"),
            ("roi", &needed.to_string()),
        ]))
        .expect("replay");
        let total = value(&again.figures, "replay_long") + value(&again.figures, "replay_short");
        assert!((total / REPORTED.btc.mid() - 1.0).abs() < 1e-9, "{total}");
        assert_eq!(v.mixes.len(), 3);
        assert!(v.mixes.iter().all(|m| m.share > 0.0 && m.share < 1.0));
    }

    #[test]
    fn more_leverage_liquidates_more_of_the_same_open_interest() {
        let share = |mix: &str| {
            let v = replay(&link(&[("mix", mix)])).expect("replay");
            value(&v.figures, "replay_share")
        };
        let (hyper, retail, vendor) = (share("hyperliquid"), share("retail"), share("vendor"));
        assert!(
            hyper < retail && retail < vendor,
            "{hyper} {retail} {vendor}"
        );
    }

    #[test]
    fn entries_at_the_open_are_said_and_drop_nothing() {
        let v = replay(&link(&[("entries", "start")])).expect("replay");
        assert!(v
            .assumptions
            .iter()
            .any(|a| a.contains("all at 2026-02-05's open")));
        assert!(!v.assumptions.iter().any(|a| a.contains("is left out")));
        let profile = replay(&link(&[])).expect("replay");
        assert!(profile
            .assumptions
            .iter()
            .any(|a| a.contains("is left out")));
    }

    #[test]
    fn a_custom_mix_is_replayed_and_compared_with_the_presets() {
        let v = replay(&link(&[("mixc", "5:60,25:40")])).expect("replay");
        assert_eq!(v.mixes.len(), 4);
        let own: Vec<&MixRow> = v.mixes.iter().filter(|m| m.selected).collect();
        assert_eq!(own.len(), 1);
        assert!(
            own[0].name.starts_with("your own (5× 60%, 25× 40%)"),
            "{}",
            own[0].name
        );
        assert!(near(value(&v.figures, "replay_share"), own[0].share));
        let preset = replay(&link(&[])).expect("replay");
        assert!(
            (value(&v.figures, "replay_share") - value(&preset.figures, "replay_share")).abs()
                > 1e-6
        );
    }

    #[test]
    fn edited_brackets_of_btc_are_the_replays() {
        // Everyone entered at the open, at 2×, 5× and 10× (capped at the edited 9×): a 10 %
        // maintenance rate moves a 5× long's liquidation from 0.8 / 0.996 of its entry (−19.7 %,
        // below the path's low) to 0.8 / 0.9 (−11.1 %, crossed).
        let mix = [("mix", "hyperliquid"), ("entries", "start")];
        let snapshot = replay(&link(&mix)).expect("replay");
        let edited =
            replay(&link(&[mix[0], mix[1], ("brk", "BTCUSDT,1000000000:9:10")])).expect("replay");
        assert!(
            value(&edited.figures, "replay_share") > value(&snapshot.figures, "replay_share"),
            "{} ≤ {}",
            value(&edited.figures, "replay_share"),
            value(&snapshot.figures, "replay_share")
        );
        let said = |v: &ReplayView| {
            v.assumptions
                .iter()
                .any(|a| a.contains("Maintenance margin 10.00%") && a.contains("yours"))
        };
        assert!(said(&edited), "{:?}", edited.assumptions);
        assert!(!said(&snapshot));
        // Another contract's edits leave BTC's replay alone.
        let other =
            replay(&link(&[mix[0], mix[1], ("brk", "TAOUSDT,1000000000:9:10")])).expect("replay");
        assert_eq!(other.figures, snapshot.figures);
    }
}
