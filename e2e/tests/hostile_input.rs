//! Nothing from outside crashes, hangs or silently corrupts the page: leaving a page while a
//! zoom or a file read is under way, a chart squeezed to 40 px, a CSV reaching the year 9999
//! viewed on "All", local storage full of garbage or full altogether, a 200 answer of garbage
//! after a good one, and a GitHub budget spent in another tab.

use fantoccini::Locator;
use serde_json::json;
use std::time::{Duration, Instant};
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_e2e::Session;

/// Milliseconds until the page has painted two more frames: a frozen tab never answers.
async fn responsive_within(session: &Session, limit: Duration) {
    let started = Instant::now();
    session
        .js(
            "return new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => ok(1))));",
            vec![],
        )
        .await;
    assert!(
        started.elapsed() < limit,
        "the page took {:?} to paint again",
        started.elapsed()
    );
}

/// A daily CSV of `days` closes from 2024-01-01.
fn daily_csv(days: usize) -> String {
    let mut text = "date,close\n".to_owned();
    for d in 0..days {
        let date = tokenrisk_core::time::Date::from_days(19_723 + d as i32);
        text.push_str(&format!(
            "{date},{}\n",
            100.0 + (d as f64 * 0.7).sin() * 5.0
        ));
    }
    text
}

#[tokio::test]
async fn leaving_within_300_ms_of_a_zoom_or_while_a_file_is_read_panics_nothing() {
    let session = Session::start().await;
    session.open("?token=TAO&range=1y").await;
    session.drawn("price-chart").await;
    // A wheel zoom starts the 300 ms timer that writes the link; the page is left at once.
    session
        .js(
            "const c = document.getElementById('price-chart'); const r = c.getBoundingClientRect();
             for (let i = 0; i < 3; i++) c.dispatchEvent(new WheelEvent('wheel', {
                 clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, deltaY: -120,
                 bubbles: true, cancelable: true }));",
            vec![],
        )
        .await;
    session.go_to("/sector").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    session.assert_no_panic().await;

    // A 4 MB file dropped, and the page left while the browser reads it.
    session.go_to("/token-risk-lab/").await;
    session.drawn("price-chart").await;
    let mut big = "open_time,close\n".to_owned();
    let start = 1_577_836_800_i64; // 2020-01-01, hourly
    for h in 0..120_000_i64 {
        big.push_str(&format!(
            "{},{}\n",
            start + h * 3600,
            50.0 + (h % 97) as f64
        ));
    }
    session.drop_file("BIGUSDT.csv", &big).await;
    session.go_to("/data").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    session.assert_no_panic().await;
    // The next page works, and the file was kept: it is offered on the token page.
    session.go_to("/token-risk-lab/").await;
    session.wait_for_app().await;
    for _ in 0..100 {
        if session.text("#token-select").await.contains("BIG") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(session.text("#token-select").await.contains("BIG"));
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_chart_squeezed_to_40_px_takes_pointer_wheel_and_keys() {
    let session = Session::start().await;
    session.open("?token=TAO&range=1y").await;
    session.drawn("price-chart").await;
    session
        .js(
            "const c = document.getElementById('price-chart');
             c.closest('.chart-wrap').style.width = '40px';
             window.dispatchEvent(new Event('resize'));
             return new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => {
                 const r = c.getBoundingClientRect();
                 const at = { clientX: r.left + 20, clientY: r.top + r.height / 2, bubbles: true,
                     cancelable: true, pointerId: 1, isPrimary: true, buttons: 1 };
                 c.dispatchEvent(new PointerEvent('pointermove', at));
                 c.dispatchEvent(new PointerEvent('pointerdown', at));
                 c.dispatchEvent(new PointerEvent('pointermove', Object.assign({}, at, { clientX: r.left + 35 })));
                 c.dispatchEvent(new PointerEvent('pointerup', at));
                 c.dispatchEvent(new WheelEvent('wheel', Object.assign({ deltaY: -300 }, at)));
                 c.dispatchEvent(new WheelEvent('wheel', Object.assign({ deltaY: 300 }, at)));
                 for (const key of ['ArrowLeft', 'ArrowRight', '+', '-', 'Home', 'End'])
                     c.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
                 ok(r.width);
             })));",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    session.assert_no_panic().await;
    session
        .js(
            "document.getElementById('price-chart').closest('.chart-wrap').style.width = '';
             window.dispatchEvent(new Event('resize'));",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        session.painted_pixels("price-chart").await > 1000,
        "it draws again"
    );
    session.close().await;
}

#[tokio::test]
async fn a_csv_reaching_the_year_9999_viewed_on_all_keeps_the_page_responsive() {
    let session = Session::start().await;
    session.open("?token=TAO&range=1y").await;
    let mut text = daily_csv(90);
    text.push_str("9999-12-31,120\n");
    session.drop_file("FARUSDT.csv", &text).await;
    session.wait_for_query("token=FAR").await;
    session
        .client
        .find(Locator::Css("button[data-range=all]"))
        .await
        .expect("the All button")
        .click()
        .await
        .expect("click");
    session.wait_for_query("range=all").await;
    responsive_within(&session, Duration::from_secs(1)).await;
    session.drawn("price-chart").await;
    session.assert_no_panic().await;
    // The import is kept, so a reload shows the same view: it must not freeze either.
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    responsive_within(&session, Duration::from_secs(1)).await;
    session.drawn("price-chart").await;
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn garbage_old_entries_and_a_full_quota_in_local_storage_lose_only_what_is_unreadable() {
    let session = Session::start().await;
    session.open("?token=TAO&range=1y").await;
    let good = daily_csv(40);
    let imports = json!([
        { "name": "GOODUSDT.csv", "modified": "2026-01-01T00:00:00Z", "text": good },
        { "name": "BAD.csv", "modified": 7 },
        42,
        { "name": "OLDUSDT.csv", "text": good },
    ])
    .to_string();
    session
        .js(
            "localStorage.setItem('token-risk-lab.v1.imports', arguments[0]);
             localStorage.setItem('token-risk-lab.v1.cache.https://data-api.binance.vision/api/v3/klines?symbol=TAOUSDT&interval=1d&limit=1000', '{\"garbage');
             localStorage.setItem('token-risk-lab.v1.budget.github', '{{{');
             localStorage.setItem('token-risk-lab.theme', 'purple');",
            vec![json!(imports)],
        )
        .await;
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    let main = session.text("main").await;
    assert!(
        main.contains("Saved import \"BAD.csv\" could not be read") && main.contains("entry 3"),
        "{main}"
    );
    let options = session.text("#token-select").await;
    assert!(
        options.contains("GOOD") && options.contains("OLD"),
        "the readable imports, old format included, are kept: {options}"
    );
    let kept = session
        .js(
            "return JSON.parse(localStorage.getItem('token-risk-lab.v1.imports')).length;",
            vec![],
        )
        .await;
    assert_eq!(kept, json!(2), "the store holds the readable entries only");
    session.assert_no_panic().await;

    // A full quota: the import still shows, and the page says it is not kept.
    let filled = session
        .js(
            "const chunk = 'x'.repeat(256 * 1024); let i = 0;
             try { for (;;) { localStorage.setItem('junk.' + i, chunk); i++; } } catch (e) {}
             try { for (let j = 0; ; j++) localStorage.setItem('junk.small.' + j, 'x'.repeat(64)); } catch (e) {}
             return i;",
            vec![],
        )
        .await;
    assert!(filled.as_u64().unwrap_or(0) > 0, "storage filled");
    session.drop_file("FULLUSDT.csv", &daily_csv(30)).await;
    session.wait_for_query("token=FULL").await;
    let main = session.text("main").await;
    assert!(
        main.contains("FULLUSDT.csv is shown but not kept for your next visit"),
        "{main}"
    );
    session.assert_no_panic().await;
    session
        .js(
            "Object.keys(localStorage).filter(k => k.startsWith('junk.')).forEach(k => localStorage.removeItem(k));",
            vec![],
        )
        .await;
    session.close().await;
}

#[tokio::test]
async fn a_garbage_answer_never_replaces_the_good_cached_one() {
    let binance = fake_binance();
    // A cache that is stale at once: every view asks again.
    let session = session(binance.server.url(), 0).await;
    session.open("?token=TAO&range=90d").await;
    status(&session, "live").await;
    let key = session
        .js(
            "return Object.keys(localStorage).find(k => k.includes('klines?symbol=TAOUSDT&interval=1d'));",
            vec![],
        )
        .await;
    let key = key.as_str().expect("the answer is cached").to_owned();
    *binance.mode.lock().expect("lock") = Mode::Garbage;
    session.client.refresh().await.expect("reload");
    session.wait_for_app().await;
    let text = status(&session, "cached").await;
    assert!(text.contains("unreadable answer"), "{text}");
    let body = session
        .js(
            "return JSON.parse(localStorage.getItem(arguments[0])).body.slice(0, 2);",
            vec![json!(key)],
        )
        .await;
    assert_eq!(body, json!("[["), "the good answer is still the cached one");
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_github_budget_spent_in_another_tab_sends_no_request() {
    let binance = fake_binance();
    let (github, asked) = fake_github();
    let session = session_for(Apis {
        binance: Some(binance.server.url()),
        github: Some(github.url()),
        cache_ttl_ms: 600_000,
        ..Apis::default()
    })
    .await;
    // A page that asks GitHub nothing, to reach this origin's storage first.
    session.open("data").await;
    // Another tab of this browser spent the hour's 60 requests a minute ago.
    session
        .js(
            "const now = Date.now();
             localStorage.setItem('token-risk-lab.v1.budget.github',
                 JSON.stringify({ sent_ms: Array.from({ length: 60 }, (_, i) => now - 60000 + i) }));
             Object.keys(localStorage).filter(k => k.includes('commit_activity'))
                 .forEach(k => localStorage.removeItem(k));",
            vec![],
        )
        .await;
    session.open("?token=TAO&range=1y").await;
    let text = badge(&session, "#dev-status", "unavailable").await;
    assert!(
        text.contains("request budget for this hour used up in this browser; next in 59 min"),
        "{text}"
    );
    assert!(
        asked.lock().expect("lock").is_empty(),
        "no request was sent"
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_stalled_snapshot_is_given_up_with_a_message_not_a_skeleton_forever() {
    let session = Session::start_with(|request| {
        request
            .path
            .ends_with("/data/snapshot.json")
            .then(|| tokenrisk_e2e::Response {
                delay: Duration::from_secs(25),
                ..tokenrisk_e2e::Response::ok("application/json", "{}")
            })
    })
    .await;
    session
        .client
        .goto(&session.base_url)
        .await
        .expect("navigates");
    let started = Instant::now();
    let main = session.text("main .notice, main .empty").await;
    let page = session.text("main").await;
    assert!(
        page.contains("The bundled data could not be fetched: no answer within 20 s"),
        "{main} / {page}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn an_answer_larger_than_the_cap_is_refused_unread() {
    let huge = tokenrisk_testserver::TestServer::start(|_| {
        // A 9 MB JSON array: valid, but more than the 8 MB the page reads.
        let mut body = vec![b' '; 9 << 20];
        body[0] = b'[';
        body[(9 << 20) - 1] = b']';
        tokenrisk_e2e::Response::ok("application/json", body)
    });
    let session = session(huge.url(), 600_000).await;
    session.open("?token=ICP").await;
    let text = status(&session, "bundled").await;
    assert!(
        text.contains("unreadable answer (larger than the 8 MB this page reads)"),
        "{text}"
    );
    let cached = session
        .js(
            "return Object.keys(localStorage).filter(k => k.includes('.cache.')).length;",
            vec![],
        )
        .await;
    assert_eq!(cached, json!(0), "nothing of it is cached");
    session.assert_no_panic().await;
    session.close().await;
}

#[tokio::test]
async fn a_server_asking_to_wait_ten_minutes_is_not_asked_again_in_seconds() {
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&asked);
    let limited = tokenrisk_testserver::TestServer::start(move |_| {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        tokenrisk_e2e::Response {
            headers: vec![
                ("Retry-After".to_owned(), "600".to_owned()),
                (
                    "Access-Control-Expose-Headers".to_owned(),
                    "Retry-After".to_owned(),
                ),
            ],
            ..tokenrisk_e2e::Response::status(429, "{\"code\":-1003}")
        }
    });
    let session = session(limited.url(), 600_000).await;
    session.open("?token=ICP").await;
    let text = status(&session, "bundled").await;
    assert!(
        text.contains("rate-limited: the server asks to wait 10 min"),
        "{text}"
    );
    let klines = asked.load(std::sync::atomic::Ordering::SeqCst);
    // Longer than the longest backoff (8 s): a retry would have come by now.
    tokio::time::sleep(Duration::from_secs(9)).await;
    assert_eq!(
        asked.load(std::sync::atomic::Ordering::SeqCst),
        klines,
        "no retry after the answer"
    );
    session.assert_no_panic().await;
    session.close().await;
}
