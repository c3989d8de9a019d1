//! Opening a `.dmap` file by path: [`Dict::open`] (read into memory) and [`Dict::open_mmap`].
//!
//! Two faults of the operating system's file model are handled here rather than left to users:
//!
//! - **Files that are not regular files.** Opening a FIFO for reading blocks until a writer
//!   appears, and reading a character device may never end. The path's type is checked before
//!   it is opened, and the file is then opened with `O_NONBLOCK` (so a FIFO swapped in between
//!   the two steps cannot block either) and its type checked again on the open descriptor.
//!   Anything but a regular file gives [`Error::Io`] of kind
//!   [`InvalidInput`](std::io::ErrorKind::InvalidInput) at once.
//! - **Files truncated while open.** A memory-mapped file that another process truncates raises
//!   `SIGBUS` on the next access to the lost pages, which kills the process. [`Dict::open`]
//!   therefore reads the file into memory (up to [`MAX_READ_LEN`]); mapping is the explicit
//!   choice [`Dict::open_mmap`], documented with that risk.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::dict::{Dict, Storage};
use crate::error::{Error, Result};

/// The largest file [`Dict::open`] reads into memory: 64 MiB (the bundled dictionary is about
/// 1.4 MB). Larger files give [`Error::TooLarge`]; map them with [`Dict::open_mmap`] or read
/// them yourself and call [`Dict::from_bytes`].
pub const MAX_READ_LEN: u64 = 64 << 20;

impl Dict {
    /// Reads the file at `path` into memory and validates it as [`Dict::from_bytes`] does.
    ///
    /// - A path that cannot be opened or read gives [`Error::Io`]; so does one that is not a
    ///   regular file (a directory, FIFO, socket or device), at once and without blocking.
    /// - A file longer than [`MAX_READ_LEN`] gives [`Error::TooLarge`].
    /// - A file that is not a valid `.dmap` gives the typed error.
    ///
    /// The `Dict` owns a private copy of the bytes, so the file may be replaced, rewritten or
    /// truncated while it is open without any effect on the `Dict`. Reading costs about a
    /// millisecond per megabyte; [`Dict::open_mmap`] avoids the copy at a risk.
    pub fn open(path: impl AsRef<Path>) -> Result<Dict> {
        let path = path.as_ref();
        let (mut file, len) = open_regular(path)?;
        if len > MAX_READ_LEN {
            return Err(too_large(path, len));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        // `take` bounds the read if the file grows while it is read.
        (&mut file)
            .take(MAX_READ_LEN + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| io_error(path, source))?;
        if bytes.len() as u64 > MAX_READ_LEN {
            return Err(too_large(path, bytes.len() as u64));
        }
        Dict::from_bytes(Storage::from(bytes))
    }

    /// Memory-maps the file at `path` and validates it as [`Dict::from_bytes`] does: no copy, and
    /// pages are shared between processes that map the same file. Any size is accepted.
    ///
    /// Errors are those of [`Dict::open`] except [`Error::TooLarge`].
    ///
    /// # Risk: the process can be killed
    ///
    /// The file must not be truncated while the `Dict` (or anything borrowed from it) is alive.
    /// If another process truncates it, the next lookup that touches a lost page makes the
    /// operating system stop this process with `SIGBUS` (exit status 135 in a shell); no Rust
    /// code can catch that. Rewriting the file in place changes what lookups answer. The reader
    /// stays memory-safe in both cases (every offset is bounds-checked against the length seen at
    /// open), and [`Dict::verify`] detects changed bytes, but nothing can undo a signal. Use this
    /// only for files that are replaced atomically (write a new file, then rename it over the
    /// old one), never for files on network shares or in folders a sync tool manages; otherwise
    /// use [`Dict::open`].
    pub fn open_mmap(path: impl AsRef<Path>) -> Result<Dict> {
        let path = path.as_ref();
        let (file, len) = open_regular(path)?;
        let storage = if len == 0 {
            // Mapping zero bytes is an error on some systems; an empty file is simply truncated.
            Storage::from(Vec::new())
        } else {
            Storage::mapped(crate::mmap::map(&file).map_err(|source| io_error(path, source))?)
        };
        Dict::from_bytes(storage)
    }
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

fn too_large(path: &Path, size: u64) -> Error {
    Error::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_READ_LEN,
    }
}

/// Opens `path` for reading if it is a regular file, without ever blocking; returns the file and
/// its length.
fn open_regular(path: &Path) -> Result<(File, u64)> {
    // Before opening: opening a FIFO for reading would block until a writer appears.
    let meta = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
    check_regular(path, &meta)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO swapped in after the check above opens at once instead of blocking; it is then
        // refused below. O_NONBLOCK has no effect on reads of regular files.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|source| io_error(path, source))?;
    let meta = file.metadata().map_err(|source| io_error(path, source))?;
    check_regular(path, &meta)?;
    Ok((file, meta.len()))
}

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = file_kind(meta);
    Err(io_error(
        path,
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({what})"),
        ),
    ))
}

/// What a non-regular file is, in words.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "not a regular file"
}
