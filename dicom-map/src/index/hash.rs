//! The hashing shared by the in-memory indexes: a byte-string hash and an open-addressing table.
//!
//! [`hash_bytes`] is the hash of the keyword and creator tables (eight bytes at a time, as rustc's
//! `FxHasher`); [`hash_u64`] spreads an integer key. [`ProbeTable`] is the table behind both
//! kinds: linear probing, at most half full, keyed by a caller-computed hash, with the caller
//! deciding equality (so a slot can hold a string's place in the file rather than the string).

/// The multiplier of [`hash_bytes`]'s mixing step (rustc's `FxHasher`).
const FX: u64 = 0x517C_C1B7_2722_0A95;

/// One mixing step of [`hash_bytes`]: a rotation, a xor and a multiplication.
#[inline]
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(FX)
}

/// The end of [`hash_bytes`]: the length mixed in, then a final mix so that both halves of the
/// result depend on every byte.
#[inline]
fn finish(h: u64, len: usize) -> u64 {
    let h = mix(h, len as u64);
    (h ^ (h >> 29)).wrapping_mul(FX) ^ (h >> 32)
}

/// The hash of a byte string: its bytes eight at a time (the last chunk zero-padded), each mixed
/// in with a rotation, a xor and a multiplication (as rustc's `FxHasher`), then the length, and
/// a final mix. [`WordHasher`] computes the same hash from the words.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    hash_words(bytes, u64::MAX)
}

/// [`hash_bytes`] of `bytes` with each word ANDed with `mask` (a constant once inlined).
#[inline]
fn hash_words(bytes: &[u8], mask: u64) -> u64 {
    let mut h = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(h, short_word(chunk) & mask);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, short_word(rest) & mask);
    }
    finish(h, bytes.len())
}

/// Bit 5 of every byte: what tells `a`–`z` from `A`–`Z`.
pub(crate) const CASE_BIT: u64 = 0x2020_2020_2020_2020;

/// The hash of a byte string blind to ASCII case: [`hash_bytes`] of its bytes with bit 5
/// cleared, so that strings equal but for ASCII case hash alike (other strings may too, as
/// with any hash: callers compare). One operation per word more than [`hash_bytes`], where
/// upper-casing exactly would take several.
#[inline]
pub(crate) fn hash_caseless(bytes: &[u8]) -> u64 {
    hash_words(bytes, !CASE_BIT)
}

/// [`hash_bytes`] of a string produced piecewise (a creator being folded): push its
/// little-endian 8-byte words in order (the last one zero-padded), then finish with its length.
/// The caller keeps the bytes in registers until a word is complete, so no hash step reads back
/// bytes just written to memory one at a time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    /// Mixes in the next word.
    #[inline]
    pub(crate) fn push(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }

    /// The hash of the string of `len` bytes whose words were pushed: [`hash_bytes`] of it.
    #[inline]
    pub(crate) fn finish(self, len: usize) -> u64 {
        finish(self.0, len)
    }
}

/// `bytes` (at most 8) as a little-endian word, zero-padded: read with at most three loads whose
/// bytes overlap (an overlapping byte has the same value in both, so OR-ing them is exact),
/// because a byte-wise copy to a stack buffer and a word read back from it stalls the CPU's
/// store forwarding, which cost more than the rest of a creator's hash.
#[inline]
pub(crate) fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let u8_at = |at: usize| bytes.get(at).map_or(0, |&b| u64::from(b));
    match n {
        0 => 0,
        1..=3 => u8_at(0) | u8_at(n / 2) << (8 * (n / 2)) | u8_at(n - 1) << (8 * (n - 1)),
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => bytes
            .get(..8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_le_bytes),
    }
}

/// The Mersenne prime `2^61 - 1`, the modulus of [`PolyHash`].
const P61: u64 = (1 << 61) - 1;
/// The base of [`PolyHash`] (below [`P61`]).
const POLY_BASE: u64 = 0x1F3D_5B79_A2C4_E6F1 % P61;

/// `t` modulo [`P61`], canonical (below `P61`), for any `t` below `2^122`.
#[inline]
const fn reduce(t: u128) -> u64 {
    let t = (t & P61 as u128) + (t >> 61); // below 2^62
    let t = (t & P61 as u128) + (t >> 61); // at most P61 + 1
    let h = t as u64;
    if h >= P61 {
        h - P61
    } else {
        h
    }
}

/// How many bytes [`PolyHash::of`] hashes with precomputed powers of the base.
const POWERS: usize = 64;

/// `POLY_BASE^i mod P61` for `i` below [`POWERS`].
const POWER: [u64; POWERS] = {
    let mut out = [0u64; POWERS];
    let mut p = 1u64;
    let mut i = 0;
    while i < POWERS {
        out[i] = p;
        p = reduce(p as u128 * POLY_BASE as u128);
        i += 1;
    }
    out
};

/// A polynomial hash of a byte string modulo `2^61 - 1`, built from its LAST byte to its first,
/// so that the hash of `c + s` is one step from the hash of `s` ([`PolyHash::prepend`]): the
/// keyword index hashes every tail of one pool string (`"aa…a"` at offsets `k, k-1, …`) in time
/// linear in the string, not in the sum of the tails. [`PolyHash::of`] hashes a whole string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PolyHash(u64);

impl PolyHash {
    /// The hash of `bytes`: `Σ (bytes[i] + 1) · B^i mod 2^61 - 1`. Up to [`POWERS`] bytes, the
    /// terms are independent products summed without reduction (a keyword lookup's hash in about
    /// a cycle per byte); past that, [`PolyHash::prepend`] a byte at a time. Both give the same
    /// canonical value.
    #[inline]
    pub(crate) fn of(bytes: &[u8]) -> PolyHash {
        if bytes.len() > POWERS {
            return PolyHash::default().prepend(bytes);
        }
        // Each power split in 32-bit halves: every term is a 64-bit product without overflow
        // (below 2^41) and 64 of them sum below 2^47, so the loop is plain (vectorisable)
        // multiply-adds, reduced once at the end.
        let (mut low, mut high) = (0u64, 0u64);
        for (&b, &p) in bytes.iter().zip(POWER.iter()) {
            let c = u64::from(b) + 1;
            low += c * (p & 0xFFFF_FFFF);
            high += c * (p >> 32);
        }
        PolyHash(reduce(u128::from(low) + (u128::from(high) << 32)))
    }

    /// The hash of `head` followed by the string hashed by `self`.
    #[inline]
    pub(crate) fn prepend(self, head: &[u8]) -> PolyHash {
        let mut h = self.0;
        for &b in head.iter().rev() {
            h = reduce(u128::from(h) * u128::from(POLY_BASE) + u128::from(b) + 1);
        }
        PolyHash(h)
    }

    /// The hash spread over 64 bits, for [`slot_of`] and a table's check bits.
    #[inline]
    pub(crate) fn spread(self) -> u64 {
        hash_u64(self.0 ^ (self.0 >> 32))
    }
}

/// Spreads an integer key over all 64 bits (Fibonacci hashing), so that its top bits pick a slot.
#[inline]
pub(crate) fn hash_u64(key: u64) -> u64 {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 31)
}

/// The slot of hash `h` in a table of `2^bits` slots (its top bits).
#[inline]
pub(crate) fn slot_of(h: u64, bits: u32) -> usize {
    h.checked_shr(64 - bits).unwrap_or(0) as usize
}

/// An open-addressing table of `T` by a 64-bit hash, with linear probing; at most half full, so
/// every probe sequence ends at an empty slot. Each slot keeps the low 32 bits of its hash, so a
/// probe compares values (through the caller's `matches`) only when they agree.
#[derive(Debug)]
pub(crate) struct ProbeTable<T> {
    /// `None` for an empty slot.
    slots: Box<[Option<(u32, T)>]>,
    /// `log2(slots.len())`.
    bits: u32,
    /// Values inserted.
    len: usize,
}

impl<T: Copy> ProbeTable<T> {
    /// A table for up to `n` values (a larger `n` than the address space allows gives a table
    /// that accepts none: every insert is refused and every probe misses).
    pub(crate) fn with_capacity(n: usize) -> ProbeTable<T> {
        let len = n
            .checked_mul(2)
            .and_then(|n| n.max(16).checked_next_power_of_two())
            .filter(|&len| len <= 1 << 31)
            .unwrap_or(16);
        ProbeTable {
            slots: vec![None; len].into_boxed_slice(),
            bits: len.trailing_zeros(),
            len: 0,
        }
    }

    /// Inserts `value` under `h` unless a value that `same` accepts is already there (the first
    /// one inserted wins) or the table is half full. Returns whether it was inserted.
    pub(crate) fn insert(&mut self, h: u64, value: T, mut same: impl FnMut(&T) -> bool) -> bool {
        if self.len >= self.slots.len() / 2 {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(h, self.bits);
        loop {
            match &mut self.slots[i] {
                slot @ None => {
                    *slot = Some((h as u32, value));
                    self.len += 1;
                    return true;
                }
                Some((check, v)) if *check == h as u32 && same(v) => return false,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    /// The value under `h` that `matches` accepts.
    #[inline]
    pub(crate) fn find(&self, h: u64, mut matches: impl FnMut(&T) -> bool) -> Option<&T> {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(h, self.bits);
        loop {
            match self.slots.get(i)? {
                None => return None,
                Some((check, v)) if *check == h as u32 && matches(v) => return Some(v),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    /// Heap bytes the table holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.slots)
    }

    /// Values inserted.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_sees_every_byte() {
        let words: [&[u8]; 9] = [
            b"",
            b"A",
            b"A\0",
            b"Acme",
            b"AcmeTest",
            b"AcmeTest\0",
            b"AcmeTestX",
            b"AcmeTestY",
            b"PatientName",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                assert_ne!(hash_bytes(a), hash_bytes(b), "{a:?} {b:?}");
                assert_ne!(hash_bytes(a) as u32, hash_bytes(b) as u32, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_caseless_hash_is_blind_to_ascii_case_only() {
        let words: [&[u8]; 6] = [
            b"Siemens CSA Header",
            b"GEMS_IDEN_01",
            b"caf\xc3\xa9 x",
            b"",
            b"a",
            b"PatientName_1234567",
        ];
        for w in words {
            let h = hash_caseless(w);
            assert_eq!(h, hash_caseless(&w.to_ascii_uppercase()), "{w:?}");
            assert_eq!(h, hash_caseless(&w.to_ascii_lowercase()), "{w:?}");
            let cleared: Vec<u8> = w.iter().map(|b| b & !0x20).collect();
            assert_eq!(h, hash_bytes(&cleared), "{w:?}");
        }
        assert_ne!(
            hash_caseless(b"GEMS_IDEN_01"),
            hash_caseless(b"GEMS_IDEN_02")
        );
        assert_ne!(hash_caseless(b"ab"), hash_caseless(b"abc"));
    }

    #[test]
    fn the_word_hasher_is_hash_bytes() {
        let text: Vec<u8> = (0..40u8).map(|b| b.wrapping_mul(37) ^ 0x55).collect();
        for n in 0..=text.len() {
            let mut h = WordHasher::default();
            text[..n].chunks(8).for_each(|c| h.push(short_word(c)));
            assert_eq!(h.finish(n), hash_bytes(&text[..n]), "{n}");
        }
    }

    #[test]
    fn a_short_word_is_the_zero_padded_little_endian_word() {
        let bytes: Vec<u8> = (1..=9).map(|b| b * 17).collect();
        for n in 0..=8 {
            let mut word = [0u8; 8];
            word[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(short_word(&bytes[..n]), u64::from_le_bytes(word), "{n}");
        }
    }

    #[test]
    fn the_polynomial_hash_prepends_and_sees_every_byte() {
        let words: [&[u8]; 8] = [
            b"",
            b"A",
            b"A\0",
            b"\0A",
            b"Acme",
            b"AcmeTest",
            b"AcmeTestX",
            b"aaaaaaaaaaaaaaaaa",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                assert_ne!(PolyHash::of(a), PolyHash::of(b), "{a:?} {b:?}");
            }
            for cut in 0..=a.len() {
                let (head, tail) = a.split_at(cut);
                assert_eq!(PolyHash::of(tail).prepend(head), PolyHash::of(a));
            }
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_ne!(PolyHash::of(&all[..255]), PolyHash::of(&all[1..]));
        // The precomputed powers and the byte-at-a-time form agree at every length, on both
        // sides of `POWERS`, and on the bytes that make the largest terms.
        let high = [0xFFu8; 200];
        for n in 0..200 {
            for s in [&all[..n], &high[..n]] {
                assert_eq!(PolyHash::of(s), PolyHash::default().prepend(s), "{n}");
                assert!(PolyHash::of(s).0 < P61);
            }
        }
    }

    #[test]
    fn a_table_finds_what_was_inserted_and_the_first_wins() {
        let mut t = ProbeTable::with_capacity(100);
        for k in 0..100u64 {
            assert!(t.insert(hash_u64(k), (k, 1), |v| v.0 == k));
        }
        assert!(!t.insert(hash_u64(7), (7, 2), |v| v.0 == 7));
        for k in 0..100u64 {
            assert_eq!(t.find(hash_u64(k), |v| v.0 == k), Some(&(k, 1)));
        }
        assert_eq!(t.find(hash_u64(100), |v| v.0 == 100), None);
        // Colliding hashes probe on.
        let mut t = ProbeTable::with_capacity(4);
        assert!(t.insert(5, 'a', |&v| v == 'a'));
        assert!(t.insert(5, 'b', |&v| v == 'b'));
        assert_eq!(t.find(5, |&v| v == 'b'), Some(&'b'));
    }

    #[test]
    fn a_full_table_refuses_and_still_answers() {
        let mut t = ProbeTable::with_capacity(0);
        let inserted = (0..100u64)
            .filter(|&k| t.insert(hash_u64(k), k, |&v| v == k))
            .count();
        assert_eq!(inserted, 8, "16 slots, at most half used");
        assert_eq!(t.find(hash_u64(99), |&v| v == 99), None);
        let t: ProbeTable<u8> = ProbeTable::with_capacity(usize::MAX);
        assert_eq!(t.find(0, |_| true), None);
    }
}
