//! The tag index: what rules 1 and 3 search instead of the file, built once per dictionary.
//!
//! The file is searched in place (a binary search of `PUBL`, a scan of `RPTR`), which is enough to
//! open in O(1) but costs a tag lookup a dozen record reads and a miss a scan of every
//! repeating-group mask, one by one. The first tag lookup on a [`Dict`](crate::Dict) (or [`Dict::prepare`]) builds
//! this index, once, behind a `OnceLock`; every lookup after that allocates nothing:
//!
//! - **Public tags**: an open-addressing table (linear probing, load ≤ 1/2) of `(tag, PUBL
//!   index)`, hashed by Fibonacci hashing of the tag. A hit or a miss is one or two probes of
//!   one cache line.
//! - **Repeating groups**: the distinct masks of `RPTR` (5 in the bundled file), in the order
//!   they first appear, each with a 256-bit filter of the masked groups its entries hold and an
//!   open-addressing table of `(mask number, value) → first RPTR index`. A lookup probes only the
//!   masks whose filter admits the tag's group and keeps the lowest index (the file's "first
//!   match wins"); a tag no mask can match (most misses) probes nothing.
//!
//! The answers are those of the in-place searches on any file that passes
//! [`Dict::verify`](crate::Dict::verify) (unique public tags); on one that does not they may
//! differ, as the in-place searches themselves may be wrong there, but nothing panics.
//!
//! [`Dict::prepare`]: crate::Dict::prepare

use crate::format::records::Reader;

/// Slot value of an empty slot.
const EMPTY: u32 = u32::MAX;

/// Fibonacci hashing: the top `bits` bits of `key * 2^32 / φ`.
fn slot_of(key: u32, bits: u32) -> usize {
    key.wrapping_mul(0x9E37_79B1)
        .checked_shr(32 - bits)
        .unwrap_or(0) as usize
}

/// An open-addressing table of `u32 → u32` with linear probing (keys unique; a repeated key keeps
/// the value inserted first). Never full: at most half of the slots are used.
#[derive(Debug, Default)]
struct Table {
    /// `(key, value)`, value [`EMPTY`] for an empty slot.
    slots: Box<[(u32, u32)]>,
    /// `log2(slots.len())`, in `1..=31`.
    bits: u32,
}

impl Table {
    /// A table for up to `n` keys, or `None` when `n` is too large to index (over 2^30).
    fn with_capacity(n: usize) -> Option<Table> {
        let len = n.checked_mul(2)?.max(16).checked_next_power_of_two()?;
        if len > 1 << 31 {
            return None;
        }
        Some(Table {
            slots: vec![(0, EMPTY); len].into_boxed_slice(),
            bits: len.trailing_zeros(),
        })
    }

    fn insert(&mut self, key: u32, value: u32) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = slot_of(key, self.bits);
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                return;
            };
            if slot.1 == EMPTY {
                *slot = (key, value);
                return;
            }
            if slot.0 == key {
                return; // the first one inserted wins
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, key: u32) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = slot_of(key, self.bits);
        loop {
            let &(k, v) = self.slots.get(i)?;
            if v == EMPTY {
                return None;
            }
            if k == key {
                return Some(v);
            }
            i = (i + 1) & mask;
        }
    }

    fn bytes(&self) -> usize {
        std::mem::size_of_val(&*self.slots)
    }
}

/// One distinct mask of `RPTR`, with its entries.
#[derive(Debug)]
struct Mask {
    mask: u32,
    /// The lowest `RPTR` index with this mask.
    first: u32,
    /// Bit [`fold`]`(value >> 16)` set for the value of every entry with this mask.
    groups: [u64; 4],
    /// `value → RPTR index` (the first one when a value repeats).
    values: Table,
}

/// The filter bit of a masked group.
#[inline]
fn fold(group: u32) -> usize {
    ((group ^ (group >> 8)) & 0xFF) as usize
}

/// See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct TagIndex {
    /// Public tag → `PUBL` index; `None` for a file with too many records to index.
    public: Option<Table>,
    /// The distinct masks, ascending by their first `RPTR` index.
    masks: Box<[Mask]>,
    /// Whether some `PUBL` tag has an odd group (none in the bundled file: private groups are
    /// odd, so a private lookup can skip the public probe).
    odd_groups: bool,
}

impl TagIndex {
    /// Reads `PUBL` and `RPTR` once. Linear in their sizes.
    pub(crate) fn build(r: Reader<'_>) -> TagIndex {
        let mut odd_groups = false;
        let public = Table::with_capacity(r.layout.publ.count).map(|mut t| {
            for i in 0..r.layout.publ.count {
                if let (Some(tag), Ok(i)) = (r.public_tag(i), u32::try_from(i)) {
                    t.insert(tag, i);
                    odd_groups |= tag & 0x0001_0000 != 0;
                }
            }
            t
        });

        // (mask, first index, values with their indexes), in order of first appearance.
        type Found = (u32, u32, Vec<(u32, u32)>);
        let mut found: Vec<Found> = Vec::new();
        for index in 0..r.layout.rptr.count {
            let (Some((mask, value)), Ok(index)) = (r.repeater(index), u32::try_from(index)) else {
                continue;
            };
            if value & !mask != 0 {
                continue; // no tag matches it
            }
            match found.iter_mut().find(|m| m.0 == mask) {
                Some(m) => m.2.push((value, index)),
                None => found.push((mask, index, vec![(value, index)])),
            }
        }
        let masks = found
            .into_iter()
            .map(|(mask, first, entries)| {
                let mut groups = [0u64; 4];
                let mut values = Table::with_capacity(entries.len()).unwrap_or_default();
                for (value, index) in entries {
                    let bit = fold(value >> 16);
                    groups[bit / 64] |= 1 << (bit % 64);
                    values.insert(value, index);
                }
                Mask {
                    mask,
                    first,
                    groups,
                    values,
                }
            })
            .collect();
        TagIndex {
            public,
            masks,
            odd_groups,
        }
    }

    /// Whether a tag of an odd group may be public: `false` only when the index holds every
    /// `PUBL` tag and none has an odd group.
    #[inline]
    pub(crate) fn may_have_odd_groups(&self) -> bool {
        self.odd_groups || self.public.is_none()
    }

    /// The `PUBL` index of `tag`: `Ok(None)` when it is not public, `Err(())` when the file was
    /// too large to index (search the file instead).
    #[inline]
    pub(crate) fn public(&self, tag: u32) -> Result<Option<usize>, ()> {
        match &self.public {
            Some(t) => Ok(t.get(tag).map(|i| i as usize)),
            None => Err(()),
        }
    }

    /// The index of the first `RPTR` record with `tag & mask == value`.
    #[inline]
    pub(crate) fn repeater(&self, tag: u32) -> Option<usize> {
        let mut best: Option<u32> = None;
        for m in self.masks.iter() {
            if best.is_some_and(|b| m.first >= b) {
                break; // this mask and every later one start after the match
            }
            let masked = tag & m.mask;
            let bit = fold(masked >> 16);
            if m.groups[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            if let Some(i) = m.values.get(masked) {
                if best.is_none_or(|b| i < b) {
                    best = Some(i);
                }
            }
        }
        best.map(|i| i as usize)
    }

    /// Heap bytes the index holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.public.as_ref().map_or(0, Table::bytes)
            + std::mem::size_of_val(&*self.masks)
            + self.masks.iter().map(|m| m.values.bytes()).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use crate::format::records::Reader;
    use crate::Dict;

    fn real() -> Dict<Vec<u8>> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap");
        Dict::from_bytes(std::fs::read(path).expect("dicom-map/tags.dmap")).unwrap()
    }

    /// The in-place scan the index replaces: the first `RPTR` record that matches.
    fn scan(r: Reader<'_>, tag: u32) -> Option<usize> {
        (0..r.layout.rptr.count).find(|&i| r.repeater(i).is_some_and(|(m, v)| tag & m == v))
    }

    #[test]
    fn answers_like_the_in_place_searches_on_the_bundled_file() {
        let dict = real();
        let r = dict.reader();
        let index = r.tags();
        for i in 0..r.layout.publ.count {
            let tag = r.public_tag(i).unwrap();
            assert_eq!(index.public(tag), Ok(Some(i)), "{tag:08X}");
            assert_eq!(index.public(tag ^ 0x8000_0000), Ok(None));
        }
        let mut elements: Vec<u16> = (0..r.layout.rptr.count)
            .flat_map(|i| {
                let v = r.repeater(i).unwrap().1 as u16;
                [
                    v,
                    v.wrapping_add(1),
                    v.wrapping_add(0x10),
                    v.wrapping_sub(1),
                    v | 0xFF,
                ]
            })
            .chain([0x0000, 0x0005, 0x0010, 0x1010, 0xFFFF])
            .collect();
        elements.sort_unstable();
        elements.dedup();
        let mut hits = 0;
        for high in 0..=0xFFu32 {
            for low in [0x00, 0x02, 0x08, 0x10, 0x20, 0x28, 0x31, 0xFE, 0xFF] {
                let group = high << 8 | low;
                for &e in &elements {
                    let tag = group << 16 | u32::from(e);
                    let want = scan(r.reader, tag);
                    hits += usize::from(want.is_some());
                    assert_eq!(index.repeater(tag), want, "{tag:08X}");
                }
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    #[test]
    fn odd_groups_are_noted() {
        assert!(!real().reader().tags().may_have_odd_groups());
        let mut b = crate::builder::Builder::new();
        b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n");
        let even = Dict::from_bytes(b.build()).unwrap();
        assert!(!even.reader().tags().may_have_odd_groups());
        b.public(0x0011_1000, "OddGroupPublic", "LO", "1");
        let odd = Dict::from_bytes(b.build()).unwrap();
        assert!(odd.reader().tags().may_have_odd_groups());
        // Rule 1 still comes first in a private group when PUBL has the tag.
        assert_eq!(
            odd.lookup(0x0011, 0x1000, None).unwrap().keyword(),
            "OddGroupPublic"
        );
    }

    #[test]
    fn an_empty_table_answers_nothing() {
        let t = super::Table::default();
        assert_eq!(t.get(0), None);
        let mut t = super::Table::with_capacity(0).unwrap();
        t.insert(7, 1);
        t.insert(7, 2);
        assert_eq!(t.get(7), Some(1), "the first value inserted wins");
        assert_eq!(
            super::Table::with_capacity(usize::MAX).map(|t| t.bits),
            None
        );
    }
}
