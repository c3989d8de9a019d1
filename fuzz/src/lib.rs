//! The fuzz harnesses: one function per cargo-fuzz target, shared with the stable replay test.
//!
//! Each function takes the fuzzer's bytes and drives the public API of `dicom-map` with them; the
//! only failure is a panic, a hang, or a memory error (the fuzz targets run under
//! AddressSanitizer). `fuzz_targets/*.rs` are one-line wrappers, and
//! `dicom-map/tests/fuzz_replay.rs` includes this file (`#[path]`) and runs every committed
//! input of `fuzz/seeds/` and `fuzz/regressions/` through the same functions on stable Rust, so
//! a crash once found stays fixed without nightly in CI.
//!
//! - [`bytes`]: the input is a whole file: `from_bytes`, `verify` and every lookup and accessor.
//! - [`mutated`]: the input is a list of edits to a small valid dictionary sampled from the real
//!   one ([`small`]), after which `file_len` and both CRC-32s are fixed up, so most mutants pass
//!   the checksums and reach the deep checks of `verify` and the lookups behind them.
//! - [`parse`]: the input is text for every parser that needs no dictionary: tag text,
//!   group/element pairs, creators, VR codes, keyword derivation.
//! - [`text`]: the same text into every lookup that takes text (tag text, keywords, creators).
//! - [`search`]: the input is a search string, run (plain and ranked) over the sample.
//!
//! The sample ([`small`]) keeps the two dictionary targets at thousands of executions a second:
//! on the 1.35 MB bundled file every execution took tens of milliseconds.

#[path = "../../dicom-map/tests/support/builder.rs"]
#[allow(dead_code)]
mod builder;
#[path = "small.rs"]
mod small;

use std::sync::OnceLock;

use dicom_map::{
    derive_keyword, fold_creator, normalise_creator, parse_group_element, parse_tag, Dict, TagText,
    TagView, Vr,
};

pub use small::small;

/// The bundled dictionary's bytes (the crate's `embedded` feature).
pub fn real() -> &'static [u8] {
    dicom_map::embedded().as_bytes()
}

/// Target `bytes`: opens `data` as a file and, if it opens, does everything a caller can.
pub fn bytes(data: &[u8]) {
    if let Ok(dict) = Dict::from_bytes(data) {
        let _ = dict.verify();
        exercise(&dict, 0, 1, data);
    }
}

/// The sample ([`small`]), opened once.
pub fn small_dict() -> &'static Dict<&'static [u8]> {
    static DICT: OnceLock<Dict<&'static [u8]>> = OnceLock::new();
    DICT.get_or_init(|| Dict::from_bytes(small()).expect("the fuzz sample is a valid file"))
}

/// Target `mutated`: applies `data` as edits to the sample ([`small`]), fixes `file_len` and the
/// checksums, then opens, verifies and exercises the result.
///
/// `data` is a sequence of edits, each `[op, offset (u32 LE), n, n bytes]`: `op % 4` is 0 or 1
/// (overwrite), 2 (insert) or 3 (delete `n` bytes); `offset` is taken modulo the file's length.
/// Overwrites are the common case so that the section table stays valid.
pub fn mutated(data: &[u8]) {
    let mut file = small().to_vec();
    apply_edits(&mut file, data);
    fix_up(&mut file);
    if let Ok(dict) = Dict::from_bytes(&file[..]) {
        let _ = dict.verify();
        // Every 7th entry from an offset the input chooses: every entry across runs.
        exercise(
            &dict,
            usize::from(data.first().copied().unwrap_or(0)),
            7,
            data,
        );
    }
}

/// Target `parse`: `data` (lossily as UTF-8) into every text parser that needs no dictionary:
/// tag text, a group and an element, creator normalising and folding, VR codes, keyword
/// derivation. Microseconds per input, so this target does most of the executions.
pub fn parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = parse_tag(&text);
    let (a, b) = split(&text);
    let _ = parse_group_element(a, b);
    let _ = parse_group_element(b, a);
    let normal = normalise_creator(&text);
    let _ = fold_creator(normal);
    let _ = text.parse::<Vr>();
    let _ = a.trim().parse::<Vr>();
    let _ = derive_keyword(&text, a, b, data.len() % 2 == 0);
    let _ = derive_keyword(a, b, &text, true);
}

/// `text` split at its first space, comma or `|`: two arguments from one input.
fn split(text: &str) -> (&str, &str) {
    text.split_once([' ', ',', '|']).unwrap_or((text, ""))
}

/// Target `text`: `data` (lossily as UTF-8) into every lookup that takes text (tag text,
/// keywords, creators, metadata keys), on the real dictionary.
pub fn text(data: &[u8]) {
    parse(data);
    let text = String::from_utf8_lossy(data);
    let dict = dicom_map::embedded();
    let _ = parse_tag(&text).map(|t| match t {
        TagText::Tag { group, element } => dict.lookup(group, element, None).map(touch),
        TagText::Keyword(k) => dict.lookup_keyword(k, None).map(touch),
    });
    let (a, b) = split(&text);
    let _ = dict.lookup_text(&text, None);
    let _ = dict.lookup_text(a, Some(b)).map(|v| v.map(touch));
    let _ = dict.lookup_keyword(&text, Some(b)).map(touch);
    let _ = dict.lookup_keyword(&text, None).map(touch);
    let _ = dict.entries_for_keyword(&text).take(8).map(touch).count();
    for c in dict.creator(&text).iter().chain(dict.creator(a).iter()) {
        let _ = (c.name(), c.vendor(), c.matched(), c.spellings().count());
        let _ = c.entries().take(4).map(touch).count();
    }
    let creator_tag = u16::from_le_bytes([data.first().copied().unwrap_or(0x19), 0x10]);
    let _ = dict.lookup(0x0019 | 1, creator_tag, Some(&text)).map(touch);
    let _ = dict.lookup(0x0029, 0x1010, Some(a)).map(touch);
    let _ = dict.metadata_value(&text);
}

/// Target `search`: `data` (lossily as UTF-8) as a search string over the sample, plain and
/// ranked.
pub fn search(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let dict = small_dict();
    let _ = dict.search(&text).take(16).map(touch).count();
    let _ = dict
        .search_ranked(&text)
        .into_iter()
        .take(16)
        .map(touch)
        .count();
}

/// Reads every field of an entry (and of its sources and candidates).
fn touch(v: TagView<'_>) {
    let _ = (v.group(), v.element(), v.tag(), v.kind(), v.pattern());
    let _ = (v.keyword(), v.keyword_cstr(), v.stored_keyword(), v.name());
    let _ = (v.description(), v.vr().to_string(), v.vm(), v.retired());
    let _ = (v.conflict(), v.keyword_generated(), v.has_real_name());
    let _ = (v.confidence(), v.flags(), v.entry_id(), v.creator());
    let _ = (
        v.creator_id(),
        v.creator_match(),
        v.vendor(),
        v.block_offset(),
    );
    let _ = (v.block(), v.sources_summary(), v.sources().summary());
    for s in v.sources().take(4) {
        let _ = (s.id, s.document, s.page, s.source_index);
    }
    for c in v.candidates().take(4) {
        let _ = (c.vr.to_string(), c.vm, c.chosen, c.sources.count());
    }
    if let Some(vr) = v.vr().single() {
        let _ = vr.as_str().parse::<Vr>();
    }
}

/// Everything a caller can do with an opened dictionary, on entries `skip, skip + stride, ...`
/// and on tags and texts taken from `seed`.
fn exercise<S: AsRef<[u8]>>(dict: &Dict<S>, skip: usize, stride: usize, seed: &[u8]) {
    let _ = (dict.len(), dict.is_empty(), dict.sections().len());
    let _ = (dict.edition(), dict.has_private_entries());
    let _ = format!("{dict:?}");
    let info = dict.info();
    let _ = (info.edition, info.file_len);
    for (k, v) in dict.metadata().take(64) {
        let _ = dict.metadata_value(k).map(|w| w == v);
    }
    for s in dict.sources().take(64) {
        let _ = (s.id, s.title, s.version, s.url, s.license, s.weight);
    }
    let _ = dict.index_bytes();
    for v in dict.entries().skip(skip).step_by(stride) {
        touch(v);
        let creator = v.creator();
        if let Some(found) = dict.lookup(v.group(), v.element(), creator) {
            touch(found);
        }
        if let Some(id) = v.entry_id() {
            let _ = dict.entry(id).map(touch);
        }
        let _ = dict
            .entries_for_keyword(&v.keyword())
            .take(4)
            .map(touch)
            .count();
    }
    for c in dict.creators().skip(skip).step_by(stride).take(64) {
        let _ = (c.id(), c.name(), c.vendor(), c.spellings().count());
        let _ = dict.creator(c.name()).len();
        let _ = c.entries().take(4).map(touch).count();
    }
    let _ = dict
        .entries()
        .filter(|e| e.creator().is_some())
        .skip(skip)
        .step_by(stride)
        .take(64)
        .map(touch)
        .count();
    let creator = std::str::from_utf8(seed.get(4..).unwrap_or(&[])).unwrap_or("SIEMENS MR HEADER");
    for pair in seed.chunks_exact(4).take(16) {
        let group = u16::from_le_bytes([pair[0], pair[1]]);
        let element = u16::from_le_bytes([pair[2], pair[3]]);
        let _ = dict.lookup(group, element, None).map(touch);
        let _ = dict.lookup(group | 1, element, Some(creator)).map(touch);
        let _ = dict.lookup(group, element, Some("GEMS_ACQU_01")).map(touch);
    }
    for (g, e, c) in [
        (0x0008u16, 0x0005u16, None),
        (0x0019, 0x100C, Some("SIEMENS MR HEADER")),
        (0x0019, 0x100C, Some("siemens  mr header")),
        (0x6002, 0x3000, None),
        (0x7003, 0x1004, Some("DLX_ANNOT_01")),
        (0x0019, 0x0010, None),
        (0x0011, 0x0000, None),
        (0xFFFF, 0xFFFF, Some("")),
    ] {
        let _ = dict.lookup(g, e, c).map(touch);
    }
    let _ = dict.lookup_keyword("PatientName", None).map(touch);
    let _ = dict.lookup_text("(0019,xx0C)", Some("SIEMENS MR HEADER"));
    let _ = dict.search("pixel").take(8).map(touch).count();
    dict.prepare();
}

/// Applies `edits` (see [`mutated`]) to `file`.
fn apply_edits(file: &mut Vec<u8>, mut edits: &[u8]) {
    while let [op, a, b, c, d, n, rest @ ..] = edits {
        let n = usize::from(*n);
        let len = file.len().max(1);
        let at = u32::from_le_bytes([*a, *b, *c, *d]) as usize % len;
        let take = n.min(rest.len());
        let (payload, tail) = rest.split_at(take);
        match op % 4 {
            0 | 1 => {
                let end = (at + take).min(file.len());
                let count = end.saturating_sub(at);
                if let (Some(dst), Some(src)) = (file.get_mut(at..end), payload.get(..count)) {
                    dst.copy_from_slice(src);
                }
            }
            2 => {
                let at = at.min(file.len());
                file.splice(at..at, payload.iter().copied());
            }
            _ => {
                let end = (at + n).min(file.len());
                file.drain(at.min(end)..end);
            }
        }
        edits = if op % 4 == 3 { rest } else { tail };
    }
}

/// Sets `file_len` to the length and recomputes the body and header CRC-32s (as a writer would),
/// so that only the deep checks can reject the edited file.
fn fix_up(file: &mut [u8]) {
    if file.len() < 64 {
        return;
    }
    let len = file.len() as u64;
    file[24..32].copy_from_slice(&len.to_le_bytes());
    let body = crc32fast::hash(&file[64..]);
    file[32..36].copy_from_slice(&body.to_le_bytes());
    let head = crc32fast::hash(&file[..60]);
    file[60..64].copy_from_slice(&head.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_without_changes_keep_the_file_valid() {
        let mut file = small().to_vec();
        apply_edits(&mut file, &[]);
        fix_up(&mut file);
        assert_eq!(file, small());
        // Overwrite a byte with itself.
        let at = 100u32.to_le_bytes();
        let same = small()[100];
        apply_edits(&mut file, &[0, at[0], at[1], at[2], at[3], 1, same]);
        assert_eq!(file, small());
    }

    #[test]
    fn insert_and_delete_fix_the_length() {
        let mut file = small().to_vec();
        apply_edits(&mut file, &[2, 0, 1, 0, 0, 3, 1, 2, 3]);
        assert_eq!(file.len(), small().len() + 3);
        apply_edits(&mut file, &[3, 0, 1, 0, 0, 5]);
        assert_eq!(file.len(), small().len() - 2);
        fix_up(&mut file);
        assert_eq!(
            u64::from_le_bytes(file[24..32].try_into().unwrap()),
            file.len() as u64
        );
    }
}
