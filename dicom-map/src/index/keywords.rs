//! The keyword index: every keyword of the dictionary, stored or generated, hashed, so that a
//! keyword lookup is one probe, and every generated keyword derived once and kept NUL-terminated,
//! so that [`TagView::keyword`](crate::TagView::keyword) and the C ABI can borrow it.
//!
//! Built from the format layer alone: each entry's payload and key ([`Reader::key`]), the stored
//! keyword from the pool, a generated one by the rule ([`crate::keywords`]).

use std::ffi::CStr;
use std::num::NonZeroU32;

use crate::format::records::{flag, EntryRef, Reader, Table, SYNTHETIC};
use crate::format::strings::{self, INVALID_STRING};
use crate::index::hash::{hash_bytes, PolyHash, ProbeTable};
use crate::keywords::{derive_into, NAME_LIMIT};

/// `KeywordIndex::at` value of an entry whose keyword is not generated.
const NONE: u32 = u32::MAX;

/// The dictionary's keyword index, built once (lazily, by the first call that needs it: see
/// `Indexed::keywords`) and shared by `TagView::keyword`, the keyword lookups and the C ABI.
///
/// Every distinct keyword is a *group*: stored keywords are borrowed from the file's string pool
/// (by offset), generated ones are copied once into one text, each followed by `0x00` (and then
/// borrowed from it as `&str` and as `&CStr`). The records list the numbered entries sorted by
/// (group, entry id), so the entries of one keyword lie side by side. A hash table maps each
/// group's [`PolyHash`] to the group: a lookup hashes the keyword, probes until a slot whose
/// check bits match, and compares the keyword once.
///
/// Building reads stored keywords per distinct string, never per entry: each distinct pool
/// offset is read, checked and hashed once, and the tails of one pool string share that work
/// ([`PolyHash::prepend`]), so a hostile file whose entries all name one long keyword (or
/// copies of it, or its tails) is indexed in time linear in its size (issue 10). A generated
/// keyword is derived per entry, from at most the first 257 bytes of its name (the rule reads a
/// longer name as empty, see [`crate::keywords`]), so it costs a constant per entry in time and
/// in the text it adds, however long the names the entries share.
pub(crate) struct KeywordIndex {
    /// Every distinct generated keyword followed by `0x00` (ASCII without `0x00` by the rule).
    text: String,
    /// By slot (see [`slot`]): where its generated keyword starts in `text`, or
    /// [`NONE`] when its keyword is stored (and borrowed from the file).
    at: Box<[u32]>,
    /// Every numbered entry with a keyword, ascending by (group, entry id).
    records: Box<[Record]>,
    /// Every keyword with records, by the spread [`PolyHash`] of its keyword: where the keyword
    /// is, its first record and that record's entry id, all in the slot, so that a lookup reads
    /// the table, the keyword's bytes and the entry's record and nothing else (each read is a
    /// cache miss on a real query set).
    hits: ProbeTable<Hit>,
    /// Units of work done by the build: bytes read, hashed or compared, plus one per entry.
    #[cfg_attr(not(test), allow(dead_code))]
    work: u64,
}

/// Where a group's keyword lies.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// In the string pool at this offset (up to its `0x00`), `len` bytes.
    Pool(u32, u32),
    /// In `KeywordIndex::text` at this start, `len` bytes.
    Text(u32, u32),
}

/// One distinct keyword.
#[derive(Clone, Copy, Debug)]
struct Group {
    place: Place,
    /// Index of its first record in `records`, or [`NONE`].
    first: u32,
}

/// The longest keyword [`KeywordIndex::hits`] keys by [`hash_bytes`] (every real one: the longest
/// in the bundled dictionary has 117 bytes); longer ones are keyed by their [`PolyHash`]. Hashing
/// each distinct keyword again costs the build at most this much per keyword, so a hostile file's
/// tails of one long string stay linear; at lookup `hash_bytes` takes a few cycles per eight
/// bytes where the polynomial hash takes a multiply per byte.
const SHORT: usize = 128;

/// The hash [`KeywordIndex::hits`] is keyed by.
#[inline]
fn lookup_hash(keyword: &[u8]) -> u64 {
    if keyword.len() <= SHORT {
        hash_bytes(keyword)
    } else {
        PolyHash::of(keyword).spread()
    }
}

/// A keyword's slot in [`KeywordIndex::hits`].
#[derive(Clone, Copy, Debug)]
struct Hit {
    /// Where the keyword starts: in the pool, or (with [`IN_TEXT`] set) in the generated text.
    at: u32,
    /// Its length in bytes (never 0: an empty keyword is not indexed). Comparing it first makes a
    /// match exact without reading the terminator or scanning the question for a NUL, and gives
    /// the slot's `Option` a niche.
    len: NonZeroU32,
    /// Index of its first record in `records`.
    first: u32,
    /// The entry id of that record (the lowest entry id with the keyword).
    first_id: u32,
}

/// The bit of [`Hit::at`] that says the keyword is in the generated text.
const IN_TEXT: u32 = 1 << 31;

impl Hit {
    /// Whether the keyword of this slot is exactly `target`.
    #[inline]
    fn is(&self, pool: &[u8], text: &[u8], target: &[u8]) -> bool {
        if self.len.get() as usize != target.len() {
            return false;
        }
        let (src, at) = if self.at & IN_TEXT != 0 {
            (text, self.at & !IN_TEXT)
        } else {
            (pool, self.at)
        };
        let at = at as usize;
        src.get(at..at.saturating_add(target.len())) == Some(target)
    }
}

/// One keyword of one entry in [`KeywordIndex::records`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// The keyword's group.
    group: u32,
    /// The entry id.
    pub id: u32,
}

/// Where the keyword index keeps the generated keyword of entry `e`: its entry id, or for the
/// synthetic entries the entry count plus their `SYNT` index.
pub(crate) fn slot(r: Reader<'_>, e: EntryRef) -> Option<usize> {
    match e.table {
        Table::Synt => r.layout.entry_count().checked_add(e.index),
        _ => usize::try_from(r.entry_id(e)?).ok(),
    }
}

/// The bytes of `place`, given the pool and the generated text.
fn place_bytes<'t>(pool: &'t [u8], text: &'t [u8], place: Place) -> &'t [u8] {
    let (src, start, len) = match place {
        Place::Pool(at, len) => (pool, at, len),
        Place::Text(at, len) => (text, at, len),
    };
    let start = start as usize;
    src.get(start..start.saturating_add(len as usize))
        .unwrap_or_default()
}

/// A stored keyword, once per distinct pool offset: its length, whether it is UTF-8, its hash.
#[derive(Clone, Copy, Debug)]
struct Scanned {
    offset: u32,
    len: u32,
    utf8: bool,
    hash: PolyHash,
}

/// Scans every offset of `offsets` (ascending, distinct, non-zero) once, from the last: an
/// offset whose string runs into the next scanned offset (a longer tail of the same string)
/// reads only the bytes up to it and extends that offset's length, UTF-8 check and hash, so the
/// bytes read in all are at most the pool's length. Adds the bytes read to `work`.
fn scan_offsets(pool: &[u8], offsets: &[u32], work: &mut u64) -> Vec<Scanned> {
    let mut out: Vec<Scanned> = Vec::with_capacity(offsets.len());
    let mut next: Option<Scanned> = None;
    for &offset in offsets.iter().rev() {
        let from = offset as usize;
        // Read up to the next scanned offset (if it is in this string) or the terminator.
        let limit = next
            .map_or(pool.len(), |n| n.offset as usize)
            .min(pool.len());
        let head = pool.get(from..limit).unwrap_or_default();
        let nul = head.iter().position(|&b| b == 0);
        *work += nul.map_or(head.len(), |p| p + 1) as u64;
        let scanned = match (nul, next) {
            (None, Some(n)) if limit == n.offset as usize => Scanned {
                offset,
                len: n.len.saturating_add(head.len() as u32),
                utf8: n.utf8 && std::str::from_utf8(head).is_ok(),
                hash: n.hash.prepend(head),
            },
            (Some(p), _) => Scanned {
                offset,
                len: p as u32,
                utf8: std::str::from_utf8(&head[..p]).is_ok(),
                hash: PolyHash::of(&head[..p]),
            },
            // No terminator before the pool's end (not a valid file): no keyword.
            _ => Scanned {
                offset,
                len: 0,
                utf8: false,
                hash: PolyHash::default(),
            },
        };
        out.push(scanned);
        next = Some(scanned);
    }
    out.reverse();
    out
}

/// The name at `offset` as the keyword rule reads it, reading at most [`NAME_LIMIT`] + 1 bytes
/// of the pool (counted in `work`): the name itself, or `""` when it is longer than the limit
/// (the rule reads such a name as empty) or not a valid string (only in a file that was not
/// verified; [`INVALID_STRING`] derives as empty does).
fn rule_name<'p>(pool: &'p [u8], offset: u32, work: &mut u64) -> &'p str {
    let name = strings::bytes_within(pool, offset, NAME_LIMIT);
    *work += name.map_or(NAME_LIMIT + 1, |b| b.len() + 1) as u64;
    name.ok()
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// The groups while they are collected: the distinct keywords and their hash table.
struct Grouper<'p> {
    pool: &'p [u8],
    text: String,
    groups: Vec<Group>,
    /// The spread hash of each group's keyword.
    spreads: Vec<u64>,
    table: ProbeTable<u32>,
    work: u64,
}

impl Grouper<'_> {
    /// The group of the keyword at `place` with hash `h`, added if it is new. `None` when the
    /// table is full (more keywords than a `u32` table holds): the keyword is not indexed.
    fn group(&mut self, place: Place, h: PolyHash) -> Option<u32> {
        let spread = h.spread();
        let bytes = place_bytes(self.pool, self.text.as_bytes(), place);
        let (pool, text, groups) = (self.pool, self.text.as_bytes(), &self.groups);
        let mut work = 0u64;
        let found = self
            .table
            .find(spread, |&g| {
                let other = place_bytes(pool, text, groups[g as usize].place);
                work += other.len().min(bytes.len()) as u64 + 1;
                other == bytes
            })
            .copied();
        self.work += work;
        if found.is_some() {
            return found;
        }
        let g = u32::try_from(self.groups.len()).ok()?;
        if !self.table.insert(spread, g, |_| false) {
            return None;
        }
        self.groups.push(Group { place, first: NONE });
        self.spreads.push(spread);
        Some(g)
    }

    /// The group of a generated keyword and where it starts in the text (copied there unless an
    /// equal generated keyword already is).
    fn generated(&mut self, keyword: &str) -> Option<(u32, u32)> {
        let h = PolyHash::of(keyword.as_bytes());
        self.work += keyword.len() as u64 + 1;
        let start = u32::try_from(self.text.len()).ok()?;
        let len = u32::try_from(keyword.len()).ok()?;
        self.text.push_str(keyword);
        self.text.push('\0');
        let g = self.group(Place::Text(start, len), h)?;
        match self.groups[g as usize].place {
            Place::Text(existing, _) if existing != start => {
                // Already in the text: drop the copy just made.
                self.text.truncate(start as usize);
                Some((g, existing))
            }
            Place::Text(..) => Some((g, start)),
            Place::Pool(..) => Some((g, start)),
        }
    }
}

impl KeywordIndex {
    /// Derives every generated keyword of the file (the numbered entries, then the synthetic
    /// ones) and groups every keyword: work per entry is constant (a generated keyword reads at
    /// most 257 bytes of its name and is at most about 275 bytes long), and each distinct
    /// stored keyword is read once (see [`scan_offsets`]).
    pub(crate) fn build(r: Reader<'_>) -> KeywordIndex {
        let entries = r.layout.entry_count();
        let synthetic = r.layout.synt.count.min(SYNTHETIC.len());
        let mut at = vec![NONE; entries + synthetic].into_boxed_slice();
        let synthetic = (0..synthetic).map(|index| EntryRef {
            table: Table::Synt,
            index,
        });
        let mut grouper = Grouper {
            pool: r.pool(),
            text: String::new(),
            groups: Vec::new(),
            spreads: Vec::new(),
            table: ProbeTable::with_capacity(at.len()),
            work: 0,
        };
        // (stored keyword offset, entry id) of every numbered entry with a stored keyword.
        let mut stored: Vec<(u32, u32)> = Vec::new();
        let mut records: Vec<Record> = Vec::new();
        let mut buf = String::new();
        for e in r.entries().chain(synthetic) {
            grouper.work += 1;
            let (Some(payload), Some(key)) = (r.payload(e), r.key(e)) else {
                continue;
            };
            if payload.flags & flag::KEYWORD_GENERATED == 0 {
                if let (Some(id), true) = (r.entry_id(e), payload.keyword != 0) {
                    stored.push((payload.keyword, id));
                }
                continue;
            }
            if let Some(slot) = slot(r, e).filter(|&slot| slot < at.len()) {
                let suffixed = payload.flags & flag::KEYWORD_SUFFIXED != 0;
                let name = rule_name(grouper.pool, payload.name, &mut grouper.work);
                derive_into(&mut buf, name, key, suffixed);
                buf.retain(|c| c != '\0');
                let Some((group, start)) = grouper.generated(&buf) else {
                    continue; // more than 4 GiB of keywords: the rest are not indexed
                };
                at[slot] = start;
                if let (Ok(id), true) = (u32::try_from(slot), slot < entries) {
                    records.push(Record { group, id });
                }
            }
        }
        // Each distinct stored offset once.
        let mut offsets: Vec<u32> = stored.iter().map(|&(offset, _)| offset).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let scanned = scan_offsets(grouper.pool, &offsets, &mut grouper.work);
        let groups_of: Vec<Option<u32>> = scanned
            .iter()
            .map(|s| match (s.utf8, s.len) {
                (true, 0) => None, // cannot happen for a non-zero offset of a valid file
                (true, len) => grouper.group(Place::Pool(s.offset, len), s.hash),
                (false, _) => grouper.generated(INVALID_STRING).map(|(g, _)| g),
            })
            .collect();
        for (offset, id) in stored {
            grouper.work += 1;
            let group = offsets
                .binary_search(&offset)
                .ok()
                .and_then(|i| groups_of[i]);
            if let Some(group) = group {
                records.push(Record { group, id });
            }
        }
        records.sort_unstable_by_key(|rec| (rec.group, rec.id));
        let mut groups = grouper.groups;
        for (i, rec) in records.iter().enumerate() {
            let group = &mut groups[rec.group as usize];
            if group.first == NONE {
                group.first = u32::try_from(i).unwrap_or(NONE);
            }
        }
        let mut hits = ProbeTable::with_capacity(groups.len());
        for (group, &spread) in groups.iter().zip(&grouper.spreads) {
            let (at, len) = match group.place {
                Place::Pool(at, len) if at & IN_TEXT == 0 => (at, len),
                Place::Text(at, len) if at & IN_TEXT == 0 => (at | IN_TEXT, len),
                _ => continue, // beyond 2 GiB of pool or text: not indexed
            };
            let Some(len) = NonZeroU32::new(len) else {
                continue; // the empty keyword: no question finds it
            };
            let Some(first_id) = records.get(group.first as usize).map(|rec| rec.id) else {
                continue; // no record (the synthetic entries' keywords)
            };
            let hit = Hit {
                at,
                len,
                first: group.first,
                first_id,
            };
            let h = match place_bytes(grouper.pool, grouper.text.as_bytes(), group.place) {
                short if short.len() <= SHORT => {
                    grouper.work += short.len() as u64;
                    hash_bytes(short)
                }
                _ => spread,
            };
            // Keywords are distinct per group: nothing to compare on insertion.
            hits.insert(h, hit, |_| false);
        }
        KeywordIndex {
            text: grouper.text,
            at,
            records: records.into_boxed_slice(),
            hits,
            work: grouper.work,
        }
    }

    /// Units of work the build did (bytes read, hashed or compared, plus one per entry), for the
    /// tests that bound it by the file's size.
    #[cfg(test)]
    pub(crate) fn work(&self) -> u64 {
        self.work
    }

    /// Heap bytes the index holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + std::mem::size_of_val(&*self.at)
            + std::mem::size_of_val(&*self.records)
            + self.hits.heap_bytes()
    }

    /// The text at `slot`'s generated keyword, up to and including its `0x00`.
    fn tail(&self, slot: usize) -> Option<&str> {
        let start = *self.at.get(slot)?;
        if start == NONE {
            return None;
        }
        self.text.get(start as usize..)
    }

    /// The generated keyword of `slot`, if it has one.
    pub(crate) fn keyword(&self, slot: usize) -> Option<&str> {
        self.tail(slot)?.split('\0').next()
    }

    /// [`KeywordIndex::keyword`] as a C string.
    pub(crate) fn keyword_cstr(&self, slot: usize) -> Option<&CStr> {
        CStr::from_bytes_until_nul(self.tail(slot)?.as_bytes()).ok()
    }

    /// The records of the entries whose keyword (stored or generated) is `keyword`, ascending by
    /// entry id: a probe of the hash table, then the run of records of its group. `pool` is the
    /// file's string pool (`Reader::pool`).
    #[inline]
    pub(crate) fn find(&self, pool: &[u8], keyword: &str) -> &[Record] {
        let Some((first, _)) = self.first(pool, keyword) else {
            return &[];
        };
        let run = self.records.get(first..).unwrap_or_default();
        let group = run.first().map(|rec| rec.group);
        let len = run
            .iter()
            .take_while(|rec| Some(rec.group) == group)
            .count();
        &run[..len]
    }

    /// The index in `records` of the first record of `keyword` and its entry id (the lowest
    /// entry id with the keyword), by one probe of the hash table. `pool` is the file's string
    /// pool (`Reader::pool`).
    #[inline]
    pub(crate) fn first(&self, pool: &[u8], keyword: &str) -> Option<(usize, u32)> {
        let target = keyword.as_bytes();
        let text = self.text.as_bytes();
        let h = lookup_hash(target);
        let hit = self.hits.find(h, |hit| hit.is(pool, text, target))?;
        Some((hit.first as usize, hit.first_id))
    }
}

impl std::fmt::Debug for KeywordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordIndex")
            .field("keywords", &self.records.len())
            .field("distinct", &self.hits.len())
            .field("text_bytes", &self.text.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::worst_case::{assert_linear_work_on, worst_case, Shape};
    use crate::Dict;

    /// `(file bytes, units of work)` of building the keyword index of a worst-case file.
    fn work(shape: Shape, len: usize) -> (u64, u64) {
        let bytes = worst_case(shape, len);
        let len = bytes.len() as u64;
        let dict = Dict::from_bytes(bytes).unwrap();
        let index = KeywordIndex::build(dict.reader().reader);
        (len, index.work())
    }

    /// On every worst-case shape, building the index does a small constant of work per byte of
    /// file, flat as the file quadruples.
    ///
    /// Stored keywords (every entry naming one long keyword, copies of it, or the tails of one
    /// long string): a few units per byte. Reading, hashing or comparing each entry's keyword
    /// (what the index did before, issue 10 item 4) is `n × L` units: hundreds per byte at
    /// 64 KiB, and four times as many per byte at 256 KiB.
    ///
    /// Generated keywords (one long name, one name at the rule's 256-byte limit, the tails of
    /// one long name; plain and suffixed): the bytes read of names are counted, and each entry
    /// reads at most 257 of them, then hashes (and for equal keywords compares) a keyword of at
    /// most about 275 bytes, for 20 bytes of record: tens of units per byte. Reading each name
    /// whole (before the rule's limit) is `n × L`: thousands per byte at 256 KiB.
    #[test]
    fn work_is_linear_in_the_file_size_on_worst_cases() {
        assert_linear_work_on(&Shape::STORED, 4.0, 0.5, work);
        assert_linear_work_on(&Shape::GENERATED, 48.0, 1.0, work);
    }

    #[test]
    fn a_slot_is_twenty_bytes() {
        // The length's niche keeps the slot's `Option` free: (check, Hit) and nothing more.
        assert_eq!(std::mem::size_of::<Option<(u32, Hit)>>(), 20);
    }

    /// The index finds every entry by its keyword on the worst cases, with equal keywords in
    /// different places of the pool (copies) grouped as one, and tails kept apart; a generated
    /// keyword is the rule's ([`crate::derive_keyword`]) applied to the whole name.
    #[test]
    fn worst_cases_are_indexed_exactly() {
        for shape in Shape::ALL {
            let dict = Dict::from_bytes(worst_case(shape, 1 << 14)).unwrap();
            dict.verify().unwrap();
            let r = dict.reader();
            let index = r.keywords();
            let mut derived: HashMap<String, usize> = HashMap::new();
            for v in dict.entries() {
                assert_eq!(v.keyword_generated(), shape.generated(), "{shape:?}");
                if v.keyword_generated() {
                    let pattern = v.pattern();
                    let (group, element) = pattern[1..pattern.len() - 1].split_once(',').unwrap();
                    let suffixed = v.flags() & flag::KEYWORD_SUFFIXED != 0;
                    let keyword = crate::derive_keyword(v.name(), group, element, suffixed);
                    assert_eq!(v.keyword(), keyword, "{shape:?}");
                    assert!(keyword.len() <= 256 + 10, "{shape:?}: {keyword}");
                    *derived.entry(keyword).or_default() += 1;
                }
            }
            let mut seen = 0;
            for v in dict.entries() {
                let keyword = v.keyword();
                let ids: Vec<u32> = index
                    .find(r.pool(), &keyword)
                    .iter()
                    .map(|rec| rec.id)
                    .collect();
                assert!(ids.contains(&v.entry_id().unwrap()), "{shape:?}");
                assert!(ids.windows(2).all(|w| w[0] < w[1]), "{shape:?}: {ids:?}");
                let expected = match shape {
                    Shape::SharedReference | Shape::AlternatingCopies => dict.entries().count(),
                    Shape::Tails => 1,
                    _ => derived[&*keyword],
                };
                assert_eq!(ids.len(), expected, "{shape:?}");
                seen += 1;
            }
            assert!(seen > 100);
            assert!(index.find(r.pool(), "NotAKeyword").is_empty());
            // The shapes reach what they are for: keywords shared by many entries (at the
            // limit), names over the limit, and names on both sides of it (tails).
            let most = derived.values().copied().max().unwrap_or(0);
            match shape {
                Shape::GeneratedAtLimit => assert!(most > 100, "{most}"),
                Shape::GeneratedLongName | Shape::GeneratedTails => {
                    assert!(derived.keys().any(|k| k.starts_with("Private_")));
                    let longest = derived.keys().map(String::len).max().unwrap_or(0);
                    assert!(
                        shape == Shape::GeneratedLongName || longest >= 150,
                        "{longest}"
                    );
                }
                _ => assert!(derived.is_empty()),
            }
        }
    }
}
