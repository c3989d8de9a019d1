//! [`Dict`]: an opened `.dmap` file, generic over where its bytes live.
//!
//! Opening validates the header and the section table in constant time and copies nothing;
//! [`Dict::verify`] is the separate, full check. Lookups are in [`crate::lookup`], listing and
//! search in [`crate::search`], file facts in [`crate::info`].

use std::fmt;

use crate::error::Result;
use crate::format::records::Reader;
use crate::format::sections::{Layout, SectionInfo};
use crate::format::{header, verify};
use crate::index::{Indexed, Indexes};

/// Bytes a [`Dict`] can own when the caller does not choose a storage type: a `Vec<u8>` (from
/// [`Dict::open`]), a memory map (from [`Dict::open_mmap`]) or a `'static` slice (the embedded
/// dictionary).
///
/// Build one with `From<Vec<u8>>` or `From<&'static [u8]>`.
pub struct Storage(Inner);

enum Inner {
    Mapped(memmap2::Mmap),
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Storage {
    fn as_ref(&self) -> &[u8] {
        match &self.0 {
            Inner::Mapped(m) => m,
            Inner::Static(s) => s,
            Inner::Owned(v) => v,
        }
    }
}

impl Storage {
    /// A memory map (from [`Dict::open_mmap`]).
    pub(crate) fn mapped(map: memmap2::Mmap) -> Storage {
        Storage(Inner::Mapped(map))
    }
}

impl From<Vec<u8>> for Storage {
    fn from(v: Vec<u8>) -> Storage {
        Storage(Inner::Owned(v))
    }
}

impl From<&'static [u8]> for Storage {
    fn from(s: &'static [u8]) -> Storage {
        Storage(Inner::Static(s))
    }
}

impl fmt::Debug for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.0 {
            Inner::Mapped(_) => "Mapped",
            Inner::Static(_) => "Static",
            Inner::Owned(_) => "Owned",
        };
        write!(f, "Storage::{kind}({} bytes)", self.as_ref().len())
    }
}

/// A DICOM data dictionary read from a `.dmap` file.
///
/// `S` is where the bytes live: anything that is `AsRef<[u8]>`. [`Dict::open`] reads a file into
/// memory, [`Dict::open_mmap`] maps one (see its risk), [`Dict::from_bytes`] takes a `Vec<u8>`, a
/// `&[u8]` or your own buffer, and (with the `embedded` feature) [`Dict::embedded`] uses the
/// dictionary compiled into the crate.
///
/// ```no_run
/// use dicom_map::Dict;
///
/// let dict = Dict::open("dicom-map/tags.dmap")?;
/// dict.verify()?; // optional: the full check (checksum, every reference, sort orders)
/// let view = dict.lookup(0x0008, 0x0005, None).expect("a public tag");
/// assert_eq!(view.keyword(), "SpecificCharacterSet");
/// # Ok::<(), dicom_map::Error>(())
/// ```
///
/// Everything a `Dict` hands out (`&str`, [`TagView`](crate::TagView)) borrows from it; nothing
/// is copied. A `Dict` is `Send + Sync` when `S` is, so one can serve many threads.
pub struct Dict<S = Storage> {
    bytes: S,
    layout: Layout,
    /// The in-memory indexes (tags, private keys and creators, keywords), each built once by
    /// the first call that needs it.
    indexes: Indexes,
}

impl<S: AsRef<[u8]>> Dict<S> {
    /// Validates `bytes` as a `.dmap` v1 file and wraps them.
    ///
    /// Checks, in constant time (not counting the at most 64 section-table rows): length at least
    /// 64, magic, endian word, version, header CRC, `file_len` equal to the length, the section
    /// table inside the file, every required section present, each section inside the file, no
    /// overlaps, lengths multiples of record sizes, record sizes at least the v1 minimum, header
    /// counts equal to the record counts, and `STRS` starting and ending with `0x00`.
    ///
    /// This function never panics, whatever the bytes. A file that passes these checks but not
    /// [`Dict::verify`] still never makes any method panic or read out of bounds: lookups may
    /// give wrong answers and strings may read as [`INVALID_STRING`](crate::INVALID_STRING).
    pub fn from_bytes(bytes: S) -> Result<Dict<S>> {
        let b = bytes.as_ref();
        let header = header::parse(b)?;
        let layout = Layout::parse(b, header)?;
        Ok(Dict {
            bytes,
            layout,
            indexes: Indexes::default(),
        })
    }

    /// The full check of every byte the reader relies on: the header and section table again
    /// from the bytes (header CRC included; [`Error::ChangedSinceOpen`] if a mapped file was
    /// rewritten since it was opened), the body CRC-32, the string pool's UTF-8, every string
    /// reference, every index (creator, type, provenance, item, source, entry), the order of
    /// every sorted table, and `vr_bits`.
    ///
    /// Linear in the file's size, whatever the file holds, so a hostile file cannot make it slow:
    /// the sort checks compare each string with its predecessor's, directly while the bytes
    /// compared stay within a budget linear in the file, and past it through the ranks of every
    /// string of the pool, built in linear time (DEVELOPMENT.md, "What a reader checks"). Exact:
    /// no hashing.
    ///
    /// [`Error::ChangedSinceOpen`]: crate::Error::ChangedSinceOpen
    pub fn verify(&self) -> Result<()> {
        verify::verify(self.reader().reader)
    }

    /// The file's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// Gives the storage back.
    pub fn into_inner(self) -> S {
        self.bytes
    }

    /// Every row of the section table, including sections this reader does not know.
    pub fn sections(&self) -> &[SectionInfo] {
        &self.layout.table
    }

    /// Builds every in-memory index now, once for the dictionary's lifetime, instead of in the
    /// first call that needs each: the keyword index (every generated keyword derived, every keyword hashed), the tag
    /// index that [`Dict::lookup`] answers public tags and repeating groups from (public tags in
    /// an open-addressing hash table, the repeating-group masks each with a filter and a hash
    /// table of their values) and the private index it answers private tags from (creator
    /// spellings and folded forms, `PRIV` and `PRPT` keys, each hashed). After this no lookup
    /// allocates or builds anything.
    ///
    /// Each index is linear in the size of the tables it reads (BENCHMARKS.md gives the time and
    /// heap for the bundled dictionary; [`Dict::index_bytes`] reports the heap). Opening stays
    /// O(1): nothing is built until this or a lookup asks. Calling it again does nothing.
    /// Thread-safe.
    pub fn prepare(&self) {
        let r = self.reader();
        r.tags();
        r.private();
        r.keywords();
    }

    /// Heap bytes held by the indexes built so far (see [`Dict::prepare`]): `(tag and private
    /// indexes, keyword index)`, `0` for those not built yet.
    pub fn index_bytes(&self) -> (usize, usize) {
        self.indexes.heap_bytes()
    }

    /// The file's reader with the dictionary's indexes.
    pub(crate) fn reader(&self) -> Indexed<'_> {
        let reader = Reader {
            bytes: self.bytes.as_ref(),
            layout: &self.layout,
        };
        Indexed::new(reader, &self.indexes)
    }
}

impl<S> fmt::Debug for Dict<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = &self.layout.header;
        f.debug_struct("Dict")
            .field("edition", &h.edition())
            .field("file_len", &h.file_len)
            .field("public", &h.public_count)
            .field("repeaters", &h.repeater_count)
            .field("private", &h.private_count)
            .field("creators", &h.creator_count)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_can_be_shared_between_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Dict>();
        send_sync::<Dict<Vec<u8>>>();
        send_sync::<Dict<&'static [u8]>>();
        send_sync::<crate::TagView<'static>>();
    }

    #[test]
    fn storage_reports_its_kind() {
        let s = Storage::from(vec![1, 2, 3]);
        assert_eq!(s.as_ref(), &[1, 2, 3]);
        assert_eq!(format!("{s:?}"), "Storage::Owned(3 bytes)");
        let s = Storage::from(&b"ab"[..]);
        assert_eq!(format!("{s:?}"), "Storage::Static(2 bytes)");
    }
}
