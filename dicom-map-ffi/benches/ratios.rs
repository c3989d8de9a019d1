//! The C ABI against the Rust call, interleaved (`dicom-map/benches/interleave.rs`): per kind of
//! question of the real query sets (`dicom-map/benches/queries.txt`), `dmap_lookup` and
//! `Dict::lookup` (or the keyword lookups) are timed in the same rounds, and the target's ratio
//! (at most 2×) is the median of the per-round ratios; so is the one-question keyword lookup,
//! where the C ABI's fixed cost weighs most.
//!
//!     cargo bench -p dicom-map-ffi --bench ratios

#[path = "../../dicom-map/benches/interleave.rs"]
mod interleave;
#[path = "../../dicom-map/benches/queries.rs"]
mod queries;

use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::ptr;

use dicom_map::Dict;
use dicom_map_ffi::{
    dmap_dict, dmap_entry, dmap_lookup, dmap_lookup_keyword, dmap_open_embedded, dmap_status,
};
use interleave::Kind;

/// How many times a one-question kind asks its question per pass.
const REPEAT: usize = 500;

/// An open C dictionary, shared by the kinds' closures (the C ABI's calls are thread-safe, and the
/// benchmark is single-threaded).
#[derive(Clone, Copy)]
struct CDict(*const dmap_dict);

impl CDict {
    /// `dmap_lookup` into a scratch entry.
    fn lookup(self, group: u16, element: u16, creator: Option<&CStr>) -> dmap_status {
        let mut entry = MaybeUninit::<dmap_entry>::uninit();
        let creator = creator.map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: the dictionary is open for the whole run; `creator` is NULL or a C string;
        // `entry` is writable.
        unsafe { dmap_lookup(self.0, group, element, creator, entry.as_mut_ptr()) }
    }

    /// `dmap_lookup_keyword` into a scratch entry.
    fn lookup_keyword(self, keyword: &CStr) -> dmap_status {
        let mut entry = MaybeUninit::<dmap_entry>::uninit();
        // SAFETY: as above; `keyword` is a C string.
        unsafe { dmap_lookup_keyword(self.0, keyword.as_ptr(), ptr::null(), entry.as_mut_ptr()) }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks harness=false benches to list their tests
    }
    let rust: &'static Dict = dicom_map::embedded();
    rust.prepare();
    let mut status = dmap_status::DMAP_OK;
    // SAFETY: `status` is writable. The dictionary stays open until the process ends.
    let c = CDict(unsafe { dmap_open_embedded(&mut status) });
    assert!(!c.0.is_null(), "{status:?}");
    let sets: &'static queries::Sets = Box::leak(Box::new(queries::load(rust)));

    let mut kinds = Vec::new();
    let mut pairs = Vec::new();
    for (name, set) in sets.by_kind() {
        let c_set: &'static [(u16, u16, Option<CString>)] = set
            .iter()
            .map(|(g, e, cr)| (*g, *e, cr.as_deref().map(|cr| CString::new(cr).unwrap())))
            .collect::<Vec<_>>()
            .leak();
        for (g, e, cr) in c_set {
            let found = rust.lookup(*g, *e, cr.as_deref().map(|c| c.to_str().unwrap()));
            assert_eq!(
                c.lookup(*g, *e, cr.as_deref()) == dmap_status::DMAP_OK,
                found.is_some()
            );
        }
        pairs.push((kinds.len() + 1, kinds.len(), "≤ 2"));
        kinds.push(Kind::new(
            format!("{name}: Dict::lookup"),
            set.len(),
            move || {
                for (g, e, cr) in set {
                    black_box(rust.lookup(black_box(*g), *e, cr.as_deref()));
                }
            },
        ));
        kinds.push(Kind::new(
            format!("{name}: dmap_lookup"),
            set.len(),
            move || {
                for (g, e, cr) in c_set {
                    black_box(c.lookup(black_box(*g), *e, cr.as_deref()));
                }
            },
        ));
    }
    let keywords: &'static [String] = &sets.keywords;
    let c_keywords: &'static [CString] = keywords
        .iter()
        .map(|k| CString::new(k.as_str()).unwrap())
        .collect::<Vec<_>>()
        .leak();
    pairs.push((kinds.len() + 1, kinds.len(), "≤ 2"));
    kinds.push(Kind::new(
        "keyword -> tag: Dict::lookup_keyword",
        keywords.len(),
        move || {
            for k in keywords {
                black_box(rust.lookup_keyword(black_box(k), None));
            }
        },
    ));
    kinds.push(Kind::new(
        "keyword -> tag: dmap_lookup_keyword",
        keywords.len(),
        move || {
            for k in c_keywords {
                black_box(c.lookup_keyword(black_box(k)));
            }
        },
    ));
    pairs.push((kinds.len() + 1, kinds.len(), "≤ 2"));
    kinds.push(Kind::new(
        "one keyword, PatientName: Dict::lookup_keyword",
        REPEAT,
        move || {
            for _ in 0..REPEAT {
                black_box(rust.lookup_keyword(black_box("PatientName"), None));
            }
        },
    ));
    kinds.push(Kind::new(
        "one keyword, PatientName: dmap_lookup_keyword",
        REPEAT,
        move || {
            for _ in 0..REPEAT {
                black_box(c.lookup_keyword(black_box(c"PatientName")));
            }
        },
    ));
    let times = interleave::time(&kinds);
    times.print_medians("kind (real query set)");
    times.print_ratios(&pairs);
}
