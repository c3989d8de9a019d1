//! What a `dmap_dict` holds: the dictionary, plus what is built once at open so that filling a
//! `dmap_entry` costs no more than copying one.
//!
//! Lookups, keyword lookups and creator matching are the core's (`Dict::lookup`,
//! `Dict::lookup_keyword`), which allocate nothing. Names, keywords,
//! VMs, descriptions, creators, vendors and provenance summaries are strings of the file's pool,
//! which the format stores NUL-terminated precisely so that C can borrow them; generated keywords
//! are kept NUL-terminated by the core's keyword index. After the full verify that `dmap_open`
//! runs and the core's indexes (`Dict::prepare`), [`Handle::new`] fills a template `dmap_entry`
//! for every entry (and the two synthetic ones), and a lookup copies its template and sets the
//! fields that depend on the question (group, element, kind, how the creator matched).
//!
//! A template's pool strings are pointers at the offsets the core reports
//! (`TagView::string_refs`), which the verify guarantees to name NUL-terminated UTF-8: no string
//! is read, so filling a template costs a constant, and opening stays linear in the file's size
//! even when every entry shares one long name (issue 10; the `&str` accessors would find each
//! string's end once per entry). A generated keyword is the keyword index's, at most about 275
//! bytes long by the keyword rule. What neither the file nor the core holds is built here too:
//!
//! - **VR text** (`"US or SS"`): the file stores a bit set; every distinct set is formatted once.
//! - **The edition**, which the header stores NUL-padded rather than NUL-terminated.

use std::ffi::{c_char, CString};

use dicom_map::{CreatorMatch, Dict, Kind, TagView, VrSet};

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
    /// By entry id, then the group-length and private-creator entries: the entry as
    /// [`Handle::describe`] fills it.
    templates: Vec<Template>,
}

/// A filled `dmap_entry` kept for copying.
struct Template(dmap_entry);

// SAFETY: a template's pointers point at strings that the same `Handle` owns and never changes
// (the dictionary's bytes and keyword index, `vr_text`) or at static ones; they are only read and
// copied out, never written through, so sharing them between threads is sound.
unsafe impl Send for Template {}
// SAFETY: as for `Send`.
unsafe impl Sync for Template {}

/// Where the templates of the synthetic entries sit after the numbered ones.
const SYNTHETIC: [Kind; 2] = [Kind::GroupLength, Kind::PrivateCreator];

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
        let mut handle = Handle {
            dict,
            vr_text,
            edition,
            templates: Vec::new(),
        };
        let numbered = handle.dict.entries().map(|v| handle.describe(&v));
        let synthetic = SYNTHETIC.iter().filter_map(|kind| {
            let element = if *kind == Kind::GroupLength {
                0
            } else {
                0x0010
            };
            let v = handle.dict.lookup(PROBE_GROUP, element, None)?;
            Some(handle.describe(&v))
        });
        let templates = numbered.chain(synthetic).map(Template).collect();
        handle.templates = templates;
        handle
    }

    /// A borrowed C string for a string of the pool: `offset` from [`TagView::string_refs`]. A
    /// pointer into the dictionary's bytes, in constant time, without reading the string: every
    /// handle's dictionary was verified first ([`Handle::new`]), which guarantees that each
    /// offset names a NUL-terminated, valid UTF-8 string of the pool. An offset outside the pool
    /// (which a verified file cannot give; `tests/api.rs` checks every entry) gives U+FFFD.
    fn pool_str(&self, offset: u32) -> *const c_char {
        let pool = self.dict.string_pool();
        match usize::try_from(offset).ok().and_then(|o| pool.get(o..)) {
            Some(tail) if !tail.is_empty() => tail.as_ptr().cast(),
            _ => c"\u{FFFD}".as_ptr(),
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

    /// Writes the C view of a result to `out`: its entry's template with the fields that depend
    /// on the question set (or, for an entry without one, which a dictionary from `dmap_open*`
    /// cannot give, the entry described afresh).
    ///
    /// The template is copied whole from where it rests and the four fields are then stored one
    /// by one. Building the entry on the stack and copying it out, as this did before, made the
    /// copy read back bytes just stored piecemeal: a store-forwarding stall that cost as much as
    /// a public lookup.
    ///
    /// # Safety
    ///
    /// `out` is non-NULL, aligned, and points at writable `dmap_entry` storage.
    #[inline]
    pub(crate) unsafe fn write_entry(&self, v: &TagView<'_>, out: *mut dmap_entry) {
        let slot = match v.entry_id() {
            Some(id) => id as usize,
            None => {
                let kind = v.kind();
                let synthetic = SYNTHETIC.iter().position(|k| *k == kind);
                self.dict.len() + synthetic.unwrap_or(SYNTHETIC.len())
            }
        };
        let Some(Template(template)) = self.templates.get(slot) else {
            // SAFETY: `out` is valid for writes, per this function's contract.
            unsafe { out.write(self.describe(v)) };
            return;
        };
        // SAFETY: `out` is valid for writes, per this function's contract; after the first write
        // it holds an initialised `dmap_entry`, whose fields are then assigned in place.
        unsafe {
            out.write(*template);
            (*out).group = v.group();
            (*out).element = v.element();
            (*out).kind = kind(v.kind());
            (*out).creator_match = creator_match(v.creator_match());
        }
    }

    /// The C view of a result: integers copied, strings borrowed from the dictionary's pool (by
    /// offset: constant time whatever their length, see [`Handle::pool_str`]), its keyword
    /// index (generated keywords) or this handle (VR text).
    fn describe(&self, v: &TagView<'_>) -> dmap_entry {
        let vr = v.vr();
        let refs = v.string_refs();
        let keyword = if v.keyword_generated() {
            v.keyword_cstr().as_ptr()
        } else {
            self.pool_str(refs.stored_keyword)
        };
        dmap_entry {
            group: v.group(),
            element: v.element(),
            kind: kind(v.kind()),
            keyword,
            name: self.pool_str(refs.name),
            vr: self.vr_ptr(vr),
            vm: self.pool_str(refs.vm),
            description: self.pool_str(refs.description),
            creator: self.pool_str(refs.creator),
            vendor: self.pool_str(refs.vendor),
            sources: self.pool_str(refs.sources_summary),
            vr_bits: vr.bits(),
            entry_id: v.entry_id().unwrap_or(u32::MAX),
            creator_match: creator_match(v.creator_match()),
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

fn kind(kind: Kind) -> dmap_kind {
    match kind {
        Kind::Public => dmap_kind::DMAP_KIND_PUBLIC,
        Kind::Repeater => dmap_kind::DMAP_KIND_REPEATER,
        Kind::Private => dmap_kind::DMAP_KIND_PRIVATE,
        Kind::PrivateRepeater => dmap_kind::DMAP_KIND_PRIVATE_REPEATER,
        Kind::GroupLength => dmap_kind::DMAP_KIND_GROUP_LENGTH,
        Kind::PrivateCreator => dmap_kind::DMAP_KIND_PRIVATE_CREATOR,
    }
}

fn creator_match(how: Option<CreatorMatch>) -> dmap_creator_match {
    match how {
        None => dmap_creator_match::DMAP_CREATOR_NONE,
        Some(CreatorMatch::Exact) => dmap_creator_match::DMAP_CREATOR_EXACT,
        Some(CreatorMatch::Folded) => dmap_creator_match::DMAP_CREATOR_FOLDED,
    }
}
