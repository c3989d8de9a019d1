//! `dmap_open` on the worst-case files of issue 10 (every entry sharing one long name and
//! keyword, copies of it, tails of one string, and the same with generated keywords) and on the
//! bundled dictionary: it succeeds, and every string of every entry it hands out is a pointer
//! into the one copy of the file's string pool, at the string's own offset. So opening fills no
//! entry by copying or re-reading its strings: a template is pointers at the offsets the core
//! reports (`TagView::string_refs`), which is what keeps opening linear in the file's size on
//! these files (the times are in DEVELOPMENT.md, "Robustness and fuzzing", from
//! `cargo run --release -p dicom-map-ffi --example dmap_open_worst_case`). Generated keywords,
//! which the pool does not hold, come from the core's keyword index, and are at most 256 bytes
//! of name plus the tag suffix long, whatever the name.

#[path = "../../dicom-map/tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;
#[path = "../../dicom-map/tests/support/worst_case.rs"]
#[allow(dead_code)]
mod worst_case;

use std::ffi::{c_char, CStr, CString};
use std::mem::MaybeUninit;

use dicom_map::{Dict, TagView};
use dicom_map_ffi::*;
use worst_case::{worst_case, Shape};

/// A dictionary opened with `dmap_open` from a file holding `bytes`.
struct Open(*mut dmap_dict);

impl Open {
    fn file(bytes: &[u8]) -> Open {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tags.dmap");
        std::fs::write(&path, bytes).unwrap();
        let c = CString::new(path.to_str().unwrap()).unwrap();
        let mut status = dmap_status::DMAP_ERR_PANIC;
        // SAFETY: valid arguments.
        let d = unsafe { dmap_open(c.as_ptr(), &mut status) };
        assert_eq!(status, dmap_status::DMAP_OK);
        assert!(!d.is_null());
        Open(d)
    }

    fn entry_at(&self, i: usize) -> dmap_entry {
        let mut e = MaybeUninit::<dmap_entry>::uninit();
        // SAFETY: valid arguments.
        assert_eq!(
            unsafe { dmap_entry_at(self.0, i, e.as_mut_ptr()) },
            dmap_status::DMAP_OK
        );
        // SAFETY: DMAP_OK means the entry was written.
        unsafe { e.assume_init() }
    }

    fn lookup(&self, group: u16, element: u16) -> dmap_entry {
        let mut e = MaybeUninit::<dmap_entry>::uninit();
        // SAFETY: valid arguments.
        assert_eq!(
            unsafe { dmap_lookup(self.0, group, element, std::ptr::null(), e.as_mut_ptr()) },
            dmap_status::DMAP_OK
        );
        // SAFETY: DMAP_OK means the entry was written.
        unsafe { e.assume_init() }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        // SAFETY: opened by `Open::file`, closed once.
        unsafe { dmap_close(self.0) };
    }
}

/// Where the C side's copy of the pool lies, found from one non-empty string, and the Rust side's
/// pool (of a `Dict` of the same bytes) to read offsets from.
struct Pools<'a> {
    base: usize,
    pool: &'a [u8],
}

impl Pools<'_> {
    /// The offset of a string the Rust accessors returned (borrowed from `pool`).
    fn offset(&self, s: &str) -> usize {
        let at = (s.as_ptr() as usize).wrapping_sub(self.pool.as_ptr() as usize);
        assert!(at < self.pool.len(), "{s:?} is not borrowed from the pool");
        at
    }

    /// Asserts that `p` points into the C side's pool at the offset of `s` (any `0x00` of the
    /// pool when `s` is empty, since every empty string is the same).
    fn check(&self, p: *const c_char, s: &str, what: &str) {
        let at = (p as usize).wrapping_sub(self.base);
        assert!(at < self.pool.len(), "{what} {s:?} is not in the pool");
        if s.is_empty() {
            assert_eq!(self.pool[at], 0, "{what}");
        } else {
            assert_eq!(at, self.offset(s), "{what} {s:?}");
        }
        // SAFETY: a string of the dictionary, NUL-terminated.
        assert_eq!(unsafe { CStr::from_ptr(p) }.to_str(), Ok(s), "{what}");
    }

    fn in_pool(&self, p: *const c_char) -> bool {
        (p as usize).wrapping_sub(self.base) < self.pool.len()
    }

    /// Every string of `e` against the view `v` of the same entry.
    fn check_entry(&self, e: &dmap_entry, v: &TagView<'_>) {
        self.check(e.name, v.name(), "name");
        self.check(e.vm, v.vm(), "vm");
        self.check(e.description, v.description(), "description");
        self.check(e.creator, v.creator().unwrap_or(""), "creator");
        self.check(e.vendor, v.vendor().unwrap_or(""), "vendor");
        self.check(e.sources, v.sources_summary(), "sources");
        let keyword = v.keyword();
        if v.keyword_generated() {
            assert!(
                !self.in_pool(e.keyword),
                "a generated keyword is not in the pool"
            );
            // SAFETY: a string of the dictionary, NUL-terminated.
            assert_eq!(unsafe { CStr::from_ptr(e.keyword) }.to_str(), Ok(&*keyword));
            assert!(keyword.len() <= 256 + "_gggg_eeee".len(), "{keyword}");
        } else {
            self.check(e.keyword, &keyword, "keyword");
        }
    }
}

/// Opens `bytes` both ways and checks every entry and the two synthetic ones; returns how many
/// entries have a generated keyword.
fn check_file(bytes: Vec<u8>, what: &str) -> usize {
    let c = Open::file(&bytes);
    let dict = Dict::from_bytes(bytes).unwrap();
    let pool = dict.string_pool();
    // The base, from the first entry with a VM.
    let (i, v) = dict
        .entries()
        .enumerate()
        .find(|(_, v)| !v.vm().is_empty())
        .expect("an entry with a VM");
    let probe = Pools { base: 0, pool };
    let base = (c.entry_at(i).vm as usize).wrapping_sub(probe.offset(v.vm()));
    let pools = Pools { base, pool };
    let mut generated = 0;
    for (i, v) in dict.entries().enumerate() {
        pools.check_entry(&c.entry_at(i), &v);
        generated += usize::from(v.keyword_generated());
    }
    for element in [0x0000, 0x0010] {
        let v = dict.lookup(0x0009, element, None).unwrap();
        pools.check_entry(&c.lookup(0x0009, element), &v);
    }
    assert!(dict.len() >= 2, "{what}");
    generated
}

#[test]
fn every_string_of_a_worst_case_file_points_into_its_pool() {
    for shape in Shape::ALL {
        let generated = check_file(worst_case(shape, 1 << 16), &format!("{shape:?}"));
        assert_eq!(generated > 0, shape.generated(), "{shape:?}");
    }
    // The creator shapes have two entries; what they test is that opening builds the private
    // index without reading every long spelling whole.
    for shape in Shape::CREATORS {
        assert_eq!(
            check_file(worst_case(shape, 1 << 16), &format!("{shape:?}")),
            0
        );
    }
}

#[test]
fn every_string_of_the_bundled_dictionary_points_into_its_pool() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../dicom-map/tags.dmap");
    let generated = check_file(std::fs::read(path).unwrap(), "tags.dmap");
    assert!(generated > 1000, "{generated}");
}
