//! End-to-end test harness: the built site (`cargo xtask test` builds it into
//! `$TOKENRISK_SITE` for the sub-path `$TOKENRISK_PUBLIC_URL`) served on 127.0.0.1 by
//! [`tokenrisk_testserver`], and a headless Chromium driven through ChromeDriver with
//! fantoccini, as a user would use the page.

pub mod stand_ins;

use base64::Engine;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokenrisk_testserver::{static_site, static_site_gzip, TestServer};
pub use tokenrisk_testserver::{Request, Response};

/// How long to wait for the page to show something before failing.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the end-to-end tests with `cargo xtask test`, which builds the site and sets it")
    })
}

/// The built site's directory.
pub fn site_dir() -> PathBuf {
    PathBuf::from(env("TOKENRISK_SITE"))
}

/// The series of `id` in the snapshot the built site serves.
pub fn served_series(id: &str) -> tokenrisk_market::snapshot::SnapshotSeries {
    let text = std::fs::read_to_string(site_dir().join("data/snapshot.json"))
        .expect("snapshot in the site");
    let snapshot = tokenrisk_market::snapshot::Snapshot::from_json(&text).expect("valid snapshot");
    snapshot.get(id).expect("in the snapshot").clone()
}

/// The last close of `id` in the snapshot the built site serves.
pub fn served_last_close(id: &str) -> f64 {
    *served_series(id).closes.last().expect("a close")
}

/// A browser on the served site. Dropping it stops ChromeDriver and the server.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    /// `http://127.0.0.1:PORT/token-risk-lab/`.
    pub base_url: String,
    driver: Child,
    _server: TestServer,
    profile: PathBuf,
    downloads: PathBuf,
}

impl Session {
    /// Serves the site under its sub-path and opens a fresh headless Chromium.
    pub async fn start() -> Self {
        Self::start_with(|_| None).await
    }

    /// Like [`Session::start`], but `answer` may answer a request in place of the site (to make
    /// a file missing or corrupt, or to point `config.json` at a stand-in API).
    ///
    /// Unless `answer` serves `config.json`, the site's configuration points every API at a
    /// closed port on 127.0.0.1: the browser under test never reaches beyond this machine.
    pub async fn start_with(
        answer: impl Fn(&Request) -> Option<Response> + Send + Sync + 'static,
    ) -> Self {
        let public_url = env("TOKENRISK_PUBLIC_URL");
        Self::serving(static_site(site_dir(), &public_url), answer).await
    }

    /// Like [`Session::start`], with the site compressed as GitHub Pages serves it (gzip).
    pub async fn start_gzipped() -> Self {
        let public_url = env("TOKENRISK_PUBLIC_URL");
        Self::serving(static_site_gzip(site_dir(), &public_url), |_| None).await
    }

    async fn serving(
        site: impl Fn(&Request) -> Response + Send + Sync + 'static,
        answer: impl Fn(&Request) -> Option<Response> + Send + Sync + 'static,
    ) -> Self {
        let public_url = env("TOKENRISK_PUBLIC_URL");
        let closed_port = free_port();
        let offline_config = format!(
            "{{\"binance_base\":\"http://127.0.0.1:{closed_port}\",\"coinbase_base\":\"http://127.0.0.1:{closed_port}\",\"coingecko_base\":\"http://127.0.0.1:{closed_port}\",\"binance_futures_base\":\"http://127.0.0.1:{closed_port}\",\"github_base\":\"http://127.0.0.1:{closed_port}\",\"request_timeout_ms\":1500}}"
        );
        let server = TestServer::start(move |request| {
            answer(request)
                .or_else(|| {
                    request
                        .path
                        .ends_with("/config.json")
                        .then(|| Response::ok("application/json", offline_config.clone()))
                })
                .unwrap_or_else(|| site(request))
        });
        let base_url = format!("{}{public_url}", server.url());
        let port = free_port();
        let driver = Command::new(env("CHROMEDRIVER"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(format!("tokenrisk-e2e-{port}"));
        // A profile left by a test that panicked on this port would carry its storage over.
        let _ = std::fs::remove_dir_all(&profile);
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).expect("download directory");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": env("CHROMIUM"),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,1400", format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            }),
        );
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut client = None;
        for _ in 0..100 {
            match ClientBuilder::rustls()
                .expect("TLS roots")
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let client = client.expect("ChromeDriver accepts a session within 10 s");
        Self {
            client,
            base_url,
            driver,
            _server: server,
            profile,
            downloads,
        }
    }

    /// Opens the site with a query string (`""`, or `"?token=NEAR"`) or a sub-path, and waits
    /// until the app has rendered its data or a message.
    pub async fn open(&self, rest: &str) {
        self.client
            .goto(&format!("{}{rest}", self.base_url))
            .await
            .expect("navigates");
        self.wait_for_app().await;
    }

    /// Waits until the app shows metrics, an empty state or a not-found page.
    pub async fn wait_for_app(&self) {
        self.client
            .wait()
            .at_most(PAGE_TIMEOUT)
            .for_element(Locator::Css(
                "#volatility .value, .empty, .notice[role=alert] h1, main section",
            ))
            .await
            .expect("the app renders");
    }

    /// The current URL's query string, with `?`.
    pub async fn query(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        url.query().map(|q| format!("?{q}")).unwrap_or_default()
    }

    /// Waits until the URL's query contains `needle`.
    pub async fn wait_for_query(&self, needle: &str) {
        for _ in 0..100 {
            if self.query().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the URL query never contained {needle:?}: {}",
            self.query().await
        );
    }

    /// Text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(PAGE_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    /// Types `value` into the field `id` as a user would: select what it holds (Ctrl+A), type
    /// over it, leave the field (Tab). WebDriver's own clear would send a change of its own.
    pub async fn type_into(&self, id: &str, value: &str) {
        let field = self.client.find(Locator::Id(id)).await.expect("field");
        field
            .send_keys(&format!("\u{E009}a\u{E000}{value}\u{E004}"))
            .await
            .expect("select, type and tab");
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .attr(name)
            .await
            .expect("attribute")
    }

    /// The number in `css`'s `data-value` once it has one (within ten seconds).
    pub async fn value_once_set(&self, css: &str) -> f64 {
        for _ in 0..200 {
            if let Some(v) = self.attr(css, "data-value").await.filter(|v| !v.is_empty()) {
                return number(Some(v));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} has no value");
    }

    /// Chooses `path` in the page's CSV file picker, as a user would.
    pub async fn choose_file(&self, path: &std::path::Path) {
        self.choose_file_in("csv-file", path).await;
    }

    /// Chooses `path` in the file picker `id`, as a user would.
    pub async fn choose_file_in(&self, id: &str, path: &std::path::Path) {
        self.client
            .find(Locator::Id(id))
            .await
            .expect("file input")
            .send_keys(&path.display().to_string())
            .await
            .expect("choose the file");
    }

    /// Follows the site navigation's link whose address ends with `page`, as a click would.
    pub async fn go_to(&self, page: &str) {
        self.client
            .find(Locator::Css(&format!(".site-nav a[href$='{page}']")))
            .await
            .expect("nav link")
            .click()
            .await
            .expect("click");
    }

    /// Drops a file named `name` holding `text` on the CSV import zone, as dragging it would.
    pub async fn drop_file(&self, name: &str, text: &str) {
        self.js(
            "const dt = new DataTransfer();
             dt.items.add(new File([arguments[1]], arguments[0], { type: 'text/csv' }));
             document.getElementById('csv-drop').dispatchEvent(
                 new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
            vec![json!(name), json!(text)],
        )
        .await;
    }

    /// A canvas attribute's numbers (`data-plot`: left right top bottom x0 x1 y0 y1).
    pub async fn numbers(&self, id: &str, attribute: &str) -> Vec<f64> {
        self.attr(&format!("#{id}"), attribute)
            .await
            .unwrap_or_default()
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect()
    }

    /// Waits until the chart `id` has been drawn and returns its projection (`data-plot`).
    pub async fn drawn(&self, id: &str) -> Vec<f64> {
        for _ in 0..200 {
            let plot = self.numbers(id, "data-plot").await;
            if plot.len() == 8 {
                return plot;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{id} was never drawn");
    }

    /// Non-white pixels painted on the canvas with this id.
    pub async fn painted_pixels(&self, canvas_id: &str) -> u64 {
        let script = "const c = document.getElementById(arguments[0]);
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0 && (d[i] < 255 || d[i + 1] < 255 || d[i + 2] < 255)) n++;
            }
            return n;";
        self.client
            .execute(script, vec![json!(canvas_id)])
            .await
            .expect("script runs")
            .as_u64()
            .expect("a count")
    }

    /// Scrolls the first element matching `css` to the top of the window.
    pub async fn scroll_to(&self, css: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
                vec![css.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// The bytes of the file the browser downloaded as `name`, waiting up to 10 s for it.
    pub async fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.join(name);
        for _ in 0..200 {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{} was not downloaded", path.display());
    }

    /// Sets the browser window's size in CSS pixels.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("window size");
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its
    /// result.
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Runs one Chrome DevTools protocol command and returns its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(SessionPost {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Saves a screenshot of the whole page, not just the window, as
    /// `$TOKENRISK_ARTIFACTS/NAME.png` (through Chrome's DevTools protocol).
    pub async fn screenshot_page(&self, name: &str) -> PathBuf {
        let size = self
            .js(
                "return [window.innerWidth, document.documentElement.scrollHeight]",
                vec![],
            )
            .await;
        let answer = self
            .cdp(
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1},
                }),
            )
            .await;
        let data = answer["data"].as_str().expect("base64 PNG");
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("valid base64");
        let dir = PathBuf::from(env("TOKENRISK_ARTIFACTS"));
        std::fs::create_dir_all(&dir).expect("artifact dir");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Saves a screenshot as `$TOKENRISK_ARTIFACTS/NAME.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env("TOKENRISK_ARTIFACTS"));
        std::fs::create_dir_all(&dir).expect("artifact dir");
        let path = dir.join(format!("{name}.png"));
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// The browser console's messages at level SEVERE (errors, panics) since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        let logs = self
            .client
            .issue_cmd(SessionPost {
                path: "se/log",
                body: json!({ "type": "browser" }),
            })
            .await
            .expect("browser log");
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Fails if the console shows a Rust panic or a WebAssembly trap (a panic kills the page).
    pub async fn assert_no_panic(&self) {
        let errors = self.console_errors().await;
        let fatal: Vec<&String> = errors
            .iter()
            .filter(|e| {
                e.contains("panicked") || e.contains("RuntimeError") || e.contains("unreachable")
            })
            .collect();
        assert!(fatal.is_empty(), "the app panicked: {fatal:?}");
    }

    /// Ends the browser session.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A loopback port nothing listens on (bound, then released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A ChromeDriver extension command: `POST /session/{id}/{path}` with a JSON body (`se/log` for
/// the browser console, `goog/cdp/execute` for a Chrome DevTools command).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: serde_json::Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Whether `a` is `b` within 1e-9 relative (absolute below 1): a figure the page shows against
/// the core's number for the same inputs.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Parses a `data-value` attribute.
pub fn number(value: Option<String>) -> f64 {
    value
        .as_deref()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("not a number: {value:?}"))
}
