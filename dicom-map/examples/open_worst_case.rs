//! Times opening on the worst cases of issue 10 (item 4) at about 1, 2 and 4 MB, next to the
//! bundled dictionary, in one run: `Dict::from_bytes` + `verify` + `prepare` (what the C ABI's
//! `dmap_open` runs before its templates) + the first keyword lookup.
//!
//!     cargo run --release -p dicom-map --example open_worst_case
//!
//! Every shape of `tests/support/worst_case.rs`: stored keywords (every entry referencing one
//! long name and keyword, entries alternating between two copies of it, entries referencing the
//! tails of one long string), generated keywords derived from long names (shared, at the rule's
//! 256-byte limit, tails), and creators (spellings that are tails of one string, many creators
//! sharing one long folded form). Linear opening shows a time per MB that stays flat as the file
//! doubles; before the keyword index grouped keywords per distinct string, `prepare` alone took
//! about 20 s on the 0.96 MB file of the first shape.

#[path = "../tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;
#[path = "../tests/support/worst_case.rs"]
#[allow(dead_code)]
mod worst_case;

use std::time::{Duration, Instant};

use dicom_map::Dict;
use worst_case::{worst_case, Shape};

/// The best of `runs` timings of (verify, prepare + first keyword lookup) on a fresh `Dict`.
fn best_open(bytes: &[u8], runs: u32) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        let start = Instant::now();
        let dict = Dict::from_bytes(bytes).expect("a valid file");
        dict.verify().expect("the file verifies");
        let verified = start.elapsed();
        dict.prepare();
        let _ = dict.lookup_keyword("PatientName", None);
        let total = start.elapsed();
        best.0 = best.0.min(verified);
        best.1 = best.1.min(total - verified);
    }
    best
}

fn main() {
    println!("| file | bytes | open + verify | prepare + first keyword lookup | total ms per MB |");
    println!("| --- | --- | --- | --- | --- |");
    let real =
        Dict::open(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap")).expect("dicom-map/tags.dmap");
    let mut files = vec![("bundled tags.dmap".to_owned(), real.as_bytes().to_vec())];
    for shape in Shape::ALL.into_iter().chain(Shape::CREATORS) {
        for size in [1_000_000, 2_000_000, 4_000_000] {
            files.push((format!("{shape:?}"), worst_case(shape, size)));
        }
    }
    for (what, bytes) in files {
        let (verify, prepare) = best_open(&bytes, 3);
        let mb = bytes.len() as f64 / 1e6;
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "| {what} | {} | {:.1} ms | {:.1} ms | {:.1} |",
            bytes.len(),
            ms(verify),
            ms(prepare),
            (ms(verify) + ms(prepare)) / mb
        );
    }
}
