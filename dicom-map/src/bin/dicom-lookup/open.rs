//! Choosing and opening the dictionary: `--file`, else `$DMAP_FILE`, else the embedded one.

use std::path::{Path, PathBuf};

use dicom_map::Dict;

use crate::Failure;

/// An opened dictionary and where it came from.
pub struct Opened {
    /// The dictionary.
    pub dict: Dict,
    /// Its path, or `None` for the embedded dictionary.
    pub path: Option<PathBuf>,
}

impl Opened {
    /// `the path` or `embedded`, for messages and `info`.
    pub fn origin(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "embedded".to_owned(), |p| p.display().to_string())
    }
}

/// Opens the dictionary the user chose: a file is verified in full, the embedded dictionary
/// (verified at build) only checked in O(1).
pub fn open(file: Option<&Path>) -> Result<Opened, Failure> {
    let path = file.map(Path::to_path_buf).or_else(|| {
        std::env::var_os("DMAP_FILE")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let dict = match &path {
        Some(p) => {
            let dict = Dict::open(p).map_err(|e| Failure::error(format_error(p, &e)))?;
            // A file the user names may be damaged: the full check (linear, about a millisecond
            // for the bundled dictionary's size) before answering from it.
            dict.verify()
                .map_err(|e| Failure::error(format!("{}: {e}", p.display())))?;
            dict
        }
        // The embedded dictionary was verified when the crate was built and tested
        // (tests/embedded.rs); opening it does only the O(1) checks, so a one-shot lookup costs
        // little more than starting the process. `dicom-lookup verify` still checks it in full.
        None => embedded()?,
    };
    Ok(Opened { dict, path })
}

fn format_error(path: &Path, e: &dicom_map::Error) -> String {
    match e {
        // The I/O error already names the path.
        dicom_map::Error::Io { .. } => e.to_string(),
        _ => format!("{}: {e}", path.display()),
    }
}

#[cfg(feature = "embedded")]
fn embedded() -> Result<Dict, Failure> {
    Ok(Dict::embedded())
}

#[cfg(not(feature = "embedded"))]
fn embedded() -> Result<Dict, Failure> {
    Err(Failure::usage(
        "no dictionary: pass --file PATH or set DMAP_FILE (this build has no embedded dictionary)",
    ))
}
