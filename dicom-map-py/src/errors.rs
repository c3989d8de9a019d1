//! Python exceptions for the crate's [`dicom_map::Error`].

use std::io;
use std::path::Path;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    dicom_map,
    FormatError,
    PyValueError,
    "The file is not a valid .dmap dictionary (truncated, damaged, another format or a newer \
     version). The message says what is wrong; rebuild or download the file again."
);

/// `ValueError("dictionary is closed")`, raised by every method of a closed `Dict`.
pub(crate) fn closed() -> PyErr {
    PyValueError::new_err("dictionary is closed")
}

/// The Python exception for an error opening or verifying the file at `path` (`None`: the
/// bundled dictionary).
///
/// An unreadable file becomes the `OSError` subclass its errno selects (`FileNotFoundError`,
/// `PermissionError`, `IsADirectoryError`, ...), with `filename` set (a FIFO, socket or device:
/// `OSError` at once); a file too large to read into memory is `OSError` with `errno.EFBIG`;
/// anything else is a
/// `FormatError` whose message names the file and the crate's description of the fault.
pub(crate) fn to_py(err: dicom_map::Error, path: Option<&Path>) -> PyErr {
    match err {
        dicom_map::Error::Io { path, source } => os_error(&path, &source),
        too_large @ dicom_map::Error::TooLarge { .. } => {
            let filename = path.map(|p| p.as_os_str().to_owned());
            // EFBIG ("File too large"), 27 on every platform CPython supports.
            PyOSError::new_err((27, too_large.to_string(), filename))
        }
        other => {
            let what = path.map_or_else(
                || "the bundled dictionary".to_owned(),
                |p| p.display().to_string(),
            );
            FormatError::new_err(format!("{what}: {other}"))
        }
    }
}

fn os_error(path: &Path, source: &io::Error) -> PyErr {
    let filename = path.as_os_str().to_owned();
    if let Some(errno) = source.raw_os_error() {
        // OSError(errno, strerror, filename) returns the matching subclass (FileNotFoundError for
        // ENOENT, ...), as Python's own open() does.
        return PyOSError::new_err((errno, strerror(source), filename));
    }
    if path.is_dir() {
        // The crate refuses anything that is not a regular file without an errno; Python's own
        // open() says IsADirectoryError for a directory.
        return PyOSError::new_err((libc_eisdir(), "Is a directory", filename));
    }
    PyOSError::new_err((0, source.to_string(), filename))
}

/// The OS message without Rust's " (os error N)" suffix.
fn strerror(source: &io::Error) -> String {
    let text = source.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// `EISDIR`, which is 21 on every platform CPython supports except Windows (where it is also 21
/// in the C runtime's `errno.h`).
const fn libc_eisdir() -> i32 {
    21
}
