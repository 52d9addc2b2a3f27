//! The maintenance brackets edited on the page as a user would: a cell typed over, an edit
//! that breaks Binance's rules refused with the reason, a bracket added, an account's
//! `leverageBracket` answer pasted, back to the snapshot; each time the liquidation price is the
//! core's with the table edited the same way, and the edited table lives in the link and
//! survives a reload.

use super::*;

/// TAOUSDT's snapshot rows `(floor, cap, max leverage, rate)` with bracket `tier`'s rate
/// replaced, as the core's table (amounts by Binance's recursion).
fn snapshot_with_rate(tier: usize, rate: f64) -> BracketTable {
    let rows: Vec<(f64, f64, f64, f64)> = bracket_table("TAOUSDT")
        .expect("snapshot")
        .brackets()
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let r = if i + 1 == tier {
                rate
            } else {
                b.maintenance_rate
            };
            (b.notional_floor, b.notional_cap, b.max_leverage, r)
        })
        .collect();
    BracketTable::from_rates(&rows).expect("valid")
}

/// Waits until the URL's query has no `brk=` key.
async fn wait_for_no_brackets(session: &Session) {
    for _ in 0..100 {
        if !session.query().await.contains("brk=") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the link kept its brackets: {}", session.query().await);
}

async fn click(session: &Session, css: &str) {
    session
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("click");
}

async fn rows(session: &Session) -> usize {
    session
        .client
        .find_all(Locator::Css("#bracket-table tbody tr"))
        .await
        .expect("rows")
        .len()
}

#[tokio::test]
async fn edited_brackets_are_the_liquidation_prices_and_live_in_the_link() {
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
        .open("liquidity?token=TAO&size=500&lev=20&entries=start")
        .await;
    badge(&session, "#book-status", "live").await;
    let snapshot = expected_liquidation(leverage::Side::Long, 500.0, 20.0, None);
    assert!(close(
        figure(&session, "liquidation-figures", "liquidation_price").await,
        snapshot.price
    ));
    let caption = session.text("#bracket-table caption").await;
    assert!(caption.contains("snapshot of 2024-10-24"), "{caption}");
    let tiers = rows(&session).await;

    // The bracket the liquidation falls in gets the rate halfway to the next one's.
    let tier = snapshot.tier;
    let table = bracket_table("TAOUSDT").expect("snapshot");
    let (this, next) = (
        table.brackets()[tier - 1].maintenance_rate,
        table.brackets()[tier].maintenance_rate,
    );
    let pct = ((this + next) * 50.0 * 1e6).round() / 1e6;
    session
        .type_into(&format!("bracket-{tier}-rate"), &pct.to_string())
        .await;
    session.wait_for_query("brk=TAOUSDT").await;
    let edited = snapshot_with_rate(tier, pct / 100.0);
    let expected = liquidation_with(&edited, leverage::Side::Long, 500.0, 20.0, None).price;
    let shown = settled(
        &session,
        "liquidation-figures",
        "liquidation_price",
        expected,
    )
    .await;
    assert!(close(shown, expected), "shown {shown}, core {expected}");
    assert!(
        (expected - snapshot.price).abs() > 1e-6,
        "the edit moves the price"
    );
    let caption = session.text("#bracket-table caption").await;
    assert!(caption.contains("yours, as edited"), "{caption}");
    let cascade = session.text("#cascade .explain").await;
    assert!(cascade.contains("Maintenance brackets: yours"), "{cascade}");
    let with_edit = session.query().await;

    // A rate below the previous bracket's is refused: the reason, the link and the field kept.
    session
        .type_into(&format!("bracket-{}-rate", tier + 1), "0.5")
        .await;
    let problem = session.text("#bracket-problem").await;
    assert!(
        problem.starts_with("Not applied:") && problem.contains("maintenance rate"),
        "{problem}"
    );
    assert_eq!(session.query().await, with_edit);
    let field = session
        .js(
            &format!(
                "return document.getElementById('bracket-{}-rate').value",
                tier + 1
            ),
            vec![],
        )
        .await;
    let kept = (next * 1e12).round() / 1e10;
    assert_eq!(field.as_str(), Some(kept.to_string().as_str()));

    // A bracket added after the last.
    click(&session, "#bracket-add").await;
    for _ in 0..100 {
        if rows(&session).await == tiers + 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(rows(&session).await, tiers + 1);

    // After a reload, the same edited table and price.
    session.client.refresh().await.expect("reload");
    session.text("#liquidation-figures").await;
    assert_eq!(rows(&session).await, tiers + 1);
    let shown = settled(
        &session,
        "liquidation-figures",
        "liquidation_price",
        expected,
    )
    .await;
    assert!(
        close(shown, expected),
        "after a reload {shown}, core {expected}"
    );

    // An account's saved answer pasted: two brackets, 1 % to 8,000 USDT, then 2.5 % and 20×.
    click(&session, "#bracket-paste summary").await;
    let answer = r#"[{"symbol":"TAOUSDT","brackets":[{"bracket":1,"initialLeverage":50,"notionalCap":8000,"notionalFloor":0,"maintMarginRatio":0.01,"cum":0},{"bracket":2,"initialLeverage":20,"notionalCap":1000000000,"notionalFloor":8000,"maintMarginRatio":0.025,"cum":120}]}]"#;
    session
        .client
        .find(Locator::Id("bracket-answer"))
        .await
        .expect("answer field")
        .send_keys(answer)
        .await
        .expect("typed");
    click(&session, "#bracket-use-answer").await;
    for _ in 0..100 {
        if rows(&session).await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(rows(&session).await, 2);
    let pasted =
        BracketTable::from_rates(&[(0.0, 8_000.0, 50.0, 0.01), (8_000.0, 1e9, 20.0, 0.025)])
            .expect("valid");
    let expected = liquidation_with(&pasted, leverage::Side::Long, 500.0, 20.0, None).price;
    let shown = settled(
        &session,
        "liquidation-figures",
        "liquidation_price",
        expected,
    )
    .await;
    assert!(close(shown, expected), "pasted {shown}, core {expected}");

    // Back to the snapshot: the link drops the table, the snapshot's price returns.
    click(&session, "#bracket-reset").await;
    wait_for_no_brackets(&session).await;
    let shown = settled(
        &session,
        "liquidation-figures",
        "liquidation_price",
        snapshot.price,
    )
    .await;
    assert!(
        close(shown, snapshot.price),
        "reset {shown}, core {}",
        snapshot.price
    );
    assert_eq!(rows(&session).await, tiers);
    session.screenshot_page("liquidity-brackets").await;
    session.assert_no_panic().await;
    session.close().await;
}
