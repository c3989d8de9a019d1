//! The keyword index: every keyword of the dictionary, stored or generated, hashed, so that a
//! keyword lookup is one probe, and every generated keyword derived once and kept NUL-terminated,
//! so that [`TagView::keyword`](crate::TagView::keyword) and the C ABI can borrow it.
//!
//! Built from the format layer alone: each entry's payload and key ([`Reader::key`]), the stored
//! keyword from the pool, a generated one by the rule ([`crate::keywords`]).

use std::cmp::Ordering;
use std::ffi::CStr;

use crate::format::records::{flag, EntryRef, Reader, Table, SYNTHETIC};
use crate::index::hash::{hash_bytes as hash, slot_of};
use crate::keywords::derive_into;

/// `KeywordIndex::at` value of an entry whose keyword is not generated.
const NONE: u32 = u32::MAX;

/// The dictionary's keyword index, built once (lazily, by the first call that needs it: see
/// `Indexed::keywords`) and shared by `TagView::keyword`, the keyword lookups and the C ABI.
///
/// Every keyword, stored or generated, is copied once into one text, each followed by `0x00`
/// (generated keywords are then borrowed from it as `&str` and as `&CStr`), in sorted order; the
/// records list the numbered entries sorted by (keyword bytes, entry id), so the entries of one
/// keyword lie side by side and share its place in the text. An open-addressing hash table (linear
/// probing, load ≤ 3/4) maps each distinct keyword to its first record: a lookup hashes the
/// keyword eight bytes at a time, probes until a slot whose stored hash matches, and compares the
/// keyword once. (The file's `KWIX` sorts the stored keywords too, but each of its probes reads
/// three places of the file, and the generated keywords are not in it.)
#[derive(Default)]
pub(crate) struct KeywordIndex {
    /// Every distinct keyword followed by `0x00`, the sorted ones first, then those of the
    /// synthetic entries (keywords are ASCII without `0x00` by the rule; stored ones are UTF-8).
    text: String,
    /// By slot (see [`slot`]): where its generated keyword starts in `text`, or
    /// [`NONE`] when its keyword is stored (and borrowed from the file).
    at: Box<[u32]>,
    /// Every numbered entry with a keyword, ascending by (keyword bytes, entry id).
    records: Box<[Record]>,
    /// By [`hash`] of a keyword: `(the hash's low 32 bits, index of the keyword's first record)`,
    /// [`NONE`] for an empty slot. Its length is a power of two, at least 4/3 of the keywords.
    table: Box<[(u32, u32)]>,
}

/// One keyword of one entry in [`KeywordIndex::records`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// Where the keyword starts in the text.
    start: u32,
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

/// Compares the NUL-terminated keyword at `start` of `text` with `target`, which holds no
/// `0x00`, as `&[u8]` compare: one `memcmp` of up to `target.len()` bytes (the keyword's
/// terminator, if it comes first, differs from `target` there and decides), then its length.
/// `None` if the text ends before a terminator (it ends with one, so only for a bad `start`).
fn cmp_text(text: &[u8], start: u32, target: &[u8]) -> Option<Ordering> {
    let tail = text.get(usize::try_from(start).ok()?..)?;
    let n = target.len().min(tail.len());
    match tail[..n].cmp(&target[..n]) {
        Ordering::Equal => match *tail.get(target.len())? {
            0 => Some(Ordering::Equal),
            _ => Some(Ordering::Greater), // `target` is a proper prefix of the keyword
        },
        other => Some(other),
    }
}

impl KeywordIndex {
    /// Derives every generated keyword of the file (the numbered entries, then the synthetic
    /// ones) and sorts every keyword. Linear in the number of entries, plus the sort (a few
    /// milliseconds for the bundled dictionary).
    pub(crate) fn build(r: Reader<'_>) -> KeywordIndex {
        let entries = r.layout.entry_count();
        let synthetic = r.layout.synt.count.min(SYNTHETIC.len());
        let mut at = vec![NONE; entries + synthetic].into_boxed_slice();
        let synthetic = (0..synthetic).map(|index| EntryRef {
            table: Table::Synt,
            index,
        });
        // The generated keywords, each followed by 0x00, while they are derived.
        let mut derived = String::new();
        // (slot, where in `derived` its keyword starts) of every generated keyword.
        let mut generated: Vec<(usize, usize)> = Vec::new();
        // (entry id, stored keyword) of every numbered entry with a stored keyword.
        let mut stored: Vec<(u32, &str)> = Vec::new();
        let mut buf = String::new();
        for e in r.entries().chain(synthetic) {
            let (Some(payload), Some(key)) = (r.payload(e), r.key(e)) else {
                continue;
            };
            if payload.flags & flag::KEYWORD_GENERATED == 0 {
                let keyword = r.str(payload.keyword);
                if let (Some(id), false) = (r.entry_id(e), keyword.is_empty()) {
                    stored.push((id, keyword));
                }
                continue;
            }
            if let Some(slot) = slot(r, e).filter(|&slot| slot < at.len()) {
                generated.push((slot, derived.len()));
                let suffixed = payload.flags & flag::KEYWORD_SUFFIXED != 0;
                derive_into(&mut buf, r.str(payload.name), key, suffixed);
                derived.extend(buf.chars().filter(|&c| c != '\0'));
                derived.push('\0');
            }
        }
        let of = |start: usize| derived.get(start..).and_then(|t| t.split('\0').next());
        // (keyword, entry id or NONE, slot or NONE as usize): all of them, numbered ones sorted.
        let mut sorted: Vec<(&str, u32, usize)> = stored
            .iter()
            .map(|&(id, k)| (k, id, usize::MAX))
            .chain(generated.iter().map(|&(slot, start)| {
                let id = if slot < entries { slot as u32 } else { NONE };
                (of(start).unwrap_or(""), id, slot)
            }))
            .collect();
        // Synthetic entries (id NONE) sort last, so the records are a prefix of this list.
        sorted.sort_unstable_by(|a, b| (a.1 == NONE, a.0, a.1).cmp(&(b.1 == NONE, b.0, b.1)));

        let mut text = String::new();
        let mut records = Vec::with_capacity(sorted.len());
        let mut previous: Option<(&str, u32)> = None;
        for (keyword, id, slot) in sorted {
            let start = match previous {
                Some((p, start)) if p == keyword => start,
                _ => {
                    let Ok(start) = u32::try_from(text.len()) else {
                        break; // more than 4 GiB of keywords: the rest are not indexed
                    };
                    text.push_str(keyword);
                    text.push('\0');
                    start
                }
            };
            previous = Some((keyword, start));
            if let Some(slot) = at.get_mut(slot) {
                *slot = start;
            }
            if id != NONE {
                records.push(Record { start, id });
            }
        }
        let table = Self::hash_table(&text, &records);
        KeywordIndex {
            text,
            at,
            records: records.into_boxed_slice(),
            table,
        }
    }

    /// The hash table of [`KeywordIndex::table`]: every distinct keyword of `records` (those
    /// whose text start differs from the previous record's) to its first record.
    fn hash_table(text: &str, records: &[Record]) -> Box<[(u32, u32)]> {
        let firsts = || {
            records
                .iter()
                .enumerate()
                .filter(|&(i, rec)| i == 0 || records[i - 1].start != rec.start)
        };
        let distinct = firsts().count();
        let len = distinct
            .saturating_mul(4)
            .checked_div(3)
            .and_then(|n| n.checked_add(1))
            .and_then(usize::checked_next_power_of_two)
            .filter(|&len| len <= 1 << 31)
            .unwrap_or(0)
            .max(16);
        let bits = len.trailing_zeros();
        let mut table = vec![(0u32, NONE); len].into_boxed_slice();
        let mask = len - 1;
        for (n, (i, rec)) in firsts().enumerate() {
            let (Ok(i), true) = (u32::try_from(i), n < len - len / 4) else {
                break; // too many keywords to index: the rest are not found
            };
            let keyword = text
                .as_bytes()
                .get(rec.start as usize..)
                .and_then(|t| t.split(|&b| b == 0).next())
                .unwrap_or_default();
            let h = hash(keyword);
            let mut s = slot_of(h, bits);
            // At most 3/4 full, so an empty slot is always found.
            while table[s].1 != NONE {
                s = (s + 1) & mask;
            }
            table[s] = (h as u32, i);
        }
        table
    }

    /// Heap bytes the index holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + std::mem::size_of_val(&*self.at)
            + std::mem::size_of_val(&*self.records)
            + std::mem::size_of_val(&*self.table)
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
    /// entry id: a probe of the hash table, then the run of records that share the keyword.
    #[inline]
    pub(crate) fn find(&self, keyword: &str) -> &[Record] {
        let Some(first) = self.first(keyword) else {
            return &[];
        };
        let run = self.records.get(first..).unwrap_or_default();
        let start = run.first().map(|rec| rec.start);
        let len = run
            .iter()
            .take_while(|rec| Some(rec.start) == start)
            .count();
        &run[..len]
    }

    /// The index in `records` of the first record of `keyword` (the lowest entry id), by one
    /// probe of the hash table.
    #[inline]
    pub(crate) fn first(&self, keyword: &str) -> Option<usize> {
        let target = keyword.as_bytes();
        let h = hash(target);
        let mask = self.table.len().wrapping_sub(1);
        let mut s = slot_of(h, self.table.len().trailing_zeros());
        loop {
            let &(check, i) = self.table.get(s)?;
            if i == NONE {
                return None;
            }
            if check == h as u32 {
                let start = self.records.get(i as usize).map(|rec| rec.start);
                if let Some(start) = start {
                    // `cmp_text` relies on `target` holding no 0x00: such a target is never
                    // equal to a keyword, and this check (rarely reached) rejects it.
                    if cmp_text(self.text.as_bytes(), start, target) == Some(Ordering::Equal)
                        && !target.contains(&0)
                    {
                        return Some(i as usize);
                    }
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The entry id of record `i`.
    #[inline]
    pub(crate) fn record_id(&self, i: usize) -> Option<u32> {
        self.records.get(i).map(|rec| rec.id)
    }
}

impl std::fmt::Debug for KeywordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordIndex")
            .field("keywords", &self.records.len())
            .field("text_bytes", &self.text.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::cmp_text;

    #[test]
    fn text_comparison_is_byte_order() {
        let text = b"Acme\0AcmeTest\0AcmeTestLonger\0Zoo\0";
        let starts = [0u32, 5, 14, 29];
        for &start in &starts {
            let end = text[start as usize..].iter().position(|&b| b == 0).unwrap();
            let keyword = &text[start as usize..start as usize + end];
            for target in [
                &b""[..],
                b"A",
                b"Acme",
                b"AcmeT",
                b"AcmeTest",
                b"AcmeTestLonger",
                b"AcmeTestLongerStill",
                b"Zoo",
                b"ZooKeeperOfTheZoo",
                b"Zz",
            ] {
                assert_eq!(
                    cmp_text(text, start, target),
                    Some(keyword.cmp(target)),
                    "{keyword:?} vs {target:?}"
                );
            }
        }
        assert_eq!(cmp_text(text, 100, b"A"), None);
        assert_eq!(cmp_text(b"Ab", 0, b"Ab"), None, "no terminator");
    }
}
