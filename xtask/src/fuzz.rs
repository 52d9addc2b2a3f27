//! `cargo xtask fuzz [--seconds N] [--target NAME] [--sanitizer none|address]`: runs each
//! cargo-fuzz target in `fuzz/` for a bounded time, one after another.
//!
//! Each run starts from the committed seeds (`fuzz/seeds/<target>`) and the inputs that once
//! crashed a target (`fuzz/regressions/<target>`, replayed first, so a fixed crash that comes
//! back fails at once), and grows a local corpus under `fuzz/corpus/` (not committed). A crash
//! is written to `fuzz/artifacts/<target>/` and fails the run.
//!
//! The default sanitizer is `none`, which builds with the stable toolchain (CI has no other);
//! `--sanitizer address` adds AddressSanitizer and needs `cargo +nightly`.

use crate::option;
use crate::run::{command, output, root, run, step};

/// cargo-fuzz's pinned version, installed from crates.io when missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Every target in `fuzz/fuzz_targets/`, in the order they run.
pub const TARGETS: [&str; 13] = [
    "timestamp",
    "csv_prices",
    "snapshot",
    "api_binance",
    "api_bybit",
    "api_coinbase",
    "api_coingecko",
    "api_github",
    "api_sec_edgar",
    "api_yahoo",
    "link",
    "config_cache",
    "chart_view",
];

/// Runs the targets for `--seconds` each (default 60).
pub fn all(args: &[String]) -> Result<(), String> {
    let seconds: u32 = option(args, "--seconds")
        .unwrap_or("60")
        .parse()
        .map_err(|_| "--seconds takes a whole number".to_owned())?;
    let sanitizer = option(args, "--sanitizer").unwrap_or("none");
    let targets: Vec<&str> = match option(args, "--target") {
        Some(name) if TARGETS.contains(&name) => vec![name],
        Some(name) => return Err(format!("no fuzz target {name}: {}", TARGETS.join(", "))),
        None => TARGETS.to_vec(),
    };
    run_targets(&targets, seconds, sanitizer)
}

/// Runs `targets` for `seconds` each with `sanitizer`, stopping at the first that fails.
pub fn run_targets(targets: &[&str], seconds: u32, sanitizer: &str) -> Result<(), String> {
    ensure_cargo_fuzz()?;
    let fuzz_dir = root().join("fuzz");
    for target in targets {
        step(&format!(
            "fuzz {target} for {seconds} s (sanitizer {sanitizer})"
        ));
        let corpus = fuzz_dir.join("corpus").join(target);
        let regressions = fuzz_dir.join("regressions").join(target);
        for dir in [&corpus, &regressions] {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let mut cmd = command("cargo");
        if sanitizer != "none" {
            cmd.arg("+nightly");
        }
        // One build directory per sanitizer: their builds differ and would replace each other.
        let build_dir = fuzz_dir
            .join("target")
            .join(format!("sanitizer-{sanitizer}"));
        cmd.current_dir(&fuzz_dir)
            .args(["fuzz", "run", "--release", "--sanitizer", sanitizer])
            .arg("--target-dir")
            .arg(&build_dir)
            .arg(target);
        cmd.arg(&corpus)
            .arg(fuzz_dir.join("seeds").join(target))
            .arg(&regressions)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-timeout=10",
                "-rss_limit_mb=3072",
                "-print_final_stats=1",
            ]);
        run(&mut cmd)?;
    }
    Ok(())
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let version = output(command("cargo").args(["fuzz", "--version"])).unwrap_or_default();
    if version.trim() == format!("cargo-fuzz {CARGO_FUZZ_VERSION}") {
        return Ok(());
    }
    run(command("cargo").args([
        "install",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--locked",
    ]))
}
