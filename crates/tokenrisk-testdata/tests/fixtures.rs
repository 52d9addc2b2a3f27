//! The committed fixtures are what `fixtures/PROVENANCE.md` says they are: every market cut is
//! the header and the last rows of the shared export, byte for byte, and every API sample a
//! whole copy. Checked against `../shared` when it is there.

use std::path::Path;
use tokenrisk_testdata::{fixtures_dir, DataSet};

fn files(dir: &Path, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            out.extend(files(&path, ext).into_iter().map(|f| format!("{name}/{f}")));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(
                path.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    out.sort();
    out
}

#[test]
fn fixtures_are_small_and_every_file_has_its_provenance() {
    let dir = fixtures_dir();
    let provenance = std::fs::read_to_string(dir.join("PROVENANCE.md")).expect("provenance");
    let market = files(&dir.join("market"), "csv");
    let samples = files(&dir.join("api-samples"), "json");
    assert_eq!(market.len(), 9, "{market:?}");
    let mut total = 0;
    for (kind, name) in market
        .iter()
        .map(|f| ("market", f))
        .chain(samples.iter().map(|f| ("api-samples", f)))
    {
        let row = format!("| `{kind}/{name}` |");
        assert!(
            provenance.contains(&row),
            "{row} missing from PROVENANCE.md"
        );
        total += std::fs::metadata(dir.join(kind).join(name))
            .expect("file")
            .len();
    }
    assert!(total < 1_000_000, "fixtures take {total} bytes");
}

#[test]
fn fixtures_are_cuts_of_the_full_histories() {
    if !DataSet::available().contains(&DataSet::Full) {
        eprintln!("shared data absent: the fixtures cannot be compared with it");
        return;
    }
    let dir = fixtures_dir();
    for name in files(&dir.join("market"), "csv") {
        let cut = DataSet::Fixtures.read_market_file(&name);
        let full = DataSet::Full.read_market_file(&name);
        let header = cut.lines().next().expect("header");
        assert_eq!(full.lines().next(), Some(header), "{name}: header");
        let rows = &cut[header.len()..];
        assert!(
            rows.len() > 1 && full.ends_with(rows),
            "{name}: not a tail of the shared file"
        );
    }
    for name in files(&dir.join("api-samples"), "json") {
        let copy = std::fs::read(dir.join("api-samples").join(&name)).expect("copy");
        let original =
            std::fs::read(DataSet::Full.root().join("api-samples").join(&name)).expect("shared");
        if name.starts_with("sec_edgar/companyfacts_") {
            assert_concepts_are_the_originals(&name, &copy, &original);
        } else {
            assert_eq!(copy, original, "{name}");
        }
    }
}

/// A companyfacts cut keeps the company and some us-gaap concepts of the shared answer, each
/// whole.
fn assert_concepts_are_the_originals(name: &str, cut: &[u8], original: &[u8]) {
    let cut: serde_json::Value = serde_json::from_slice(cut).expect("cut is JSON");
    let original: serde_json::Value = serde_json::from_slice(original).expect("shared is JSON");
    for key in ["cik", "entityName"] {
        assert_eq!(cut[key], original[key], "{name}: {key}");
    }
    let concepts = cut["facts"]["us-gaap"]
        .as_object()
        .expect("us-gaap concepts");
    assert!(!concepts.is_empty(), "{name}: no concept kept");
    for (tag, concept) in concepts {
        assert_eq!(concept, &original["facts"]["us-gaap"][tag], "{name}: {tag}");
    }
}
