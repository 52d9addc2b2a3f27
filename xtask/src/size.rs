//! `cargo xtask size [--top N]`: where the app's WebAssembly goes, per module, per crate and
//! per function.
//!
//! It reads the modules the split makes of what cargo links (before wasm-bindgen and
//! wasm-opt, so every function keeps its name): the main module, which the first view
//! downloads, in full, and each page module and shared chunk in total. It attributes each function body to a crate by its demangled name:
//! an inherent function to its path's crate; a trait method to its type's crate, or to the
//! trait's crate when the type is the standard library's (`<Vec<T> as tachys::Render>::build`
//! is Leptos' rendering code); drop glue to the dropped type's crate. Sizes are before
//! wasm-opt, so they rank the parts; `cargo xtask bench` measures what the browser downloads.

use crate::option;
use crate::wasm_build;
use std::collections::HashMap;
use wasmparser::{KnownCustom, Name, Parser, Payload};

/// The standard library's crates: their generic code instantiated for another crate's types
/// is charged to the trait's crate (see the module comment).
const STD_CRATES: [&str; 3] = ["core", "alloc", "std"];

/// `cargo xtask size [--top N]`.
pub fn command(args: &[String]) -> Result<(), String> {
    let top = option(args, "--top")
        .map(|n| {
            n.parse::<usize>()
                .map_err(|_| format!("--top {n} is not a count"))
        })
        .transpose()?
        .unwrap_or(30);
    let linked = wasm_build::cargo_build(wasm_build::Profile::Release)?;
    let work = wasm_build::fresh_work_dir("size")?;
    let main = wasm_build::split(&linked, &work)?;
    let read = |path: &std::path::Path| {
        std::fs::read(path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|bytes| Module::read(&bytes))
    };
    println!("\n| module (before wasm-opt) | KB |\n|---|---:|");
    for path in wasm_build::files_with_extension(&work, "wasm")? {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!("| `{name}` | {} |", kb(read(&path)?.shipped()));
    }
    println!("\nThe main module (what the first view downloads):\n");
    println!("{}", read(&main)?.report(top));
    Ok(())
}

/// The parts of a module that take room: each function body with its name, and the other
/// sections by kind.
#[derive(Debug, Default)]
pub struct Module {
    /// (demangled name without its hash, body size in bytes).
    pub functions: Vec<(String, usize)>,
    /// (section, size in bytes) for everything that is not a function body.
    pub sections: Vec<(String, usize)>,
}

impl Module {
    /// Reads a module's function bodies and their names.
    pub fn read(bytes: &[u8]) -> Result<Self, String> {
        let mut imported = 0u32;
        let mut bodies = Vec::new();
        let mut names = HashMap::new();
        let mut sections: HashMap<String, usize> = HashMap::new();
        for payload in Parser::new(0).parse_all(bytes) {
            let payload = payload.map_err(|e| format!("not a WebAssembly module: {e}"))?;
            match payload {
                Payload::ImportSection(reader) => {
                    for imports in reader {
                        let imports = imports.map_err(|e| e.to_string())?;
                        imported += imports
                            .into_iter()
                            .filter_map(Result::ok)
                            .filter(|(_, i)| matches!(i.ty, wasmparser::TypeRef::Func(_)))
                            .count() as u32;
                    }
                }
                Payload::CodeSectionEntry(body) => bodies.push(span(body.range())),
                Payload::DataSection(reader) => {
                    *sections
                        .entry("data (static strings and tables)".into())
                        .or_default() += span(reader.range());
                }
                Payload::CustomSection(custom) => {
                    if let KnownCustom::Name(reader) = custom.as_known() {
                        for name in reader.into_iter().filter_map(Result::ok) {
                            if let Name::Function(map) = name {
                                for naming in map.into_iter().filter_map(Result::ok) {
                                    names.insert(naming.index, naming.name);
                                }
                            }
                        }
                    }
                    let kind = if custom.name().starts_with(".debug") {
                        "debug info (not shipped)".to_owned()
                    } else {
                        format!("custom section {} (not shipped)", custom.name())
                    };
                    *sections.entry(kind).or_default() += custom.data().len();
                }
                _ => {}
            }
        }
        let functions = bodies
            .into_iter()
            .enumerate()
            .map(|(i, size)| {
                let index = imported + i as u32;
                let name = names.get(&index).map_or_else(
                    || format!("function #{index} (unnamed)"),
                    |n| format!("{:#}", rustc_demangle::demangle(n)),
                );
                (name, size)
            })
            .collect();
        let mut sections: Vec<_> = sections.into_iter().collect();
        sections.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(Self {
            functions,
            sections,
        })
    }

    /// Function bytes per crate, largest first: (crate, bytes, functions).
    pub fn by_crate(&self) -> Vec<(String, usize, usize)> {
        let mut totals: HashMap<&str, (usize, usize)> = HashMap::new();
        for (name, size) in &self.functions {
            let entry = totals.entry(owner(name)).or_default();
            entry.0 += size;
            entry.1 += 1;
        }
        let mut rows: Vec<_> = totals
            .into_iter()
            .map(|(krate, (bytes, count))| (krate.to_owned(), bytes, count))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    }

    /// The bytes of function bodies and data: what the browser gets, before wasm-opt.
    pub fn shipped(&self) -> usize {
        self.functions.iter().map(|f| f.1).sum::<usize>()
            + self
                .sections
                .iter()
                .filter(|s| !s.0.contains("not shipped"))
                .map(|s| s.1)
                .sum::<usize>()
    }

    /// The report as Markdown tables: sections, crates, then the `top` largest functions.
    pub fn report(&self, top: usize) -> String {
        let code: usize = self.functions.iter().map(|f| f.1).sum();
        let shipped = self.shipped();
        let percent = |bytes: usize| 100.0 * bytes as f64 / shipped.max(1) as f64;
        let mut out = format!(
            "{} KB of code and data (before wasm-opt).\n\n\
             | part | KB | % |\n|---|---:|---:|\n| function bodies | {} | {:.1} |\n",
            kb(shipped),
            kb(code),
            percent(code)
        );
        for (section, bytes) in &self.sections {
            out += &format!("| {section} | {} | {:.1} |\n", kb(*bytes), percent(*bytes));
        }
        out += "\n| crate | KB | % | functions |\n|---|---:|---:|---:|\n";
        for (krate, bytes, count) in self.by_crate() {
            out += &format!(
                "| `{krate}` | {} | {:.1} | {count} |\n",
                kb(bytes),
                percent(bytes)
            );
        }
        let mut largest: Vec<_> = self.functions.iter().collect();
        largest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out += &format!("\n| largest functions (top {top}) | KB |\n|---|---:|\n");
        for (name, bytes) in largest.into_iter().take(top) {
            out += &format!("| `{}` | {:.1} |\n", shorten(name), *bytes as f64 / 1024.0);
        }
        out
    }
}

/// The crate a demangled function name is charged to (see the module comment).
pub fn owner(name: &str) -> &str {
    if name.starts_with("function #") {
        return "(unnamed)";
    }
    if let Some(dropped) = name
        .strip_prefix("core::ptr::drop_in_place<")
        .filter(|rest| !rest.is_empty())
    {
        return first_crate(dropped);
    }
    let own = first_crate(name);
    if !STD_CRATES.contains(&own) {
        return own;
    }
    match trait_of(name) {
        Some(trait_path) if !STD_CRATES.contains(&first_crate(trait_path)) => {
            first_crate(trait_path)
        }
        _ => own,
    }
}

/// The first crate named in a path, past any `<`, `&`, `*const`, `[`, `(` or `dyn`; a
/// primitive or slice type (`<[f64]>::sort_by`, `<u64 as Display>::fmt`) is `core`'s.
fn first_crate(path: &str) -> &str {
    let mut rest = path;
    loop {
        let trimmed = rest
            .trim_start_matches(['<', '&', '[', '(', ' '])
            .trim_start_matches("mut ")
            .trim_start_matches("*const ")
            .trim_start_matches("*mut ")
            .trim_start_matches("dyn ");
        if trimmed.len() == rest.len() {
            break;
        }
        rest = trimmed;
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if end == 0 {
        "(other)"
    } else if rest[end..].starts_with("::") {
        &rest[..end]
    } else {
        "core"
    }
}

/// The trait in `<Type as Trait>::method`, at the outermost angle bracket.
fn trait_of(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('<')?;
    let mut depth = 0usize;
    for (i, c) in inner.char_indices() {
        match c {
            '<' => depth += 1,
            '>' if depth == 0 => return None,
            '>' => depth -= 1,
            ' ' if depth == 0 => return inner[i..].strip_prefix(" as "),
            _ => {}
        }
    }
    None
}

/// A function name cut to a readable length for the table.
fn shorten(name: &str) -> String {
    const MAX: usize = 110;
    let cleaned = name.replace('|', "\\|");
    if cleaned.chars().count() <= MAX {
        cleaned
    } else {
        cleaned.chars().take(MAX).collect::<String>() + "…"
    }
}

/// The length of a byte range of the module.
fn span<T: TryInto<usize>>(range: std::ops::Range<T>) -> usize {
    let (start, end) = (range.start.try_into(), range.end.try_into());
    match (start, end) {
        (Ok(start), Ok(end)) => end - start,
        _ => 0,
    }
}

fn kb(bytes: usize) -> String {
    format!("{:.0}", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::owner;

    #[test]
    fn functions_are_charged_to_the_crate_whose_code_they_are() {
        assert_eq!(owner("tokenrisk_core::risk::var"), "tokenrisk_core");
        assert_eq!(owner("core::fmt::write"), "core");
        assert_eq!(
            owner("<alloc::vec::Vec<T> as tachys::view::Render>::build"),
            "tachys"
        );
        assert_eq!(
            owner("<tokenrisk_charts::Theme as core::fmt::Debug>::fmt"),
            "tokenrisk_charts"
        );
        assert_eq!(
            owner("<&mut serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_any"),
            "serde_json"
        );
        assert_eq!(
            owner("<core::option::Option<T> as core::clone::Clone>::clone"),
            "core"
        );
        assert_eq!(
            owner("core::ptr::drop_in_place<reactive_graph::owner::Owner>"),
            "reactive_graph"
        );
        assert_eq!(
            owner("core::ptr::drop_in_place<(alloc::string::String, u32)>"),
            "alloc"
        );
        assert_eq!(owner("function #12 (unnamed)"), "(unnamed)");
        assert_eq!(owner("<[f64]>::sort_by"), "core");
        assert_eq!(
            owner("<u64 as tokenrisk_core::Sample>::draw"),
            "tokenrisk_core"
        );
        assert_eq!(owner(""), "(other)");
    }
}
