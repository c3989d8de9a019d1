//! Replays every committed fuzz input (the seed corpus in `fuzz/seeds/` and the minimised crash
//! inputs in `fuzz/regressions/`) through the same harness functions the cargo-fuzz targets use,
//! on stable Rust, so `make test` keeps every crash the fuzzers found fixed. A panic fails the
//! test; the file name is printed first so the failing input is named.
#![cfg(feature = "embedded")]

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};

type Target = (&'static str, fn(&[u8]));

/// Every target, by the name of its directory.
const TARGETS: [Target; 5] = [
    ("parse", harness::parse),
    ("bytes", harness::bytes),
    ("mutated", harness::mutated),
    ("text", harness::text),
    ("search", harness::search),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted; the directory must exist (so a rename cannot
/// make this test pass by replaying nothing).
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

fn replay(kind: &str) -> usize {
    let mut count = 0;
    for (target, run) in TARGETS {
        for path in inputs(kind, target) {
            let data = std::fs::read(&path).unwrap();
            eprintln!(
                "replaying {kind}/{target}/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            run(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn seed_corpus_replays() {
    assert!(replay("seeds") >= TARGETS.len(), "every target has seeds");
}

#[test]
fn regression_inputs_replay() {
    // Directories may be empty when the fuzzers found nothing for a target.
    replay("regressions");
}

#[test]
fn the_harness_reaches_lookups_on_the_real_file() {
    // The mutated target with no edits is the sample: it must open and verify, or the target
    // would only ever exercise the error paths.
    let dict = dicom_map::Dict::from_bytes(harness::real()).unwrap();
    dict.verify().unwrap();
    harness::mutated(&[]);
    harness::text("000\u{f6}000".as_bytes());
    assert!(dicom_map::parse_tag("000\u{f6}000").is_err());
}

/// The sample the `mutated` and `search` targets use is a valid file with every table filled,
/// and each of its entries says what the bundled dictionary says about the same key.
#[test]
fn the_fuzz_sample_is_valid_and_faithful() {
    let sample = dicom_map::Dict::from_bytes(harness::small()).unwrap();
    sample.verify().unwrap();
    assert!(
        harness::small().len() < 200_000,
        "{} bytes",
        harness::small().len()
    );
    for id in [
        "PUBL", "RPTR", "PRIV", "PRPT", "CRTR", "CSPL", "CFLD", "CAND", "KWIX", "DESC",
    ] {
        let row = sample
            .sections()
            .iter()
            .find(|s| s.id.to_string() == id)
            .unwrap();
        assert!(row.length > 0, "{id} is empty");
    }
    let real: std::collections::HashMap<_, _> = dicom_map::embedded()
        .entries()
        .map(|v| ((v.pattern(), v.creator()), v))
        .collect();
    let mut kinds = std::collections::BTreeSet::new();
    for v in sample.entries() {
        let found = real
            .get(&(v.pattern(), v.creator()))
            .unwrap_or_else(|| panic!("{} {:?} not in the real file", v.pattern(), v.creator()));
        assert_eq!(
            (
                found.pattern(),
                found.keyword(),
                found.name(),
                found.vr(),
                found.vm()
            ),
            (v.pattern(), v.keyword(), v.name(), v.vr(), v.vm())
        );
        assert_eq!(found.candidates().count(), v.candidates().count());
        kinds.insert(format!("{:?}", v.kind()));
    }
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(sample.entries().any(|v| v.keyword_generated()));
    assert!(sample.search("pixel").next().is_some());
}
