//! The full check of a file, behind [`Dict::verify`](crate::Dict::verify).
//!
//! This reads every byte the reader relies on: the header and section table again from the
//! bytes (so a mapped file rewritten in place since it was opened is caught, header CRC
//! included), the body CRC, the string pool's UTF-8, every string reference, every index into
//! another section, the sort order of every table the lookups binary-search, and `vr_bits`.
//! After it passes, lookups on the file are exact (binary searches see sorted tables) and no
//! accessor ever returns a replacement value.
//!
//! # Cost
//!
//! Linear in the file's size n, whatever the file holds: each record is read a constant number
//! of times, and the sort checks compare each record's string with its predecessor's through
//! [`StringOrder`], whose total work is linear in the file (equal references at once, bytes
//! directly within a budget linear in the pool, and past it the ranks of every pool string, built
//! in linear time). A file whose entries all share one long keyword used to make this quadratic;
//! `tests` below count the work on constructed worst cases at three sizes.

use std::cmp::{Ordering, Reverse};

use crate::error::{Checksum, Error, Result};
use crate::format::header::{self, HEADER_LEN};
use crate::format::records::{flag, EntryRef, Payload, Reader, Table, SYNTHETIC};
use crate::format::sections::{Layout, Section, SectionId};
use crate::format::string_order::StringOrder;
use crate::format::strings;
use crate::vr::VrSet;

/// Most creators a file may have (creator ids are `u16` in `PRIV`).
const MAX_CREATORS: u64 = 65_535;

/// Runs every check of the spec's `verify()` list, stopping at the first failure.
pub(crate) fn verify(r: Reader<'_>) -> Result<()> {
    verify_counting(r).0
}

/// [`verify`], also returning the units of string work done (see [`StringOrder::work`]).
pub(crate) fn verify_counting(r: Reader<'_>) -> (Result<()>, u64) {
    if let Err(e) = check_header(r) {
        return (Err(e), 0);
    }
    if let Err(e) = check_body_crc(r) {
        return (Err(e), 0);
    }
    if std::str::from_utf8(r.pool()).is_err() {
        let reason = "STRS is not valid UTF-8";
        return (Err(Error::BadStringPool { reason }), 0);
    }
    let c = Checker {
        r,
        strings: StringOrder::new(r.pool()),
    };
    let result = c.all();
    (result, c.strings.work())
}

/// Validates the header (magic, version, header CRC, `file_len`, ...) and section table again
/// from the bytes, and checks they are the ones the dictionary was opened with.
fn check_header(r: Reader<'_>) -> Result<()> {
    let now = header::parse(r.bytes)?;
    let layout = Layout::parse(r.bytes, now)?;
    if layout.header != r.layout.header || layout.table != r.layout.table {
        return Err(Error::ChangedSinceOpen);
    }
    Ok(())
}

fn check_body_crc(r: Reader<'_>) -> Result<()> {
    let body = r.bytes.get(HEADER_LEN..).unwrap_or(&[]);
    let actual = crc32fast::hash(body);
    let expected = r.layout.header.body_crc32;
    if actual != expected {
        return Err(Error::ChecksumMismatch {
            what: Checksum::Body,
            expected,
            actual,
        });
    }
    Ok(())
}

/// A record inside a checked section that could not be read. The layout makes this impossible;
/// it is reported as truncation rather than trusted away with a panic.
fn unreadable(r: Reader<'_>) -> Error {
    Error::Truncated {
        need: r.layout.header.file_len,
        have: r.bytes.len() as u64,
    }
}

struct Checker<'a> {
    r: Reader<'a>,
    strings: StringOrder<'a>,
}

impl<'a> Checker<'a> {
    fn all(&self) -> Result<()> {
        self.entries()?;
        self.creators()?;
        self.types_and_provenance()?;
        self.candidates()?;
        self.keywords()?;
        self.descriptions()?;
        self.metadata()
    }

    fn string(
        &self,
        section: SectionId,
        record: usize,
        field: &'static str,
        offset: u32,
    ) -> Result<()> {
        strings::check_ref(self.r.pool(), offset).map_err(|problem| Error::BadString {
            section,
            record: record as u64,
            field,
            offset,
            problem,
        })
    }

    fn index(
        &self,
        section: SectionId,
        record: usize,
        field: &'static str,
        value: u64,
        limit: usize,
    ) -> Result<()> {
        if value < limit as u64 {
            Ok(())
        } else {
            Err(Error::BadReference {
                section,
                record: record as u64,
                field,
                value,
                limit: limit as u64,
            })
        }
    }

    /// Checks `key(i)` is ascending over `0..count` (strictly when `strict`).
    fn sorted<K: Ord>(
        &self,
        section: SectionId,
        count: usize,
        strict: bool,
        key: impl FnMut(usize) -> Option<K>,
    ) -> Result<()> {
        self.sorted_by(section, count, strict, key, |a, b| Some(a.cmp(b)))
    }

    /// Checks `key(i)` is ascending under `cmp` over `0..count` (strictly when `strict`); `cmp`
    /// gives `None` for a key it cannot read.
    fn sorted_by<K>(
        &self,
        section: SectionId,
        count: usize,
        strict: bool,
        mut key: impl FnMut(usize) -> Option<K>,
        mut cmp: impl FnMut(&K, &K) -> Option<Ordering>,
    ) -> Result<()> {
        let mut prev: Option<K> = None;
        for i in 0..count {
            let k = key(i).ok_or_else(|| unreadable(self.r))?;
            if let Some(p) = &prev {
                let order = cmp(p, &k).ok_or_else(|| unreadable(self.r))?;
                if order == Ordering::Greater || (strict && order == Ordering::Equal) {
                    return Err(Error::Unsorted {
                        section,
                        record: i as u64,
                    });
                }
            }
            prev = Some(k);
        }
        Ok(())
    }

    /// Compares two string references as their bytes, then `tie` (see [`StringOrder`]).
    fn cmp_str<T: Ord>(&self, a: &(u32, T), b: &(u32, T)) -> Option<Ordering> {
        Some(self.strings.cmp(a.0, b.0)?.then_with(|| a.1.cmp(&b.1)))
    }

    fn payload(&self, section: SectionId, i: usize, p: &Payload) -> Result<()> {
        self.string(section, i, "name", p.name)?;
        self.string(section, i, "keyword", p.keyword)?;
        self.index(
            section,
            i,
            "provenance",
            p.prov.into(),
            self.r.layout.prov.count,
        )?;
        self.index(
            section,
            i,
            "type",
            p.type_.into(),
            self.r.layout.types.count,
        )
    }

    fn entries(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        for (table, id) in [
            (Table::Publ, SectionId::PUBL),
            (Table::Rptr, SectionId::RPTR),
            (Table::Priv, SectionId::PRIV),
            (Table::Prpt, SectionId::PRPT),
            (Table::Synt, SectionId::SYNT),
        ] {
            for index in 0..r.section(table).count {
                let p = r
                    .payload(EntryRef { table, index })
                    .ok_or_else(|| unreadable(r))?;
                self.payload(id, index, &p)?;
            }
        }
        self.sorted(SectionId::PUBL, l.publ.count, true, |i| r.public_tag(i))?;
        self.sorted(SectionId::RPTR, l.rptr.count, false, |i| {
            r.repeater(i)
                .map(|(mask, value)| (Reverse(mask.count_ones()), value))
        })?;
        for (table, id) in [
            (Table::Priv, SectionId::PRIV),
            (Table::Prpt, SectionId::PRPT),
        ] {
            for i in 0..r.section(table).count {
                let k = r.private_key(table, i).ok_or_else(|| unreadable(r))?;
                self.index(id, i, "creator", k.creator.into(), l.crtr.count)?;
                if k.block != 0 && k.block < 0x10 {
                    return Err(Error::BadReference {
                        section: id,
                        record: i as u64,
                        field: "block",
                        value: k.block.into(),
                        limit: 0x10,
                    });
                }
                let mask_ok = (table == Table::Priv) == (k.group_mask == 0xFFFF);
                if !mask_ok {
                    return Err(Error::BadReference {
                        section: id,
                        record: i as u64,
                        field: "group_mask",
                        value: k.group_mask.into(),
                        limit: 0xFFFF,
                    });
                }
            }
        }
        self.sorted(SectionId::PRIV, l.priv_.count, true, |i| {
            r.private_key(Table::Priv, i)
                .map(|k| (k.group, k.creator, k.element, k.block))
        })?;
        self.sorted(SectionId::PRPT, l.prpt.count, false, |i| {
            r.private_key(Table::Prpt, i)
                .map(|k| (k.creator, k.element, k.block, k.group, k.group_mask))
        })?;
        if l.synt.count < SYNTHETIC.len() {
            return Err(Error::CountMismatch {
                what: "SYNT records (group length, private creator)",
                expected: SYNTHETIC.len() as u64,
                found: l.synt.count as u64,
            });
        }
        Ok(())
    }

    fn creators(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        if l.crtr.count as u64 > MAX_CREATORS {
            return Err(Error::CountMismatch {
                what: "CRTR records (at most 65535)",
                expected: MAX_CREATORS,
                found: l.crtr.count as u64,
            });
        }
        for i in 0..l.crtr.count {
            let (name, vendor) = r.creator(i).ok_or_else(|| unreadable(r))?;
            self.string(SectionId::CRTR, i, "name", name)?;
            self.string(SectionId::CRTR, i, "vendor", vendor)?;
        }
        for (id, sec, read) in [
            (
                SectionId::CSPL,
                &l.cspl,
                Reader::spelling as fn(Reader<'a>, usize) -> Option<(u32, u32)>,
            ),
            (SectionId::CFLD, &l.cfld, Reader::folded),
        ] {
            for i in 0..sec.count {
                let (text, creator) = read(r, i).ok_or_else(|| unreadable(r))?;
                self.string(id, i, "spelling", text)?;
                self.index(id, i, "creator", creator.into(), l.crtr.count)?;
            }
        }
        self.sorted_by(
            SectionId::CSPL,
            l.cspl.count,
            true,
            |i| r.spelling(i).map(|(s, _)| (s, ())),
            |a, b| self.cmp_str(a, b),
        )?;
        self.sorted_by(
            SectionId::CFLD,
            l.cfld.count,
            true,
            |i| r.folded(i),
            |a, b| self.cmp_str(a, b),
        )
    }

    fn types_and_provenance(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        for i in 0..l.types.count {
            let t = r.type_rec(i).ok_or_else(|| unreadable(r))?;
            if t.vr_bits & !VrSet::DEFINED_BITS != 0 {
                return Err(Error::BadVrBits {
                    record: i as u64,
                    bits: t.vr_bits,
                });
            }
            self.string(SectionId::TYPE, i, "vm", t.vm)?;
        }
        for i in 0..l.prov.count {
            let p = r.prov(i).ok_or_else(|| unreadable(r))?;
            self.string(SectionId::PROV, i, "summary", p.summary)?;
            if p.item_count == 0 {
                return Err(Error::BadReference {
                    section: SectionId::PROV,
                    record: i as u64,
                    field: "item_count",
                    value: 0,
                    limit: 1,
                });
            }
            let end = u64::from(p.first_item) + u64::from(p.item_count);
            self.index(
                SectionId::PROV,
                i,
                "first_item + item_count",
                end - 1,
                l.pitm.count,
            )?;
        }
        for i in 0..l.pitm.count {
            let it = r.item(i).ok_or_else(|| unreadable(r))?;
            self.index(SectionId::PITM, i, "source", it.source.into(), l.srcs.count)?;
            self.string(SectionId::PITM, i, "document", it.document)?;
        }
        for i in 0..l.srcs.count {
            let s = r.source(i).ok_or_else(|| unreadable(r))?;
            for (field, v) in [
                ("id", s.id),
                ("title", s.title),
                ("version", s.version),
                ("url", s.url),
                ("license", s.license),
            ] {
                self.string(SectionId::SRCS, i, field, v)?;
            }
        }
        Ok(())
    }

    fn candidates(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        let total = l.entry_count();
        for i in 0..l.cand.count {
            let c = r.cand(i).ok_or_else(|| unreadable(r))?;
            self.index(SectionId::CAND, i, "entry", c.entry.into(), total)?;
            self.index(
                SectionId::CAND,
                i,
                "provenance",
                c.prov.into(),
                l.prov.count,
            )?;
            self.index(SectionId::CAND, i, "type", c.type_.into(), l.types.count)?;
            let conflict = r
                .entry_by_id(c.entry)
                .and_then(|e| r.payload(e))
                .is_some_and(|p| p.flags & flag::CONFLICT != 0);
            if !conflict {
                return Err(Error::BadReference {
                    section: SectionId::CAND,
                    record: i as u64,
                    field: "entry (without the conflict flag)",
                    value: c.entry.into(),
                    limit: total as u64,
                });
            }
        }
        self.sorted(SectionId::CAND, l.cand.count, false, |i| {
            r.cand(i).map(|c| (c.entry, c.type_))
        })
    }

    fn keywords(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        let total = l.entry_count();
        let keyword_of = |id: u32| -> Option<u32> { Some(r.payload(r.entry_by_id(id)?)?.keyword) };
        let has_keyword =
            |id: u32| keyword_of(id).and_then(|k| self.strings.is_empty(k)) == Some(false);
        for i in 0..l.kwix.count {
            let id = r.kwix(i).ok_or_else(|| unreadable(r))?;
            self.index(SectionId::KWIX, i, "entry", id.into(), total)?;
            if !has_keyword(id) {
                return Err(Error::BadReference {
                    section: SectionId::KWIX,
                    record: i as u64,
                    field: "entry (without a stored keyword)",
                    value: id.into(),
                    limit: total as u64,
                });
            }
        }
        self.sorted_by(
            SectionId::KWIX,
            l.kwix.count,
            true,
            |i| {
                let id = r.kwix(i)?;
                Some((keyword_of(id)?, id))
            },
            |a, b| self.cmp_str(a, b),
        )?;
        let with_keyword = (0..total as u32).filter(|&id| has_keyword(id)).count();
        if with_keyword != l.kwix.count {
            return Err(Error::CountMismatch {
                what: "KWIX records (entries with a stored keyword)",
                expected: with_keyword as u64,
                found: l.kwix.count as u64,
            });
        }
        Ok(())
    }

    fn descriptions(&self) -> Result<()> {
        let r = self.r;
        let l = r.layout;
        let total = l.entry_count();
        let flagged = |id: u32| {
            r.entry_by_id(id)
                .and_then(|e| r.payload(e))
                .is_some_and(|p| p.flags & flag::HAS_DESCRIPTION != 0)
        };
        for i in 0..l.desc.count {
            let (id, text) = r.desc(i).ok_or_else(|| unreadable(r))?;
            self.index(SectionId::DESC, i, "entry", id.into(), total)?;
            self.string(SectionId::DESC, i, "description", text)?;
            if !flagged(id) {
                return Err(Error::BadReference {
                    section: SectionId::DESC,
                    record: i as u64,
                    field: "entry (without flag bit 5)",
                    value: id.into(),
                    limit: total as u64,
                });
            }
        }
        self.sorted(SectionId::DESC, l.desc.count, true, |i| {
            r.desc(i).map(|(id, _)| id)
        })?;
        let with_description = (0..total as u32).filter(|&id| flagged(id)).count();
        if with_description != l.desc.count {
            return Err(Error::CountMismatch {
                what: "DESC records (entries with flag bit 5)",
                expected: with_description as u64,
                found: l.desc.count as u64,
            });
        }
        Ok(())
    }

    fn metadata(&self) -> Result<()> {
        let r = self.r;
        let meta: &Section = &r.layout.meta;
        for i in 0..meta.count {
            let (k, v) = r.meta(i).ok_or_else(|| unreadable(r))?;
            self.string(SectionId::META, i, "key", k)?;
            self.string(SectionId::META, i, "value", v)?;
        }
        self.sorted_by(
            SectionId::META,
            meta.count,
            true,
            |i| r.meta(i).map(|(k, _)| (k, ())),
            |a, b| self.cmp_str(a, b),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::Builder;
    use crate::Dict;

    use crate::worst_case::{assert_linear_work, worst_case, Shape};

    /// `(file bytes, units of work)` of verifying a worst-case file of about `len` bytes.
    fn work(shape: Shape, len: usize) -> (u64, u64) {
        let bytes = worst_case(shape, len);
        let len = bytes.len() as u64;
        let dict = Dict::from_bytes(bytes).unwrap();
        let (result, work) = verify_counting(dict.reader().reader);
        result.unwrap();
        (len, work)
    }

    /// On every worst-case shape, the work per byte of file is below a small constant and stays
    /// flat as the file doubles and doubles again. Comparing bytes directly (the quadratic
    /// verify of issue 10) would do `n × L` units on these files: hundreds per byte at the
    /// smallest size, and twice as many per byte at each doubling.
    #[test]
    fn work_is_linear_in_the_file_size_on_worst_cases() {
        assert_linear_work(16.0, 1.0, work);
    }

    /// The bundled dictionary never exhausts the direct budget: its sort checks compare bytes.
    #[test]
    fn real_files_compare_directly() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap")).unwrap();
        let dict = Dict::from_bytes(&bytes[..]).unwrap();
        let (result, work) = verify_counting(dict.reader().reader);
        result.unwrap();
        // Bytes compared and one unit per comparison, far below one unit per byte.
        assert!(work < bytes.len() as u64 / 4, "{work} units");
    }

    #[test]
    fn header_rewritten_after_open_is_caught() {
        let mut b = Builder::new();
        b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n");
        let bytes = b.build();
        let dict = Dict::from_bytes(bytes.clone()).unwrap();
        let reader = dict.reader().reader;
        // Same layout, other bytes: a reader over changed bytes with the layout from open.
        let mut changed = bytes.clone();
        changed[20] ^= 1; // section_count: the header CRC no longer matches
        let r = Reader {
            bytes: &changed,
            ..reader
        };
        assert!(matches!(
            verify(r),
            Err(Error::ChecksumMismatch {
                what: Checksum::Header,
                ..
            })
        ));
        // A header that is valid on its own but not the one opened.
        changed = bytes.clone();
        changed[52] = b'Z'; // edition
        crate::builder::fix_header_crc(&mut changed);
        let r = Reader {
            bytes: &changed,
            ..reader
        };
        assert!(matches!(verify(r), Err(Error::ChangedSinceOpen)));
        assert!(verify(reader).is_ok());
    }
}
