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

    /// The absolute path, as Python's `Dict.path` gives it (`std::path::absolute`: joined to
    /// the working directory, `.` components dropped, symlinks and `..` kept), or `None` for the
    /// embedded dictionary.
    fn absolute_path(&self) -> Option<String> {
        self.path.as_ref().map(|p| {
            let joined = match std::env::current_dir() {
                Ok(cwd) if p.is_relative() => cwd.join(p),
                _ => p.clone(),
            };
            let abs: PathBuf = joined
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect();
            abs.to_string_lossy().into_owned()
        })
    }

    /// The absolute path as JSON, `null` for the embedded dictionary (`info --json`).
    pub fn path_json(&self) -> serde_json::Value {
        self.absolute_path()
            .map_or(serde_json::Value::Null, Into::into)
    }

    /// The absolute path, or `embedded` (`verify`).
    pub fn absolute_origin(&self) -> String {
        self.absolute_path()
            .unwrap_or_else(|| "embedded".to_owned())
    }

    /// The second line of `--version`: which dictionary, its edition and build (the same text
    /// as `python -m dicom_map --version`).
    pub fn version_line(&self) -> String {
        let which = match &self.path {
            Some(p) => p.display().to_string(),
            None => "bundled".to_owned(),
        };
        let build = self.dict.metadata_value("build").unwrap_or("unknown");
        format!(
            "dictionary: {which}, edition {}, build {build}",
            self.dict.edition()
        )
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
