//! Installs what the build and the tests need, when it is missing: nothing is downloaded by
//! trunk itself (it runs offline; the app's module is built by `wasm_build` with the tools
//! installed here).

use crate::run::{command, output, root, run, step, tools_dir};
use std::path::Path;

/// trunk's pinned version (0.22 needs a newer rustc than the project's minimum).
const TRUNK_VERSION: &str = "0.21.14";
/// The npm `binaryen` release carrying wasm-opt (Debian's binaryen 108 breaks current
/// wasm-bindgen output).
const BINARYEN_VERSION: &str = "132.0.0";

/// Everything `cargo xtask serve` needs.
pub fn ensure_build_tools() -> Result<(), String> {
    step("tools");
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()
}

/// What `cargo xtask test` needs on top: Chromium and ChromeDriver.
pub fn ensure_test_tools() -> Result<(), String> {
    ensure_build_tools()?;
    ensure_chromium()
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(command("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is needed to add the wasm32-unknown-unknown target")?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result<(), String> {
    let version = output(command("trunk").arg("--version")).unwrap_or_default();
    if version.trim() == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    run(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version in Cargo.lock, which the CLI must equal.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    lock.split("[[package]]")
        .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .ok_or_else(|| "wasm-bindgen is not in Cargo.lock".to_owned())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    let installed = output(command("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(command("wasm-bindgen-test-runner").arg("--version")).is_some();
    if installed.trim() == format!("wasm-bindgen {version}") && runner {
        return Ok(());
    }
    // Not --locked: one of the CLI's locked dependencies is not served by every registry mirror.
    run(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn ensure_wasm_opt() -> Result<(), String> {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    let version = output(command(&wasm_opt.to_string_lossy()).arg("--version")).unwrap_or_default();
    if version.contains(&format!("version_{major}")) {
        return Ok(());
    }
    if output(command("npm").arg("--version")).is_none() {
        install_debian_packages(
            &["nodejs", "npm"],
            "Node.js and npm (to install wasm-opt from the npm package binaryen)",
        )?;
    }
    std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
    run(command("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(tools_dir())
        .arg(format!("binaryen@{BINARYEN_VERSION}")))
}

/// The paths of Chromium and ChromeDriver.
pub fn chromium_paths() -> Option<(String, String)> {
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            output(command("sh").args(["-c", &format!("command -v {n}")]))
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
        })
    };
    Some((
        find(&["chromium", "chromium-browser"])?,
        find(&["chromedriver"])?,
    ))
}

fn ensure_chromium() -> Result<(), String> {
    if chromium_paths().is_some() {
        return Ok(());
    }
    install_debian_packages(
        &["chromium", "chromium-driver"],
        "Chromium and ChromeDriver",
    )?;
    chromium_paths()
        .map(|_| ())
        .ok_or_else(|| "chromium and chromedriver are still not on PATH".to_owned())
}

/// Installs Debian packages when this user can (root with apt-get); otherwise says what to
/// install.
fn install_debian_packages(packages: &[&str], what: &str) -> Result<(), String> {
    let is_root = output(command("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || !Path::new("/usr/bin/apt-get").exists() {
        return Err(format!(
            "{what} are needed: install the Debian packages {} (sudo apt-get install {}) and run again",
            packages.join(", "),
            packages.join(" ")
        ));
    }
    run(command("apt-get").arg("update").arg("-q"))?;
    run(command("apt-get")
        .args(["install", "-y", "-q"])
        .args(packages))
}
