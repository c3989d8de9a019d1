//! The string pool `STRS`: NUL-terminated UTF-8 strings addressed by `u32` byte offsets.
//!
//! Readers get `&str` borrowed from the file. A reference that is out of range or does not lead to
//! valid UTF-8 (possible only in a file that was not [verified]) reads as [`INVALID_STRING`]
//! instead of panicking or reading past the pool.
//!
//! [verified]: crate::Dict::verify

use std::ffi::CStr;

use crate::error::StringProblem;

/// What a string accessor returns for a reference that does not name a valid string. Only a file
/// that fails [`Dict::verify`](crate::Dict::verify) can produce it.
pub const INVALID_STRING: &str = "\u{FFFD}";

/// The bytes of the string at `offset`, without its terminator; `None` if `offset` is outside the
/// pool or no `0x00` follows (the pool is checked to end with one, so that cannot happen for a
/// pool from an opened file).
#[inline]
pub(crate) fn bytes_at(pool: &[u8], offset: u32) -> Option<&[u8]> {
    let tail = pool.get(usize::try_from(offset).ok()?..)?;
    let end = tail.iter().position(|&b| b == 0)?;
    tail.get(..end)
}

/// The bytes of the string at `offset` if it is at most `limit` bytes long, reading at most
/// `limit + 1` bytes of the pool (never the whole string): `Ok(bytes)` without the terminator,
/// `Err(TooLong)` when no `0x00` is among the first `limit + 1` bytes, `Err(Unreadable)` when
/// `offset` is outside the pool (or the pool ends before a terminator). For readers that must
/// not scan a string a hostile file made long, once per reference (the keyword rule, see
/// [`crate::keywords`]).
#[inline]
pub(crate) fn bytes_within(pool: &[u8], offset: u32, limit: usize) -> Result<&[u8], Bounded> {
    let tail = usize::try_from(offset)
        .ok()
        .and_then(|o| pool.get(o..))
        .ok_or(Bounded::Unreadable)?;
    let window = tail.get(..limit.saturating_add(1)).unwrap_or(tail);
    match window.iter().position(|&b| b == 0) {
        Some(end) => Ok(&window[..end]),
        None if window.len() < tail.len() => Err(Bounded::TooLong),
        None => Err(Bounded::Unreadable),
    }
}

/// Why [`bytes_within`] gave no string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bounded {
    /// The string is longer than the limit.
    TooLong,
    /// The offset is outside the pool, or no terminator follows before the pool ends (only in a
    /// file that was not verified).
    Unreadable,
}

/// The string at `offset`, or [`INVALID_STRING`].
#[inline]
pub(crate) fn str_at(pool: &[u8], offset: u32) -> &str {
    bytes_at(pool, offset)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or(INVALID_STRING)
}

/// [`INVALID_STRING`] as a C string.
pub(crate) const INVALID_CSTR: &CStr = c"\u{FFFD}";

/// The string at `offset` with its terminator, as a C string; [`INVALID_CSTR`] when
/// [`str_at`] would give [`INVALID_STRING`].
pub(crate) fn cstr_at(pool: &[u8], offset: u32) -> &CStr {
    let Some(bytes) = bytes_at(pool, offset) else {
        return INVALID_CSTR;
    };
    if std::str::from_utf8(bytes).is_err() {
        return INVALID_CSTR;
    }
    // `bytes_at` found a `0x00` right after `bytes`.
    let start = offset as usize;
    pool.get(start..=start + bytes.len())
        .and_then(|with_nul| CStr::from_bytes_with_nul(with_nul).ok())
        .unwrap_or(INVALID_CSTR)
}

/// Checks that `offset` names a string of `pool`, which must already be known to be valid UTF-8:
/// it is `0` (the empty string) or the first byte of a non-empty string or string tail (not a
/// terminator, not a UTF-8 continuation byte).
pub(crate) fn check_ref(pool: &[u8], offset: u32) -> Result<(), StringProblem> {
    if offset == 0 {
        return Ok(());
    }
    match usize::try_from(offset).ok().and_then(|o| pool.get(o)) {
        None => Err(StringProblem::OutOfRange),
        Some(0) => Err(StringProblem::NotAStart),
        Some(&b) if (0x80..0xC0).contains(&b) => Err(StringProblem::NotAStart),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: &[u8] = b"\0abc\0d\xC3\xA9f\0\xFF\0";

    #[test]
    fn reads_strings_and_tails() {
        assert_eq!(str_at(POOL, 0), "");
        assert_eq!(str_at(POOL, 1), "abc");
        assert_eq!(str_at(POOL, 2), "bc");
        assert_eq!(str_at(POOL, 5), "d\u{e9}f");
    }

    #[test]
    fn bad_references_read_as_replacement() {
        assert_eq!(str_at(POOL, 10), INVALID_STRING); // 0xFF: not UTF-8
        assert_eq!(str_at(POOL, 7), INVALID_STRING); // continuation byte
        assert_eq!(str_at(POOL, 100), INVALID_STRING);
        assert_eq!(str_at(POOL, u32::MAX), INVALID_STRING);
        assert_eq!(str_at(b"\0ab", 1), INVALID_STRING); // no terminator
    }

    #[test]
    fn c_strings_are_the_same_strings() {
        for offset in [0, 1, 2, 5, 7, 10, 100, u32::MAX] {
            assert_eq!(
                cstr_at(POOL, offset).to_str().unwrap(),
                str_at(POOL, offset),
                "{offset}"
            );
        }
        assert_eq!(cstr_at(b"\0ab", 1), INVALID_CSTR);
        // Borrowed from the pool itself.
        assert_eq!(
            cstr_at(POOL, 1).as_ptr() as usize,
            POOL[1..].as_ptr() as usize
        );
    }

    #[test]
    fn bounded_reads_stop_at_the_limit() {
        // "abc" (3 bytes), "d\u{e9}f" (4 bytes).
        assert_eq!(bytes_within(POOL, 1, 3), Ok(&b"abc"[..]));
        assert_eq!(bytes_within(POOL, 1, 100), Ok(&b"abc"[..]));
        assert_eq!(bytes_within(POOL, 1, 2), Err(Bounded::TooLong));
        assert_eq!(bytes_within(POOL, 5, 4), Ok(&b"d\xC3\xA9f"[..]));
        assert_eq!(bytes_within(POOL, 5, 3), Err(Bounded::TooLong));
        assert_eq!(bytes_within(POOL, 0, 0), Ok(&b""[..]));
        assert_eq!(bytes_within(POOL, 100, 10), Err(Bounded::Unreadable));
        assert_eq!(bytes_within(POOL, u32::MAX, 10), Err(Bounded::Unreadable));
        assert_eq!(bytes_within(b"\0ab", 1, 10), Err(Bounded::Unreadable));
        assert_eq!(bytes_within(b"\0ab", 1, 2), Err(Bounded::Unreadable));
        assert_eq!(bytes_within(b"\0abc", 1, 1), Err(Bounded::TooLong));
        // Whatever the limit, the same string as the unbounded read when it fits.
        for offset in 0..POOL.len() as u32 {
            for limit in 0..12 {
                match bytes_within(POOL, offset, limit) {
                    Ok(b) => assert_eq!(Some(b), bytes_at(POOL, offset)),
                    Err(Bounded::TooLong) => {
                        assert!(bytes_at(POOL, offset).unwrap().len() > limit)
                    }
                    Err(Bounded::Unreadable) => unreachable!("{offset}"),
                }
            }
        }
    }

    #[test]
    fn check_ref_rules() {
        assert_eq!(check_ref(POOL, 0), Ok(()));
        assert_eq!(check_ref(POOL, 2), Ok(()));
        assert_eq!(check_ref(POOL, 4), Err(StringProblem::NotAStart));
        assert_eq!(check_ref(POOL, 7), Err(StringProblem::NotAStart));
        assert_eq!(check_ref(POOL, 13), Err(StringProblem::OutOfRange));
    }
}
