//! `cargo xtask`: the project's helper behind the README commands.
//!
//! - `cargo xtask serve [--offline] [--port N]`: installs what is missing, builds the bundled
//!   snapshot (live, else the shared CSV exports, else none), builds the app and serves it on
//!   http://127.0.0.1:8080.
//! - `cargo xtask test`: installs what is missing, then runs every layer of tests: native,
//!   wasm in headless Chromium, and end to end against the built site under a sub-path; on the
//!   full shared histories when `../shared` is there, else on the committed fixture cuts.
//!   `cargo xtask test e2e` (or `native`, `core-wasm32`, `wasm`, `fuzz`, several at once) runs
//!   only those stages.
//! - `cargo xtask build-site --public-url /token-risk-lab/ [--dist DIR]`: the release site, as
//!   GitHub Pages serves it (used by the Pages workflow and the end-to-end tests).
//! - `cargo xtask snapshot [--offline]`: only (re)build the bundled snapshot.
//! - `cargo xtask bench`: the core's benchmarks, natively and in headless Chromium.
//! - `cargo xtask post-build`: trunk's hook after every build (`Trunk.toml`): the app's
//!   WebAssembly split per page ([`wasm_build`]), then the content security policy.
//! - `cargo xtask csp [DIR]`: writes the content security policy into `DIR/index.html`.
//! - `cargo xtask size [--top N]`: where the module's bytes go, per crate and per function.
//! - `cargo xtask fuzz [--seconds N] [--target NAME] [--sanitizer none|address]`: the fuzz
//!   targets in `fuzz/`, each for a bounded time.

mod bench;
mod csp;
mod fuzz;
mod run;
mod site;
mod size;
mod snapshot;
mod test;
mod tools;
mod wasm_build;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => site::serve(&args[1..]),
        Some("test") => test::all(&args[1..]),
        Some("bench") => bench::all(&args[1..]),
        Some("fuzz") => fuzz::all(&args[1..]),
        Some("csp") => csp::command(&args[1..]),
        Some("post-build") => wasm_build::into_trunk_staging().and_then(|()| csp::command(&[])),
        Some("size") => size::command(&args[1..]),
        Some("build-site") => site::build_command(&args[1..]),
        Some("snapshot") => snapshot::run_command(&args[1..]).map(|_| ()),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <command>
  serve [--offline] [--port N]     build the app with bundled data and serve it on 127.0.0.1
  test [STAGE...]                  run every test (or the stages named: native, core-wasm32,
                                   wasm, e2e, fuzz): native, wasm in Chromium, end to end, fuzz
  build-site --public-url P [--dist DIR] [--connect-src SOURCES]
                                   build the release site for a sub-path
  snapshot [--offline]             rebuild public/data/snapshot.json
  bench                            benchmarks: native (divan) and WebAssembly in Chromium
  csp [DIR]                        write the content security policy into DIR/index.html
  post-build                       trunk's hook: the app's modules split per page, then the policy
  size [--top N]                   the module's bytes per crate and per function
  fuzz [--seconds N] [--target T] [--sanitizer none|address]
                                   each fuzz target for N seconds (default 60)";

/// The value after `--name` in `args`, if present.
pub(crate) fn option<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
