//! "No allocation per lookup", measured: a global allocator counts the allocations of the
//! current thread around many calls of every lookup export, and the count must not move.
//! (Opening allocates: that is where the tables lookups borrow from are built.)

use std::ffi::{c_char, CString};
use std::mem::MaybeUninit;
use std::ptr;

use dicom_map_ffi::*;

#[path = "../../dicom-map/tests/counting_alloc/mod.rs"]
mod counting_alloc;
use counting_alloc::allocations;

fn open() -> *mut dmap_dict {
    let path = CString::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../dicom-map/tags.dmap"
    ))
    .unwrap();
    let mut status = dmap_status::DMAP_ERR_PANIC;
    // SAFETY: a valid path and status pointer.
    let d = unsafe { dmap_open(path.as_ptr(), &mut status) };
    assert!(!d.is_null(), "open dicom-map/tags.dmap: {status:?}");
    d
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Strings used by the workload, made before counting starts.
struct Inputs {
    csa: CString,
    csa_padded: CString,
    csa_folded: CString,
    mr: CString,
    unknown: CString,
    overlong_folded: CString,
    overlong_unknown: CString,
    not_utf8: CString,
    kw_public: CString,
    kw_private: CString,
    kw_missing: CString,
}

/// One round of every kind of lookup; returns how many calls answered `DMAP_OK`.
fn workload(d: *const dmap_dict, inp: &Inputs) -> usize {
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    let e = e.as_mut_ptr();
    let (mut g, mut el) = (0u16, 0u16);
    let mut count = 0usize;
    let mut ok = 0;
    let creator = |s: &CString| s.as_ptr();
    let none: *const c_char = ptr::null();
    // SAFETY: `d` is open; every pointer is valid or deliberately NULL.
    unsafe {
        let calls = [
            dmap_lookup(d, 0x0008, 0x0005, none, e), // public
            dmap_lookup(d, 0x0028, 0x0106, none, e), // public, two VRs
            dmap_lookup(d, 0x6002, 0x3000, none, e), // repeating group
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.csa), e), // private, full element
            dmap_lookup(d, 0x0029, 0x0010, creator(&inp.csa), e), // private, low byte
            dmap_lookup(d, 0x0029, 0x1110, creator(&inp.csa), e), // private, other block
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.csa_padded), e), // padded creator
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.csa_folded), e), // folded creator
            dmap_lookup(d, 0x0029, 0x0010, creator(&inp.csa_folded), e), // folded, low byte
            dmap_lookup(d, 0x0019, 0x100C, creator(&inp.mr), e), // generated keyword
            dmap_lookup(d, 0x0029, 0x0000, none, e), // group length
            dmap_lookup(d, 0x0029, 0x0010, none, e), // private creator
            dmap_lookup(d, 0x0008, 0x0003, none, e), // miss
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.unknown), e), // unknown creator
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.overlong_folded), e), // 40 kB, folded
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.overlong_unknown), e), // 40 kB, unknown
            dmap_lookup(d, 0x6001, 0x3000, creator(&inp.csa), e), // private: no fall-through
            dmap_lookup(d, 0x0029, 0x1010, creator(&inp.not_utf8), e), // invalid argument
            dmap_lookup(ptr::null(), 0x0008, 0x0005, none, e), // NULL argument
            dmap_lookup(d, 0x0008, 0x0005, none, ptr::null_mut()), // NULL argument
            dmap_lookup_keyword(d, inp.kw_public.as_ptr(), none, e),
            dmap_lookup_keyword(d, inp.kw_private.as_ptr(), none, e),
            dmap_lookup_keyword(d, inp.kw_private.as_ptr(), creator(&inp.csa), e),
            dmap_lookup_keyword(d, inp.kw_private.as_ptr(), creator(&inp.csa_folded), e),
            dmap_lookup_keyword(d, inp.kw_private.as_ptr(), creator(&inp.unknown), e),
            dmap_lookup_keyword(d, inp.kw_missing.as_ptr(), none, e),
            dmap_tag_for_keyword(d, inp.kw_public.as_ptr(), &mut g, &mut el),
            dmap_count(d, &mut count),
            dmap_entry_at(d, 0, e),
            dmap_entry_at(d, usize::MAX, e),
        ];
        ok += calls.iter().filter(|s| **s == dmap_status::DMAP_OK).count();
        let _ = dmap_edition(d);
        let _ = dmap_status_message(1);
        let _ = dmap_last_error_message();
        for i in 0..count {
            ok += usize::from(dmap_entry_at(d, i, e) == dmap_status::DMAP_OK);
        }
    }
    ok
}

#[test]
fn lookups_allocate_nothing() {
    let d = open();
    let inp = Inputs {
        csa: c("SIEMENS CSA HEADER"),
        csa_padded: c(" SIEMENS CSA HEADER  "),
        csa_folded: c("siemens  csa header"),
        mr: c("SIEMENS MR HEADER"),
        unknown: c("NO SUCH CREATOR"),
        overlong_folded: c(&"siemens csa header".replace(' ', &" \t".repeat(10_000))),
        overlong_unknown: c(&"X".repeat(40_000)),
        not_utf8: CString::new(b"SIEMENS \xff".to_vec()).unwrap(),
        kw_public: c("SpecificCharacterSet"),
        kw_private: c("CSAImageHeaderInfo"),
        kw_missing: c("NoSuchKeywordAnywhere"),
    };
    // Warm up: the first failing call on a thread may initialise thread-local state.
    let first = workload(d, &inp);
    let before = allocations();
    let mut ok = 0;
    for _ in 0..20 {
        ok += workload(d, &inp);
    }
    let during = allocations() - before;
    assert_eq!(ok, 20 * first);
    assert!(first > 15_000, "the workload answered only {first} calls");
    assert_eq!(
        during, 0,
        "{during} allocations in {ok} successful lookup calls"
    );
    // SAFETY: opened above, closed once.
    unsafe { dmap_close(d) };
}

/// The counter works: the same harness sees the allocations of opening a dictionary.
#[test]
fn the_counter_sees_allocations() {
    let before = allocations();
    let d = open();
    assert!(allocations() > before);
    // SAFETY: opened above, closed once.
    unsafe { dmap_close(d) };
}
