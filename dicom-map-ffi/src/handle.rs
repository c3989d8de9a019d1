//! What a `dmap_dict` holds: the dictionary, plus the few tables built once at open so that a
//! lookup never allocates.
//!
//! Names, keywords, VMs, descriptions, creators, vendors and provenance summaries are `&str`s into
//! the file's string pool, which the format stores NUL-terminated precisely so that C can borrow
//! them: [`Handle::c_str`] hands out their address after checking, in constant time, that the
//! string lies inside the dictionary's bytes and is followed by `0x00`. What is not in the pool
//! is built here, once:
//!
//! - **VR text** (`"US or SS"`): the file stores a bit set; every distinct set is formatted once.
//! - **Generated keywords** (flag bit 2) are derived by readers, not stored: every one is derived
//!   once, and a keyword index over stored and generated keywords makes keyword search a binary
//!   search.
//! - **Creator spellings.** `Dict::lookup` folds an unknown creator into a new `String` before
//!   searching the folded forms, an allocation on every lookup with a creator the dictionary does
//!   not spell exactly (including every unknown creator). [`Handle::lookup`] therefore resolves
//!   such creators itself, with the same rules (normalise, exact spelling, else folded form,
//!   creators in id order) folding into a stack buffer, and then asks the dictionary with each
//!   candidate's exact canonical spelling. `tests/api.rs` checks it against `Dict::lookup`. This
//!   can go once the core resolves creators without allocating.

use std::ffi::{c_char, CString};

use dicom_map::{normalise_creator, Dict, Kind, TagView, VrSet};

use crate::{dmap_creator_match, dmap_entry, dmap_kind, EMPTY};

/// `gen_at` value for "keyword not generated".
const NONE: u32 = u32::MAX;

/// A private group used to reach the two synthetic entries at open.
const PROBE_GROUP: u16 = 0x0009;

/// The longest folded creator resolved on the stack; longer ones (DICOM's LO is at most 64
/// characters) go to `Dict::lookup` as given.
const FOLD_BUFFER: usize = 256;

/// A lookup result: the view, and whether its creator matched only in folded form (which the
/// view itself reports as exact, having been found through the canonical spelling).
pub(crate) struct Found<'a> {
    pub view: TagView<'a>,
    pub folded: bool,
}

/// Folded creator forms, ascending, each with the canonical spellings of its creators in id order.
type FoldedForms = Vec<(Box<[u8]>, Vec<Box<str>>)>;

/// The state behind a `dmap_dict *`. Immutable after [`Handle::new`], hence shareable by threads.
pub(crate) struct Handle {
    pub(crate) dict: Dict,
    /// Every generated keyword, each followed by `0x00`.
    gen_text: Vec<u8>,
    /// By entry id: the offset of its generated keyword in `gen_text`, or [`NONE`].
    gen_at: Vec<u32>,
    /// Generated keywords of the synthetic group-length and private-creator entries, if any.
    synthetic_kw: [u32; 2],
    /// Ids of every entry with a keyword (stored or generated), by (keyword bytes, entry id).
    kw_sorted: Vec<u32>,
    /// The text of every VR set the dictionary uses, ascending by bits.
    vr_text: Vec<(u64, CString)>,
    /// Every exact creator spelling (canonical and aliases), ascending by bytes.
    spellings: Vec<Box<str>>,
    /// Every folded creator form, ascending, with the canonical spellings of the creators it
    /// names in creator-id order.
    folded: FoldedForms,
    /// The PS3.6 edition from the header.
    pub(crate) edition: CString,
}

impl Handle {
    /// Builds the tables for a dictionary that has already been verified.
    pub(crate) fn new(dict: Dict) -> Handle {
        let mut gen_text = Vec::new();
        let mut gen_at = vec![NONE; dict.len()];
        let mut synthetic_kw = [NONE; 2];
        let mut vr_bits = Vec::new();
        let mut kw_ids = Vec::new();
        let mut push_kw = |keyword: &str| -> u32 {
            let at = u32::try_from(gen_text.len()).unwrap_or(NONE);
            gen_text.extend(keyword.bytes().filter(|&b| b != 0));
            gen_text.push(0);
            at
        };
        for v in dict.entries() {
            vr_bits.push(v.vr().bits());
            let Some(id) = v.entry_id() else { continue };
            if v.keyword_generated() {
                let keyword = v.keyword();
                if let (Some(slot), false) = (gen_at.get_mut(id as usize), keyword.is_empty()) {
                    *slot = push_kw(&keyword);
                    kw_ids.push(id);
                }
            } else if !v.stored_keyword().is_empty() {
                kw_ids.push(id);
            }
        }
        // The synthetic entries (group length, private creator) are reached only by lookup.
        for (i, element) in [0x0000u16, 0x0010].into_iter().enumerate() {
            if let Some(v) = dict.lookup(PROBE_GROUP, element, None) {
                vr_bits.push(v.vr().bits());
                if v.keyword_generated() {
                    synthetic_kw[i] = push_kw(&v.keyword());
                }
            }
        }
        vr_bits.sort_unstable();
        vr_bits.dedup();
        let vr_text = vr_bits
            .into_iter()
            .map(|bits| {
                (
                    bits,
                    CString::new(VrSet::from_bits(bits).to_string()).unwrap_or_default(),
                )
            })
            .collect();
        let (spellings, folded) = creator_tables(&dict);
        let edition = CString::new(dict.edition().replace('\0', "")).unwrap_or_default();
        // Sort by keyword with each key read once (reading one costs a record decode).
        let mut keyed: Vec<(&[u8], u32)> = kw_ids
            .iter()
            .map(|&id| (keyword_bytes(&dict, &gen_text, &gen_at, id), id))
            .collect();
        keyed.sort_unstable();
        let kw_sorted = keyed.into_iter().map(|(_, id)| id).collect();
        Handle {
            dict,
            gen_text,
            gen_at,
            synthetic_kw,
            kw_sorted,
            vr_text,
            spellings,
            folded,
            edition,
        }
    }

    /// The keyword of entry `id` as bytes (generated or stored); empty if it has none.
    fn keyword_bytes(&self, id: u32) -> &[u8] {
        keyword_bytes(&self.dict, &self.gen_text, &self.gen_at, id)
    }

    /// A borrowed C string for a `&str` the dictionary handed out: its own address when it lies
    /// in the dictionary's bytes and a `0x00` follows it (every string of the pool); otherwise
    /// `""` for an empty string and U+FFFD for anything else (which a verified file cannot give;
    /// `tests/api.rs` checks every entry). Constant time; never allocates.
    pub(crate) fn c_str(&self, s: &str) -> *const c_char {
        let bytes = self.dict.as_bytes();
        let base = bytes.as_ptr() as usize;
        let start = s.as_ptr() as usize;
        if let Some(end) = start
            .checked_sub(base)
            .and_then(|off| off.checked_add(s.len()))
        {
            if bytes.get(end) == Some(&0) {
                return s.as_ptr().cast();
            }
        }
        if s.is_empty() {
            EMPTY.as_ptr().cast()
        } else {
            b"\xEF\xBF\xBD\0".as_ptr().cast()
        }
    }

    fn keyword_ptr(&self, v: &TagView<'_>) -> *const c_char {
        if !v.keyword_generated() {
            return self.c_str(v.stored_keyword());
        }
        let at = match (v.entry_id(), v.kind()) {
            (Some(id), _) => self.gen_at.get(id as usize).copied().unwrap_or(NONE),
            (None, Kind::GroupLength) => self.synthetic_kw[0],
            (None, _) => self.synthetic_kw[1],
        };
        match self.gen_text.get(at as usize..) {
            Some(tail) if at != NONE => tail.as_ptr().cast(),
            _ => EMPTY.as_ptr().cast(),
        }
    }

    fn vr_ptr(&self, vr: VrSet) -> *const c_char {
        match self
            .vr_text
            .binary_search_by_key(&vr.bits(), |(bits, _)| *bits)
        {
            Ok(i) => self.vr_text[i].1.as_ptr(),
            Err(_) => EMPTY.as_ptr().cast(),
        }
    }

    /// The C view of a result: integers copied, strings borrowed from the dictionary or from
    /// this handle.
    pub(crate) fn entry(&self, found: &Found<'_>) -> dmap_entry {
        let v = &found.view;
        let vr = v.vr();
        dmap_entry {
            group: v.group(),
            element: v.element(),
            kind: match v.kind() {
                Kind::Public => dmap_kind::DMAP_KIND_PUBLIC,
                Kind::Repeater => dmap_kind::DMAP_KIND_REPEATER,
                Kind::Private => dmap_kind::DMAP_KIND_PRIVATE,
                Kind::PrivateRepeater => dmap_kind::DMAP_KIND_PRIVATE_REPEATER,
                Kind::GroupLength => dmap_kind::DMAP_KIND_GROUP_LENGTH,
                Kind::PrivateCreator => dmap_kind::DMAP_KIND_PRIVATE_CREATOR,
            },
            keyword: self.keyword_ptr(v),
            name: self.c_str(v.name()),
            vr: self.vr_ptr(vr),
            vm: self.c_str(v.vm()),
            description: self.c_str(v.description()),
            creator: v.creator().map_or(EMPTY.as_ptr().cast(), |c| self.c_str(c)),
            vendor: v.vendor().map_or(EMPTY.as_ptr().cast(), |c| self.c_str(c)),
            sources: self.c_str(v.sources_summary()),
            vr_bits: vr.bits(),
            entry_id: v.entry_id().unwrap_or(u32::MAX),
            creator_match: match v.creator_match() {
                None => dmap_creator_match::DMAP_CREATOR_NONE,
                Some(_) if found.folded => dmap_creator_match::DMAP_CREATOR_FOLDED,
                Some(dicom_map::CreatorMatch::Exact) => dmap_creator_match::DMAP_CREATOR_EXACT,
                Some(dicom_map::CreatorMatch::Folded) => dmap_creator_match::DMAP_CREATOR_FOLDED,
            },
            confidence: v.confidence(),
            block: v.block().unwrap_or(0),
            retired: v.retired(),
            conflict: v.conflict(),
            keyword_generated: v.keyword_generated(),
            block_offset: v.block_offset(),
            has_real_name: v.has_real_name(),
        }
    }

    /// Entry `id` under its own key, as iteration lists it.
    pub(crate) fn entry_at(&self, id: u32) -> Option<Found<'_>> {
        self.dict.entry(id).map(|view| Found {
            view,
            folded: false,
        })
    }

    /// `Dict::lookup`, without allocating (see the module docs on creator spellings).
    pub(crate) fn lookup(
        &self,
        group: u16,
        element: u16,
        creator: Option<&str>,
    ) -> Option<Found<'_>> {
        let plain = |creator| {
            self.dict.lookup(group, element, creator).map(|view| Found {
                view,
                folded: false,
            })
        };
        let Some(creator) = creator else {
            return plain(None);
        };
        let normal = normalise_creator(creator);
        if self
            .spellings
            .binary_search_by(|s| s.as_bytes().cmp(normal.as_bytes()))
            .is_ok()
        {
            return plain(Some(normal)); // an exact spelling: the dictionary's fast path
        }
        let mut buf = [0u8; FOLD_BUFFER];
        let Some(folded) = fold_into(normal, &mut buf) else {
            return plain(Some(creator));
        };
        if let Ok(i) = self.folded.binary_search_by(|(f, _)| (**f).cmp(folded)) {
            for canonical in &self.folded[i].1 {
                // Each canonical spelling resolves exactly to its one creator; the first creator
                // with an entry wins, as in `Dict::lookup`.
                if let Some(view) = self.dict.lookup(group, element, Some(canonical)) {
                    if matches!(view.kind(), Kind::Private | Kind::PrivateRepeater) {
                        return Some(Found { view, folded: true });
                    }
                }
            }
        }
        // No creator of that spelling has the element: the rules that need no creator decide.
        plain(None)
    }

    /// Entry ids whose keyword is exactly `keyword`, ascending.
    fn with_keyword<'k>(&'k self, keyword: &'k str) -> impl Iterator<Item = u32> + 'k {
        let start = self
            .kw_sorted
            .partition_point(|&id| self.keyword_bytes(id) < keyword.as_bytes());
        self.kw_sorted[start..]
            .iter()
            .copied()
            .take_while(move |&id| self.keyword_bytes(id) == keyword.as_bytes())
    }

    /// The entry with `keyword` (stored or generated), under its own key; without a creator the
    /// lowest entry id (public entries first), with one the entry of that creator, resolved by
    /// the lookup rules (so folded spellings work and the match is reported).
    pub(crate) fn find_keyword(&self, keyword: &str, creator: Option<&str>) -> Option<Found<'_>> {
        let mut ids = self.with_keyword(keyword);
        match creator {
            None => ids.next().and_then(|id| self.entry_at(id)),
            Some(creator) => ids.find_map(|id| self.as_seen_with(id, creator)),
        }
    }

    /// Private entry `id` looked up again under its own key with `creator`: `Some` when the
    /// creator resolves to the entry's creator.
    fn as_seen_with(&self, id: u32, creator: &str) -> Option<Found<'_>> {
        let v = self.dict.entry(id)?;
        v.creator_id()?;
        // Ask for the entry as a file would hold it. A block-specific entry is (gggg,BBEE); an
        // any-block one (gggg,00EE), but (gggg,xx00) must be asked in a block (element 0x0000
        // means the group length) and a private repeating group such as (70xx,xx04), listed
        // under its masked even group, in an odd group of its range. A more specific entry of
        // the same creator may shadow it there (block-specific, or of one group), so the next
        // block or group is tried; a hit of another creator means `creator` is not this one's.
        let low = v.element() & 0x00FF;
        let first_group = if v.kind() == Kind::PrivateRepeater {
            v.group() | 1
        } else {
            v.group()
        };
        let last_group = if v.kind() == Kind::PrivateRepeater {
            v.group() | 0x00FF
        } else {
            v.group()
        };
        let blocks = if v.block_offset() && low == 0 {
            0x10..=0xFF
        } else {
            0..=0
        };
        let element_in = |block: u16| match (v.block_offset(), low) {
            (false, _) => v.element(),
            (true, 0) => block << 8,
            (true, _) => low,
        };
        let mut found = None;
        'search: for group in (first_group..=last_group).step_by(2) {
            for block in blocks.clone() {
                let hit = self.lookup(group, element_in(block), Some(creator))?;
                if hit.view.entry_id() == Some(id) {
                    found = Some(hit);
                    break 'search;
                }
                if hit.view.creator_id() != v.creator_id() {
                    return None;
                }
            }
        }
        let found = found?;
        // Describe it under its own key, as iteration does, keeping how the creator matched.
        let how = found.view.creator_match();
        Some(Found {
            view: v,
            folded: found.folded || how == Some(dicom_map::CreatorMatch::Folded),
        })
    }
}

/// The exact spellings of every creator, sorted; and every folded form of them with the
/// canonical spellings of the creators the dictionary resolves it to, in the dictionary's order.
fn creator_tables(dict: &Dict) -> (Vec<Box<str>>, FoldedForms) {
    let mut spellings: Vec<Box<str>> = dict
        .creators()
        .flat_map(|c| c.spellings())
        .map(Box::from)
        .collect();
    spellings.sort_unstable();
    spellings.dedup();
    let mut forms: Vec<String> = spellings
        .iter()
        .map(|s| dicom_map::fold_creator(s))
        .collect();
    forms.sort_unstable();
    forms.dedup();
    let folded = forms
        .into_iter()
        .filter_map(|form| {
            // A tab is deleted by folding but kept by normalising, so "\t" + form is never an
            // exact spelling: the dictionary answers with its folded resolution of `form`.
            let probe = format!("\t{form}");
            let names: Vec<Box<str>> = dict
                .creator(&probe)
                .iter()
                .map(|c| Box::from(c.name()))
                .collect();
            (!names.is_empty()).then(|| (form.into_bytes().into_boxed_slice(), names))
        })
        .collect();
    (spellings, folded)
}

/// Folds a normalised creator into `buf` as `dicom_map::fold_creator` does (ASCII whitespace
/// deleted, `a`-`z` upper-cased, other bytes kept); `None` if it does not fit.
fn fold_into<'b>(normal: &str, buf: &'b mut [u8; FOLD_BUFFER]) -> Option<&'b [u8]> {
    let mut n = 0;
    for b in normal.bytes() {
        if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            continue;
        }
        *buf.get_mut(n)? = b.to_ascii_uppercase();
        n += 1;
    }
    Some(&buf[..n])
}

/// The keyword of entry `id` as bytes: its generated keyword, else its stored one.
fn keyword_bytes<'a>(dict: &'a Dict, gen_text: &'a [u8], gen_at: &[u32], id: u32) -> &'a [u8] {
    match gen_at.get(id as usize) {
        Some(&at) if at != NONE => nul_terminated(gen_text, at),
        _ => dict
            .entry(id)
            .map_or(&[][..], |v| v.stored_keyword().as_bytes()),
    }
}

/// The bytes at `at` up to the next `0x00`.
fn nul_terminated(text: &[u8], at: u32) -> &[u8] {
    let tail = text.get(at as usize..).unwrap_or_default();
    &tail[..tail.iter().position(|&b| b == 0).unwrap_or(tail.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_into_matches_fold_creator() {
        let mut buf = [0u8; FOLD_BUFFER];
        for s in [
            "Siemens MR\tHeader\x0B\x0C\r\n",
            "gems_ident_01",
            "caf\u{e9} \u{a0}x",
            "A\0b",
            "",
        ] {
            assert_eq!(
                fold_into(s, &mut buf).unwrap(),
                dicom_map::fold_creator(s).as_bytes(),
                "{s:?}"
            );
        }
        assert!(fold_into(&"x".repeat(FOLD_BUFFER + 1), &mut buf).is_none());
        assert_eq!(
            fold_into(&format!("{} ", "x".repeat(FOLD_BUFFER)), &mut buf)
                .unwrap()
                .len(),
            FOLD_BUFFER
        );
    }
}
