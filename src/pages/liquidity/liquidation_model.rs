//! The liquidation price of the page's leveraged position: a plain function over the core's
//! [`liquidation_price`] (Binance USDⓈ-M, one-way mode, brackets re-checked at the liquidation
//! price), tested natively; the page binds it to its panel.
//!
//! Conventions: the position's size is the page's position (tokens), its entry the link's or
//! the mid now; its margin the link's, else the initial margin `entry notional / leverage`;
//! the maintenance brackets the user's edited ones or those of the bundled snapshot
//! ([`super::brackets_model`]). Fees, funding and the liquidation fee are
//! left out, as in the core.

use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent, price};
use crate::link::liquidity::{MarginMode, PositionLink};
use tokenrisk_core::leverage::{
    initial_margin, liquidation_price, Bracket, BracketTable, Margin, Position, Side,
};

/// One maintenance bracket as the page lists it, with what this position uses.
#[derive(Debug, Clone, PartialEq)]
pub struct BracketRow {
    /// From 1.
    pub tier: usize,
    /// Its notional range, maximum leverage, maintenance rate and amount.
    pub bracket: Bracket,
    /// What the position has to do with it ("at entry", "at the liquidation price", both, or
    /// empty).
    pub used: &'static str,
}

/// The price path of the page's cascade, to say whether it reaches the liquidation price.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CascadePath<'a> {
    /// Start, after the shock, then after each round.
    pub path: &'a [f64],
    /// The cascade ran past the visible book: its last price is a bound.
    pub past_book: bool,
}

/// The liquidation panel: the figures (or why there is no liquidation price) and the brackets.
#[derive(Debug, Clone, PartialEq)]
pub struct LiquidationView {
    /// The figures, or the reason there are none.
    pub outcome: Result<FigureTable, String>,
    /// The contract's brackets, those the position uses marked.
    pub brackets: Vec<BracketRow>,
}

/// A leverage as people write it: `10×`, `12.5×`.
pub fn times(v: f64) -> String {
    let text = format!("{v:.2}");
    format!("{}×", text.trim_end_matches('0').trim_end_matches('.'))
}

/// An amount of USDT to the cent with thousands separators (`0.00` for none).
pub fn usdt(v: f64) -> String {
    if v.abs() < 1.0 {
        format!("{v:.2}").replace('-', "−")
    } else {
        price(v)
    }
}

/// The side's name for people.
pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Long => "long",
        Side::Short => "short",
    }
}

/// The margin mode's name for people.
pub fn mode_name(mode: MarginMode) -> &'static str {
    match mode {
        MarginMode::Isolated => "isolated",
        MarginMode::Cross => "cross",
    }
}

/// Where `path` first reaches `liquidation` (at or below it for a long, at or above for a
/// short): 0 is the start (already past it), 1 the shock alone, `i ≥ 2` round `i − 1`;
/// `None` if it never does.
pub fn first_reached(path: &[f64], side: Side, liquidation: f64) -> Option<usize> {
    path.iter().position(|&p| match side {
        Side::Long => p <= liquidation,
        Side::Short => p >= liquidation,
    })
}

/// The "in the cascade" figure: whether, and when, the cascade's path reaches the price.
fn in_cascade(cascade: CascadePath<'_>, side: Side, liquidation: f64) -> Figure {
    let reached = first_reached(cascade.path, side, liquidation);
    let last = cascade.path.last().copied().unwrap_or(f64::NAN);
    let text = match reached {
        Some(0) => "Already: the mid now is past it".to_owned(),
        Some(1) => "Yes: by the shock alone".to_owned(),
        Some(i) => format!("Yes: in round {} of the cascade", i - 1),
        None if cascade.past_book => format!(
            "Not within the visible book (the cascade runs past it, beyond {})",
            price(last)
        ),
        None => format!(
            "No: the cascade ends at {}, {} away",
            price(last),
            percent(liquidation / last - 1.0, 2)
        ),
    };
    Figure {
        key: "in_cascade",
        label: "Liquidated in the cascade below".to_owned(),
        text,
        value: reached.map(|i| i as f64 - 1.0),
        explain: "Whether the cascade scenario's price path (the shock, then each round) reaches this position's liquidation price; the value is the round (0: the shock alone, −1: the mid now is already past it).",
    }
}

/// The brackets with what the position uses marked.
fn bracket_rows(
    table: &BracketTable,
    entry: Option<usize>,
    at_price: Option<usize>,
) -> Vec<BracketRow> {
    table
        .brackets()
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let tier = i + 1;
            let used = match (entry == Some(tier), at_price == Some(tier)) {
                (true, true) => "at entry and at the liquidation price",
                (true, false) => "at entry",
                (false, true) => "at the liquidation price",
                (false, false) => "",
            };
            BracketRow {
                tier,
                bracket: *b,
                used,
            }
        })
        .collect()
}

/// The liquidation price of `link`'s position of `size` tokens (entry: the link's, else
/// `mid`) on a contract with the brackets `table`, and whether `cascade` reaches it.
pub fn liquidation(
    link: &PositionLink,
    size: f64,
    mid: f64,
    table: &BracketTable,
    cascade: Option<CascadePath<'_>>,
) -> LiquidationView {
    let position = Position {
        side: link.side,
        entry: link.entry.unwrap_or(mid),
        size,
    };
    let entry_notional = position.notional_at(position.entry);
    let entry_tier = table
        .bracket_at(entry_notional)
        .filter(|_| entry_notional < table.notional_cap())
        .map(|(tier, _)| tier);
    let wallet = match link.margin {
        Some(m) => Ok(m),
        None => initial_margin(&position, link.leverage, table),
    };
    let margin = wallet.map(|wallet| match link.mode {
        MarginMode::Isolated => Margin::Isolated { wallet },
        MarginMode::Cross => Margin::Cross {
            wallet,
            others_maintenance: link.others_maintenance.unwrap_or(0.0),
            others_unrealised_pnl: link.others_pnl.unwrap_or(0.0),
        },
    });
    let found = margin.and_then(|m| liquidation_price(&position, &m, table).map(|l| (m, l)));
    let at_price = found.as_ref().ok().map(|(_, l)| l.tier);
    let brackets = bracket_rows(table, entry_tier, at_price);
    let outcome = found.map_err(|e| e.to_string()).map(|(margin, l)| {
        let wallet = match margin {
            Margin::Isolated { wallet } | Margin::Cross { wallet, .. } => wallet,
        };
        let b = l.bracket;
        let tier_text = move |v: f64| {
            let moved = if l.entry_tier == l.tier {
                String::new()
            } else {
                format!("; bracket {} at entry, re-checked at the liquidation price", l.entry_tier)
            };
            format!(
                "{v:.0} of {}: notional {}–{}, up to {:.0}×{moved}",
                table.brackets().len(),
                compact(b.notional_floor),
                compact(b.notional_cap),
                b.max_leverage
            )
        };
        let mut figures = vec![
            Figure::new("liquidation_price", "Liquidation price (mark)", Some(l.price), price, "The mark price at which the margin balance falls to the maintenance margin: (WB − TMM₁ + UPNL₁ + cum − Side·Q·EP) / (Q·MMR − Side·Q), Binance USD-M, one-way mode."),
            Figure::new("distance", "From the entry", Some(l.distance), |v| percent(v, 2), "(liquidation price − entry) / entry."),
            Figure::new("from_mid", "From the mid now", Some(l.price / mid - 1.0), |v| percent(v, 2), "Liquidation price / mid − 1: the move from here that liquidates the position."),
            Figure::new("entry", "Entry price", Some(position.entry), price, if link.entry.is_some() { "The entry price set in the link." } else { "The mid now (no entry price set)." }),
            Figure::new("notional", "Entry notional", Some(entry_notional), compact, "Position size × entry price, USDT."),
            Figure::new("margin", if link.mode == MarginMode::Cross { "Cross wallet" } else { "Isolated margin" }, Some(wallet), usdt, if link.margin.is_some() { "The margin set in the link, USDT." } else { "Initial margin: entry notional / leverage, USDT." }),
            Figure::new("leverage", "Leverage", Some(entry_notional / wallet), times, "Entry notional / margin."),
            Figure::new("bracket", "Maintenance bracket", Some(l.tier as f64), tier_text, "The bracket holding the notional at the liquidation price (Binance re-checks the bracket there)."),
            Figure::new("maintenance_rate", "Maintenance margin rate", Some(b.maintenance_rate), |v| percent(v, 2), "MMR of that bracket."),
            Figure::new("maintenance_amount", "Maintenance amount", Some(b.maintenance_amount), usdt, "cum of that bracket, USDT: maintenance margin = notional × MMR − cum."),
            Figure::new("maintenance_margin", "Maintenance margin at liquidation", Some(b.maintenance_margin(position.notional_at(l.price))), usdt, "Size × liquidation price × MMR − cum, USDT: what the account must still hold there."),
        ];
        if let Some(c) = cascade {
            figures.push(in_cascade(c, link.side, l.price));
        }
        FigureTable {
            caption: format!(
                "A {} of {} tokens, {} margin{}",
                side_name(link.side),
                compact(size),
                mode_name(link.mode),
                if link.margin.is_some() { String::new() } else { format!(" at {}", times(link.leverage)) },
            ),
            figures,
        }
    });
    LiquidationView { outcome, brackets }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::figures::testing::{text, value};
    use crate::link::liquidity::{LiquidityLink, RawLiquidity};
    use tokenrisk_market::brackets::bracket_table;

    fn position(pairs: &[(&str, &str)]) -> PositionLink {
        LiquidityLink::parse(&RawLiquidity::from_pairs(pairs.iter().copied()), &["BTC"]).position
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn an_isolated_long_is_re_checked_into_the_lower_bracket() {
        // 1 BTC long at 50,000, 10×: margin 5,000. The entry notional 50,000 opens bracket 2
        // (50k–600k, MMR 0.5 %, cum 50); with it LP = (50,000 − 5,000 − 50) / 0.995 =
        // 45,175.88, whose notional is in bracket 1 (MMR 0.4 %, cum 0): there
        // LP = 45,000 / 0.996 = 45,180.722891566…, which bracket 1 holds.
        let btc = bracket_table("BTCUSDT").expect("snapshot");
        let link = position(&[("entry", "50000"), ("lev", "10")]);
        let view = liquidation(&link, 1.0, 51_000.0, &btc, None);
        let t = view.outcome.expect("a price");
        assert!(near(value(&t, "liquidation_price"), 45_000.0 / 0.996));
        assert!(near(
            value(&t, "distance"),
            45_000.0 / 0.996 / 50_000.0 - 1.0
        ));
        assert!(near(
            value(&t, "from_mid"),
            45_000.0 / 0.996 / 51_000.0 - 1.0
        ));
        assert_eq!(value(&t, "margin"), 5_000.0);
        assert!(near(value(&t, "leverage"), 10.0));
        assert_eq!(value(&t, "bracket"), 1.0);
        assert!(
            text(&t, "bracket").contains("bracket 2 at entry, re-checked"),
            "{}",
            text(&t, "bracket")
        );
        assert_eq!(value(&t, "maintenance_rate"), 0.004);
        assert!(near(
            value(&t, "maintenance_margin"),
            45_000.0 / 0.996 * 0.004
        ));
        assert_eq!(t.caption, "A long of 1.00 tokens, isolated margin at 10×");
        let used: Vec<&str> = view.brackets.iter().map(|b| b.used).collect();
        assert_eq!(used[..3], ["at the liquidation price", "at entry", ""]);
        assert_eq!(view.brackets.len(), btc.brackets().len());
    }

    #[test]
    fn a_cross_short_is_the_cores_and_the_entry_defaults_to_the_mid() {
        let tao = bracket_table("TAOUSDT").expect("snapshot");
        let link = position(&[
            ("side", "short"),
            ("margin", "2500"),
            ("mode", "cross"),
            ("mm", "120"),
            ("upnl", "-300"),
        ]);
        let view = liquidation(&link, 40.0, 400.0, &tao, None);
        let t = view.outcome.expect("a price");
        let core = liquidation_price(
            &Position {
                side: Side::Short,
                entry: 400.0,
                size: 40.0,
            },
            &Margin::Cross {
                wallet: 2500.0,
                others_maintenance: 120.0,
                others_unrealised_pnl: -300.0,
            },
            &tao,
        )
        .expect("a price");
        assert_eq!(value(&t, "liquidation_price"), core.price);
        // By hand in bracket 2 (16,000 notional: 10k–100k, MMR 1.5 %, cum 50):
        // (2,500 − 120 − 300 + 50 + 16,000) / (40 · 1.015) = 18,130 / 40.6 = 446.5517…
        assert!(near(core.price, 18_130.0 / 40.6));
        assert_eq!(value(&t, "entry"), 400.0);
        assert_eq!(value(&t, "leverage"), 16_000.0 / 2_500.0);
        assert_eq!(t.caption, "A short of 40.0 tokens, cross margin");
    }

    #[test]
    fn impossible_positions_are_reasons_and_the_brackets_still_show() {
        let tao = bracket_table("TAOUSDT").expect("snapshot");
        // 1,000 TAO at 400 is 400k of notional: bracket 3, at most 25×.
        let view = liquidation(&position(&[("lev", "50")]), 1_000.0, 400.0, &tao, None);
        let reason = view.outcome.expect_err("above the bracket's maximum");
        assert!(
            reason.contains("above bracket 3's maximum of 25"),
            "{reason}"
        );
        assert_eq!(view.brackets[2].used, "at entry");
        // A margin covering the whole notional: never liquidated.
        let view = liquidation(&position(&[("margin", "50000")]), 100.0, 400.0, &tao, None);
        assert!(view
            .outcome
            .expect_err("no price")
            .contains("no liquidation"));
        // A notional beyond the last bracket.
        let view = liquidation(&position(&[("lev", "1")]), 1e6, 400.0, &tao, None);
        assert!(view
            .outcome
            .expect_err("too big")
            .contains("largest position"));
        assert!(view.brackets.iter().all(|b| b.used.is_empty()));
    }

    #[test]
    fn whether_the_cascade_reaches_the_price() {
        const PATH: [f64; 4] = [100.0, 90.0, 85.0, 80.0];
        let path = PATH;
        assert_eq!(first_reached(&path, Side::Long, 86.0), Some(2));
        assert_eq!(first_reached(&path, Side::Long, 95.0), Some(1));
        assert_eq!(first_reached(&path, Side::Long, 70.0), None);
        assert_eq!(first_reached(&path, Side::Short, 110.0), None);
        assert_eq!(first_reached(&path, Side::Short, 99.0), Some(0));
        let tao = bracket_table("TAOUSDT").expect("snapshot");
        // 10 TAO long at 100, 10×: LP = (1,000 − 100 − 0) / (10 · 0.99) = 90.909…: the shock
        // to 90 takes it.
        let link = position(&[("entry", "100"), ("lev", "10")]);
        let cascade = |path: &'static [f64], past_book| Some(CascadePath { path, past_book });
        let t = liquidation(&link, 10.0, 100.0, &tao, cascade(&PATH, false))
            .outcome
            .expect("a price");
        assert!(near(value(&t, "liquidation_price"), 900.0 / 9.9));
        assert_eq!(value(&t, "in_cascade"), 0.0);
        assert_eq!(text(&t, "in_cascade"), "Yes: by the shock alone");
        let t = liquidation(
            &link,
            10.0,
            100.0,
            &tao,
            cascade(&[100.0, 95.0, 91.5, 90.5], false),
        )
        .outcome
        .expect("a price");
        assert_eq!(text(&t, "in_cascade"), "Yes: in round 2 of the cascade");
        let t = liquidation(
            &link,
            10.0,
            100.0,
            &tao,
            cascade(&[100.0, 95.0, 93.0], false),
        )
        .outcome
        .expect("a price");
        assert!(
            text(&t, "in_cascade").starts_with("No: the cascade ends at 93.00"),
            "{}",
            text(&t, "in_cascade")
        );
        let t = liquidation(
            &link,
            10.0,
            100.0,
            &tao,
            cascade(&[100.0, 95.0, 93.0], true),
        )
        .outcome
        .expect("a price");
        assert!(text(&t, "in_cascade").starts_with("Not within the visible book"));
        assert!(liquidation(&link, 10.0, 100.0, &tao, None)
            .outcome
            .expect("a price")
            .figures
            .iter()
            .all(|f| f.key != "in_cascade"));
    }

    #[test]
    fn leverages_read_as_people_write_them() {
        assert_eq!(times(10.0), "10×");
        assert_eq!(times(12.5), "12.5×");
        assert_eq!(times(6.4), "6.4×");
        assert_eq!(usdt(0.0), "0.00");
        assert_eq!(usdt(2_090_550.0), "2,090,550.00");
    }
}
