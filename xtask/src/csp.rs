//! The content security policy of the built page, written into `index.html` as a `<meta>` tag
//! after each trunk build (a `post_build` hook in `Trunk.toml` runs `cargo xtask csp`), so it
//! always follows the `config.json` shipped beside it.
//!
//! The policy (CSP Level 3):
//! - `default-src 'none'`: nothing not named below;
//! - `script-src 'self' 'wasm-unsafe-eval'` and the SHA-256 of each inline script (the theme
//!   script in `index.html`, trunk's module loader): no other inline script runs;
//! - `connect-src 'self'` and the origin of each API base URL in `config.json` (plus any
//!   `TOKENRISK_CSP_CONNECT` adds, for the end-to-end tests' loopback stand-ins): a request
//!   anywhere else is refused by the browser;
//! - `style-src 'self'` (the stylesheet) and `style-src-attr 'unsafe-inline'` (chart positions
//!   and skeleton heights set as `style` attributes), `img-src 'self' data: blob:` (the favicon
//!   and PNG exports), `worker-src 'self'`, `manifest-src 'self'`;
//! - `object-src 'none'`, `base-uri 'self'`, `form-action 'none'`.
//!
//! (`frame-ancestors` and reporting cannot be set from a `<meta>` tag; GitHub Pages sends no
//! policy header of its own.)

use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tokenrisk_market::fetch_policy::SiteConfig;

/// Extra `connect-src` sources, space-separated (the end-to-end build's stand-ins).
pub const EXTRA_CONNECT_ENV: &str = "TOKENRISK_CSP_CONNECT";

/// `cargo xtask csp [DIR]`: writes the policy into `DIR/index.html` (default: trunk's
/// `$TRUNK_STAGING_DIR`), from `DIR/config.json`.
pub fn command(args: &[String]) -> Result<(), String> {
    let dir = args
        .first()
        .cloned()
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .ok_or("csp needs the site directory (or trunk's TRUNK_STAGING_DIR)")?;
    let extra = std::env::var(EXTRA_CONNECT_ENV).unwrap_or_default();
    write_policy(Path::new(&dir), &extra)
}

/// Reads `dir/config.json` (the defaults when absent) and writes the policy into
/// `dir/index.html`, replacing an earlier one.
pub fn write_policy(dir: &Path, extra_connect: &str) -> Result<(), String> {
    let config = match std::fs::read_to_string(dir.join("config.json")) {
        Ok(text) => SiteConfig::from_json(&text)?,
        Err(_) => SiteConfig::default(),
    };
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = with_policy(&html, &policy(&config, extra_connect, &html));
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// The policy for a page whose HTML is `html` under `config`.
pub fn policy(config: &SiteConfig, extra_connect: &str, html: &str) -> String {
    let mut connect = vec!["'self'".to_owned()];
    for base in [
        &config.binance_base,
        &config.coinbase_base,
        &config.coingecko_base,
        &config.binance_futures_base,
        &config.github_base,
    ] {
        let origin = origin(base);
        if !connect.contains(&origin) {
            connect.push(origin);
        }
    }
    connect.extend(extra_connect.split_whitespace().map(str::to_owned));
    let scripts: Vec<String> = inline_scripts(html)
        .iter()
        .map(|s| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s))
            )
        })
        .collect();
    [
        "default-src 'none'".to_owned(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", scripts.join(" ")),
        "style-src 'self'".to_owned(),
        "style-src-attr 'unsafe-inline'".to_owned(),
        "img-src 'self' data: blob:".to_owned(),
        format!("connect-src {}", connect.join(" ")),
        "worker-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'none'".to_owned(),
    ]
    .join("; ")
}

/// `scheme://host[:port]` of a base URL (validated by [`SiteConfig::from_json`]).
fn origin(base: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}")
}

/// The text of each `<script>` element without a `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// `html` with a `<meta http-equiv="Content-Security-Policy">` right after the charset
/// declaration (else first in the head), before any script, replacing one already there.
fn with_policy(html: &str, policy: &str) -> String {
    const TAG: &str = "<meta http-equiv=\"Content-Security-Policy\"";
    let mut html = html.to_owned();
    if let Some(start) = html.find(TAG) {
        if let Some(end) = html[start..].find('>') {
            html.replace_range(start..=start + end, "");
        }
    }
    let meta = format!("{TAG} content=\"{policy}\">");
    let after_charset = html
        .find("<meta charset")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1));
    let after_head = html.find("<head>").map(|at| at + "<head>".len());
    html.insert_str(after_charset.or(after_head).unwrap_or(0), &meta);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>var a = 1;</script><script type=\"module\" src=\"/app.js\"></script><script type=\"module\">import init from '/app.js';</script></head><body></body></html>";

    #[test]
    fn the_policy_names_the_configured_origins_and_hashes_the_inline_scripts() {
        let config = SiteConfig::from_json(
            r#"{"binance_base":"https://data-api.binance.vision","coingecko_base":"https://api.coingecko.com/api/v3"}"#,
        )
        .expect("valid");
        let policy = policy(&config, "http://127.0.0.1:*", PAGE);
        assert!(policy.contains("connect-src 'self' https://data-api.binance.vision https://api.exchange.coinbase.com https://api.coingecko.com https://fapi.binance.com https://api.github.com http://127.0.0.1:*"), "{policy}");
        // `printf 'var a = 1;' | openssl dgst -sha256 -binary | base64`
        assert!(
            policy.contains("'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"),
            "{policy}"
        );
        assert_eq!(
            policy.matches("'sha256-").count(),
            2,
            "the script with a src is not hashed"
        );
        for directive in [
            "default-src 'none'",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'self'",
        ] {
            assert!(policy.contains(directive), "{directive}: {policy}");
        }
    }

    #[test]
    fn the_policy_follows_the_charset_before_any_script_and_is_replaced_on_rebuild() {
        let once = with_policy(PAGE, "default-src 'none'");
        assert!(once.starts_with("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><script>"), "{once}");
        let twice = with_policy(&once, "default-src 'self'");
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
        assert!(twice.contains("content=\"default-src 'self'\""));
    }
}
