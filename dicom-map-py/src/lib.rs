//! `dicom_map._native`: the compiled half of the `dicom_map` Python package.
//!
//! Python code imports `dicom_map`, whose `__init__.py` re-exports what this module defines:
//! the [`Dict`](dict::PyDmap) class and the `FormatError` exception. The module is private so
//! that the facade can change without breaking users.
//!
//! Two promises hold for every function exported here:
//!
//! - **No panic reaches Python.** The `dicom-map` crate promises not to panic on any input; every
//!   exported function still runs inside `guard`, which turns a panic into `FormatError` instead
//!   of PyO3's `PanicException` (a `BaseException` that `except Exception` does not catch).
//! - **Errors are the ones a Python user expects**: `FileNotFoundError` (and the other `OSError`
//!   subclasses) for a file that cannot be read, `FormatError` (a `ValueError`) for one that is not
//!   a valid `.dmap`, `ValueError` for a tag out of range, `TypeError` for a wrong argument type.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;

mod convert;
mod dict;
mod errors;
mod pydicom_patch;

pub use dict::{EntryIter, PyDmap};
pub use errors::FormatError;

/// Runs `f`, turning a Rust panic into `FormatError` (see the module docs).
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(FormatError::new_err(format!(
            "internal error while reading the dictionary ({}); please report it",
            panic_message(payload.as_ref())
        ))),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "panic"
    }
}

/// The module `dicom_map._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDmap>()?;
    m.add_class::<EntryIter>()?;
    m.add("FormatError", m.py().get_type::<FormatError>())?;
    m.add("FORMAT_VERSION", dicom_map::FORMAT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
