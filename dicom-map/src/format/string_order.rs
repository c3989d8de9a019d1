//! Comparing strings of the pool by reference in bounded time, for [`verify`](super::verify).
//!
//! `verify` checks that four tables are sorted by the bytes of a string they reference. Done
//! naively (find each string's terminator, compare bytes), the cost of a check is the sum of the
//! lengths of the strings compared, which a valid file can make quadratic in its size: many
//! records referencing one long string, or the tails of one long string (`"aaa…a"` at offsets
//! `k, k-1, …`), or alternating copies of one long string. This module bounds every operation
//! independently of the strings' lengths:
//!
//! - **Lengths**: the positions of every `0x00` of the pool are listed once (linear), so a
//!   string's end is a binary search away.
//! - **Equal references** compare equal at once.
//! - **Comparisons** look at the first [`DIRECT`] bytes directly; beyond that, the length of the
//!   common prefix is found by binary search over polynomial hashes of prefixes (modulo the
//!   Mersenne prime 2⁶¹−1 with a base drawn at random per check, so no file can be built to
//!   collide; two different substrings of length `n` collide with probability at most
//!   `n / 2⁶¹`). The prefix hashes are kept at every [`STRIDE`]-th byte (an eighth of a byte of
//!   memory per pool byte), built on the first long comparison only.
//!
//! Every step adds to a work counter ([`StringOrder::work`]), which the tests use to show that the
//! work grows as n log n (not n²) on constructed worst cases.

use std::cell::{Cell, OnceCell};
use std::cmp::Ordering;

/// Bytes compared directly before switching to hashes.
const DIRECT: usize = 64;
/// Distance between stored prefix hashes.
const STRIDE: usize = 16;
/// The modulus, 2⁶¹−1.
const MODULUS: u64 = (1 << 61) - 1;

/// The string pool with its terminators indexed.
pub(crate) struct StringOrder<'a> {
    pool: &'a [u8],
    /// The offset of every `0x00` in `pool`, ascending.
    ends: Vec<u32>,
    hashes: OnceCell<PrefixHashes>,
    work: Cell<u64>,
}

impl<'a> StringOrder<'a> {
    /// Indexes `pool` (linear in its length).
    pub fn new(pool: &'a [u8]) -> StringOrder<'a> {
        let ends = pool
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == 0)
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .collect();
        StringOrder {
            pool,
            ends,
            hashes: OnceCell::new(),
            work: Cell::new(pool.len() as u64),
        }
    }

    /// Units of work done so far: pool bytes indexed or hashed, bytes compared, binary-search and
    /// hashing steps.
    pub fn work(&self) -> u64 {
        self.work.get()
    }

    fn add_work(&self, units: u64) {
        self.work.set(self.work.get().saturating_add(units));
    }

    /// The string at `offset` without its terminator, in `O(log strings)`; `None` if `offset` is
    /// outside the pool or no terminator follows.
    pub fn bytes(&self, offset: u32) -> Option<&'a [u8]> {
        let start = usize::try_from(offset).ok()?;
        let i = self.ends.partition_point(|&e| e < offset);
        self.add_work(usize::BITS.into());
        let end = usize::try_from(*self.ends.get(i)?).ok()?;
        self.pool.get(start..end)
    }

    /// Whether the string at `offset` is empty (`offset` is inside the pool and names a `0x00`).
    pub fn is_empty(&self, offset: u32) -> Option<bool> {
        self.add_work(1);
        let at = usize::try_from(offset).ok()?;
        self.pool.get(at).map(|&b| b == 0)
    }

    /// Compares the strings at `a` and `b` as byte strings; `None` if either is not a string.
    pub fn cmp(&self, a: u32, b: u32) -> Option<Ordering> {
        let (x, y) = (self.bytes(a)?, self.bytes(b)?);
        if a == b {
            return Some(Ordering::Equal);
        }
        let direct = x.len().min(y.len()).min(DIRECT);
        self.add_work(direct as u64 + 1);
        let head = x[..direct].cmp(&y[..direct]);
        if head != Ordering::Equal || direct < DIRECT {
            return Some(head.then(x.len().cmp(&y.len())));
        }
        let common = self.common_prefix(a as usize, b as usize, x.len().min(y.len()));
        Some(match (x.get(common), y.get(common)) {
            (Some(p), Some(q)) => p.cmp(q),
            _ => x.len().cmp(&y.len()),
        })
    }

    /// The length of the longest common prefix of `pool[a..a + max]` and `pool[b..b + max]`,
    /// by binary search on prefix hashes.
    fn common_prefix(&self, a: usize, b: usize, max: usize) -> usize {
        let h = self.hashes.get_or_init(|| {
            self.add_work(self.pool.len() as u64);
            PrefixHashes::new(self.pool)
        });
        let (mut lo, mut hi) = (0, max);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            self.add_work(4 * STRIDE as u64 + 64);
            if h.range(self.pool, a, mid) == h.range(self.pool, b, mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }
}

/// Polynomial hashes of the pool's prefixes, stored every [`STRIDE`] bytes.
struct PrefixHashes {
    base: u64,
    /// `at[i]` is the hash of `pool[..i * STRIDE]`.
    at: Vec<u64>,
}

impl PrefixHashes {
    fn new(pool: &[u8]) -> PrefixHashes {
        let base = random_base();
        let mut at = Vec::with_capacity(pool.len() / STRIDE + 1);
        let mut h = 0;
        at.push(h);
        for chunk in pool.chunks(STRIDE) {
            h = roll(h, chunk, base);
            if chunk.len() == STRIDE {
                at.push(h);
            }
        }
        PrefixHashes { base, at }
    }

    /// The hash of `pool[..end]`.
    fn prefix(&self, pool: &[u8], end: usize) -> u64 {
        let stored = (end / STRIDE).min(self.at.len().saturating_sub(1));
        let from = stored * STRIDE;
        let h = self.at.get(stored).copied().unwrap_or(0);
        roll(h, pool.get(from..end).unwrap_or(&[]), self.base)
    }

    /// The hash of `pool[start..start + len]`.
    fn range(&self, pool: &[u8], start: usize, len: usize) -> u64 {
        let whole = self.prefix(pool, start + len);
        let head = mul(self.prefix(pool, start), pow(self.base, len as u64));
        (whole + MODULUS - head) % MODULUS
    }
}

/// Extends the hash `h` by `bytes` (each byte `b` counted as `b + 1`, so zeros count).
fn roll(mut h: u64, bytes: &[u8], base: u64) -> u64 {
    for &b in bytes {
        h = (mul(h, base) + u64::from(b) + 1) % MODULUS;
    }
    h
}

fn mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    // 2⁶¹ ≡ 1 (mod 2⁶¹−1): fold the high bits onto the low ones.
    let folded = (p & u128::from(MODULUS)) + (p >> 61);
    (folded % u128::from(MODULUS)) as u64
}

fn pow(mut base: u64, mut exp: u64) -> u64 {
    let mut out = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            out = mul(out, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    out
}

/// A base in `[256, 2⁶¹−2)` that differs between calls and processes, from the standard
/// library's randomly keyed hasher (no extra dependency).
fn random_base() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0x646d_6170);
    256 + hasher.finish() % (MODULUS - 258)
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

    #[test]
    fn agrees_with_byte_comparison() {
        // Short strings, tails, long strings differing early, late and by length.
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
        let order = StringOrder::new(&pool);
        for &a in &offsets {
            for &b in &offsets {
                assert_eq!(order.cmp(a, b), Some(naive(&pool, a, b)), "{a} {b}");
            }
        }
        assert_eq!(order.cmp(0, pool.len() as u32), None);
        assert_eq!(order.bytes(1), Some(&b"abc"[..]));
        assert_eq!(order.is_empty(4), Some(true));
        assert_eq!(order.is_empty(u32::MAX), None);
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
    fn work_on_overlapping_tails_is_quasi_linear() {
        let (small, large) = (tails_work(4_000), tails_work(8_000));
        // Quadratic would be 4x; n log n is a little over 2x.
        let ratio = large as f64 / small as f64;
        assert!(ratio < 2.4, "work grew {ratio:.2}x when the pool doubled");
        assert!(large < 8_000 * 8 * 1_000, "{large}");
    }

    #[test]
    fn modular_arithmetic() {
        assert_eq!(mul(MODULUS - 1, MODULUS - 1), 1);
        assert_eq!(pow(3, 0), 1);
        assert_eq!(pow(2, 61), 1);
        assert_eq!(mul(1 << 60, 4), 2);
    }
}
