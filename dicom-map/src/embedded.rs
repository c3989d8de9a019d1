//! The dictionary compiled into the crate (feature `embedded`): `tags.dmap` (beside `Cargo.toml`).

use std::sync::OnceLock;

use crate::dict::{Dict, Storage};

/// The bytes of `dicom-map/tags.dmap` at build time.
pub(crate) static BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap"));

impl Dict {
    /// A new handle on the embedded dictionary (no copy: the bytes are in the binary).
    ///
    /// # Panics
    ///
    /// If the bundled file is not a valid `.dmap`, which the crate's own tests rule out for every
    /// release (they open and verify it).
    pub fn embedded() -> Dict {
        Dict::from_bytes(Storage::from(BYTES))
            .expect("the bundled dicom-map/tags.dmap is a valid .dmap file")
    }
}

/// The embedded dictionary, opened once and shared (see [`Dict::embedded`]).
pub fn embedded() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(Dict::embedded)
}
