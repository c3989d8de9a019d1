//! Memory-mapping a `.dmap` file: the crate's only `unsafe` code.
//!
//! Mapping lets [`Dict::open_mmap`](crate::Dict::open_mmap) start in microseconds whatever the
//! file's size and share the pages between processes. It is not the default: a mapped file that
//! another process truncates kills this one with `SIGBUS`, so [`Dict::open`](crate::Dict::open)
//! reads the file into memory instead (see `file.rs`).
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
    // process while mapped can still raise SIGBUS, as for any mapped file; that is why mapping is
    // only done on request (`Dict::open_mmap`), whose docs state the risk.
    unsafe { memmap2::Mmap::map(file) }
}
