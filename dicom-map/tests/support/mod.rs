//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod builder;
pub mod worst_case;

use std::path::PathBuf;

/// The bundled dictionary the Python compiler writes.
pub fn real_path() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tags.dmap"))
}

/// The bytes of the bundled dictionary. Panics (fails the test) if it is missing: these tests
/// must never pass by skipping.
pub fn real_bytes() -> Vec<u8> {
    let path = real_path();
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{} is required for this test: {e}", path.display()))
}
