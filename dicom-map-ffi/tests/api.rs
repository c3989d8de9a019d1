//! The C view agrees with the Rust API on every entry of the bundled dictionary, and every
//! string it hands out is borrowed from the right place (the mapped file or the handle's tables),
//! never a fallback.

use std::ffi::{CStr, CString};
use std::mem::MaybeUninit;
use std::ptr;

use dicom_map::{CreatorMatch, Dict, Kind};
use dicom_map_ffi::*;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dicom-map/tags.dmap");

struct Open(*mut dmap_dict);

impl Drop for Open {
    fn drop(&mut self) {
        // SAFETY: opened by `open`, closed once.
        unsafe { dmap_close(self.0) };
    }
}

fn open() -> Open {
    let path = CString::new(PATH).unwrap();
    let mut status = dmap_status::DMAP_ERR_PANIC;
    // SAFETY: valid arguments.
    let d = unsafe { dmap_open(path.as_ptr(), &mut status) };
    assert_eq!(status, dmap_status::DMAP_OK);
    assert!(!d.is_null());
    Open(d)
}

fn s<'a>(p: *const std::ffi::c_char) -> &'a str {
    assert!(!p.is_null());
    // SAFETY: the API promises non-NULL NUL-terminated UTF-8 that lives as long as the dictionary.
    unsafe { CStr::from_ptr(p) }.to_str().expect("UTF-8")
}

fn kind(k: Kind) -> dmap_kind {
    match k {
        Kind::Public => dmap_kind::DMAP_KIND_PUBLIC,
        Kind::Repeater => dmap_kind::DMAP_KIND_REPEATER,
        Kind::Private => dmap_kind::DMAP_KIND_PRIVATE,
        Kind::PrivateRepeater => dmap_kind::DMAP_KIND_PRIVATE_REPEATER,
        Kind::GroupLength => dmap_kind::DMAP_KIND_GROUP_LENGTH,
        Kind::PrivateCreator => dmap_kind::DMAP_KIND_PRIVATE_CREATOR,
    }
}

fn same(e: &dmap_entry, v: &dicom_map::TagView<'_>) {
    let ctx = format!("{v:?}");
    assert_eq!((e.group, e.element), (v.group(), v.element()), "{ctx}");
    assert_eq!(e.kind, kind(v.kind()), "{ctx}");
    assert_eq!(s(e.keyword), &*v.keyword(), "{ctx}");
    assert_eq!(s(e.name), v.name(), "{ctx}");
    assert_eq!(s(e.vr), v.vr().to_string(), "{ctx}");
    assert_eq!(e.vr_bits, v.vr().bits(), "{ctx}");
    assert_eq!(s(e.vm), v.vm(), "{ctx}");
    assert_eq!(s(e.description), v.description(), "{ctx}");
    assert_eq!(s(e.creator), v.creator().unwrap_or(""), "{ctx}");
    assert_eq!(s(e.vendor), v.vendor().unwrap_or(""), "{ctx}");
    assert_eq!(s(e.sources), v.sources_summary(), "{ctx}");
    assert_eq!(e.entry_id, v.entry_id().unwrap_or(u32::MAX), "{ctx}");
    let how = match v.creator_match() {
        None => dmap_creator_match::DMAP_CREATOR_NONE,
        Some(CreatorMatch::Exact) => dmap_creator_match::DMAP_CREATOR_EXACT,
        Some(CreatorMatch::Folded) => dmap_creator_match::DMAP_CREATOR_FOLDED,
    };
    assert_eq!(e.creator_match, how, "{ctx}");
    assert_eq!(e.confidence, v.confidence(), "{ctx}");
    assert_eq!(e.block, v.block().unwrap_or(0), "{ctx}");
    assert_eq!(
        (
            e.retired,
            e.conflict,
            e.keyword_generated,
            e.block_offset,
            e.has_real_name
        ),
        (
            v.retired(),
            v.conflict(),
            v.keyword_generated(),
            v.block_offset(),
            v.has_real_name()
        ),
        "{ctx}"
    );
    assert!(!s(e.vr).is_empty() || v.vr().is_empty(), "{ctx}");
    assert!(!s(e.keyword).contains('\u{FFFD}'), "{ctx}: fallback string");
}

#[test]
fn every_entry_matches_the_rust_api() {
    let d = open();
    let dict = Dict::open(PATH).unwrap();
    let mut n = 0usize;
    // SAFETY: valid arguments.
    assert_eq!(unsafe { dmap_count(d.0, &mut n) }, dmap_status::DMAP_OK);
    assert_eq!(n, dict.len());
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    for (i, v) in dict.entries().enumerate() {
        // SAFETY: valid arguments.
        assert_eq!(
            unsafe { dmap_entry_at(d.0, i, e.as_mut_ptr()) },
            dmap_status::DMAP_OK
        );
        // SAFETY: DMAP_OK means the entry was written.
        same(unsafe { e.assume_init_ref() }, &v);
    }
}

#[test]
fn lookups_match_the_rust_api() {
    let d = open();
    let dict = Dict::open(PATH).unwrap();
    let cases: &[(u16, u16, Option<&str>)] = &[
        (0x0008, 0x0005, None),
        (0x0028, 0x0106, None),
        (0x6002, 0x3000, None),
        (0x0029, 0x1010, Some("SIEMENS CSA HEADER")),
        (0x0029, 0x0010, Some("SIEMENS CSA HEADER")),
        (0x0029, 0x1010, Some(" siemens csa header ")),
        (0x0019, 0x100C, Some("SIEMENS MR HEADER")),
        (0x0029, 0x0000, None),
        (0x0029, 0x0010, None),
        (0x0008, 0x0003, None),
        (0x0029, 0x1010, None),
        (0xFFFE, 0xE000, None),
    ];
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    for &(g, el, creator) in cases {
        let c = creator.map(|c| CString::new(c).unwrap());
        let cp = c.as_ref().map_or(ptr::null(), |c| c.as_ptr());
        // SAFETY: valid arguments.
        let st = unsafe { dmap_lookup(d.0, g, el, cp, e.as_mut_ptr()) };
        match dict.lookup(g, el, creator) {
            Some(v) => {
                assert_eq!(st, dmap_status::DMAP_OK, "({g:04X},{el:04X}) {creator:?}");
                // SAFETY: DMAP_OK means the entry was written.
                same(unsafe { e.assume_init_ref() }, &v);
            }
            None => assert_eq!(
                st,
                dmap_status::DMAP_NOT_FOUND,
                "({g:04X},{el:04X}) {creator:?}"
            ),
        }
    }
}

#[test]
fn every_keyword_finds_its_entry() {
    let d = open();
    let dict = Dict::open(PATH).unwrap();
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    let mut generated = 0;
    for v in dict.entries() {
        let keyword = v.keyword().to_string();
        if keyword.is_empty() {
            continue;
        }
        generated += usize::from(v.keyword_generated());
        let kw = CString::new(keyword.clone()).unwrap();
        let creator = v.creator().map(|c| CString::new(c).unwrap());
        let cp = creator.as_ref().map_or(ptr::null(), |c| c.as_ptr());
        // SAFETY: valid arguments.
        let st = unsafe { dmap_lookup_keyword(d.0, kw.as_ptr(), cp, e.as_mut_ptr()) };
        assert_eq!(st, dmap_status::DMAP_OK, "{keyword} of {:?}", v.creator());
        // SAFETY: DMAP_OK means the entry was written.
        let e = unsafe { e.assume_init_ref() };
        assert_eq!(s(e.keyword), keyword);
        if creator.is_some() {
            // Private keywords are unique per creator.
            assert_eq!(
                e.entry_id,
                v.entry_id().unwrap(),
                "{keyword} of {:?}",
                v.creator()
            );
        }
    }
    assert!(
        generated > 0,
        "the bundled dictionary has generated keywords"
    );
}

#[test]
fn the_embedded_dictionary_is_the_bundled_file() {
    let mut status = dmap_status::DMAP_ERR_PANIC;
    // SAFETY: valid arguments.
    let d = Open(unsafe { dmap_open_embedded(&mut status) });
    assert_eq!(status, dmap_status::DMAP_OK);
    let (mut a, mut b) = (0usize, 0usize);
    let f = open();
    // SAFETY: valid arguments.
    unsafe {
        assert_eq!(dmap_count(d.0, &mut a), dmap_status::DMAP_OK);
        assert_eq!(dmap_count(f.0, &mut b), dmap_status::DMAP_OK);
        assert_eq!(s(dmap_edition(d.0)), s(dmap_edition(f.0)));
    }
    assert_eq!(a, b);
}

#[test]
fn null_and_failure_messages() {
    let mut status = dmap_status::DMAP_OK;
    // SAFETY: NULL arguments are part of the contract.
    unsafe {
        assert!(dmap_open(ptr::null(), &mut status).is_null());
        assert_eq!(status, dmap_status::DMAP_ERR_NULL_ARG);
        assert_eq!(s(dmap_last_error_message()), "dmap_open: path is NULL");
        let missing = CString::new("/nonexistent/tags.dmap").unwrap();
        assert!(dmap_open(missing.as_ptr(), &mut status).is_null());
        assert_eq!(status, dmap_status::DMAP_ERR_IO);
        assert!(s(dmap_last_error_message()).contains("/nonexistent/tags.dmap"));
        assert_eq!(
            s(dmap_status_message(status as i32)),
            "the file could not be read"
        );
        dmap_close(ptr::null_mut());
    }
    assert_eq!(dmap_abi_version(), DMAP_ABI_VERSION);
}

/// The C lookup answers exactly as `Dict::lookup` for exact, padded, folded and unknown
/// spellings, with every field (including how the creator matched) carried over.
#[test]
fn creator_spellings_resolve_like_the_core() {
    let d = open();
    let dict = Dict::open(PATH).unwrap();
    let mut e = MaybeUninit::<dmap_entry>::uninit();
    let mut folded = 0;
    for (i, v) in dict.entries().filter(|v| v.creator().is_some()).enumerate() {
        if i % 5 != 0 {
            continue;
        }
        let creator = v.creator().unwrap();
        let spaced: String = creator.chars().flat_map(|c| [c, ' ']).collect();
        let variants = [
            creator.to_string(),
            format!("  {creator} \0"),
            creator.to_lowercase(),
            spaced,
            format!("{creator}X"),
            String::new(),
        ];
        let low = v.element() & 0xFF;
        let elements = [v.element(), low, 0x1000 | low, 0x1100 | low, 0x0010, 0x0000];
        for variant in &variants {
            let c = CString::new(variant.replace('\0', "")).unwrap();
            for &element in &elements {
                let g = v.group() | 1;
                // SAFETY: valid arguments.
                let st = unsafe { dmap_lookup(d.0, g, element, c.as_ptr(), e.as_mut_ptr()) };
                let ctx = format!("({g:04X},{element:04X}) {variant:?}");
                match dict.lookup(g, element, Some(c.to_str().unwrap())) {
                    Some(core) => {
                        assert_eq!(st, dmap_status::DMAP_OK, "{ctx}");
                        // SAFETY: DMAP_OK means the entry was written.
                        let e = unsafe { e.assume_init_ref() };
                        same(e, &core);
                        folded +=
                            usize::from(e.creator_match == dmap_creator_match::DMAP_CREATOR_FOLDED);
                    }
                    None => assert_eq!(st, dmap_status::DMAP_NOT_FOUND, "{ctx}"),
                }
            }
        }
    }
    assert!(folded > 100, "only {folded} folded matches were exercised");
}
