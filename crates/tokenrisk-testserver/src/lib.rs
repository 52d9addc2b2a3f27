//! A small HTTP/1.1 server bound to 127.0.0.1 on a free port, for tests only. Each connection
//! is answered by a handler function on its own thread, then closed. It stops when dropped.
//!
//! It serves a built site under a sub-path (like GitHub Pages) with [`static_site`], or replays
//! API-shaped responses from any closure. Every response carries
//! `Access-Control-Allow-Origin: *` unless the handler says otherwise, as public market APIs do.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A request as the handler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// Path without the query, percent-encoding kept.
    pub path: String,
    /// The query string without `?` (empty if none).
    pub query: String,
    /// The `User-Agent` header, when sent.
    pub user_agent: Option<String>,
}

/// A response to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type` header.
    pub content_type: String,
    /// Whether to send `Access-Control-Allow-Origin: *`.
    pub cors: bool,
    /// Wait this long before answering (to test timeouts).
    pub delay: Duration,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Further headers, as `(name, value)`.
    pub headers: Vec<(String, String)>,
}

impl Response {
    /// A 200 response with CORS.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            content_type: content_type.to_owned(),
            cors: true,
            delay: Duration::ZERO,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A plain-text response with this status.
    pub fn status(status: u16, text: &str) -> Self {
        Self {
            status,
            ..Self::ok("text/plain; charset=utf-8", text)
        }
    }
}

type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// A running server; stops accepting when dropped.
pub struct TestServer {
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1 with a free port.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub fn start(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("bound address");
        let stopping = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let stop = Arc::clone(&stopping);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                thread::spawn(move || serve_connection(stream, handler.as_ref()));
            }
        });
        Self { address, stopping }
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

fn serve_connection(stream: TcpStream, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut content_length = 0_usize;
    let mut user_agent = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        content_length = value.trim().parse().unwrap_or(0);
                    } else if name.eq_ignore_ascii_case("user-agent") {
                        user_agent = Some(value.trim().to_owned());
                    }
                }
            }
        }
    }
    let mut body = vec![0; content_length.min(1 << 20)];
    let _ = reader.read_exact(&mut body);
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let request = Request {
        method,
        path: path.to_owned(),
        query: query.to_owned(),
        user_agent,
    };
    let response = handler(&request);
    thread::sleep(response.delay);
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if response.cors {
        head.push_str("Access-Control-Allow-Origin: *\r\n");
    }
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes());
    if request.method != "HEAD" {
        let _ = stream.write_all(&response.body);
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// A handler that serves the files of `root` under `prefix` (e.g. `/token-risk-lab/`), as a
/// static host such as GitHub Pages does: a directory serves its `index.html`; a missing file
/// serves `404.html` with status 404 when the site has one. Paths outside `prefix` are 404.
pub fn static_site(root: PathBuf, prefix: &str) -> impl Fn(&Request) -> Response + Send + Sync {
    let prefix = format!("/{}/", prefix.trim_matches('/')).replace("//", "/");
    move |request| {
        let Some(relative) = request
            .path
            .strip_prefix(&prefix)
            .or_else(|| (request.path == prefix.trim_end_matches('/')).then_some(""))
        else {
            return Response::status(404, "not under the site's path");
        };
        match resolve(&root, relative) {
            Some(file) => match std::fs::read(&file) {
                Ok(body) => Response::ok(content_type(&file), body),
                Err(_) => Response::status(404, "not found"),
            },
            None => match std::fs::read(root.join("404.html")) {
                Ok(body) => Response {
                    status: 404,
                    ..Response::ok("text/html; charset=utf-8", body)
                },
                Err(_) => Response::status(404, "not found"),
            },
        }
    }
}

/// [`static_site`] with text, WebAssembly and JSON compressed with gzip (level 6, what static
/// hosts commonly use) and sent with `Content-Encoding: gzip`, as GitHub Pages serves them;
/// Chromium always accepts gzip.
pub fn static_site_gzip(
    root: PathBuf,
    prefix: &str,
) -> impl Fn(&Request) -> Response + Send + Sync {
    let site = static_site(root, prefix);
    move |request| gzipped(site(request))
}

/// `response` compressed with gzip when its type compresses (text, JavaScript, WebAssembly,
/// JSON, SVG).
pub fn gzipped(mut response: Response) -> Response {
    let compresses = ["text/", "javascript", "wasm", "json", "svg"]
        .iter()
        .any(|t| response.content_type.contains(t));
    if !compresses || response.body.is_empty() {
        return response;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    if encoder.write_all(&response.body).is_err() {
        return response;
    }
    if let Ok(body) = encoder.finish() {
        response.body = body;
        response
            .headers
            .push(("Content-Encoding".to_owned(), "gzip".to_owned()));
    }
    response
}

/// The file a site-relative path names, refusing any path that climbs out of `root`.
fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let path = root.join(relative);
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    path.is_file().then_some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compressible_answers_are_gzipped_and_decompress_to_the_same_bytes() {
        let text = "a,b\n".repeat(1000);
        let zipped = gzipped(Response::ok("text/csv", text.clone()));
        assert!(zipped.body.len() < text.len() / 10);
        assert!(zipped
            .headers
            .contains(&("Content-Encoding".to_owned(), "gzip".to_owned())));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&zipped.body[..])
            .read_to_string(&mut back)
            .expect("gzip");
        assert_eq!(back, text);
        let png = gzipped(Response::ok("image/png", vec![1, 2, 3]));
        assert_eq!(png.body, [1, 2, 3]);
        assert!(png.headers.is_empty());
    }

    fn get(url: &str) -> (u16, String) {
        let rest = url.strip_prefix("http://").expect("http url");
        let (host, path) = rest
            .split_once('/')
            .map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
        let mut stream = TcpStream::connect(host).expect("connect");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").expect("write");
        let mut text = String::new();
        stream.read_to_string(&mut text).expect("read");
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (
            status,
            text.split_once("\r\n\r\n")
                .map(|(_, b)| b.to_owned())
                .unwrap_or_default(),
        )
    }

    #[test]
    fn serves_a_site_under_a_sub_path() {
        let root = std::env::temp_dir().join(format!("tokenrisk-site-{}", std::process::id()));
        std::fs::create_dir_all(root.join("data")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("data/x.json"), "{}").expect("write");
        let server = TestServer::start(static_site(root.clone(), "/site/"));
        assert_eq!(
            get(&format!("{}/site/", server.url())),
            (200, "home".into())
        );
        assert_eq!(
            get(&format!("{}/site/?token=TAO", server.url())),
            (200, "home".into())
        );
        assert_eq!(
            get(&format!("{}/site/data/x.json", server.url())),
            (200, "{}".into())
        );
        assert_eq!(get(&format!("{}/site/missing", server.url())).0, 404);
        assert_eq!(get(&format!("{}/site/../secret", server.url())).0, 404);
        assert_eq!(get(&format!("{}/index.html", server.url())).0, 404);
        std::fs::remove_dir_all(root).expect("clean up");
    }
}
