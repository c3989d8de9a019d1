//! The open and verify checks that the real file cannot easily be bent into, on small files
//! from the test builder: each edit breaks exactly one rule, checksums are fixed afterwards.

mod support;

use dicom_map::{Dict, Error, SectionId};
use support::builder::{assemble, find_section, fix_crcs, Builder};

fn sample() -> Builder {
    let mut b = Builder::new();
    b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n");
    b.public(0x0010_0010, "PatientName", "PN", "1")
        .description("who");
    b.creator("ACME", "Acme", &[]);
    b.private(0x0019, "ACME", 0x01, 0, "One", "LO", "1")
        .candidate("LO", "1", &["test"], true)
        .candidate("SH", "1", &["test"], false);
    b.private(0x0019, "ACME", 0x02, 0, "Two", "LO", "1");
    b.private_repeater(0x7001, 0xFF01, "ACME", 0x04, 0, "Rep", "LO", "1");
    b
}

fn verify(bytes: &[u8]) -> Result<(), Error> {
    Dict::from_bytes(bytes)?.verify()
}

/// Writes `value` into `section[record]` at `field`, then fixes the checksums.
/// `verify` must fail with `BadReference` naming this section and field.
fn expect_bad_reference(bytes: &[u8], section: SectionId, field: &str) {
    let err = verify(bytes).unwrap_err();
    assert!(
        matches!(&err, Error::BadReference { section: s, field: f, .. } if *s == section && *f == field),
        "{err:?}"
    );
}

fn edit(bytes: &mut [u8], section: &[u8; 4], record: usize, field: usize, value: &[u8]) {
    let (_, _, rs, offset, _) = find_section(bytes, section);
    let at = offset as usize + record * rs as usize + field;
    bytes[at..at + value.len()].copy_from_slice(value);
    fix_crcs(bytes);
}

#[test]
fn the_sample_verifies() {
    verify(&sample().build()).unwrap();
}

#[test]
fn section_table_past_the_end() {
    let bytes = assemble(&[], "2025b", [0; 4]);
    let mut bytes = bytes;
    bytes[20..24].copy_from_slice(&3u32.to_le_bytes());
    support::builder::fix_header_crc(&mut bytes);
    let err = Dict::from_bytes(&bytes[..]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Truncated {
                need: 136,
                have: 64
            }
        ),
        "{err:?}"
    );
    // No sections at all: the first required one is missing.
    let bytes = assemble(&[], "2025b", [0; 4]);
    assert!(matches!(
        Dict::from_bytes(&bytes[..]).unwrap_err(),
        Error::MissingSection {
            id: SectionId::STRS
        }
    ));
}

#[test]
fn synthetic_entries_are_required() {
    let mut b = sample();
    b.synthetic.truncate(1);
    let err = verify(&b.build()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::CountMismatch {
                expected: 2,
                found: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn private_block_and_group_mask() {
    let mut bytes = sample().build();
    edit(&mut bytes, b"PRIV", 0, 7, &[0x05]);
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadReference {
                section: SectionId::PRIV,
                field: "block",
                value: 5,
                ..
            }
        ),
        "{err:?}"
    );
    let mut bytes = sample().build();
    edit(&mut bytes, b"PRIV", 1, 2, &0xFF00u16.to_le_bytes());
    expect_bad_reference(&bytes, SectionId::PRIV, "group_mask");
    let mut bytes = sample().build();
    edit(&mut bytes, b"PRPT", 0, 2, &0xFFFFu16.to_le_bytes());
    expect_bad_reference(&bytes, SectionId::PRPT, "group_mask");
}

#[test]
fn provenance_items() {
    let mut bytes = sample().build();
    edit(&mut bytes, b"PROV", 0, 4, &0u32.to_le_bytes());
    expect_bad_reference(&bytes, SectionId::PROV, "item_count");
    let mut bytes = sample().build();
    edit(&mut bytes, b"PROV", 0, 4, &1000u32.to_le_bytes());
    let d = Dict::from_bytes(&bytes[..]).unwrap();
    // An unverified, too-long item range is clamped, not followed out of the table.
    assert!(d.lookup(0x0008, 0x0005, None).unwrap().sources().count() < 1000);
    let err = d.verify().unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadReference {
                section: SectionId::PROV,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn candidates_belong_to_conflicting_entries() {
    let mut bytes = sample().build();
    // CAND[0].entry -> entry 0 (a public entry without the conflict flag).
    edit(&mut bytes, b"CAND", 0, 0, &0u32.to_le_bytes());
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadReference {
                section: SectionId::CAND,
                ..
            } | Error::Unsorted { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn keyword_index_covers_exactly_the_stored_keywords() {
    let mut b = sample();
    b.private(0x0019, "ACME", 0x03, 0, "", "LO", "1")
        .name("Three")
        .generated(false);
    let good = b.build();
    verify(&good).unwrap();
    // Drop the last KWIX record: one stored keyword is no longer indexed.
    let (i, _, rs, _, length) = find_section(&good, b"KWIX");
    let mut bytes = good.clone();
    let at = 64 + 24 * i + 16;
    bytes[at..at + 8].copy_from_slice(&(length - u64::from(rs)).to_le_bytes());
    fix_crcs(&mut bytes);
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::CountMismatch {
                expected: 5,
                found: 4,
                ..
            }
        ),
        "{err:?}"
    );
    // Point a KWIX record at the entry whose keyword is generated (not stored).
    let d = Dict::from_bytes(&good[..]).unwrap();
    let generated = d
        .entries()
        .find(|v| v.keyword_generated())
        .unwrap()
        .entry_id()
        .unwrap();
    let mut bytes = good.clone();
    edit(&mut bytes, b"KWIX", 0, 0, &generated.to_le_bytes());
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadReference {
                section: SectionId::KWIX,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn descriptions_match_flag_bit_5() {
    let good = sample().build();
    let d = Dict::from_bytes(&good[..]).unwrap();
    assert_eq!(d.lookup(0x0010, 0x0010, None).unwrap().description(), "who");
    // DESC[0] moved to entry 0, which has no flag bit 5.
    let mut bytes = good.clone();
    edit(&mut bytes, b"DESC", 0, 0, &0u32.to_le_bytes());
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadReference {
                section: SectionId::DESC,
                ..
            }
        ),
        "{err:?}"
    );
    // Flag bit 5 cleared on the described entry: DESC names an entry without it.
    let mut bytes = good.clone();
    let (_, _, rs, offset, _) = find_section(&bytes, b"PUBL");
    let flags_at = offset as usize + rs as usize + 4 + 14;
    bytes[flags_at] &= !0x20;
    fix_crcs(&mut bytes);
    assert!(matches!(
        verify(&bytes).unwrap_err(),
        Error::BadReference {
            section: SectionId::DESC,
            ..
        }
    ));
    // Flag bit 5 set on an entry DESC does not list.
    let mut bytes = good.clone();
    let flags_at = offset as usize + 4 + 14;
    bytes[flags_at] |= 0x20;
    fix_crcs(&mut bytes);
    let err = verify(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::CountMismatch {
                expected: 2,
                found: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn unknown_sections_are_ignored_but_checked_for_bounds() {
    let mut b = sample();
    b.extra_sections
        .push((*b"XTRA", 4, vec![1, 2, 3, 4, 5, 6, 7, 8]));
    let bytes = b.build();
    verify(&bytes).unwrap();
    let (i, ..) = find_section(&bytes, b"XTRA");
    let mut bad = bytes.clone();
    let at = 64 + 24 * i + 4;
    bad[at..at + 4].copy_from_slice(&3u32.to_le_bytes());
    let err = Dict::from_bytes(&bad[..]).unwrap_err();
    assert!(
        matches!(err, Error::BadSectionLength { record_size: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn open_reports_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.dmap");
    assert!(matches!(Dict::open(&missing).unwrap_err(), Error::Io { path, .. } if path == missing));
    assert!(matches!(
        Dict::open(dir.path()).unwrap_err(),
        Error::Io { .. }
    ));
    let empty = dir.path().join("empty.dmap");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        Dict::open(&empty).unwrap_err(),
        Error::Truncated { need: 64, have: 0 }
    ));
    let good = dir.path().join("good.dmap");
    std::fs::write(&good, sample().build()).unwrap();
    let d = Dict::open(&good).unwrap();
    d.verify().unwrap();
    assert_eq!(
        d.lookup(0x0019, 0x1001, Some("ACME")).unwrap().keyword(),
        "One"
    );
}
