//! The 64-byte header: magic, endian word, version, counts, edition and the two checksums.
//!
//! [`parse`] runs the header checks of the spec in the spec's order (length, magic, endian word,
//! version, header CRC, `file_len`), so a file that is not a `.dmap`, or is a newer one, is
//! reported as such before anything else is trusted.

use crate::error::{Checksum, Error, Result};
use crate::format::wire;

/// The 8 bytes every `.dmap` file starts with: `\x89DMAP\r\n\x1a`.
pub const MAGIC: [u8; 8] = *b"\x89DMAP\r\n\x1a";
/// The endian word, `0x01020304`, stored little-endian.
pub(crate) const ENDIAN: u32 = 0x0102_0304;
/// The format version this crate reads (and the newest it knows).
pub const FORMAT_VERSION: u32 = 1;
/// Length of the header in bytes.
pub(crate) const HEADER_LEN: usize = 64;
/// Largest `section_count` allowed.
pub(crate) const MAX_SECTIONS: u32 = 64;
/// Header flag bit 0: the file has private entries.
pub(crate) const FLAG_HAS_PRIVATE: u32 = 1;

/// The decoded header. Offsets of each field are given in DEVELOPMENT.md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub version: u32,
    pub flags: u32,
    pub section_count: u32,
    pub file_len: u64,
    pub body_crc32: u32,
    pub public_count: u32,
    pub repeater_count: u32,
    pub private_count: u32,
    pub creator_count: u32,
    pub edition: [u8; 8],
}

impl Header {
    /// Whether flag bit 0 (the file has private entries) is set.
    pub fn has_private(&self) -> bool {
        self.flags & FLAG_HAS_PRIVATE != 0
    }

    /// The edition as text: the bytes before the first NUL, or `""` if they are not ASCII.
    pub fn edition(&self) -> &str {
        let end = self
            .edition
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.edition.len());
        let text = &self.edition[..end];
        if text.is_ascii() {
            std::str::from_utf8(text).unwrap_or("")
        } else {
            ""
        }
    }
}

/// Reads and checks the header of `bytes` (the whole file).
pub(crate) fn parse(bytes: &[u8]) -> Result<Header> {
    let have = bytes.len() as u64;
    let Some(head) = bytes.get(..HEADER_LEN) else {
        return Err(Error::Truncated {
            need: HEADER_LEN as u64,
            have,
        });
    };
    // `head` is exactly 64 bytes, so every fixed-offset read below is `Some`; `unwrap_or` keeps
    // the code panic-free without an `expect`.
    let u32_at = |at| wire::u32_at(head, at).unwrap_or(0);
    let magic: [u8; 8] = wire::array(head, 0).unwrap_or([0; 8]);
    if magic != MAGIC {
        return Err(Error::BadMagic { found: magic });
    }
    let endian = u32_at(8);
    if endian != ENDIAN {
        return Err(Error::BadEndian { found: endian });
    }
    let version = u32_at(12);
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            supported: FORMAT_VERSION,
            found: version,
        });
    }
    let expected = u32_at(60);
    let actual = crc32fast::hash(&head[..60]);
    if expected != actual {
        return Err(Error::ChecksumMismatch {
            what: Checksum::Header,
            expected,
            actual,
        });
    }
    let header = Header {
        version,
        flags: u32_at(16),
        section_count: u32_at(20),
        file_len: wire::u64_at(head, 24).unwrap_or(0),
        body_crc32: u32_at(32),
        public_count: u32_at(36),
        repeater_count: u32_at(40),
        private_count: u32_at(44),
        creator_count: u32_at(48),
        edition: wire::array(head, 52).unwrap_or([0; 8]),
    };
    if header.file_len > have {
        return Err(Error::Truncated {
            need: header.file_len,
            have,
        });
    }
    if header.file_len < have {
        return Err(Error::LengthMismatch {
            declared: header.file_len,
            actual: have,
        });
    }
    Ok(header)
}
