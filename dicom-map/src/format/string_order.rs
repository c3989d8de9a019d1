//! Comparing strings of the pool by reference in linear total time, for
//! [`verify`](super::verify).
//!
//! `verify` checks that four tables are sorted by the bytes of a string they reference, each
//! record against the one before it. Comparing bytes directly costs the length of the common
//! prefix plus one, which is tiny on real files but which a valid file can make quadratic in its
//! size: many records referencing copies of one long string (alternating between two copies, so
//! that no two neighbours share a reference), or the tails of one long string (`"aa…a"` at offsets
//! `k, k-1, …`). So:
//!
//! - **Equal references** compare equal at once (many records naming one long keyword).
//! - **Direct comparison, on a budget**: bytes are compared directly while the bytes compared in
//!   all stay within a budget linear in the file: the pool's length plus [`ALLOWANCE`] per
//!   comparison. Real files never exhaust it.
//! - **Ranks, past the budget**: the first comparison that would exceed it builds the rank of
//!   every pool string in linear time ([`suffix_array::string_ranks`]); from then on every
//!   comparison is two array reads.
//!
//! The total is linear in the file's size whatever the file holds: at most the budget, plus
//! one linear build. It is exact (no hashing, no probability). Every step adds to a work counter
//! ([`StringOrder::work`]), which the tests use to bound the work per byte of file on
//! constructed worst cases.

use std::cell::{Cell, OnceCell};
use std::cmp::Ordering;

use crate::format::suffix_array;

/// Bytes of direct comparison each comparison adds to the budget.
pub(crate) const ALLOWANCE: u64 = 64;

/// The string pool, compared by reference.
pub(crate) struct StringOrder<'a> {
    pool: &'a [u8],
    /// Bytes that direct comparisons may still read before the ranks are built.
    budget: Cell<u64>,
    /// The rank of the string at every pool offset, once built; `None` inside if the pool is
    /// too large to rank (over 4 GiB).
    ranks: OnceCell<Option<Vec<u32>>>,
    work: Cell<u64>,
}

impl<'a> StringOrder<'a> {
    /// Starts comparing strings of `pool` (constant time).
    pub fn new(pool: &'a [u8]) -> StringOrder<'a> {
        StringOrder {
            pool,
            budget: Cell::new(pool.len() as u64),
            ranks: OnceCell::new(),
            work: Cell::new(0),
        }
    }

    /// Units of work done so far: bytes compared directly, and the steps of building the ranks.
    pub fn work(&self) -> u64 {
        self.work.get()
    }

    /// Whether the ranks were built (the direct budget ran out).
    #[cfg(test)]
    pub fn ranked(&self) -> bool {
        self.ranks.get().is_some()
    }

    fn add_work(&self, units: u64) {
        self.work.set(self.work.get().saturating_add(units));
    }

    /// Whether the string at `offset` is empty (`offset` is inside the pool and names a `0x00`).
    pub fn is_empty(&self, offset: u32) -> Option<bool> {
        self.add_work(1);
        let at = usize::try_from(offset).ok()?;
        self.pool.get(at).map(|&b| b == 0)
    }

    /// Compares the strings at `a` and `b` as byte strings; `None` if either offset is outside
    /// the pool.
    pub fn cmp(&self, a: u32, b: u32) -> Option<Ordering> {
        let (x, y) = (usize::try_from(a).ok()?, usize::try_from(b).ok()?);
        if x >= self.pool.len() || y >= self.pool.len() {
            return None;
        }
        self.add_work(1);
        if x == y {
            return Some(Ordering::Equal);
        }
        if let Some(ranks) = self.ranks.get() {
            return self.by_rank(ranks.as_deref(), x, y);
        }
        let budget = self.budget.get().saturating_add(ALLOWANCE);
        match self.direct(x, y, budget) {
            Ok((order, used)) => {
                self.budget.set(budget - used);
                Some(order)
            }
            Err(()) => {
                self.budget.set(0);
                let ranks = self.ranks.get_or_init(|| {
                    let mut work = 0;
                    let ranks = suffix_array::string_ranks(self.pool, &mut work);
                    self.add_work(work);
                    ranks
                });
                self.by_rank(ranks.as_deref(), x, y)
            }
        }
    }

    /// Compares by rank; without ranks (a pool over 4 GiB), directly with no budget.
    fn by_rank(&self, ranks: Option<&[u32]>, x: usize, y: usize) -> Option<Ordering> {
        match ranks {
            Some(ranks) => Some(ranks.get(x)?.cmp(ranks.get(y)?)),
            None => self.direct(x, y, u64::MAX).ok().map(|(order, _)| order),
        }
    }

    /// Compares the strings at pool offsets `x` and `y` byte by byte, reading at most `budget`
    /// bytes: the order and the bytes read, or `Err` when the budget ran out first. A string with
    /// no terminator (impossible in an opened file, whose pool ends with `0x00`) ends with the
    /// pool.
    fn direct(&self, x: usize, y: usize, budget: u64) -> Result<(Ordering, u64), ()> {
        let (s, t) = (&self.pool[x..], &self.pool[y..]);
        let mut used = 0u64;
        let mut i = 0;
        loop {
            if used >= budget {
                self.add_work(used);
                return Err(());
            }
            used += 1;
            let (p, q) = (
                s.get(i).copied().unwrap_or(0),
                t.get(i).copied().unwrap_or(0),
            );
            if p != q || p == 0 {
                self.add_work(used);
                return Ok((p.cmp(&q), used));
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(pool: &[u8], a: u32, b: u32) -> Ordering {
        let s = |o: u32| {
            let t = &pool[o as usize..];
            &t[..t.iter().position(|&c| c == 0).unwrap()]
        };
        s(a).cmp(s(b))
    }

    /// Long strings that differ early, late, by length, and tails of them.
    fn sample_pool() -> (Vec<u8>, Vec<u32>) {
        let mut pool = b"\0abc\0abd\0ab\0\xC3\xA9\0".to_vec();
        let long: Vec<u8> = (0..700).map(|i| b'a' + (i % 7) as u8).collect();
        let mut offsets: Vec<u32> = vec![0, 1, 2, 3, 5, 9, 12];
        for variant in 0..6 {
            offsets.push(pool.len() as u32);
            let mut s = long.clone();
            match variant {
                0 => {}
                1 => s[650] = b'z',
                2 => s[65] = b'A',
                3 => s.truncate(300),
                4 => s.push(b'!'),
                _ => s[699] = 0x01,
            }
            pool.extend_from_slice(&s);
            pool.push(0);
        }
        let tail_base = offsets[offsets.len() - 6];
        offsets.extend([tail_base + 1, tail_base + 7, tail_base + 100]);
        (pool, offsets)
    }

    #[test]
    fn agrees_with_byte_comparison_directly_and_by_rank() {
        let (pool, offsets) = sample_pool();
        let order = StringOrder::new(&pool);
        // Every pair, twice: the budget runs out during the first round and the ranks answer
        // the rest.
        for _ in 0..2 {
            for &a in &offsets {
                for &b in &offsets {
                    assert_eq!(order.cmp(a, b), Some(naive(&pool, a, b)), "{a} {b}");
                }
            }
        }
        assert!(
            order.ranked(),
            "{} pairs of 700-byte strings",
            offsets.len()
        );
        assert_eq!(order.cmp(0, pool.len() as u32), None);
        assert_eq!(order.cmp(u32::MAX, 1), None);
        assert_eq!(order.is_empty(4), Some(true));
        assert_eq!(order.is_empty(u32::MAX), None);
    }

    #[test]
    fn short_comparisons_never_build_the_ranks() {
        let (pool, offsets) = sample_pool();
        let order = StringOrder::new(&pool);
        for pair in offsets[..7].windows(2) {
            assert_eq!(
                order.cmp(pair[0], pair[1]),
                Some(naive(&pool, pair[0], pair[1]))
            );
        }
        assert!(!order.ranked());
    }

    /// The work to check that the tails of `"aa…a"` (length `len`) are sorted shortest first:
    /// every adjacent pair shares a prefix as long as the shorter one, so comparing bytes costs
    /// `len² / 2` in all.
    fn tails_work(len: usize) -> u64 {
        let mut pool = vec![0u8];
        pool.extend(vec![b'a'; len]);
        pool.push(0);
        let order = StringOrder::new(&pool);
        let offsets: Vec<u32> = (1..=len as u32).rev().collect();
        for pair in offsets.windows(2) {
            assert_eq!(order.cmp(pair[0], pair[1]), Some(Ordering::Less));
            assert_eq!(order.cmp(pair[1], pair[0]), Some(Ordering::Greater));
        }
        order.work()
    }

    #[test]
    fn work_on_overlapping_tails_is_linear() {
        for len in [2_000, 4_000, 8_000] {
            let work = tails_work(len);
            // Direct comparison would be len² / 2 (16 M at 8,000).
            assert!(work < 80 * len as u64, "{work} units for {len} bytes");
        }
    }
}
