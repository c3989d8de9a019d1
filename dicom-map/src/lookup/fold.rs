//! Folding a creator for the lookup (delete ASCII whitespace, upper-case `a`–`z`: the rule of
//! [`fold_creator`](crate::fold_creator)) eight bytes at a time, hashing the result as it is
//! produced.
//!
//! A lookup folds only when a creator is not a known exact spelling (a folded match or an
//! unknown creator), and then the fold was most of the lookup's time when done a byte at a time.
//! Here each 8-byte word is upper-cased and searched for whitespace with a few word operations
//! (SWAR: every byte is a lane), the whitespace bytes (rare: a few per creator) are squeezed out
//! one by one, and the kept bytes are appended to the output word by word. Each complete output
//! word is stored whole and hashed from the register ([`WordHasher`]), so nothing reads back
//! bytes just stored one at a time (a store-forwarding stall).
//!
//! Before folding, [`folded_ends`] reads what the folded form's first two and last two bytes must
//! be, in constant time, for the private index's first filter: most unknown creators stop there
//! (the rest of the steps that avoid folding are in [`resolve`](super::creators::resolve)).

use crate::index::hash::{short_word, WordHasher, CASE_BIT};
use crate::index::private::FoldedEnds;

/// The low bit of every byte lane.
const LOW: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte lane.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte lane of `w` holding an ASCII byte in `lo..=hi`
/// (`1 <= lo <= hi <= 0x7E`). No lane carries into the next: a lane's low seven bits plus at most
/// `0x7F` stay below `0x100`.
#[inline]
const fn ascii_in(w: u64, lo: u8, hi: u8) -> u64 {
    let low7 = w & !HIGH;
    let at_least_lo = low7 + LOW * (0x80 - lo as u64);
    let above_hi = low7 + LOW * (0x80 - hi as u64 - 1);
    at_least_lo & !above_hi & !w & HIGH
}

/// `w` with `a`–`z` upper-cased in every lane (bit 5 cleared: the lane's high bit moved to bit 5).
#[inline]
const fn upper(w: u64) -> u64 {
    w ^ (ascii_in(w, b'a', b'z') >> 2)
}

/// The high bit set in each lane of `w` holding ASCII whitespace (`09`–`0D`, `20`).
#[inline]
const fn whitespace(w: u64) -> u64 {
    ascii_in(w, 0x09, 0x0D) | ascii_in(w, b' ', b' ')
}

/// The low `n` bytes of a word kept (`n` at most 8).
#[inline]
fn low_bytes(w: u64, n: usize) -> u64 {
    match n {
        0 => 0,
        8.. => w,
        _ => w & ((1u64 << (8 * n)) - 1),
    }
}

/// Folds `normal` (a normalised creator) into `out`, returning the folded length and its
/// [`hash_caseless`](crate::index::hash::hash_caseless) (the folded table's key); `None` when the
/// folded form does not fit in `out`. `out[..len]` is then the folded form, byte for byte what
/// [`fold_creator`](crate::fold_creator) gives.
#[inline]
pub(crate) fn fold_hashed(normal: &[u8], out: &mut [u8; 64]) -> Option<(usize, u64)> {
    let mut hasher = WordHasher::default();
    // The output word being filled, how many bytes it holds (below 8), and the bytes written.
    let (mut pending, mut fill, mut len) = (0u64, 0usize, 0usize);
    for chunk in normal.chunks(8) {
        let w = short_word(chunk);
        let mut kept = upper(w);
        let mut space = whitespace(w);
        let mut keep = chunk.len();
        while space != 0 {
            // Squeeze out the lowest whitespace lane: the lanes above it move down one.
            let lane = (space.trailing_zeros() / 8) as usize;
            let below = low_bytes(u64::MAX, lane);
            kept = (kept & below) | ((kept >> 8) & !below);
            space = (space & below) | ((space >> 8) & !below);
            keep -= 1;
        }
        if keep == 0 {
            continue;
        }
        kept = low_bytes(kept, keep);
        pending |= kept << (8 * fill);
        len += keep;
        if fill + keep < 8 {
            fill += keep;
            continue;
        }
        // A word is complete: store it whole, hash it, and carry the rest of `kept`.
        let at = len - (fill + keep - 8) - 8;
        out.get_mut(at..at + 8)?
            .copy_from_slice(&pending.to_le_bytes());
        hasher.push(pending & !CASE_BIT);
        pending = if fill == 0 {
            0
        } else {
            kept >> (8 * (8 - fill))
        };
        fill = fill + keep - 8;
    }
    if fill > 0 {
        let at = len - fill;
        out.get_mut(at..at + 8)?
            .copy_from_slice(&pending.to_le_bytes());
        hasher.push(pending & !CASE_BIT);
    }
    Some((len, hasher.finish(len)))
}

/// The [`FoldedEnds`] of `normal`'s folded form, read without folding or any pass over it: its
/// first two and last two bytes upper-cased. `None` when `normal` is shorter than two bytes or
/// one of those bytes is whitespace (only folding tells then).
#[inline]
pub(crate) fn folded_ends(normal: &[u8]) -> Option<FoldedEnds> {
    let (&[a, b, ..], &[.., c, d]) = (normal, normal) else {
        return None;
    };
    // The four bytes as one word: tested for whitespace and upper-cased lane by lane.
    let w = u64::from(u32::from_le_bytes([a, b, c, d]));
    if whitespace(w) != 0 {
        return None;
    }
    Some(FoldedEnds((upper(w) as u32).to_le_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::creator_text::fold_creator;
    use crate::index::hash::hash_caseless;
    use proptest::prelude::*;

    fn check(s: &str) {
        let want = fold_creator(s);
        let mut out = [0u8; 64];
        match fold_hashed(s.as_bytes(), &mut out) {
            Some((len, h)) => {
                assert_eq!(&out[..len], want.as_bytes(), "{s:?}");
                assert_eq!(h, hash_caseless(want.as_bytes()), "{s:?}");
            }
            None => assert!(want.len() > 64, "{s:?}: refused but fits"),
        }
        if want.len() > 64 {
            assert_eq!(fold_hashed(s.as_bytes(), &mut out), None, "{s:?}");
        }
    }

    #[test]
    fn folds_like_fold_creator() {
        for s in [
            "",
            " ",
            "siemens csa header",
            "SIEMENS CSA HEADER",
            "Siemens MR\tHeader\x0B\x0C\r\n",
            "gems_ident_01",
            "caf\u{e9} \u{a0}x",
            "A\0b",
            "        ",
            "a b c d e f g h i j k l m n o p",
            "abcdefgh",
            "abcdefg h",
            "`az{@AZ[",
            "\x08\x0E\x1F!\x7F",
            "GEMS_ACQU_01 GEMS_ACQU_01 GEMS_ACQU_01 GEMS_ACQU_01 GEMS_ACQU_1",
        ] {
            check(s);
        }
    }

    /// The ends read without folding are the folded form's, whenever they are read.
    fn check_ends(s: &str) {
        let normal = crate::normalise_creator(s);
        let folded = fold_creator(normal);
        let read = folded_ends(normal.as_bytes());
        if let Some(FoldedEnds([a, b, c, d])) = read {
            assert_eq!(folded.as_bytes()[..2], [a, b], "{s:?}");
            assert_eq!(folded.as_bytes()[folded.len() - 2..], [c, d], "{s:?}");
        }
        // Only a creator shorter than two bytes, or with whitespace among its ends, needs
        // folding to tell.
        let n = normal.len();
        let unread = n < 2
            || [0, 1, n - 2, n - 1].iter().any(|&i| {
                normal.as_bytes()[i].is_ascii_whitespace() || normal.as_bytes()[i] == 0x0B
            });
        assert_eq!(read.is_none(), unread, "{s:?}");
    }

    #[test]
    fn the_ends_are_read_without_folding() {
        for s in [
            "",
            " ",
            "siemens csa header",
            "\tGEMS",
            "GEMS\x0B",
            "caf\u{e9} \u{a0}x",
            "\u{3000}a b\u{e9}",
            "a\tb\nc\x0Bd\x0Ce\rf g",
            "x",
            "xy",
            "x y",
            "ab\u{e9}",
        ] {
            check_ends(s);
        }
    }

    proptest! {
        #[test]
        fn reads_the_ends_of_any_text(s in "[ -~\t\n\x0B\x0C\r\u{e9}\u{a0}\u{3000}]{0,80}") {
            check_ends(&s);
        }

        #[test]
        fn folds_any_text_like_fold_creator(s in "[ -~\t\n\x0B\x0C\r\u{e9}\u{a0}\u{3000}]{0,80}") {
            check(&s);
        }
    }
}
