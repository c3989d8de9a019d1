//! The cost of the C ABI over the Rust call: `dmap_lookup` against `Dict::lookup` (and the
//! keyword lookups), the same questions to the same bundled dictionary in one run, so that the
//! ratio of each pair is what BENCHMARKS.md reports (target: at most 2×). Run with `make bench`.
//!
//! First one question of each kind, then the real query sets of `dicom-map/benches/queries.txt`
//! (the public tags and private elements of real files, see `make_queries.py` there), each set
//! whole per iteration, the Rust side returning its view to `black_box` as C gets its entry.

#[path = "../../dicom-map/benches/queries.rs"]
mod queries;

use std::ffi::{c_char, CStr, CString};
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::ptr;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dicom_map::Dict;
use dicom_map_ffi::{
    dmap_close, dmap_entry, dmap_lookup, dmap_lookup_keyword, dmap_open_embedded, dmap_status,
};

/// `(name, group, element, creator)`: one question of each kind.
const QUERIES: [(&str, u16, u16, Option<&CStr>); 6] = [
    ("public hit (0008,0005)", 0x0008, 0x0005, None),
    (
        "private hit, full element (0029,1010)",
        0x0029,
        0x1010,
        Some(c"SIEMENS CSA HEADER"),
    ),
    (
        "private hit, low byte (0029,0010)",
        0x0029,
        0x0010,
        Some(c"SIEMENS CSA HEADER"),
    ),
    (
        "folded-creator hit (0029,1010)",
        0x0029,
        0x1010,
        Some(c"siemens csa header"),
    ),
    ("repeater hit (6002,3000)", 0x6002, 0x3000, None),
    (
        "miss, unknown creator (0029,1010)",
        0x0029,
        0x1010,
        Some(c"NO SUCH CREATOR"),
    ),
];

fn c_vs_rust(c: &mut Criterion) {
    let rust = Dict::embedded();
    rust.prepare();
    let mut status = dmap_status::DMAP_OK;
    // SAFETY: `status` is writable; the dictionary is closed at the end.
    let dict = unsafe { dmap_open_embedded(&mut status) };
    assert!(!dict.is_null(), "{status:?}");
    let mut entry = MaybeUninit::<dmap_entry>::uninit();

    for (name, group, element, creator) in QUERIES {
        let text = creator.map(|c| c.to_str().unwrap());
        let cptr: *const c_char = creator.map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: `dict` is open, `cptr` NULL or a C string, `entry` writable.
        let c_found = unsafe { dmap_lookup(dict, group, element, cptr, entry.as_mut_ptr()) };
        let r_found = rust.lookup(group, element, text).is_some();
        assert_eq!(c_found == dmap_status::DMAP_OK, r_found, "{name}");
        let mut g = c.benchmark_group(format!("C ABI vs Rust: {name}"));
        g.bench_function("Dict::lookup", |b| {
            b.iter(|| {
                rust.lookup(black_box(group), black_box(element), black_box(text))
                    .map(|v| v.entry_id())
            })
        });
        g.bench_function("dmap_lookup", |b| {
            b.iter(|| {
                // SAFETY: as above.
                unsafe {
                    dmap_lookup(
                        dict,
                        black_box(group),
                        black_box(element),
                        black_box(cptr),
                        entry.as_mut_ptr(),
                    )
                }
            })
        });
        g.finish();
    }

    let mut g = c.benchmark_group("C ABI vs Rust: keyword (PatientName)");
    g.bench_function("Dict::lookup_keyword", |b| {
        b.iter(|| {
            rust.lookup_keyword(black_box("PatientName"), None)
                .map(|v| v.entry_id())
        })
    });
    g.bench_function("dmap_lookup_keyword", |b| {
        b.iter(|| {
            // SAFETY: as above.
            unsafe {
                dmap_lookup_keyword(
                    dict,
                    black_box(c"PatientName".as_ptr()),
                    ptr::null(),
                    entry.as_mut_ptr(),
                )
            }
        })
    });
    g.finish();
    // SAFETY: opened above, closed once.
    unsafe { dmap_close(dict) };
}

/// Both calls over each real query set.
fn real_query_sets(c: &mut Criterion) {
    let rust = Dict::embedded();
    rust.prepare();
    let sets = queries::load(&rust);
    let mut status = dmap_status::DMAP_OK;
    let dict = unsafe { dmap_open_embedded(&mut status) };
    assert!(!dict.is_null(), "{status:?}");
    let mut entry = MaybeUninit::<dmap_entry>::uninit();
    for (name, set) in sets.by_kind() {
        let c_set: Vec<(u16, u16, Option<CString>)> = set
            .iter()
            .map(|(g, e, c)| (*g, *e, c.as_deref().map(|c| CString::new(c).unwrap())))
            .collect();
        let mut g = c.benchmark_group(format!("C ABI vs Rust, real query set: {name}"));
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function("Dict::lookup", |b| {
            b.iter(|| {
                for (group, element, creator) in set {
                    black_box(rust.lookup(black_box(*group), *element, creator.as_deref()));
                }
            })
        });
        g.bench_function("dmap_lookup", |b| {
            b.iter(|| {
                for (group, element, creator) in &c_set {
                    let cptr = creator.as_deref().map_or(ptr::null(), CStr::as_ptr);
                    black_box(unsafe {
                        dmap_lookup(dict, black_box(*group), *element, cptr, entry.as_mut_ptr())
                    });
                }
            })
        });
        g.finish();
    }
    let keywords: Vec<CString> = sets
        .keywords
        .iter()
        .map(|k| CString::new(k.as_str()).unwrap())
        .collect();
    let mut g = c.benchmark_group("C ABI vs Rust, real query set: keyword -> tag");
    g.throughput(Throughput::Elements(keywords.len() as u64));
    g.bench_function("Dict::lookup_keyword", |b| {
        b.iter(|| {
            for k in &sets.keywords {
                black_box(rust.lookup_keyword(black_box(k), None));
            }
        })
    });
    g.bench_function("dmap_lookup_keyword", |b| {
        b.iter(|| {
            for k in &keywords {
                black_box(unsafe {
                    dmap_lookup_keyword(
                        dict,
                        black_box(k.as_ptr()),
                        ptr::null(),
                        entry.as_mut_ptr(),
                    )
                });
            }
        })
    });
    g.finish();
    unsafe { dmap_close(dict) };
}

criterion_group!(benches, c_vs_rust, real_query_sets);
criterion_main!(benches);
