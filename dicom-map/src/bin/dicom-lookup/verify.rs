//! `dicom-lookup verify`: the full check. Opening already verified a file the user named (a corrupt
//! one never gets here: it exits 1 with the error); the embedded dictionary, opened with the O(1)
//! checks only, is verified here. This command reports the success.

use std::io::Write;

use serde_json::json;

use crate::open::Opened;
use crate::render;
use crate::{Failure, Outcome};

/// Prints that the dictionary passed [`dicom_map::Dict::verify`].
pub fn run(opened: &Opened, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    opened
        .dict
        .verify()
        .map_err(|e| Failure::error(format!("{}: {e}", opened.origin())))?;
    let entries = opened.dict.len();
    if json {
        render::write_json(
            out,
            &json!({ "ok": true, "file": opened.absolute_origin(), "entries": entries }),
        )?;
    } else {
        writeln!(
            out,
            "ok: {} verified ({entries} entries)",
            opened.absolute_origin()
        )
        .map_err(Failure::output)?;
    }
    Ok(Outcome::Found)
}
