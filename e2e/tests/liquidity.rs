//! The liquidity page against local stand-ins of Binance's spot book and ticker and USD-M open
//! interest: the exit calculator, the liquidation price and the cascade show what the core
//! computes for the same book and inputs; the scenario typed into the page lives in the link
//! and survives a reload; a bad value in the link is named and replaced by its default.

use fantoccini::Locator;
use tokenrisk_core::cascade::{
    bar_path, replay, simulate, CascadeInput, CascadeReport, LadderInput, LeverageMix,
    LeverageMixPreset, Ohlc, ReplayReport, DEFAULT_MAX_ROUNDS,
};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::execution::{depth_bands, exit_estimate, market_order, Side, Size};
use tokenrisk_core::illiquidity::amihud_from_candles;
use tokenrisk_core::leverage::{
    self, initial_margin, liquidation_price, Liquidation, Margin, Position,
};
use tokenrisk_core::liquidity::Top;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::volume_profile::{volume_profile, Bar};
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::{number, Session};
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::sell_off::{btc_daily, BINANCE_BTC_OPEN_INTEREST};
use tokenrisk_market::sources::binance::{parse_depth, parse_klines, parse_ticker_24h};
use tokenrisk_market::sources::binance_futures::parse_open_interest;

async fn figure(session: &Session, table: &str, key: &str) -> f64 {
    number(
        session
            .attr(&format!("#{table} tr[data-key='{key}'] td"), "data-value")
            .await,
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Waits until the cascade table shows a final price, and returns it.
async fn final_price(session: &Session) -> f64 {
    for _ in 0..200 {
        let shown = session
            .client
            .find(Locator::Css(
                "#cascade-figures tr[data-key='final_price'] td",
            ))
            .await;
        if let Ok(cell) = shown {
            let v = number(cell.attr("data-value").await.expect("attribute"));
            if v.is_finite() {
                return v;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the cascade never showed a final price");
}

/// Waits until the figure `key` of `table` shows `expected` (a rerun after an edit), and
/// returns what it shows last.
async fn settled(session: &Session, table: &str, key: &str, expected: f64) -> f64 {
    let mut shown = f64::NAN;
    for _ in 0..100 {
        shown = figure(session, table, key).await;
        if close(shown, expected) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    shown
}

/// Types `value` into the field `id` as a user would: select what it holds (Ctrl+A), type
/// over it, leave the field (Tab). WebDriver's own clear would send a change of its own.
async fn type_into(session: &Session, id: &str, value: &str) {
    let field = session.client.find(Locator::Id(id)).await.expect("field");
    field
        .send_keys(&format!("\u{E009}a\u{E000}{value}\u{E004}"))
        .await
        .expect("select, type and tab");
}

fn book() -> OrderBook {
    parse_depth(&depth_body("TAOUSDT")).expect("valid")
}

/// The core's liquidation price of `size` TAO entered at the stand-in book's mid, backed by
/// `margin` (`None`: the initial margin at `leverage`, isolated).
fn expected_liquidation(
    side: leverage::Side,
    size: f64,
    leverage: f64,
    margin: Option<Margin>,
) -> Liquidation {
    let table = bracket_table("TAOUSDT").expect("snapshot");
    let position = Position {
        side,
        entry: Top::of(&book()).expect("two sides").mid(),
        size,
    };
    let margin = margin.unwrap_or_else(|| Margin::Isolated {
        wallet: initial_margin(&position, leverage, &table).expect("allowed"),
    });
    liquidation_price(&position, &margin, &table).expect("a price")
}

/// The volume profile (24 bins) of the stand-in's hourly TAO candles: the page's default
/// entry prices.
fn profile_entries() -> Vec<(f64, f64)> {
    let bars: Vec<Bar> = parse_klines(&hourly_klines_body("TAOUSDT"))
        .expect("valid")
        .iter()
        .map(Bar::from)
        .collect();
    volume_profile(&bars, 24).expect("a profile")
}

/// The core's cascade for the stand-ins' TAO book and open interest.
/// `open_interest` in USD, `None`: the stand-in's contracts at the mid.
fn expected_cascade(
    shock: f64,
    long_share: f64,
    mix: LeverageMix,
    haircut: Haircut,
    open_interest: Option<f64>,
    entries: Vec<(f64, f64)>,
    replenishment: f64,
) -> CascadeReport {
    let book = book();
    let mid = Top::of(&book).expect("two sides").mid();
    let contracts = parse_open_interest(&tokenrisk_testdata::read_api_sample(
        "binance_futures_openInterest.json",
    ))
    .expect("sample")
    .open_interest;
    let bracket = bracket_table("TAOUSDT").expect("snapshot").brackets()[0];
    simulate(&CascadeInput {
        book,
        start_price: mid,
        shock,
        open_interest: open_interest.unwrap_or(contracts * mid),
        long_share,
        entries,
        mix: mix.capped(bracket.max_leverage).0,
        bracket,
        haircut,
        replenishment,
        max_rounds: DEFAULT_MAX_ROUNDS,
    })
    .expect("runs")
}

/// The core's replay of 2026-02-05/06 on the shipped record: entries over the 30 days
/// before (or at the first price), BTCUSDT's first bracket.
fn expected_replay(
    long_share: f64,
    mix: LeverageMixPreset,
    open_interest: f64,
    profile: bool,
) -> ReplayReport {
    let candles = btc_daily();
    let split = candles.len() - 2;
    let bars: Vec<Bar> = candles[split - 30..split].iter().map(Bar::from).collect();
    let entries = if profile {
        volume_profile(&bars, 24).expect("profile")
    } else {
        Vec::new()
    };
    let days: Vec<Ohlc> = candles[split..].iter().map(Ohlc::from).collect();
    let path = bar_path(&days);
    let bracket = bracket_table("BTCUSDT").expect("BTC").brackets()[0];
    let mix = mix.mix();
    replay(
        &LadderInput {
            open_interest,
            long_share,
            start_price: path[0].price,
            entries: &entries,
            mix: &mix,
            bracket: &bracket,
        },
        &path,
    )
    .expect("replay")
}

#[tokio::test]
async fn exit_and_cascade_are_the_cores_and_the_scenario_survives_a_reload() {
    let binance = fake_binance();
    let futures = fake_futures(None);
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session
        .open("liquidity?token=TAO&size=500&lev=20&shock=-8&long=80&mix=vendor&cut=crash")
        .await;

    badge(&session, "#book-status", "live").await;
    badge(&session, "#volume-status", "live").await;
    let book = book();
    let volume = parse_ticker_24h(&ticker_body("TAOUSDT")).expect("valid")[0]
        .volume
        .expect("volume");
    let now = market_order(&book, Side::Sell, Size::Base(500.0)).expect("fills");
    assert!(close(
        figure(&session, "exit-figures", "slippage_now").await,
        now.slippage_bps
    ));
    assert!(close(
        figure(&session, "exit-figures", "cost_now").await,
        now.cost_quote()
    ));
    let top = Top::of(&book).expect("two sides");
    assert!(close(
        figure(&session, "exit-figures", "spread").await,
        top.spread_bps()
    ));
    let half = depth_bands(&book, &[0.005]).expect("valid")[0].bids_quote;
    assert!(close(
        figure(&session, "exit-figures", "bid_depth_half_pct").await,
        half
    ));
    let exit = exit_estimate(&book, 500.0, volume, 0.1, 50.0).expect("valid");
    assert!(close(
        figure(&session, "exit-figures", "days_to_exit").await,
        exit.days_to_exit.expect("volume known")
    ));
    let flash = &exit.stressed[2];
    assert_eq!(flash.0, HaircutPreset::FlashCrash);
    assert!(close(
        figure(&session, "exit-figures", "slippage_flash").await,
        flash.1.slippage_bps
    ));
    assert!(close(
        figure(&session, "exit-figures", "max_within_limit").await,
        exit.max_within_limit.base
    ));
    session.drawn("liquidity-depth").await;
    // Illiquidity from the stand-in's daily candles (every one closed): the core's Amihud
    // ratio over the last 30 days, and the days to exit at 10 % of the 30-day average value.
    badge(&session, "#daily-status", "live").await;
    let daily = parse_klines(&klines_body("TAOUSDT")).expect("valid");
    let closes: Vec<f64> = daily.iter().map(|k| k.close).collect();
    let values: Vec<f64> = daily
        .iter()
        .map(|k| k.quote_volume.expect("value"))
        .collect();
    let n = closes.len();
    let amihud = amihud_from_candles(&closes[n - 31..], &values[n - 31..]).expect("defined");
    assert!(close(
        figure(&session, "illiquidity-figures", "amihud_30d").await,
        amihud
    ));
    let adv30 = values[n - 30..].iter().sum::<f64>() / 30.0;
    assert!(close(
        figure(&session, "illiquidity-figures", "days_to_exit_adv30").await,
        500.0 * top.mid() / (0.1 * adv30)
    ));
    // No CoinGecko stand-in here: its badge says so and the turnover reads n/a.
    badge(&session, "#valuation-status", "unavailable").await;

    badge(&session, "#oi-status", "live").await;
    let expected = expected_cascade(
        -0.08,
        0.8,
        LeverageMixPreset::HeatmapVendor.mix(),
        HaircutPreset::CrashHour.haircut(),
        None,
        profile_entries(),
        0.0,
    );
    assert!(close(final_price(&session).await, expected.final_price));
    let rounds = session
        .client
        .find_all(Locator::Css("#cascade-rounds tbody tr"))
        .await
        .expect("rows")
        .len();
    assert!(rounds > 0, "an 8 % fall liquidates the 50× and 75× longs");
    session.drawn("cascade-waterfall").await;
    // The sweep: its mildest cell is the core's cascade after a 2 % fall on the book as it is.
    session.drawn("cascade-sweep").await;
    let mildest = expected_cascade(
        -0.02,
        0.8,
        LeverageMixPreset::HeatmapVendor.mix(),
        Haircut::Flat(0.0),
        None,
        profile_entries(),
        0.0,
    );
    let moved = mildest.final_price / mildest.start_price - 1.0;
    let text = format!("{:.1}%", moved * 100.0).replace('-', "\u{2212}");
    let summary = session.text("#cascade-sweep-summary").await;
    assert!(
        summary.contains(&format!(
            "from {text} (shock \u{2212}2%, depth haircut none)"
        )),
        "{summary}"
    );
    // The liquidation map of the same positions around the mid, assumptions on the chart.
    session.drawn("liquidation-map").await;
    let map = session.text("#liquidation-map-summary").await;
    assert!(
        map.starts_with("Liquidation map around") && map.contains("longs"),
        "{map}"
    );
    let assumptions = session.text("#cascade-assumptions").await;
    assert!(
        assumptions.contains("capped at the contract's 75×")
            && assumptions.contains("positions entered over the volume profile of the last"),
        "{assumptions}"
    );

    // The replay of 2026-02-05/06 with the page's long share and mix, from Binance's recorded
    // open interest.
    let replayed = expected_replay(
        0.8,
        LeverageMixPreset::HeatmapVendor,
        BINANCE_BTC_OPEN_INTEREST.usd,
        true,
    );
    assert!(close(
        figure(&session, "replay-figures", "replay_long").await,
        replayed.liquidated_long
    ));
    assert!(close(
        figure(&session, "replay-figures", "replay_short").await,
        replayed.liquidated_short
    ));
    session.drawn("replay-chart").await;
    let mixes = session.text("#replay-mixes").await;
    assert!(mixes.contains("(selected)"), "{mixes}");

    // The perpetual's positioning: its figures and a month of funding, open interest and
    // accounts long, each drawn.
    assert!(figure(&session, "futures-figures", "funding_now")
        .await
        .is_finite());
    for chart in [
        "funding-history",
        "open-interest-history",
        "long-share-history",
    ] {
        session.drawn(chart).await;
    }
    let funding = session.text("#funding-history-summary").await;
    assert!(
        funding.contains("funding a year (every 8 h, simple)"),
        "{funding}"
    );

    // The same 500 TAO held long at 20× from the mid: the core's liquidation price and
    // bracket, and the cascade round that reaches it.
    let lp = expected_liquidation(leverage::Side::Long, 500.0, 20.0, None);
    assert!(close(
        figure(&session, "liquidation-figures", "liquidation_price").await,
        lp.price
    ));
    assert_eq!(
        figure(&session, "liquidation-figures", "bracket").await,
        lp.tier as f64
    );
    let reached = expected.price_path().iter().position(|&p| p <= lp.price);
    let in_cascade = session
        .attr(
            "#liquidation-figures tr[data-key='in_cascade'] td",
            "data-value",
        )
        .await
        .unwrap_or_default();
    assert_eq!(
        in_cascade,
        reached
            .map(|i| (i as f64 - 1.0).to_string())
            .unwrap_or_default()
    );
    let used = session.text("#bracket-table tr.used").await;
    assert!(used.contains("at entry"), "{used}");
    session.screenshot_page("liquidity-filled").await;

    // A user changes the shock and the haircut: the link follows, the cascade reruns.
    type_into(&session, "shock-input", "-12").await;
    session.wait_for_query("shock=-12").await;
    let select = session
        .client
        .find(Locator::Id("cut-select"))
        .await
        .expect("select");
    select.select_by_value("none").await.expect("choose");
    session.wait_for_query("cut=none").await;
    let expected = expected_cascade(
        -0.12,
        0.8,
        LeverageMixPreset::HeatmapVendor.mix(),
        Haircut::Flat(0.0),
        None,
        profile_entries(),
        0.0,
    );
    let expected = expected.final_price;
    let shown = settled(&session, "cascade-figures", "final_price", expected).await;
    assert!(close(shown, expected), "shown {shown}, core {expected}");

    // The position becomes a short on a cross account with 30,000 USDT and other positions.
    let choose = |id: &'static str, value: &'static str| {
        let session = &session;
        async move {
            let select = session.client.find(Locator::Id(id)).await.expect("select");
            select.select_by_value(value).await.expect("choose");
        }
    };
    choose("side-select", "short").await;
    session.wait_for_query("side=short").await;
    choose("mode-select", "cross").await;
    session.wait_for_query("mode=cross").await;
    type_into(&session, "margin-input", "30000").await;
    session.wait_for_query("margin=30000").await;
    type_into(&session, "mm-input", "250").await;
    session.wait_for_query("mm=250").await;
    let cross = Margin::Cross {
        wallet: 30_000.0,
        others_maintenance: 250.0,
        others_unrealised_pnl: 0.0,
    };
    let short = expected_liquidation(leverage::Side::Short, 500.0, 20.0, Some(cross)).price;
    let shown = settled(&session, "liquidation-figures", "liquidation_price", short).await;
    assert!(close(shown, short), "shown {shown}, core {short}");

    // The perpetual's book instead of the spot pair's: the exit walks it.
    let choose_book = |value: &'static str| {
        let session = &session;
        async move {
            let select = session
                .client
                .find(Locator::Id("book-select"))
                .await
                .expect("select");
            select.select_by_value(value).await.expect("choose");
        }
    };
    choose_book("perp").await;
    session.wait_for_query("book=perp").await;
    let status = badge(&session, "#book-status", "live").await;
    for _ in 0..100 {
        if session
            .text("#book-status")
            .await
            .contains("USD-M perpetual")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let status = session.text("#book-status").await + &status;
    assert!(status.contains("USD-M perpetual"), "{status}");
    let perp = parse_depth(&perpetual_depth_body("TAOUSDT")).expect("valid");
    let sold = market_order(&perp, Side::Sell, Size::Base(500.0)).expect("fills");
    let shown = settled(&session, "exit-figures", "slippage_now", sold.slippage_bps).await;
    assert!(
        close(shown, sold.slippage_bps),
        "shown {shown}, core {}",
        sold.slippage_bps
    );
    choose_book("spot").await;
    session.wait_for_query("book=spot").await;

    // The replay from another open interest.
    type_into(&session, "replay-oi-input", "3000000000").await;
    session.wait_for_query("roi=3000000000").await;
    let replayed =
        expected_replay(0.8, LeverageMixPreset::HeatmapVendor, 3e9, true).liquidated_long;
    let shown = settled(&session, "replay-figures", "replay_long", replayed).await;
    assert!(close(shown, replayed), "shown {shown}, core {replayed}");

    // After a reload, the same scenario and the same numbers.
    session.client.refresh().await.expect("reload");
    badge(&session, "#oi-status", "cached").await;
    let field = session
        .js(
            "return document.getElementById('shock-input').value",
            vec![],
        )
        .await;
    assert_eq!(field.as_str(), Some("-12"));
    let cut = session
        .js("return document.getElementById('cut-select').value", vec![])
        .await;
    assert_eq!(cut.as_str(), Some("none"));
    assert!(close(final_price(&session).await, expected));
    let mode = session
        .js(
            "return document.getElementById('mode-select').value",
            vec![],
        )
        .await;
    assert_eq!(mode.as_str(), Some("cross"));
    assert!(close(
        figure(&session, "liquidation-figures", "liquidation_price").await,
        short
    ));
    assert!(close(
        figure(&session, "replay-figures", "replay_long").await,
        replayed
    ));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn bad_values_and_a_missing_api_are_messages_not_failures() {
    // Futures refused (a restricted location), the shock nonsense, the size negative.
    let binance = fake_binance();
    let futures = fake_futures(Some(451));
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        futures: Some(futures.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    session
        .open("liquidity?token=TAO&size=-5&shock=abc&mix=huge&entries=start&roi=NaN")
        .await;
    let notices = session.text("main").await;
    for expected in [
        "Cannot use replay's open interest “NaN”",
        "Cannot use shock “abc”",
        "Cannot use position size “-5”",
        "Cannot use leverage mix “huge”",
    ] {
        assert!(notices.contains(expected), "{expected}: {notices}");
    }
    // The replay needs no network: it shows with the futures refused, on its defaults and the
    // link's entries at the first price.
    let replayed = expected_replay(
        0.725,
        LeverageMixPreset::ExchangeRetail,
        BINANCE_BTC_OPEN_INTEREST.usd,
        false,
    );
    assert!(close(
        figure(&session, "replay-figures", "replay_long").await,
        replayed.liquidated_long
    ));
    badge(&session, "#book-status", "live").await;
    // The default position: 100,000 USD at the mid.
    let mid = Top::of(&book()).expect("two sides").mid();
    assert!(close(
        figure(&session, "exit-figures", "position").await,
        100_000.0 / mid
    ));
    badge(&session, "#oi-status", "unavailable").await;
    // Open interest typed in replaces the refused API: the cascade runs on it.
    type_into(&session, "oi-input", "2000000").await;
    session.wait_for_query("oi=2000000").await;
    badge(&session, "#oi-status", "set").await;
    // The defaults: a 10 % fall, 72.5 % long, the retail mix, the book as it is; entries at
    // the start price, as the link asks.
    let expected = expected_cascade(
        -0.10,
        0.725,
        LeverageMixPreset::ExchangeRetail.mix(),
        Haircut::Flat(0.0),
        Some(2e6),
        Vec::new(),
        0.0,
    );
    assert!(close(final_price(&session).await, expected.final_price));
    // A mix of the user's own and a book refilled after each round: the core's cascade on them.
    type_into(&session, "custom-mix-input", "3:50,20:30,60:20").await;
    session.wait_for_query("mixc=3").await;
    type_into(&session, "refill-input", "40").await;
    session.wait_for_query("refill=40").await;
    let own = LeverageMix {
        buckets: vec![(3.0, 50.0), (20.0, 30.0), (60.0, 20.0)],
    };
    let expected = expected_cascade(
        -0.10,
        0.725,
        own,
        Haircut::Flat(0.0),
        Some(2e6),
        Vec::new(),
        0.4,
    )
    .final_price;
    let shown = settled(&session, "cascade-figures", "final_price", expected).await;
    assert!(close(shown, expected), "shown {shown}, core {expected}");
    let assumptions = session.text("#cascade-assumptions").await;
    assert!(
        assumptions.contains("your own (3× 50%, 20× 30%, 60× 20%)"),
        "{assumptions}"
    );
    // The default leveraged position (100,000 USD long at the mid, 10×) has its price, and a
    // leverage above the contract's bracket is a message.
    let lp = expected_liquidation(leverage::Side::Long, 100_000.0 / mid, 10.0, None);
    assert!(close(
        figure(&session, "liquidation-figures", "liquidation_price").await,
        lp.price
    ));
    type_into(&session, "leverage-input", "75").await;
    session.wait_for_query("lev=75").await;
    let problem = session.text("#liquidation-problem").await;
    assert!(problem.contains("above bracket"), "{problem}");
    // The perpetual's book from the refused futures API: its badge says so, the page stands.
    let select = session
        .client
        .find(Locator::Id("book-select"))
        .await
        .expect("select");
    select.select_by_value("perp").await.expect("choose");
    session.wait_for_query("book=perp").await;
    badge(&session, "#book-status", "unavailable").await;
    session.assert_no_panic().await;
    session.close().await;
}
