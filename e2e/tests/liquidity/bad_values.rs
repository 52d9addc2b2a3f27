//! Bad values in the link and a refused futures API: messages and defaults, never a failure.

use super::*;

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
    session.type_into("oi-input", "2000000").await;
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
    session
        .type_into("custom-mix-input", "3:50,20:30,60:20")
        .await;
    session.wait_for_query("mixc=3").await;
    session.type_into("refill-input", "40").await;
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
    session.type_into("leverage-input", "75").await;
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
