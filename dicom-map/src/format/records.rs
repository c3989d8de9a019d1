//! Typed, bounds-checked access to the records of every v1 section.
//!
//! [`Reader`] pairs the file's bytes with its checked [`Layout`] and decodes one record at a time;
//! it is `Copy` and borrows both, so views and iterators can carry it around for free. Every
//! accessor returns `None` (or [`INVALID_STRING`]) instead of panicking when a record or an index
//! is out of range, which can only happen in a file that was not verified.
//!
//! [`INVALID_STRING`]: crate::format::strings::INVALID_STRING

use std::ffi::CStr;

use crate::format::sections::{Layout, Section};
use crate::format::{strings, wire};

/// The four numbered entry tables, plus `SYNT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Table {
    Publ,
    Rptr,
    Priv,
    Prpt,
    Synt,
}

/// One entry record: its table and index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct EntryRef {
    pub table: Table,
    pub index: usize,
}

/// The key an entry is stored under: what its record says, or for the synthetic entries what
/// they stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    /// `PUBL`: the tag.
    Tag(u32),
    /// `RPTR`: `tag & mask == value`.
    Mask { mask: u32, value: u32 },
    /// `PRIV` and `PRPT`.
    Private(PrivKey),
    /// `SYNT[0]`: `(gggg,0000)`.
    GroupLength,
    /// `SYNT[1]`: `(gggg,0010-00FF)`.
    PrivateCreator,
}

/// The synthetic entries, in their `SYNT` record order (fixed by the format).
pub(crate) const SYNTHETIC: [Key; 2] = [Key::GroupLength, Key::PrivateCreator];

impl Key {
    /// The `SYNT` record of a synthetic key (`None` for the others).
    #[inline]
    pub fn synthetic_entry(self) -> Option<EntryRef> {
        let index = SYNTHETIC.iter().position(|k| *k == self)?;
        Some(EntryRef {
            table: Table::Synt,
            index,
        })
    }
}

/// The numbered entry tables, in entry-id order.
pub(crate) const NUMBERED: [Table; 4] = [Table::Publ, Table::Rptr, Table::Priv, Table::Prpt];

/// Where the 16-byte payload starts within a record of each entry table.
#[inline]
const fn payload_at(table: Table) -> usize {
    match table {
        Table::Publ => 4,
        Table::Rptr | Table::Priv | Table::Prpt => 8,
        Table::Synt => 0,
    }
}

/// Entry flag bits (the low byte of the payload's `flags`).
pub(crate) mod flag {
    pub const RETIRED: u16 = 1;
    pub const CONFLICT: u16 = 1 << 1;
    pub const KEYWORD_GENERATED: u16 = 1 << 2;
    pub const NO_REAL_NAME: u16 = 1 << 3;
    pub const KEYWORD_SUFFIXED: u16 = 1 << 4;
    pub const HAS_DESCRIPTION: u16 = 1 << 5;
}

/// The 16-byte payload every entry record ends with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Payload {
    pub name: u32,
    /// `0` when the keyword is generated (flag bit 2) or absent.
    pub keyword: u32,
    pub prov: u32,
    pub type_: u16,
    pub flags: u16,
}

impl Payload {
    #[inline]
    fn read(rec: &[u8], at: usize) -> Option<Payload> {
        Some(Payload {
            name: wire::u32_at(rec, at)?,
            keyword: wire::u32_at(rec, at + 4)?,
            prov: wire::u32_at(rec, at + 8)?,
            type_: wire::u16_at(rec, at + 12)?,
            flags: wire::u16_at(rec, at + 14)?,
        })
    }

    /// Confidence, 0–100 in a valid file (bits 8–15 of the flags).
    #[inline]
    pub fn confidence(&self) -> u8 {
        (self.flags >> 8) as u8
    }
}

/// The key of a `PRIV` or `PRPT` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PrivKey {
    pub group: u16,
    pub group_mask: u16,
    pub creator: u16,
    pub element: u8,
    pub block: u8,
}

/// A `TYPE` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TypeRec {
    pub vr_bits: u64,
    pub vm: u32,
}

/// A `PROV` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ProvRec {
    pub first_item: u32,
    pub item_count: u32,
    pub summary: u32,
}

/// A `PITM` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ItemRec {
    pub source: u16,
    pub page: u16,
    pub document: u32,
}

/// A `SRCS` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SourceRec {
    pub id: u32,
    pub title: u32,
    pub version: u32,
    pub url: u32,
    pub license: u32,
    pub weight: u16,
    pub flags: u16,
}

/// A `CAND` record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CandRec {
    pub entry: u32,
    pub prov: u32,
    pub type_: u16,
    pub flags: u16,
}

/// The bytes of a file and its checked layout.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'a> {
    pub bytes: &'a [u8],
    pub layout: &'a Layout,
}

/// Reads two `u32` fields at 0 and 4 (`CRTR`, `CSPL`, `CFLD`, `META`, `DESC`, `RPTR`'s key).
#[inline]
fn pair(rec: &[u8]) -> Option<(u32, u32)> {
    Some((wire::u32_at(rec, 0)?, wire::u32_at(rec, 4)?))
}

impl<'a> Reader<'a> {
    /// The whole string pool.
    #[inline]
    pub fn pool(self) -> &'a [u8] {
        self.layout.strs.bytes(self.bytes)
    }

    /// The string at `offset`, or [`strings::INVALID_STRING`].
    #[inline]
    pub fn str(self, offset: u32) -> &'a str {
        strings::str_at(self.pool(), offset)
    }

    /// The string at `offset` as a C string borrowed from the pool, or U+FFFD.
    #[inline]
    pub fn cstr(self, offset: u32) -> &'a CStr {
        strings::cstr_at(self.pool(), offset)
    }

    /// The bytes of the string at `offset` (for comparisons), `None` if it is out of range.
    #[inline]
    pub fn str_bytes(self, offset: u32) -> Option<&'a [u8]> {
        strings::bytes_at(self.pool(), offset)
    }

    #[inline]
    fn record(self, section: &Section, i: usize) -> Option<&'a [u8]> {
        section.record(self.bytes, i)
    }

    /// The section holding `table`.
    #[inline]
    pub fn section(self, table: Table) -> &'a Section {
        let l = self.layout;
        match table {
            Table::Publ => &l.publ,
            Table::Rptr => &l.rptr,
            Table::Priv => &l.priv_,
            Table::Prpt => &l.prpt,
            Table::Synt => &l.synt,
        }
    }

    /// Every entry of `tables` (numbered ones, in the order given), as `EntryRef`s: the one
    /// iterator over the entry tables.
    #[inline]
    pub fn entries_of(self, tables: &'a [Table]) -> impl Iterator<Item = EntryRef> + Clone + 'a {
        tables.iter().flat_map(move |&table| {
            (0..self.section(table).count).map(move |index| EntryRef { table, index })
        })
    }

    /// Every numbered entry, in entry-id order.
    #[inline]
    pub fn entries(self) -> impl Iterator<Item = EntryRef> + Clone + 'a {
        self.entries_of(&NUMBERED)
    }

    /// The key entry `e` is stored under (`None` if its record is unreadable).
    #[inline]
    pub fn key(self, e: EntryRef) -> Option<Key> {
        Some(match e.table {
            Table::Publ => Key::Tag(self.public_tag(e.index)?),
            Table::Rptr => {
                let (mask, value) = self.repeater(e.index)?;
                Key::Mask { mask, value }
            }
            Table::Priv | Table::Prpt => Key::Private(self.private_key(e.table, e.index)?),
            Table::Synt => *SYNTHETIC.get(e.index)?,
        })
    }

    /// The payload of an entry.
    #[inline]
    pub fn payload(self, e: EntryRef) -> Option<Payload> {
        let rec = self.record(self.section(e.table), e.index)?;
        Payload::read(rec, payload_at(e.table))
    }

    /// The tag of `PUBL[i]`.
    #[inline]
    pub fn public_tag(self, i: usize) -> Option<u32> {
        wire::u32_at(self.record(&self.layout.publ, i)?, 0)
    }

    /// `(mask, value)` of `RPTR[i]`.
    #[inline]
    pub fn repeater(self, i: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.rptr, i)?)
    }

    /// The key of `PRIV[i]` or `PRPT[i]`.
    #[inline]
    pub fn private_key(self, table: Table, i: usize) -> Option<PrivKey> {
        let rec = self.record(self.section(table), i)?;
        Some(PrivKey {
            group: wire::u16_at(rec, 0)?,
            group_mask: wire::u16_at(rec, 2)?,
            creator: wire::u16_at(rec, 4)?,
            element: wire::u8_at(rec, 6)?,
            block: wire::u8_at(rec, 7)?,
        })
    }

    /// `(name, vendor)` string references of creator `id`.
    #[inline]
    pub fn creator(self, id: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.crtr, id)?)
    }

    /// `(spelling, creator id)` of `CSPL[i]`.
    #[inline]
    pub fn spelling(self, i: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.cspl, i)?)
    }

    /// `(folded, creator id)` of `CFLD[i]`.
    #[inline]
    pub fn folded(self, i: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.cfld, i)?)
    }

    /// `(key, value)` of `META[i]`.
    #[inline]
    pub fn meta(self, i: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.meta, i)?)
    }

    /// `TYPE[i]`.
    #[inline]
    pub fn type_rec(self, i: usize) -> Option<TypeRec> {
        let rec = self.record(&self.layout.types, i)?;
        Some(TypeRec {
            vr_bits: wire::u64_at(rec, 0)?,
            vm: wire::u32_at(rec, 8)?,
        })
    }

    /// `PROV[i]`.
    #[inline]
    pub fn prov(self, i: usize) -> Option<ProvRec> {
        let rec = self.record(&self.layout.prov, i)?;
        Some(ProvRec {
            first_item: wire::u32_at(rec, 0)?,
            item_count: wire::u32_at(rec, 4)?,
            summary: wire::u32_at(rec, 8)?,
        })
    }

    /// `PITM[i]`.
    #[inline]
    pub fn item(self, i: usize) -> Option<ItemRec> {
        let rec = self.record(&self.layout.pitm, i)?;
        Some(ItemRec {
            source: wire::u16_at(rec, 0)?,
            page: wire::u16_at(rec, 2)?,
            document: wire::u32_at(rec, 4)?,
        })
    }

    /// `SRCS[i]`.
    #[inline]
    pub fn source(self, i: usize) -> Option<SourceRec> {
        let rec = self.record(&self.layout.srcs, i)?;
        Some(SourceRec {
            id: wire::u32_at(rec, 0)?,
            title: wire::u32_at(rec, 4)?,
            version: wire::u32_at(rec, 8)?,
            url: wire::u32_at(rec, 12)?,
            license: wire::u32_at(rec, 16)?,
            weight: wire::u16_at(rec, 20)?,
            flags: wire::u16_at(rec, 22)?,
        })
    }

    /// `CAND[i]`.
    #[inline]
    pub fn cand(self, i: usize) -> Option<CandRec> {
        let rec = self.record(&self.layout.cand, i)?;
        Some(CandRec {
            entry: wire::u32_at(rec, 0)?,
            prov: wire::u32_at(rec, 4)?,
            type_: wire::u16_at(rec, 8)?,
            flags: wire::u16_at(rec, 10)?,
        })
    }

    /// `(entry id, description)` of `DESC[i]`.
    #[inline]
    pub fn desc(self, i: usize) -> Option<(u32, u32)> {
        pair(self.record(&self.layout.desc, i)?)
    }

    /// The description of entry `id`, by binary search of `DESC` (`None` if it has none).
    #[inline]
    pub fn description_of(self, id: u32) -> Option<&'a str> {
        let i = Reader::search(self.layout.desc.count, &id, |i| {
            self.desc(i).map(|(e, _)| e)
        })?;
        self.desc(i).map(|(_, s)| self.str(s))
    }

    /// The entry id of `KWIX[i]`.
    #[inline]
    pub fn kwix(self, i: usize) -> Option<u32> {
        wire::u32_at(self.record(&self.layout.kwix, i)?, 0)
    }

    /// The entry with global id `id` (`PUBL`, `RPTR`, `PRIV`, `PRPT` numbered in that order).
    #[inline]
    pub fn entry_by_id(self, id: u32) -> Option<EntryRef> {
        let mut i = usize::try_from(id).ok()?;
        for table in NUMBERED {
            let count = self.section(table).count;
            if i < count {
                return Some(EntryRef { table, index: i });
            }
            i -= count;
        }
        None
    }

    /// The global id of an entry (`None` for `SYNT`).
    #[inline]
    pub fn entry_id(self, e: EntryRef) -> Option<u32> {
        let l = self.layout;
        let base = match e.table {
            Table::Publ => 0,
            Table::Rptr => l.publ.count,
            Table::Priv => l.publ.count + l.rptr.count,
            Table::Prpt => l.publ.count + l.rptr.count + l.priv_.count,
            Table::Synt => return None,
        };
        u32::try_from(base.checked_add(e.index)?).ok()
    }

    /// Binary search over `0..count` for the index whose key equals `target`, given a key function
    /// that may fail (then the search stops with `None`). On an unsorted (unverified) file the
    /// answer may be wrong, never out of bounds.
    #[inline]
    pub fn search<K: Ord>(
        count: usize,
        target: &K,
        mut key: impl FnMut(usize) -> Option<K>,
    ) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match key(mid)?.cmp(target) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The first index `i` in `lo..hi` for which `pred(i)` is false, assuming `pred` is true on
    /// a prefix of the range and false after it (as [`slice::partition_point`]). On an unsorted
    /// (unverified) file the answer may be wrong, never outside `lo..=hi`.
    #[inline]
    pub fn partition_point(lo: usize, hi: usize, mut pred: impl FnMut(usize) -> bool) -> usize {
        let (mut lo, mut hi) = (lo, hi.max(lo));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The first index in `0..count` whose key is not less than `target` (a lower bound), with
    /// the same failure rules as [`Reader::search`] (a failing key counts as "not less").
    #[inline]
    pub fn lower_bound<K: Ord>(
        count: usize,
        target: &K,
        mut key: impl FnMut(usize) -> Option<K>,
    ) -> usize {
        let (mut lo, mut hi) = (0usize, count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match key(mid) {
                Some(k) if k < *target => lo = mid + 1,
                _ => hi = mid,
            }
        }
        lo
    }
}
