//! `dicom-lookup search TEXT`: entries whose name or keyword contains TEXT.

use std::io::Write;

use dicom_map::Dict;

use crate::render;
use crate::{Failure, Outcome};

/// Prints every hit; not found (3) when there is none.
pub fn run(dict: &Dict, text: &str, json: bool, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let hits: Vec<_> = dict.search(text).collect();
    if json {
        render::write_json(
            out,
            &hits
                .iter()
                .map(render::view_json)
                .collect::<Vec<_>>()
                .into(),
        )?;
    } else {
        for v in &hits {
            render::write_line(out, v)?;
        }
    }
    if hits.is_empty() {
        eprintln!("dicom-lookup: no entry matches {text:?}");
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Found)
}
