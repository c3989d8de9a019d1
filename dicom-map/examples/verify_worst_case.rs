//! Times `Dict::verify` on the worst cases of issue 10 at the sizes (0.96, 1.9 and
//! 3.8 MB), next to the bundled dictionary, in one run.
//!
//!     cargo run --release -p dicom-map --example verify_worst_case
//!
//! Every shape of valid file in `tests/support/worst_case.rs`: every entry referencing one long
//! name and keyword (issue 10's files), entries alternating between two copies of one long
//! keyword, entries referencing the tails of one long string, the same with generated keywords
//! derived from long names, and creators whose spellings or folded forms are long. A linear
//! `verify` shows a time per MB that stays flat as the file doubles; the quadratic one of issue 10
//! took 3.9, 15.5 and 63 s on the first shape at these sizes.

#[path = "../tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;
#[path = "../tests/support/worst_case.rs"]
#[allow(dead_code)]
mod worst_case;

use std::time::{Duration, Instant};

use dicom_map::Dict;
use worst_case::{worst_case, Shape};

/// The best of `runs` timings of `verify` (the machine is shared: the minimum is the least noisy).
fn best_verify(bytes: &[u8], runs: u32) -> Duration {
    let dict = Dict::from_bytes(bytes).expect("a valid file");
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            dict.verify().expect("the file verifies");
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    println!("| file | bytes | verify (best of 5) | ms per MB |");
    println!("| --- | --- | --- | --- |");
    let real =
        Dict::open(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap")).expect("dicom-map/tags.dmap");
    let mut files = vec![("bundled tags.dmap".to_owned(), real.as_bytes().to_vec())];
    for shape in Shape::ALL.into_iter().chain(Shape::CREATORS) {
        for size in [960_000, 1_900_000, 3_800_000] {
            files.push((format!("{shape:?}"), worst_case(shape, size)));
        }
    }
    for (what, bytes) in files {
        let t = best_verify(&bytes, 5);
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "| {what} | {} | {:.1} ms | {:.1} |",
            bytes.len(),
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e3 / mb
        );
    }
}
