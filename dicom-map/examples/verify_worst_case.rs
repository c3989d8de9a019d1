//! Times `Dict::verify` on the worst case of issue 10 (valid files whose entries all share one
//! long name and one long keyword) at three sizes, next to the bundled dictionary, in one run.
//!
//!     cargo run --release -p dicom-map --example verify_worst_case
//!
//! A verify that is linear up to a log factor shows a time per MB that stays nearly flat as the
//! file doubles; the quadratic one it replaced took 3.9, 15.5 and 63 s on files of 0.96, 1.9 and
//! 3.8 MB (issue 10).

#[path = "../tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;

use std::time::{Duration, Instant};

use dicom_map::Dict;

/// `n` public entries sharing one name and one keyword of `n` bytes each (the test builder keeps a
/// copy of both per entry, so its memory grows as `n²`: keep `n` in the thousands).
fn shared_name_and_keyword(n: u32) -> Vec<u8> {
    let keyword = "Ab".repeat(n as usize / 2);
    let name = "x ".repeat(n as usize / 2);
    let mut b = builder::Builder::new();
    for i in 0..n {
        b.public(0x0011_0000 + i * 2, &keyword, "CS", "1")
            .name(&name);
    }
    b.build()
}

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
    let real = dicom_map::Dict::open(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap"))
        .expect("dicom-map/tags.dmap");
    let mut files = vec![("bundled tags.dmap".to_owned(), real.as_bytes().to_vec())];
    for n in [2_000, 4_000, 8_000] {
        files.push((
            format!("{n} entries, shared name+keyword"),
            shared_name_and_keyword(n),
        ));
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
