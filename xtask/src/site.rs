//! Building and serving the web app with trunk.

use crate::run::{command, root, run, step};
use crate::{option, snapshot, tools};
use std::path::{Path, PathBuf};

/// The directories `Trunk.toml`'s `[watch] ignore` names.
const WATCH_IGNORED: [&str; 2] = ["target", "fuzz/target"];

/// `cargo xtask serve [--offline] [--port N]`.
pub fn serve(args: &[String]) -> Result<(), String> {
    let port = option(args, "--port").unwrap_or("8080");
    port.parse::<u16>()
        .map_err(|_| format!("--port {port} is not a port number"))?;
    tools::ensure_build_tools()?;
    snapshot::build(args.iter().any(|a| a == "--offline"))?;
    // trunk refuses to watch when a path its `[watch] ignore` names (Trunk.toml) is missing,
    // as `fuzz/target` is on a fresh clone (and `target` with CARGO_TARGET_DIR elsewhere).
    for ignored in WATCH_IGNORED {
        let dir = root().join(ignored);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    step(&format!(
        "serving on http://127.0.0.1:{port}/ (Ctrl-C stops)"
    ));
    run(command("trunk").args([
        "serve",
        "--release",
        "--offline",
        "--address",
        "127.0.0.1",
        "--port",
        port,
    ]))
}

/// `cargo xtask build-site --public-url P [--dist DIR] [--connect-src SOURCES]`: uses whatever
/// snapshot is in `public/data` (the Pages workflow builds it first); `--connect-src` adds
/// sources to the content security policy's `connect-src`.
pub fn build_command(args: &[String]) -> Result<(), String> {
    let public_url = option(args, "--public-url")
        .ok_or("build-site needs --public-url, e.g. /token-risk-lab/")?;
    let dist = option(args, "--dist").map_or_else(|| root().join("dist"), PathBuf::from);
    tools::ensure_build_tools()?;
    build(
        public_url,
        &dist,
        option(args, "--connect-src").unwrap_or(""),
    )
}

/// A release build of the site for `public_url` into `dist`, with `404.html` a copy of
/// `index.html` so that a static host answers deep links with the app. Its content security
/// policy allows requests to the origins of `config.json` and to `extra_connect` (sources,
/// space-separated: the end-to-end tests' loopback stand-ins).
pub fn build(public_url: &str, dist: &Path, extra_connect: &str) -> Result<(), String> {
    step(&format!("site for {public_url} → {}", dist.display()));
    run(command("trunk")
        .env(crate::csp::EXTRA_CONNECT_ENV, extra_connect)
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            public_url,
            "--dist",
        ])
        .arg(dist))?;
    std::fs::copy(dist.join("index.html"), dist.join("404.html"))
        .map(|_| ())
        .map_err(|e| format!("404.html: {e}"))
}
