//! Times the C ABI's `dmap_open` (read, verify, `Dict::prepare`, the entry templates) on the
//! worst cases of issue 10 (item 4) at about 1, 2 and 4 MB, next to the bundled dictionary, in
//! one run.
//!
//!     cargo run --release -p dicom-map-ffi --example dmap_open_worst_case
//!
//! The shapes are those of `dicom-map/tests/support/worst_case.rs`: every entry sharing one long
//! name and keyword, copies of it, tails of one string, and the same with generated keywords
//! (one long name, one name at the keyword rule's 256-byte limit, tails), and creators whose
//! spellings are the tails of one string or who share one long folded form. A linear open shows a
//! time per MB that stays flat as the file doubles. Each figure is the best of three opens.
//! Before the templates took their strings by offset (`TagView::string_refs`), the first shape
//! took 8.9 s at 1 MB; DEVELOPMENT.md ("Robustness and fuzzing", "`dmap_open` on hostile files") records the figures.

#[path = "../../dicom-map/tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;
#[path = "../../dicom-map/tests/support/worst_case.rs"]
#[allow(dead_code)]
mod worst_case;

use std::ffi::CString;
use std::time::{Duration, Instant};

use dicom_map_ffi::{dmap_close, dmap_open, dmap_status};
use worst_case::{worst_case, Shape};

/// The best of `runs` timings of `dmap_open` on the file at `path`.
fn best_open(path: &CString, runs: u32) -> Duration {
    (0..runs)
        .map(|_| {
            let mut status = dmap_status::DMAP_OK;
            let start = Instant::now();
            // SAFETY: `path` is a NUL-terminated string and `status` a valid pointer.
            let dict = unsafe { dmap_open(path.as_ptr(), &mut status) };
            let t = start.elapsed();
            assert!(!dict.is_null(), "dmap_open failed: {status:?}");
            // SAFETY: `dict` came from `dmap_open` and is closed once.
            unsafe { dmap_close(dict) };
            t
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    println!("| file | bytes | dmap_open (best of 3) | ms per MB |");
    println!("| --- | --- | --- | --- |");
    let dir = std::env::temp_dir().join(format!("dmap-open-worst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/../dicom-map/tags.dmap");
    let mut files = vec![(
        "bundled tags.dmap".to_owned(),
        std::fs::read(bundled).expect("dicom-map/tags.dmap"),
    )];
    for shape in Shape::ALL.into_iter().chain(Shape::CREATORS) {
        for size in [1_000_000, 2_000_000, 4_000_000] {
            files.push((format!("{shape:?}"), worst_case(shape, size)));
        }
    }
    for (i, (what, bytes)) in files.into_iter().enumerate() {
        let path = dir.join(format!("{i}.dmap"));
        std::fs::write(&path, &bytes).expect("a temporary file");
        let c = CString::new(path.to_str().expect("a UTF-8 path")).expect("no NUL");
        let t = best_open(&c, 3);
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "| {what} | {} | {:.1} ms | {:.1} |",
            bytes.len(),
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e3 / mb
        );
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir(&dir);
}
