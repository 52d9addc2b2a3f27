//! A whole scenario typed into the page: every panel is the core's for the stand-ins' data,
//! and a reload gives the same numbers.

use super::*;

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
    session.type_into("shock-input", "-12").await;
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
    session.type_into("margin-input", "30000").await;
    session.wait_for_query("margin=30000").await;
    session.type_into("mm-input", "250").await;
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
    session.type_into("replay-oi-input", "3000000000").await;
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
