//! The section table: where each section lies, its record size and record count.
//!
//! [`Layout::parse`] performs every O(1) structural check of the spec after the header: the table
//! inside the file, unique ids, every section inside `[table end, file_len)`, no overlaps, lengths
//! that are multiples of record sizes, record sizes at least the v1 minimum, header counts equal to
//! the record counts, and a string pool that starts and ends with `0x00`. After it succeeds, every
//! record `i < count` of a known section is a slice of the file, so readers never index outside it.

use std::fmt;

use crate::error::{Error, Result};
use crate::format::header::{Header, HEADER_LEN, MAX_SECTIONS};
use crate::format::wire;

/// Bytes per section-table entry.
pub(crate) const TABLE_ENTRY_LEN: usize = 24;

/// A four-byte section id such as `STRS` or `PUBL`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub [u8; 4]);

impl SectionId {
    /// The `STRS` section.
    pub const STRS: SectionId = SectionId(*b"STRS");
    /// The `PUBL` section.
    pub const PUBL: SectionId = SectionId(*b"PUBL");
    /// The `RPTR` section.
    pub const RPTR: SectionId = SectionId(*b"RPTR");
    /// The `PRIV` section.
    pub const PRIV: SectionId = SectionId(*b"PRIV");
    /// The `PRPT` section.
    pub const PRPT: SectionId = SectionId(*b"PRPT");
    /// The `SYNT` section.
    pub const SYNT: SectionId = SectionId(*b"SYNT");
    /// The `CRTR` section.
    pub const CRTR: SectionId = SectionId(*b"CRTR");
    /// The `CSPL` section.
    pub const CSPL: SectionId = SectionId(*b"CSPL");
    /// The `CFLD` section.
    pub const CFLD: SectionId = SectionId(*b"CFLD");
    /// The `TYPE` section.
    pub const TYPE: SectionId = SectionId(*b"TYPE");
    /// The `PROV` section.
    pub const PROV: SectionId = SectionId(*b"PROV");
    /// The `PITM` section.
    pub const PITM: SectionId = SectionId(*b"PITM");
    /// The `SRCS` section.
    pub const SRCS: SectionId = SectionId(*b"SRCS");
    /// The `CAND` section.
    pub const CAND: SectionId = SectionId(*b"CAND");
    /// The `KWIX` section.
    pub const KWIX: SectionId = SectionId(*b"KWIX");
    /// The `META` section.
    pub const META: SectionId = SectionId(*b"META");
    /// The `DESC` section.
    pub const DESC: SectionId = SectionId(*b"DESC");
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in &self.0 {
            if b.is_ascii_graphic() {
                write!(f, "{}", b as char)?;
            } else {
                write!(f, "\\x{b:02X}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SectionId({self})")
    }
}

/// Where one section lies. `count * record_size == len` and `offset + len <= file_len` hold for
/// every `Section` a [`Layout`] hands out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Section {
    pub offset: usize,
    pub len: usize,
    pub record_size: usize,
    pub count: usize,
}

impl Section {
    /// Record `i` (exactly `record_size` bytes), or `None` if `i` is out of range.
    #[inline]
    pub fn record<'a>(&self, bytes: &'a [u8], i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let start = self.offset.checked_add(i.checked_mul(self.record_size)?)?;
        wire::slice(bytes, start, self.record_size)
    }

    /// The whole section.
    #[inline]
    pub fn bytes<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        wire::slice(bytes, self.offset, self.len).unwrap_or(&[])
    }
}

/// One row of the section table, as listed (known or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionInfo {
    /// The id.
    pub id: SectionId,
    /// Bytes per record.
    pub record_size: u32,
    /// Offset from the start of the file.
    pub offset: u64,
    /// Length in bytes.
    pub length: u64,
}

/// The v1 sections with their minimum record sizes, in the order they are checked.
pub(crate) const REQUIRED: [(SectionId, u32); 17] = [
    (SectionId::STRS, 1),
    (SectionId::PUBL, 20),
    (SectionId::RPTR, 24),
    (SectionId::PRIV, 24),
    (SectionId::PRPT, 24),
    (SectionId::SYNT, 16),
    (SectionId::CRTR, 8),
    (SectionId::CSPL, 8),
    (SectionId::CFLD, 8),
    (SectionId::TYPE, 16),
    (SectionId::PROV, 12),
    (SectionId::PITM, 8),
    (SectionId::SRCS, 24),
    (SectionId::CAND, 12),
    (SectionId::KWIX, 4),
    (SectionId::META, 8),
    (SectionId::DESC, 8),
];

/// The header plus every v1 section, checked.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub header: Header,
    pub table: Vec<SectionInfo>,
    pub strs: Section,
    pub publ: Section,
    pub rptr: Section,
    pub priv_: Section,
    pub prpt: Section,
    pub synt: Section,
    pub crtr: Section,
    pub cspl: Section,
    pub cfld: Section,
    pub types: Section,
    pub prov: Section,
    pub pitm: Section,
    pub srcs: Section,
    pub cand: Section,
    pub kwix: Section,
    pub meta: Section,
    pub desc: Section,
}

impl Layout {
    /// Reads the section table of `bytes`, whose header has already been checked.
    pub fn parse(bytes: &[u8], header: Header) -> Result<Layout> {
        let file_len = header.file_len;
        if header.section_count > MAX_SECTIONS {
            return Err(Error::TooManySections {
                count: header.section_count,
                max: MAX_SECTIONS,
            });
        }
        let table_end =
            HEADER_LEN as u64 + TABLE_ENTRY_LEN as u64 * u64::from(header.section_count);
        if table_end > file_len {
            return Err(Error::Truncated {
                need: table_end,
                have: file_len,
            });
        }
        let mut table: Vec<SectionInfo> = Vec::with_capacity(header.section_count as usize);
        for i in 0..header.section_count as usize {
            let at = HEADER_LEN + i * TABLE_ENTRY_LEN;
            let (Some(id), Some(record_size), Some(offset), Some(length)) = (
                wire::array::<4>(bytes, at),
                wire::u32_at(bytes, at + 4),
                wire::u64_at(bytes, at + 8),
                wire::u64_at(bytes, at + 16),
            ) else {
                return Err(Error::Truncated {
                    need: table_end,
                    have: bytes.len() as u64,
                });
            };
            let info = SectionInfo {
                id: SectionId(id),
                record_size,
                offset,
                length,
            };
            if table.iter().any(|t| t.id == info.id) {
                return Err(Error::DuplicateSection { id: info.id });
            }
            let inside = offset >= table_end
                && offset
                    .checked_add(length)
                    .is_some_and(|end| end <= file_len);
            if !inside {
                return Err(Error::SectionOutOfBounds {
                    id: info.id,
                    offset,
                    length,
                    start: table_end,
                    end: file_len,
                });
            }
            if record_size == 0 {
                return Err(Error::BadRecordSize {
                    id: info.id,
                    record_size,
                    min: 1,
                });
            }
            if length % u64::from(record_size) != 0 {
                return Err(Error::BadSectionLength {
                    id: info.id,
                    length,
                    record_size,
                });
            }
            table.push(info);
        }
        check_overlap(&table)?;

        let mut found = [Section::default(); 17];
        for (slot, &(id, min)) in found.iter_mut().zip(REQUIRED.iter()) {
            let info = table
                .iter()
                .find(|t| t.id == id)
                .ok_or(Error::MissingSection { id })?;
            let too_small =
                info.record_size < min || (id == SectionId::STRS && info.record_size != 1);
            if too_small {
                return Err(Error::BadRecordSize {
                    id,
                    record_size: info.record_size,
                    min,
                });
            }
            // The checks above put `offset + length <= file_len == bytes.len()`, so these fit.
            let to_usize = |v| {
                wire::to_usize(v).ok_or(Error::Truncated {
                    need: v,
                    have: file_len,
                })
            };
            let record_size = info.record_size as usize;
            let len = to_usize(info.length)?;
            *slot = Section {
                offset: to_usize(info.offset)?,
                len,
                record_size,
                count: len / record_size,
            };
        }
        let [strs, publ, rptr, priv_, prpt, synt, crtr, cspl, cfld, types, prov, pitm, srcs, cand, kwix, meta, desc] =
            found;

        let counts = [
            ("public_count", header.public_count, publ.count as u64),
            ("repeater_count", header.repeater_count, rptr.count as u64),
            (
                "private_count",
                header.private_count,
                priv_.count as u64 + prpt.count as u64,
            ),
            ("creator_count", header.creator_count, crtr.count as u64),
        ];
        for (what, declared, actual) in counts {
            if u64::from(declared) != actual {
                return Err(Error::CountMismatch {
                    what,
                    expected: u64::from(declared),
                    found: actual,
                });
            }
        }

        let pool = strs.bytes(bytes);
        if pool.first() != Some(&0) || pool.last() != Some(&0) {
            return Err(Error::BadStringPool {
                reason: "STRS must start and end with a 0x00 byte",
            });
        }

        Ok(Layout {
            header,
            table,
            strs,
            publ,
            rptr,
            priv_,
            prpt,
            synt,
            crtr,
            cspl,
            cfld,
            types,
            prov,
            pitm,
            srcs,
            cand,
            kwix,
            meta,
            desc,
        })
    }

    /// Number of numbered entries (`PUBL`, `RPTR`, `PRIV`, `PRPT`).
    pub fn entry_count(&self) -> usize {
        self.publ.count + self.rptr.count + self.priv_.count + self.prpt.count
    }
}

/// Fails if two sections of the (already bounds-checked) table share a byte.
fn check_overlap(table: &[SectionInfo]) -> Result<()> {
    let mut spans: Vec<&SectionInfo> = table.iter().filter(|t| t.length > 0).collect();
    spans.sort_by_key(|t| (t.offset, t.length));
    for pair in spans.windows(2) {
        if let [a, b] = pair {
            // Bounds were checked, so `offset + length` does not overflow.
            if a.offset.saturating_add(a.length) > b.offset {
                return Err(Error::SectionOverlap {
                    first: a.id,
                    second: b.id,
                });
            }
        }
    }
    Ok(())
}
