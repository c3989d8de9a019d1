//! A small valid dictionary sampled from the bundled one, for the targets that need a real file
//! but must run thousands of times a second.
//!
//! The bundled dictionary is 1.35 MB with 23,000 entries: every execution of a target that
//! copies, checksums, verifies and indexes it costs tens of milliseconds under AddressSanitizer,
//! which is why `mutated` and `search` managed about a hundred executions a minute. This file
//! holds a sample of it written by the test builder (`dicom-map/tests/support/builder.rs`, the
//! second implementation of the format spec): every table and feature the reader has, with real
//! names, keywords, VRs, creators and sources, in a few tens of kilobytes:
//!
//! - every 200th public entry, and the public entries the harness asks for by name;
//! - every 4th repeating-group entry;
//! - for every 96th creator and the creators the harness names, its spellings and up to 8 of
//!   its entries (block-specific, any-block and repeating-group private entries; stored,
//!   generated and suffixed keywords; conflicts with their candidates; descriptions);
//! - every entry whose name or keyword is not ASCII, for the case-folding paths of search (none
//!   in today's file).
//!
//! Each entry keeps at most three of its sources, and each conflict candidate two.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use dicom_map::{Dict, Kind, TagView};

use super::builder::{Builder, Entry};

/// Creators the harness looks up by name: always in the sample.
const NAMED_CREATORS: [&str; 4] = [
    "SIEMENS MR HEADER",
    "SIEMENS CSA HEADER",
    "GEMS_ACQU_01",
    "DLX_ANNOT_01",
];

/// Public keywords the harness looks up: always in the sample.
const NAMED_PUBLIC: [&str; 3] = ["SpecificCharacterSet", "PatientName", "PixelData"];

/// The sample's bytes, built once per process.
pub fn small() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| sample(dicom_map::embedded()))
}

/// Writes the sample of `real` described in the module docs.
pub fn sample<S: AsRef<[u8]>>(real: &Dict<S>) -> Vec<u8> {
    let mut b = Builder::new();
    b.meta
        .insert("generator".to_owned(), "dicom-map fuzz sample".to_owned());
    for s in real.sources() {
        if s.id != "test" {
            b.source(s.id, s.weight, s.is_copy);
        }
    }
    let mut creators = BTreeSet::new();
    for (i, c) in real.creators().enumerate() {
        if i % 96 == 0 || NAMED_CREATORS.contains(&c.name()) {
            let aliases: Vec<&str> = c.spellings().filter(|s| *s != c.name()).collect();
            b.creator(c.name(), c.vendor().unwrap_or(""), &aliases);
            creators.insert(c.id());
        }
    }
    let mut per_creator = std::collections::HashMap::new();
    for (i, v) in real.entries().enumerate() {
        let non_ascii = !v.name().is_ascii() || !v.keyword().is_ascii();
        let keep = match v.kind() {
            Kind::Public => i % 200 == 0 || non_ascii || NAMED_PUBLIC.contains(&v.stored_keyword()),
            Kind::Repeater => i % 4 == 0,
            _ => {
                let id = v.creator_id().unwrap_or(u16::MAX);
                let taken = per_creator.entry(id).or_insert(0);
                let keep = creators.contains(&id) && *taken < 8;
                *taken += usize::from(keep);
                keep
            }
        };
        if keep {
            add(&mut b, &v);
        }
    }
    b.build()
}

/// Adds `v` to `b` with everything the builder can express.
fn add(b: &mut Builder, v: &TagView<'_>) {
    let vr = v.vr().to_string();
    let keyword = v.stored_keyword();
    let e: &mut Entry = match v.kind() {
        Kind::Public => b.public(v.tag(), keyword, &vr, v.vm()),
        Kind::Repeater => {
            let (mask, value) = mask_of(&v.pattern());
            b.repeater(mask, value, keyword, &vr, v.vm())
        }
        kind => {
            let creator = v.creator().unwrap_or("");
            let (element, block) = (v.element() as u8, (v.element() >> 8) as u8);
            if kind == Kind::PrivateRepeater {
                let (mask, value) = mask_of(&v.pattern());
                let group_mask = (mask >> 16) as u16;
                let group = (value >> 16) as u16;
                b.private_repeater(
                    group,
                    group_mask,
                    creator,
                    element,
                    block,
                    keyword,
                    &vr,
                    v.vm(),
                )
            } else {
                b.private(v.group(), creator, element, block, keyword, &vr, v.vm())
            }
        }
    };
    e.name(v.name());
    e.description(v.description());
    e.confidence(v.confidence());
    e.no_real_name = !v.has_real_name();
    if v.retired() {
        e.retired();
    }
    if v.keyword_generated() {
        // Bit 4: the generated keyword carries the tag suffix.
        e.generated(v.flags() & (1 << 4) != 0);
    }
    // At most three sources per entry and two per candidate: enough for every code path, and
    // the sample stays small (real entries list up to a dozen).
    let items: Vec<(&str, &str, u16)> = v
        .sources()
        .take(3)
        .map(|s| (s.id, s.document, s.page))
        .collect();
    e.sources(&items);
    for c in v.candidates() {
        let ids: Vec<&str> = c.sources.take(2).map(|s| s.id).collect();
        e.candidate(&c.vr.to_string(), c.vm, &ids, c.chosen);
    }
}

/// `(mask, value)` of a pattern such as `(60xx,3000)`, `(0028,04x0)` or `(70xx,xx04)`: every `x`
/// is a masked hex digit.
fn mask_of(pattern: &str) -> (u32, u32) {
    let digits: Vec<char> = pattern
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let (mut mask, mut value) = (0u32, 0u32);
    for c in digits.iter().take(8) {
        mask <<= 4;
        value <<= 4;
        if let Some(d) = c.to_digit(16) {
            mask |= 0xF;
            value |= d;
        }
    }
    (mask, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_from_patterns() {
        assert_eq!(mask_of("(60xx,3000)"), (0xFF00_FFFF, 0x6000_3000));
        assert_eq!(mask_of("(0028,04x0)"), (0xFFFF_FF0F, 0x0028_0400));
        assert_eq!(mask_of("(70xx,xx04)"), (0xFF00_00FF, 0x7000_0004));
    }
}
