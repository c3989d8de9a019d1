//! Ranks of every string of the pool in linear time, for the sort checks of
//! [`verify`](super::verify) on files where comparing bytes directly would be too slow.
//!
//! [`string_ranks`] gives every byte offset `p` of the pool a number `rank[p]` such that the
//! strings at two offsets (each read up to its `0x00`) compare as their ranks do, equal strings
//! included: afterwards any two references compare in O(1), however long their strings and however
//! they overlap (copies of one long string, or tails of it).
//!
//! It is built in three linear passes, each a textbook algorithm written from its description:
//!
//! 1. the suffix array of the pool, by induced sorting (SA-IS: Nong, Zhang and Chan, 2009), on the
//!    pool's bytes shifted up by one with a unique smallest sentinel appended, so that `0x00`
//!    sorts below every other byte and a string sorts before the strings it is a prefix of;
//! 2. the longest common prefix of each suffix with the one before it in that order (Kasai et al.,
//!    2001), which says whether the two start with the same string *and* its terminator;
//! 3. one pass over the suffix array giving each run of suffixes that start with the same string
//!    the position of the run's first suffix as their rank.
//!
//! Memory: about 13 bytes per pool byte while building, 4 per byte kept. Every pass adds its steps
//! to a work counter, which the tests use to show that the work per byte stays bounded.

/// An empty slot of a suffix array under construction.
const EMPTY: u32 = u32::MAX;

/// The largest pool this module ranks: offsets, the sentinel and [`EMPTY`] must fit in a `u32`.
pub(crate) const MAX_POOL: usize = (u32::MAX - 2) as usize;

/// A text over an integer alphabet whose last symbol is `0` and appears nowhere else.
trait Text {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> usize;
}

/// The pool's bytes, each plus one, followed by the sentinel `0`.
struct Shifted<'a>(&'a [u8]);

impl Text for Shifted<'_> {
    fn len(&self) -> usize {
        self.0.len() + 1
    }

    #[inline]
    fn at(&self, i: usize) -> usize {
        self.0.get(i).map_or(0, |&b| usize::from(b) + 1)
    }
}

impl Text for [u32] {
    fn len(&self) -> usize {
        <[u32]>::len(self)
    }

    #[inline]
    fn at(&self, i: usize) -> usize {
        self[i] as usize
    }
}

/// The rank of the string starting at every offset of `pool` (see the module docs); `None` if
/// the pool is larger than [`MAX_POOL`]. Adds its steps to `work`.
pub(crate) fn string_ranks(pool: &[u8], work: &mut u64) -> Option<Vec<u32>> {
    if pool.len() > MAX_POOL {
        return None;
    }
    let text = Shifted(pool);
    let n = text.len();
    let mut sa = vec![EMPTY; n];
    suffix_array(&text, 257, &mut sa, work);
    let mut rank = vec![0u32; n];
    for (i, &p) in sa.iter().enumerate() {
        rank[p as usize] = i as u32;
    }
    *work += n as u64;
    let same_as_previous = same_string_as_previous(pool, &text, &sa, &rank, work);
    // Each run of suffixes starting with the same string takes its first position as the rank.
    let mut run = 0u32;
    for (i, &p) in sa.iter().enumerate() {
        if !same_as_previous[i] {
            run = i as u32;
        }
        rank[p as usize] = run;
    }
    *work += n as u64;
    rank.truncate(pool.len());
    Some(rank)
}

/// For each position `i` of the suffix array: whether suffix `sa[i]` starts with the same string,
/// terminator included, as suffix `sa[i - 1]`. Kasai's algorithm: the common prefix of a suffix
/// with its predecessor shrinks by at most one from one text position to the next, so the bytes
/// compared are at most twice the text's length in all.
fn same_string_as_previous(
    pool: &[u8],
    text: &Shifted<'_>,
    sa: &[u32],
    rank: &[u32],
    work: &mut u64,
) -> Vec<bool> {
    let n = text.len();
    let mut same = vec![false; n];
    let mut h = 0usize;
    // The end of the string at `p` (its `0x00`, or the pool's end), found by one forward scan
    // per string.
    let mut end: Option<usize> = None;
    for p in 0..pool.len() {
        let end_p = match end {
            Some(e) if e >= p => e,
            _ => {
                let e = p + pool[p..]
                    .iter()
                    .position(|&b| b == 0)
                    .unwrap_or(pool.len() - p);
                *work += (e - p) as u64 + 1;
                end = Some(e);
                e
            }
        };
        let r = rank[p] as usize;
        if r == 0 {
            h = 0;
            continue;
        }
        let q = sa[r - 1] as usize;
        let known = h;
        // The sentinel is unique, so no suffix matches past it.
        while p + h < pool.len() && q + h < pool.len() && text.at(p + h) == text.at(q + h) {
            h += 1;
        }
        *work += (h - known) as u64 + 1;
        // The string at `p` is `pool[p..end]`: equal strings share it and its terminator.
        same[r] = h > end_p - p;
        h = h.saturating_sub(1);
    }
    same
}

/// Writes the suffix array of `text` (symbols below `alphabet`, ending with a unique `0`) into
/// `sa`, which has `text.len()` slots: SA-IS.
fn suffix_array<T: Text + ?Sized>(text: &T, alphabet: usize, sa: &mut [u32], work: &mut u64) {
    let n = text.len();
    *work += n as u64;
    if n == 1 {
        sa[0] = 0;
        return;
    }
    // S-type (true) or L-type suffixes: suffix i is S if it is smaller than suffix i + 1.
    let mut s_type = vec![false; n];
    s_type[n - 1] = true;
    for i in (0..n - 1).rev() {
        let (a, b) = (text.at(i), text.at(i + 1));
        s_type[i] = a < b || (a == b && s_type[i + 1]);
    }
    let is_lms = |i: usize| i > 0 && s_type[i] && !s_type[i - 1];
    let mut counts = vec![0u32; alphabet];
    for i in 0..n {
        counts[text.at(i)] += 1;
    }
    *work += 2 * n as u64;

    // Sort the LMS substrings: seed their positions at the ends of their buckets, then induce.
    let lms: Vec<u32> = (1..n).filter(|&i| is_lms(i)).map(|i| i as u32).collect();
    sa.fill(EMPTY);
    let mut tails = bucket_ends(&counts);
    for &p in lms.iter().rev() {
        let c = text.at(p as usize);
        tails[c] -= 1;
        sa[tails[c] as usize] = p;
    }
    induce(text, &s_type, &counts, sa, work);

    // Name the LMS substrings in their sorted order; equal substrings get equal names.
    let mut names = vec![EMPTY; n / 2 + 1];
    let mut name_count = 0u32;
    let mut previous: Option<usize> = None;
    for &p in sa.iter() {
        let p = p as usize;
        if !is_lms(p) {
            continue;
        }
        let differs = match previous {
            None => true,
            Some(q) => lms_substrings_differ(text, &s_type, p, q, work),
        };
        if differs {
            name_count += 1;
        }
        previous = Some(p);
        names[p / 2] = name_count - 1;
    }
    let reduced: Vec<u32> = lms.iter().map(|&p| names[p as usize / 2]).collect();
    drop(names);

    // The order of the LMS suffixes: directly when every name is unique, else recursively.
    let m = lms.len();
    let mut reduced_sa = vec![EMPTY; m];
    if name_count as usize == m {
        for (i, &name) in reduced.iter().enumerate() {
            reduced_sa[name as usize] = i as u32;
        }
    } else {
        suffix_array(&reduced[..], name_count as usize, &mut reduced_sa, work);
    }
    drop(reduced);

    // Seed the sorted LMS suffixes at their buckets' ends, then induce the whole array.
    sa.fill(EMPTY);
    let mut tails = bucket_ends(&counts);
    for &i in reduced_sa.iter().rev() {
        let p = lms[i as usize];
        let c = text.at(p as usize);
        tails[c] -= 1;
        sa[tails[c] as usize] = p;
    }
    induce(text, &s_type, &counts, sa, work);
}

/// Whether the LMS substrings at `p` and `q` (each up to and including the next LMS position)
/// differ in a symbol, a type or their length.
fn lms_substrings_differ<T: Text + ?Sized>(
    text: &T,
    s_type: &[bool],
    p: usize,
    q: usize,
    work: &mut u64,
) -> bool {
    let n = text.len();
    let is_lms = |i: usize| i > 0 && s_type[i] && !s_type[i - 1];
    let mut d = 0;
    loop {
        *work += 1;
        let (a, b) = (p + d, q + d);
        // Only the sentinel ends the text, and it is an LMS substring of its own.
        if a >= n || b >= n || text.at(a) != text.at(b) || s_type[a] != s_type[b] {
            return true;
        }
        if d > 0 && (is_lms(a) || is_lms(b)) {
            return !(is_lms(a) && is_lms(b));
        }
        d += 1;
    }
}

/// The first slot of each symbol's bucket.
fn bucket_starts(counts: &[u32]) -> Vec<u32> {
    let mut sum = 0;
    counts
        .iter()
        .map(|&c| {
            let start = sum;
            sum += c;
            start
        })
        .collect()
}

/// One past the last slot of each symbol's bucket.
fn bucket_ends(counts: &[u32]) -> Vec<u32> {
    let mut sum = 0;
    counts
        .iter()
        .map(|&c| {
            sum += c;
            sum
        })
        .collect()
}

/// Induces the order of the L-type suffixes from the seeded ones (left to right), then of the
/// S-type suffixes from those (right to left).
fn induce<T: Text + ?Sized>(
    text: &T,
    s_type: &[bool],
    counts: &[u32],
    sa: &mut [u32],
    work: &mut u64,
) {
    let n = sa.len();
    let mut heads = bucket_starts(counts);
    for i in 0..n {
        let p = sa[i];
        if p != EMPTY && p > 0 && !s_type[p as usize - 1] {
            let j = p as usize - 1;
            let c = text.at(j);
            sa[heads[c] as usize] = j as u32;
            heads[c] += 1;
        }
    }
    let mut tails = bucket_ends(counts);
    for i in (0..n).rev() {
        let p = sa[i];
        if p != EMPTY && p > 0 && s_type[p as usize - 1] {
            let j = p as usize - 1;
            let c = text.at(j);
            tails[c] -= 1;
            sa[tails[c] as usize] = j as u32;
        }
    }
    *work += 2 * n as u64;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string at `offset`, up to its terminator.
    fn string(pool: &[u8], offset: usize) -> &[u8] {
        let tail = &pool[offset..];
        &tail[..tail.iter().position(|&b| b == 0).unwrap()]
    }

    fn check(pool: &[u8]) {
        let mut work = 0;
        let ranks = string_ranks(pool, &mut work).unwrap();
        assert_eq!(ranks.len(), pool.len());
        for a in 0..pool.len() {
            for b in 0..pool.len() {
                assert_eq!(
                    ranks[a].cmp(&ranks[b]),
                    string(pool, a).cmp(string(pool, b)),
                    "{pool:?} at {a} and {b}"
                );
            }
        }
        assert!(
            work <= 40 * (pool.len() as u64 + 1),
            "{work} for {}",
            pool.len()
        );
    }

    #[test]
    fn ranks_order_strings_as_their_bytes() {
        check(b"\0");
        check(b"\0\0\0");
        check(b"\0abc\0abd\0ab\0abc\0\xC3\xA9\0");
        check(b"\0aaaaaaaaaaaaaaaaaaaa\0aaaaaaaaaa\0aaaaaaaaaaaaaaaaaaaa\0");
        check(b"\0abababababab\0babababa\0abab\0ba\0");
        check(b"\0mississippi\0missis\0sippi\0issi\0");
    }

    #[test]
    fn ranks_agree_with_byte_order_on_random_pools() {
        // A small deterministic generator: pools over 1 to 4 letters, so strings repeat, overlap
        // and share long prefixes (which is what exercises the recursion).
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..300 {
            let letters = 1 + round % 4;
            let len = 1 + (next() % 80) as usize;
            let mut pool = vec![0u8];
            for _ in 0..len {
                let r = next() % (letters as u64 + 1);
                pool.push(if r == 0 { 0 } else { b'a' + r as u8 - 1 });
            }
            pool.push(0);
            check(&pool);
        }
    }

    #[test]
    fn suffix_array_of_a_small_text() {
        // "banana$" as 2,1,3,1,3,1,0: suffixes sorted are 6, 5, 3, 1, 0, 4, 2.
        let text: Vec<u32> = vec![2, 1, 3, 1, 3, 1, 0];
        let mut sa = vec![EMPTY; text.len()];
        let mut work = 0;
        suffix_array(&text[..], 4, &mut sa, &mut work);
        assert_eq!(sa, [6, 5, 3, 1, 0, 4, 2]);
    }
}
