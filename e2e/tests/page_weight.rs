//! What the browser downloads for each page and how long until the first chart, measured in
//! headless Chromium on the built site served with gzip as GitHub Pages serves it. Each load
//! is a fresh profile (nothing cached). Bytes are what went over the wire
//! (`encodedBodySize` of the navigation and of every resource asked for before the first
//! chart was drawn, `performance.mark("first-chart")`); times run from navigation start to
//! that mark. Prints the table (`cargo xtask bench` shows it; the README records it) and
//! fails if the first view's bytes exceed [`FIRST_VIEW_BUDGET_KB`]; timings never fail a run.

use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;
use tokenrisk_e2e::Session;

/// The most the token view may download before its first chart, gzipped (HTML, JavaScript,
/// WebAssembly, CSS and the data it needs). A ratchet at today's size: adding a page must
/// not grow it. The target is 300 KB (see the README's "Page weight").
const FIRST_VIEW_BUDGET_KB: f64 = 610.0;

/// Loads per measurement (the median is reported).
const RUNS: usize = 5;

/// One page load: bytes per kind of file, and the time to the first chart.
#[derive(Debug, Default)]
struct Load {
    bytes: BTreeMap<String, f64>,
    first_chart_ms: f64,
}

impl Load {
    fn total_kb(&self) -> f64 {
        self.bytes.values().sum::<f64>() / 1024.0
    }

    fn kb(&self, kind: &str) -> f64 {
        self.bytes.get(kind).copied().unwrap_or(0.0) / 1024.0
    }
}

/// The kind of file a URL is, for the table.
const KINDS_SCRIPT: &str = "const kind = n => {
        const file = n.split('?')[0].split('/').pop();
        if (file.startsWith('split_') || file.startsWith('chunk_')) return 'page modules';
        if (file.endsWith('.wasm')) return 'main module';
        if (file.endsWith('.js')) return 'javascript';
        if (file.endsWith('.css')) return 'css';
        if (file.endsWith('.json')) return 'data';
        return 'html and other';
    };";

/// Opens `path` in a fresh profile (throttled like a phone on a mobile network if asked)
/// and measures it once its first chart is drawn (or, for a page without a chart on load,
/// once `ready` is on the page).
async fn load(path: &str, ready: Option<&str>, throttled: bool) -> Load {
    let session = Session::start_gzipped().await;
    if throttled {
        session.cdp("Network.enable", json!({})).await;
        session
            .cdp(
                "Network.emulateNetworkConditions",
                json!({
                    "offline": false,
                    "latency": 150,
                    "downloadThroughput": 9_000_000 / 8,
                    "uploadThroughput": 9_000_000 / 8,
                }),
            )
            .await;
        session
            .cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
            .await;
    }
    session.open(path).await;
    let until = match ready {
        None => {
            let mut at = -1.0;
            for _ in 0..600 {
                at = session
                    .js(
                        "const m = performance.getEntriesByName('first-chart');
                         return m.length ? m[0].startTime : -1;",
                        vec![],
                    )
                    .await
                    .as_f64()
                    .unwrap_or(-1.0);
                if at >= 0.0 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert!(at >= 0.0, "{path}: no chart was drawn");
            at
        }
        Some(css) => {
            session.text(css).await;
            session
                .js("return performance.now();", vec![])
                .await
                .as_f64()
                .unwrap_or(0.0)
        }
    };
    let entries = session
        .js(
            &format!(
                "{KINDS_SCRIPT}
                 const until = arguments[0];
                 const all = performance.getEntriesByType('navigation')
                     .concat(performance.getEntriesByType('resource'))
                     .filter(e => e.startTime <= until);
                 return all.map(e => [kind(e.name), e.encodedBodySize || 0]);"
            ),
            vec![json!(until)],
        )
        .await;
    let mut result = Load {
        first_chart_ms: until,
        ..Load::default()
    };
    for entry in entries.as_array().into_iter().flatten() {
        let kind = entry[0].as_str().unwrap_or("html and other").to_owned();
        *result.bytes.entry(kind).or_default() += entry[1].as_f64().unwrap_or(0.0);
    }
    session.assert_no_panic().await;
    session.close().await;
    result
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

#[tokio::test]
async fn the_first_view_stays_within_its_budget_and_each_page_is_measured() {
    let mut out = String::from(
        "| page (opened by its link, nothing cached) | main module | page modules | javascript | css | html | data | total KB gzipped |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let pages = [
        ("token view (`?token=TAO`)", "?token=TAO", None),
        ("sector", "sector", None),
        ("liquidity", "liquidity", Some("#exit")),
        ("tokenomics", "tokenomics", Some("#param-table")),
        ("portfolio", "portfolio", Some("#holdings-table")),
        ("signals", "signals", Some("tr[data-signal='btc-drawdown']")),
        ("data", "data", Some("#live-sources")),
    ];
    let mut first_view = None;
    for (label, path, ready) in pages {
        let page = load(path, ready, false).await;
        out += &format!(
            "| {label} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | **{:.0}** |\n",
            page.kb("main module"),
            page.kb("page modules"),
            page.kb("javascript"),
            page.kb("css"),
            page.kb("html and other"),
            page.kb("data"),
            page.total_kb()
        );
        first_view.get_or_insert(page);
    }
    let first_view = first_view.expect("the token view was measured");

    let mut fast = Vec::new();
    let mut slow = Vec::new();
    for _ in 0..RUNS {
        fast.push(load("?token=TAO", None, false).await.first_chart_ms);
        slow.push(load("?token=TAO", None, true).await.first_chart_ms);
    }
    out += &format!(
        "\nNavigation to the first chart of the token view, median of {RUNS} loads: {:.0} ms \
         unthrottled; {:.0} ms at 9 Mbit/s down, 150 ms latency and the CPU slowed 4×.\n",
        median(fast),
        median(slow)
    );
    println!("\n{out}");
    if let Ok(dir) = std::env::var("TOKENRISK_ARTIFACTS") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join("page-weight.md"), &out);
    }
    assert!(
        first_view.total_kb() <= FIRST_VIEW_BUDGET_KB,
        "the token view downloads {:.0} KB gzipped before its first chart, over the budget of {FIRST_VIEW_BUDGET_KB} KB:\n{out}",
        first_view.total_kb()
    );
}
