//! What a `dmap_dict` holds: the dictionary, plus the few strings built once at open so that a
//! lookup never allocates.
//!
//! Lookups, keyword lookups and creator matching are the core's (`Dict::lookup`,
//! `Dict::keyword_lookup`, `Dict::tag_for_keyword`), which allocate nothing. Names, keywords,
//! VMs, descriptions, creators, vendors and provenance summaries are `&str`s into the file's
//! string pool, which the format stores NUL-terminated precisely so that C can borrow them:
//! [`Handle::c_str`] hands out their address after checking, in constant time, that the string
//! lies inside the dictionary's bytes and is followed by `0x00`. Keywords come from
//! `TagView::keyword_cstr`: the pool, or the generated keywords the core derives once per
//! dictionary (flag bit 2: derived by readers, not stored), which opening asks it to do now
//! (`Dict::prepare`, which also builds the core's tag index, so that no lookup allocates, not even
//! the first). What neither the file nor the core holds is built here, once:
//!
//! - **VR text** (`"US or SS"`): the file stores a bit set; every distinct set is formatted once.
//! - **The edition**, which the header stores NUL-padded rather than NUL-terminated.

use std::ffi::{c_char, CString};

use dicom_map::{Dict, Kind, TagView, VrSet};

use crate::{dmap_creator_match, dmap_entry, dmap_kind, EMPTY};

/// A private group used to reach the two synthetic entries at open.
const PROBE_GROUP: u16 = 0x0009;

/// The state behind a `dmap_dict *`. Immutable after [`Handle::new`], hence shareable by threads.
pub(crate) struct Handle {
    pub(crate) dict: Dict,
    /// The text of every VR set the dictionary uses, ascending by bits.
    vr_text: Vec<(u64, CString)>,
    /// The PS3.6 edition from the header.
    pub(crate) edition: CString,
}

impl Handle {
    /// Builds the tables for a dictionary that has already been verified.
    pub(crate) fn new(dict: Dict) -> Handle {
        // The core's tag and keyword indexes (every generated keyword derived), built now so that
        // no lookup has to, not even the first.
        dict.prepare();
        let mut vr_bits: Vec<u64> = dict.entries().map(|v| v.vr().bits()).collect();
        // The synthetic entries (group length, private creator) are reached only by lookup.
        for element in [0x0000u16, 0x0010] {
            if let Some(v) = dict.lookup(PROBE_GROUP, element, None) {
                vr_bits.push(v.vr().bits());
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
        let edition = CString::new(dict.edition().replace('\0', "")).unwrap_or_default();
        Handle {
            dict,
            vr_text,
            edition,
        }
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
            c"\u{FFFD}".as_ptr()
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
    pub(crate) fn entry(&self, v: &TagView<'_>) -> dmap_entry {
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
            keyword: v.keyword_cstr().as_ptr(),
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
}
