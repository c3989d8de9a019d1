//! The C ABI of `dicom-map`: `libdicom_map_ffi.so` / `libdicom_map_ffi.a` and
//! `include/dicom_map.h`.
//!
//! The header is generated from this file by cbindgen (`tests/header.rs` regenerates it and fails
//! on any difference from the committed one), so the doc comments below are the C documentation.
//! Conventions every function follows:
//!
//! - every export is `dmap_`-prefixed and runs behind a panic boundary (`guard`);
//! - a NULL pointer argument is reported (`DMAP_ERR_NULL_ARG`, or NULL returned) and never
//!   dereferenced;
//! - strings handed out are borrowed: from the dictionary (valid until `dmap_close`) or static;
//! - looking up never allocates: the core's lookups allocate nothing, and strings the file does
//!   not store NUL-terminated are built once per dictionary at open (see `handle`).
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
// The exported names are C names.
#![allow(non_camel_case_types)]
// Each export's doc comment, which cbindgen copies into the C header, states its contract in the
// words a C programmer needs (which pointers may be NULL, what they must point at, how long
// results live) rather than under a Rust `# Safety` heading.
#![allow(clippy::missing_safety_doc)]

mod guard;
mod handle;

use std::ffi::{c_char, c_int, CStr, OsStr};
use std::os::unix::ffi::OsStrExt;

use dicom_map::{Dict, Error};

use crate::guard::{fail, fail_static, Failure};
use crate::handle::Handle;

/// The version of this C ABI. `dmap_abi_version()` returns the value the library was built with;
/// a program compares it with this macro (the value its header declares) and refuses to run on a
/// mismatch. It changes whenever a function signature, a struct layout or an enum value changes.
pub const DMAP_ABI_VERSION: u32 = 1;

/// `""`, for fields that have no value.
pub(crate) static EMPTY: &[u8; 1] = b"\0";

/// The result of a call. `DMAP_OK` is 0; `DMAP_NOT_FOUND` is a normal outcome, not an error;
/// every `DMAP_ERR_*` also records a detailed message for `dmap_last_error_message()`.
/// `dmap_status_message()` gives a fixed description of each value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum dmap_status {
    /// Success.
    DMAP_OK = 0,
    /// The dictionary has no entry for the tag, keyword or index asked for.
    DMAP_NOT_FOUND = 1,
    /// A required pointer argument was NULL (it was not dereferenced).
    DMAP_ERR_NULL_ARG = 2,
    /// An argument is not acceptable: a string that is not UTF-8.
    DMAP_ERR_INVALID_ARG = 3,
    /// The file could not be read: missing, unreadable, not a regular file.
    DMAP_ERR_IO = 4,
    /// The file is not a valid `.dmap` file (bad magic, truncated, inconsistent structure, a bad
    /// reference or order found by verification).
    DMAP_ERR_FORMAT = 5,
    /// The file's format version is not one this library reads (a newer file needs a newer
    /// library).
    DMAP_ERR_VERSION = 6,
    /// A CRC-32 of the file does not match its bytes: the file was altered or damaged.
    DMAP_ERR_CHECKSUM = 7,
    /// A bug: a Rust panic was caught at the C boundary. The message says where; please report it.
    DMAP_ERR_PANIC = 8,
}

/// Which lookup rule produced an entry.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum dmap_kind {
    /// A public tag, e.g. (0008,0005).
    DMAP_KIND_PUBLIC = 1,
    /// A repeating-group or range entry, e.g. (60xx,3000), (0028,04x0).
    DMAP_KIND_REPEATER = 2,
    /// A private entry of one group, e.g. (0029,xx08) of "SIEMENS CSA HEADER".
    DMAP_KIND_PRIVATE = 3,
    /// A private entry of a repeating group, e.g. (70xx,xx04).
    DMAP_KIND_PRIVATE_REPEATER = 4,
    /// A group length (gggg,0000).
    DMAP_KIND_GROUP_LENGTH = 5,
    /// A private creator element (gggg,0010-00FF).
    DMAP_KIND_PRIVATE_CREATOR = 6,
}

/// How the creator passed to a lookup matched the entry's private creator.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum dmap_creator_match {
    /// Not a private entry of a creator.
    DMAP_CREATOR_NONE = 0,
    /// The creator (with leading and trailing spaces and NULs removed) is a known spelling.
    /// Entries from `dmap_entry_at` report this.
    DMAP_CREATOR_EXACT = 1,
    /// Only its folded form (ASCII whitespace deleted, a-z upper-cased) is known.
    DMAP_CREATOR_FOLDED = 2,
}

/// An open dictionary. Opaque: create it with `dmap_open` or `dmap_open_embedded`, release it
/// with `dmap_close`.
pub struct dmap_dict {
    inner: Handle,
}

// The header promises that any number of threads may use one dictionary at once.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<dmap_dict>();
};

/// One dictionary entry, filled by `dmap_lookup`, `dmap_lookup_keyword` and `dmap_entry_at`.
///
/// Every `const char *` field is non-NULL, NUL-terminated UTF-8 ("" when there is no value) and
/// borrowed from the `dmap_dict` that filled the struct: it stays valid, unchanged, until that
/// dictionary is passed to `dmap_close`, and must not be freed or written through. Copy the
/// struct freely; copies borrow the same strings. Filling one allocates nothing.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct dmap_entry {
    /// The group asked for (for `dmap_entry_at`: the entry's own group; the masked value of a
    /// repeating group, e.g. 0x6000 for (60xx,3000)).
    pub group: u16,
    /// The element asked for (for `dmap_entry_at`: the entry's own element; for a private entry
    /// 0x00EE for any block, 0xBBEE for block-specific entries).
    pub element: u16,
    /// Which rule found the entry.
    pub kind: dmap_kind,
    /// The keyword, e.g. "SpecificCharacterSet"; generated for private entries without one (see
    /// `keyword_generated`); may be "" for a few retired entries.
    pub keyword: *const c_char,
    /// The name, e.g. "Specific Character Set"; "" when no source gave a real one.
    pub name: *const c_char,
    /// The value representation(s) as PS3.6 writes them: "CS", "US or SS", "OB or OW"; "NONE"
    /// for item and delimitation tags.
    pub vr: *const c_char,
    /// The value multiplicity: "1", "1-n", "2-2n", ...
    pub vm: *const c_char,
    /// A description, usually "".
    pub description: *const c_char,
    /// The private creator's canonical spelling, e.g. "SIEMENS CSA HEADER"; "" for other kinds.
    pub creator: *const c_char,
    /// The vendor of the private creator, when the dictionary names one; else "".
    pub vendor: *const c_char,
    /// The ids of the sources that give this entry, joined by ';', e.g. "pydicom".
    pub sources: *const c_char,
    /// The VRs as a bit set: bit i is the i-th VR of AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF
    /// OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV; bit 63 is "no VR".
    pub vr_bits: u64,
    /// The entry's global id (its `dmap_entry_at` index); UINT32_MAX for group-length and
    /// private-creator entries, which are synthetic.
    pub entry_id: u32,
    /// How the creator given to the lookup matched.
    pub creator_match: dmap_creator_match,
    /// How sure the dictionary is of the entry, 0-100.
    pub confidence: u8,
    /// For block-specific private entries, the block byte BB (0x10-0xFF); else 0.
    pub block: u8,
    /// The entry is retired from the standard.
    pub retired: bool,
    /// The sources disagree about the VR or VM (the majority is given).
    pub conflict: bool,
    /// No source gave a keyword; `keyword` was derived from the name and tag.
    pub keyword_generated: bool,
    /// A private entry that holds in any block its creator reserves (the usual (gggg,xxEE)).
    pub block_offset: bool,
    /// Some source gave a real name (not only placeholders such as "?" or "Unknown").
    pub has_real_name: bool,
}

fn null_arg(message: &'static str) -> Failure {
    fail_static(dmap_status::DMAP_ERR_NULL_ARG, message)
}

/// The dictionary behind `dict`, or a NULL-argument failure naming `func`.
///
/// # Safety
/// `dict` is NULL or a pointer from `dmap_open*` that has not been closed.
unsafe fn handle<'a>(dict: *const dmap_dict, message: &'static str) -> Result<&'a Handle, Failure> {
    // SAFETY: per the contract above, a non-NULL `dict` points at a live `dmap_dict`.
    unsafe { dict.as_ref() }
        .map(|d| &d.inner)
        .ok_or_else(|| null_arg(message))
}

/// The UTF-8 string at `p` (not NULL).
///
/// # Safety
/// `p` points at a NUL-terminated string that outlives `'a`.
unsafe fn utf8<'a>(p: *const c_char, message: &'static str) -> Result<&'a str, Failure> {
    // SAFETY: per the contract above.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| fail_static(dmap_status::DMAP_ERR_INVALID_ARG, message))
}

/// Maps a `dicom_map::Error` to a status and its message.
fn from_error(context: &str, e: &Error) -> Failure {
    let status = match e {
        Error::Io { .. } | Error::TooLarge { .. } => dmap_status::DMAP_ERR_IO,
        Error::UnsupportedVersion { .. } => dmap_status::DMAP_ERR_VERSION,
        Error::ChecksumMismatch { .. } => dmap_status::DMAP_ERR_CHECKSUM,
        _ => dmap_status::DMAP_ERR_FORMAT,
    };
    fail(status, format!("{context}: {e}"))
}

/// Verifies `dict` fully and builds the handle.
fn open_dict(context: &str, dict: Result<Dict, Error>) -> Result<*mut dmap_dict, Failure> {
    let dict = dict.map_err(|e| from_error(context, &e))?;
    dict.verify().map_err(|e| from_error(context, &e))?;
    Ok(Box::into_raw(Box::new(dmap_dict {
        inner: Handle::new(dict),
    })))
}

/// The ABI version this library was built with; compare it with `DMAP_ABI_VERSION`.
/// Thread-safe; never fails.
#[no_mangle]
pub extern "C" fn dmap_abi_version() -> u32 {
    DMAP_ABI_VERSION
}

/// The library's version, e.g. "0.1.0". Static storage: never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn dmap_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// A fixed, one-line description of a status value, e.g. "not found". Any int is accepted;
/// values that are not a `dmap_status` give "unknown status". Static storage: never free it.
/// Thread-safe; never fails.
#[no_mangle]
pub extern "C" fn dmap_status_message(status: c_int) -> *const c_char {
    let text: &'static str = match status {
        0 => "ok\0",
        1 => "not found\0",
        2 => "a required pointer argument was NULL\0",
        3 => "invalid argument\0",
        4 => "the file could not be read\0",
        5 => "not a valid .dmap file\0",
        6 => "unsupported .dmap format version\0",
        7 => "checksum mismatch: the file is damaged\0",
        8 => "internal error (Rust panic caught)\0",
        _ => "unknown status\0",
    };
    text.as_ptr().cast()
}

/// A stable lower-case name for a `dmap_kind` value: "public", "repeater", "private",
/// "private-repeater", "group-length", "private-creator"; "unknown" for other values.
/// Static storage: never free it. Thread-safe; never fails.
#[no_mangle]
pub extern "C" fn dmap_kind_name(kind: c_int) -> *const c_char {
    let text: &'static str = match kind {
        1 => "public\0",
        2 => "repeater\0",
        3 => "private\0",
        4 => "private-repeater\0",
        5 => "group-length\0",
        6 => "private-creator\0",
        _ => "unknown\0",
    };
    text.as_ptr().cast()
}

/// The detailed message of the most recent call *on the calling thread* that returned a
/// `DMAP_ERR_*` status (or NULL from `dmap_open*`/`dmap_edition`), e.g. "cannot open
/// /x/tags.dmap: cannot read /x/tags.dmap: No such file or directory (os error 2)"; "" if there
/// was none. Successful calls and `DMAP_NOT_FOUND` leave it unchanged.
///
/// Thread-local: each thread sees only its own errors. The string is owned by the library and
/// stays valid until the next failing `dmap_` call on the same thread or the thread's exit; copy
/// it to keep it. Never returns NULL.
#[no_mangle]
pub extern "C" fn dmap_last_error_message() -> *const c_char {
    guard::last_error_ptr()
}

/// Opens the `.dmap` dictionary at `path` (a NUL-terminated path in the platform's encoding):
/// reads the file into memory (files up to 64 MiB; the bundled dictionary is about 1.4 MB) and
/// verifies it fully (checksums, every reference, every sort order), so a damaged file fails here
/// rather than giving wrong answers later. Opening also builds the tables lookups borrow from.
/// Both are linear in the file's size, whatever the file holds: the bundled dictionary opens in
/// about 20 ms, and a hostile file (say, every entry sharing one long name) in well under a
/// second per megabyte, the same per megabyte at any size (DEVELOPMENT.md, "Robustness and
/// fuzzing", gives the worst cases measured).
///
/// The dictionary keeps its own copy of the bytes: the file may be replaced, rewritten or
/// truncated while it is open without any effect. A path that is not a regular file (a FIFO,
/// socket, device or directory) fails at once with `DMAP_ERR_IO`, without blocking; so does a
/// file over 64 MiB (open it with `dmap_open_mmap`).
///
/// Returns a new dictionary, owned by the caller, who must release it with `dmap_close`; or NULL
/// on failure. `status` may be NULL; otherwise `*status` is set to `DMAP_OK` or the reason:
/// `DMAP_ERR_NULL_ARG` (path NULL), `DMAP_ERR_IO`, `DMAP_ERR_FORMAT`, `DMAP_ERR_VERSION`,
/// `DMAP_ERR_CHECKSUM`; details from `dmap_last_error_message()`.
///
/// Thread-safe: any thread may open dictionaries at any time.
#[no_mangle]
pub unsafe extern "C" fn dmap_open(
    path: *const c_char,
    status: *mut dmap_status,
) -> *mut dmap_dict {
    guard::pointer(status, || {
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { path_arg(path, "dmap_open: path is NULL\0") }?;
        open_dict(&format!("cannot open {}", path.display()), Dict::open(path))
    })
}

/// Like `dmap_open`, but memory-maps the file instead of copying it (no size limit, pages shared
/// between processes), and verifies it the same way.
///
/// RISK: the file must not be truncated while the dictionary is open. If another process
/// truncates it, the next call that reads a lost page makes the operating system kill the whole
/// process with SIGBUS, which the library cannot catch or report. Rewriting the file in place
/// changes answers (`dmap_verify` then fails). Use it only for files replaced atomically (write a
/// new file, rename it over the old one), never for files on network shares or in folders a sync
/// tool manages; otherwise use `dmap_open`.
///
/// Thread-safe: any thread may open dictionaries at any time.
#[no_mangle]
pub unsafe extern "C" fn dmap_open_mmap(
    path: *const c_char,
    status: *mut dmap_status,
) -> *mut dmap_dict {
    guard::pointer(status, || {
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { path_arg(path, "dmap_open_mmap: path is NULL\0") }?;
        open_dict(
            &format!("cannot open {}", path.display()),
            Dict::open_mmap(path),
        )
    })
}

/// The path a `dmap_open*` caller passed.
///
/// # Safety
///
/// `path` is NULL or a NUL-terminated string that outlives `'a`.
unsafe fn path_arg<'a>(
    path: *const c_char,
    null_message: &'static str,
) -> Result<&'a std::path::Path, Failure> {
    if path.is_null() {
        return Err(null_arg(null_message));
    }
    // SAFETY: the caller passes a NUL-terminated string, as documented; it is only borrowed for
    // the duration of the call.
    let bytes = unsafe { CStr::from_ptr(path) }.to_bytes();
    Ok(std::path::Path::new(OsStr::from_bytes(bytes)))
}

/// Opens the dictionary compiled into the library (the project's `dicom-map/tags.dmap` at build
/// time): no file is read. Like `dmap_open`, it verifies the bytes and returns a new dictionary
/// that the caller must release with `dmap_close`, or NULL with `*status` set (`status` may be
/// NULL). Each call returns an independent dictionary.
///
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn dmap_open_embedded(status: *mut dmap_status) -> *mut dmap_dict {
    guard::pointer(status, || {
        open_dict("embedded dictionary", Ok(Dict::embedded()))
    })
}

/// Releases a dictionary and everything borrowed from it: every string of every `dmap_entry` it
/// filled and the result of `dmap_edition` become invalid. `dmap_close(NULL)` does nothing.
///
/// Not thread-safe with respect to `dict`: no other call may use `dict` during or after this
/// one, and closing the same dictionary twice is undefined behaviour.
#[no_mangle]
pub unsafe extern "C" fn dmap_close(dict: *mut dmap_dict) {
    let _ = guard::status(|| {
        if !dict.is_null() {
            // SAFETY: a non-NULL `dict` came from `Box::into_raw` in `dmap_open*` and, per the
            // contract above, is closed once and not used afterwards.
            drop(unsafe { Box::from_raw(dict) });
        }
        Ok(dmap_status::DMAP_OK)
    });
}

/// Verifies the dictionary again in full, as `dmap_open` already did: every byte the library
/// relies on (the header and section table re-read from the bytes, both CRC-32s, every
/// reference, every order); useful to re-check a file opened with `dmap_open_mmap` that may have
/// been rewritten in place. Returns `DMAP_OK`, or `DMAP_ERR_NULL_ARG`, `DMAP_ERR_FORMAT`,
/// `DMAP_ERR_VERSION`, `DMAP_ERR_CHECKSUM` with a message from `dmap_last_error_message()`.
/// Linear in the file's size, whatever the file holds.
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_verify(dict: *const dmap_dict) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_verify: dict is NULL\0") }?;
        h.dict
            .verify()
            .map_err(|e| from_error("verification failed", &e))?;
        Ok(dmap_status::DMAP_OK)
    })
}

/// The PS3.6 edition the dictionary was built from, e.g. "2025b". The string is borrowed from
/// `dict` and valid until `dmap_close(dict)`. Returns NULL (and records `DMAP_ERR_NULL_ARG` for
/// `dmap_last_error_message`) if `dict` is NULL.
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_edition(dict: *const dmap_dict) -> *const c_char {
    guard::pointer(std::ptr::null_mut(), || {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_edition: dict is NULL\0") }?;
        Ok(h.edition.as_ptr().cast_mut())
    })
}

/// Sets `*count` to the number of entries that `dmap_entry_at` lists: public, repeating-group and
/// private entries (the synthetic group-length and private-creator entries are not counted).
/// Returns `DMAP_OK` or `DMAP_ERR_NULL_ARG` (`dict` or `count` NULL).
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_count(dict: *const dmap_dict, count: *mut usize) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_count: dict is NULL\0") }?;
        if count.is_null() {
            return Err(null_arg("dmap_count: count is NULL\0"));
        }
        // SAFETY: `count` is non-NULL and points at writable storage, as documented.
        unsafe { count.write(h.dict.len()) };
        Ok(dmap_status::DMAP_OK)
    })
}

/// Fills `*entry` with entry number `index` (0 <= index < `dmap_count`), in entry-id order:
/// public entries ascending by tag, then repeating groups, private entries (by group, creator,
/// element) and private repeating groups. The entry is described under its own key: `group` and
/// `element` are the entry's (see `dmap_entry`), `creator` its canonical creator,
/// `creator_match` `DMAP_CREATOR_EXACT`.
///
/// Returns `DMAP_OK`, `DMAP_NOT_FOUND` for an index past the end, or `DMAP_ERR_NULL_ARG`. On any
/// status but `DMAP_OK`, `*entry` is left unchanged. Strings in `*entry` are borrowed from
/// `dict` until `dmap_close(dict)`. Constant time; allocates nothing.
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_entry_at(
    dict: *const dmap_dict,
    index: usize,
    entry: *mut dmap_entry,
) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_entry_at: dict is NULL\0") }?;
        if entry.is_null() {
            return Err(null_arg("dmap_entry_at: entry is NULL\0"));
        }
        // Borrowed where the lookup left it (see `dmap_lookup`).
        let found = u32::try_from(index).ok().and_then(|id| h.dict.entry(id));
        let Some(v) = &found else {
            return Ok(dmap_status::DMAP_NOT_FOUND);
        };
        // SAFETY: `entry` is non-NULL and points at writable `dmap_entry` storage, as documented.
        unsafe { h.write_entry(v, entry) };
        Ok(dmap_status::DMAP_OK)
    })
}

/// Looks up the tag (`group`, `element`) and fills `*entry`.
///
/// `creator` is the private creator that reserved the element's block, i.e. the value of
/// (gggg,00BB) for element (gggg,BBEE), or NULL for none (public tags need none). It may keep
/// DICOM's padding: leading and trailing spaces and NULs are ignored; if its exact spelling is
/// unknown, its folded form (ASCII whitespace deleted, a-z upper-cased) is tried. With a creator,
/// a private element may be given in full (0x100C: block 0x10, low byte 0x0C) or as its low
/// byte alone (0x000C, the "xx0C" of the dictionaries); a block-specific entry wins over the
/// any-block one. The rules, in order: public tag; in a private group, group length, the
/// creator's entry, private creator element (gggg,0010-00FF), and nothing else (a private group
/// never falls through to the repeating groups: (6001,3000) is not found); repeating groups such
/// as (60xx,3000); group length (gggg,0000).
///
/// Returns `DMAP_OK`, `DMAP_NOT_FOUND` (no rule matched; e.g. an unknown public tag, a private
/// element without a known creator, the reserved elements (gggg,0001-000F)), `DMAP_ERR_NULL_ARG`
/// (`dict` or `entry` NULL) or `DMAP_ERR_INVALID_ARG` (`creator` not UTF-8). On any status but
/// `DMAP_OK`, `*entry` is left unchanged. Strings in `*entry` are borrowed from `dict` until
/// `dmap_close(dict)`. `creator` is only read during the call. Allocates nothing, whatever the
/// creator (padded, folded, unknown, or of any length).
///
/// Thread-safe: any number of threads may look up in the same dictionary at once; only
/// `dmap_close` must not run concurrently.
#[no_mangle]
pub unsafe extern "C" fn dmap_lookup(
    dict: *const dmap_dict,
    group: u16,
    element: u16,
    creator: *const c_char,
    entry: *mut dmap_entry,
) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_lookup: dict is NULL\0") }?;
        if entry.is_null() {
            return Err(null_arg("dmap_lookup: entry is NULL\0"));
        }
        let creator = if creator.is_null() {
            None
        } else {
            // SAFETY: a non-NULL `creator` is a NUL-terminated string, as documented.
            Some(unsafe { utf8(creator, "dmap_lookup: creator is not valid UTF-8\0") }?)
        };
        // Borrowed where the lookup left it: moving the view out would copy it whole.
        let found = h.dict.lookup(group, element, creator);
        let Some(v) = &found else {
            return Ok(dmap_status::DMAP_NOT_FOUND);
        };
        // SAFETY: `entry` is non-NULL and points at writable `dmap_entry` storage, as documented.
        unsafe { h.write_entry(v, entry) };
        Ok(dmap_status::DMAP_OK)
    })
}

/// Finds the entry whose keyword is exactly `keyword` (case-sensitive, e.g.
/// "SpecificCharacterSet", or a private keyword such as "CSAImageHeaderType") and fills
/// `*entry`, described under the entry's own key as by `dmap_entry_at`.
///
/// Private keywords are unique only per creator: with `creator` NULL the entry with the lowest
/// entry id wins (public entries come first); with a creator (matched as by `dmap_lookup`,
/// exact then folded) only that creator's entries are considered and `creator_match` says how
/// it matched.
///
/// Returns `DMAP_OK`, `DMAP_NOT_FOUND`, `DMAP_ERR_NULL_ARG` (`dict`, `keyword` or `entry` NULL)
/// or `DMAP_ERR_INVALID_ARG` (`keyword` or `creator` not UTF-8). On any status but `DMAP_OK`,
/// `*entry` is left unchanged. Strings in `*entry` are borrowed from `dict` until
/// `dmap_close(dict)`; `keyword` and `creator` are only read during the call.
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_lookup_keyword(
    dict: *const dmap_dict,
    keyword: *const c_char,
    creator: *const c_char,
    entry: *mut dmap_entry,
) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_lookup_keyword: dict is NULL\0") }?;
        if keyword.is_null() {
            return Err(null_arg("dmap_lookup_keyword: keyword is NULL\0"));
        }
        if entry.is_null() {
            return Err(null_arg("dmap_lookup_keyword: entry is NULL\0"));
        }
        // SAFETY: `keyword` is a non-NULL NUL-terminated string, as documented.
        let keyword =
            unsafe { utf8(keyword, "dmap_lookup_keyword: keyword is not valid UTF-8\0") }?;
        let creator = if creator.is_null() {
            None
        } else {
            // SAFETY: a non-NULL `creator` is a NUL-terminated string, as documented.
            Some(unsafe { utf8(creator, "dmap_lookup_keyword: creator is not valid UTF-8\0") }?)
        };
        // Borrowed where the lookup left it (see `dmap_lookup`).
        let found = h.dict.lookup_keyword(keyword, creator);
        let Some(v) = &found else {
            return Ok(dmap_status::DMAP_NOT_FOUND);
        };
        // SAFETY: `entry` is non-NULL and points at writable `dmap_entry` storage, as documented.
        unsafe { h.write_entry(v, entry) };
        Ok(dmap_status::DMAP_OK)
    })
}

/// The tag of a keyword: sets `*group` and `*element` for the entry `dmap_lookup_keyword(dict,
/// keyword, NULL, ...)` finds (e.g. "SpecificCharacterSet" gives 0x0008, 0x0005). For a
/// repeating group the group is the masked value (0x6000 for "OverlayData"); for a private entry
/// the element is 0x00EE or 0xBBEE (use `dmap_lookup_keyword` to learn its creator).
///
/// Returns `DMAP_OK`, `DMAP_NOT_FOUND`, `DMAP_ERR_NULL_ARG` (any argument NULL) or
/// `DMAP_ERR_INVALID_ARG` (`keyword` not UTF-8). On any status but `DMAP_OK` the outputs are
/// left unchanged.
///
/// Thread-safe: may run concurrently with any call except `dmap_close` on the same dictionary.
#[no_mangle]
pub unsafe extern "C" fn dmap_tag_for_keyword(
    dict: *const dmap_dict,
    keyword: *const c_char,
    group: *mut u16,
    element: *mut u16,
) -> dmap_status {
    guard::status(|| {
        // SAFETY: `dict` is NULL or open, as documented.
        let h = unsafe { handle(dict, "dmap_tag_for_keyword: dict is NULL\0") }?;
        if keyword.is_null() {
            return Err(null_arg("dmap_tag_for_keyword: keyword is NULL\0"));
        }
        if group.is_null() || element.is_null() {
            return Err(null_arg("dmap_tag_for_keyword: group or element is NULL\0"));
        }
        // SAFETY: `keyword` is a non-NULL NUL-terminated string, as documented.
        let keyword = unsafe {
            utf8(
                keyword,
                "dmap_tag_for_keyword: keyword is not valid UTF-8\0",
            )
        }?;
        let Some(v) = h.dict.lookup_keyword(keyword, None) else {
            return Ok(dmap_status::DMAP_NOT_FOUND);
        };
        // SAFETY: both are non-NULL and point at writable `uint16_t` storage, as documented.
        unsafe {
            group.write(v.group());
            element.write(v.element());
        }
        Ok(dmap_status::DMAP_OK)
    })
}
