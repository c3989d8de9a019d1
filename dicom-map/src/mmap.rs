//! Memory-mapping a `.dmap` file: the crate's only `unsafe` code.
//!
//! Mapping lets [`Dict::open`](crate::Dict::open) start in microseconds whatever the file's size
//! and share the pages between processes; the alternative, reading the file into a `Vec`, is
//! always available through [`Dict::from_bytes`](crate::Dict::from_bytes).
#![allow(unsafe_code)]

use std::fs::File;
use std::io;

/// Maps `file` read-only.
pub(crate) fn map(file: &File) -> io::Result<memmap2::Mmap> {
    // SAFETY: `Mmap::map` is unsafe because the mapped bytes can change underneath the `&[u8]` if
    // another process writes to or truncates the file. We map read-only and never write through
    // the mapping, and no code in this crate trusts the bytes: every offset and length is
    // bounds-checked against the mapping's length before use (see `format::wire`), so changed
    // bytes give wrong answers or errors, never an out-of-bounds read. Truncation by another
    // process while mapped can still raise SIGBUS, as for any mapped file; `Dict::open` documents
    // that the file must not be modified while it is open.
    unsafe { memmap2::Mmap::map(file) }
}
