//! The app's WebAssembly, split per page: trunk builds the rest of the site (HTML, CSS, data,
//! hashed names) and calls this step after its own (`post_build` hook in `Trunk.toml`), because
//! the split must happen between cargo and wasm-bindgen and trunk has no step there.
//!
//! 1. `cargo build` of the app for `wasm32-unknown-unknown`, linked with `--emit-relocs` (the
//!    split needs the relocations; `.cargo/config.toml` sets it with Leptos' type-erased
//!    components, for every wasm build alike).
//! 2. The split (`wasm_split_cli_support`, the library behind Leptos' own tooling): each
//!    function marked `#[wasm_split(name)]` (`src/pages/split.rs`) becomes a module of its own
//!    with what only it reaches; code two pages share goes to a shared chunk; the rest stays
//!    in the main module. A small JavaScript link module fetches a chunk the first time it is
//!    needed.
//! 3. wasm-bindgen on the main module (keeping the exports the chunks link against).
//! 4. In release, wasm-opt `-Oz` on every module (the worker's included).
//! 5. The Web Worker (`crates/tokenrisk-worker`), its own module through cargo and
//!    wasm-bindgen, with [`WORKER_SCRIPT`] that starts it; the page creates it the first time
//!    a simulation is asked for, so the first view does not download it.
//! 6. All of it into `pkg-<hash>/`, the hash over every file's name and bytes, so the browser
//!    may cache the directory forever; `index.html` gets the module script, preloads of the
//!    main module and the worker script's address (`<meta name="tokenrisk-worker">`).

use crate::run::{command, root, run, step};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The app's package and binary name.
const APP: &str = "token-risk-lab";
/// The Web Worker's package (a library built to its own module).
const WORKER: &str = "tokenrisk-worker";
/// The worker's module script, its name in `pkg-<hash>/` and what it holds: it loads the
/// worker's module, whose start function listens for commands.
pub const WORKER_SCRIPT: (&str, &str) = (
    "simulation-worker.js",
    "import init from './tokenrisk-worker.js';\nawait init();\n",
);
/// The name of the JavaScript module the chunks load through (relative to `pkg-<hash>/`).
const LINK_MODULE: &str = "./__wasm_split.js";
/// The features rustc enables by default for `wasm32-unknown-unknown`, for wasm-opt to accept
/// the chunks (which carry no `target_features` section).
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Which cargo profile the app is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Optimised for size, then wasm-opt: what the site ships.
    Release,
    /// Unoptimised with names (panics show a named stack): `trunk build` without `--release`.
    Dev,
}

impl Profile {
    /// From trunk's `TRUNK_PROFILE` (`release` or `debug`).
    pub fn from_trunk(value: &str) -> Self {
        if value == "release" {
            Self::Release
        } else {
            Self::Dev
        }
    }

    fn target_subdir(self) -> &'static str {
        match self {
            Self::Release => "release",
            Self::Dev => "debug",
        }
    }
}

/// `cargo build` of the app for wasm32: the path of the linked module.
pub fn cargo_build(profile: Profile) -> Result<PathBuf, String> {
    step(&format!("app module ({profile:?})"));
    wasm32_build(
        &["--package", APP, "--bin", APP, "--features", "split"],
        profile,
    )?;
    Ok(linked_module(APP, profile))
}

/// `cargo build` for `wasm32-unknown-unknown` with `args`, in `profile`.
fn wasm32_build(args: &[&str], profile: Profile) -> Result<(), String> {
    let mut cargo = command("cargo");
    cargo
        .args(["build", "--target", "wasm32-unknown-unknown"])
        .args(args);
    if profile == Profile::Release {
        cargo.arg("--release");
    }
    run(&mut cargo)
}

/// Where cargo put the linked module `stem.wasm` in `profile` (a binary keeps its name, a
/// library's has `_` for `-`).
fn linked_module(stem: &str, profile: Profile) -> PathBuf {
    target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile.target_subdir())
        .join(format!("{stem}.wasm"))
}

/// Step 5: the worker's module, its glue and its script into `work/`.
fn worker_into(work: &Path, profile: Profile) -> Result<(), String> {
    step(&format!("worker module ({profile:?})"));
    wasm32_build(&["--package", WORKER, "--lib"], profile)?;
    let linked = linked_module(&WORKER.replace('-', "_"), profile);
    let bytes = std::fs::read(&linked).map_err(|e| format!("{}: {e}", linked.display()))?;
    let stripped = work.join("worker-linked.wasm");
    std::fs::write(&stripped, without_relocations(&bytes)?).map_err(|e| e.to_string())?;
    run(command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            WORKER,
            "--out-dir",
        ])
        .arg(work)
        .arg(&stripped))?;
    std::fs::remove_file(&stripped).map_err(|e| e.to_string())?;
    let (name, script) = WORKER_SCRIPT;
    std::fs::write(work.join(name), script).map_err(|e| format!("{name}: {e}"))
}

/// `module` without its `linking` and `reloc.*` custom sections: every wasm build links with
/// `--emit-relocs` for the split (`.cargo/config.toml`), but the worker is not split, and
/// wasm-opt cannot handle those sections (it warns and keeps them: three quarters of the
/// worker's bytes).
///
/// # Errors
/// A module that is not WebAssembly or whose sections overrun it.
pub fn without_relocations(module: &[u8]) -> Result<Vec<u8>, String> {
    const HEADER: usize = 8;
    if module.len() < HEADER || &module[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = module[..HEADER].to_vec();
    let mut at = HEADER;
    while at < module.len() {
        let id = module[at];
        let (size, body) = leb128(module, at + 1)?;
        let end = body
            .checked_add(size)
            .filter(|&e| e <= module.len())
            .ok_or("a section overruns the module")?;
        let relocation = id == 0 && {
            let (length, name) = leb128(module, body)?;
            let name = module.get(name..name + length).unwrap_or_default();
            name == b"linking" || name.starts_with(b"reloc.")
        };
        if !relocation {
            out.extend_from_slice(&module[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// The unsigned LEB128 number at `at` in `bytes`, and where the bytes after it start.
fn leb128(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value = 0_usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).ok_or("a section size runs past the module")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("a section size is too long".into())
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `target/`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// An empty working directory `target/app-wasm/<name>`.
pub fn fresh_work_dir(name: &str) -> Result<PathBuf, String> {
    let work = target_dir().join("app-wasm").join(name);
    fresh_dir(&work)?;
    Ok(work)
}

/// `dir`, emptied (or created).
fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Steps 1–6 into `site/pkg-<hash>/`: the directory's name.
pub fn build_into(site: &Path, profile: Profile) -> Result<String, String> {
    let linked = cargo_build(profile)?;
    let work = fresh_work_dir(profile.target_subdir())?;

    let main_split = split(&linked, &work)?;

    step("wasm-bindgen");
    run(command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
            "--out-name",
            APP,
            "--out-dir",
        ])
        .arg(&work)
        .arg(&main_split))?;
    std::fs::remove_file(&main_split).map_err(|e| e.to_string())?;
    worker_into(&work, profile)?;

    let modules = files_with_extension(&work, "wasm")?;
    if profile == Profile::Release {
        step("wasm-opt -Oz");
        for module in &modules {
            run(command("wasm-opt")
                .arg("-Oz")
                .args(WASM_FEATURES)
                .arg(module)
                .arg("-o")
                .arg(module))?;
        }
    }

    let files = files_in(&work)?;
    let name = format!("pkg-{}", content_hash(&files)?);
    let dest = site.join(&name);
    fresh_dir(&dest)?;
    for file in &files {
        if let Some(file_name) = file.file_name() {
            std::fs::copy(file, dest.join(file_name)).map_err(|e| e.to_string())?;
        }
    }
    Ok(name)
}

/// Step 2: splits the linked module into `work/`: the main module (still to go through
/// wasm-bindgen, returned) beside the page modules, shared chunks and the link module.
pub fn split(linked: &Path, work: &Path) -> Result<PathBuf, String> {
    step("split per page");
    let input = std::fs::read(linked).map_err(|e| format!("{}: {e}", linked.display()))?;
    let main_split = work.join(format!("{APP}_split.wasm"));
    let main_js = format!("./{APP}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = work;
    options.main_out_path = &main_split;
    options.main_module = &main_js;
    options.link_name = LINK_MODULE;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting {}: {e:#}", linked.display()))?;
    println!(
        "{} page module(s) and shared chunk(s) split off",
        split.split_modules.len()
    );
    Ok(main_split)
}

/// `index.html` with the app's module script, preloads of the main module and its glue, and
/// the worker script's address before `</head>`, replacing those of an earlier build, and without the placeholder that
/// keeps trunk from building the app itself (`<link data-trunk rel="rust" data-trunk-skip>`).
pub fn with_app_script(html: &str, public_url: &str, pkg: &str) -> String {
    const START: &str = "<!-- app module -->";
    const END: &str = "<!-- /app module -->";
    const PLACEHOLDER: &str = "<link data-trunk rel=\"rust\"";
    let mut html = html.to_owned();
    if let Some(start) = html.find(PLACEHOLDER) {
        if let Some(end) = html[start..].find('>') {
            html.replace_range(start..=start + end, "");
        }
    }
    if let (Some(start), Some(end)) = (html.find(START), html.find(END)) {
        html.replace_range(start..end + END.len(), "");
    }
    let base = format!("{}/", public_url.trim_end_matches('/'));
    let js = format!("{base}{pkg}/{APP}.js");
    let wasm = format!("{base}{pkg}/{APP}_bg.wasm");
    let worker = format!("{base}{pkg}/{}", WORKER_SCRIPT.0);
    let block = format!(
        "{START}\n<meta name=\"tokenrisk-worker\" content=\"{worker}\">\n\
         <link rel=\"modulepreload\" href=\"{js}\">\n\
         <link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
         <script type=\"module\">\nimport init from '{js}';\nawait init({{ module_or_path: '{wasm}' }});\n</script>\n{END}\n"
    );
    let at = html.find("</head>").unwrap_or(html.len());
    html.insert_str(at, &block);
    html
}

/// The trunk hook: builds the modules into the staging directory, writes the script into its
/// `index.html`, and removes the `pkg-*` directories of earlier builds.
pub fn into_trunk_staging() -> Result<(), String> {
    let staging = std::env::var("TRUNK_STAGING_DIR")
        .map_err(|_| "post-build runs as trunk's hook (TRUNK_STAGING_DIR is not set)")?;
    let staging = Path::new(&staging);
    let profile = Profile::from_trunk(&std::env::var("TRUNK_PROFILE").unwrap_or_default());
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_owned());
    for entry in std::fs::read_dir(staging).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let stale = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("pkg-"));
        if stale && path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(|e| e.to_string())?;
        }
    }
    let pkg = build_into(staging, profile)?;
    let index = staging.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    std::fs::write(&index, with_app_script(&html, &public_url, &pkg))
        .map_err(|e| format!("{}: {e}", index.display()))
}

/// The files of `dir`, sorted.
fn files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

/// The files of `dir` ending in `.extension`, sorted.
pub fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let mut files = files_in(dir)?;
    files.retain(|p| p.extension().is_some_and(|e| e == extension));
    Ok(files)
}

/// SHA-256 over the (sorted) files' names and bytes, first 16 hex digits.
fn content_hash(files: &[PathBuf]) -> Result<String, String> {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.file_name().unwrap_or_default().as_encoded_bytes());
        hasher.update(std::fs::read(file).map_err(|e| e.to_string())?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{with_app_script, without_relocations};

    #[test]
    fn relocation_sections_go_and_the_rest_stays_in_order() {
        // header; a type section (id 1); custom "linking"; custom "name"; custom "reloc.CODE".
        let custom = |name: &str, body: &[u8]| {
            let mut s = vec![0, (1 + name.len() + body.len()) as u8, name.len() as u8];
            s.extend_from_slice(name.as_bytes());
            s.extend_from_slice(body);
            s
        };
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1, 1, 0];
        let name = custom("name", &[9, 9]);
        let module = [
            header.clone(),
            types.clone(),
            custom("linking", &[2, 0]),
            name.clone(),
            custom("reloc.CODE", &[1, 2, 3]),
        ]
        .concat();
        assert_eq!(
            without_relocations(&module),
            Ok([header, types, name].concat())
        );
        assert!(without_relocations(b"\0asm\x01\0\0\0\x01\x09").is_err());
        assert!(without_relocations(b"not wasm").is_err());
    }

    #[test]
    fn the_script_goes_before_the_end_of_head_under_the_public_url_once() {
        let html = "<html><head><title>x</title><link data-trunk rel=\"rust\" data-trunk-skip data-trunk-id=\"0\"></head><body></body></html>";
        let once = with_app_script(html, "/token-risk-lab/", "pkg-0123");
        assert!(once.contains("import init from '/token-risk-lab/pkg-0123/token-risk-lab.js';"));
        assert!(once.contains(
            "await init({ module_or_path: '/token-risk-lab/pkg-0123/token-risk-lab_bg.wasm' });"
        ));
        assert!(once.find("<script type=\"module\">") < once.find("</head>"));
        assert!(once.contains(
            "<meta name=\"tokenrisk-worker\" content=\"/token-risk-lab/pkg-0123/simulation-worker.js\">"
        ));
        assert!(!once.contains("data-trunk"), "{once}");
        let twice = with_app_script(&once, "/", "pkg-4567");
        assert_eq!(twice.matches("<script type=\"module\">").count(), 1);
        assert!(twice.contains("'/pkg-4567/token-risk-lab.js'"));
        assert!(!twice.contains("pkg-0123"));
        assert_eq!(twice.matches("tokenrisk-worker").count(), 1);
    }
}
