//! What a `dmap_dict` holds: the dictionary, plus the few C strings the file does not store
//! NUL-terminated, built once at open so that a lookup never allocates.
//!
//! Names, keywords, VMs, descriptions, creators, vendors and provenance summaries are `&str`s into
//! the file's string pool, which the format stores NUL-terminated precisely so that C can borrow
//! them: [`Handle::c_str`] hands out their address after checking, in constant time, that the
//! string lies inside the dictionary's bytes and is followed by `0x00`. Two things are not in
//! the pool:
//!
//! - **VR text** (`"US or SS"`) is a bit set in the file: every distinct set of the dictionary is
//!   formatted once here;
//! - **generated keywords** (flag bit 2) are derived by readers, not stored: every one is derived
//!   once here, and indexed by keyword so `dmap_lookup_keyword` finds them too.

use std::ffi::{c_char, CString};

use dicom_map::{CreatorMatch, Dict, Kind, TagView, VrSet};

use crate::{dmap_creator_match, dmap_entry, dmap_kind, EMPTY};

/// `gen_at` value for "keyword not generated".
const NONE: u32 = u32::MAX;

/// A probe private group for the two synthetic entries (any odd group above 0x0008 would do).
const PROBE_GROUP: u16 = 0x0009;

/// The state behind a `dmap_dict *`. Immutable after [`Handle::new`], hence shareable by threads.
pub(crate) struct Handle {
    pub(crate) dict: Dict,
    /// Every generated keyword, each followed by `0x00`.
    gen_text: Vec<u8>,
    /// By entry id: the offset of its generated keyword in `gen_text`, or [`NONE`].
    gen_at: Vec<u32>,
    /// Entry ids with a generated keyword, ordered by (keyword bytes, entry id).
    gen_sorted: Vec<u32>,
    /// Generated keywords of the synthetic group-length and private-creator entries, if any.
    synthetic_kw: [u32; 2],
    /// The text of every VR set the dictionary uses, ascending by bits.
    vr_text: Vec<(u64, CString)>,
    /// The PS3.6 edition from the header.
    pub(crate) edition: CString,
}

impl Handle {
    /// Builds the tables for a dictionary that has already been verified.
    pub(crate) fn new(dict: Dict) -> Handle {
        let mut h = Handle {
            gen_text: Vec::new(),
            gen_at: vec![NONE; dict.len()],
            gen_sorted: Vec::new(),
            synthetic_kw: [NONE; 2],
            vr_text: Vec::new(),
            edition: CString::new(dict.edition().replace('\0', "")).unwrap_or_default(),
            dict,
        };
        let mut gen_text = Vec::new();
        let mut gen_at = std::mem::take(&mut h.gen_at);
        let mut synthetic_kw = [NONE; 2];
        let mut vr_bits = Vec::new();
        let mut push_kw = |v: &TagView<'_>| -> u32 {
            let at = u32::try_from(gen_text.len()).unwrap_or(NONE);
            gen_text.extend(v.keyword().bytes().filter(|&b| b != 0));
            gen_text.push(0);
            at
        };
        for v in h.dict.entries() {
            vr_bits.push(v.vr().bits());
            if v.keyword_generated() {
                if let Some(slot) = v.entry_id().and_then(|id| gen_at.get_mut(id as usize)) {
                    *slot = push_kw(&v);
                }
            }
        }
        // The synthetic entries (group length, private creator) are reached only by lookup.
        for (i, element) in [0x0000u16, 0x0010].into_iter().enumerate() {
            if let Some(v) = h.dict.lookup(PROBE_GROUP, element, None) {
                vr_bits.push(v.vr().bits());
                if v.keyword_generated() {
                    synthetic_kw[i] = push_kw(&v);
                }
            }
        }
        vr_bits.sort_unstable();
        vr_bits.dedup();
        h.vr_text = vr_bits
            .into_iter()
            .map(|bits| (bits, CString::new(VrSet::from_bits(bits).to_string()).unwrap_or_default()))
            .collect();
        let mut gen_sorted: Vec<u32> =
            (0..gen_at.len()).filter(|&id| gen_at[id] != NONE).filter_map(|id| u32::try_from(id).ok()).collect();
        gen_sorted.sort_by(|&a, &b| kw_bytes(&gen_text, gen_at[a as usize]).cmp(kw_bytes(&gen_text, gen_at[b as usize])).then(a.cmp(&b)));
        h.gen_text = gen_text;
        h.gen_at = gen_at;
        h.gen_sorted = gen_sorted;
        h.synthetic_kw = synthetic_kw;
        h
    }

    /// A borrowed C string for a `&str` the dictionary handed out: its own address when it lies
    /// in the dictionary's bytes and a `0x00` follows it (every string of the pool); otherwise
    /// `""` for an empty string and U+FFFD for anything else (which a verified file cannot give).
    /// Constant time; never allocates.
    pub(crate) fn c_str(&self, s: &str) -> *const c_char {
        let bytes = self.dict.as_bytes();
        let base = bytes.as_ptr() as usize;
        let start = s.as_ptr() as usize;
        if let Some(end) = start.checked_sub(base).and_then(|off| off.checked_add(s.len())) {
            if start >= base && bytes.get(end) == Some(&0) {
                return s.as_ptr().cast();
            }
        }
        if s.is_empty() {
            EMPTY.as_ptr().cast()
        } else {
            b"\xEF\xBF\xBD\0".as_ptr().cast()
        }
    }

    fn gen_ptr(&self, at: u32) -> *const c_char {
        match self.gen_text.get(at as usize..) {
            Some(tail) if at != NONE => tail.as_ptr().cast(),
            _ => EMPTY.as_ptr().cast(),
        }
    }

    fn keyword_ptr(&self, v: &TagView<'_>) -> *const c_char {
        if v.keyword_generated() {
            let at = match (v.entry_id(), v.kind()) {
                (Some(id), _) => self.gen_at.get(id as usize).copied().unwrap_or(NONE),
                (None, Kind::GroupLength) => self.synthetic_kw[0],
                (None, _) => self.synthetic_kw[1],
            };
            self.gen_ptr(at)
        } else {
            self.c_str(&v.keyword())
        }
    }

    fn vr_ptr(&self, vr: VrSet) -> *const c_char {
        match self.vr_text.binary_search_by_key(&vr.bits(), |(bits, _)| *bits) {
            Ok(i) => self.vr_text[i].1.as_ptr(),
            Err(_) => EMPTY.as_ptr().cast(),
        }
    }

    /// The C view of `v`: integers copied, strings borrowed from the dictionary or this handle.
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
                Some(CreatorMatch::Exact) => dmap_creator_match::DMAP_CREATOR_EXACT,
                Some(CreatorMatch::Folded) => dmap_creator_match::DMAP_CREATOR_FOLDED,
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

    /// Entry ids whose generated keyword is exactly `keyword`, ascending.
    fn generated<'k>(&'k self, keyword: &'k str) -> impl Iterator<Item = u32> + 'k {
        let key = move |id: u32| kw_bytes(&self.gen_text, self.gen_at[id as usize]);
        let start = self.gen_sorted.partition_point(|&id| key(id) < keyword.as_bytes());
        self.gen_sorted[start..].iter().copied().take_while(move |&id| key(id) == keyword.as_bytes())
    }

    /// The entry with `keyword` (stored or generated); with a creator, the one of that creator
    /// (resolved by the lookup rules, so folded spellings work and `creator_match` is reported).
    /// Without a creator, the lowest entry id wins (public entries first).
    pub(crate) fn find_keyword(&self, keyword: &str, creator: Option<&str>) -> Option<TagView<'_>> {
        let Some(creator) = creator else {
            let stored = self.dict.entries_for_keyword(keyword).next();
            let generated = self.generated(keyword).next();
            return match (stored, generated) {
                (Some(s), Some(g)) if s.entry_id().map_or(true, |s| s > g) => self.dict.entry(g),
                (Some(s), _) => Some(s),
                (None, Some(g)) => self.dict.entry(g),
                (None, None) => None,
            };
        };
        let stored = self.dict.entries_for_keyword(keyword);
        let generated = self.generated(keyword).filter_map(|id| self.dict.entry(id));
        stored.chain(generated).find_map(|v| self.as_seen_with(&v, creator))
    }

    /// `v` (a private entry under its own key) looked up again with `creator`: `Some` with the
    /// creator match when the creator resolves to `v`'s creator.
    fn as_seen_with<'a>(&'a self, v: &TagView<'_>, creator: &str) -> Option<TagView<'a>> {
        v.creator_id()?;
        let id = v.entry_id()?;
        let low = v.element() & 0x00FF;
        // A block-specific entry is asked for by its BBEE element. An any-block entry by 00EE,
        // or (for EE = 00, which alone would mean the group length) by block 0x10.
        let asks: &[u16] = if v.block_offset() { &[low, 0x1000 | low] } else { &[v.element()] };
        asks.iter()
            .filter_map(|&element| self.dict.lookup(v.group(), element, Some(creator)))
            .find(|hit| hit.entry_id() == Some(id))
    }
}

/// The bytes of the generated keyword at `at` (without its terminator).
fn kw_bytes(text: &[u8], at: u32) -> &[u8] {
    let tail = text.get(at as usize..).unwrap_or_default();
    &tail[..tail.iter().position(|&b| b == 0).unwrap_or(tail.len())]
}
