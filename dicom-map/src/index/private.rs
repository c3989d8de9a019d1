//! The private index: what rule 2 (private groups) searches instead of the file, built once per
//! dictionary by the first private lookup (or [`Dict::prepare`](crate::Dict::prepare)).
//!
//! In the file a private lookup is a binary search of `CSPL` (and `CFLD`) by string, reading each
//! stored string to its terminator, then binary searches of `PRIV` and `PRPT`, decoding a record
//! at every step. Here each step is one hash probe:
//!
//! - **Creators**: every exact spelling (`CSPL`) and every folded form (`CFLD`, one entry per run
//!   of records with the same form) by [`hash_caseless`], each slot holding where the string
//!   lies in the pool (offset and length, so comparing is one `memcmp`) and what it resolves to:
//!   a spelling its creator id and the run of its folded form, a folded form its run. A creator
//!   that is a known spelling but for case (the commonest folded match) probes the same slots as
//!   the spelling and resolves there without being folded; one without whitespace probes the
//!   folded forms with the same hash (its folded form is itself upper-cased), also unfolded.
//! - **Two filters of the folded forms** for the creators that are neither: their first two and
//!   last two bytes ([`FoldedEnds`], read in constant time), then their length and bytes as a
//!   multiset ([`folded_digest`], one pass without folding). A creator that fails either has no
//!   folded match and is not folded: nearly every unknown creator.
//! - **`PRIV`**: `(group, creator id, low byte, block)` packed in a `u64` → record index.
//! - **`PRPT`**: `(creator id, low byte, block)` → the run of its records (group, mask, index),
//!   in file order, scanned for the first mask that matches the group.
//!
//! Only spellings and folded forms of at most [`MAX_INDEXED_LEN`] bytes are indexed, each read
//! with a bounded scan, so building reads at most 257 bytes per `CSPL` or `CFLD` record, however
//! long a hostile file makes its strings (issue 10: the tails of one long string as spellings,
//! or many creators sharing one long folded form, made the build `records × length`). A longer
//! creator is resolved by the in-file searches (`lookup::creators::resolve_in_file`); real
//! creators are DICOM `LO` values of at most 64 characters.
//!
//! The answers are those of the in-file searches on any file that passes
//! [`Dict::verify`](crate::Dict::verify) (unique, sorted keys); on one that does not they may
//! differ, as the in-file searches may be wrong there too, but nothing panics. `tests` compares
//! the two on the bundled dictionary, for every record.

use crate::format::creator_text::{folded_bytes, is_fold_space};
use crate::format::records::{Reader, Table};
use crate::format::strings;
use crate::index::hash::{hash_caseless, hash_u64, slot_of, ProbeTable};

/// The longest spelling or folded form, in bytes, the index holds (see the module docs); a
/// lookup of a longer creator searches the file instead.
pub(crate) const MAX_INDEXED_LEN: usize = 256;

/// A run of `CFLD` records holding one folded form: records `start..end`, and the creator id of
/// the first (read here once rather than from `CFLD` by every lookup). Empty (`start == end`)
/// for a spelling whose folded form the index does not hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FoldedRun {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) first: u32,
}

/// Where a string lies in the pool, and what it resolves to.
#[derive(Clone, Copy, Debug)]
struct Spelling {
    start: u32,
    len: u32,
    /// The creator id (exact spellings; unused for folded forms).
    id: u32,
    /// The run of the folded form (folded forms), or of the spelling's folded form (exact
    /// spellings: what a creator that differs from the spelling only in case resolves to).
    run: FoldedRun,
}

/// What a creator matched among the exact spellings (see [`PrivateIndex::spelling`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SpellingMatch {
    /// The spelling itself: its creator id.
    Exact(u32),
    /// A spelling but for ASCII case: the run of its (and so the creator's) folded form.
    Cased(FoldedRun),
}

/// The first two and last two bytes of a folded form (of at least two bytes), which a lookup
/// reads from a creator without folding it: when a creator's first two and last two bytes are
/// not whitespace, folding keeps them where they are at both ends, only upper-cased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FoldedEnds(pub(crate) [u8; 4]);

impl FoldedEnds {
    /// The ends of a folded form (one shorter than two bytes has none).
    fn of(folded: &[u8]) -> Option<FoldedEnds> {
        let (&[a, b, ..], &[.., c, d]) = (folded, folded) else {
            return None;
        };
        Some(FoldedEnds([a, b, c, d]))
    }

    /// The filter key.
    #[inline]
    fn key(self) -> u64 {
        u64::from(u32::from_le_bytes(self.0))
    }
}

/// Per byte, its share of [`folded_digest`]: zero for the whitespace that folding deletes; for
/// any other byte, one in bit 48 (counting the folded length) plus a pseudo-random 40-bit value,
/// the same for `a`–`z` as for `A`–`Z`. 256 bytes at most are summed, so the random parts never
/// carry into the count.
const DIGEST_SHARE: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let byte = (b as u8).to_ascii_uppercase();
        if !is_fold_space(byte) {
            // SplitMix64 of the upper-cased byte.
            let mut z = (byte as u64)
                .wrapping_add(1)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            table[b] = 1 << 48 | (z & ((1 << 40) - 1));
        }
        b += 1;
    }
    table
};

/// What a lookup can learn of a creator's folded form in one pass without folding it: the folded
/// length (bits 48 and up) and a hash of the folded bytes as a multiset (the sum of each byte's
/// pseudo-random share). Whitespace counts for nothing and `a`–`z` as `A`–`Z`, so a creator and
/// its folded form have the same digest. For at most 256 bytes.
#[inline]
pub(crate) fn folded_digest(bytes: &[u8]) -> u64 {
    let mut digest = 0u64;
    for &b in bytes {
        digest = digest.wrapping_add(DIGEST_SHARE[usize::from(b)]);
    }
    digest
}

/// A bit filter of keys: 65,536 bits (8 KiB) for the few hundred folded forms of a real
/// dictionary, so a key that was not inserted passes about once in a hundred.
#[derive(Debug)]
struct BitFilter(Box<[u64]>);

/// `log2` of a [`BitFilter`]'s bits.
const FILTER_BITS: u32 = 16;

impl BitFilter {
    fn new() -> BitFilter {
        BitFilter(vec![0u64; 1 << (FILTER_BITS - 6)].into_boxed_slice())
    }

    /// The bit of `key`.
    #[inline]
    fn bit(key: u64) -> usize {
        slot_of(hash_u64(key), FILTER_BITS)
    }

    fn insert(&mut self, key: u64) {
        let bit = BitFilter::bit(key);
        if let Some(word) = self.0.get_mut(bit / 64) {
            *word |= 1 << (bit % 64);
        }
    }

    /// False: `key` was never inserted. True: perhaps it was.
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let bit = BitFilter::bit(key);
        self.0
            .get(bit / 64)
            .is_some_and(|word| word & (1 << (bit % 64)) != 0)
    }

    fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.0)
    }
}

/// One `PRPT` record, in a run of records with the same `(creator id, low byte, block)`.
#[derive(Clone, Copy, Debug)]
struct RepeaterEntry {
    key: u64,
    group: u16,
    group_mask: u16,
    index: u32,
}

/// See the module documentation.
#[derive(Debug)]
pub(crate) struct PrivateIndex {
    spellings: ProbeTable<Spelling>,
    folded: ProbeTable<Spelling>,
    /// [`FoldedEnds`] of every folded form `folded` holds: a creator whose ends are not there
    /// has no folded match, and is not folded at all (most unknown creators: folding was most of
    /// the time such a lookup took).
    folded_ends: BitFilter,
    /// [`folded_digest`] of every folded form `folded` holds: the second filter, for creators
    /// that pass the first (one pass over the creator, cheaper than folding it).
    folded_digests: BitFilter,
    /// `PRIV` key → `(key, record index)`.
    entries: ProbeTable<(u64, u32)>,
    /// `PRPT` key → `(key, start of its run in repeaters)`.
    runs: ProbeTable<(u64, u32)>,
    repeaters: Box<[RepeaterEntry]>,
    /// Bit `id` set when creator `id` has a block-specific (`block != 0`) `PRIV` or `PRPT`
    /// record: few do, so a lookup by full element skips the block-specific probes for the rest.
    with_blocks: Box<[u64]>,
}

/// The `PRIV` key of `(group, creator id, low byte, block)`.
#[inline]
fn priv_key(group: u16, id: u16, ee: u8, block: u8) -> u64 {
    u64::from(group) << 32 | u64::from(id) << 16 | u64::from(ee) << 8 | u64::from(block)
}

/// The `PRPT` key of `(creator id, low byte, block)`.
#[inline]
fn prpt_key(id: u16, ee: u8, block: u8) -> u64 {
    u64::from(id) << 16 | u64::from(ee) << 8 | u64::from(block)
}

/// The bytes of `s` in `pool`, if it lies there.
#[inline]
fn in_pool<'a>(pool: &'a [u8], s: &Spelling) -> Option<&'a [u8]> {
    let start = usize::try_from(s.start).ok()?;
    pool.get(start..start.checked_add(usize::try_from(s.len).ok()?)?)
}

/// The slot of a string table holding exactly `bytes`, whose [`hash_caseless`] is `h`.
#[inline]
fn find_string<'t>(
    table: &'t ProbeTable<Spelling>,
    pool: &[u8],
    bytes: &[u8],
    h: u64,
) -> Option<&'t Spelling> {
    table.find(h, |s| in_pool(pool, s) == Some(bytes))
}

/// Puts `s`, whose string is `bytes`, in a string table (the first slot for a string wins).
fn insert_string(table: &mut ProbeTable<Spelling>, pool: &[u8], bytes: &[u8], s: Spelling) {
    table.insert(hash_caseless(bytes), s, |t| in_pool(pool, t) == Some(bytes));
}

/// At most `MAX_INDEXED_LEN + 1` bytes read of the pool string at `offset`; `None` when it is
/// longer than [`MAX_INDEXED_LEN`] (the in-file search answers for it) or unreadable.
fn read_bounded(pool: &[u8], offset: u32) -> Option<&[u8]> {
    strings::bytes_within(pool, offset, MAX_INDEXED_LEN).ok()
}

/// The table of folded forms over `CFLD`'s `count` records: consecutive records with the same
/// form make one run, keyed by the form's [`hash_caseless`] (a folded form has no `a`–`z`, so a
/// creator without whitespace, whose folded form is itself upper-cased, probes it with its own
/// caseless hash, unfolded); `indexed` is called with every form the table holds.
fn folded_table(
    r: Reader<'_>,
    count: usize,
    mut indexed: impl FnMut(&[u8]),
) -> ProbeTable<Spelling> {
    let mut table = ProbeTable::with_capacity(count);
    let pool = r.pool();
    let form_at = |i: usize| {
        r.folded(i)
            .and_then(|(o, id)| Some((o, id, read_bounded(pool, o)?)))
    };
    let mut i = 0;
    while i < count {
        let Some((offset, id, bytes)) = form_at(i) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < count && form_at(end).map(|f| f.2) == Some(bytes) {
            end += 1;
        }
        let (Ok(len), Ok(start), Ok(last)) = (
            u32::try_from(bytes.len()),
            u32::try_from(i),
            u32::try_from(end),
        ) else {
            break;
        };
        let run = FoldedRun {
            start,
            end: last,
            first: id,
        };
        let s = Spelling {
            start: offset,
            len,
            id,
            run,
        };
        insert_string(&mut table, pool, bytes, s);
        indexed(bytes);
        i = end;
    }
    table
}

/// The table of exact spellings over `CSPL`'s `count` records, keyed by [`hash_caseless`] (so
/// that a creator differing only in case probes the same slots), each with the run of its
/// folded form in `folded`. Linear: each spelling is read (bounded) and folded once, into a
/// buffer reused across spellings.
fn spelling_table(
    r: Reader<'_>,
    count: usize,
    folded: &ProbeTable<Spelling>,
) -> ProbeTable<Spelling> {
    let mut table = ProbeTable::with_capacity(count);
    let pool = r.pool();
    let mut form = Vec::new();
    for i in 0..count {
        let Some((offset, id)) = r.spelling(i) else {
            continue;
        };
        let Some(bytes) = read_bounded(pool, offset) else {
            continue;
        };
        let Ok(len) = u32::try_from(bytes.len()) else {
            continue;
        };
        form.clear();
        form.extend(folded_bytes(bytes));
        let run = find_string(folded, pool, &form, hash_caseless(&form))
            .map(|t| t.run)
            .unwrap_or_default();
        let s = Spelling {
            start: offset,
            len,
            id,
            run,
        };
        insert_string(&mut table, pool, bytes, s);
    }
    table
}

impl PrivateIndex {
    /// Reads `CSPL`, `CFLD`, `PRIV` and `PRPT` once. Linear in their sizes.
    pub(crate) fn build(r: Reader<'_>) -> PrivateIndex {
        let l = r.layout;
        let (mut folded_ends, mut folded_digests) = (BitFilter::new(), BitFilter::new());
        let folded = folded_table(r, l.cfld.count, |form| {
            if let Some(ends) = FoldedEnds::of(form) {
                folded_ends.insert(ends.key());
            }
            folded_digests.insert(folded_digest(form));
        });
        let spellings = spelling_table(r, l.cspl.count, &folded);

        let mut with_blocks = vec![0u64; 1 << 10].into_boxed_slice();
        let mut note_block = |creator: u16, block: u8| {
            if block != 0 {
                if let Some(word) = with_blocks.get_mut(usize::from(creator) / 64) {
                    *word |= 1 << (creator % 64);
                }
            }
        };
        let mut entries = ProbeTable::with_capacity(l.priv_.count);
        for i in 0..l.priv_.count {
            if let (Some(k), Ok(index)) = (r.private_key(Table::Priv, i), u32::try_from(i)) {
                let key = priv_key(k.group, k.creator, k.element, k.block);
                entries.insert(hash_u64(key), (key, index), |t| t.0 == key);
                note_block(k.creator, k.block);
            }
        }

        let mut repeaters: Vec<RepeaterEntry> = (0..l.prpt.count)
            .filter_map(|i| {
                let k = r.private_key(Table::Prpt, i)?;
                note_block(k.creator, k.block);
                Some(RepeaterEntry {
                    key: prpt_key(k.creator, k.element, k.block),
                    group: k.group,
                    group_mask: k.group_mask,
                    index: u32::try_from(i).ok()?,
                })
            })
            .collect();
        repeaters.sort_by_key(|e| (e.key, e.index));
        let mut runs = ProbeTable::with_capacity(repeaters.len());
        for (i, e) in repeaters.iter().enumerate() {
            if let Ok(start) = u32::try_from(i) {
                let key = e.key;
                runs.insert(hash_u64(key), (key, start), |t| t.0 == key);
            }
        }
        PrivateIndex {
            spellings,
            folded,
            folded_ends,
            folded_digests,
            entries,
            runs,
            repeaters: repeaters.into_boxed_slice(),
            with_blocks,
        }
    }

    /// Whether creator `id` has any block-specific `PRIV` or `PRPT` record.
    #[inline]
    pub(crate) fn has_blocks(&self, id: u16) -> bool {
        self.with_blocks
            .get(usize::from(id) / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// What `creator` (already normalised) matches among the exact spellings: the spelling
    /// itself, else (the commonest folded match) a spelling but for ASCII case, which gives the
    /// run of its folded form without folding. Both questions walk the same slots: the
    /// spellings are keyed by [`hash_caseless`], and `h` is that of `creator`.
    #[inline]
    pub(crate) fn spelling(&self, pool: &[u8], creator: &[u8], h: u64) -> Option<SpellingMatch> {
        if let Some(s) = find_string(&self.spellings, pool, creator, h) {
            return Some(SpellingMatch::Exact(s.id));
        }
        self.spellings
            .find(h, |s| {
                s.run.start < s.run.end
                    && in_pool(pool, s).is_some_and(|b| b.eq_ignore_ascii_case(creator))
            })
            .map(|s| SpellingMatch::Cased(s.run))
    }

    /// The creator id of the exact spelling `creator`.
    #[cfg(test)]
    pub(crate) fn spelling_id(&self, pool: &[u8], creator: &[u8]) -> Option<u32> {
        match self.spelling(pool, creator, hash_caseless(creator))? {
            SpellingMatch::Exact(id) => Some(id),
            SpellingMatch::Cased(_) => None,
        }
    }

    /// Whether some folded form the index holds has `ends` (false: none, so a creator with those
    /// ends has no folded match; true: perhaps).
    #[inline]
    pub(crate) fn may_fold_to(&self, ends: FoldedEnds) -> bool {
        self.folded_ends.may_hold(ends.key())
    }

    /// Whether some folded form the index holds has the [`folded_digest`] `digest` (as
    /// [`PrivateIndex::may_fold_to`]).
    #[inline]
    pub(crate) fn may_fold_to_digest(&self, digest: u64) -> bool {
        self.folded_digests.may_hold(digest)
    }

    /// The run of `CFLD` records holding the folded form `folded`.
    #[cfg(test)]
    pub(crate) fn folded(&self, pool: &[u8], folded: &[u8]) -> Option<FoldedRun> {
        self.folded_hashed(pool, folded, hash_caseless(folded))
    }

    /// [`PrivateIndex::folded`], given `h`, the [`hash_caseless`] of `folded` (computed while
    /// folding).
    #[inline]
    pub(crate) fn folded_hashed(&self, pool: &[u8], folded: &[u8], h: u64) -> Option<FoldedRun> {
        find_string(&self.folded, pool, folded, h).map(|s| s.run)
    }

    /// The run of the folded form that `creator` upper-cased is, if any: the folded probe of a
    /// creator without whitespace (whose folded form is itself upper-cased), made without
    /// folding it. `h` is the [`hash_caseless`] of `creator`.
    #[inline]
    pub(crate) fn folded_unfolded(&self, pool: &[u8], creator: &[u8], h: u64) -> Option<FoldedRun> {
        self.folded
            .find(h, |s| {
                in_pool(pool, s).is_some_and(|b| b.eq_ignore_ascii_case(creator))
            })
            .map(|s| s.run)
    }

    /// The `PRIV` record of `(group, creator id, low byte, block)`.
    #[inline]
    pub(crate) fn entry(&self, group: u16, id: u16, ee: u8, block: u8) -> Option<usize> {
        let key = priv_key(group, id, ee, block);
        self.entries
            .find(hash_u64(key), |t| t.0 == key)
            .map(|t| t.1 as usize)
    }

    /// The first `PRPT` record of `(creator id, low byte, block)` whose group mask matches `group`.
    #[inline]
    pub(crate) fn repeater(&self, group: u16, id: u16, ee: u8, block: u8) -> Option<usize> {
        let key = prpt_key(id, ee, block);
        let &(_, start) = self.runs.find(hash_u64(key), |t| t.0 == key)?;
        self.repeaters
            .get(start as usize..)?
            .iter()
            .take_while(|e| e.key == key)
            .find(|e| group & e.group_mask == e.group)
            .map(|e| e.index as usize)
    }

    /// Heap bytes the index holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.spellings.heap_bytes()
            + self.folded.heap_bytes()
            + self.entries.heap_bytes()
            + self.runs.heap_bytes()
            + std::mem::size_of_val(&*self.repeaters)
            + std::mem::size_of_val(&*self.with_blocks)
            + self.folded_ends.heap_bytes()
            + self.folded_digests.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::creators::{resolve, resolve_in_file};
    use crate::worst_case::{worst_case, Shape};
    use crate::{CreatorMatch, Dict};

    /// On the creator worst cases (spellings the tails of one long string; hundreds of creators
    /// with one long folded form), creators of every length resolve as the in-file searches resolve
    /// them: by the index up to `MAX_INDEXED_LEN` bytes, by the file beyond; and the index holds
    /// no longer string (the build reads at most `MAX_INDEXED_LEN + 1` bytes of each record's).
    #[test]
    fn long_spellings_and_folded_forms_resolve_like_the_file() {
        for shape in Shape::CREATORS {
            let dict = Dict::from_bytes(worst_case(shape, 1 << 14)).unwrap();
            dict.verify().unwrap();
            let r = dict.reader();
            let longest = r.str_bytes(r.creator(0).unwrap().0).unwrap().len();
            assert!(longest > 1000, "{shape:?}: {longest}");
            for len in [1, 2, 63, 64, 65, 255, 256, 257, 1000, longest - 1, longest] {
                for text in [
                    "A".repeat(len),
                    "a".repeat(len),
                    format!(" {}", "A".repeat(len)),
                ] {
                    let by_index = resolve(r, &text);
                    let by_file = resolve_in_file(r.reader, crate::normalise_creator(&text));
                    assert_eq!(
                        format!("{by_index:?}"),
                        format!("{by_file:?}"),
                        "{shape:?}: {len}"
                    );
                    let found = dict.creator(&text);
                    let expected = match (shape, text.starts_with('a')) {
                        (Shape::SpellingTails, false) => Some(CreatorMatch::Exact),
                        (Shape::SharedFolded, _) if len == longest => Some(CreatorMatch::Folded),
                        _ => None,
                    };
                    assert_eq!(
                        found.first().map(|c| c.matched()),
                        expected,
                        "{shape:?}: {len}"
                    );
                }
            }
            // The index itself holds the short strings only: the long ones were never read whole.
            let index = r.private();
            let pool = r.pool();
            for len in [1, 256, 257, longest] {
                let text = "A".repeat(len);
                let held = match shape {
                    Shape::SpellingTails => index.spelling_id(pool, text.as_bytes()).is_some(),
                    _ => index.folded(pool, text.as_bytes()).is_some(),
                };
                let in_file = shape == Shape::SpellingTails || len == longest;
                assert_eq!(held, in_file && len <= MAX_INDEXED_LEN, "{shape:?}: {len}");
            }
        }
    }

    proptest::proptest! {
        /// A creator and its folded form have the same digest; a changed byte changes it.
        #[test]
        fn the_digest_is_the_folded_forms(s in "[ -~\t\n\x0B\x0C\r\u{e9}\u{a0}\u{ff}]{1,80}") {
            let normal = crate::normalise_creator(&s);
            let folded = crate::fold_creator(normal);
            proptest::prop_assert_eq!(folded_digest(normal.as_bytes()), folded_digest(folded.as_bytes()));
            proptest::prop_assert_eq!(folded_digest(folded.as_bytes()) >> 48, folded.len() as u64);
            let mut other = folded.clone().into_bytes();
            if let Some(b) = other.first_mut() {
                *b = if *b == b'#' { b'%' } else { b'#' };
                proptest::prop_assert_ne!(folded_digest(&other), folded_digest(folded.as_bytes()));
            }
        }
    }

    #[test]
    fn answers_like_the_file_for_every_private_record_of_the_bundled_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap");
        let dict = Dict::from_bytes(std::fs::read(path).expect("dicom-map/tags.dmap")).unwrap();
        let r = dict.reader();
        let index = r.private();
        let l = r.layout;
        assert!(l.priv_.count > 1000 && l.prpt.count > 0 && l.cspl.count > 100);
        let mut by_key = std::collections::HashMap::new();
        for i in 0..l.priv_.count {
            let k = r.private_key(Table::Priv, i).unwrap();
            by_key
                .entry((k.group, k.creator, k.element, k.block))
                .or_insert(i);
        }
        for i in 0..l.priv_.count {
            let k = r.private_key(Table::Priv, i).unwrap();
            assert_eq!(index.entry(k.group, k.creator, k.element, k.block), Some(i));
            let other = k.group.wrapping_add(2);
            assert_eq!(
                index.entry(other, k.creator, k.element, k.block),
                by_key.get(&(other, k.creator, k.element, k.block)).copied()
            );
        }
        for i in 0..l.prpt.count {
            let k = r.private_key(Table::Prpt, i).unwrap();
            for group in [k.group, k.group | 0x0100 & !k.group_mask, k.group ^ 0x2000] {
                let first = (0..l.prpt.count).find(|&j| {
                    let o = r.private_key(Table::Prpt, j).unwrap();
                    (o.creator, o.element, o.block) == (k.creator, k.element, k.block)
                        && group & o.group_mask == o.group
                });
                assert_eq!(index.repeater(group, k.creator, k.element, k.block), first);
            }
        }
        let pool = r.pool();
        for i in 0..l.cspl.count {
            let (s, id) = r.spelling(i).unwrap();
            assert_eq!(index.spelling_id(pool, r.str_bytes(s).unwrap()), Some(id));
        }
        for i in 0..l.cfld.count {
            let (s, _) = r.folded(i).unwrap();
            let run = index.folded(pool, r.str_bytes(s).unwrap()).unwrap();
            let (start, end) = (run.start as usize, run.end as usize);
            assert_eq!(Some(run.first), r.folded(start).map(|(_, id)| id));
            assert!((start..end).contains(&i));
            assert!((start..end).all(|j| r.folded(j).unwrap().0 == s
                || r.str_bytes(r.folded(j).unwrap().0) == r.str_bytes(s)));
        }
        let blocky: std::collections::HashSet<u16> = (0..l.priv_.count)
            .map(|i| r.private_key(Table::Priv, i).unwrap())
            .chain((0..l.prpt.count).map(|i| r.private_key(Table::Prpt, i).unwrap()))
            .filter(|k| k.block != 0)
            .map(|k| k.creator)
            .collect();
        assert!(
            !blocky.is_empty() && blocky.len() < l.crtr.count / 2,
            "{}",
            blocky.len()
        );
        for id in 0..=u16::MAX {
            assert_eq!(index.has_blocks(id), blocky.contains(&id), "{id}");
        }
        // Every folded form passes the filter; almost every creator that is a known one with its
        // last character changed is turned away by it (no fold needed).
        let ends = |form: &[u8]| FoldedEnds::of(form).unwrap();
        for i in 0..l.cfld.count {
            let form = r.str_bytes(r.folded(i).unwrap().0).unwrap();
            assert!(index.may_fold_to(ends(form)), "{form:?}");
        }
        let mut passed = 0;
        for i in 0..l.cfld.count {
            let mut form = r.str_bytes(r.folded(i).unwrap().0).unwrap().to_vec();
            *form.last_mut().unwrap() = b'#';
            passed += usize::from(index.may_fold_to(ends(&form)));
        }
        assert!(passed * 10 < l.cfld.count, "{passed} of {}", l.cfld.count);
        // The same for the digests (nearly all: only filter collisions pass), with a middle byte changed (which keeps the ends).
        let mut passed = 0;
        for i in 0..l.cfld.count {
            let mut form = r.str_bytes(r.folded(i).unwrap().0).unwrap().to_vec();
            assert!(index.may_fold_to_digest(folded_digest(&form)), "{form:?}");
            let middle = form.len() / 2;
            form[middle] = form[middle].wrapping_add(1);
            passed += usize::from(index.may_fold_to_digest(folded_digest(&form)));
        }
        assert!(passed * 50 < l.cfld.count, "{passed} of {}", l.cfld.count);
        // Every spelling but for case gives its folded form's run, as the fold would.
        for i in 0..l.cspl.count {
            let spelling = r.str_bytes(r.spelling(i).unwrap().0).unwrap();
            let run = index.folded(
                pool,
                &crate::fold_creator(std::str::from_utf8(spelling).unwrap()).into_bytes(),
            );
            for variant in [spelling.to_ascii_lowercase(), spelling.to_ascii_uppercase()] {
                match index.spelling(pool, &variant, hash_caseless(&variant)) {
                    // The variant is itself a spelling (of this creator or another).
                    Some(SpellingMatch::Exact(id)) => assert!((0..l.cspl.count)
                        .map(|j| r.spelling(j).unwrap())
                        .any(|(o, owner)| owner == id && r.str_bytes(o) == Some(&variant[..]))),
                    Some(SpellingMatch::Cased(got)) => assert_eq!(Some(got), run, "{variant:?}"),
                    None => panic!("{variant:?}: a known spelling but for case"),
                }
            }
        }
        assert_eq!(index.spelling_id(pool, b"NO SUCH CREATOR"), None);
        assert_eq!(index.folded(pool, b"NOSUCHCREATOR"), None);
    }
}
