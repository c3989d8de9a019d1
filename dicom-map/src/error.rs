//! The one error type of the crate: why a `.dmap` file could not be opened or failed `verify()`.
//!
//! Every variant carries the numbers a maintainer needs to find the fault (which section, which
//! record, what was expected, what was found) and its docs say what usually causes it and how to fix
//! it. Opening checks only O(1) facts; the variants marked *verify* come from [`Dict::verify`].
//!
//! [`Dict::verify`]: crate::Dict::verify

use std::fmt;
use std::path::PathBuf;

use crate::format::SectionId;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which CRC-32 of the file did not match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Checksum {
    /// `header_crc32`, over bytes `[0, 60)`.
    Header,
    /// `body_crc32`, over bytes `[64, file_len)`.
    Body,
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Checksum::Header => "header",
            Checksum::Body => "body",
        })
    }
}

/// What is wrong with a string reference (a `u32` offset into `STRS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StringProblem {
    /// The offset is at or past the end of the pool.
    OutOfRange,
    /// The offset is not the first byte of a string: it points at a terminating `0x00` (only
    /// reference 0 may name the empty string) or into the middle of a UTF-8 character.
    NotAStart,
}

impl fmt::Display for StringProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StringProblem::OutOfRange => "past the end of the string pool",
            StringProblem::NotAStart => "not the start of a string",
        })
    }
}

/// Why a `.dmap` file was refused.
///
/// [`Error::Io`] and [`Error::TooLarge`] come from opening a path; the variants from
/// [`Error::Truncated`] to [`Error::BadStringPool`] are found by [`Dict::from_bytes`] and
/// [`Dict::open`] in constant time (not counting reading the file); the rest only by
/// [`Dict::verify`], which reads the whole file.
/// In every case the fix for a file that came from the project's compiler is to rebuild it
/// (`make dict`); the notes below say what a writer did wrong when the file came from elsewhere.
///
/// [`Dict::from_bytes`]: crate::Dict::from_bytes
/// [`Dict::open`]: crate::Dict::open
/// [`Dict::verify`]: crate::Dict::verify
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read (missing, unreadable, not a regular file). Check the path.
    Io {
        /// The path that was opened.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// [`Dict::open`](crate::Dict::open) reads files into memory and refuses one larger than
    /// [`MAX_READ_LEN`](crate::MAX_READ_LEN) (64 MiB; the bundled dictionary is about 1.4 MB),
    /// which is far more than any dictionary needs: check the path, or map the file with
    /// [`Dict::open_mmap`](crate::Dict::open_mmap).
    TooLarge {
        /// The path that was opened.
        path: PathBuf,
        /// The file's size in bytes.
        size: u64,
        /// The largest size read into memory.
        limit: u64,
    },
    /// The file is shorter than its structure requires: shorter than the 64-byte header, shorter
    /// than the `file_len` its header declares, or too short for its section table. Usually an
    /// interrupted copy or download: fetch the file again.
    Truncated {
        /// Bytes the structure needs.
        need: u64,
        /// Bytes there are.
        have: u64,
    },
    /// The first 8 bytes are not `89 44 4D 41 50 0D 0A 1A`: this is not a `.dmap` file (or a text
    /// transfer mangled its line endings).
    BadMagic {
        /// The 8 bytes found.
        found: [u8; 8],
    },
    /// The endian word is not `0x01020304` read little-endian: a writer wrote big-endian integers.
    BadEndian {
        /// The word as read little-endian.
        found: u32,
    },
    /// The file's format version is not one this reader understands. A newer file needs a newer
    /// `dicom-map`; an older one must be rebuilt.
    UnsupportedVersion {
        /// The version this reader supports.
        supported: u32,
        /// The version the file declares.
        found: u32,
    },
    /// A CRC-32 stored in the header does not match the bytes: the file was altered or damaged.
    ChecksumMismatch {
        /// Which checksum.
        what: Checksum,
        /// The value stored in the header.
        expected: u32,
        /// The value computed from the bytes.
        actual: u32,
    },
    /// The file is longer than the `file_len` its header declares (bytes were appended).
    LengthMismatch {
        /// `file_len` from the header.
        declared: u64,
        /// The actual length.
        actual: u64,
    },
    /// `section_count` exceeds the format's limit of 64.
    TooManySections {
        /// The count in the header.
        count: u32,
        /// The largest count allowed.
        max: u32,
    },
    /// Two section-table entries have the same id.
    DuplicateSection {
        /// The repeated id.
        id: SectionId,
    },
    /// A section v1 requires (it may be empty, but it must be listed) is absent from the table.
    MissingSection {
        /// The absent id.
        id: SectionId,
    },
    /// A section does not lie inside `[64 + 24 * section_count, file_len)`.
    SectionOutOfBounds {
        /// The section.
        id: SectionId,
        /// Its offset.
        offset: u64,
        /// Its length.
        length: u64,
        /// Where sections may start (the end of the section table).
        start: u64,
        /// Where they must end (`file_len`).
        end: u64,
    },
    /// Two sections share bytes.
    SectionOverlap {
        /// The section that starts first.
        first: SectionId,
        /// The section that starts inside it.
        second: SectionId,
    },
    /// A section's record size is zero or smaller than the v1 minimum for that section (`STRS`
    /// must have record size 1).
    BadRecordSize {
        /// The section.
        id: SectionId,
        /// The record size in the table.
        record_size: u32,
        /// The smallest record size v1 allows.
        min: u32,
    },
    /// A section's length is not a multiple of its record size.
    BadSectionLength {
        /// The section.
        id: SectionId,
        /// Its length in bytes.
        length: u64,
        /// Its record size.
        record_size: u32,
    },
    /// A count does not match what the file holds: a header count against its sections' record
    /// counts, or (*verify*) a table that must have a given number of records.
    CountMismatch {
        /// What was counted (`"public_count"`, `"KWIX records"`, ...).
        what: &'static str,
        /// The number required.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// `STRS` does not start and end with a `0x00` byte (or, *verify*, is not valid UTF-8).
    BadStringPool {
        /// What is wrong.
        reason: &'static str,
    },
    /// *verify*: the body checksum or a structural check was fine but a string reference is not.
    BadString {
        /// The section holding the reference.
        section: SectionId,
        /// The record's index in that section.
        record: u64,
        /// The field (`"name"`, `"keyword"`, ...).
        field: &'static str,
        /// The reference.
        offset: u32,
        /// What is wrong with it.
        problem: StringProblem,
    },
    /// *verify*: an index field (creator, type, provenance, item, source, entry, block) is out of
    /// range.
    BadReference {
        /// The section holding the field.
        section: SectionId,
        /// The record's index in that section.
        record: u64,
        /// The field.
        field: &'static str,
        /// Its value.
        value: u64,
        /// The number of valid values (valid values are below this), or for `block` and
        /// `group_mask` a description-free bound documented with the field in the spec.
        limit: u64,
    },
    /// *verify*: records of a section are not in the order the spec requires.
    Unsorted {
        /// The section.
        section: SectionId,
        /// The first record that is out of order (it sorts before or equal to its predecessor).
        record: u64,
    },
    /// *verify*: the header and section table are valid but differ from those read when the
    /// dictionary was opened. Only a memory-mapped file ([`Dict::open_mmap`]) can change after
    /// opening: another process rewrote it in place. Open it again.
    ///
    /// [`Dict::open_mmap`]: crate::Dict::open_mmap
    ChangedSinceOpen,
    /// *verify*: a `TYPE` record's `vr_bits` has a bit that stands for no VR.
    BadVrBits {
        /// The `TYPE` record.
        record: u64,
        /// Its `vr_bits`.
        bits: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Error::TooLarge { path, size, limit } => write!(
                f,
                "{} is {size} bytes, more than the {limit} bytes read into memory; \
                 memory-map it instead (Dict::open_mmap, dicom_map.open(path, mmap=True), \
                 dmap_open_mmap)",
                path.display()
            ),
            Error::Truncated { need, have } => {
                write!(f, "truncated .dmap file: need {need} bytes, have {have}")
            }
            Error::BadMagic { found } => write!(f, "not a .dmap file (magic bytes {found:02X?})"),
            Error::BadEndian { found } => {
                write!(f, "bad endian word {found:#010X} (expected 0x01020304)")
            }
            Error::UnsupportedVersion { supported, found } => write!(
                f,
                "unsupported .dmap version {found}: this reader supports version {supported}"
            ),
            Error::ChecksumMismatch {
                what,
                expected,
                actual,
            } => write!(
                f,
                "{what} checksum mismatch: header says {expected:#010X}, bytes give {actual:#010X}"
            ),
            Error::LengthMismatch { declared, actual } => {
                write!(f, "file is {actual} bytes but its header says {declared}")
            }
            Error::TooManySections { count, max } => {
                write!(
                    f,
                    "{count} sections in the table; at most {max} are allowed"
                )
            }
            Error::DuplicateSection { id } => write!(f, "section {id} is listed twice"),
            Error::MissingSection { id } => write!(f, "required section {id} is missing"),
            Error::SectionOutOfBounds {
                id,
                offset,
                length,
                start,
                end,
            } => write!(
                f,
                "section {id} at offset {offset} with length {length} is outside [{start}, {end})"
            ),
            Error::SectionOverlap { first, second } => {
                write!(f, "sections {first} and {second} overlap")
            }
            Error::BadRecordSize {
                id,
                record_size,
                min,
            } => write!(
                f,
                "section {id} has record size {record_size}; the minimum is {min}"
            ),
            Error::BadSectionLength {
                id,
                length,
                record_size,
            } => write!(
                f,
                "section {id} length {length} is not a multiple of its record size {record_size}"
            ),
            Error::CountMismatch {
                what,
                expected,
                found,
            } => {
                write!(f, "{what}: expected {expected}, found {found}")
            }
            Error::BadStringPool { reason } => write!(f, "bad string pool: {reason}"),
            Error::BadString {
                section,
                record,
                field,
                offset,
                problem,
            } => write!(
                f,
                "{section}[{record}].{field}: string reference {offset} is {problem}"
            ),
            Error::BadReference {
                section,
                record,
                field,
                value,
                limit,
            } => write!(
                f,
                "{section}[{record}].{field} = {value} is out of range (limit {limit})"
            ),
            Error::Unsorted { section, record } => {
                write!(
                    f,
                    "section {section} is not in the required order at record {record}"
                )
            }
            Error::ChangedSinceOpen => f.write_str(
                "the header or section table changed after the file was opened \
                 (the mapped file was rewritten in place); open it again",
            ),
            Error::BadVrBits { record, bits } => {
                write!(
                    f,
                    "TYPE[{record}].vr_bits {bits:#018X} has an undefined bit"
                )
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
