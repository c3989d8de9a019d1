//! `from_bytes`, `verify` and every lookup on arbitrary bytes never panic: random files, random
//! mutations of valid files (real and built), and proptest-generated inputs.

mod support;

use dicom_map::Dict;
use proptest::prelude::*;
use support::builder::{fix_crcs, Builder};

/// Runs everything a caller can do with a dictionary; must not panic.
fn exercise(bytes: &[u8]) {
    let Ok(d) = Dict::from_bytes(bytes) else {
        return;
    };
    let _ = d.verify();
    for (g, e, c) in [
        (0x0008u16, 0x0005u16, None),
        (0x0019, 0x100C, Some("SIEMENS MR HEADER")),
        (0x0019, 0x000C, Some("acme")),
        (0x6002, 0x3000, None),
        (0x7003, 0x1004, Some("X")),
        (0x0019, 0x0010, None),
        (0x0011, 0x0000, None),
        (0xFFFF, 0xFFFF, Some("")),
    ] {
        if let Some(v) = d.lookup(g, e, c) {
            let _ = (
                v.keyword(),
                v.name(),
                v.description(),
                v.vm(),
                v.vr().to_string(),
                v.pattern(),
            );
            let _ = (
                v.creator(),
                v.vendor(),
                v.sources_summary(),
                v.entry_id(),
                v.kind(),
            );
            let _ = v.sources().count() + v.candidates().map(|c| c.sources.count()).sum::<usize>();
        }
    }
    for v in d.entries().take(200) {
        let _ = (v.keyword(), v.pattern(), v.description(), v.creator());
    }
    let _ = d.lookup_keyword("PatientName", None);
    let _ = d.entries_for_keyword("Private_0019_xx0C").count();
    let _ = d.search("a").take(20).count();
    let _ = d.info();
    for c in d.creators().take(20) {
        let _ = (
            c.name(),
            c.vendor(),
            c.spellings().count(),
            c.entries().take(20).count(),
        );
    }
    let _ = d.creator("acme");
    let _ = d.lookup_text("(0019,xx0C)", Some("SIEMENS MR HEADER"));
    let _ = d.metadata_value("edition");
}

fn small_valid() -> Vec<u8> {
    let mut b = Builder::new();
    b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n")
        .description("d");
    b.repeater(0xFF00_FFFF, 0x6000_3000, "OverlayData", "OB or OW", "1");
    b.creator("SIEMENS MR HEADER", "Siemens", &["Siemens MR Header"]);
    b.private(0x0019, "SIEMENS MR HEADER", 0x0C, 0, "BValue", "IS", "1")
        .candidate("IS", "1", &["test"], true)
        .candidate("DS", "1", &["test"], false);
    b.private(0x0019, "SIEMENS MR HEADER", 0x0D, 0x10, "", "US", "1")
        .generated(true);
    b.private_repeater(0x7001, 0xFF01, "SIEMENS MR HEADER", 0x04, 0, "R", "LO", "1");
    b.build()
}

/// A small deterministic generator (xorshift), so failures reproduce without proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = (rng.next() % 600) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&bytes);
    }
}

#[test]
fn random_bytes_behind_a_valid_header_never_panic() {
    // Random section tables and bodies behind a header whose checksum is right, so opening gets
    // past the header checks and into the table and records.
    let template = small_valid();
    let mut rng = Rng(42);
    for round in 0..3000 {
        let mut bytes = template.clone();
        let edits = 1 + rng.next() % 8;
        for _ in 0..edits {
            let at = 16 + (rng.next() as usize) % (bytes.len() - 16);
            bytes[at] = rng.next() as u8;
        }
        if round % 2 == 0 {
            let count = (rng.next() % 24) as u32;
            bytes[20..24].copy_from_slice(&count.to_le_bytes());
        }
        fix_crcs(&mut bytes);
        exercise(&bytes);
    }
}

#[test]
fn mutations_of_a_built_file_never_panic() {
    let template = small_valid();
    exercise(&template);
    Dict::from_bytes(&template[..]).unwrap().verify().unwrap();
    for at in 0..template.len() {
        for value in [0x00, 0xFF, 0x80, 0x01] {
            let mut bytes = template.clone();
            bytes[at] = value;
            exercise(&bytes);
            fix_crcs(&mut bytes);
            exercise(&bytes);
        }
    }
}

#[test]
fn mutations_of_the_real_file_never_panic() {
    let template = support::real_bytes();
    let mut rng = Rng(7);
    for _ in 0..40 {
        let mut bytes = template.clone();
        for _ in 0..1 + rng.next() % 4 {
            let at = 64 + (rng.next() as usize) % (bytes.len() - 64);
            bytes[at] = rng.next() as u8;
        }
        fix_crcs(&mut bytes);
        exercise(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn proptest_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..800)) {
        exercise(&bytes);
    }

    #[test]
    fn proptest_edits_of_a_valid_file(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12), fix in any::<bool>()) {
        let mut bytes = small_valid();
        for (at, value) in edits {
            let at = at % bytes.len();
            bytes[at] = value;
        }
        if fix {
            fix_crcs(&mut bytes);
        }
        exercise(&bytes);
    }
}
