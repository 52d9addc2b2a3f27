//! Running commands from the workspace root, loudly.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The workspace root (the directory above `xtask/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// Where installed helper tools live: `target/tools` (npm's binaryen).
pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

/// Cargo's `bin` directory (`$CARGO_HOME/bin`, else `~/.cargo/bin`), where `cargo install` puts
/// trunk and wasm-bindgen.
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// `PATH` with the project's tool directories first, so trunk finds the pinned wasm-opt and
/// wasm-bindgen.
pub fn tool_path() -> OsString {
    let mut dirs = vec![tools_dir().join("node_modules/.bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command run from the workspace root with [`tool_path`] as its `PATH`.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root()).env("PATH", tool_path());
    cmd
}

/// Runs `cmd`, echoing it first.
///
/// # Errors
/// When it cannot start or exits unsuccessfully.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let status = cmd.status().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown}: {status}"))
    }
}

/// Runs `cmd` like [`run`], passing its standard output through as it comes, and on failure
/// adds the lines that say what failed (a libtest `test … FAILED` line, a `panicked at` line and
/// the message after it) to the error, so that the summary at the end of a long log names them.
///
/// # Errors
/// When it cannot start or exits unsuccessfully.
pub fn run_naming_failures(cmd: &mut Command) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    let shown = describe(cmd);
    println!("$ {shown}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown}: {e}"))?;
    let mut noted = Vec::new();
    let mut after_panic = false;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            let failed_test = line.starts_with("test ") && line.ends_with("FAILED");
            if failed_test || after_panic || line.contains("panicked at") {
                noted.push(line.clone());
            }
            after_panic = line.contains("panicked at");
        }
    }
    let status = child.wait().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        let mut message = format!("{shown}: {status}");
        for line in noted {
            message.push_str("\n          ");
            message.push_str(&line);
        }
        Err(message)
    }
}

/// The standard output of `cmd` when it succeeds.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Prints a section heading.
pub fn step(title: &str) {
    println!("\n=== {title} ===");
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
