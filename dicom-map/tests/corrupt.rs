//! The corrupt-file suite on the real bundled dictionary: truncations, flipped bytes, wrong
//! magic and version, out-of-range offsets, counts and record sizes. Every case asserts the
//! specific typed error, and that nothing panics (a panic fails the test).

mod support;

use dicom_map::{Checksum, Dict, Error, SectionId, StringProblem};
use support::builder::{find_section, fix_crcs, fix_header_crc, table};

fn real() -> Vec<u8> {
    support::real_bytes()
}

fn open(bytes: &[u8]) -> Result<Dict<&[u8]>, Error> {
    Dict::from_bytes(bytes)
}

/// Opens, verifies and looks up; returns the first error (open or verify). Lookups must not
/// panic on an opened file whether or not it verifies.
fn exercise(bytes: &[u8]) -> Result<(), Error> {
    let d = open(bytes)?;
    for (g, e, c) in [
        (0x0008, 0x0005, None),
        (0x0019, 0x100C, Some("SIEMENS MR HEADER")),
        (0x0019, 0x100C, Some("siemens mr header")),
        (0x6002, 0x3000, None),
        (0x7003, 0x1004, Some("DLX_ANNOT_01")),
        (0x0019, 0x0010, None),
        (0x0011, 0x0000, None),
    ] {
        if let Some(v) = d.lookup(g, e, c) {
            let _ = (
                v.keyword(),
                v.name(),
                v.description(),
                v.vm(),
                v.vr(),
                v.pattern(),
            );
            let _ = (v.creator(), v.vendor(), v.sources_summary(), v.entry_id());
            let _ = v.sources().count() + v.candidates().count();
        }
    }
    let _ = d.lookup_keyword("PatientName", None);
    let _ = d.search("pixel").take(50).count();
    let _ = d.info();
    let _ = d
        .creator("SIEMENS MR HEADER")
        .first()
        .map(|c| c.entries().count());
    d.verify()
}

fn header_u32(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

fn set_table(bytes: &mut [u8], index: usize, field: usize, value: &[u8]) {
    let at = 64 + 24 * index + field;
    bytes[at..at + value.len()].copy_from_slice(value);
}

#[test]
fn the_real_file_is_valid() {
    exercise(&real()).expect("the bundled dictionary verifies");
}

#[test]
fn truncated_at_every_header_field_and_section_boundary() {
    let bytes = real();
    let len = bytes.len() as u64;
    let mut cuts: Vec<usize> = vec![0, 1, 8, 12, 16, 20, 24, 32, 36, 40, 44, 48, 52, 60, 63, 64];
    for (i, _, _, offset, length) in table(&bytes) {
        cuts.extend([
            64 + 24 * i,
            64 + 24 * i + 4,
            64 + 24 * i + 8,
            64 + 24 * i + 16,
            64 + 24 * (i + 1),
        ]);
        cuts.extend([
            offset as usize,
            (offset + length) as usize,
            (offset + length / 2) as usize,
        ]);
    }
    cuts.extend((0..bytes.len()).step_by(997));
    cuts.push(bytes.len() - 1);
    for cut in cuts.into_iter().filter(|&c| c < bytes.len()) {
        let err = exercise(&bytes[..cut]).expect_err("a truncated file is refused");
        let need = if cut < 64 { 64 } else { len };
        assert!(
            matches!(err, Error::Truncated { need: n, have } if n == need && have == cut as u64),
            "cut at {cut}: {err:?}"
        );
    }
}

#[test]
fn appended_bytes() {
    let mut bytes = real();
    let declared = bytes.len() as u64;
    bytes.push(0);
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(err, Error::LengthMismatch { declared: d, actual } if d == declared && actual == declared + 1)
    );
}

#[test]
fn wrong_magic() {
    for i in 0..8 {
        let mut bytes = real();
        bytes[i] ^= 0x20;
        assert!(
            matches!(open(&bytes).unwrap_err(), Error::BadMagic { .. }),
            "byte {i}"
        );
    }
    let mut text = b"not a dmap file at all, just some text that is long enough........".to_vec();
    text.truncate(70);
    assert!(matches!(open(&text).unwrap_err(), Error::BadMagic { .. }));
}

#[test]
fn wrong_endian_word() {
    let mut bytes = real();
    bytes[8..12].copy_from_slice(&0x0102_0304u32.to_be_bytes());
    assert!(matches!(
        open(&bytes).unwrap_err(),
        Error::BadEndian { found: 0x0403_0201 }
    ));
}

#[test]
fn newer_version_names_both_versions() {
    let mut bytes = real();
    header_u32(&mut bytes, 12, 2);
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::UnsupportedVersion {
                supported: 1,
                found: 2
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("version 2") && text.contains("version 1"),
        "{text}"
    );
    // Even with a correct header checksum, the version is what is reported.
    fix_header_crc(&mut bytes);
    assert!(matches!(
        open(&bytes).unwrap_err(),
        Error::UnsupportedVersion {
            supported: 1,
            found: 2
        }
    ));
    header_u32(&mut bytes, 12, 0);
    assert!(matches!(
        open(&bytes).unwrap_err(),
        Error::UnsupportedVersion { found: 0, .. }
    ));
}

#[test]
fn flipped_header_bytes() {
    let original = real();
    for i in 0..64 {
        let mut bytes = original.clone();
        bytes[i] ^= 0x01;
        let err = exercise(&bytes).expect_err("a flipped header byte is caught");
        let expected = match i {
            0..=7 => matches!(err, Error::BadMagic { .. }),
            8..=11 => matches!(err, Error::BadEndian { .. }),
            12..=15 => matches!(err, Error::UnsupportedVersion { .. }),
            60..=63 => matches!(
                err,
                Error::ChecksumMismatch {
                    what: Checksum::Header,
                    ..
                }
            ),
            _ => matches!(
                err,
                Error::ChecksumMismatch {
                    what: Checksum::Header,
                    ..
                }
            ),
        };
        assert!(expected, "byte {i}: {err:?}");
    }
}

#[test]
fn flipped_body_bytes_fail_verification() {
    let original = real();
    let mut positions: Vec<usize> = (64..original.len()).step_by(4099).collect();
    for (_, _, _, offset, length) in table(&original) {
        if length > 0 {
            positions.extend([
                offset as usize,
                (offset + length - 1) as usize,
                (offset + length / 2) as usize,
            ]);
        }
    }
    for (n, at) in positions.into_iter().enumerate() {
        let mut bytes = original.clone();
        bytes[at] ^= 0x5A;
        // Opening may refuse the file (a damaged table) or accept it; verify must not. The full
        // set of lookups runs on every fourth case to keep the suite quick in debug builds.
        let result = if n % 4 == 0 {
            exercise(&bytes)
        } else {
            open(&bytes).and_then(|d| d.verify())
        };
        let err = result.expect_err("a flipped body byte is caught");
        assert!(
            matches!(
                err,
                Error::ChecksumMismatch {
                    what: Checksum::Body,
                    ..
                }
            ) || matches!(
                err,
                Error::SectionOutOfBounds { .. }
                    | Error::BadRecordSize { .. }
                    | Error::BadSectionLength { .. }
                    | Error::DuplicateSection { .. }
                    | Error::MissingSection { .. }
                    | Error::SectionOverlap { .. }
                    | Error::BadStringPool { .. }
                    | Error::CountMismatch { .. }
            ),
            "byte {at}: {err:?}"
        );
    }
}

#[test]
fn too_many_sections() {
    let mut bytes = real();
    header_u32(&mut bytes, 20, 65);
    fix_header_crc(&mut bytes);
    assert!(matches!(
        open(&bytes).unwrap_err(),
        Error::TooManySections { count: 65, max: 64 }
    ));
}

#[test]
fn section_out_of_bounds() {
    let original = real();
    let len = original.len() as u64;
    let (i, id, ..) = find_section(&original, b"PUBL");
    for offset in [len, len - 8, u64::MAX - 4, 0, 64] {
        let mut bytes = original.clone();
        set_table(&mut bytes, i, 8, &offset.to_le_bytes());
        let err = open(&bytes).unwrap_err();
        assert!(
            matches!(err, Error::SectionOutOfBounds { id: s, offset: o, .. } if s == SectionId(id) && o == offset),
            "offset {offset}: {err:?}"
        );
    }
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 16, &u64::MAX.to_le_bytes());
    assert!(matches!(
        open(&bytes).unwrap_err(),
        Error::SectionOutOfBounds { .. }
    ));
}

#[test]
fn bad_record_sizes() {
    let original = real();
    for (name, min) in [
        (b"PUBL", 20u32),
        (b"RPTR", 24),
        (b"SYNT", 16),
        (b"TYPE", 16),
        (b"KWIX", 4),
    ] {
        let (i, _, _, _, length) = find_section(&original, name);
        let mut bytes = original.clone();
        // A smaller size that still divides the length, so the size check is what fails.
        let small = (1..min)
            .rev()
            .find(|s| length % u64::from(*s) == 0)
            .unwrap();
        set_table(&mut bytes, i, 4, &small.to_le_bytes());
        let err = open(&bytes).unwrap_err();
        assert!(
            matches!(err, Error::BadRecordSize { id, record_size, min: m } if id.0 == *name && record_size == small && m == min),
            "{err:?}"
        );
        set_table(&mut bytes, i, 4, &0u32.to_le_bytes());
        assert!(matches!(
            open(&bytes).unwrap_err(),
            Error::BadRecordSize { record_size: 0, .. }
        ));
    }
    let (i, ..) = find_section(&original, b"STRS");
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 4, &2u32.to_le_bytes());
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadRecordSize { .. } | Error::BadSectionLength { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn length_not_a_multiple_of_the_record_size() {
    let original = real();
    let (i, _, rs, _, length) = find_section(&original, b"PRIV");
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 16, &(length - 1).to_le_bytes());
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(err, Error::BadSectionLength { record_size, .. } if record_size == rs),
        "{err:?}"
    );
}

#[test]
fn duplicate_and_missing_sections() {
    let original = real();
    let (i, ..) = find_section(&original, b"CAND");
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 0, b"PUBL");
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(err, Error::DuplicateSection { id: SectionId(x) } if x == *b"PUBL"),
        "{err:?}"
    );
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 0, b"ZZZZ");
    let err = open(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            Error::MissingSection {
                id: SectionId::CAND
            }
        ),
        "{err:?}"
    );
}

#[test]
fn overlapping_sections() {
    let original = real();
    let (_, _, _, publ_offset, _) = find_section(&original, b"PUBL");
    let (i, _, _, _, length) = find_section(&original, b"KWIX");
    let mut bytes = original.clone();
    set_table(&mut bytes, i, 8, &(publ_offset + 8).to_le_bytes());
    assert!(length > 0);
    let err = open(&bytes).unwrap_err();
    assert!(matches!(err, Error::SectionOverlap { .. }), "{err:?}");
}

#[test]
fn header_counts_must_match_the_sections() {
    let original = real();
    for (at, what) in [
        (36, "public_count"),
        (40, "repeater_count"),
        (44, "private_count"),
        (48, "creator_count"),
    ] {
        let mut bytes = original.clone();
        let v = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        header_u32(&mut bytes, at, v + 1);
        fix_header_crc(&mut bytes);
        let err = open(&bytes).unwrap_err();
        assert!(
            matches!(err, Error::CountMismatch { what: w, expected, found } if w == what && expected == u64::from(v) + 1 && found == u64::from(v)),
            "{err:?}"
        );
    }
}

#[test]
fn string_pool_must_start_and_end_with_nul() {
    let original = real();
    let (_, _, _, offset, length) = find_section(&original, b"STRS");
    for at in [offset, offset + length - 1] {
        let mut bytes = original.clone();
        bytes[at as usize] = b'A';
        assert!(
            matches!(open(&bytes).unwrap_err(), Error::BadStringPool { .. }),
            "byte {at}"
        );
    }
}

/// Edits a record field in a copy of the real file and fixes both checksums, so that `verify`
/// reaches the reference checks.
fn edited(section: &[u8; 4], record: usize, field: usize, value: &[u8]) -> Vec<u8> {
    let mut bytes = real();
    let (_, _, rs, offset, _) = find_section(&bytes, section);
    let at = offset as usize + record * rs as usize + field;
    bytes[at..at + value.len()].copy_from_slice(value);
    fix_crcs(&mut bytes);
    bytes
}

#[test]
fn verify_finds_bad_string_references() {
    let strs_len = find_section(&real(), b"STRS").4 as u32;
    let bytes = edited(b"PUBL", 3, 4, &(strs_len + 10).to_le_bytes());
    let d = open(&bytes).expect("references are not checked on open");
    let v = d.entry(3).unwrap();
    assert_eq!(
        v.name(),
        dicom_map::INVALID_STRING,
        "a bad reference reads as the replacement"
    );
    let err = d.verify().unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadString {
                section: SectionId::PUBL,
                record: 3,
                field: "name",
                problem: StringProblem::OutOfRange,
                ..
            }
        ),
        "{err:?}"
    );
    // A reference to a terminator (not a string start).
    let d0 = real();
    let (_, _, _, offset, length) = find_section(&d0, b"STRS");
    let pool = &d0[offset as usize..(offset + length) as usize];
    let nul = pool
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, b)| **b == 0)
        .unwrap()
        .0 as u32;
    let bytes = edited(b"PUBL", 3, 4, &nul.to_le_bytes());
    let err = open(&bytes).unwrap().verify().unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadString {
                problem: StringProblem::NotAStart,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn verify_finds_bad_indexes() {
    let cases: [(&[u8; 4], usize, &[u8], &str); 6] = [
        (b"PUBL", 0, &u32::MAX.to_le_bytes(), "provenance"),
        (b"PUBL", 0, &u16::MAX.to_le_bytes(), "type"),
        (b"PRIV", 0, &u16::MAX.to_le_bytes(), "creator"),
        (b"CSPL", 4, &u32::MAX.to_le_bytes(), "creator"),
        (b"PITM", 0, &u16::MAX.to_le_bytes(), "source"),
        (b"KWIX", 0, &u32::MAX.to_le_bytes(), "entry"),
    ];
    let fields = [12usize, 16, 4, 4, 0, 0];
    for ((section, record, value, field), at) in cases.into_iter().zip(fields) {
        let bytes = edited(section, record, at, value);
        let d = open(&bytes).unwrap();
        exercise(&bytes).expect_err("verify refuses it");
        let err = d.verify().unwrap_err();
        assert!(
            matches!(err, Error::BadReference { section: s, field: f, .. } if s.0 == *section && f == field),
            "{}: {err:?}",
            String::from_utf8_lossy(section)
        );
    }
}

#[test]
fn verify_finds_unsorted_tables() {
    let mut bytes = real();
    let (_, _, rs, offset, _) = find_section(&bytes, b"PUBL");
    let (a, b) = (
        offset as usize + 10 * rs as usize,
        offset as usize + 11 * rs as usize,
    );
    let rec_a = bytes[a..a + 4].to_vec();
    let rec_b = bytes[b..b + 4].to_vec();
    bytes[a..a + 4].copy_from_slice(&rec_b);
    bytes[b..b + 4].copy_from_slice(&rec_a);
    fix_crcs(&mut bytes);
    let err = open(&bytes).unwrap().verify().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unsorted {
                section: SectionId::PUBL,
                record: 11
            }
        ),
        "{err:?}"
    );
    exercise(&bytes).expect_err("unsorted");
}

#[test]
fn verify_finds_undefined_vr_bits() {
    let bytes = edited(b"TYPE", 0, 0, &(1u64 << 40).to_le_bytes());
    let err = open(&bytes).unwrap().verify().unwrap_err();
    assert!(
        matches!(err, Error::BadVrBits { record: 0, bits } if bits == 1 << 40),
        "{err:?}"
    );
}

#[test]
fn verify_finds_invalid_utf8() {
    let mut bytes = real();
    let (_, _, _, offset, _) = find_section(&bytes, b"STRS");
    bytes[offset as usize + 1] = 0xFF;
    fix_crcs(&mut bytes);
    let err = open(&bytes).unwrap().verify().unwrap_err();
    assert!(matches!(err, Error::BadStringPool { .. }), "{err:?}");
}
