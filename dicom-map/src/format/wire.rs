//! Little-endian, bounds-checked reads: the only place that turns bytes into integers.
//!
//! Every read takes a slice and an offset and returns `None` when the field does not lie wholly
//! inside the slice (including when `offset + width` overflows). Nothing here can panic, so the
//! rest of the crate can treat any byte string as input without auditing index arithmetic.

/// Reads `N` bytes at `at`, or `None` if they are not all inside `bytes`.
#[inline]
pub(crate) fn array<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    let end = at.checked_add(N)?;
    let slice = bytes.get(at..end)?;
    let mut out = [0u8; N];
    out.copy_from_slice(slice);
    Some(out)
}

/// Reads one byte at `at`.
#[inline]
pub(crate) fn u8_at(bytes: &[u8], at: usize) -> Option<u8> {
    bytes.get(at).copied()
}

/// Reads a little-endian `u16` at `at`.
#[inline]
pub(crate) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    array(bytes, at).map(u16::from_le_bytes)
}

/// Reads a little-endian `u32` at `at`.
#[inline]
pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    array(bytes, at).map(u32::from_le_bytes)
}

/// Reads a little-endian `u64` at `at`.
#[inline]
pub(crate) fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    array(bytes, at).map(u64::from_le_bytes)
}

/// `bytes[start..start + len]`, or `None` if any part is outside `bytes`.
#[inline]
pub(crate) fn slice(bytes: &[u8], start: usize, len: usize) -> Option<&[u8]> {
    bytes.get(start..start.checked_add(len)?)
}

/// Converts a `u64` from the file to `usize`, or `None` if it does not fit (32-bit hosts).
#[inline]
pub(crate) fn to_usize(value: u64) -> Option<usize> {
    usize::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_little_endian() {
        let b = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        assert_eq!(u8_at(&b, 8), Some(9));
        assert_eq!(u16_at(&b, 0), Some(0x0201));
        assert_eq!(u32_at(&b, 1), Some(0x0504_0302));
        assert_eq!(u64_at(&b, 1), Some(0x0908_0706_0504_0302));
    }

    #[test]
    fn out_of_bounds_is_none() {
        let b = [0u8; 4];
        assert_eq!(u32_at(&b, 1), None);
        assert_eq!(u16_at(&b, 3), None);
        assert_eq!(u8_at(&b, 4), None);
        assert_eq!(u64_at(&b, 0), None);
        assert_eq!(u32_at(&b, usize::MAX), None);
        assert_eq!(slice(&b, usize::MAX, 2), None);
        assert_eq!(slice(&b, 2, 2), Some(&[0u8, 0][..]));
        assert_eq!(slice(&b, 4, 0), Some(&[][..]));
    }
}
